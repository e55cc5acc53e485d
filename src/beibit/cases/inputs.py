"""What the services take: plain values, validated for shape by the API and for law by the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from beibit.law import procedure

DeliveryChannel = Literal["hand", "registered_mail", "e_document", "email", "sms"]
AppealBody = Literal["higher_body", "court"]
AppealOutcome = Literal["upheld", "partly_upheld", "dismissed", "returned_without_consideration"]
AkimatBookingKind = Literal["official_event", "cultural_event", "sports_event", "works", "other"]

#: Art 14(1) and 18(1): the grounds, as the engine writes them (the law's lists, `law.procedure`).
REFUSAL_GROUNDS = procedure.REFUSAL_GROUNDS
TERMINATION_GROUNDS = procedure.TERMINATION_GROUNDS


@dataclass(frozen=True, slots=True)
class ProposalInput:
    """Another place, route and/or time (Art 11(1)(3), 13(1)(4)); what is not given stays as filed."""

    place_id: str | None = None
    address: str | None = None
    point: tuple[float, float] | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class DecisionInput:
    decision: str
    grounds: tuple[str, ...] = ()
    reasons: str = ""
    proposal: ProposalInput | None = None
    #: How Beibit sends the answer itself (Art 11(2)): "email" or "sms"; None when the akimat sends it
    #: another way and records the delivery (by hand, registered mail, EDS e-document).
    send_by: Literal["email", "sms", "e_document"] | None = None


@dataclass(frozen=True, slots=True)
class DeliveryInput:
    """How the answer went out (Art 11(2), 13(2)). E-mail and SMS must be followed by registered mail."""

    channel: DeliveryChannel
    sent_at: dt.datetime
    delivered_on: dt.date | None = None  # registered mail: the day it reached the organizer
    registered_mail_sent_on: dt.date | None = None
    registered_mail_number: str = ""


@dataclass(frozen=True, slots=True)
class RepresentativeInput:
    full_name: str
    position: str
    phone: str = ""


@dataclass(frozen=True, slots=True)
class HeldInput:
    started_at: dt.datetime | None = None
    observed_participants_low: int | None = None
    observed_participants_high: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SuspensionInput:
    """Art 17: the breach, the representative's demand, the suspension and the time set to remove it."""

    reasons: str
    demanded_at: dt.datetime
    suspended_at: dt.datetime
    resume_by: dt.datetime


@dataclass(frozen=True, slots=True)
class TerminationInput:
    """Art 18: the ground of 18(1) and the time set for voluntary dispersal (18(2))."""

    ground: str
    reasons: str
    terminated_at: dt.datetime
    dispersal_by: dt.datetime


@dataclass(frozen=True, slots=True)
class AppealInput:
    body: AppealBody
    body_name: str
    filed_on: dt.date
    learnt_on: dt.date | None = None  # when the organizer learnt of the decision; default: its receipt


@dataclass(frozen=True, slots=True)
class AppealOutcomeInput:
    outcome: AppealOutcome
    decided_on: dt.date
    appeal_seq: int | None = None  # default: the latest appeal


@dataclass(frozen=True, slots=True)
class AkimatBookingInput:
    """The akimat's own official, cultural or sports event, or works, at a specialized place
    (Art 14(1)(10))."""

    kind: AkimatBookingKind
    place_id: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    description: str
    expected_participants: int | None = None
