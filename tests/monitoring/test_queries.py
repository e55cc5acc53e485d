"""monitoring/queries.py, the monitoring API's reads (issue 12): narrowing, order and the linked cases."""

from __future__ import annotations

import datetime as dt

import pytest

from beibit.monitoring import queries
from tests.cases.fixtures import CaseMaker
from tests.monitoring.conftest import RecordMaker

pytestmark = pytest.mark.django_db


def test_records_are_latest_event_first_and_narrow_by_settlement_and_case(
    make_record: RecordMaker, filed: CaseMaker
) -> None:
    case = filed()
    early = make_record(event_date=dt.date(2026, 4, 1))
    late = make_record(event_date=dt.date(2026, 4, 20), case_id=case.pk)
    elsewhere = make_record(settlement="astana", event_date=dt.date(2026, 4, 10))
    assert [r.pk for r in queries.records()] == [late.pk, elsewhere.pk, early.pk]
    assert [r.pk for r in queries.records(settlement="almaty")] == [late.pk, early.pk]
    assert [r.pk for r in queries.records(case_id=case.pk)] == [late.pk]
    assert queries.record(late.pk) == late
    assert queries.record(late.pk + 1000) is None
    assert queries.monitored_case_ids() == {case.pk}
    assert queries.monitored_case_ids("astana") == set()
