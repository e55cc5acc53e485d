"""Officer: the akimat's decision (Art 11(1), 13(1), 14) and its delivery (Art 11(2), 13(2))."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from beibit.cases import workflow as wf
from beibit.cases.actors import Actor, actor_of, as_actor
from beibit.cases.bookings import active_bookings, release
from beibit.cases.clock import catch_up, settle
from beibit.cases.errors import (
    CaseError,
    Forbidden,
    InvalidInput,
    InvalidTransition,
    NotFound,
    RuleViolation,
)
from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.log import (
    Outcome,
    append,
    event_by_seq,
    fingerprint,
    is_sealed,
    lock,
    lock_for_akimat,
    once,
)
from beibit.cases.models import Case, CaseEvent, Role
from beibit.cases.moments import local_day, local_iso, regime_params, require_aware
from beibit.cases.refusal_check import check_refusal_grounds
from beibit.cases.state import CaseState
from beibit.law import procedure
from beibit.law.calendar import default_calendar
from beibit.law.regimes import Params
from beibit.registry.store import registry_from_db


def _decision_due(case: Case, state: CaseState) -> dt.date:
    """The last day a decision counts as in time (`law.procedure.decision_due`)."""
    assert case.review_deadline is not None
    proposal = state.proposal
    if proposal is None or case.status not in (wf.PROPOSAL_AGREED, wf.PROPOSAL_DECLINED, wf.PROPOSAL_LAPSED):
        return case.review_deadline
    proposed = next(d for d in state.decisions if d.seq == proposal.seq)
    base = proposal.answered_on if proposal.answer in ("agree", "disagree") else proposal.answer_deadline
    return procedure.decision_due(
        case.review_deadline,
        proposal_in_time=not proposed.late,
        proposal_settled_on=base,
        calendar=default_calendar(),
    )


def _grounds_error(problem: procedure.Problem, params: Params) -> CaseError:
    """The translated error for a decision that `law.procedure.refusal_problem` finds not well-formed."""
    field = problem.field
    match problem.code:
        case "grounds_not_refusal":
            return InvalidInput(_("Only a refusal names grounds of Art 14(1)."), field=field)
        case "ground_missing":
            return RuleViolation(_("A refusal names at least one ground of Art 14(1)."), field=field)
        case "ground_unknown":
            return InvalidInput(
                _("'%(ground)s' is not a ground of Art 14(1) (14.1.1 to 14.1.10).")
                % {"ground": problem.ground},
                field=field,
            )
        case "ground_twice":
            return InvalidInput(_("A ground is named twice."), field=field)
        case "reasons_too_short":
            return RuleViolation(
                _("A refusal gives written reasons (Art 14(2)): at least %(n)d characters.")
                % {"n": procedure.MIN_REASONS_LENGTH},
                field=field,
            )
        case "alternative_first":
            cite = params.cite("occupied_place_refusal_needs_alternative")
            return RuleViolation(
                _(
                    "A refusal because the place is taken (Art 14(1)(10)) needs another place or time "
                    "offered first and declined or left unanswered (%(cite)s)."
                )
                % {"cite": str(cite)},
                field=field,
                code="alternative_first",
            )


def _check_grounds(case: Case, decision: DecisionInput) -> list[str]:
    assert case.registration_day is not None  # a decision comes after registration
    params = regime_params(case, case.registration_day)
    problem = procedure.refusal_problem(
        decision.decision,
        decision.grounds,
        decision.reasons,
        alternative_refused=case.status in (wf.PROPOSAL_DECLINED, wf.PROPOSAL_LAPSED),
        params=params,
    )
    if problem is not None:
        raise _grounds_error(problem, params)
    return procedure.ordered_grounds(decision.grounds)


def _check_proposal(case: Case, proposal: ProposalInput | None) -> dict[str, Any]:
    if proposal is None:
        raise InvalidInput(_("A proposal names another place, route or time."), field="proposal")
    changed: dict[str, Any] = {
        "place_id": proposal.place_id,
        "address": proposal.address,
        "point": list(proposal.point) if proposal.point else None,
        "starts_at": None,
        "ends_at": None,
    }
    if proposal.starts_at is not None or proposal.ends_at is not None:
        if proposal.starts_at is None or proposal.ends_at is None:
            raise InvalidInput(_("Another time has a start and an end."), field="proposal.ends_at")
        require_aware(proposal.starts_at, "proposal.starts_at")
        require_aware(proposal.ends_at, "proposal.ends_at")
        if proposal.ends_at <= proposal.starts_at:
            raise InvalidInput(_("The end is after the start."), field="proposal.ends_at")
        changed["starts_at"] = local_iso(proposal.starts_at, case.settlement)
        changed["ends_at"] = local_iso(proposal.ends_at, case.settlement)
    if not any(changed[k] for k in ("place_id", "address", "point", "starts_at")):
        raise InvalidInput(_("A proposal names another place, route or time."), field="proposal")
    if proposal.place_id:
        starts = proposal.starts_at or case.starts_at
        day = local_day(starts, case.settlement) if starts else None
        lookup = registry_from_db().lookup_place(case.settlement, proposal.place_id, day) if day else None
        if lookup is None or lookup.status != "in_force":
            raise InvalidInput(
                _("No specialized place or route with this id is in force on that day."),
                field="proposal.place_id",
            )
    new_plan = {k: v for k, v in changed.items() if v is not None}
    if proposal.place_id:
        # A specialized place replaces a filed point or address, and vice versa.
        new_plan.setdefault("point", None)
        new_plan.setdefault("address", None)
    elif proposal.point or proposal.address:
        new_plan["place_id"] = None
    return {"new_plan": new_plan, "note": proposal.note.strip()}


def _occupancy_snapshot(case: Case) -> list[dict[str, Any]]:
    """The bookings that overlapped the plan when the decision was taken (for a 14(1)(10) refusal)."""
    if case.starts_at is None or case.ends_at is None or not case.place_id:
        return []
    taken = [
        b
        for b in active_bookings(case.settlement, case.starts_at, case.ends_at, exclude_case=case.pk)
        if b.place_id == case.place_id
    ]
    return [
        {
            "booking_id": b.pk,
            "kind": b.kind,
            "case_id": b.case_id,
            "starts_at": b.starts_at.isoformat(),
            "ends_at": b.ends_at.isoformat(),
            "received_at": b.received_at.isoformat(),
            "entered_at": b.entered_at.isoformat(),
        }
        for b in taken
    ]


def _sent_by_beibit(decision: DecisionInput) -> dict[str, Any]:
    """`send_by`: Beibit sends the answer itself by e-mail, by SMS or as the electronic document signed with
    the officer's EDS (Art 11(2), 13(2); issue 17); else the akimat records how it went."""
    if decision.send_by is None:
        return {}
    if decision.send_by not in ("email", "sms", "e_document"):
        raise InvalidInput(_("Beibit sends an answer by e-mail, SMS or as an e-document."), field="send_by")
    if decision.send_by == "e_document" and not is_sealed("decision_recorded"):
        raise RuleViolation(
            _("An answer sent as an electronic document is signed with EDS: sign the decision."),
            field="send_by",
            code="e_document_unsigned",
        )
    return {"send_by": decision.send_by}


def _letter(delivery: DeliveryInput, sent_on: dt.date) -> dict[str, Any]:
    """A registered letter, or the one doubling an e-mail or SMS (Art 11(2)): its day and tracking number."""
    return {"sent_on": sent_on.isoformat(), "number": delivery.registered_mail_number.strip()}


def _checked_snapshot(case: Case, decision: str, grounds: list[str]) -> list[dict[str, Any]]:
    """The bookings that overlap the plan (for a 14(1)(10) refusal), after checking that a refusal's fact
    grounds stand on the case as recorded: nothing is stored on a ground the facts disprove (issue 13)."""
    snapshot = _occupancy_snapshot(case) if "14.1.10" in grounds else []
    if decision == procedure.REFUSE:
        check_refusal_grounds(case, grounds, snapshot)
    return snapshot


def _check_answer_allowed(case: Case, answer: str) -> None:
    """The answer fits the procedure, and after a proposal it follows the organizer's reply (Art 11(3),
    13(3))."""
    if not procedure.decision_allowed(case.procedure, answer):
        raise RuleViolation(
            _("'%(decision)s' is not an answer to a %(procedure)s.")
            % {"decision": answer, "procedure": case.procedure},
            field="decision",
        )
    if case.status == wf.PROPOSAL_AGREED and answer in (procedure.REFUSE, procedure.PROPOSE):
        raise RuleViolation(
            _("The organizer agreed to the proposal: the akimat may not refuse (Art 11(3), 13(3))."),
            field="decision",
            code="refusal_after_agreement",
        )
    if case.status in (wf.PROPOSAL_DECLINED, wf.PROPOSAL_LAPSED) and answer != procedure.REFUSE:
        raise RuleViolation(
            _("The proposal was declined or left unanswered: the akimat refuses (Art 11(3), 13(3))."),
            field="decision",
            code="refusal_required",
        )


def record_decision(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    decision: DecisionInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """The akimat's answer (Art 11(1), 13(1)): one per case, a proposal aside; checked against Art 14 and
    CC 61-NP; after the review deadline recorded as late (a notification's silence effect stays)."""
    actor = as_actor(officer, Role.OFFICER)
    require_aware(now, "now")
    if decision.decision not in procedure.DECISIONS:
        raise InvalidInput(_("Unknown decision."), field="decision")

    def work() -> Outcome:
        case = lock_for_akimat(case_id, actor)
        catch_up(case, now)
        state = case.state
        _check_answer_allowed(case, decision.decision)
        try:
            wf.transition(case.status, f"decision_recorded.{decision.decision}", "officer")
        except wf.TransitionNotAllowed:
            raise InvalidTransition(
                _("A decision cannot be recorded in status '%(status)s'.") % {"status": case.status}
            ) from None
        grounds = _check_grounds(case, decision)
        snapshot = _checked_snapshot(case, decision.decision, grounds)
        proposal = (
            _check_proposal(case, decision.proposal) if decision.decision == procedure.PROPOSE else None
        )
        if decision.decision != procedure.PROPOSE and decision.proposal is not None:
            raise InvalidInput(_("Only a proposal names another place or time."), field="proposal")
        today = local_day(now, case.settlement)
        due = _decision_due(case, state)
        payload: dict[str, Any] = {
            "decision": decision.decision,
            "grounds": grounds,
            "reasons": decision.reasons.strip(),
            "restrictions": list(wf.RESTRICTIONS.get(decision.decision, ())),
            "proposal": proposal,
            "decided_at": local_iso(now, case.settlement),
            "decided_on": today.isoformat(),
            "due_on": due.isoformat(),
            "late": today > due,
            "silence_effect_stands": case.status == wf.DEEMED_AGREED,
            "occupancy_snapshot": snapshot,
            **_sent_by_beibit(decision),
        }
        event = append(
            case, "decision_recorded", payload, now=now, effective_on=today, actor=actor, key=key or ""
        )
        if case.status in wf.RELEASES_BOOKING:
            release(case, now=now, reason="refused", actor=actor)
        return Outcome(case.pk, event.seq)

    settle(case_id, now)
    outcome = once(
        actor, key, "record_decision", fingerprint("record_decision", case_id, decision), work, now
    )
    return event_by_seq(case_id, outcome.event_seq)


def record_delivery(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    delivery: DeliveryInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """How the latest decision went out (Art 11(2), 13(2)). E-mail and SMS also need the registered letter.
    Receipt (deadlines.md): e-mail, SMS, e-document and by hand the day sent; registered mail the day
    delivered. A proposal's answer period runs from its receipt."""
    actor = as_actor(officer, Role.OFFICER)
    require_aware(now, "now")
    require_aware(delivery.sent_at, "sent_at")

    def work() -> Outcome:
        case = lock_for_akimat(case_id, actor)
        catch_up(case, now)
        state = case.state
        decision = wf.latest_decision(state)
        if decision is None:
            raise RuleViolation(_("There is no decision to deliver yet."), code="nothing_to_deliver")
        if delivery.sent_at > now:
            raise InvalidInput(_("The time sent cannot be in the future."), field="sent_at")
        # Pages give the minute: "10:15" for a decision of 10:15:25 is recorded at the decision's instant.
        if delivery.sent_at < decision.decided_at.replace(second=0, microsecond=0):
            raise InvalidInput(_("The time sent cannot be before the decision."), field="sent_at")
        sent_at = max(delivery.sent_at, decision.decided_at)
        sent_on = local_day(sent_at, case.settlement)
        registered_mail: dict[str, Any] | None = None
        if delivery.channel in ("email", "sms"):
            if delivery.registered_mail_sent_on is None:
                raise RuleViolation(
                    _("An answer by e-mail or SMS is also sent by registered mail (Art 11(2))."),
                    field="registered_mail_sent_on",
                )
            if delivery.registered_mail_sent_on < sent_on:
                raise InvalidInput(
                    _("The registered letter follows the message."), field="registered_mail_sent_on"
                )
            registered_mail = {
                "sent_on": delivery.registered_mail_sent_on.isoformat(),
                "number": delivery.registered_mail_number.strip(),
            }
        if delivery.channel == "registered_mail":
            registered_mail = _letter(delivery, sent_on)
            received = delivery.delivered_on
            if received is not None and received < sent_on:
                raise InvalidInput(_("A letter is delivered after it is sent."), field="delivered_on")
            if received is not None and received > local_day(now, case.settlement):
                raise InvalidInput(_("The delivery day cannot be in the future."), field="delivered_on")
        else:
            if delivery.delivered_on is not None:
                raise InvalidInput(
                    _("Only registered mail has a separate delivery day."), field="delivered_on"
                )
            received = sent_on
        answer_deadline = None
        if decision.decision == procedure.PROPOSE and received is not None:
            days = regime_params(case, received).integer("proposal_answer_working_days")
            answer_deadline = default_calendar().working_day_after(received, days).isoformat()
        payload = {
            "decision_seq": decision.seq,
            "channel": delivery.channel,
            "sent_at": local_iso(sent_at, case.settlement),
            "sent_on": sent_on.isoformat(),
            "received_on": received.isoformat() if received else None,
            "registered_mail": registered_mail,
            "answer_deadline": answer_deadline,
            "sent_after_review_deadline": case.review_deadline is not None and sent_on > case.review_deadline,
        }
        event = append(case, "delivered", payload, now=now, effective_on=sent_on, actor=actor, key=key or "")
        catch_up(case, now)  # a delivery recorded late may show the answer period already over
        return Outcome(case.pk, event.seq)

    settle(case_id, now)
    outcome = once(
        actor, key, "record_delivery", fingerprint("record_delivery", case_id, delivery), work, now
    )
    return event_by_seq(case_id, outcome.event_seq)


def proposal_answer_deadline(case: Case, sent_at: dt.datetime) -> dt.date:
    """The organizer's last day to answer a proposal sent at `sent_at` by e-mail, SMS or e-document: received
    that day, answered by the end of the regime's answer period in working days (Art 11(3); deadlines.md)."""
    received = local_day(sent_at, case.settlement)
    days = regime_params(case, received).integer("proposal_answer_working_days")
    return default_calendar().working_day_after(received, days)


def record_sent_answer(
    case_id: int,
    *,
    decision_seq: int,
    channel: str,
    sent_at: dt.datetime,
    provider_id: str,
    officer_id: int | None,
    now: dt.datetime,
) -> CaseEvent | None:
    """The delivery of an answer Beibit sent itself (the officer chose e-mail or SMS with the decision): the
    channel, the time the SMTP server or SMS gateway took it, and its message id. Recorded on behalf of the
    officer who decided; the registered letter that Art 11(2) adds is recorded by the officer later (a
    `registered_mail` delivery with its tracking number), and does not move the date. Once per message."""
    require_aware(now, "now")
    require_aware(sent_at, "sent_at")
    with transaction.atomic():
        case = lock(case_id)
        if any(
            d.decision_seq == decision_seq and d.provider_id == provider_id for d in case.state.deliveries
        ):
            return None
        decision = case.state.decision(decision_seq)
        if decision is None:
            raise NotFound(_("No such decision."))
        user = get_user_model().objects.filter(pk=officer_id).first() if officer_id else None
        if user is None:
            raise Forbidden(_("This action is for another role."))
        actor = actor_of(user, Role.OFFICER)
        sent_on = local_day(sent_at, case.settlement)
        answer_deadline = None
        if decision.decision == procedure.PROPOSE:
            answer_deadline = proposal_answer_deadline(case, sent_at).isoformat()
        payload = {
            "decision_seq": decision_seq,
            "channel": channel,
            "sent_at": local_iso(sent_at, case.settlement),
            "sent_on": sent_on.isoformat(),
            "received_on": sent_on.isoformat(),
            "registered_mail": None,
            "answer_deadline": answer_deadline,
            "sent_after_review_deadline": case.review_deadline is not None and sent_on > case.review_deadline,
            "sent_by_beibit": True,
            "provider_id": provider_id,
        }
        # The delivery before the clock: an answer sent at 23:59 of the deadline and recorded a second after
        # midnight was sent in time.
        event = append(case, "delivered", payload, now=now, effective_on=sent_on, actor=actor)
        catch_up(case, now)
        return event
