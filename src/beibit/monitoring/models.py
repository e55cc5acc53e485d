"""What the monitoring records store.

- `MonitoringRecord`: what happened at or around one assembly (filed or not): held, size, the police's
  response, detentions, internet disruption, obstruction of journalists, a confidence tag. No person is named:
  counts only.
- `Source`: where the monitor read it (URL, outlet, date).
- `Sanction`: one administrative or criminal case (or a group of identical ones: `people`), as the court
  pronounced it; the fine kept as given and converted with the MCI of the offence day.
- `MonitoringEvent`: the append-only, hash-chained log of every change (who, when, what changed, and the
  whole record after it). Only `services.py` writes any of these, in the same transaction as the event.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beibit.cases.models import AppendOnlyModel, Case
from beibit.law.model import Citation
from beibit.web.labels import cite


class Held(models.TextChoices):
    YES = "yes", _("held")
    NO = "no", _("not held")
    UNKNOWN = "unknown", _("not known")


class TurnedViolent(models.TextChoices):
    NO = "no", _("stayed peaceful")
    YES = "yes", _("turned violent")
    UNKNOWN = "unknown", _("not known")


class PoliceResponse(models.TextChoices):
    NONE = "none", _("no intervention")
    DISPERSAL = "dispersal", _("dispersal")
    DETENTIONS = "detentions", _("detentions without dispersal")


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed (primary source or two sources)")
    SINGLE_SOURCE = "single_source", _("one secondary source")
    UNVERIFIED = "unverified", _("unverified")


class MonitoringRecord(models.Model):
    settlement = models.CharField(_("settlement"), max_length=64)
    event_date = models.DateField(_("date of the assembly"))
    form = models.CharField(_("form"), max_length=16, blank=True)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="monitoring_records"
    )
    held = models.CharField(_("held"), max_length=8, choices=Held.choices, default=Held.UNKNOWN)
    turned_violent = models.CharField(
        _("turned violent"), max_length=8, choices=TurnedViolent.choices, default=TurnedViolent.UNKNOWN
    )
    observed_size_low = models.PositiveIntegerField(_("observed size, low"), null=True, blank=True)
    observed_size_high = models.PositiveIntegerField(_("observed size, high"), null=True, blank=True)
    size_source = models.CharField(_("source of the size"), max_length=200, blank=True)
    police_response = models.CharField(
        _("police response"), max_length=16, choices=PoliceResponse.choices, default=PoliceResponse.NONE
    )
    detentions = models.PositiveIntegerField(_("detentions"), default=0)
    preventive_detentions = models.PositiveIntegerField(_("preventive detentions"), default=0)
    excessive_force = models.BooleanField(_("excessive force"), default=False)
    fatalities = models.PositiveIntegerField(_("fatalities"), default=0)
    internet_disrupted = models.BooleanField(_("internet disrupted"), default=False)
    journalists_obstructed = models.BooleanField(_("journalists obstructed"), default=False)
    pledges_or_warnings = models.BooleanField(_("warnings or pledges demanded"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=16, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    event_count = models.PositiveIntegerField(default=0)
    last_event_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("monitoring record")
        verbose_name_plural = _("monitoring records")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["settlement", "event_date"], name="monitoring_where_when"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(observed_size_low__isnull=True)
                | models.Q(observed_size_high__isnull=True)
                | models.Q(observed_size_low__lte=models.F("observed_size_high")),
                name="monitoring_size_range",
            ),
        ]

    def __str__(self) -> str:
        return f"monitoring record {self.pk} ({self.settlement}, {self.event_date})"


class Source(models.Model):
    record = models.ForeignKey(MonitoringRecord, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("URL"), max_length=500)
    outlet = models.CharField(_("outlet"), max_length=200)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.outlet}: {self.url}"


class SanctionKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("administrative (CAO art. 488)")
    CRIMINAL = "criminal", _("criminal (Criminal Code art. 400)")
    OTHER = "other", _("another article")


class SanctionBasis(models.TextChoices):
    NO_NOTICE = "no_notice", _("holding or joining an assembly that was not notified or agreed")
    CONDUCT = "conduct", _("the person's own violent or unlawful conduct")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("not known")


class PersonRole(models.TextChoices):
    PARTICIPANT = "participant", _("participants")
    ORGANIZER = "organizer", _("organizers")
    JOURNALIST = "journalist", _("journalists or monitors")
    OTHER = "other", _("others")


class FineUnit(models.TextChoices):
    MCI = "mci", _("MCI")
    KZT = "kzt", _("tenge")


class Outcome(models.TextChoices):
    PENDING = "pending", _("pending")
    IMPOSED = "imposed", _("sanction imposed")
    WARNING = "warning", _("warning")
    DISMISSED = "dismissed", _("dismissed")
    ACQUITTED = "acquitted", _("acquitted")


class Appeal(models.TextChoices):
    NONE = "none", _("no appeal")
    PENDING = "pending", _("appeal pending")
    UPHELD = "upheld", _("upheld on appeal")
    CHANGED = "changed", _("changed on appeal")
    QUASHED = "quashed", _("quashed on appeal")


class Sanction(models.Model):
    """One court case (or `people` identical ones) about the assembly; the fine and arrest are per person."""

    record = models.ForeignKey(MonitoringRecord, on_delete=models.CASCADE, related_name="sanctions")
    people = models.PositiveIntegerField(_("people"), default=1)
    person_role = models.CharField(
        _("who"), max_length=16, choices=PersonRole.choices, default=PersonRole.PARTICIPANT
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SanctionKind.choices)
    article_part = models.PositiveSmallIntegerField(_("part of the article"), null=True, blank=True)
    other_article = models.CharField(_("other article"), max_length=200, blank=True)
    basis = models.CharField(
        _("what it punished"), max_length=16, choices=SanctionBasis.choices, default=SanctionBasis.UNKNOWN
    )
    for_acts_of_others = models.BooleanField(_("for the acts of others"), default=False)
    offence_date = models.DateField(_("offence date"))
    fine_amount = models.DecimalField(_("fine"), max_digits=14, decimal_places=4, null=True, blank=True)
    fine_unit = models.CharField(_("unit"), max_length=4, choices=FineUnit.choices, blank=True)
    fine_mci = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    fine_kzt = models.PositiveBigIntegerField(null=True, blank=True)
    mci_value = models.PositiveIntegerField(null=True, blank=True)
    fine_flagged = models.BooleanField(default=False)
    arrest_days = models.PositiveIntegerField(_("arrest days"), null=True, blank=True)
    court = models.CharField(_("court"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    appeal = models.CharField(_("appeal"), max_length=16, choices=Appeal.choices, default=Appeal.NONE)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"sanction {self.pk} of record {self.record_id}"

    @property
    def fine_mci_text(self) -> str:
        """The fine in MCI without trailing zeros (50, 12.5)."""
        if self.fine_mci is None:
            return ""
        value = self.fine_mci
        return str(value.quantize(1) if value == value.to_integral_value() else value.normalize())

    @property
    def article_code(self) -> str:
        """The article as the engine's facts and the API carry it ("CAO art. 488(1)", "CC art. 400")."""
        if self.kind == SanctionKind.ADMINISTRATIVE:
            return f"CAO art. 488({self.article_part})" if self.article_part else "CAO art. 488"
        if self.kind == SanctionKind.CRIMINAL:
            return f"CC art. 400({self.article_part})" if self.article_part else "CC art. 400"
        return self.other_article

    @property
    def article(self) -> str:
        """The article as the reader's language cites it («ӘҚБтК, 488-бап 1-бөлік», «КоАП, ст. 488 ч. 1»)."""
        part = self.article_part or None
        if self.kind == SanctionKind.ADMINISTRATIVE:
            return cite(Citation(act="CAO", article=488, paragraph=part))
        if self.kind == SanctionKind.CRIMINAL:
            return cite(Citation(act="CrC", article=400, paragraph=part))
        return self.other_article


class MonitoringEvent(AppendOnlyModel):
    """One change of a record. Never updated or deleted (here, and by database triggers)."""

    record = models.ForeignKey(MonitoringRecord, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=32)
    # Canonical JSON (sorted keys): {"changes": {...}, "state": the whole record after the change}.
    payload_json = models.TextField()
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(max_length=32)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    APPEND_ONLY = "monitoring events are"

    class Meta:
        verbose_name = _("monitoring event")
        verbose_name_plural = _("monitoring events")
        ordering = ("record", "seq")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["record", "seq"], name="monitoring_event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"record {self.record_id} #{self.seq} {self.kind}"

    @property
    def payload(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.payload_json)
        return value
