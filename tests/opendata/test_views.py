"""The open-data pages and the API's errors."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.opendata.models import PublicationConsent
from tests.cases.fixtures import CaseMaker
from tests.opendata.conftest import FakeMonitoring, summary


def test_the_pages_render(client: Client, filed: CaseMaker, monitored: FakeMonitoring) -> None:
    case = filed()
    monitored.linked.append(summary(case_id=case.pk, detained=3, state_response=("detentions",)))
    downloads = client.get("/data/").content.decode()
    assert "/api/v1/open-data/register.csv" in downloads and "/data/law-report/almaty/" in downloads
    assert "case_id" in client.get("/data/dictionary/").content.decode()
    page = client.get("/data/statistics/").content.decode()
    assert page.count('<svg class="chart"') >= 5
    assert "/data/statistics/by-month.csv" in page
    report = client.get("/data/law-report/almaty/").content.decode()
    # the principles by their titles; their codes stay in the open data
    assert "STD.PLACE_PUBLIC_SPACE" not in report and "S11" not in report
    assert client.get("/data/law-report/atlantis/").status_code == 404


def test_a_chart_downloads_its_numbers(client: Client, filed: CaseMaker, monitored: FakeMonitoring) -> None:
    filed()
    response = client.get("/data/statistics/by-settlement.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["settlement", "filings", "refused"], ["almaty", "1", "0"]]
    assert client.get("/data/statistics/nothing.csv").status_code == 404


def test_the_api_refuses_an_unknown_settlement(client: Client, db: None) -> None:
    response = client.get("/api/v1/open-data/register.csv?settlement=atlantis")
    assert response.status_code == 422 and response.json()["error"]["code"] == "unknown_settlement"


def test_the_organizer_consents_on_a_page(
    client: Client, filed: CaseMaker, other_organizer: AbstractBaseUser, monitored: FakeMonitoring
) -> None:
    case = filed()
    url = f"/data/consent/{case.pk}/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(other_organizer)
    assert client.get(url).status_code == 403
    client.force_login(case.organizer)
    page = client.post(url, {"publish_purpose": "on", "group_name": "850612300451"})
    assert page.status_code == 200 and "group_name_error" in page.content.decode()
    assert not PublicationConsent.objects.exists()
    assert client.post(url, {"publish_purpose": "on", "group_name": "Green City"}).status_code == 302
    consent = PublicationConsent.objects.get(case=case)
    assert consent.publish_purpose and consent.group_name == "Green City"
