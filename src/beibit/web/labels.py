"""The one place for the words every page uses for the same things: the forms of assembly, settlements and
citations (issue 12). The public, organizer, akimat, registry, monitoring and open-data pages all read these,
so one form or one provision is never written two ways on two pages.

Translatable (gettext, this package's catalog web/locale); the language is the request's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy

from beibit.documents.i18n import Lang, check_lang, citation_text
from beibit.law.model import FORMS, Citation
from beibit.places.names import decision_title as names_decision_title
from beibit.places.names import settlement_names
from beibit.places.settlements import get_settlement, is_known_settlement

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
    """The settlement's name in the page's language, from the names data (`places/data/settlement-names.yaml`:
    kk, ru and en for every city of republican and regional significance); a settlement the data lacks is
    named by the registry's table (English, else Russian), an id nobody knows is shown as it is."""
    names = settlement_names(settlement)
    if names is not None:
        return names.text(lang())
    if not is_known_settlement(settlement):
        return settlement
    known = get_settlement(settlement)
    return known.en if lang() == "en" else known.ru


def decision_title(number: str | None, date: dt.date | None) -> str:
    """A maslikhat decision by its number and date, in the page's language (issue 15)."""
    return names_decision_title(number, date, lang())


def cite(citation: Citation | Mapping[str, Any]) -> str:
    """A provision as the page's language writes it ("Law 333-VI, art. 14(1)(4)")."""
    c = citation if isinstance(citation, Citation) else Citation(**citation)
    if c.article is not None and c.paragraph is None and c.subparagraph is not None:
        # An article of numbered definitions (Art 1(4)): its subparagraph is written where a paragraph is.
        c = Citation(act=c.act, article=c.article, paragraph=c.subparagraph, item=c.item)
    return citation_text(c, lang())
