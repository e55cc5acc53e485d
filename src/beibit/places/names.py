"""Names in the reader's language for what the registry holds (issue 15): settlements, from the data file
`data/settlement-names.yaml` (kk, ru, en for every city of republican and regional significance and the
districts the registry knows), and a maslikhat decision's title built from its number and date, e.g.
kk «2020 жылғы 23 маусымдағы № 462 шешім», ru «решение № 462 от 23 июня 2020 г.», en "Decision No. 462 of
23 June 2020". No Django; the data file is read once."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from babel.dates import format_date

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")
DATA = Path(__file__).with_name("data") / "settlement-names.yaml"

#: Kazakh month names in the locative-attributive form a date takes before a noun ("маусымдағы"): CLDR
#: gives the nominative only ("маусым"), so the suffix -дағы/-дегі/-тағы/-тегі is written out here.
KK_MONTHS_LOCATIVE = (
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
)


@dataclass(frozen=True, slots=True)
class SettlementNames:
    id: str
    status: str  # republican, regional or district
    kk: str
    ru: str
    en: str
    region: str | None = None

    def text(self, lang: str) -> str:
        return {"kk": self.kk, "ru": self.ru}.get(lang, self.en)


@functools.cache
def _table() -> dict[str, SettlementNames]:
    loaded = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    table: dict[str, SettlementNames] = {}
    for key, row in loaded["settlements"].items():
        missing = [lang for lang in LANGS if not str(row.get(lang) or "").strip()]
        if missing:
            raise ValueError(f"{DATA.name}: {key} lacks its name in {', '.join(missing)}")
        table[key] = SettlementNames(key, row["status"], row["kk"], row["ru"], row["en"], row.get("region"))
    return table


def settlement_names(settlement: str) -> SettlementNames | None:
    """The three names of a settlement, or None when the data file does not know it."""
    return _table().get(settlement)


def all_settlement_names() -> tuple[SettlementNames, ...]:
    return tuple(_table().values())


def _kk_date(day: dt.date) -> str:
    return f"{day.year} жылғы {day.day} {KK_MONTHS_LOCATIVE[day.month - 1]}"


def _date(day: dt.date, lang: Lang) -> str:
    return format_date(day, "d MMMM y", locale=lang) + (" г." if lang == "ru" else "")


def decision_title(number: str | None, date: dt.date | None, lang: Lang) -> str:
    """A maslikhat decision named by its number and date in `lang`; "" when it has neither."""
    number = (number or "").strip() or None
    if lang == "kk":
        parts = [_kk_date(date) if date else "", f"№ {number}" if number else ""]
        head = " ".join(p for p in parts if p)
        return f"{head} шешім" if head else ""
    if lang == "ru":
        text = "решение" + (f" № {number}" if number else "") + (f" от {_date(date, lang)}" if date else "")
        return text if (number or date) else ""
    text = "Decision" + (f" No. {number}" if number else "") + (f" of {_date(date, lang)}" if date else "")
    return text if (number or date) else ""
