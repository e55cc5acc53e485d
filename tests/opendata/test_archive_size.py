"""An archive past every database's parameter limit (issue 18): PostgreSQL refuses a statement with more than
65,535 bound parameters, SQLite one with more than 32,766. With 65,600 filed cases every export, the
statistics and `beibit audit verify` must still answer: no statement carries a list of every case id.

The rows are synthetic copies of one case filed and decided through the services (bulk_create), so the
export rows and counts are known. Run on SQLite by default and on PostgreSQL in `make test`'s PostgreSQL
step (BEIBIT_DATABASE_URL)."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.audit import verify
from beibit.cases.inputs import DecisionInput, DeliveryInput
from beibit.cases.models import Case
from beibit.opendata.models import PublicationConsent
from tests.cases.fixtures import CaseMaker, at

#: One more than PostgreSQL's limit of bound parameters in one statement.
ARCHIVE = 65_536
DECIDED = at(2026, 3, 23)
#: Generous: the largest statement a bounded read needs (a batch of ids plus a few filters).
MAX_PARAMETERS = 2_000


@pytest.fixture
def archive(filed: CaseMaker, officer: AbstractBaseUser) -> int:
    """ARCHIVE filed, decided cases (nothing due on the clock), one with a consent to publish its purpose."""
    seed = filed()
    record_decision(seed.pk, officer, DecisionInput("proceed"), now=DECIDED)
    record_delivery(seed.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
    seed.refresh_from_db()
    assert seed.status == "may_proceed" and seed.unsent_answer_due is None, seed.status
    Case.objects.bulk_create((Case(**_fields(seed)) for _ in range(ARCHIVE - 1)), batch_size=2_000)
    PublicationConsent.objects.create(
        case=seed, publish_purpose=True, given_by=seed.organizer, updated_at=DECIDED
    )
    return seed.pk


def _fields(case: Case) -> dict[str, object]:
    """The seed's columns for a copy; the registration number is unique, so a copy goes without one."""
    fields = {f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields if not f.primary_key}
    return {**fields, "registration_number": None}


def _get(client: Client, path: str) -> bytes:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
    # The captured SQL is interpolated: count the ids of the longest IN list instead of the placeholders.
    assert _longest_in_list(queries) <= MAX_PARAMETERS
    return body


def _longest_in_list(queries: CaptureQueriesContext) -> int:
    longest = 0
    for q in queries.captured_queries:
        for part in q["sql"].split(" IN (")[1:]:
            longest = max(longest, part.split(")", 1)[0].count(",") + 1)
    return longest


@pytest.mark.parametrize("path", ["register.csv", "acled.csv"])
def test_every_csv_export_answers_past_the_parameter_limit(client: Client, archive: int, path: str) -> None:
    rows = list(csv.DictReader(io.StringIO(_get(client, f"/api/v1/open-data/{path}").decode())))
    if path == "register.csv":
        assert len(rows) == ARCHIVE
        seed = next(r for r in rows if r["case_id"] == str(archive))
        assert seed["purpose_text"], "the one consent is still joined to its case"
        assert sum(1 for r in rows if r["purpose_text"]) == 1
    else:
        assert rows == []  # decided, never reported held: no ACLED event


@pytest.mark.parametrize("path", ["register.json", "register.geojson"])
def test_every_json_export_answers_past_the_parameter_limit(client: Client, archive: int, path: str) -> None:
    body = json.loads(_get(client, f"/api/v1/open-data/{path}"))
    items = body["items"] if path == "register.json" else body["features"]
    assert len(items) == ARCHIVE
    assert len({item["case_id"] if path == "register.json" else item["id"] for item in items}) == ARCHIVE


def test_the_register_csv_streams_in_less_memory_than_its_body(client: Client, archive: int) -> None:
    """The export is streamed a chunk of cases at a time: the request's peak memory stays below the size of
    the file it sends (building the whole body, or every row, first would exceed it)."""
    # The caches a first request fills (the registry's places, the clock's answer) are not the export's.
    assert _get(client, "/api/v1/open-data/register.csv?settlement=astana").count(b"\n") == 1
    tracemalloc.start()
    try:
        response = client.get("/api/v1/open-data/register.csv")
        size = sum(len(chunk) for chunk in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > 20_000_000
    assert peak < size, (peak, size)  # the whole body alone would take `size`, its rows more


def test_the_statistics_answer_past_the_parameter_limit(client: Client, archive: int) -> None:
    stats = json.loads(_get(client, "/api/v1/open-data/statistics"))
    assert stats["totals"]["filings"] == ARCHIVE
    assert stats["totals"]["proceed"] == ARCHIVE
    _get(client, "/data/statistics/")


def test_audit_verify_reads_the_archive_in_batches(archive: int) -> None:
    with CaptureQueriesContext(connection) as queries:
        report = verify()
    assert report.cases == ARCHIVE
    assert _longest_in_list(queries) <= 500
    # A batch of cases and a batch of their events per 500 cases, and the orphan check: not one per case.
    assert len(queries.captured_queries) <= 2 * (ARCHIVE // 500 + 1) + 2
    # The copies have no events of their own: each is reported, the seed is intact.
    assert not [p for p in report.problems if p.case_id == archive]
    assert len({p.case_id for p in report.problems}) == ARCHIVE - 1


def test_audit_verify_of_named_cases_past_the_parameter_limit(archive: int) -> None:
    ids = list(Case.objects.values_list("pk", flat=True))
    report = verify(ids)
    assert report.cases == ARCHIVE
