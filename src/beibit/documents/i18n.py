"""The documents' words in kk, ru and en: catalogs read once with Babel, and the dates, numbers and citations
written the way each language writes them.

A text is looked up by its code (`texts.TEXTS`): the catalog of the language gives the wording, the English
text is the msgid. The English catalog may reword a text without touching the code; an empty or fuzzy entry
falls back to the msgid.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Final, Literal

from babel.messages.pofile import read_po
from babel.units import format_unit

from beibit.documents.texts import TEXTS
from beibit.law.citations import citation_label
from beibit.law.formats import date_label, number_label
from beibit.law.model import Citation

Lang = Literal["kk", "ru", "en"]
LANGUAGES: Final[tuple[Lang, ...]] = ("kk", "ru", "en")
DOMAIN: Final = "beibit-documents"
# Babel's plain "en" is US English ("December 30, 2026"); Kazakhstan's documents read day-month-year.
_BABEL_LOCALE: Final[dict[Lang, str]] = {"kk": "kk", "ru": "ru", "en": "en_GB"}


def check_lang(lang: str) -> Lang:
    for known in LANGUAGES:
        if lang == known:
            return known
    raise ValueError(f"documents are rendered in {', '.join(LANGUAGES)}, not '{lang}'")


@cache
def catalog(lang: Lang) -> dict[str, str]:
    """msgid -> msgstr of the language's catalog (translated, non-fuzzy entries only)."""
    path = resources.files("beibit.documents").joinpath(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po")
    with path.open("rb") as handle:
        po = read_po(handle, locale=_BABEL_LOCALE[lang])
    return {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy}


def template(code: str, lang: Lang) -> str:
    english = TEXTS[code]
    return catalog(lang).get(english, english)


def text(code: str, lang: Lang, **fields: object) -> str:
    """The text `code` in `lang`, with its `{name}` fields filled."""
    wording = template(code, lang)
    return wording.format_map(fields) if fields else wording


def untranslated(lang: Lang) -> list[str]:
    """English texts with no entry in the language's catalog (the tests keep this empty)."""
    known = catalog(lang)
    return [english for english in TEXTS.values() if english not in known]


# --- how each language writes values ---------------------------------------------------------------------


def date_text(day: dt.date, lang: Lang) -> str:
    """A date in words: «30 желтоқсан 2026», «30 декабря 2026 г.», "30 December 2026" (`law.formats`: one
    format per language for the pages, the documents and the engine's messages)."""
    return date_label(day, lang)


def time_text(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def number_text(value: float, lang: Lang) -> str:
    return number_label(value, lang)


def months_text(months: int, lang: Lang) -> str:
    """A number of months with the language's own plural ("3 ай", "3 месяца", "3 months")."""
    return format_unit(months, "duration-month", length="long", locale=_BABEL_LOCALE[lang])


def citation_text(c: Citation, lang: Lang) -> str:
    """A citation in the reader's language («№ 333-VI Заң, 14-бап 1-тармақ 4) тармақша», «Закон № 333-VI,
    ст. 14 п. 1 пп. 4», "Law No. 333-VI, Art 14(1)(4)"): the engine's one label (`law.citations`)."""
    return citation_label(c, lang)
