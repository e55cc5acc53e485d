"""Facts the akimat corrects, and refusals checked against the facts as recorded (issue 13, item 7).

A refusal on a ground that rests on facts (Art 14(1)(2), (4), (5), (7), (8), (9), (10)) that the evaluation of
the case as recorded does not establish contradicts the record and is not stored (`check_refusal_grounds`).
Where the akimat's facts differ from the filing's - the filing was registered on a later day, more people are
now expected, the place is next to an object of Art 9(5), a special legal regime restricts assemblies - the
officer first records the corrected fact with its reason (`record_correction`): one `fact_corrected` event,
then the engine evaluates the case again (`evaluated`), and a ground the corrected facts establish then
stands on the record. The check of a refusal is `beibit.cases.refusal_check`; its pure part ("which grounds
does this evaluation establish") is `beibit.law.grounds`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils.translation import gettext as _
from pydantic import ValidationError

from beibit.cases import workflow as wf
from beibit.cases.actions.filing import evaluate_or_input_error
from beibit.cases.actors import Actor, as_actor
from beibit.cases.bookings import BOOKING_INPUT_FIELDS, active_query, booking_input, day_span
from beibit.cases.clock import catch_up, settle
from beibit.cases.errors import InvalidInput, InvalidTransition, RuleViolation
from beibit.cases.log import Outcome, append, case_of, fingerprint, lock_for_akimat, once
from beibit.cases.models import Booking, BookingKind, Case, CaseEvent, Role
from beibit.cases.moments import local_day, require_aware
from beibit.law.model import BookingInput, Evaluation, PlannedAssembly
from beibit.registry.store import registry_from_db

CorrectableFact = Literal["registered_on", "expected_participants", "near_objects", "special_legal_regime"]
#: The facts an officer may correct, in the order the forms show them.
CORRECTABLE_FACTS: tuple[CorrectableFact, ...] = (
    "registered_on",
    "expected_participants",
    "near_objects",
    "special_legal_regime",
)
#: A correction says why the akimat's fact differs from the filing's; a few words are not a reason.
MIN_REASON_LENGTH = 20
#: While the akimat still owes its answer, it may correct what the answer rests on.
CORRECTABLE_STATUSES = frozenset(wf.AWAITING_AKIMAT)


@dataclass(frozen=True, slots=True)
class CorrectionInput:
    """One fact as the akimat records it: `value` in the contract's JSON form (a date as YYYY-MM-DD, a
    number, a list of `{kind, name}`, a `{kind, restricts_assemblies}` object)."""

    fact: str
    value: Any
    reason: str


def _filed(case: Case) -> dict[str, Any]:
    event = CaseEvent.objects.get(case=case, kind="submitted")
    assembly: dict[str, Any] = event.payload["assembly"]
    return assembly


def _with(assembly: dict[str, Any], fact: str, value: Any) -> dict[str, Any]:
    changed = dict(assembly)
    if fact == "near_objects":
        changed["place"] = {**(assembly.get("place") or {}), "near_objects": value}
    else:
        changed[fact] = value
    return changed


def _current(assembly: dict[str, Any], fact: str) -> Any:
    if fact == "near_objects":
        return (assembly.get("place") or {}).get("near_objects") or []
    return assembly.get(fact)


def recorded_assembly(case: Case) -> dict[str, Any]:
    """The planned assembly as filed, with every correction the akimat recorded (contract JSON)."""
    assembly = _filed(case)
    for event in CaseEvent.objects.filter(case=case, kind="fact_corrected").order_by("seq"):
        assembly = _with(assembly, event.payload["fact"], event.payload["value"])
    return assembly


def _bookings(case: Case, assembly: PlannedAssembly) -> list[BookingInput]:
    """What competes with the case for its place and day: filings received before it (Art 9(3): first
    received, first served) and the akimat's events and works, whenever entered."""
    if assembly.starts_at is None or case.submitted_at is None:
        return []
    first, last = day_span(local_day(assembly.starts_at, case.settlement), case.settlement)
    own = Booking.objects.filter(case=case).order_by("received_at").first()
    received = own.received_at if own is not None else case.submitted_at
    rows = (
        active_query(case.settlement, first, last, case.pk)
        .filter(~Q(kind=BookingKind.FILING) | Q(received_at__lt=received))
        .values(*BOOKING_INPUT_FIELDS)
    )
    return [booking_input(**row) for row in rows]


def evaluate_recorded(case: Case, assembly: dict[str, Any], today: dt.date) -> Evaluation:
    planned = PlannedAssembly.model_validate(assembly)
    return evaluate_or_input_error(
        planned, as_of=today, registry=registry_from_db(), bookings=_bookings(case, planned)
    )


def _validated(case: Case, correction: CorrectionInput) -> tuple[dict[str, Any], Any, Any]:
    if correction.fact not in CORRECTABLE_FACTS:
        raise InvalidInput(_("This fact cannot be corrected here."), field="fact")
    if len(correction.reason.strip()) < MIN_REASON_LENGTH:
        raise RuleViolation(
            _("A correction says why the akimat's fact differs from the filing: at least %(n)d characters.")
            % {"n": MIN_REASON_LENGTH},
            field="reason",
        )
    before = recorded_assembly(case)
    after = _with(before, correction.fact, correction.value)
    try:
        planned = PlannedAssembly.model_validate(after)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        if first["type"] == "registered_before_submission":
            message = _("The registration day cannot be before the day the filing was handed in.")
        else:
            message = _("This value is not valid for this fact.")
        raise InvalidInput(message, field="value") from None
    value = _current(planned.model_dump(mode="json", exclude_unset=True), correction.fact)
    previous = _current(before, correction.fact)
    if value == previous:
        raise InvalidInput(_("The case already records this value."), field="value")
    return after, value, previous


def record_correction(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    correction: CorrectionInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> Case:
    """Record a fact as the akimat knows it, with its reason, and evaluate the case again: two events, one
    transaction. Allowed while the akimat still owes its answer."""
    actor = as_actor(officer, Role.OFFICER)
    require_aware(now, "now")

    def work() -> Outcome:
        case = lock_for_akimat(case_id, actor)
        catch_up(case, now)
        if case.status not in CORRECTABLE_STATUSES:
            raise InvalidTransition(_("A fact can be corrected only while the akimat's answer is due."))
        assembly, value, previous = _validated(case, correction)
        today = local_day(now, case.settlement)
        if correction.fact == "registered_on" and dt.date.fromisoformat(value) > today:
            raise InvalidInput(_("The registration day cannot be after today."), field="value")
        evaluation = evaluate_recorded(case, assembly, today)
        d = evaluation.deadlines
        payload: dict[str, Any] = {
            "fact": correction.fact,
            "value": value,
            "previous": previous,
            "reason": correction.reason.strip(),
            "corrected_on": today.isoformat(),
        }
        if correction.fact == "registered_on":
            if d.registration_day is None or d.review_deadline is None:
                raise RuleViolation(_("The law in force gives this filing no review period."), field="value")
            # The registration day decides the review period (Art 11(1), 13(1)): it is corrected before any
            # answer or silence, and not into a period that has already ended.
            if case.status != wf.REGISTERED or d.review_deadline < today:
                raise RuleViolation(
                    _(
                        "The registration day can be corrected only while the review period it starts is "
                        "still running and before any answer."
                    ),
                    field="value",
                )
            payload["registration"] = {
                "registration_day": d.registration_day.isoformat(),
                "review_deadline": d.review_deadline.isoformat(),
                "last_filing_day": d.last_filing_day.isoformat() if d.last_filing_day else None,
                "filed_in_time": d.filed_in_time,
                "regime_id": evaluation.regime.id,
            }
        append(case, "fact_corrected", payload, now=now, effective_on=today, actor=actor, save=False)
        case.evaluation_json = evaluation.model_dump_json()
        evaluated = append(
            case,
            "evaluated",
            {"evaluation": evaluation.model_dump(mode="json"), "as_of": today.isoformat()},
            now=now,
            effective_on=today,
            actor=None,
        )
        if correction.fact == "expected_participants":
            Booking.objects.filter(case=case, released_at__isnull=True).update(expected_participants=value)
        return Outcome(case.pk, evaluated.seq, case=case)

    settle(case_id, now)
    outcome = once(
        actor,
        key,
        "record_correction",
        fingerprint("record_correction", case_id, correction.fact, correction.value, correction.reason),
        work,
        now,
    )
    return case_of(outcome)
