"""The international-standards lens (regime `standards`): ICCPR art. 21 as UN HRC General Comment No. 37
(2020) reads it, with the OSCE/ODIHR-Venice Commission Guidelines beside it; the principles of
shared/law/standards.md that the facts of a planned assembly can decide.

The lens does not replace Law 333-VI, it measures it. `evaluate` first runs the national regime in force for
the same facts and hands its context, parameters and evaluation to these rules (`Context.national*`). Each
rule says where the Law, applied to these facts, departs from one principle. Where the Law's own engine
already establishes the restriction (a picket-free boundary, the 09:00-20:00 window, an occupancy norm), the
rule reads that national finding rather than working it out a second time.

Every finding:
- has the principle's code from standards.md and cites the principal GC37 paragraph (`citation.paragraph`);
- carries in its facts every GC37 paragraph of the principle (`gc37`) and the ODIHR Guidelines' sections
  (`odihr`): the ODIHR references are facts, not second findings (docs/interpretations.md);
- carries the Law's side (`law_*`): the national regime, the provision and its citation parts, the national
  finding it answers (`law_code`) and the message key of what the Law says (`law_says`), for `beibit compare`;
- is a `warning` (or an `info` where the Law only allows a restriction), never a refusal ground.

Not encoded here, because they judge a case's later history or the register rather than a plan: S6, S8, S9,
S10, S18, S19's review of an actual decision, S21-S27 (docs/interpretations.md lists them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from beibit.law import procedure
from beibit.law.divergence import reference
from beibit.law.model import Citation, FactValue, Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import (
    Context,
    Track,
    cite,
    finding_with,
    ground,
    ground_cite,
    iso,
    named,
    rule,
)
from beibit.places import RegistryError, UnknownSettlementError


@dataclass(frozen=True, slots=True)
class Principle:
    """One principle of standards.md: the GC37 paragraph a finding cites, all its GC37 paragraphs, and its
    ODIHR Guidelines sections ("2nd": 2010 edition, section letters and numbers; "3rd": 2019/2020 edition)."""

    paragraph: int
    gc37: str
    odihr: str


PRINCIPLES: dict[str, Principle] = {
    "STD.NOTIF_NOT_AUTH": Principle(70, "70, 73", "2nd A-4.1; 3rd B p.41"),
    "STD.NOTIF_BURDEN": Principle(70, "70", "2nd A-2.6, A-4.1"),
    "STD.LEAD_TIME": Principle(72, "72", "2nd A-4.1"),
    "STD.MINIMAL_IMPACT_EXEMPT": Principle(72, "72, 13", "2nd A-4.1"),
    "STD.SPONTANEOUS": Principle(14, "14, 72", "2nd A-4.2"),
    "STD.EVERYONE": Principle(5, "5, 25", "3rd B Participation p.17; 2nd A-2.5"),
    "STD.PLACE_PUBLIC_SPACE": Principle(55, "55", "2nd A-3.2"),
    "STD.SIGHT_AND_SOUND": Principle(22, "22, 26, 53", "3rd para. 22; 2nd A-3.5"),
    "STD.NO_PERIMETER_ZONES": Principle(56, "56", "2nd A-3.2"),
    "STD.TIME": Principle(54, "54", "2nd A-3.4"),
    "STD.MANNER_EQUIPMENT": Principle(58, "58", "2nd A-3.4"),
    "STD.NUMBERS": Principle(59, "59", "2nd A-3.4"),
    "STD.COSTS": Principle(64, "64", "2nd A-5.2"),
    "STD.TIMELY_DECISION_REMEDY": Principle(72, "72, 69, 29, 99", "2nd A-4.5, A-4.6; 3rd B p.46"),
    "STD.PRESUMPTION_SILENCE": Principle(73, "73, 36", "2nd A-2.1"),
}

#: Content items whose absence the standards accept as a reason to ask again: facilitation cannot work
#: without the place and the time (standards.md S2). Any other missing item is the Law's bureaucracy.
MATERIAL_ITEMS = frozenset({"content.missing_place", "content.missing_date_or_time"})


def _std(
    code: str,
    severity: Literal["warning", "info"],
    law: Citation,
    law_says: str,
    c: Context,
    facts: dict[str, FactValue],
    *,
    law_code: str | None = None,
    law_ground: str | None = None,
) -> Finding:
    """A finding of the lens: the principle's citation and references, the facts, and the Law's side."""
    principle = PRINCIPLES[code]
    national = c.national_evaluation
    values: dict[str, FactValue] = {
        **facts,
        "gc37": principle.gc37,
        "odihr": principle.odihr,
        "law_regime": national.regime.id if national is not None else None,
        "law_ref": reference(law),
        "law_act": law.act,
        "law_article": law.article,
        "law_paragraph": law.paragraph,
        "law_subparagraph": law.subparagraph,
        "law_code": law_code,
        "law_ground": law_ground,
        "law_says": law_says,
    }
    return finding_with(code, severity, cite(None, principle.paragraph, act="GC37"), values)


def _answering(
    national: Finding,
    code: str,
    c: Context,
    facts: dict[str, FactValue] | None = None,
    severity: Literal["warning", "info"] = "warning",
) -> Finding:
    """A lens finding that answers one finding of the national evaluation, with that finding's facts."""
    return _std(
        code,
        severity,
        national.citation,
        national.code,
        c,
        {**national.facts, **(facts or {})},
        law_code=national.code,
        law_ground=national.ground,
    )


def _law(c: Context) -> tuple[Context, Params] | None:
    """The national context and parameters (None when the assembly is outside the national law)."""
    if c.national is None or c.national_params is None:
        return None
    return c.national, c.national_params


#: The Law's findings of a picket inside a picket-free boundary: a ground where an official source classes the
#: object, an `info` where only the project's reading does (the boundary is drawn either way).
_IN_PICKET_FREE_ZONE = ("place.picket_in_prohibited_territory", "place.near_project_reading_object")


def _law_findings(c: Context, *codes: str) -> list[Finding]:
    evaluation = c.national_evaluation
    if evaluation is None:
        return []
    return [f for f in evaluation.findings if f.code in codes]


def expected(a: PlannedAssembly) -> int | None:
    """The expected participants; a picket without a number is one person (333-VI art. 1(10))."""
    if a.expected_participants is not None:
        return a.expected_participants
    return 1 if a.form == "picket" else None


def _no_time_to_notify(a: PlannedAssembly, p: Params, c: Context) -> bool:
    """The assembly answers an event so recent that not even the benchmark notice could be given."""
    occurred = a.occasion.occurred_on if a.occasion is not None else None
    if occurred is None or c.start_local is None or occurred > c.start_local.date():
        return False
    event_day_start = dt.datetime.combine(occurred, dt.time(0, 0), c.start_local.tzinfo)
    return c.start_local - event_day_start < dt.timedelta(hours=p.integer("benchmark_notice_hours"))


def standards_track(a: PlannedAssembly, p: Params, c: Context) -> Track:
    """GC37 para. 72, 14: no notice for a minimal-impact assembly (closed premises; at most the threshold of
    participants) nor where there was no time to give one; otherwise a notice that only helps facilitation."""
    if a.indoors and p.flag("minimal_impact_indoors"):
        return "exempt"
    participants = expected(a)
    if participants is not None and participants <= p.integer("minimal_impact_max_participants"):
        return "exempt"
    if _no_time_to_notify(a, p, c):
        return "exempt"
    return "notification"


# --- rules ----------------------------------------------------------------------------------------------


@rule
def permission_not_notification(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 70, 73 (S1, STD.NOTIF_NOT_AUTH): the Law's approval track where notice at most is
    justified (333-VI art. 12(1) for demonstrations and marches)."""
    law = _law(c)
    if law is None or law[0].track not in ("application", "permission"):
        return []
    nc, np_ = law
    forms = "application_forms" if nc.track == "application" else "permission_forms"
    return [
        _std("STD.NOTIF_NOT_AUTH", "warning", np_.cite(forms), "law.approval_required", c, {"form": a.form})
    ]


@rule
def procedure_not_burdensome(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 70 (S2, STD.NOTIF_BURDEN): the Law may refuse a filing over a missing item that is neither
    the place nor the time (333-VI art. 14(1)(5))."""
    evaluation = c.national_evaluation
    if evaluation is None:
        return []
    missing = [
        f
        for f in evaluation.findings
        if f.code.startswith("content.missing_") and f.code not in MATERIAL_ITEMS
    ]
    if not missing:
        return []
    return [
        _std(
            "STD.NOTIF_BURDEN",
            "warning",
            ground_cite(5),
            "law.incomplete_refused",
            c,
            {"missing_items": len(missing)},
            law_code=missing[0].code,
            law_ground=ground(5),
        )
    ]


def _lead_parameter(track: Track) -> str:
    return {
        "notification": "notification_lead_working_days",
        "application": "application_lead_working_days",
        "permission": "permission_lead_calendar_days",
    }.get(track, "notification_lead_working_days")


@rule
def lead_time_not_excessive(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 72 (S3, STD.LEAD_TIME): the Law's lead time, in calendar days for this date, against the
    benchmark of a short notice (333-VI art. 10(1), 12(1))."""
    law = _law(c)
    if law is None or c.track != "notification":
        return []  # an exempt assembly owes no notice at all (STD.MINIMAL_IMPACT_EXEMPT, STD.SPONTANEOUS)
    nc, np_ = law
    if nc.last_filing_day is None or nc.assembly_day is None or nc.lead_days is None:
        return []
    calendar_days = (nc.assembly_day - nc.last_filing_day).days
    benchmark = p.integer("benchmark_notice_hours")
    if calendar_days * 24 <= benchmark:
        return []
    facts: dict[str, FactValue] = {
        "lead_days": nc.lead_days,
        "lead_calendar_days": calendar_days,
        "last_filing_day": iso(nc.last_filing_day),
        "benchmark_hours": benchmark,
    }
    return [_std("STD.LEAD_TIME", "warning", np_.cite(_lead_parameter(nc.track)), "law.lead_time", c, facts)]


@rule
def minimal_impact_exempt(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 72, 13 (S4, STD.MINIMAL_IMPACT_EXEMPT): the Law asks a filing of an assembly so small that
    no notice may be asked (333-VI art. 10(1), 12(1): every form, a one-person picket included)."""
    law = _law(c)
    participants = expected(a)
    threshold = p.integer("minimal_impact_max_participants")
    if law is None or participants is None or participants > threshold:
        return []
    nc, np_ = law
    forms = {"notification": "notification_forms", "application": "application_forms"}.get(
        nc.track, "permission_forms"
    )
    facts: dict[str, FactValue] = {
        "form": a.form,
        "expected_participants": participants,
        "max_participants": threshold,
    }
    return [_std("STD.MINIMAL_IMPACT_EXEMPT", "warning", np_.cite(forms), "law.filing_required", c, facts)]


@rule
def spontaneous_assembly_protected(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 14, 72 (S5, STD.SPONTANEOUS): the assembly answers an event that came after the Law's last
    filing day; the Law has no urgent or spontaneous exception (333-VI art. 14(1)(4))."""
    law = _law(c)
    occurred = a.occasion.occurred_on if a.occasion is not None else None
    if law is None or occurred is None:
        return []
    nc = law[0]
    if nc.last_filing_day is None or nc.assembly_day is None:
        return []
    if not nc.last_filing_day < occurred <= nc.assembly_day:
        return []
    facts: dict[str, FactValue] = {"occurred_on": occurred.isoformat()}
    late = _law_findings(c, "timing.filed_late")
    if late:
        return [_answering(late[0], "STD.SPONTANEOUS", c, facts)]
    facts["last_filing_day"] = iso(nc.last_filing_day)
    return [
        _std(
            "STD.SPONTANEOUS",
            "warning",
            ground_cite(4),
            "law.no_urgent_exception",
            c,
            facts,
            law_ground=ground(4),
        )
    ]


@rule
def everyone_may_assemble(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 5, 25 (S7, STD.EVERYONE): the Law bars foreigners, stateless persons and minors from
    organizing (333-VI art. 1(4) -> 14(1)(6))."""
    variants = {"organizer.not_citizen": "citizenship", "organizer.not_adult": "age"}
    return [
        _answering(f, "STD.EVERYONE", c, {"variant": variants[f.code]}) for f in _law_findings(c, *variants)
    ]


def _moves_along_route(a: PlannedAssembly, c: Context) -> bool:
    """Whether the national law in force sends the form along a specialized route (its regime's
    `route_forms`: 333-VI art. 1(5), 1(12)), not to a specialized place."""
    return c.national_params is not None and procedure.moves_along_route(a.form, c.national_params)


@rule
def public_space_open(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 55 (S11, STD.PLACE_PUBLIC_SPACE): the Law confines meetings, rallies, marches and
    demonstrations to the maslikhat's specialized places and routes (333-VI art. 1(3), 9(1))."""
    found = _law_findings(c, "place.outside_specialized_places", "place.route_not_specialized")
    if not found or c.registry is None or a.settlement is None or c.assembly_day is None:
        return []
    try:
        if _moves_along_route(a, c):
            count = len(c.registry.routes_in_force(a.settlement, c.assembly_day))
        else:
            count = len(c.registry.places_in_force(a.settlement, c.assembly_day))
    except UnknownSettlementError:
        return []
    facts: dict[str, FactValue] = {"form": a.form, "settlement": a.settlement, "specialized": count}
    return [_answering(f, "STD.PLACE_PUBLIC_SPACE", c, facts) for f in found]


@rule
def within_sight_and_sound(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 22, 26, 53 (S12, STD.SIGHT_AND_SOUND): how close the Law lets the assembly come to the
    `target` the filing names: the nearest specialized place or route (333-VI art. 9(1)), or for a picket
    the edge of a picket-free boundary around the target (9(5))."""
    target = a.target
    registry, day, settlement = c.registry, c.assembly_day, a.settlement
    if target is None or target.point is None or registry is None or day is None or settlement is None:
        return []
    lon, lat = target.point
    reach = p.integer("sight_and_sound_m")
    name = target.name or "the target"
    try:
        if not registry.has_data(settlement, day):
            return []
        if a.form == "picket":
            return _picket_kept_away(a, c, lon, lat, reach, name)
        moving = _moves_along_route(a, c)
        candidates = (
            registry.routes_in_force(settlement, day) if moving else registry.places_in_force(settlement, day)
        )
        if not candidates:
            return []
        distance, _, entry = min(
            (registry.distance_m(settlement, lon, lat, entry), entry.id, entry) for entry in candidates
        )
        nearest = named("nearest", entry.name)
    except (RegistryError, UnknownSettlementError):
        return []
    if distance <= reach:
        return []
    facts: dict[str, FactValue] = {
        "variant": "place",
        "form": a.form,
        "target": name,
        "distance_m": round(distance),
        **nearest,
        "max_m": reach,
    }
    return [_std("STD.SIGHT_AND_SOUND", "warning", cite(9, 1), "law.specialized_places_only", c, facts)]


def _picket_kept_away(
    a: PlannedAssembly, c: Context, lon: float, lat: float, reach: int, name: str
) -> list[Finding]:
    """A target inside picket-free boundaries: the closest a picket may come is the widest margin left."""
    assert c.registry is not None and c.assembly_day is not None and a.settlement is not None
    hits = [h for h in c.registry.prohibited_zones_near(a.settlement, lon, lat, c.assembly_day) if h.inside]
    if not hits:
        return []
    widest = max(hits, key=lambda h: (h.buffer_m or 0) - h.distance_m)
    closest = (widest.buffer_m or 0) - widest.distance_m
    if closest <= reach:
        return []
    facts: dict[str, FactValue] = {
        "variant": "zone",
        "target": name,
        "closest_m": round(closest),
        "max_m": reach,
    }
    object_name = widest.object.name.text("en")
    in_zone = [f for f in _law_findings(c, *_IN_PICKET_FREE_ZONE) if f.facts.get("object") == object_name]
    if in_zone:
        return [_answering(in_zone[0], "STD.SIGHT_AND_SOUND", c, facts)]
    facts |= {**named("object", widest.object.name), "buffer_m": widest.buffer_m}
    citation = cite(9, 5, widest.object.article_9_5_subparagraph)
    return [_std("STD.SIGHT_AND_SOUND", "warning", citation, "law.picket_free_zone", c, facts)]


@rule
def no_perimeter_zones(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 56 (S13, STD.NO_PERIMETER_ZONES): a picket inside a picket-free boundary the maslikhat drew
    around an object (333-VI art. 9(5), 8(2) -> 14(1)(8))."""
    return [_answering(f, "STD.NO_PERIMETER_ZONES", c) for f in _law_findings(c, *_IN_PICKET_FREE_ZONE)]


@rule
def time_limits_justified(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 54 (S14, STD.TIME): the Law's limits on time: the 09:00-20:00 window (333-VI art. 9(4)),
    two hours a day and one picket at a time outside specialized places (9(6)), a maslikhat's hours (8(2))."""
    law = _law(c)
    found: list[Finding] = []
    if law is not None and law[1].has("earliest_start") and law[1].has("latest_end"):
        window: dict[str, FactValue] = {
            "variant": "window",
            "earliest": law[1].time("earliest_start").strftime("%H:%M"),
            "latest": law[1].time("latest_end").strftime("%H:%M"),
        }
        found += [
            _answering(f, "STD.TIME", c, window)
            for f in _law_findings(c, "timing.starts_before_window", "timing.ends_after_window")
        ]
    variants = {
        "place.picket_too_long_outside_places": "picket_hours",
        "place.picket_already_booked": "one_at_a_time",
        "place.local_limit_picket_hours": "local_hours",
    }
    found += [
        _answering(f, "STD.TIME", c, {"variant": variants[f.code]}) for f in _law_findings(c, *variants)
    ]
    return found


@rule
def manner_and_equipment_chosen_freely(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 58 (S15, STD.MANNER_EQUIPMENT): the Law's ordinary answer leaves out sound amplification
    and structures (333-VI art. 11(1)(1)), an approval may leave out amplification and vehicles (13(1)(2)),
    a picket must be silent (1(10)), and structures wait for the akimat's consent (5(3)(5))."""
    variants = {
        "equipment.notification_default_excludes": "notification",
        "equipment.approval_may_exclude": "approval",
        "form.picket_with_sound_amplification": "picket_sound",
        "equipment.structures_need_consent": "structures",
    }
    national = _law_findings(c, *variants)
    if any(f.code == "equipment.notification_default_excludes" for f in national):
        # the answer to a notification already leaves the structures out
        national = [f for f in national if f.code != "equipment.structures_need_consent"]
    return [
        # An approval only *may* leave them out: info; the other answers take them away: warning.
        _answering(
            f,
            "STD.MANNER_EQUIPMENT",
            c,
            {"variant": variants[f.code]},
            severity="info" if f.code == "equipment.approval_may_exclude" else "warning",
        )
        for f in national
    ]


@rule
def numbers_not_capped(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 59 (S16, STD.NUMBERS): more participants than the place's occupancy norm, refused under
    333-VI art. 14(1)(9); the registry records no safety reason for the cap."""
    return [
        _answering(f, "STD.NUMBERS", c, {"safety_basis_recorded": False})
        for f in _law_findings(c, "place.over_occupancy")
    ]


@rule
def services_not_charged_to_organizer(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 64 (S17, STD.COSTS): an application must set out the organizer's measures for public order,
    medical care and fire safety, and may be refused without them (333-VI art. 12(2)(7) -> 14(1)(5)). A
    warning where the Law would refuse over them, else an info."""
    law = _law(c)
    if law is None or law[0].track != "application":
        return []
    facts: dict[str, FactValue] = {"form": a.form}
    missing = _law_findings(c, "content.missing_order_measures")
    if missing:
        return [_answering(missing[0], "STD.COSTS", c, facts)]
    return [_std("STD.COSTS", "info", cite(12, 2, 7), "law.order_measures_required", c, facts)]


@rule
def decision_reaches_court_in_time(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 72, 69, 29, 99 (S19, STD.TIMELY_DECISION_REMEDY): the days between the akimat's last day to
    answer (333-VI art. 11(1), 13(1)) and the assembly, against a realistic time for a court's review. Not yet
    filed: the answer to a filing registered on the last filing day."""
    law = _law(c)
    if law is None:
        return []
    nc, np_ = law
    if nc.assembly_day is None or nc.track not in ("notification", "application"):
        return []
    review = f"{nc.track}_review_working_days"
    registration, deadline = nc.registration_day, nc.review_deadline
    facts: dict[str, FactValue] = {}
    if deadline is None:
        if nc.last_filing_day is None:
            return []
        registration = nc.last_filing_day
        deadline = nc.calendar.working_day_after(registration, np_.integer(review))
        facts["variant"] = "unfiled"
    gap = (nc.assembly_day - deadline).days
    if gap <= 0:
        facts["variant"] = "after_the_day"  # the answer may come on or after the assembly day
    remedy = p.integer("realistic_remedy_calendar_days")
    if gap >= remedy:
        return []
    facts |= {
        "registration_day": iso(registration),
        "review_deadline": iso(deadline),
        "assembly_day": iso(nc.assembly_day),
        "gap_days": gap,
        "remedy_days": remedy,
    }
    late = _law_findings(c, "timing.review_ends_on_or_after_assembly_day")
    return [
        _std(
            "STD.TIMELY_DECISION_REMEDY",
            "warning",
            np_.cite(review),
            late[0].code if late else "law.review_period",
            c,
            facts,
            law_code=late[0].code if late else None,
        )
    ]


@rule
def presumption_in_favour(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """GC37 para. 73, 36 (S20, STD.PRESUMPTION_SILENCE): on the Law's approval track silence approves
    nothing (333-VI art. 13(1)); on the notification track the assembly goes ahead (11(1)) and this passes."""
    law = _law(c)
    if law is None or law[0].track not in ("application", "permission"):
        return []
    nc, np_ = law
    parameter = f"{nc.track}_silence_effect"
    if np_.text(parameter) == "proceed_as_notified":
        return []
    citation = np_.cite(parameter)
    return [
        _std("STD.PRESUMPTION_SILENCE", "warning", citation, "law.no_deemed_approval", c, {"form": a.form})
    ]
