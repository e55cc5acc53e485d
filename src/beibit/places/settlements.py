"""The settlements the registry knows: the units whose maslikhat sets specialized places (333-VI art. 1(3)).

Ids are lowercase ASCII slugs. Cities keep the ids the law engine uses (`almaty`, `astana`, ...); districts
carry a `-district` suffix so that a district is never confused with its centre town. `dataset_names` are the
`settlement` strings of ../shared/data/maslikhat-decisions.json that refer to the same unit. `zone` is the
IANA time zone used for local hours (art. 9(4)).
"""

from __future__ import annotations

from dataclasses import dataclass

from beibit.places.errors import UnknownSettlementError


@dataclass(frozen=True, slots=True)
class Settlement:
    id: str
    en: str
    ru: str
    zone: str
    dataset_names: tuple[str, ...] = ()


_ALMATY_ZONE = "Asia/Almaty"

SETTLEMENTS: tuple[Settlement, ...] = (
    # Cities of republican significance and the capital.
    Settlement("almaty", "Almaty", "Алматы", _ALMATY_ZONE, ("Алматы (Almaty)",)),
    Settlement(
        "astana",
        "Astana",
        "Астана",
        _ALMATY_ZONE,
        ("Астана (Astana)", "Нур-Султан / Астана (Nur-Sultan, now Astana) — 2020 decision"),
    ),
    Settlement("shymkent", "Shymkent", "Шымкент", _ALMATY_ZONE),
    # Regional centres.
    Settlement("karaganda", "Karaganda", "Караганда", _ALMATY_ZONE, ("Караганда (Karaganda)",)),
    Settlement("aktobe", "Aktobe", "Актобе", "Asia/Aqtobe", ("Актобе (Aktobe)",)),
    Settlement("atyrau", "Atyrau", "Атырау", "Asia/Atyrau", ("Атырау (Atyrau)",)),
    Settlement("oral", "Oral (Uralsk)", "Уральск", "Asia/Oral"),
    Settlement("aktau", "Aktau", "Актау", "Asia/Aqtau"),
    Settlement(
        "kyzylorda", "Kyzylorda", "Кызылорда", "Asia/Qyzylorda", ("Кызылорда / Қызылорда (Kyzylorda)",)
    ),
    Settlement("kostanay", "Kostanay", "Костанай", "Asia/Qostanay"),
    Settlement("pavlodar", "Pavlodar", "Павлодар", _ALMATY_ZONE, ("Павлодар (Pavlodar)",)),
    Settlement("semey", "Semey", "Семей", _ALMATY_ZONE, ("Семей (Semey)",)),
    Settlement("oskemen", "Oskemen (Ust-Kamenogorsk)", "Усть-Каменогорск", _ALMATY_ZONE),
    Settlement("taraz", "Taraz", "Тараз", _ALMATY_ZONE),
    Settlement("taldykorgan", "Taldykorgan", "Талдыкорган", _ALMATY_ZONE, ("Талдыкорган (Taldykorgan)",)),
    Settlement("kokshetau", "Kokshetau", "Кокшетау", _ALMATY_ZONE, ("Кокшетау (Kokshetau)",)),
    Settlement("petropavl", "Petropavl", "Петропавловск", _ALMATY_ZONE),
    Settlement("turkistan", "Turkistan", "Туркестан", _ALMATY_ZONE, ("Туркестан (Turkistan)",)),
    # Towns of regional significance.
    Settlement("saran", "Saran", "Сарань", _ALMATY_ZONE, ("Сарань (Saran)",)),
    Settlement("priozersk", "Priozersk", "Приозерск", _ALMATY_ZONE, ("Приозерск (Priozersk)",)),
    Settlement("kosshy", "Kosshy", "Косшы", _ALMATY_ZONE, ("Қосшы (Kosshy)",)),
    # Districts.
    Settlement(
        "kazaly-district",
        "Kazaly district",
        "Казалинский район",
        "Asia/Qyzylorda",
        ("Казалинский район / Қазалы ауданы (Kazaly district)",),
    ),
    Settlement(
        "tole-bi-district",
        "Tole Bi district",
        "Толебийский район",
        _ALMATY_ZONE,
        ("Төлеби ауданы / Толебийский район (Tole Bi district), Ленгер (Lenger)",),
    ),
    Settlement(
        "merke-district",
        "Merke district",
        "Меркенский район",
        _ALMATY_ZONE,
        ("Меркі ауданы / Меркенский район (Merke district)",),
    ),
    Settlement(
        "fedorov-district",
        "Fedorov district",
        "Федоровский район",
        "Asia/Qostanay",
        ("Федоров ауданы / Федоровский район (Fedorov district)",),
    ),
    Settlement(
        "syrdariya-district",
        "Syrdariya district",
        "Сырдарьинский район",
        "Asia/Qyzylorda",
        ("Сырдария ауданы (Syrdariya district)",),
    ),
    Settlement(
        "shieli-district",
        "Shieli district",
        "Шиелийский район",
        "Asia/Qyzylorda",
        ("Шиелі ауданы (Shieli district)",),
    ),
    Settlement(
        "zhalagash-district",
        "Zhalagash district",
        "Жалагашский район",
        "Asia/Qyzylorda",
        ("Жалағаш ауданы (Zhalagash district)",),
    ),
    Settlement(
        "aral-district",
        "Aral district",
        "Аральский район",
        "Asia/Qyzylorda",
        ("Арал ауданы (Aral district)",),
    ),
    Settlement(
        "osakarovka-district",
        "Osakarovka district",
        "Осакаровский район",
        _ALMATY_ZONE,
        ("Осакаров ауданы (Osakarovka district)",),
    ),
    Settlement(
        "irgiz-district",
        "Irgiz district",
        "Иргизский район",
        "Asia/Aqtobe",
        ("Ырғыз ауданы / Иргизский район (Irgiz district)",),
    ),
    Settlement(
        "samar-district",
        "Samar district",
        "Самарский район",
        _ALMATY_ZONE,
        ("Самар ауданы (Samar district)",),
    ),
    Settlement(
        "tselinograd-district",
        "Tselinograd district",
        "Целиноградский район",
        _ALMATY_ZONE,
        ("Целиноград ауданы (Tselinograd district)",),
    ),
    Settlement(
        "zharkain-district",
        "Zharkain district",
        "Жаркаинский район",
        _ALMATY_ZONE,
        ("Жарқайың ауданы (Zharkain district)",),
    ),
    Settlement(
        "zhaksy-district",
        "Zhaksy district",
        "Жаксынский район",
        _ALMATY_ZONE,
        ("Жақсы ауданы (Zhaksy district)",),
    ),
    Settlement(
        "may-district",
        "May district",
        "Майский район",
        _ALMATY_ZONE,
        ("Май ауданы / Майский район (May district)",),
    ),
    Settlement(
        "sauran-district",
        "Sauran district",
        "Сауранский район",
        _ALMATY_ZONE,
        ("Сауран ауданы (Sauran district)",),
    ),
    Settlement(
        "mangystau-district",
        "Mangystau district",
        "Мангистауский район",
        "Asia/Aqtau",
        ("Маңғыстау ауданы (Mangystau district)",),
    ),
    Settlement(
        "tupkaragan-district",
        "Tupkaragan district",
        "Тупкараганский район",
        "Asia/Aqtau",
        ("Түпқараған ауданы (Tupkaragan district)",),
    ),
    Settlement(
        "munaily-district",
        "Munaily district",
        "Мунайлинский район",
        "Asia/Aqtau",
        ("Мұнайлы ауданы (Munaily district)",),
    ),
    Settlement(
        "panfilov-district",
        "Panfilov district",
        "Панфиловский район",
        _ALMATY_ZONE,
        ("Панфилов ауданы (Panfilov district)",),
    ),
)

_BY_ID: dict[str, Settlement] = {s.id: s for s in SETTLEMENTS}


def settlement_ids() -> tuple[str, ...]:
    """Every settlement id the registry accepts, sorted."""
    return tuple(sorted(_BY_ID))


def is_known_settlement(settlement: str) -> bool:
    return settlement in _BY_ID


def get_settlement(settlement: str) -> Settlement:
    """The settlement with this id; UnknownSettlementError otherwise."""
    try:
        return _BY_ID[settlement]
    except KeyError:
        raise UnknownSettlementError(settlement) from None


def settlement_for_dataset_name(name: str) -> Settlement | None:
    """The settlement a `settlement` string of maslikhat-decisions.json refers to, if any."""
    for s in SETTLEMENTS:
        if name in s.dataset_names:
            return s
    return None
