"""A case's papers from its values: the filing as filed (or the draft), the letter of the latest decision
and an appeal draft against it. The case service hands the values in (`CasePapers`, read from the case's
events by `beibit.cases.papers`); nothing here reads a database, a clock or Django's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from beibit.documents.appeal import render_appeal
from beibit.documents.decision import render_decision
from beibit.documents.filing import render_filing
from beibit.documents.i18n import Lang, text
from beibit.documents.model import AppealDraft, DecisionLetter
from beibit.documents.seal import Stamp
from beibit.law.calendar import local_date
from beibit.law.model import Finding, PlannedAssembly
from beibit.law.settlements import zone_of
from beibit.places import Registry
from beibit.places.model import LocalizedName
from beibit.places.names import settlement_names
from beibit.places.settlements import get_settlement, is_known_settlement


@dataclass(frozen=True)
class CasePapers:
    """What the papers of one case are made of, as its events recorded it (JSON-shaped where the event
    log stores JSON): `filed` is the assembly as filed (or the draft), `decisions`, `deliveries` and
    `filed_plan` come from the case state, `findings` from the case's evaluation."""

    reference: str
    settlement: str
    form: str
    regime_id: str | None
    registration_day: dt.date | None
    review_deadline: dt.date | None
    filed: Mapping[str, Any]
    filed_plan: Mapping[str, Any] | None
    decisions: Sequence[Mapping[str, Any]]
    deliveries: Sequence[Mapping[str, Any]]
    findings: Sequence[Mapping[str, Any]]
    registry: Registry
    #: The EDS over the filing and over the latest decision, as recorded (beibit.cases.signed).
    filing_stamps: Sequence[Stamp] = ()
    decision_stamps: Sequence[Stamp] = ()
    appeal_stamps: Sequence[Stamp] = ()  # the organizer's EDS over the latest appeal recorded
    #: A filing made without EDS: (case number, address of its public register page), printed with a QR code.
    paper_reference: tuple[str, str] | None = None


def settlement_name(settlement: str, lang: Lang) -> str:
    """The settlement's name in `lang` from the names data (issue 15: kk, ru, en for every city of
    republican and regional significance); a settlement the data lacks is named by the registry's table
    (English, else Russian); an id nobody knows is shown as it is."""
    names = settlement_names(settlement)
    if names is not None:
        return names.text(lang)
    if not is_known_settlement(settlement):
        return settlement
    known = get_settlement(settlement)
    return known.en if lang == "en" else known.ru


def akimat_name(settlement: str, lang: Lang) -> str:
    return text("papers.akimat", lang, settlement=settlement_name(settlement, lang))


def localized(name: LocalizedName, lang: Lang) -> str:
    """A registry name in `lang`; Kazakh and Russian readers get the other of the two before English when
    their own is missing (the maslikhats' decisions name places in Russian and Kazakh)."""
    order = {"kk": (name.kk, name.ru), "ru": (name.ru, name.kk)}.get(lang, ())
    return next((n for n in order if n), None) or name.text(lang)


def place_name(
    registry: Registry, settlement: str, place_id: str | None, day: dt.date | None, lang: Lang
) -> str | None:
    """The registry's name of a specialized place or route in force on `day` (else its latest version)."""
    if not place_id or not is_known_settlement(settlement):
        return None
    versions = registry.place_versions(settlement, place_id)
    if not versions:
        return None
    place = next((v for v in versions if day is not None and v.in_force(day)), versions[-1])
    return localized(place.name, lang)


def organizer_name(assembly: Mapping[str, Any]) -> str:
    organizer = assembly.get("organizer") or {}
    entity = organizer.get("legal_entity") or {}
    if entity.get("name"):
        return str(entity["name"])
    persons = organizer.get("persons") or [{}]
    return str(persons[0].get("full_name") or "")


def _local_day(papers: CasePapers, moment: dt.datetime) -> dt.date:
    return local_date(moment, zone_of(papers.settlement))


def _where(papers: CasePapers, plan: Mapping[str, Any], day: dt.date | None, lang: Lang) -> str:
    name = place_name(papers.registry, papers.settlement, plan.get("place_id"), day, lang)
    if name:
        return name
    if plan.get("address"):
        return str(plan["address"])
    point = plan.get("point")
    return f"{point[1]:.5f}, {point[0]:.5f}" if point else ""


def filed_place_name(papers: CasePapers, lang: Lang) -> str | None:
    """The registry's name, in `lang`, of the specialized place or route the filing names: a document names
    the place, never its id (issue 13)."""
    data = papers.filed
    place, route = data.get("place") or {}, data.get("route") or {}
    place_id = place.get("specialized_place_id") or route.get("specialized_route_id")
    if not place_id:
        return None
    starts = data.get("starts_at")
    day = _local_day(papers, dt.datetime.fromisoformat(starts)) if starts else None
    return place_name(papers.registry, papers.settlement, place_id, day, lang)


def _direct(render: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
    return render(*args, **kwargs)


#: How a PDF is rendered: here by default; the case service passes its own (a worker process with caps on
#: time and size, `beibit.cases.pdf_cache.build`).
Build = Callable[..., bytes]


def filing_pdf(papers: CasePapers, lang: Lang, *, build: Build = _direct) -> bytes:
    assembly = PlannedAssembly.model_validate(papers.filed)
    return build(
        render_filing,
        assembly,
        lang=lang,
        akimat=akimat_name(papers.settlement, lang),
        registration_day=papers.registration_day,
        review_deadline=papers.review_deadline,
        stamps=papers.filing_stamps,
        paper_reference=papers.paper_reference,
        # The case's number in the register once it is filed (a draft has none), and the place by its name.
        registration_number=papers.reference if papers.registration_day is not None else None,
        place_name=filed_place_name(papers, lang),
    )


def decision_letter(papers: CasePapers, lang: Lang) -> DecisionLetter | None:
    """The letter of the latest decision, or None before the akimat decides."""
    if not papers.decisions or papers.filed_plan is None:
        return None
    decision = papers.decisions[-1]
    try:
        return _letter(papers, decision, papers.filed_plan, lang)
    except ValueError:
        # The letter refuses facts it may not print (e.g. a decision dated before the registration day, which
        # the case service records for a filing made on a day off): no letter rather than a wrong one.
        return None


def _optional_moment(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _letter(
    papers: CasePapers, decision: Mapping[str, Any], plan: Mapping[str, Any], lang: Lang
) -> DecisionLetter:
    starts = dt.datetime.fromisoformat(plan["starts_at"])
    day = _local_day(papers, starts)
    received = [
        dt.date.fromisoformat(d["received_on"])
        for d in papers.deliveries
        if d["decision_seq"] == decision["seq"] and d["received_on"]
    ]
    findings = tuple(
        Finding.model_validate(f) for f in papers.findings if f.get("ground") in decision["grounds"]
    )
    proposal = decision.get("proposal") or {}
    new_plan = proposal.get("new_plan") or {}
    proposed_starts = _optional_moment(new_plan.get("starts_at"))
    proposed_day = _local_day(papers, proposed_starts) if proposed_starts else day
    proposed = new_plan.get("place_id") or new_plan.get("address") or new_plan.get("point")
    return DecisionLetter(
        case_reference=papers.reference,
        akimat=akimat_name(papers.settlement, lang),
        organizer_name=organizer_name(papers.filed),
        form=papers.form,  # type: ignore[arg-type]  # a case's form is one of FORMS
        place=_where(papers, plan, day, lang),
        starts_at=starts,
        ends_at=dt.datetime.fromisoformat(plan["ends_at"]),
        outcome=decision["decision"],
        decided_on=dt.date.fromisoformat(decision["decided_on"]),
        registration_day=papers.registration_day,
        delivered_on=min(received) if received else None,
        grounds=tuple(decision["grounds"]),
        reasons=decision["reasons"],
        findings=findings,
        proposed_place=_where(papers, new_plan, proposed_day, lang) if proposed else "",
        proposed_starts_at=proposed_starts,
        proposed_ends_at=_optional_moment(new_plan.get("ends_at")),
        proposal_note=proposal.get("note") or "",
        settlement=papers.settlement,
        regime_id=papers.regime_id or "kz-333-vi",
    )


def decision_pdf(papers: CasePapers, lang: Lang, *, build: Build = _direct) -> bytes | None:
    letter = decision_letter(papers, lang)
    if letter is None:
        return None
    return build(render_decision, letter, lang=lang, stamps=papers.decision_stamps)


def appeal_pdf(papers: CasePapers, today: dt.date, lang: Lang, *, build: Build = _direct) -> bytes | None:
    letter = decision_letter(papers, lang)
    if letter is None:
        return None
    organizer = papers.filed.get("organizer") or {}
    entity = organizer.get("legal_entity") or {}
    person = (organizer.get("persons") or [organizer.get("representative") or {}])[0]
    contacts = organizer.get("contacts") or {}
    draft = AppealDraft(
        decision=letter,
        complainant_id=str(entity.get("bin") or person.get("iin") or ""),
        complainant_address=str(entity.get("location") or person.get("residence") or ""),
        email=str(contacts.get("email") or ""),
        phone=str(contacts.get("phone") or ""),
        prepared_on=max(today, letter.learnt_on),
    )
    return build(render_appeal, draft, lang=lang, stamps=papers.appeal_stamps)
