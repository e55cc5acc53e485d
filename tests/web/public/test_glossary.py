"""The glossary page (issue 15): the terms a citizen meets, in each language, each with its provision, the
numbers read from the regime in force (never written in the page), and a link to it on every page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from beibit.law.regimes import regime_in_force

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)
TERMS = {
    "kk": ["Арнайы орын", "Хабарлама", "Өтініш", "Тіркеу күні", "Қарау мерзімі", "Келісілді деп саналады"],
    "ru": [
        "Специализированное место",
        "Уведомление",
        "Заявление",
        "День регистрации",
        "Срок рассмотрения",
        "Считается согласованным",
    ],
    "en": ["Specialized place", "Notification", "Application", "Registration day", "Review deadline"],
}
# The review periods in each language's words, from the national regime's parameters (Art 11(1), 13(1)).
PERIOD = {"kk": "{n} жұмыс күні", "ru": "{n} рабочих дн", "en": "{n} working days"}
LAW_11_1 = {"kk": "№ 333-VI Заң, 11-бап 1-тармақ", "ru": "Закон № 333-VI, ст. 11 п. 1", "en": "Art 11(1)"}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_glossary_names_each_term_with_its_numbers_and_provision(client: Client, language: str) -> None:
    with time_machine.travel(TODAY, tick=False):
        response = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    text = response.content.decode()
    for term in TERMS[language]:
        assert term in text, term
    params = regime_in_force(TODAY.date()).params(TODAY.date())
    for name in ("notification_review_working_days", "application_review_working_days"):
        assert PERIOD[language].format(n=params.integer(name)) in text, name
    assert LAW_11_1[language] in text
    assert 'id="deemed-agreed"' in text  # each term can be linked to


def test_every_page_links_to_the_glossary(client: Client) -> None:
    for path in ("/", "/register/", "/places/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="kk")
        assert response.status_code == 200
        assert 'href="/glossary/"' in response.content.decode() and "Сөздік" in response.content.decode()
