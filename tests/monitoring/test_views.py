"""The monitors' pages through Django's test client: access by role, the forms, the record page."""

from __future__ import annotations

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from beibit.monitoring.models import MonitoringRecord
from tests.cases.fixtures import CaseMaker, at
from tests.monitoring.conftest import RecordMaker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel(at(2026, 5, 4), tick=False) as traveller:
        yield traveller


def client_for(user: AbstractBaseUser) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def test_only_monitors_see_the_pages(
    organizer: AbstractBaseUser, officer: AbstractBaseUser, monitor: AbstractBaseUser
) -> None:
    url = reverse("monitoring:index")
    assert Client().get(url).status_code == 302
    assert client_for(organizer).get(url).status_code == 403
    assert client_for(officer).get(url).status_code == 403
    assert client_for(organizer).post(reverse("monitoring:create"), {}).status_code == 403
    assert client_for(monitor).get(url).status_code == 200


def test_create_a_record_with_a_source(monitor: AbstractBaseUser, filed: CaseMaker) -> None:
    case = filed()
    client = client_for(monitor)
    response = client.post(
        reverse("monitoring:create"),
        {
            "settlement": "almaty",
            "event_date": "2026-04-15",
            "case_id": case.pk,
            "held": "yes",
            "turned_violent": "no",
            "police_response": "dispersal",
            "detentions": 3,
            "preventive_detentions": 0,
            "fatalities": 0,
            "confidence": "confirmed",
            "source-url": "https://example.org/r",
            "source-outlet": "Vlast",
        },
    )
    record = MonitoringRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "monitoring:record", args=[record.pk]
    )
    assert record.case_id == case.pk and record.sources.count() == 1
    page = client.get(response["Location"]).content.decode()
    # the principle by its message, not its code (codes are for the open data); cited as English cites it
    assert "STD.DISPERSAL" not in page and "GC37, para. 85" in page
    assert "record created" in page


def test_a_service_refusal_shows_next_to_the_field(monitor: AbstractBaseUser, filed: CaseMaker) -> None:
    case = filed()
    response = client_for(monitor).post(
        reverse("monitoring:create"),
        {
            "settlement": "astana",
            "event_date": "2026-04-15",
            "case_id": case.pk,
            "held": "yes",
            "turned_violent": "no",
            "police_response": "none",
            "detentions": 0,
            "preventive_detentions": 0,
            "fatalities": 0,
            "confidence": "confirmed",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["case_id"] == ["This case is for another settlement."]
    assert MonitoringRecord.objects.count() == 0


def test_add_a_flagged_sanction_and_see_the_history(
    monitor: AbstractBaseUser, make_record: RecordMaker
) -> None:
    record = make_record()
    client = client_for(monitor)
    response = client.post(
        reverse("monitoring:sanction_add", args=[record.pk]),
        {
            "people": 1,
            "person_role": "participant",
            "kind": "administrative",
            "article_part": 1,
            "basis": "no_notice",
            "fine_amount": "100000",
            "fine_unit": "kzt",
            "outcome": "imposed",
            "appeal": "none",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("monitoring:record", args=[record.pk])).content.decode()
    assert "CAO, Art 41(1)" in page  # the review flag and its citation
    assert "sanction added" in page
    assert "the history&#x27;s hash chain is intact" in page or "hash chain is intact" in page
    edit = client.get(reverse("monitoring:edit", args=[record.pk]))
    assert edit.status_code == 200 and edit.context["form"].initial["detentions"] == 3


def test_the_public_history_template(filed: CaseMaker, make_record: RecordMaker) -> None:
    from decimal import Decimal

    from django.template.loader import render_to_string
    from django.utils import translation

    from beibit.monitoring.public import public_history
    from tests.monitoring.test_services import FIFTY

    case = filed()
    make_record(case_id=case.pk, notes="Aigerim told us", sanctions=(FIFTY,))
    with translation.override("en"):
        history = public_history(case.pk)
        html = render_to_string("monitoring/public_history.html", {"history": history})
    assert history[0].fine_mci == Decimal(50)
    assert "fine 50 MCI = 216,250 tenge" in html
    assert "CAO, Art 488(1)" in html and "Almaty court" in html
    assert "STD.NO_SANCTION_FOR_NO_NOTICE" not in html and "GC37, para. 71" in html
    assert "Aigerim" not in html
    assert render_to_string("monitoring/public_history.html", {"history": []}).strip() == ""
