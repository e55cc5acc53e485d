"""What the API takes and gives, as django-ninja schemas (OpenAPI 3.1 is generated from them).

Inputs forbid unknown fields (a typo is an error naming the field, never silently ignored) and refuse text
that no database keeps (NUL characters, lone surrogates). A planned assembly is not described here: the
endpoints that take one parse it with the contract's own model (`beibit.law.model.PlannedAssembly`), so the
API and `beibit check` accept and refuse exactly the same input.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from beibit.cases.actions.correction import CorrectionInput
from beibit.cases.inputs import (
    AkimatBookingInput,
    AppealInput,
    AppealOutcomeInput,
    DecisionInput,
    DeliveryInput,
    HeldInput,
    ProposalInput,
    RepresentativeInput,
    SuspensionInput,
    TerminationInput,
)
from beibit.cases.read_models import stored_moment
from beibit.law.model import MAX_PARTICIPANTS


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    return value


_STORABLE = AfterValidator(_storable)
Password = Annotated[str, Field(min_length=10, max_length=128), _STORABLE]
Secret = Annotated[str, Field(min_length=1, max_length=128), _STORABLE]
EmailText = Annotated[str, Field(min_length=1, max_length=254), _STORABLE]
Name = Annotated[str, Field(min_length=1, max_length=200), _STORABLE]
Phone = Annotated[str, Field(max_length=32), _STORABLE]
Identifier = Annotated[str, Field(min_length=1, max_length=128), _STORABLE]
SettlementId = Annotated[str, Field(min_length=1, max_length=64), _STORABLE]
RegimeId = Annotated[str, Field(min_length=1, max_length=32), _STORABLE]
Label = Annotated[str, Field(min_length=1, max_length=300), _STORABLE]
ShortCode = Annotated[str, Field(max_length=64), _STORABLE]
Note = Annotated[str, Field(max_length=2000), _STORABLE]
Reasons = Annotated[str, Field(min_length=1, max_length=5000), _STORABLE]
LongText = Annotated[str, Field(max_length=20000), _STORABLE]


Ground = Literal[
    "14.1.1", "14.1.2", "14.1.3", "14.1.4", "14.1.5", "14.1.6", "14.1.7", "14.1.8", "14.1.9", "14.1.10"
]
TerminationGround = Literal["18.1.1", "18.1.2", "18.1.3", "18.1.4", "18.1.5", "18.1.6"]
#: A moment the contract writes as text, as the log stores it (`read_models.stored_moment`); typed inside.
StoredMoment = Annotated[
    dt.datetime, PlainSerializer(stored_moment, return_type=str), WithJsonSchema({"type": "string"})
]
Longitude = Annotated[float, Field(ge=-180, le=180)]
Latitude = Annotated[float, Field(ge=-90, le=90)]


class In(Schema):
    model_config = ConfigDict(extra="forbid")


class Out(BaseModel):
    """What the API answers. The handlers build plain dicts, so pydantic alone checks a response; ninja's
    `Schema` would first wrap every nested value for attribute lookup on ORM objects, which cost more than
    the rest of a simple request (benchmarks/api.py). Attributes are still read from objects (a case)."""

    model_config = ConfigDict(from_attributes=True)


# --- errors ---------------------------------------------------------------------------------------------


class ErrorBody(Out):
    code: str = Field(
        description="machine-readable reason, e.g. invalid_value, not_found, invalid_transition"
    )
    field: str | None = Field(description="the input field at fault (dotted path), when there is one")
    message: str


class ErrorOut(Out):
    error: ErrorBody


# --- accounts -------------------------------------------------------------------------------------------


class OrganizerRegistrationIn(In):
    email: Annotated[str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    password: Password
    full_name: Name
    iin: Annotated[str, Field(pattern=r"^[0-9]{12}$")]
    birth_date: dt.date
    phone: Phone = ""


class RegistrationOut(Out):
    message: str


class ConfirmationIn(In):
    uid: Annotated[str, Field(min_length=1, max_length=64), _STORABLE]
    token: Annotated[str, Field(min_length=1, max_length=128), _STORABLE]


class AccountOut(Out):
    id: int
    email: str
    role: str
    settlement: str | None


class TokenIn(In):
    email: EmailText
    password: Secret


class TokenOut(Out):
    token: str = Field(description="send as 'Authorization: Bearer <token>'")
    role: str
    settlement: str | None
    expires_at: dt.datetime = Field(
        description="after this instant the token is refused (401); rotate it before: POST /auth/token/rotate"
    )


# --- organizer ------------------------------------------------------------------------------------------


class ProposalAnswerIn(In):
    agree: bool


class WithdrawalIn(In):
    reason: Note = ""


class AppealIn(In):
    body: Literal["higher_body", "court"]
    body_name: Label
    filed_on: dt.date
    learnt_on: dt.date | None = Field(
        default=None, description="when the organizer learnt of the decision; default: its receipt"
    )

    def to_input(self) -> AppealInput:
        return AppealInput(self.body, self.body_name, self.filed_on, self.learnt_on)


class AppealOutcomeIn(In):
    outcome: Literal["upheld", "partly_upheld", "dismissed", "returned_without_consideration"]
    decided_on: dt.date
    appeal_seq: Annotated[int, Field(ge=1, le=1_000_000)] | None = None

    def to_input(self) -> AppealOutcomeInput:
        return AppealOutcomeInput(self.outcome, self.decided_on, self.appeal_seq)


# --- officer --------------------------------------------------------------------------------------------


class ProposalIn(In):
    place_id: Identifier | None = None
    address: Label | None = None
    point: tuple[Longitude, Latitude] | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    note: Note = ""


class DecisionIn(In):
    decision: Literal["proceed", "approve", "approve_restricted", "propose", "refuse"]
    grounds: list[Ground] = Field(default_factory=list, max_length=10)
    reasons: LongText = ""
    proposal: ProposalIn | None = None
    #: Beibit sends the answer itself by e-mail or SMS and records the delivery when it is sent (issue 17);
    #: without it the akimat records the delivery (POST .../deliveries).
    send_by: Literal["email", "sms", "e_document"] | None = None

    def to_input(self) -> DecisionInput:
        p = self.proposal
        proposal = (
            ProposalInput(p.place_id, p.address, p.point, p.starts_at, p.ends_at, p.note)
            if p is not None
            else None
        )
        return DecisionInput(self.decision, tuple(self.grounds), self.reasons, proposal, self.send_by)


class DeliveryIn(In):
    channel: Literal["hand", "registered_mail", "e_document", "email", "sms"]
    sent_at: AwareDatetime
    delivered_on: dt.date | None = Field(
        default=None, description="registered mail: the day it was delivered"
    )
    registered_mail_sent_on: dt.date | None = Field(
        default=None, description="e-mail and SMS: the day the registered letter that must follow was sent"
    )
    registered_mail_number: ShortCode = ""

    def to_input(self) -> DeliveryInput:
        return DeliveryInput(
            self.channel,
            self.sent_at,
            self.delivered_on,
            self.registered_mail_sent_on,
            self.registered_mail_number,
        )


class RepresentativeIn(In):
    full_name: Name
    position: Name
    phone: Phone = ""

    def to_input(self) -> RepresentativeInput:
        return RepresentativeInput(self.full_name, self.position, self.phone)


class HeldIn(In):
    started_at: AwareDatetime | None = None
    observed_participants_low: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    observed_participants_high: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    notes: Note = ""

    def to_input(self) -> HeldInput:
        return HeldInput(
            self.started_at, self.observed_participants_low, self.observed_participants_high, self.notes
        )


class SuspensionIn(In):
    reasons: Reasons
    demanded_at: AwareDatetime
    suspended_at: AwareDatetime
    resume_by: AwareDatetime

    def to_input(self) -> SuspensionInput:
        return SuspensionInput(self.reasons, self.demanded_at, self.suspended_at, self.resume_by)


class TerminationIn(In):
    ground: TerminationGround
    reasons: Reasons
    terminated_at: AwareDatetime
    dispersal_by: AwareDatetime

    def to_input(self) -> TerminationInput:
        return TerminationInput(self.ground, self.reasons, self.terminated_at, self.dispersal_by)


class AkimatBookingIn(In):
    kind: Literal["official_event", "cultural_event", "sports_event", "works", "other"]
    place_id: Identifier
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    description: Label
    expected_participants: Annotated[int, Field(ge=1, le=MAX_PARTICIPANTS)] | None = None

    def to_input(self) -> AkimatBookingInput:
        return AkimatBookingInput(
            self.kind,
            self.place_id,
            self.starts_at,
            self.ends_at,
            self.description,
            self.expected_participants,
        )


# --- outputs --------------------------------------------------------------------------------------------


class PlanOut(Out):
    place_id: str | None
    place_name: str | None
    point: list[float] | None
    address: str | None
    starts_at: StoredMoment | None
    ends_at: StoredMoment | None
    expected_participants: int | None


class EventOut(Out):
    seq: int
    kind: str
    effective_on: dt.date = Field(description="the day the event takes legal effect")
    occurred_at: dt.datetime = Field(description="when it was recorded")
    actor_role: str


class EventRecordOut(EventOut):
    payload: dict[str, Any]
    prev_hash: str
    hash: str = Field(description="SHA-256 over the event and prev_hash (beibit audit verify recomputes it)")


class CaseRecordOut(Out):
    case_id: int
    events: list[EventRecordOut]


class CaseOut(Out):
    id: int
    settlement: str
    form: str
    procedure: str
    status: str
    allowed_actions: list[str] = Field(description="the transitions this viewer may take now")
    draft: dict[str, Any] | None = Field(description="the planned assembly while it is a draft")
    filed: dict[str, Any] | None = Field(description="the planned assembly as filed")
    submitted_at: dt.datetime | None
    registration_number: str | None = Field(
        default=None,
        description='the akimat\'s registration number, "<SETTLEMENT>-<year>-<sequence>" (as on the receipt '
        "and the filing's PDF); none for a draft and for cases registered before it was introduced",
    )
    registration_day: dt.date | None
    last_filing_day: dt.date | None
    filed_in_time: bool | None
    review_deadline: dt.date | None
    working_days_left: int | None
    silence_effect: str | None
    plan: PlanOut | None
    decisions: list[dict[str, Any]]
    proposal: dict[str, Any] | None
    deliveries: list[dict[str, Any]]
    representative: dict[str, Any] | None
    held: dict[str, Any] | None
    suspension: dict[str, Any] | None
    termination: dict[str, Any] | None
    appeals: list[dict[str, Any]]
    withdrawal: dict[str, Any] | None
    silence: dict[str, Any] | None
    campaigning_from: dt.date | None = Field(description="Art 15: from when campaigning is allowed")
    evaluation: dict[str, Any] | None = Field(
        description="the engine's evaluation, made at submission and again after each recorded correction"
    )
    corrections: list[dict[str, Any]] = Field(
        default_factory=list,
        description="facts the akimat recorded: {seq, fact, value, previous, reason, corrected_on}",
    )
    notes: list[str]
    events: list[EventOut]
    conflicts: list[ConflictOut] | None = Field(
        default=None, description="officers only: other bookings of the place at that time (Art 9(3))"
    )


class CaseSummaryOut(Out):
    id: int
    settlement: str
    form: str
    procedure: str
    status: str
    registration_number: str | None = Field(
        default=None,
        description='the akimat\'s registration number, "<SETTLEMENT>-<year>-<sequence>" (as on the receipt '
        "and the filing's PDF); none for a draft and for cases registered before it was introduced",
    )
    registration_day: dt.date | None
    review_deadline: dt.date | None
    starts_at: dt.datetime | None
    updated_at: dt.datetime


class FindingOut(Out):
    code: str
    severity: str
    message: str
    ground: str | None


class ConflictOut(Out):
    booking_id: int
    kind: str
    case_id: int | None
    description: str | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    received_at: dt.datetime
    earlier: bool = Field(description="received before this filing: it takes precedence (Art 9(3))")


class InboxItemOut(Out):
    id: int
    form: str
    procedure: str
    status: str
    registration_number: str | None = Field(
        default=None,
        description='the akimat\'s registration number, "<SETTLEMENT>-<year>-<sequence>" (as on the receipt '
        "and the filing's PDF); none for a draft and for cases registered before it was introduced",
    )
    registration_day: dt.date | None
    review_deadline: dt.date | None
    working_days_left: int | None
    past_deadline: bool
    plan: PlanOut | None
    refusal_grounds: list[str]
    findings: list[FindingOut]
    conflicts: list[ConflictOut]


class EventRecordedOut(Out):
    case: CaseOut
    event_seq: int


class BookingOut(Out):
    id: int
    settlement: str
    place_id: str
    kind: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    expected_participants: int | None
    entered_at: dt.datetime
    released_at: dt.datetime | None


class AppealRefOut(Out):
    body: str
    filed_at: str
    decided_at: str | None
    result: str | None


class RegisterRowOut(Out):
    case_id: int
    akimat: str
    settlement_id: str
    admin1: str | None
    admin2: str
    location: str | None
    location_name: str | None
    lat: float | None
    lon: float | None
    geo_precision: str
    form: str
    procedure: str
    organizer_kind: str | None
    planned_start: str | None
    planned_end: str | None
    expected_participants: int | None
    submitted_at: str | None
    registration_number: str | None = Field(
        default=None,
        description='the akimat\'s registration number, "<SETTLEMENT>-<year>-<sequence>" (as on the receipt '
        "and the filing's PDF); none for a draft and for cases registered before it was introduced",
    )
    registration_day: str | None
    last_filing_day: str | None
    review_deadline: str | None
    decided_at: str | None
    decision_late: bool | None
    outcome: str | None
    status: str
    grounds: list[str]
    alternative_place: str | None
    alternative_time: str | None
    organizer_response: str | None
    held: str
    state_response: list[str]
    appeal: AppealRefOut | None
    updated_at: str | None


class RegisterOut(Out):
    count: int
    limit: int
    offset: int
    items: list[RegisterRowOut]


class OccupancyRowOut(Out):
    booking_id: int
    settlement_id: str
    place_id: str
    place_name: str | None
    date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    planned_event: str
    expected_participants: int | None
    kind: str
    case_id: int | None
    case_status: str | None
    received_at: dt.datetime
    entered_at: dt.datetime


class OccupancyOut(Out):
    count: int
    limit: int
    offset: int
    items: list[OccupancyRowOut]


class SettlementOut(Out):
    id: str
    name: str
    name_ru: str
    zone: str


class CorrectionIn(In):
    """A fact as the akimat knows it, with the reason it differs from the filing (the case is then evaluated
    again; a refusal on a fact ground needs the facts recorded first)."""

    fact: Literal["registered_on", "expected_participants", "near_objects", "special_legal_regime"]
    value: Any = Field(
        description="in the contract's form: registered_on YYYY-MM-DD; expected_participants an integer; "
        "near_objects a list of {kind, name}; special_legal_regime {kind, restricts_assemblies}"
    )
    reason: Reasons

    def to_input(self) -> CorrectionInput:
        return CorrectionInput(self.fact, self.value, self.reason)
