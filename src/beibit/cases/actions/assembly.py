"""Officer: the assembly itself: representative (Art 8(3)), held, suspension (Art 17), termination
(Art 18).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from beibit.cases import workflow as wf
from beibit.cases.actors import Actor, as_actor
from beibit.cases.clock import catch_up, settle
from beibit.cases.errors import InvalidInput, InvalidTransition, RuleViolation
from beibit.cases.inputs import (
    TERMINATION_GROUNDS,
    HeldInput,
    RepresentativeInput,
    SuspensionInput,
    TerminationInput,
)
from beibit.cases.log import Outcome, append, event_by_seq, fingerprint, lock_for_akimat, once
from beibit.cases.models import Case, CaseEvent, Role
from beibit.cases.moments import local_day, local_iso, require_aware
from beibit.law import procedure


def _officer_step(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    kind: str,
    payload_of: Callable[[Case], tuple[dict[str, Any], dt.date]],
    *,
    now: dt.datetime,
    key: str | None,
    fingerprint: str,
) -> CaseEvent:
    actor = as_actor(officer, Role.OFFICER)
    require_aware(now, "now")

    def work() -> Outcome:
        case = lock_for_akimat(case_id, actor)
        catch_up(case, now)
        try:
            wf.transition(case.status, kind, "officer")
        except wf.TransitionNotAllowed:
            raise InvalidTransition(
                _("A case in status '%(status)s' does not allow '%(edge)s'.")
                % {"status": case.status, "edge": kind}
            ) from None
        payload, effective = payload_of(case)
        event = append(case, kind, payload, now=now, effective_on=effective, actor=actor, key=key or "")
        return Outcome(case.pk, event.seq)

    settle(case_id, now)
    outcome = once(actor, key, kind, fingerprint, work, now)
    return event_by_seq(case_id, outcome.event_seq)


def _not_in_future(moment: dt.datetime, now: dt.datetime, field: str) -> None:
    require_aware(moment, field)
    if moment > now:
        raise InvalidInput(_("This time cannot be in the future."), field=field)


def appoint_representative(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    representative: RepresentativeInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 8(3): the akimat appoints its representative at the assembly."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        if not representative.full_name.strip():
            raise InvalidInput(_("Name the representative."), field="full_name")
        if not representative.position.strip():
            raise InvalidInput(_("Give the representative's position."), field="position")
        return (
            {
                "full_name": representative.full_name.strip(),
                "position": representative.position.strip(),
                "phone": representative.phone.strip(),
                "appointed_at": local_iso(now, case.settlement),
            },
            local_day(now, case.settlement),
        )

    return _officer_step(
        case_id,
        officer,
        "representative_appointed",
        payload,
        now=now,
        key=key,
        fingerprint=fingerprint("representative_appointed", case_id, representative),
    )


def record_held(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    held: HeldInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """The assembly took place (or is taking place)."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        started = held.started_at or case.starts_at or now
        _not_in_future(started, now, "started_at")
        low, high = held.observed_participants_low, held.observed_participants_high
        if low is not None and high is not None and low > high:
            raise InvalidInput(
                _("The low estimate is not above the high one."), field="observed_participants_low"
            )
        return (
            {
                "started_at": local_iso(started, case.settlement),
                "observed_participants_low": low,
                "observed_participants_high": high,
                "notes": held.notes.strip(),
            },
            local_day(started, case.settlement),
        )

    return _officer_step(
        case_id, officer, "held", payload, now=now, key=key, fingerprint=fingerprint("held", case_id, held)
    )


def suspend(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    suspension: SuspensionInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 17: after the representative's demand to remove a breach of order was not met, the assembly is
    suspended for the time set to remove it."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        _not_in_future(suspension.demanded_at, now, "demanded_at")
        _not_in_future(suspension.suspended_at, now, "suspended_at")
        require_aware(suspension.resume_by, "resume_by")
        if suspension.suspended_at < suspension.demanded_at:
            raise InvalidInput(_("The suspension follows the demand."), field="suspended_at")
        if suspension.resume_by <= suspension.suspended_at:
            raise InvalidInput(
                _("The time set to remove the breach is after the suspension."), field="resume_by"
            )
        if not suspension.reasons.strip():
            raise InvalidInput(_("Describe the breach of order."), field="reasons")
        return (
            {
                "ground": "17",
                "reasons": suspension.reasons.strip(),
                "demanded_at": local_iso(suspension.demanded_at, case.settlement),
                "suspended_at": local_iso(suspension.suspended_at, case.settlement),
                "resume_by": local_iso(suspension.resume_by, case.settlement),
            },
            local_day(suspension.suspended_at, case.settlement),
        )

    return _officer_step(
        case_id,
        officer,
        "suspended",
        payload,
        now=now,
        key=key,
        fingerprint=fingerprint("suspended", case_id, suspension),
    )


def resume(
    case_id: int, officer: Actor | AbstractBaseUser, *, now: dt.datetime, key: str | None = None
) -> CaseEvent:
    """Art 17: the breach was removed; the assembly continues."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        return {"resumed_at": local_iso(now, case.settlement)}, local_day(now, case.settlement)

    return _officer_step(
        case_id, officer, "resumed", payload, now=now, key=key, fingerprint=fingerprint("resumed", case_id)
    )


def terminate(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    termination: TerminationInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 18: termination on a ground of 18(1), with the time set for voluntary dispersal (18(2))."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        if termination.ground not in TERMINATION_GROUNDS:
            raise InvalidInput(
                _("'%(ground)s' is not a ground of Art 18(1) (18.1.1 to 18.1.6).")
                % {"ground": termination.ground},
                field="ground",
            )
        if not procedure.termination_allowed(termination.ground, suspended=case.status == wf.SUSPENDED):
            raise RuleViolation(
                _("Art 18(1)(4) ends an assembly whose suspension (Art 17) did not remove the breach."),
                field="ground",
            )
        _not_in_future(termination.terminated_at, now, "terminated_at")
        require_aware(termination.dispersal_by, "dispersal_by")
        if termination.dispersal_by <= termination.terminated_at:
            raise InvalidInput(
                _("The time set for dispersal is after the termination."), field="dispersal_by"
            )
        if not termination.reasons.strip():
            raise InvalidInput(_("Give the reasons for the termination."), field="reasons")
        return (
            {
                "ground": termination.ground,
                "reasons": termination.reasons.strip(),
                "terminated_at": local_iso(termination.terminated_at, case.settlement),
                "dispersal_by": local_iso(termination.dispersal_by, case.settlement),
            },
            local_day(termination.terminated_at, case.settlement),
        )

    return _officer_step(
        case_id,
        officer,
        "terminated",
        payload,
        now=now,
        key=key,
        fingerprint=fingerprint("terminated", case_id, termination),
    )
