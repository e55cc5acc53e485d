"""web/labels.py: one wording per form, settlement and citation on every page (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from beibit.law.model import FORMS, Citation
from beibit.monitoring import views as monitoring_views
from beibit.opendata import charts
from beibit.web import labels
from beibit.web.organizer import display as organizer_display
from beibit.web.public import display as public_display


def test_every_page_reads_the_same_labels() -> None:
    assert public_display.FORM_LABELS is labels.FORM_LABELS
    assert {k: v for k, v in charts.FORM_LABELS.items() if k != "unknown"} == labels.FORM_LABELS
    assert public_display.cite is organizer_display.cite is labels.cite
    assert organizer_display.settlement_name is public_display.settlement_name is labels.settlement_name
    assert monitoring_views.settlement_name is labels.settlement_name


def test_a_definition_is_cited_alike_on_every_page() -> None:
    """Art 1(4) (a numbered definition): once printed "art. 1(4)" on one page and "art. 1()(4)"-like on
    another; now one function writes it."""
    definition = Citation(act="333-VI", article=1, subparagraph=4)
    with translation.override("en"):
        assert labels.cite(definition) == labels.cite({"act": "333-VI", "article": 1, "paragraph": 4})
        assert "1(4)" in labels.cite(definition)


def test_forms_are_translated_and_titled() -> None:
    with translation.override("en"):
        english = {form: labels.form_label(form) for form in FORMS}
    for language in ("kk", "ru"):
        with translation.override(language):
            for form in FORMS:
                assert labels.form_label(form) != english[form]
                assert labels.form_title(form)[0].isupper()
    with translation.override("en"):
        assert labels.form_choices()[0] == ("picket", "Picketing")
        assert labels.form_label("unknown-form") == "unknown-form"


def test_settlements_in_each_language() -> None:
    with translation.override("en"):
        assert labels.settlement_name("astana") == "Astana"
        assert labels.settlement_name("nowhere") == "nowhere"
    with translation.override("kk"):
        assert labels.settlement_name("astana") == "Астана"


@pytest.mark.parametrize(
    ("settlement", "kk", "ru", "en"),
    [
        ("aktau", "Ақтау", "Актау", "Aktau"),
        ("oral", "Орал", "Уральск", "Oral"),
        ("oskemen", "Өскемен", "Усть-Каменогорск", "Oskemen"),
        ("konaev", "Қонаев", "Конаев", "Konaev"),
        ("kazaly-district", "Қазалы ауданы", "Казалинский район", "Kazaly district"),
    ],
)
def test_settlement_names_come_from_the_data_in_the_readers_language(
    settlement: str, kk: str, ru: str, en: str
) -> None:
    """Issue 15: Kazakh names on kk pages (not the Russian "Актау", "Уральск"), Latin only on en pages."""
    for language, expected in (("kk", kk), ("ru", ru), ("en", en)):
        with translation.override(language):
            assert labels.settlement_name(settlement) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", "2020 жылғы 23 маусымдағы № 462 шешім"),
        ("ru", "решение № 462 от 23 июня 2020 г."),
        ("en", "Decision No. 462 of 23 June 2020"),
    ],
)
def test_a_decision_is_named_by_number_and_date_in_the_readers_language(language: str, expected: str) -> None:
    with translation.override(language):
        assert labels.decision_title("462", dt.date(2020, 6, 23)) == expected


@pytest.mark.parametrize(
    ("procedure", "language", "expected"),
    [
        # Art 10: a meeting, rally or picket is notified; Art 12: a march or demonstration is applied for.
        ("notification", "kk", "Хабарлама"),
        ("notification", "ru", "Уведомление"),
        ("application_for_approval", "kk", "Өтініш"),
        ("application_for_approval", "ru", "Заявление"),
        ("application_for_permission", "ru", "Заявление"),
        ("application_for_approval", "en", "The application"),
        ("none_required", "kk", "Берілген құжат"),
    ],
)
def test_a_case_page_calls_the_filing_by_its_procedure(procedure: str, language: str, expected: str) -> None:
    """Issue 15: a march's filing was headed «Хабарлама (өтініш)» on the officer's and public case pages."""
    with translation.override(language):
        assert labels.filing_heading(procedure) == expected
