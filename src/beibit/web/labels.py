"""The one place for the words every page uses for the same things: the forms of assembly, settlements and
citations (issue 12). The public, organizer, akimat, registry, monitoring and open-data pages all read these,
so one form or one provision is never written two ways on two pages.

Translatable (gettext, this package's catalog web/locale); the language is the request's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy

from beibit.documents.i18n import Lang, check_lang
from beibit.law.citations import citation_label
from beibit.law.fact_words import settlement_label
from beibit.law.model import FORMS, Citation

#: The forms as Law 333-VI Art 1 names them, as a noun in running text ("a rally", "picketing").
FORM_LABELS: dict[str, Promise] = {
    "picket": gettext_lazy("picketing"),
    "meeting": gettext_lazy("meeting"),
    "rally": gettext_lazy("rally"),
    "demonstration": gettext_lazy("demonstration"),
    "march": gettext_lazy("march"),
}
if set(FORM_LABELS) != set(FORMS):
    raise AssertionError("a form without a label")


def lang() -> Lang:
    """The request's language as the documents and the engine's messages take it (kk by default)."""
    return check_lang((get_language() or "kk")[:2])


def form_label(form: str) -> str:
    """The form in running text; an unknown code is shown as it is."""
    label = FORM_LABELS.get(form)
    return str(label) if label is not None else form


def form_title(form: str) -> str:
    """The form on its own (a choice in a list, a table cell): capitalized."""
    return str(capfirst(form_label(form)))


def form_choices() -> list[tuple[str, str]]:
    return [(form, form_title(form)) for form in FORMS]


def settlement_name(settlement: str) -> str:
    """The settlement's name in the page's language (`law.fact_words.settlement_label`: Kazakh where the
    table has it, else the Cyrillic Russian spelling; English for en); an unknown id is shown as it is."""
    return settlement_label(settlement, lang())


def cite(citation: Citation | Mapping[str, Any]) -> str:
    """A provision as the page's language writes it («№ 333-VI Заң, 14-бап 1-тармақ 4) тармақша», «Закон
    № 333-VI, ст. 14 п. 1 пп. 4», "Law No. 333-VI, Art 14(1)(4)")."""
    c = citation if isinstance(citation, Citation) else Citation(**citation)
    return citation_label(c, lang())
