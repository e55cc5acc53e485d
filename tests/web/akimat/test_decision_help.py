"""The officer's decision form beside its fields (web.akimat.decision_help): the grounds the record
establishes first, each with the facts the check found (333-VI art. 14(1), 14(2)); the confirmation that
names the answer, the organizer and the way it is sent; the error summary at the top linking to the fields."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.utils import translation

from beibit.cases.inputs import REFUSAL_GROUNDS
from beibit.cases.models import Case
from beibit.web.akimat.decision_help import confirmations, ground_choices, ground_facts
from tests.cases.fixtures import CaseMaker, rally
from tests.web.akimat.test_views import FILED, NOW, plan

pytestmark = pytest.mark.django_db


def test_a_late_filing_puts_its_ground_first_with_the_facts(filed: CaseMaker) -> None:
    """333-VI art. 14(1)(4): a rally filed after the last filing day; the check's finding is the fact."""
    late = filed(
        rally(starts_at="2026-12-03T11:00:00+05:00", ends_at="2026-12-03T13:00:00+05:00"), submitted_at=FILED
    )
    with translation.override("en"):
        facts = ground_facts(late)
        lines = {g: f"ground {g}" for g in REFUSAL_GROUNDS}
        choices = ground_choices(lines, facts)
    assert facts.get("14.1.4")  # and 14.1.5: the fixture's organizer gives no residence
    established = [g for g in REFUSAL_GROUNDS if g in facts]
    assert [g for g, _label in choices][: len(established)] == established
    assert sorted(g for g, _label in choices) == sorted(REFUSAL_GROUNDS)
    for g, label in choices:
        if g in facts:
            assert label.startswith(f"ground {g} — the record establishes it: ")
            assert all(fact in label for fact in facts[g])
        else:
            assert label == f"ground {g}"


def test_the_confirmation_names_the_answer_the_organizer_and_the_way(filed: CaseMaker) -> None:
    case = filed(plan(), submitted_at=FILED)
    with translation.override("en"):
        said = confirmations(case, ["proceed", "propose", "refuse"])
    assert set(said["asks"]) == {"proceed", "propose", "refuse"}
    for ask in said["asks"].values():
        assert "Aigerim Tulegenova" in ask and "cannot be undone" in ask
    assert "appeal" in said["asks"]["refuse"]
    assert set(said["ways"]) == {"email", "sms", ""}


def test_the_error_summary_links_each_error_to_its_field(
    client: Client, officer: AbstractBaseUser, filed: CaseMaker
) -> None:
    import time_machine

    case: Case = filed(plan(), submitted_at=FILED)
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            f"/akimat/cases/{case.pk}/decision/", {"decision": "refuse", "grounds": ["14.1.5"], "reasons": ""}
        )
    html = response.content.decode()
    summary = re.search(r'<div class="errors error-summary".*?</div>', html, re.S)
    assert summary is not None and 'tabindex="-1"' in summary.group(0)
    assert 'href="#id_reasons"' in summary.group(0)
    assert html.index('id="form-errors"') < html.index('id="id_reasons"')
