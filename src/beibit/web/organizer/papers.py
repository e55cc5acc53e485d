"""The case's documents as `beibit.documents` takes them: the filing as filed (or the draft), the decision
letter of the latest decision, and an appeal draft against it. Every value comes from the case's events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from beibit.cases import services
from beibit.cases.models import Case
from beibit.cases.registry_store import registry_from_db
from beibit.documents import AppealDraft, DecisionLetter, render_appeal, render_decision, render_filing
from beibit.law.model import Finding, PlannedAssembly
from beibit.web.organizer.display import akimat_name, lang, place_name


def filed_assembly(case: Case) -> dict[str, Any]:
    """The assembly as filed (the `submitted` event), or the draft while it is one."""
    event = case.events.filter(kind="submitted").first()
    return event.payload["assembly"] if event is not None else case.draft


def organizer_name(assembly: dict[str, Any]) -> str:
    organizer = assembly.get("organizer") or {}
    entity = organizer.get("legal_entity") or {}
    if entity.get("name"):
        return str(entity["name"])
    persons = organizer.get("persons") or [{}]
    return str(persons[0].get("full_name") or "")


def _where(case: Case, plan: dict[str, Any], day: dt.date | None) -> str:
    name = place_name(registry_from_db(), case.settlement, plan.get("place_id"), day)
    if name:
        return name
    if plan.get("address"):
        return str(plan["address"])
    point = plan.get("point")
    return f"{point[1]:.5f}, {point[0]:.5f}" if point else ""


def filed_place_name(case: Case, data: dict[str, Any]) -> str | None:
    """The registry's name (in the page's language) of the specialized place or route the filing names."""
    place, route = data.get("place") or {}, data.get("route") or {}
    place_id = place.get("specialized_place_id") or route.get("specialized_route_id")
    if not place_id:
        return None
    starts = data.get("starts_at")
    day = services.local_day(dt.datetime.fromisoformat(starts), case.settlement) if starts else None
    return place_name(registry_from_db(), case.settlement, place_id, day) or None


def filing_pdf(case: Case) -> bytes:
    data = filed_assembly(case)
    assembly = PlannedAssembly.model_validate(data)
    return render_filing(
        assembly,
        lang=lang(),
        akimat=akimat_name(case.settlement),
        registration_day=case.registration_day,
        review_deadline=case.review_deadline,
        # The case's number in the register once it is filed (a draft has none), and the place by its name.
        registration_number=str(case.pk) if case.registration_day is not None else None,
        place_name=filed_place_name(case, data),
    )


def decision_letter(case: Case) -> DecisionLetter | None:
    """The letter of the latest decision, or None before the akimat decides."""
    state = case.state
    decisions = state["decisions"]
    if not decisions:
        return None
    decision = decisions[-1]
    plan = state["filed_plan"]
    starts = dt.datetime.fromisoformat(plan["starts_at"])
    day = services.local_day(starts, case.settlement)
    received = [
        dt.date.fromisoformat(d["received_on"])
        for d in state["deliveries"]
        if d["decision_seq"] == decision["seq"] and d["received_on"]
    ]
    findings = tuple(
        Finding.model_validate(f)
        for f in (case.evaluation or {}).get("findings", [])
        if f.get("ground") in decision["grounds"]
    )
    proposal = decision.get("proposal") or {}
    new_plan = proposal.get("new_plan") or {}
    proposed_day = (
        services.local_day(dt.datetime.fromisoformat(new_plan["starts_at"]), case.settlement)
        if new_plan.get("starts_at")
        else day
    )
    try:
        return _letter(
            case, decision, plan, starts, day, received, findings, proposal, new_plan, proposed_day
        )
    except ValueError:
        # The letter refuses facts it may not print (e.g. a decision dated before the registration day, which
        # the case service records for a filing made on a day off): no letter rather than a wrong one.
        return None


def _letter(
    case: Case,
    decision: dict[str, Any],
    plan: dict[str, Any],
    starts: dt.datetime,
    day: dt.date,
    received: list[dt.date],
    findings: tuple[Finding, ...],
    proposal: dict[str, Any],
    new_plan: dict[str, Any],
    proposed_day: dt.date,
) -> DecisionLetter:
    return DecisionLetter(
        case_reference=str(case.pk),
        akimat=akimat_name(case.settlement),
        organizer_name=organizer_name(filed_assembly(case)),
        form=case.form,  # type: ignore[arg-type]
        place=_where(case, plan, day),
        starts_at=starts,
        ends_at=dt.datetime.fromisoformat(plan["ends_at"]),
        outcome=decision["decision"],
        decided_on=dt.date.fromisoformat(decision["decided_on"]),
        registration_day=case.registration_day,
        delivered_on=min(received) if received else None,
        grounds=tuple(decision["grounds"]),
        reasons=decision["reasons"],
        findings=findings,
        proposed_place=_where(case, new_plan, proposed_day)
        if new_plan.get("place_id") or new_plan.get("address") or new_plan.get("point")
        else "",
        proposed_starts_at=dt.datetime.fromisoformat(new_plan["starts_at"])
        if new_plan.get("starts_at")
        else None,
        proposed_ends_at=dt.datetime.fromisoformat(new_plan["ends_at"]) if new_plan.get("ends_at") else None,
        proposal_note=proposal.get("note") or "",
        settlement=case.settlement,
        regime_id=case.regime_id or "kz-333-vi",
    )


def decision_pdf(case: Case) -> bytes | None:
    letter = decision_letter(case)
    return render_decision(letter, lang=lang()) if letter is not None else None


def appeal_pdf(case: Case, today: dt.date) -> bytes | None:
    letter = decision_letter(case)
    if letter is None:
        return None
    assembly = filed_assembly(case)
    organizer = assembly.get("organizer") or {}
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
    return render_appeal(draft, lang=lang())
