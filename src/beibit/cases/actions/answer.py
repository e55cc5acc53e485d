"""Organizer: the answer to the akimat's proposal of another place or time (Art 11(3), 13(3))."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from beibit.cases import workflow as wf
from beibit.cases.actors import Actor, as_actor
from beibit.cases.bookings import book, release
from beibit.cases.clock import catch_up, settle
from beibit.cases.errors import InvalidTransition, RuleViolation
from beibit.cases.log import Outcome, append, event_by_seq, fingerprint, lock_own, once
from beibit.cases.models import CaseEvent, Role
from beibit.cases.moments import local_day, require_aware


def answer_proposal(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    agree: bool,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 11(3), 13(3): within 1 working day of receiving the proposal. Agreement moves the booking to the
    proposed place and time; the akimat may then no longer refuse."""
    actor = as_actor(organizer, Role.ORGANIZER)
    require_aware(now, "now")

    def work() -> Outcome:
        case = lock_own(case_id, actor)
        catch_up(case, now)
        if case.status == wf.PROPOSAL_LAPSED:
            raise RuleViolation(
                _("The period to answer the proposal has ended (Art 11(3), 13(3))."),
                code="answer_period_over",
            )
        if case.status != wf.PROPOSAL_PENDING:
            raise InvalidTransition(_("There is no proposal waiting for an answer."))
        proposal = case.state.proposal
        assert proposal is not None  # a pending proposal is in the state
        today = local_day(now, case.settlement)
        new_plan = dict(proposal.new_plan) if agree else {}
        event = append(
            case,
            "proposal_answered",
            {
                "agree": agree,
                "answered_on": today.isoformat(),
                "answer_deadline": proposal.answer_deadline.isoformat() if proposal.answer_deadline else None,
                "new_plan": new_plan,
            },
            now=now,
            effective_on=today,
            actor=actor,
            key=key or "",
        )
        if agree:
            release(case, now=now, reason="moved_by_agreed_proposal", actor=actor)
            book(case, case.state.plan, received_at=now, now=now, form=case.form)
        return Outcome(case.pk, event.seq)

    settle(case_id, now)
    outcome = once(actor, key, "answer_proposal", fingerprint("answer_proposal", case_id, agree), work, now)
    return event_by_seq(case_id, outcome.event_seq)
