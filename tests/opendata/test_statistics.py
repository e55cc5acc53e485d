"""The statistics on a known set of cases: counts by outcome, ground, settlement, form and month; refusals
after a proposal; silence; late decisions; sanctions from the monitoring summaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import workflow as wf
from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.clock import apply_clock
from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Case
from beibit.opendata import charts, counts, exports
from tests.cases.fixtures import CaseMaker, at, city_event, march, rally
from tests.opendata.conftest import FakeMonitoring, summary

REASONS = "The place is taken by the City Day concert at that time; another place was offered."
DECIDED = at(2026, 3, 26)


def _on(day: str) -> dict[str, str]:
    return {"starts_at": f"{day}T11:00:00+05:00", "ends_at": f"{day}T13:00:00+05:00"}


def _hand_over(case: Case, officer: AbstractBaseUser) -> None:
    """The answer handed over the day it was decided: it counts when sent (deadlines.md)."""
    sent = DECIDED + dt.timedelta(minutes=30)
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=sent), now=sent)


@pytest.fixture
def known(
    filed: CaseMaker,
    officer: AbstractBaseUser,
    astana_officer: AbstractBaseUser,
    organizer: AbstractBaseUser,
    monitored: FakeMonitoring,
) -> dict[str, Case]:
    refused = filed(rally(**_on("2026-04-15")))
    record_decision(refused.pk, officer, DecisionInput("refuse", ("14.1.3",), REASONS), now=DECIDED)
    _hand_over(refused, officer)

    after_proposal = filed(rally(**_on("2026-04-16")))
    city_event(after_proposal, officer, DECIDED)
    later = ProposalInput(starts_at=at(2026, 4, 16, 15), ends_at=at(2026, 4, 16, 17))
    record_decision(after_proposal.pk, officer, DecisionInput("propose", proposal=later), now=DECIDED)
    record_delivery(after_proposal.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
    answer_proposal(after_proposal.pk, organizer, agree=False, now=DECIDED + dt.timedelta(hours=1))
    record_decision(
        after_proposal.pk,
        officer,
        DecisionInput("refuse", ("14.1.10",), REASONS),
        now=DECIDED + dt.timedelta(hours=2),
    )

    proceeds = filed(rally(**_on("2026-04-17")))
    record_decision(proceeds.pk, officer, DecisionInput("proceed"), now=DECIDED)
    _hand_over(proceeds, officer)

    silent = filed(rally(**_on("2026-04-20")))
    application = filed(march())
    apply_clock(at(2026, 4, 14))  # both review periods are over
    record_decision(application.pk, astana_officer, DecisionInput("approve"), now=at(2026, 4, 14, 12))

    monitored.linked.append(
        summary(
            record_id=1,
            case_id=refused.pk,
            state_response=("dispersal", "detentions", "fines"),
            detained=3,
            fined_count=2,
            fine_mci=Decimal(50),
            fine_kzt=196_600,
        )
    )
    monitored.unlinked.append(
        summary(
            record_id=2,
            settlement_id="almaty",
            form="picket",
            event_date=dt.date(2026, 5, 1),
            state_response=("detentions", "arrests"),
            detained=1,
            admin_arrest_days=10,
        )
    )
    cases = {
        "refused": refused,
        "after_proposal": after_proposal,
        "proceeds": proceeds,
        "silent": silent,
        "application": application,
    }
    return {k: Case.objects.get(pk=c.pk) for k, c in cases.items()}


def test_the_known_set(known: dict[str, Case]) -> None:
    assert known["silent"].status == wf.DEEMED_AGREED
    assert known["application"].status == wf.APPROVED
    stats = counts.compute(exports.dataset())
    t = stats.totals
    assert t["filings"] == 5
    assert (t["refused"], t["proceed"], t["deemed_agreed"], t["pending"]) == (2, 2, 1, 0)
    assert t["refused_after_proposal"] == 1
    assert t["overdue"] == 1
    assert t["late_decisions"] == 1
    assert (t["detained"], t["fined_count"], t["fine_mci"], t["fine_kzt"], t["admin_arrest_days"]) == (
        4,
        2,
        Decimal(50),
        196_600,
        10,
    )
    assert t["monitored"] == 2

    by_settlement = dict(stats.rows("settlement"))
    assert by_settlement["almaty"]["filings"] == 4 and by_settlement["astana"]["filings"] == 1
    assert by_settlement["almaty"]["detained"] == 4 and by_settlement["astana"]["late_decisions"] == 1

    by_month = dict(stats.rows("month"))
    assert [k for k, _ in stats.rows("month")] == ["2026-04", "2026-05", "2026-07"]
    assert by_month["2026-04"]["filings"] == 4 and by_month["2026-04"]["refused"] == 2
    assert by_month["2026-05"]["filings"] == 0 and by_month["2026-05"]["admin_arrest_days"] == 10
    assert by_month["2026-07"]["overdue"] == 1

    by_form = dict(stats.rows("form"))
    assert [k for k, _ in stats.rows("form")] == ["picket", "rally", "march"]
    assert by_form["rally"]["filings"] == 4 and by_form["march"]["filings"] == 1
    assert by_form["picket"]["detained"] == 1

    grounds = stats.rows("ground")
    assert [k for k, _ in grounds] == ["14.1.3", "14.1.10", counts.NO_REFUSAL, counts.UNFILED]
    by_ground = dict(grounds)
    assert by_ground["14.1.3"]["refused"] == 1 and by_ground["14.1.3"]["detained"] == 3
    assert by_ground["14.1.10"]["refused_after_proposal"] == 1
    assert by_ground[counts.NO_REFUSAL]["filings"] == 3
    assert by_ground[counts.UNFILED]["detained"] == 1


def test_the_charts_show_the_same_numbers(known: dict[str, Case]) -> None:
    stats = counts.compute(exports.dataset())
    built = {c.id: c for c in charts.charts(stats)}
    assert set(built) == charts.SPEC_IDS
    clock = {r.key: r.values for r in built["clock"].rows}
    assert clock == {
        "refused_after_proposal": ("1",),
        "deemed_agreed": ("1",),
        "overdue": ("1",),
        "late_decisions": ("1",),
    }
    columns, rows = charts.csv_rows(built["by-ground"])
    assert columns == ["ground", "refused", "refused_after_proposal", "late_decisions"]
    assert rows == [["14.1.3", "1", "0", "0"], ["14.1.10", "1", "1", "0"]]
    fines = built["fines-by-settlement"]
    assert {r.key: r.values for r in fines.rows} == {"almaty": ("50",), "astana": ("0",)}
    # The longest bar spans the chart's bar area; the others in proportion.
    widths = {r.key: r.bars[0].width for r in built["by-settlement"].rows}
    assert widths["almaty"] == charts.BAR_W and widths["astana"] == pytest.approx(charts.BAR_W / 4, abs=0.1)


def test_no_cases_no_numbers(db: None, monitored: FakeMonitoring) -> None:
    stats = counts.compute(exports.dataset())
    assert stats.totals["filings"] == 0
    assert all(c.empty for c in charts.charts(stats) if c.spec.dimension not in ("outcome", "clock"))
