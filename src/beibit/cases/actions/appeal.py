"""Appeals against the akimat's act or omission (Art 19, APPK Art 91-92) and their outcomes."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from beibit.cases import workflow as wf
from beibit.cases.actors import Actor, actor_of, as_actor
from beibit.cases.clock import catch_up, settle
from beibit.cases.errors import Forbidden, InvalidInput, InvalidTransition, RuleViolation
from beibit.cases.inputs import AppealInput, AppealOutcomeInput
from beibit.cases.log import Outcome, append, event_by_seq, fingerprint, lock_for_akimat, lock_own, once
from beibit.cases.models import Case, CaseEvent, Role
from beibit.cases.moments import add_months, local_day, regime_params, require_aware
from beibit.law.calendar import default_calendar
from beibit.law.regimes import ParameterNotInForce

_APPEALABLE_KINDS = ("decision_recorded", "overdue", "suspended", "terminated")


def _appeal_subject(case: Case) -> tuple[CaseEvent, dt.date]:
    """The latest act or omission of the akimat, and the day the organizer learnt of it by default."""
    subject = CaseEvent.objects.filter(case=case, kind__in=_APPEALABLE_KINDS).order_by("-seq").first()
    if subject is None:
        raise RuleViolation(_("There is no decision of the akimat to appeal."), code="nothing_to_appeal")
    learnt = subject.effective_on
    if subject.kind == "decision_recorded":
        received = [
            d.received_on
            for d in case.state.deliveries
            if d.decision_seq == subject.seq and d.received_on is not None
        ]
        if received:
            learnt = min(received)
    return subject, learnt


def appealable_act(case: Case) -> tuple[CaseEvent, dt.date] | None:
    """The latest act or omission of the akimat that may be appealed and the day the organizer learnt of it
    (for pages and documents), or None when there is none yet."""
    try:
        return _appeal_subject(case)
    except RuleViolation:
        return None


def appeal_deadline(case: Case, learnt_on: dt.date) -> tuple[dt.date | None, int | None]:
    """APPK Art 92 (deadlines.md): 3 months from the day the organizer learnt of the decision, as a
    calendar-month date; on a day that is not a working day, the next working day. None before the APPK
    (in force 2021-07-01)."""
    try:
        months = regime_params(case, learnt_on).integer("appeal_months")
    except ParameterNotInForce:
        return None, None
    return default_calendar().registration_day(add_months(learnt_on, months)), months


def record_appeal(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    appeal: AppealInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 19, APPK Art 91-92: an appeal against the akimat's decision or omission, with the limit counted."""
    actor = as_actor(organizer, Role.ORGANIZER)
    require_aware(now, "now")

    def work() -> Outcome:
        case = lock_own(case_id, actor)
        catch_up(case, now)
        try:
            wf.transition(case.status, "appealed", "organizer")
        except wf.TransitionNotAllowed:
            raise InvalidTransition(
                _("There is no decision of the akimat to appeal in status '%(status)s'.")
                % {"status": case.status}
            ) from None
        subject, default_learnt = _appeal_subject(case)
        learnt = appeal.learnt_on or default_learnt
        today = local_day(now, case.settlement)
        if appeal.filed_on > today:
            raise InvalidInput(_("The filing day cannot be in the future."), field="filed_on")
        if learnt > appeal.filed_on:
            raise InvalidInput(_("An appeal is filed after the decision is known."), field="learnt_on")
        if learnt < subject.effective_on:
            raise InvalidInput(_("The decision cannot be known before it was taken."), field="learnt_on")
        if not appeal.body_name.strip():
            raise InvalidInput(_("Name the body the appeal goes to."), field="body_name")
        deadline, months = appeal_deadline(case, learnt)
        payload = {
            "body": appeal.body,
            "body_name": appeal.body_name.strip(),
            "filed_on": appeal.filed_on.isoformat(),
            "learnt_on": learnt.isoformat(),
            "subject_seq": subject.seq,
            "subject_kind": subject.kind,
            "limit_months": months,
            "appeal_deadline": deadline.isoformat() if deadline else None,
            "within_limit": None if deadline is None else appeal.filed_on <= deadline,
        }
        event = append(
            case, "appealed", payload, now=now, effective_on=appeal.filed_on, actor=actor, key=key or ""
        )
        return Outcome(case.pk, event.seq)

    settle(case_id, now)
    outcome = once(actor, key, "record_appeal", fingerprint("record_appeal", case_id, appeal), work, now)
    return event_by_seq(case_id, outcome.event_seq)


def record_appeal_outcome(
    case_id: int,
    who: Actor | AbstractBaseUser,
    outcome_input: AppealOutcomeInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """The higher body's or the court's answer to an appeal; the organizer or the akimat records it."""
    actor = who if isinstance(who, Actor) else actor_of(who)
    if actor.role not in (Role.ORGANIZER, Role.OFFICER):
        raise Forbidden(_("This action is for another role."))
    require_aware(now, "now")

    def work() -> Outcome:
        case = lock_own(case_id, actor) if actor.role == Role.ORGANIZER else lock_for_akimat(case_id, actor)
        catch_up(case, now)
        appeals = case.state.appeals
        if not appeals:
            raise RuleViolation(_("No appeal is recorded."), field="appeal_seq", code="no_appeal")
        seq = outcome_input.appeal_seq or appeals[-1].seq
        appeal = next((a for a in appeals if a.seq == seq), None)
        if appeal is None:
            raise InvalidInput(_("No appeal with this number."), field="appeal_seq")
        if appeal.outcome is not None:
            raise RuleViolation(_("The outcome of this appeal is already recorded."), field="appeal_seq")
        if outcome_input.decided_on < appeal.filed_on:
            raise InvalidInput(_("An appeal is decided after it is filed."), field="decided_on")
        if outcome_input.decided_on > local_day(now, case.settlement):
            raise InvalidInput(_("The day of the outcome cannot be in the future."), field="decided_on")
        event = append(
            case,
            "appeal_decided",
            {
                "appeal_seq": seq,
                "outcome": outcome_input.outcome,
                "decided_on": outcome_input.decided_on.isoformat(),
            },
            now=now,
            effective_on=outcome_input.decided_on,
            actor=actor,
            key=key or "",
        )
        return Outcome(case.pk, event.seq)

    settle(case_id, now)
    outcome = once(
        actor,
        key,
        "record_appeal_outcome",
        fingerprint("record_appeal_outcome", case_id, outcome_input),
        work,
        now,
    )
    return event_by_seq(case_id, outcome.event_seq)
