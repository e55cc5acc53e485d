"""evaluate(): a planned assembly in, an evaluation out. No clock, no I/O after start-up: the caller passes
`as_of`, and the regimes, calendar and catalogs are loaded once per process and cached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from beibit.law import procedure
from beibit.law.calendar import WorkingCalendar, default_calendar, zone
from beibit.law.messages import render
from beibit.law.model import (
    CONTRACT_VERSION,
    Alternative,
    BookingInput,
    Deadlines,
    Evaluation,
    Finding,
    PlannedAssembly,
    Procedure,
    SilenceEffect,
    Slot,
    build,
)
from beibit.law.regimes import Params, Regime, load_regime, regime_in_force
from beibit.law.rules import RULES, Context, Rule
from beibit.law.rules._base import PlaceFacts, Track, cite, finding
from beibit.law.rules.campaigning import campaigning_from
from beibit.law.rules.form import judged_form
from beibit.law.rules.organizer import organizing_persons
from beibit.law.rules.place import locate
from beibit.law.rules.scope import outside_the_law
from beibit.law.rules.standards import standards_track
from beibit.law.settlements import zone_of
from beibit.places import Booking as PlaceBooking
from beibit.places import Registry

_NO_PLACE_FACTS = PlaceFacts("no_registry")
_TRACK_PROCEDURE: dict[Track, Procedure] = {
    "notification": "notification",
    "application": "application_for_approval",
    "permission": "application_for_permission",
    "exempt": "none_required",
}


class UnknownRule(LookupError):
    pass


@cache
def rules_without_registry(regime: Regime) -> tuple[Rule, ...]:
    """Without a registry the place rules have nothing to read; only the one saying so runs."""
    keep = {"place.registry_consulted"}
    return tuple(RULES[name] for name in regime.rules if not name.startswith("place.") or name in keep)


@cache
def rules_of(regime: Regime) -> tuple[Rule, ...]:
    try:
        return tuple(RULES[name] for name in regime.rules)
    except KeyError as missing:
        raise UnknownRule(f"{regime.id} lists an unknown rule {missing}") from None


def choose_regime(
    assembly: PlannedAssembly, *, as_of: dt.date, calendar: WorkingCalendar | None = None
) -> Regime:
    """The regime in force on the registration day, else on `as_of`."""
    cal = calendar or default_calendar()
    if assembly.submitted_at is None:
        return regime_in_force(as_of)
    submitted = assembly.submitted_at.astimezone(zone(zone_of(assembly.settlement))).date()
    return regime_in_force(assembly.registered_on or cal.registration_day(submitted))


def evaluate(
    assembly: PlannedAssembly,
    *,
    as_of: dt.date,
    regime: str | Regime | None = None,
    calendar: WorkingCalendar | None = None,
    registry: Registry | None = None,
    bookings: Sequence[BookingInput] = (),
) -> Evaluation:
    """Evaluate `assembly` under `regime` (default: the one in force on the registration day, else on
    `as_of`). `registry` is the maslikhats' registry of places (None: the place questions are not asked) and
    `bookings` what is already registered for places and times (Art 9(3))."""
    cal = calendar or default_calendar()
    zone_name = zone_of(assembly.settlement)
    tz = zone(zone_name)
    submitted_day = assembly.submitted_at.astimezone(tz).date() if assembly.submitted_at else None
    if regime is None:
        chosen = regime_in_force(_registration_day(assembly, cal, submitted_day) or as_of)
    elif isinstance(regime, str):
        chosen = load_regime(regime)
    else:
        chosen = regime
    if chosen.kind == "standards":
        return _evaluate_standards(assembly, chosen, cal, as_of, zone_name, submitted_day, registry, bookings)
    return _evaluate_national(assembly, chosen, cal, as_of, zone_name, submitted_day, registry, bookings)[0]


def _evaluate_national(
    assembly: PlannedAssembly,
    chosen: Regime,
    cal: WorkingCalendar,
    as_of: dt.date,
    zone_name: str,
    submitted_day: dt.date | None,
    registry: Registry | None,
    bookings: Sequence[BookingInput],
) -> tuple[Evaluation, Context | None, Params | None]:
    """The evaluation under a national regime, with the context and parameters it used (None when the
    assembly is outside the law)."""
    if chosen.act == "333-VI":
        excluded = outside_the_law(assembly)
        if excluded is not None:
            return _out_of_scope(chosen, excluded), None, None

    context, params = _context(assembly, chosen, cal, as_of, zone_name, submitted_day)
    if _asks_place_questions(chosen):
        context.registry = registry
        context.place = locate(
            assembly,
            registry,
            context.assembly_day,
            tuple(bookings),
            route=procedure.moves_along_route(assembly.form, params),
        )
    findings: list[Finding] = []
    for check in rules_of(chosen) if registry is not None else rules_without_registry(chosen):
        findings += check(assembly, params, context)
    findings += _calendar_warnings(context)
    grounds = sorted({f.ground for f in findings if f.ground is not None}, key=_ground_order)
    alternatives = _alternatives(assembly, params, context, findings) if context.registry is not None else []
    evaluation = build(
        Evaluation,
        contract_version=CONTRACT_VERSION,
        regime=chosen.ref,
        procedure=_TRACK_PROCEDURE[context.track],
        deadlines=build(
            Deadlines,
            last_filing_day=context.last_filing_day,
            registration_day=context.registration_day,
            filed_in_time=context.filed_in_time,
            review_deadline=context.review_deadline,
            silence_effect=_silence_effect(params, context.track),
            campaigning_from=campaigning_from(context) if context.track != "permission" else None,
        ),
        findings=findings,
        refusal_grounds=grounds,
        alternatives=alternatives,
    )
    return evaluation, context, params


def _evaluate_standards(
    assembly: PlannedAssembly,
    lens: Regime,
    cal: WorkingCalendar,
    as_of: dt.date,
    zone_name: str,
    submitted_day: dt.date | None,
    registry: Registry | None,
    bookings: Sequence[BookingInput],
) -> Evaluation:
    """The standards regime: the national regime in force for these facts is evaluated first, and the lens's
    rules say where it departs from the standards (rules/standards.py). The standards set no dates of their
    own, so every deadline is null; nothing is ever a refusal ground (docs/interpretations.md)."""
    day = _registration_day(assembly, cal, submitted_day) or as_of
    params = lens.params(day)  # facts before the lens's first values are not_in_force, never guessed
    national, law, law_params = _evaluate_national(
        assembly, regime_in_force(day), cal, as_of, zone_name, submitted_day, registry, bookings
    )
    tz = zone(zone_name)
    start_local = assembly.starts_at.astimezone(tz) if assembly.starts_at else None
    assembly_day = start_local.date() if start_local else None
    if law is not None and law.place.status != "no_registry":
        place = law.place
    elif registry is not None:
        forms_of = law_params if law_params is not None else regime_in_force(day).params(day)
        place = locate(
            assembly,
            registry,
            assembly_day,
            tuple(bookings),
            route=procedure.moves_along_route(assembly.form, forms_of),
        )
    else:
        place = _NO_PLACE_FACTS
    context = Context(
        regime=lens,
        calendar=cal,
        zone_name=zone_name,
        track="notification",
        as_of=as_of,
        reference_day=day,
        start_local=start_local,
        end_local=assembly.ends_at.astimezone(tz) if assembly.ends_at else None,
        assembly_day=assembly_day,
        submitted_day=submitted_day,
        registration_day=None,
        last_filing_day=None,
        review_deadline=None,
        filed_in_time=None,
        lead_days=None,
        persons=organizing_persons(assembly),
        registry=registry,
        place=place,
        national=law,
        national_params=law_params,
        national_evaluation=national,
    )
    context.track = standards_track(assembly, params, context)
    findings: list[Finding] = []
    for check in rules_of(lens):
        findings += check(assembly, params, context)
    return build(
        Evaluation,
        contract_version=CONTRACT_VERSION,
        regime=lens.ref,
        procedure=_TRACK_PROCEDURE[context.track],
        deadlines=build(
            Deadlines,
            last_filing_day=None,
            registration_day=None,
            filed_in_time=None,
            review_deadline=None,
            silence_effect=_silence_effect(params, context.track),
            campaigning_from=None,
        ),
        findings=findings,
        refusal_grounds=[],
        alternatives=[],
    )


@cache
def _asks_place_questions(regime: Regime) -> bool:
    return any(name.startswith("place.") for name in regime.rules)


# Findings after which the akimat's fitting answer is to propose another place or time.
_PROPOSE_ANOTHER_PLACE = frozenset(
    {
        "place.outside_specialized_places",
        "place.route_not_specialized",
        "place.unknown_specialized_place",
        "place.specialized_place_not_in_force",
        "place.over_occupancy",
        "place.occupied_offer_alternative",
        "place.occupied",
        "place.taken_by_earlier_filing",
    }
)
_TAKEN = frozenset({"place.occupied", "place.occupied_offer_alternative", "place.taken_by_earlier_filing"})
MAX_ALTERNATIVES = 5


def _alternatives(
    assembly: PlannedAssembly, p: Params, c: Context, findings: list[Finding]
) -> list[Alternative]:
    """Specialized places free that day that fit the expected participants (Art 11(1)(3), 13(1)(4))."""
    if c.registry is None or c.assembly_day is None or assembly.settlement is None:
        return []
    if not any(f.code in _PROPOSE_ANOTHER_PLACE for f in findings):
        return []
    taken = [
        PlaceBooking(b.place_id, b.starts_at, b.ends_at, b.reference) for b in c.place.bookings if b.place_id
    ]
    free = c.registry.free_places(
        assembly.settlement,
        c.assembly_day,
        assembly.expected_participants or 1,
        taken,
        window=procedure.assembly_window(p),
        include_routes=procedure.moves_along_route(assembly.form, p),
    )
    own = c.place.place.id if c.place.place is not None else None
    return [
        build(
            Alternative,
            place_id=option.place.id,
            name=option.place.name.text("en"),
            max_occupancy=option.place.max_occupancy,
            slots=[build(Slot, starts_at=slot.starts_at, ends_at=slot.ends_at) for slot in option.slots],
        )
        for option in free
        if option.place.id != own or any(f.code in _TAKEN for f in findings)
    ][:MAX_ALTERNATIVES]


def _context(
    assembly: PlannedAssembly,
    regime: Regime,
    cal: WorkingCalendar,
    as_of: dt.date,
    zone_name: str,
    submitted_day: dt.date | None,
) -> tuple[Context, Params]:
    tz = zone(zone_name)
    start_local = assembly.starts_at.astimezone(tz) if assembly.starts_at else None
    end_local = assembly.ends_at.astimezone(tz) if assembly.ends_at else None
    assembly_day = start_local.date() if start_local else None

    if regime.counting == "calendar_days":
        track: Track = "permission"
        # The 1995 decree counted calendar days from the handing-in.
        registration_day = assembly.registered_on or submitted_day
        params = regime.params(registration_day or as_of)
        lead = params.integer("permission_lead_calendar_days")
        last_filing_day = assembly_day - dt.timedelta(days=lead) if assembly_day else None
        answer = params.integer("answer_calendar_days_before_event")
        review_deadline = assembly_day - dt.timedelta(days=answer) if assembly_day and submitted_day else None
    else:
        registration_day = _registration_day(assembly, cal, submitted_day)
        params = regime.params(registration_day or as_of)
        track = "notification" if assembly.form in params.names("notification_forms") else "application"
        lead = params.integer(f"{track}_lead_working_days")
        last_filing_day = cal.working_day_before(assembly_day, lead) if assembly_day else None
        review = params.integer(f"{track}_review_working_days")
        review_deadline = cal.working_day_after(registration_day, review) if registration_day else None

    filed_in_time = (
        registration_day <= last_filing_day
        if registration_day is not None and last_filing_day is not None
        else None
    )
    context = Context(
        regime=regime,
        calendar=cal,
        zone_name=zone_name,
        track=track,
        as_of=as_of,
        reference_day=registration_day or as_of,
        start_local=start_local,
        end_local=end_local,
        assembly_day=assembly_day,
        submitted_day=submitted_day,
        registration_day=registration_day,
        last_filing_day=last_filing_day,
        review_deadline=review_deadline,
        filed_in_time=filed_in_time,
        lead_days=lead,
        persons=organizing_persons(assembly),
        registry=None,
        place=_NO_PLACE_FACTS,
    )
    if regime.act == "333-VI":
        context.judged_form = judged_form(assembly, params)
    return context, params


def _registration_day(
    assembly: PlannedAssembly, cal: WorkingCalendar, submitted_day: dt.date | None
) -> dt.date | None:
    """Art 10(2), 12(1): the akimat's own registration day when the input gives it (`registered_on`), else
    the submission day moved to a working day (deadlines.md)."""
    if assembly.registered_on is not None:
        return assembly.registered_on
    return cal.registration_day(submitted_day) if submitted_day else None


def _silence_effect(params: Params, track: Track) -> SilenceEffect:
    value = params.text(f"{track}_silence_effect")
    return "proceed_as_notified" if value == "proceed_as_notified" else "none"


def _calendar_warnings(c: Context) -> list[Finding]:
    """deadlines.md: counting into unconfirmed dates still answers, with a `calendar.estimated` warning."""
    if c.regime.counting != "working_days":
        return []
    days = [d for d in (c.last_filing_day, c.registration_day, c.review_deadline, c.assembly_day) if d]
    if not days:
        return []
    uncertain = c.calendar.uncertain_dates(min(days), max(days))
    if not uncertain:
        return []
    return [finding("calendar.estimated", "warning", cite(act="holidays-law"), date=uncertain[0].isoformat())]


def _out_of_scope(regime: Regime, excluded: Finding) -> Evaluation:
    return build(
        Evaluation,
        contract_version=CONTRACT_VERSION,
        regime=regime.ref,
        procedure="out_of_scope",
        deadlines=build(
            Deadlines,
            last_filing_day=None,
            registration_day=None,
            filed_in_time=None,
            review_deadline=None,
            silence_effect="none",
            campaigning_from=None,
        ),
        findings=[excluded],
        refusal_grounds=[],
        alternatives=[],
    )


def _ground_order(code: str) -> int:
    return int(code.rsplit(".", 1)[1])


def translated(evaluation: Evaluation, lang: str) -> Evaluation:
    """The same evaluation with every message in `lang` (en, kk, ru)."""
    if lang == "en":
        return evaluation
    findings = [f.model_copy(update={"message": render(f.code, f.facts, lang)}) for f in evaluation.findings]
    return evaluation.model_copy(update={"findings": findings})
