"""The demo's monitoring records: loaded once with the demo cases, one linked to the held Almaty meeting."""

from __future__ import annotations

import io

from beibit.demo import load_demo
from beibit.monitoring import services
from beibit.monitoring.models import MonitoringRecord
from beibit.monitoring.summary import summaries_for_cases, unlinked_summaries
from tests.cases.fixtures import at


def test_the_demo_records(db: None) -> None:
    load_demo(now=at(2026, 11, 28, 12), out=io.StringIO())
    linked = MonitoringRecord.objects.get(case__isnull=False)
    summary = summaries_for_cases([linked.case_id])[linked.case_id]
    assert summary.detained == 3 and summary.fine_mci == 100  # 2 people x 50 MCI
    assert summary.admin_arrest_days == 10
    assert "STD.ORGANIZER_LIABILITY" in summary.standards_findings
    unlinked = unlinked_summaries()
    assert [s.settlement_id for s in unlinked] == ["astana", "almaty"]
    assert "STD.ONLINE_SHUTDOWN" in unlinked[0].standards_findings
    assert MonitoringRecord.objects.filter(sanctions__fine_flagged=True).count() == 1
    assert services.verify().intact
    out = io.StringIO()
    load_demo(now=at(2026, 11, 29, 12), out=out)
    assert "monitoring demo: already present" in out.getvalue()
    assert MonitoringRecord.objects.count() == 3
