"""The procedure of a filed case, as pure functions: what the akimat's decision may be, the day it is due,
which refusal grounds the facts of a filing establish, when a refusal is well-formed, the precondition of a
termination on 18(1)(4), and from when campaigning is allowed (Art 15).

No Django, no clock: the case service (`beibit.cases`) passes the days and the regime's parameters in and
turns a `Problem` into its translated error; the engine (`law.rules.campaigning`) and the case fold
(`cases.workflow`) use the same `campaigning_from`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from beibit.law.calendar import WorkingCalendar
from beibit.law.regimes import Params

#: The akimat's possible answers (Art 11(1), 13(1)).
PROCEED = "proceed"  # Art 11(1)(1): a notification goes ahead
APPROVE = "approve"  # Art 13(1)(1)
APPROVE_RESTRICTED = "approve_restricted"  # Art 13(1)(2)
PROPOSE = "propose"  # Art 11(1)(3)... 13(1)(4): another place, route or time
REFUSE = "refuse"  # Art 11(1)(2), 13(1)(3), 14
DECISIONS = (PROCEED, APPROVE, APPROVE_RESTRICTED, PROPOSE, REFUSE)
GO_AHEAD_DECISIONS = frozenset({PROCEED, APPROVE, APPROVE_RESTRICTED})
#: Which answers each procedure has: a notification (Art 11(1)) or an application for approval (Art 13(1)).
DECISIONS_BY_PROCEDURE: dict[str, frozenset[str]] = {
    "notification": frozenset({PROCEED, PROPOSE, REFUSE}),
    "application_for_approval": frozenset({APPROVE, APPROVE_RESTRICTED, PROPOSE, REFUSE}),
}

#: Art 14(1): the ten grounds for refusal.
REFUSAL_GROUNDS = tuple(f"14.1.{n}" for n in range(1, 11))
#: Art 18(1): the six grounds for termination.
TERMINATION_GROUNDS = tuple(f"18.1.{n}" for n in range(1, 7))
#: A refusal must be reasoned (Art 14(2), CC 61-NP); a few words are not reasons (the project's reading,
#: docs/interpretations.md).
MIN_REASONS_LENGTH = 20

ProblemCode = Literal[
    "grounds_not_refusal",
    "ground_missing",
    "ground_unknown",
    "ground_twice",
    "reasons_too_short",
    "alternative_first",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a decision is not well-formed: the case service words it (translated) and names `field`."""

    code: ProblemCode
    field: str
    ground: str = ""


def assembly_window(params: Params) -> tuple[dt.time, dt.time]:
    """Art 9(4): the local times no assembly starts before and ends after (`earliest_start`, `latest_end`)."""
    return params.time("earliest_start"), params.time("latest_end")


def moves_along_route(form: str | None, params: Params) -> bool:
    """Art 1(5), 1(12): a demonstration and a march move along a route (a specialized route, not a place)."""
    return form is not None and form in params.names("route_forms")


def needs_application(form: str | None, params: Params) -> bool:
    """Art 12(1): the forms filed as an application for approval, not as a notification."""
    return form is not None and form in params.names("application_forms")


def decision_allowed(procedure: str, decision: str) -> bool:
    """Art 11(1) for a notification, 13(1) for an application: the answers the akimat has."""
    return decision in DECISIONS_BY_PROCEDURE.get(procedure, frozenset())


def day_after(day: dt.date) -> dt.date:
    """The calendar day after `day`: when a period's end takes effect (Art 11(1), last part; Art 13(1); the
    silence or the lapse is effective the day after the deadline) and when Art 15 lets campaigning start."""
    return day + dt.timedelta(days=1)


def decision_due(
    review_deadline: dt.date,
    *,
    proposal_in_time: bool,
    proposal_settled_on: dt.date | None,
    calendar: WorkingCalendar,
) -> dt.date:
    """The last day a decision counts as in time: the review deadline; after a proposal made in time and
    answered (agreed, declined) or left unanswered, also the working day after the answer or the end of its
    period (`proposal_settled_on`), since the law gives the akimat no separate period for that last step
    (docs/interpretations.md)."""
    if not proposal_in_time or proposal_settled_on is None:
        return review_deadline
    return max(review_deadline, calendar.working_day_after(proposal_settled_on, 1))


def refusal_problem(
    decision: str,
    grounds: Iterable[str],
    reasons: str,
    *,
    alternative_refused: bool,
    params: Params,
) -> Problem | None:
    """Art 14: a refusal names at least one ground of 14(1), each once, with written reasons (14(2)); a
    refusal on 14(1)(10) alone needs another place or time offered first and declined or left unanswered
    (CC 61-NP, `occupied_place_refusal_needs_alternative`). Any other answer names no ground."""
    named = list(grounds)
    if decision != REFUSE:
        return Problem("grounds_not_refusal", "grounds") if named else None
    if not named:
        return Problem("ground_missing", "grounds")
    for i, ground in enumerate(named):
        if ground not in REFUSAL_GROUNDS:
            return Problem("ground_unknown", f"grounds.{i}", ground)
    if len(set(named)) != len(named):
        return Problem("ground_twice", "grounds")
    if len(reasons.strip()) < MIN_REASONS_LENGTH:
        return Problem("reasons_too_short", "reasons")
    if (
        set(named) == {"14.1.10"}
        and params.flag("occupied_place_refusal_needs_alternative")
        and not alternative_refused
    ):
        return Problem("alternative_first", "grounds")
    return None


def ordered_grounds(grounds: Iterable[str]) -> list[str]:
    """Grounds in the order of Art 14(1)."""
    return sorted(grounds, key=lambda g: int(g.rsplit(".", 1)[1]))


def termination_allowed(ground: str, *, suspended: bool) -> bool:
    """Art 18(1)(4) ends an assembly whose suspension (Art 17) did not remove the breach: only a suspended
    assembly. The other grounds of 18(1) have no precondition in the case's own history."""
    return ground != "18.1.4" or suspended


def campaigning_from(
    review_deadline: dt.date | None,
    go_ahead_received_on: Iterable[dt.date] = (),
    proposal_agreed_on: dt.date | None = None,
) -> dt.date | None:
    """Art 15 (deadlines.md, Campaigning): from the day after the review deadline, the receipt of a decision
    letting the assembly go ahead, or the organizer's agreement to a proposal, whichever is first."""
    days = list(go_ahead_received_on)
    if review_deadline is not None:
        days.append(day_after(review_deadline))
    if proposal_agreed_on is not None:
        days.append(proposal_agreed_on)
    return min(days) if days else None
