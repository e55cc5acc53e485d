"""What the decision letter and the appeal draft are made from: plain frozen values, no Django.

The case service (or a test) fills these from a case; the renderers only lay them out. A value that would make
the document say something the law does not allow (a refusal with no ground, an approval of a rally) is
rejected here, so a PDF never contradicts Law 333-VI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

from beibit.law.model import Finding, Form
from beibit.law.regimes import load_regime

Outcome = Literal["proceed", "approve", "approve_restricted", "propose", "refuse"]
Track = Literal["notification", "application"]

#: The decisions open to the akimat on each track: Art 11(1) for a notification, Art 13(1) for an application.
#: The names are the case service's (beibit.cases.workflow), so a case maps onto a letter one to one.
OUTCOMES_BY_TRACK: Final[dict[Track, frozenset[Outcome]]] = {
    "notification": frozenset({"proceed", "propose", "refuse"}),
    "application": frozenset({"approve", "approve_restricted", "propose", "refuse"}),
}
#: Art 14(1): the ten grounds, written as the engine writes them.
REFUSAL_GROUNDS: Final = tuple(f"14.1.{n}" for n in range(1, 11))


def track_of(form: Form, *, regime_id: str, on: dt.date) -> Track:
    """Notification (Art 10) or application for approval (Art 12), from the regime's lists of forms."""
    params = load_regime(regime_id).params(on)
    if form in params.names("notification_forms"):
        return "notification"
    if form in params.names("application_forms"):
        return "application"
    raise ValueError(f"{regime_id} has no notification or approval procedure for a {form} on {on}")


def _require_aware(moment: dt.datetime | None, name: str) -> None:
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        raise ValueError(f"{name} must be an aware date-time")


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionLetter:
    """The akimat's answer to a notification (Art 11(1)) or decision on an application (Art 13(1)).

    `findings` are the engine's findings the akimat relies on; those establishing one of `grounds` are
    printed under it (their texts come from `beibit.law.messages`, never from this package). `delivered_on`
    is the day the organizer received the letter: the appeal period and the answer to a proposal run from
    it. `settlement` chooses the time zone of the printed hours; `regime_id` the dated parameters (appeal
    period, answer period, lists of forms).
    """

    case_reference: str
    akimat: str
    organizer_name: str
    form: Form
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    outcome: Outcome
    decided_on: dt.date
    registration_day: dt.date | None = None
    delivered_on: dt.date | None = None
    grounds: tuple[str, ...] = ()
    reasons: str = ""
    findings: tuple[Finding, ...] = ()
    proposed_place: str = ""
    proposed_starts_at: dt.datetime | None = None
    proposed_ends_at: dt.datetime | None = None
    proposal_note: str = ""
    signatory: str = ""
    settlement: str | None = None
    regime_id: str = "kz-333-vi"

    def __post_init__(self) -> None:
        for name in ("starts_at", "ends_at", "proposed_starts_at", "proposed_ends_at"):
            _require_aware(getattr(self, name), name)
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if (self.proposed_starts_at is None) != (self.proposed_ends_at is None):
            raise ValueError("a proposed time needs both its start and its end")
        if (
            self.proposed_starts_at is not None
            and self.proposed_ends_at is not None
            and self.proposed_ends_at <= self.proposed_starts_at
        ):
            raise ValueError("proposed_ends_at must be after proposed_starts_at")
        if self.delivered_on is not None and self.delivered_on < self.decided_on:
            raise ValueError("a letter is delivered on or after the day of the decision")
        # A decision may precede the registration day: a filing handed in on a day off is registered on the
        # next working day (Art 10(2)), and an akimat that answers before then is early, not out of time.
        if self.outcome not in OUTCOMES_BY_TRACK[self.track]:
            raise ValueError(f"'{self.outcome}' is not an answer open to the akimat on a {self.form}")
        unknown = [g for g in self.grounds if g not in REFUSAL_GROUNDS]
        if unknown:
            raise ValueError(f"not grounds of art. 14(1): {unknown}")
        if len(set(self.grounds)) != len(self.grounds):
            raise ValueError("a ground is listed twice")
        # Art 14(1)-(2): a refusal rests on listed grounds and is reasoned; the other answers rest on none.
        if self.outcome == "refuse":
            if not self.grounds:
                raise ValueError("a refusal names at least one ground of art. 14(1)")
            if not self.reasons.strip():
                raise ValueError("a refusal is reasoned (art. 14(2)): give the reasons")
        elif self.grounds:
            raise ValueError("only a refusal names grounds of art. 14(1)")
        # Art 11(1)(3), 13(1)(4): a proposal changes the place, the route or the time.
        if self.outcome == "propose" and not (self.proposed_place.strip() or self.proposed_starts_at):
            raise ValueError("a proposal names another place or another time")

    @property
    def track(self) -> Track:
        return track_of(self.form, regime_id=self.regime_id, on=self.registration_day or self.decided_on)

    @property
    def learnt_on(self) -> dt.date:
        """The day the appeal period runs from: receipt; unknown receipt, the decision's own day (the
        earliest the organizer can have learnt of it, so the date printed is never too late)."""
        return self.delivered_on or self.decided_on


@dataclass(frozen=True, slots=True, kw_only=True)
class AppealDraft:
    """A complaint to the higher body, lodged through the akimat (333-VI Art 19; APPK), pre-filled from a
    decision. Empty contact fields print as blanks marked for the organizer. `disputed_grounds` defaults to
    every ground of the decision; `learnt_on` to the decision's `learnt_on`."""

    decision: DecisionLetter
    higher_body: str = ""
    complainant_id: str = ""  # IIN of a citizen or BIN of a legal entity
    complainant_address: str = ""
    email: str = ""
    phone: str = ""
    learnt_on: dt.date | None = None
    disputed_grounds: tuple[str, ...] | None = None
    prepared_on: dt.date | None = None

    def __post_init__(self) -> None:
        if self.learnt_on is not None and self.learnt_on < self.decision.decided_on:
            raise ValueError("the organizer learns of a decision on or after its day")
        if self.disputed_grounds is not None:
            extra = [g for g in self.disputed_grounds if g not in self.decision.grounds]
            if extra:
                raise ValueError(f"grounds not in the decision cannot be disputed: {extra}")

    @property
    def grounds(self) -> tuple[str, ...]:
        return self.decision.grounds if self.disputed_grounds is None else self.disputed_grounds

    @property
    def learnt(self) -> dt.date:
        return self.learnt_on or self.decision.learnt_on
