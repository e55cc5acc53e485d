"""A finding's facts as words of the reader's language, before they fill the message (issue 15): a message is
built from parts, never an English fragment glued into a Kazakh or Russian sentence.

The facts keep what the contract's JSON carries (codes, ISO dates, English item names); only the rendered
message changes. Each kind of fact has its rule:
- a date ("2026-12-11") reads as the language writes a date («11 желтоқсан 2026»);
- a period ("2026-12-14T10:00+05:00-2026-12-14T14:00+05:00") reads in its own offset, the settlement's
  local time («14 желтоқсан 2026, 10:00–14:00»);
- a code (a funding source, a restriction, an entity's status, an event's nature) reads as its words;
- a list of items ("the start and the end", "IIN, residence") reads item by item, joined as the language
  joins a list (Babel's list patterns: «басталуы және аяқталуы», «ИИН и место жительства»);
- a number reads with the language's separators («43 309», «4,5», "1,200");
- a country code (citizenship "RU") reads as the country's name in the language (CLDR);
- the national provision a standards finding measures (`law_ref`) reads as a citation in the language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Final

from babel import Locale
from babel.lists import format_list

from beibit.law.citations import citation_label
from beibit.law.formats import date_label, number_label, span_label
from beibit.law.model import Citation, FactValue
from beibit.places.model import MaslikhatDecision
from beibit.places.names import settlement_names
from beibit.places.settlements import get_settlement, is_known_settlement

_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOMENT = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)"
_SPAN: Final = re.compile(rf"({_MOMENT})-({_MOMENT})")
_LOCALES: Final = {"kk": "kk", "ru": "ru", "en": "en_GB"}
_ANY_DATE: Final = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_PERIOD: Final = re.compile(r"\b(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})?")

#: Codes a fact may carry, as English words (the msgids of their kk and ru translations).
CODE_WORDS: Final[dict[str, str]] = {
    # funding sources, Art 16(2)
    "foreign_citizen": "a foreign citizen",
    "stateless_person": "a stateless person",
    "foreign_legal_entity": "a foreign legal entity",
    "suspended_or_banned_entity": "a legal entity whose activity is suspended or banned",
    "listed_financier": "a person listed as financing terrorism, extremism or proliferation",
    # restrictions, Art 5(6)
    "incapacitated": "declared incapable by a court",
    "limited_capacity": "of limited capacity by a court's decision",
    "serving_sentence": "serving a sentence",
    "barred_criminal_record": "an unexpunged criminal record for a listed crime",
    # an organization's status, Art 5(6)
    "suspended": "suspended",
    "banned": "banned",
    # what the law does not cover, Art 2(5)
    "held in closed premises": "held in closed premises",
    "religious rite": "worship or a religious rite",
    "cultural": "a cultural event",
    "sports": "a sports event",
    "official": "an official event",
    "local community": "a meeting of a local community",
    "owners meeting": "a meeting of flat owners",
    # citizenship, Art 5(1)
    "stateless": "none (stateless)",
    # bookings a place is taken by, Art 9(3), 14(1)(10)
    "filing": "an earlier filing",
    "official_event": "an official event",
    "cultural_event": "a cultural event",
    "sports_event": "a sports event",
    "works": "works",
    "other": "another event",
    # what is filed: a notification (Art 10) or an application (Art 12); the 1995 decree's permission
    "notification": "notification",
    "application": "application",
    "permission": "application for permission",
    "exempt": "filing",
    # organizer kinds, Art 1(4)
    "citizen": "citizen",
    "citizen_group": "group of citizens",
    "legal_entity": "legal entity",
}

#: Items a list fact may name (content.*, Art 10(3) / 12(2)), each a msgid of its own.
ITEMS: Final[tuple[str, ...]] = (
    "the start",
    "the end",
    "date and time",
    "full name",
    "IIN",
    "residence",
    "name",
    "BIN",
    "location",
    "the number",
    "the categories",
    "the route length",
    "the route with its start and end points",
    "e-mail",
    "mobile number",
    "the legal entity",
    "the representative",
    "organizer no. {number}",
    "the target",
)

#: Why a place's geometry could not be used (`places.RegistryError`), as a reader is told it.
PROBLEMS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (
        re.compile(
            r"^position lon (?P<lon>[-\d.]+), lat (?P<lat>[-\d.]+) is outside Kazakhstan's bounding box$"
        ),
        "the position (longitude {lon}, latitude {lat}) lies outside Kazakhstan",
    ),
    (re.compile(r"^invalid GeoJSON geometry: .*$"), "the geometry is not valid GeoJSON"),
    (
        re.compile(r"^a route line needs at least two distinct positions$"),
        "a route needs at least two different points",
    ),
    (re.compile(r"^a route line must be a LineString, not .*$"), "a route must be drawn as a line"),
)

#: Facts whose value is a code of CODE_WORDS, per finding code ("*": any finding).
_CODE_FACTS: Final[dict[str, tuple[str, ...]]] = {
    "funding.prohibited_source": ("kind",),
    "organizer.kind_mismatch": ("kind",),
    "organizer.incapacitated_or_serving_sentence": ("restriction",),
    "organizer.organization_suspended_or_banned": ("status",),
    "scope.outside_the_law": ("reason",),
    "timing.not_yet_filed": ("filing",),
}
#: Facts that are lists of ITEMS (joined with ", " and " and " by the rules).
_LIST_FACTS: Final = ("missing",)
_SPLIT: Final = re.compile(r",\s+|\s+and\s+")
_BOOKING: Final = re.compile(
    r"(?:^|(?<=, ))(filing|official_event|cultural_event|sports_event|works|other)(?= \d)"
)
_ORGANIZER_NO: Final = re.compile(r"^organizer no\. (\d+)$")


@cache
def _country(code: str, lang: str) -> str:
    name = Locale.parse(_LOCALES.get(lang, "en_GB")).territories.get(code.upper())
    return str(name) if name else code


def settlement_label(settlement: str, lang: str) -> str:
    """A settlement's name in `lang` from the names data (`places.names`: kk, ru and en for every city of
    republican and regional significance); a settlement the data lacks is named by the registry's table
    (its Russian spelling for kk and ru, Cyrillic as Kazakh texts wrote it); an unknown id stays as it is."""
    names = settlement_names(settlement)
    if names is not None:
        return names.text(lang)
    if not is_known_settlement(settlement):
        return settlement
    known = get_settlement(settlement)
    return known.en if lang == "en" else known.ru


def decision_words(decision: MaslikhatDecision, lang: str) -> str:
    """A maslikhat decision in `lang` from its parts: «№ 462, 23 маусым 2020, тіркеу № 1622», «№ 462 от
    23 июня 2020 г., рег. № 1622», "No. 462 of 23 June 2020, reg. 1622"; the Adilet id as Adilet writes it.
    Without number, date or id, the registry's note (its own words) is all there is."""
    sign, of, reg = {"ru": ("№", "от", "рег. №"), "kk": ("№", "", "тіркеу №")}.get(
        lang, ("No.", "of", "reg.")
    )
    number = f"{sign} {decision.number}" if decision.number else ""
    day = date_label(decision.date, lang) if decision.date else ""
    head = (f"{number} {of} {day}" if of else f"{number}, {day}") if number and day else number or day
    registration = f"{reg} {decision.registration}" if decision.registration else ""
    adilet = f"«Әділет» {decision.adilet_id}" if lang in ("kk", "ru") and decision.adilet_id else ""
    if decision.adilet_id and not adilet:
        adilet = f"Adilet {decision.adilet_id}"
    parts = [p for p in (head, registration, adilet) if p]
    return ", ".join(parts) if parts else decision.note or ""


def _items(value: str, lang: str, word: Callable[[str], str]) -> str:
    """ "the start and the end (date and time)" -> «басталуы және аяқталуы (күні мен уақыты)»."""
    suffix = ""
    if value.endswith(" (date and time)"):
        value, suffix = value.removesuffix(" (date and time)"), f" ({word('date and time')})"
    parts = [word(part) for part in _SPLIT.split(value) if part]
    return format_list(parts, locale=_LOCALES.get(lang, "en_GB")) + suffix


def _problem(value: str, lang: str, word: Callable[[str], str]) -> str:
    for pattern, english in PROBLEMS:
        if found := pattern.match(value):
            numbers = {k: number_label(float(v), lang) for k, v in found.groupdict().items()}
            return word(english).format(**numbers)
    return value


def _who(value: str, word: Callable[[str], str]) -> str:
    if value in ("the legal entity", "the representative"):
        return word(value)
    numbered = _ORGANIZER_NO.match(value)
    return word("organizer no. {number}").format(number=numbered.group(1)) if numbered else value


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _dates(value: str, lang: str) -> str:
    """Dates and periods inside a fact's text, as the language writes them; validity periods
    ("2020-06-23..2024-08-27", "2024-08-28..") read as a range."""
    if _DATE.match(value):
        return date_label(dt.date.fromisoformat(value), lang)
    if "T" in value and _SPAN.search(value):
        value = _SPAN.sub(lambda m: span_label(_moment(m.group(1)), _moment(m.group(2)), lang), value)
    if _ANY_DATE.search(value):
        value = _PERIOD.sub(lambda m: _period(m.group(1), m.group(2), lang), value)
        value = _ANY_DATE.sub(lambda m: date_label(dt.date.fromisoformat(m.group()), lang), value)
    return value


def _period(start: str, end: str, lang: str) -> str:
    first = date_label(dt.date.fromisoformat(start), lang)
    if not end:
        return {"kk": f"{first} бастап", "ru": f"с {first}"}.get(lang, f"from {first}")
    return f"{first} – {date_label(dt.date.fromisoformat(end), lang)}"


def _law_ref(facts: Mapping[str, FactValue], lang: str) -> str | None:
    act = facts.get("law_act")
    if not isinstance(act, str) or not act:
        return None

    def number(key: str) -> int | None:
        value = facts.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    c = Citation(
        act=act,
        article=number("law_article"),
        paragraph=number("law_paragraph"),
        subparagraph=number("law_subparagraph"),
    )
    return citation_label(c, lang)


def in_words(
    code: str, facts: Mapping[str, FactValue], lang: str, word: Callable[[str], str]
) -> dict[str, FactValue]:
    """The facts with each value a reader meets written in `lang`; `word` translates one English word."""
    shown: dict[str, FactValue] = dict(facts)
    codes = _CODE_FACTS.get(code, ())
    for key, value in facts.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown[key] = number_label(value, lang)  # «43 309», «3», "1,200"
            continue
        if not isinstance(value, str):
            continue
        own = facts.get(f"{key}_{lang}")
        if isinstance(own, str):  # a registry name in the reader's language (`rules._base.named`)
            shown[key] = own
        elif key == "target" and value == "the target":
            shown[key] = word(value)
        elif key in codes and value in CODE_WORDS:
            shown[key] = word(CODE_WORDS[value])
        elif key in _LIST_FACTS:
            shown[key] = _items(value, lang, word)
        elif key == "who":
            shown[key] = _who(value, word)
        elif key == "citizenship":
            shown[key] = _country(value, lang) if len(value) == 2 else word(CODE_WORDS.get(value, value))
        elif key == "problem":
            shown[key] = _problem(value, lang, word)
        elif key == "settlement":
            shown[key] = settlement_label(value, lang)
        elif key == "other":
            booked = _BOOKING.sub(lambda m: word(CODE_WORDS[m.group(1)]), value)
            shown[key] = _dates(booked, lang)
        else:
            shown[key] = _dates(value, lang)
    law_ref = _law_ref(facts, lang)
    if law_ref is not None and "law_ref" in facts:
        shown["law_ref"] = law_ref
    return shown
