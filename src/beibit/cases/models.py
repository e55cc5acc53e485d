"""What the case service stores.

- `Profile`: the role of an account (organizer, akimat officer, maslikhat editor) and, for staff, the
  settlement whose akimat or maslikhat they work for; an organizer's IIN and birth date.
- `Case` + `CaseEvent`: a filing and the append-only, hash-chained log of everything that happened to it.
  The columns of `Case` other than the draft are a projection of the events (`state_json` and a few indexed
  copies for queries); only `services.py` writes them, in the same transaction as the event.
- `Booking`: a place taken at a time (a registered filing, or the akimat's own event or works); released,
  never deleted, so the calendar can be read as it stood on any day.
- `IdempotencyRecord`: the result of a write made under an `Idempotency-Key`, so a retry does not repeat it.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from beibit.cases.state import CaseState

# The append-only log's base lives in beibit.common (the registry's logs use it too); re-exported here.
from beibit.common.append_only import AppendOnlyError as AppendOnlyError
from beibit.common.append_only import AppendOnlyModel as AppendOnlyModel
from beibit.common.append_only import AppendOnlyQuerySet as AppendOnlyQuerySet
from beibit.common.roles import MASLIKHAT_EDITOR


class Role(models.TextChoices):
    ORGANIZER = "organizer", _("organizer")
    OFFICER = "officer", _("akimat officer")
    MASLIKHAT_EDITOR = MASLIKHAT_EDITOR, _("maslikhat editor")
    MONITOR = "monitor", _("monitor")


class Profile(models.Model):
    """One role per account. Officers and editors work for the akimat or maslikhat of one settlement."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    settlement = models.CharField(_("settlement"), max_length=64, blank=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    iin = models.CharField(_("IIN"), max_length=12, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="profile_role_known"
            ),
            # Staff without a settlement would see every akimat's cases: refuse it in the database too
            # (monitors record assemblies anywhere and see no filings: they have none).
            models.CheckConstraint(
                condition=models.Q(role__in=["organizer", "monitor"]) | ~models.Q(settlement=""),
                name="profile_staff_has_settlement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role} {self.settlement})".strip()


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"token of {self.user} from {self.created_at:%Y-%m-%d}"


class RegistrationSequence(models.Model):
    """The last registration number given in a settlement in a year (taken under a row lock)."""

    settlement = models.CharField(max_length=64)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["settlement", "year"], name="registration_sequence_once")
        ]

    def __str__(self) -> str:
        return f"{self.settlement} {self.year}: {self.last}"


class Case(models.Model):
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases")
    settlement = models.CharField(_("settlement"), max_length=64)
    form = models.CharField(_("form"), max_length=16)
    procedure = models.CharField(_("procedure"), max_length=32)
    status = models.CharField(_("status"), max_length=32)
    # The organizer's draft (a planned assembly, contract version 1); frozen once submitted: the filed text
    # is the `submitted` event's payload.
    draft_json = models.TextField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    #: The akimat's registration number, "<SETTLEMENT>-<year>-<sequence>" (cases/numbering.py): the same on
    #: the receipt, the PDF, the register and the API. Empty for a draft and for cases filed before issue 15.
    registration_number = models.CharField(max_length=48, null=True, blank=True, unique=True)
    registration_day = models.DateField(null=True, blank=True)
    review_deadline = models.DateField(null=True, blank=True)
    last_filing_day = models.DateField(null=True, blank=True)
    regime_id = models.CharField(max_length=32, blank=True)
    # The plan as it stands (after an agreed proposal: the proposed place and time).
    place_id = models.CharField(max_length=128, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    assembly_day = models.DateField(null=True, blank=True)
    expected_participants = models.PositiveIntegerField(null=True, blank=True)
    proposal_answer_deadline = models.DateField(null=True, blank=True)
    #: A notification's review deadline while its answer, recorded in time, is not yet sent (the clock's).
    unsent_answer_due = models.DateField(null=True, blank=True)
    # The law report's refusal counts (issue 18: counted by the database, not by decoding every state):
    #: the kind of the latest decision ("" before any), whether it names Art 14(1)(10), whether a proposal
    #: of another place or time was made (Art 12(4)).
    latest_decision = models.CharField(max_length=32, blank=True, default="")
    decision_names_place_taken = models.BooleanField(default=False)
    proposal_made = models.BooleanField(default=False)
    evaluation_json = models.TextField(blank=True)
    state_json = models.TextField()
    event_count = models.PositiveIntegerField(default=0)
    last_event_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "review_deadline"], name="case_clock"),
            models.Index(fields=["status", "proposal_answer_deadline"], name="case_proposal_clock"),
            models.Index(fields=["unsent_answer_due"], name="case_unsent_answer_clock"),
            models.Index(fields=["settlement", "assembly_day"], name="case_register"),
            models.Index(
                fields=["settlement", "latest_decision"],
                condition=Q(submitted_at__isnull=False),
                name="case_decision_counts",
            ),
            models.Index(fields=["organizer", "created_at"], name="case_organizer"),
            # The register's order and count (newest planned day first), nationally and per settlement:
            # page 1 reads the first rows of an index instead of sorting every case.
            models.Index(
                F("assembly_day").desc(),
                F("id").desc(),
                condition=Q(submitted_at__isnull=False),
                name="case_register_order",
            ),
            models.Index(
                "settlement",
                F("assembly_day").desc(),
                F("id").desc(),
                condition=Q(submitted_at__isnull=False),
                name="case_register_settlement",
            ),
        ]

    def __str__(self) -> str:
        return f"case {self.pk} ({self.form}, {self.settlement}, {self.status})"

    @property
    def state_document(self) -> dict[str, Any]:
        """The stored state document (the fold's JSON; `workflow.advance` takes it)."""
        value: dict[str, Any] = json.loads(self.state_json)
        return value

    @property
    def state(self) -> CaseState:
        """The case's state, typed; read once per stored document."""
        cached: tuple[str, CaseState] | None = getattr(self, "_typed_state", None)
        if cached is None or cached[0] != self.state_json:
            cached = (self.state_json, CaseState.load(self.state_document))
            self._typed_state = cached
        return cached[1]

    @property
    def draft(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.draft_json)
        return value

    @property
    def evaluation(self) -> dict[str, Any] | None:
        if not self.evaluation_json:
            return None
        value: dict[str, Any] = json.loads(self.evaluation_json)
        return value


class CaseEvent(AppendOnlyModel):
    """One thing that happened to a case. Never updated or deleted (here, and by database triggers)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=32)
    # Canonical JSON text (sorted keys), hashed as stored: no database re-encoding can change what is hashed.
    payload_json = models.TextField()
    # The day the event takes legal effect (e.g. the day after the review deadline for deemed agreement).
    effective_on = models.DateField()
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(max_length=32)
    idempotency_key = models.CharField(max_length=255, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    APPEND_ONLY = "case events are"

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ("case", "seq")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id} #{self.seq} {self.kind}"

    @property
    def payload(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.payload_json)
        return value


class BookingKind(models.TextChoices):
    FILING = "filing", _("registered filing")
    OFFICIAL_EVENT = "official_event", _("official event")
    CULTURAL_EVENT = "cultural_event", _("cultural event")
    SPORTS_EVENT = "sports_event", _("sports event")
    WORKS = "works", _("construction or installation works")
    OTHER = "other", _("other event")


class Booking(models.Model):
    """A place taken for a time (Art 9(3): first received, first served; Art 14(1)(10))."""

    settlement = models.CharField(max_length=64)
    place_id = models.CharField(max_length=128, blank=True)
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    kind = models.CharField(max_length=32, choices=BookingKind.choices)
    form = models.CharField(max_length=16, blank=True)
    description = models.CharField(max_length=300, blank=True)
    expected_participants = models.PositiveIntegerField(null=True, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="bookings")
    # When the filing was received (its submission) or the akimat entered its event: the Art 9(3) order.
    received_at = models.DateTimeField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.CharField(max_length=64, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["settlement", "starts_at"], name="booking_calendar"),
            models.Index(fields=["place_id", "starts_at"], name="booking_place"),
            # The overlap test `starts_at < last AND ends_at > first` over the bookings not released: the
            # bookings ending after `first` are the few ahead, not every booking ever made.
            models.Index(
                fields=["settlement", "ends_at"],
                condition=Q(released_at__isnull=True),
                name="booking_open_ends",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.place_id or 'point'} {self.starts_at:%Y-%m-%d %H:%M}"


class IdempotencyRecord(models.Model):
    """What a write done under an Idempotency-Key produced; a retry with the same key gets the same."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    operation = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    booking = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    event_seq = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["actor", "key"], name="idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.operation} {self.key}"
