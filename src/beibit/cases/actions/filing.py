"""Organizer: drafting, filing (Art 10, 12) and withdrawing (Art 5(2)) a notification or application."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from beibit.cases import workflow as wf
from beibit.cases.actors import Actor, as_actor
from beibit.cases.booking_lock import lock_settlement_day
from beibit.cases.bookings import book, booking_inputs, day_span, release
from beibit.cases.chain import canonical_json
from beibit.cases.clock import catch_up, settle
from beibit.cases.errors import InvalidInput, InvalidTransition, RuleViolation
from beibit.cases.log import Outcome, append, case_of, event_by_seq, fingerprint, lock_own, once
from beibit.cases.models import Case, CaseEvent, Profile, Role
from beibit.cases.moments import local_day, local_iso, require_aware
from beibit.cases.numbering import next_registration_number
from beibit.cases.stored_rows import stored_assembly
from beibit.law.evaluate import evaluate
from beibit.law.model import BookingInput, Evaluation, PlannedAssembly
from beibit.law.regimes import ParameterNotInForce
from beibit.places.settlements import is_known_settlement
from beibit.registry.store import registry_from_db

#: The years a case may be planned in: the calendar starts in 1991; far-future dates are typing errors.
FIRST_YEAR, LAST_YEAR = 1991, 2100


def _check_draft(assembly: PlannedAssembly) -> None:
    if not assembly.settlement:
        raise InvalidInput(_("A case needs the settlement whose akimat reviews it."), field="settlement")
    if not is_known_settlement(assembly.settlement):
        raise InvalidInput(_("Unknown settlement."), field="settlement", code="unknown_settlement")
    if assembly.submitted_at is not None:
        raise InvalidInput(_("The submission time is set when the case is submitted."), field="submitted_at")
    if assembly.registered_on is not None:  # the akimat's record (Art 10(2), 12(1)), corrected by an officer
        raise InvalidInput(_("The registration day is the akimat's record."), field="registered_on")
    for name in ("starts_at", "ends_at"):
        moment = getattr(assembly, name)
        if moment is not None and not (FIRST_YEAR <= moment.year <= LAST_YEAR):
            raise InvalidInput(
                _("A case is planned between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                field=name,
                code="date_out_of_range",
            )


def _prefilled(assembly: PlannedAssembly, organizer: Actor) -> PlannedAssembly:
    """Without an `organizer` section, the organizer is the account holder as the profile states."""
    if assembly.organizer is not None:
        return assembly
    profile: Profile = organizer.user.profile  # type: ignore[attr-defined]
    person: dict[str, Any] = {}
    if profile.full_name:
        person["full_name"] = profile.full_name
    if profile.iin:
        person["iin"] = profile.iin
    if profile.birth_date:
        person["birth_date"] = profile.birth_date.isoformat()
    email = str(getattr(organizer.user, "email", ""))
    contacts = {"email": email} | ({"phone": profile.phone} if profile.phone else {})
    data = assembly.model_dump(mode="json", exclude_unset=True)
    data["organizer"] = {"kind": "citizen", "persons": [person], "contacts": contacts}
    return PlannedAssembly.model_validate(data)


def evaluate_or_input_error(assembly: PlannedAssembly, **kwargs: Any) -> Evaluation:
    """The engine, with its refusals of impossible dates as input errors (as `beibit check` reports them)."""
    try:
        return evaluate(assembly, **kwargs)
    except ParameterNotInForce as error:
        raise InvalidInput(str(error), field="starts_at", code="not_in_force") from None
    except (ValueError, OverflowError) as error:  # CalendarRangeError and dates beyond the calendar's years
        raise InvalidInput(str(error), field="starts_at", code="date_out_of_range") from None


def _draft_payload(assembly: PlannedAssembly, today: dt.date) -> dict[str, Any]:
    evaluation = evaluate_or_input_error(assembly, as_of=today)
    return {
        "assembly": assembly.model_dump(mode="json", exclude_unset=True),
        "procedure": evaluation.procedure,
    }


def create_case(
    organizer: Actor | AbstractBaseUser,
    assembly: PlannedAssembly,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> Case:
    """A new draft notification or application of the organizer's."""
    actor = as_actor(organizer, Role.ORGANIZER)
    require_aware(now, "now")
    _check_draft(assembly)
    full = _prefilled(assembly, actor)

    settlement = full.settlement
    assert settlement is not None  # _check_draft

    def work() -> Outcome:
        today = local_day(now, settlement)
        payload = _draft_payload(full, today)
        case = Case.objects.create(
            organizer_id=actor.user_id,
            settlement=settlement,
            form=full.form,
            procedure=payload["procedure"],
            status=wf.DRAFT,
            draft_json=canonical_json(payload["assembly"]),
            state_json="{}",
            last_event_hash="",
            created_at=now,
            updated_at=now,
        )
        event = append(case, "drafted", payload, now=now, effective_on=today, actor=actor, key=key or "")
        return Outcome(case.pk, event.seq)

    outcome = once(actor, key, "create_case", fingerprint("create_case", full), work, now)
    return case_of(outcome)


def update_draft(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    assembly: PlannedAssembly,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> Case:
    actor = as_actor(organizer, Role.ORGANIZER)
    _check_draft(assembly)
    full = _prefilled(assembly, actor)

    def work() -> Outcome:
        case = lock_own(case_id, actor)
        if full.settlement != case.settlement:
            raise InvalidInput(_("A draft stays with the akimat it was made for."), field="settlement")
        payload = _draft_payload(full, local_day(now, case.settlement))
        event = append(
            case,
            "draft_updated",
            payload,
            now=now,
            effective_on=local_day(now, case.settlement),
            actor=actor,
            key=key or "",
        )
        case.draft_json = canonical_json(payload["assembly"])
        case.form = full.form
        case.save(update_fields=["draft_json", "form"])
        return Outcome(case.pk, event.seq)

    outcome = once(actor, key, "update_draft", fingerprint("update_draft", case_id, full), work, now)
    return case_of(outcome)


def draft_evaluation(case: Case, *, now: dt.datetime) -> Evaluation:
    """The live evaluation of a draft, as if it were submitted now (what the registration day, the review
    deadline and the findings would be), against the registry and the bookings as they stand."""
    assembly = stored_assembly({**case.draft, "submitted_at": local_iso(now, case.settlement)})
    return _evaluate_filing(case, assembly, now)


def _evaluate_filing(
    case: Case, assembly: PlannedAssembly, now: dt.datetime, *, lock: bool = False
) -> Evaluation:
    bookings: list[BookingInput] = []
    if assembly.starts_at is not None:
        if lock:  # submit: the check and the booking it makes are one step per settlement and day
            lock_settlement_day(case.settlement, local_day(assembly.starts_at, case.settlement))
        first, last = day_span(local_day(assembly.starts_at, case.settlement), case.settlement)
        bookings = booking_inputs(case.settlement, first, last, exclude_case=case.pk)
    return evaluate_or_input_error(
        assembly, as_of=local_day(now, case.settlement), registry=registry_from_db(), bookings=bookings
    )


def submit(
    case_id: int, organizer: Actor | AbstractBaseUser, *, now: dt.datetime, key: str | None = None
) -> Case:
    """File the draft: Art 10(2), 12(1) — the filing day is the registration day (the next working day when
    filed on a day off). The registration day, the review deadline and the evaluation are fixed now."""
    actor = as_actor(organizer, Role.ORGANIZER)
    require_aware(now, "now")

    def work() -> Outcome:
        case = lock_own(case_id, actor)
        if case.status != wf.DRAFT:
            raise InvalidTransition(_("This case is already submitted."))
        data = case.draft
        data["submitted_at"] = local_iso(now, case.settlement)
        data.setdefault("channel", "e_document")
        assembly = stored_assembly(data)
        evaluation = _evaluate_filing(case, assembly, now, lock=True)
        if evaluation.procedure == "out_of_scope":
            raise RuleViolation(
                _("This gathering is outside the law on peaceful assemblies (Art 2(5)): nothing to file."),
                field="nature",
                code="out_of_scope",
            )
        d = evaluation.deadlines
        if d.registration_day is None or d.review_deadline is None:
            raise RuleViolation(
                _("The law in force gives this filing no review period."), code="no_review_period"
            )
        today = local_day(now, case.settlement)
        filed = assembly.model_dump(mode="json", exclude_unset=True)
        # One statement for the three events and one save of the case: they are one step (Art 10(2): filed =
        # registered).
        submitted = append(
            case,
            "submitted",
            {"assembly": filed},
            now=now,
            effective_on=today,
            actor=actor,
            key=key or "",
            save=False,
            insert=False,
        )
        registered = append(
            case,
            "registered",
            {
                "registration_day": d.registration_day.isoformat(),
                "review_deadline": d.review_deadline.isoformat(),
                "last_filing_day": d.last_filing_day.isoformat() if d.last_filing_day else None,
                "filed_in_time": d.filed_in_time,
                "regime_id": evaluation.regime.id,
                "procedure": evaluation.procedure,
                "silence_effect": d.silence_effect,
                "registration_number": next_registration_number(case.settlement, d.registration_day.year),
            },
            now=now,
            effective_on=d.registration_day,
            actor=None,
            save=False,
            insert=False,
        )
        case.evaluation_json = evaluation.model_dump_json()
        evaluated = append(
            case,
            "evaluated",
            {"evaluation": evaluation.model_dump(mode="json"), "as_of": today.isoformat()},
            now=now,
            effective_on=d.registration_day,
            actor=None,
            insert=False,
        )
        CaseEvent.objects.bulk_create([submitted, registered, evaluated])
        book(case, case.state.plan, received_at=now, now=now, form=case.form)
        return Outcome(case.pk, evaluated.seq, case=case)

    outcome = once(actor, key, "submit", fingerprint("submit", case_id), work, now)
    return case_of(outcome)


def withdraw(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    reason: str = "",
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 5(2): the organizer calls the assembly off and tells the akimat at once (this event is the notice);
    the place and time are released."""
    actor = as_actor(organizer, Role.ORGANIZER)
    require_aware(now, "now")

    def work() -> Outcome:
        case = lock_own(case_id, actor)
        catch_up(case, now)
        event = append(
            case,
            "withdrawn",
            {"reason": reason.strip()},
            now=now,
            effective_on=local_day(now, case.settlement),
            actor=actor,
            key=key or "",
        )
        release(case, now=now, reason="withdrawn", actor=actor)
        return Outcome(case.pk, event.seq)

    settle(case_id, now)
    outcome = once(actor, key, "withdraw", fingerprint("withdraw", case_id, reason), work, now)
    return event_by_seq(case_id, outcome.event_seq)
