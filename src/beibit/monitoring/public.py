"""What the public case page shows of the monitoring records of a case: what happened, the sanctions, the
courts' outcomes, and the standards findings. No personal data: records hold counts, not people, and the
monitors' notes and accounts are left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from beibit.law.model import Finding
from beibit.monitoring.history import findings_of, local_message, sums, whole
from beibit.monitoring.models import MonitoringRecord, Sanction, Source
from beibit.monitoring.screening import publishable
from beibit.web.labels import cite


@dataclass(frozen=True)
class PublicFinding:
    code: str
    citation: str
    message: str


@dataclass(frozen=True)
class PublicSanction:
    people: int
    person_role: str  # display label
    kind: str  # display label
    article: str
    fine_mci: Decimal | None
    fine_kzt: int | None
    fine_flagged: bool
    arrest_days: int | None
    court: str
    decided_on: dt.date | None
    outcome: str  # display label
    appeal: str  # display label


@dataclass(frozen=True)
class PublicSource:
    url: str
    outlet: str
    published_on: dt.date | None


@dataclass(frozen=True)
class PublicRecord:
    record_id: int
    event_date: dt.date
    held: str  # display label
    turned_violent: str
    observed_size_low: int | None
    observed_size_high: int | None
    police_response: str  # display label
    dispersal: bool
    detained: int
    preventive_detentions: int
    internet_disrupted: bool
    journalists_obstructed: bool
    confidence: str
    fine_mci: Decimal
    fine_kzt: int
    admin_arrest_days: int
    sanctions: tuple[PublicSanction, ...]
    sources: tuple[PublicSource, ...]
    findings: tuple[PublicFinding, ...]


def public_finding(finding: Finding) -> PublicFinding:
    """The finding as a page shows it: its code stays for the open data; the page reads the message and the
    citation in the reader's language."""
    return PublicFinding(finding.code, cite(finding.citation), local_message(finding))


def public_record(record: MonitoringRecord) -> PublicRecord:
    sanctions = list(record.sanctions.all())
    total = sums(record, sanctions)
    return PublicRecord(
        record_id=record.pk,
        event_date=record.event_date,
        held=record.get_held_display(),
        turned_violent=record.get_turned_violent_display(),
        observed_size_low=record.observed_size_low,
        observed_size_high=record.observed_size_high,
        police_response=record.get_police_response_display(),
        dispersal=record.police_response == "dispersal",
        detained=record.detentions,
        preventive_detentions=record.preventive_detentions,
        internet_disrupted=record.internet_disrupted,
        journalists_obstructed=record.journalists_obstructed,
        confidence=record.get_confidence_display(),
        fine_mci=total.fine_mci,
        fine_kzt=total.fine_kzt,
        admin_arrest_days=total.admin_arrest_days,
        sanctions=tuple(
            PublicSanction(
                people=s.people,
                person_role=s.get_person_role_display(),
                kind=s.get_kind_display(),
                article=s.article,
                fine_mci=whole(s.fine_mci) if s.fine_mci is not None else None,
                fine_kzt=s.fine_kzt,
                fine_flagged=s.fine_flagged,
                arrest_days=s.arrest_days,
                court=s.court if publishable(s.court) else "",
                decided_on=s.decided_on,
                outcome=s.get_outcome_display(),
                appeal=s.get_appeal_display(),
            )
            for s in sanctions
        ),
        sources=tuple(
            PublicSource(s.url, s.outlet, s.published_on)
            for s in record.sources.all()
            if publishable(f"{s.outlet} {s.url}")
        ),
        findings=tuple(public_finding(f) for f in findings_of(record, sanctions)),
    )


def public_history(case_id: int) -> list[PublicRecord]:
    """The case's monitoring records, oldest event first (template: monitoring/public_history.html)."""
    records = (
        MonitoringRecord.objects.filter(case_id=case_id)
        .select_related("case")
        .prefetch_related(
            Prefetch("sanctions", queryset=Sanction.objects.order_by("pk")),
            Prefetch("sources", queryset=Source.objects.order_by("pk")),
        )
        .order_by("event_date", "pk")
    )
    return [public_record(r) for r in records]
