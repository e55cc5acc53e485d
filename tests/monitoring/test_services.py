"""Monitoring records: MCI conversion on the offence day, flagged fines, the linked chain case -> record ->
sanction -> court, every edit an event in a hash chain that detects tampering, and the role limits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from beibit.cases.actions.decision import record_decision
from beibit.cases.actions.filing import create_case, withdraw
from beibit.cases.errors import Forbidden, InvalidInput
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import AppendOnlyError, Profile
from beibit.monitoring import services
from beibit.monitoring.models import MonitoringEvent, MonitoringRecord, Sanction
from beibit.monitoring.public import public_history
from beibit.monitoring.summary import summaries_for_cases, unlinked_summaries
from tests.cases.fixtures import CaseMaker, at
from tests.monitoring.conftest import NOW, RecordMaker, record_input

pytestmark = pytest.mark.django_db

FIFTY = services.MonitoringSanctionInput(
    people=1,
    kind="administrative",
    article_part=1,
    basis="no_notice",
    fine_amount=Decimal(50),
    fine_unit="mci",
    court="Almaty court",
    decided_on=dt.date(2026, 4, 16),
    outcome="imposed",
)


def sanction(**changes: object) -> services.MonitoringSanctionInput:
    return FIFTY.model_copy(update=changes)


@pytest.mark.parametrize(
    ("offence_date", "amount", "unit", "mci", "kzt", "mci_value", "flagged"),
    [
        (dt.date(2020, 3, 31), 50, "mci", "50", 132550, 2651, False),
        (dt.date(2020, 4, 1), 50, "mci", "50", 138900, 2778, False),
        (dt.date(2022, 3, 31), 50, "mci", "50", 153150, 3063, False),
        (dt.date(2022, 4, 1), 50, "mci", "50", 153150, 3063, False),  # not 3,180: fines stayed at 3,063
        (dt.date(2022, 4, 1), 159000, "kzt", "51.9099", 159000, 3063, True),  # 50 x 3,180: flagged
        (dt.date(2022, 4, 1), 153150, "kzt", "50", 153150, 3063, False),
        (dt.date(2020, 3, 31), 138900, "kzt", "52.3953", 138900, 2651, True),
    ],
)
def test_fines_convert_on_the_offence_day(
    make_record: RecordMaker,
    monitor: AbstractBaseUser,
    offence_date: dt.date,
    amount: int,
    unit: str,
    mci: str,
    kzt: int,
    mci_value: int,
    flagged: bool,
) -> None:
    record = make_record(event_date=offence_date)
    s = services.add_sanction(
        record.pk,
        monitor,
        sanction(fine_amount=Decimal(amount), fine_unit=unit, decided_on=None),
        now=NOW,
    )
    s.refresh_from_db()
    assert s.offence_date == offence_date  # defaults to the event date
    assert (s.fine_mci_text, s.fine_kzt, s.mci_value, s.fine_flagged) == (mci, kzt, mci_value, flagged)


def test_a_flagged_fine_is_kept_not_refused(make_record: RecordMaker) -> None:
    record = make_record(sanctions=(sanction(fine_amount=Decimal(100_000), fine_unit="kzt"),))
    (s,) = record.sanctions.all()
    assert s.fine_flagged and s.fine_kzt == 100_000
    summary = unlinked_summaries()[0]
    assert summary.fine_kzt == 100_000
    assert summary.fine_mci == Decimal("23.1214")  # 100,000 / 4,325 (2026)


def test_a_fine_needs_its_unit(make_record: RecordMaker, monitor: AbstractBaseUser) -> None:
    record = make_record()
    with pytest.raises(InvalidInput) as error:
        services.add_sanction(record.pk, monitor, sanction(fine_unit=None), now=NOW)
    assert error.value.field == "fine_unit"
    with pytest.raises(InvalidInput) as error:
        services.add_sanction(record.pk, monitor, sanction(kind="other", other_article=""), now=NOW)
    assert error.value.field == "other_article"
    assert record.sanctions.count() == 0
    assert record.events.count() == 1  # nothing refused is recorded


def test_the_linked_chain_case_record_sanction_court(
    filed: CaseMaker, officer: AbstractBaseUser, make_record: RecordMaker, monitor: AbstractBaseUser
) -> None:
    case = filed()
    record_decision(
        case.pk,
        officer,
        DecisionInput(
            "refuse", grounds=("14.1.3",), reasons="A threat to public order on that square that day."
        ),
        now=at(2026, 3, 23),
    )
    record = make_record(
        case_id=case.pk,
        sanctions=(FIFTY, sanction(people=2, arrest_days=10, fine_amount=None, fine_unit=None)),
    )
    assert record.form == "rally"  # taken from the case
    summary = summaries_for_cases([case.pk])[case.pk]
    assert summary.case_id == case.pk
    assert summary.detained == 3
    assert summary.fine_mci == Decimal(50)
    assert summary.fine_kzt == 50 * 4325
    assert summary.fined_count == 1
    assert summary.admin_arrest_days == 20
    assert summary.state_response == ("dispersal", "detentions", "fines", "arrests")
    assert summary.standards_findings == (
        "STD.NO_SANCTION_FOR_NO_NOTICE",
        "STD.JUSTIFY_LEAST_INTRUSIVE",
        "STD.TIMELY_DECISION_REMEDY",  # refused 23 days ahead: too late for a court
        "STD.DISPERSAL",
    )
    assert unlinked_summaries() == []
    with translation.override("en"):
        (shown,) = public_history(case.pk)
    assert shown.detained == 3 and shown.fine_mci == Decimal(50)
    assert [s.court for s in shown.sanctions] == ["Almaty court", "Almaty court"]
    assert [f.code for f in shown.findings] == list(summary.standards_findings)
    assert all(f.citation.startswith("GC37, para.") for f in shown.findings)  # as an English page cites it
    assert not hasattr(shown, "notes")


def test_a_quashed_fine_is_not_counted(make_record: RecordMaker) -> None:
    make_record(sanctions=(sanction(appeal="quashed"),))
    (summary,) = unlinked_summaries()
    assert summary.fine_mci == 0 and summary.fined_count == 0
    assert summary.state_response == ("dispersal", "detentions")
    assert "STD.NO_SANCTION_FOR_NO_NOTICE" not in summary.standards_findings


def test_nothing_happened_is_none(make_record: RecordMaker) -> None:
    make_record(police_response="none", detentions=0)
    assert unlinked_summaries()[0].state_response == ("none",)


def test_the_latest_record_of_a_case_is_its_summary(filed: CaseMaker, make_record: RecordMaker) -> None:
    case = filed()
    make_record(case_id=case.pk, event_date=dt.date(2026, 4, 15))
    later = make_record(case_id=case.pk, event_date=dt.date(2026, 4, 16), detentions=5)
    assert summaries_for_cases([case.pk])[case.pk].record_id == later.pk


def test_a_record_checks_its_case_and_settlement(filed: CaseMaker, make_record: RecordMaker) -> None:
    case = filed()
    with pytest.raises(InvalidInput) as error:
        make_record(case_id=case.pk, settlement="astana")
    assert error.value.field == "case_id"
    with pytest.raises(InvalidInput) as error:
        make_record(case_id=999_999)
    assert error.value.field == "case_id"
    with pytest.raises(InvalidInput) as error:
        make_record(settlement="atlantis")
    assert error.value.field == "settlement"
    with pytest.raises(InvalidInput) as error:
        make_record(event_date=dt.date(2026, 5, 5))  # after NOW: not yet happened
    assert error.value.field == "event_date"
    with pytest.raises(InvalidInput) as error:
        make_record(observed_size_low=200, observed_size_high=100)
    assert error.value.field == "observed_size_high"
    assert MonitoringRecord.objects.count() == 0


def test_every_edit_is_an_event_with_who_when_what(
    make_record: RecordMaker, monitor: AbstractBaseUser
) -> None:
    record = make_record()
    later = NOW + dt.timedelta(hours=1)
    services.update_record(
        record.pk, monitor, record_input(detentions=4, notes="two more reports"), now=later
    )
    s = services.add_sanction(record.pk, monitor, FIFTY, now=later)
    services.update_sanction(record.pk, s.pk, monitor, sanction(outcome="dismissed"), now=later)
    source = services.add_source(
        record.pk,
        monitor,
        services.MonitoringSourceInput(url="https://example.org/a", outlet="Vlast"),
        now=later,
    )
    services.remove_source(record.pk, source.pk, monitor, now=later)
    services.remove_sanction(record.pk, s.pk, monitor, now=later)
    events = list(MonitoringEvent.objects.filter(record=record).order_by("seq"))
    assert [e.kind for e in events] == [
        "created",
        "updated",
        "sanction_added",
        "sanction_updated",
        "source_added",
        "source_removed",
        "sanction_removed",
    ]
    assert all(e.actor_id == monitor.pk and e.actor_role == "monitor" for e in events)
    assert events[1].occurred_at == later
    assert events[1].payload["changes"] == {"detentions": [3, 4], "notes": ["", "two more reports"]}
    assert events[3].payload["changes"]["sanctions"][str(s.pk)][1]["outcome"] == "dismissed"
    assert events[6].payload["changes"]["sanctions"][str(s.pk)][1] is None
    assert services.verify().intact


def test_events_are_append_only(make_record: RecordMaker) -> None:
    record = make_record()
    event = record.events.get()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        MonitoringEvent.objects.filter(pk=event.pk).update(kind="x")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE monitoring_monitoringevent SET kind = 'x'")


def _without_triggers(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS monitoringevent_no_update")
        cursor.execute(sql, params)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="drops the SQLite trigger")
def test_audit_detects_an_edited_event(make_record: RecordMaker, monitor: AbstractBaseUser) -> None:
    record = make_record()
    services.update_record(record.pk, monitor, record_input(detentions=4), now=NOW)
    assert services.verify([record.pk]).intact
    first = record.events.get(seq=1)
    _without_triggers(
        "UPDATE monitoring_monitoringevent SET payload_json = %s WHERE id = %s",
        [first.payload_json.replace('"detentions":3', '"detentions":0'), first.pk],
    )
    report = services.verify([record.pk])
    assert not report.intact
    assert "does not match its hash" in str(report.problems[0])


def test_audit_detects_a_record_changed_outside_the_service(make_record: RecordMaker) -> None:
    record = make_record()
    MonitoringRecord.objects.filter(pk=record.pk).update(detentions=0)
    Sanction.objects.none()
    report = services.verify([record.pk])
    assert [p.message for p in report.problems] == ["the stored record differs from its last event"]


def test_audit_reads_the_records_in_batches(
    make_record: RecordMaker, monitor: AbstractBaseUser, django_assert_num_queries: Any
) -> None:
    """Issue 18: the records and their events in two statements per batch, not one per record (the
    snapshot a record is compared with still reads its sources and sanctions: two per record)."""
    records = [make_record() for _ in range(5)]
    services.update_record(records[2].pk, monitor, record_input(detentions=4), now=NOW)
    MonitoringRecord.objects.filter(pk=records[4].pk).update(detentions=0)
    with django_assert_num_queries(2 * 3 + 1 + 2 * 5):  # batches of 2, 2, 1, the empty read, snapshots
        report = services.verify(batch=2)
    assert (report.records, report.events) == (5, 6)
    assert [p.record_id for p in report.problems] == [records[4].pk]
    named = services.verify([records[4].pk, records[0].pk, records[4].pk], batch=1)
    assert named.records == 2 and [p.record_id for p in named.problems] == [records[4].pk]


# --- roles --------------------------------------------------------------------------------------------


def test_a_monitor_has_no_settlement_and_any_settlement(
    monitor: AbstractBaseUser, make_record: RecordMaker
) -> None:
    assert Profile.objects.get(user=monitor).settlement == ""
    make_record(settlement="astana")
    make_record(settlement="almaty")
    assert MonitoringRecord.objects.count() == 2


def test_staff_without_settlement_is_still_refused_in_the_database(officer: AbstractBaseUser) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.filter(user=officer).update(settlement="")


def test_a_monitor_cannot_file_or_decide(filed: CaseMaker, monitor: AbstractBaseUser) -> None:
    from beibit.law.model import PlannedAssembly
    from tests.cases.fixtures import rally

    case = filed()
    with pytest.raises(Forbidden):
        record_decision(case.pk, monitor, DecisionInput("proceed"), now=at(2026, 3, 23))
    with pytest.raises(Forbidden):
        create_case(monitor, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 20))
    with pytest.raises(Forbidden):
        withdraw(case.pk, monitor, reason="not mine", now=at(2026, 3, 23))


@pytest.mark.parametrize("who", ["organizer", "officer", "editor"])
def test_organizers_and_officers_cannot_record(request: pytest.FixtureRequest, who: str) -> None:
    user = request.getfixturevalue(who)
    with pytest.raises(Forbidden):
        services.create_record(user, record_input(), now=NOW)
    assert MonitoringRecord.objects.count() == 0


def test_others_cannot_edit_a_record(make_record: RecordMaker, officer: AbstractBaseUser) -> None:
    record = make_record()
    with pytest.raises(Forbidden):
        services.update_record(record.pk, officer, record_input(detentions=0), now=NOW)
    with pytest.raises(Forbidden):
        services.add_sanction(record.pk, officer, FIFTY, now=NOW)
    assert record.events.count() == 1
