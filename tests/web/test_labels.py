"""web/labels.py: one wording per form, settlement and citation on every page (issue 12)."""

from __future__ import annotations

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
