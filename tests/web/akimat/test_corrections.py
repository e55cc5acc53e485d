"""The officer's page refuses a refusal the facts disprove, records a corrected fact with its reason, and then
accepts the refusal; the organizer's and the public pages show the correction (issue 13, item 7)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.cases.models import Case, CaseEvent
from tests.cases.fixtures import CaseMaker, at

pytestmark = pytest.mark.django_db

# Handed in on Thursday 26 March 2026, the last filing day for a rally on Thursday 2 April.
HANDED_IN = at(2026, 3, 26, 17)
NOW = at(2026, 3, 27, 11)
REASONS = "The register book shows the paper notification stamped on 27 March, after the last filing day."
WHY = "The paper notification reached the registry office on 27 March and was stamped then."


@pytest.fixture
def case(filed: CaseMaker) -> Case:
    return filed(
        submitted_at=HANDED_IN,
        channel="paper",
        starts_at="2026-04-02T11:00:00+05:00",
        ends_at="2026-04-02T13:00:00+05:00",
    )


@pytest.fixture
def officer_client(client: Client, officer: AbstractBaseUser) -> Iterator[Client]:
    with time_machine.travel(NOW, tick=False):
        client.force_login(officer)
        client.cookies["django_language"] = "en"
        yield client


def _events(case: Case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("kind", flat=True))


def _error_of(html: str, field: str) -> str:
    found = re.search(rf'<p class="error" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert found, f"no error next to {field}"
    return found.group(1)


def test_refusal_for_lateness_is_refused_until_the_registration_day_is_corrected(
    officer_client: Client, case: Case, organizer: AbstractBaseUser
) -> None:
    url = f"/akimat/cases/{case.pk}/"
    before = _events(case)
    refusal = {"decision": "refuse", "grounds": ["14.1.4"], "reasons": REASONS}
    refused = officer_client.post(url + "decision/", refusal)
    assert refused.status_code == 422
    assert "do not establish the refusal ground 14(1)(4)" in _error_of(refused.content.decode(), "grounds")
    assert _events(Case.objects.get(pk=case.pk)) == before

    page = officer_client.get(url).content.decode()
    assert 'id="correction-form"' in page and 'id="corrections"' not in page

    missing = officer_client.post(url + "correction/", {"fact": "registered_on", "reason": WHY})
    assert missing.status_code == 422 and _error_of(missing.content.decode(), "registered_on")
    short = officer_client.post(
        url + "correction/", {"fact": "registered_on", "registered_on": "2026-03-27", "reason": "late"}
    )
    assert short.status_code == 422 and _error_of(short.content.decode(), "reason")
    early = officer_client.post(
        url + "correction/", {"fact": "registered_on", "registered_on": "2026-03-20", "reason": WHY}
    )
    assert early.status_code == 422 and "before the day" in _error_of(early.content.decode(), "registered_on")
    assert _events(Case.objects.get(pk=case.pk)) == before

    done = officer_client.post(
        url + "correction/", {"fact": "registered_on", "registered_on": "2026-03-27", "reason": WHY}
    )
    assert done.status_code == 302
    page = officer_client.get(url).content.decode()
    corrections = re.search(r'<ul id="corrections">(.*?)</ul>', page, re.S)
    assert corrections and "Registration day" in corrections.group(1) and WHY in corrections.group(1)
    assert "not recorded" in corrections.group(1) and "27" in corrections.group(1)
    assert "A fact corrected by the akimat" in page  # the timeline

    assert officer_client.post(url + "decision/", refusal).status_code == 302
    assert Case.objects.get(pk=case.pk).status == "refused"

    public = Client()
    public.cookies["django_language"] = "en"
    shown = public.get(f"/register/{case.pk}/").content.decode()
    assert "filed too late" in shown and "filed in time" not in shown
    listed = re.search(r'<ul id="corrections">(.*?)</ul>', shown, re.S)
    assert listed and "Registration day" in listed.group(1) and WHY not in listed.group(1)

    own = Client()
    own.force_login(organizer)
    own.cookies["django_language"] = "en"
    mine = own.get(f"/organizer/cases/{case.pk}/").content.decode()
    assert "Facts the akimat corrected" in mine and WHY in mine


def test_the_kazakh_page_names_every_corrected_fact_in_kazakh(officer_client: Client, case: Case) -> None:
    url = f"/akimat/cases/{case.pk}/"
    objects = {"fact": "near_objects", "object_kind": "railway", "object_name": "Алматы-2", "reason": WHY}
    assert officer_client.post(url + "correction/", objects).status_code == 302
    regime = {
        "fact": "special_legal_regime",
        "regime_kind": "state_of_emergency",
        "regime_restricts": "unknown",
        "reason": WHY,
    }
    assert officer_client.post(url + "correction/", regime).status_code == 302
    officer_client.cookies["django_language"] = "kk"
    page = officer_client.get(url).content.decode()
    listed = re.search(r'<ul id="corrections">(.*?)</ul>', page, re.S)
    assert listed is not None
    text = listed.group(1)
    assert "темір жол көлігі объектісі" in text and "төтенше жағдай" in text and "жазылмаған" in text
    for english in ("railway", "state_of_emergency", "not recorded", "Registration day", "near_objects"):
        assert english not in text
