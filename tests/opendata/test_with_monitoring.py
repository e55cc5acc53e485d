"""The open data read the real monitoring records (no fakes): a case with a dispersal, three detentions and
a 50 MCI fine appears with those figures in the register export, the ACLED view and the statistics."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from django.test import Client

from beibit.cases.accounts import create_staff
from beibit.monitoring import services as monitoring
from tests.cases.fixtures import PASSWORD, CaseMaker, at


def test_the_exports_carry_what_the_monitors_recorded(client: Client, filed: CaseMaker) -> None:
    case = filed()  # a rally at Imanov square on 2026-04-15, filed 2026-03-20
    monitor = create_staff(email="monitor@example.kz", password=PASSWORD, role="monitor", settlement="")
    fine = monitoring.MonitoringSanctionInput(
        kind="administrative",
        article_part=1,
        basis="no_notice",
        fine_amount=Decimal(50),
        fine_unit="mci",
        decided_on=dt.date(2026, 4, 16),
        outcome="imposed",
    )
    record = monitoring.MonitoringRecordInput(
        settlement="almaty",
        event_date=dt.date(2026, 4, 15),
        case_id=case.pk,
        held="yes",
        turned_violent="no",
        observed_size_low=100,
        observed_size_high=140,
        police_response="dispersal",
        detentions=3,
        confidence="confirmed",
    )
    monitoring.create_record(monitor, record, now=at(2026, 4, 17, 12), sanctions=(fine,))

    document = json.loads(client.get("/api/v1/open-data/register.json").getvalue())
    row = next(item for item in document["items"] if item["case_id"] == case.pk)
    assert (row["held"], row["detained"], row["fined_count"]) == ("yes", 3, 1)
    assert Decimal(str(row["fine_mci"])) == 50
    assert row["fine_kzt"] == 50 * 4325  # the MCI of 2026 (mci.yaml), on the offence day
    assert "dispersal" in row["state_response"] and "STD.DISPERSAL" in row["standards_findings"]

    acled = list(csv.DictReader(io.StringIO(client.get("/api/v1/open-data/acled.csv").getvalue().decode())))
    assert [r["sub_event_type"] for r in acled] == ["Protest with intervention"]
    assert acled[0]["tags"].startswith("crowd size=") and "100" in acled[0]["tags"]

    statistics = json.loads(client.get("/api/v1/open-data/statistics").content)
    assert statistics["totals"]["detained"] == 3
    assert Decimal(str(statistics["totals"]["fine_mci"])) == 50
