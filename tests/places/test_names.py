"""Issue 15: the names data (kk, ru, en for every city of republican and regional significance and every
settlement the registry knows) and a decision's title in each language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from beibit.places import default_registry, feature_collection, parse_feature
from beibit.places.names import all_settlement_names, decision_title, settlement_names
from beibit.places.settlements import SETTLEMENTS

#: The cities of republican significance and the regional centres (the seat of each region's akimat).
CENTRES = {
    "astana": "Астана", "almaty": "Алматы", "shymkent": "Шымкент", "semey": "Семей", "kokshetau": "Көкшетау",
    "aktobe": "Ақтөбе", "konaev": "Қонаев", "atyrau": "Атырау", "oskemen": "Өскемен", "taraz": "Тараз",
    "taldykorgan": "Талдықорған", "karaganda": "Қарағанды", "kostanay": "Қостанай",
    "kyzylorda": "Қызылорда", "aktau": "Ақтау", "petropavl": "Петропавл", "pavlodar": "Павлодар",
    "turkistan": "Түркістан", "zhezkazgan": "Жезқазған", "oral": "Орал",
}  # fmt: skip


def test_every_settlement_of_the_registry_has_three_names() -> None:
    for settlement in SETTLEMENTS:
        names = settlement_names(settlement.id)
        assert names is not None, settlement.id
        assert names.ru == settlement.ru and names.kk and names.en


def test_the_centres_carry_their_official_kazakh_names() -> None:
    for key, kazakh in CENTRES.items():
        names = settlement_names(key)
        assert names is not None and names.kk == kazakh, key


def test_the_cities_of_regional_significance() -> None:
    regional = [n for n in all_settlement_names() if n.status == "regional"]
    assert len(regional) >= 37  # as of 2025 (see the data file: Abai 2, Akmola 3, ..., West Kazakhstan 1)
    assert all(n.region for n in regional)
    # Every region but the three cities of republican significance has its cities listed.
    assert {n.region for n in regional} >= {
        "Abai", "Akmola", "Aktobe", "Almaty", "Atyrau", "East Kazakhstan", "Jambyl", "Jetisu", "Karaganda",
        "Kostanay", "Kyzylorda", "Mangystau", "North Kazakhstan", "Pavlodar", "Turkistan", "Ulytau",
        "West Kazakhstan",
    }  # fmt: skip
    for names in all_settlement_names():
        assert not any(c.isascii() and c.isalpha() for c in names.kk + names.ru), names


@pytest.mark.parametrize(
    ("number", "date", "kk", "ru", "en"),
    [
        ("462", dt.date(2020, 6, 23), "2020 жылғы 23 маусымдағы № 462 шешім",
         "решение № 462 от 23 июня 2020 г.", "Decision No. 462 of 23 June 2020"),
        ("8/12", dt.date(2024, 4, 1), "2024 жылғы 1 сәуірдегі № 8/12 шешім",
         "решение № 8/12 от 1 апреля 2024 г.", "Decision No. 8/12 of 1 April 2024"),
        (None, dt.date(2021, 9, 9), "2021 жылғы 9 қыркүйектегі шешім", "решение от 9 сентября 2021 г.",
         "Decision of 9 September 2021"),
        ("17", None, "№ 17 шешім", "решение № 17", "Decision No. 17"),
        ("  ", None, "", "", ""),
    ],
)  # fmt: skip
def test_a_decision_title(number: str | None, date: dt.date | None, kk: str, ru: str, en: str) -> None:
    assert (
        decision_title(number, date, "kk"),
        decision_title(number, date, "ru"),
        decision_title(number, date, "en"),
    ) == (kk, ru, en)


def test_export_and_import_keep_the_three_names(tmp_path: Path) -> None:
    """`beibit places export` writes what `import` reads: every name in kk, ru and en survives both."""
    bundled = default_registry()
    day = dt.date(2024, 9, 1)
    for settlement in ("almaty", "astana"):
        entries = bundled.entries_in_force(settlement, day)
        data = json.loads(json.dumps(feature_collection(entries), ensure_ascii=False))
        assert all(set(f["properties"]["name"]) == {"kk", "ru", "en"} for f in data["features"])
        again = [parse_feature(f) for f in data["features"]]
        assert [e.name for e in again] == [e.name for e in entries]
