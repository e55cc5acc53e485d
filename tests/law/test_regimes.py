from __future__ import annotations

import datetime as dt

import pytest
import yaml

from beibit.law.evaluate import RULES, rules_of
from beibit.law.regimes import (
    REGIME_IDS,
    ParameterNotInForce,
    RegimeError,
    UnknownRegime,
    _StringDateLoader,
    _yaml_text,
    load_regime,
    parse_regime,
    regime_in_force,
)

D = dt.date


def test_every_regime_loads_and_names_only_known_rules() -> None:
    for regime_id in REGIME_IDS:
        regime = load_regime(regime_id)
        assert rules_of(regime)
        assert set(regime.rules) <= set(RULES)


def test_every_value_is_cited() -> None:
    for regime_id in REGIME_IDS:
        for parameter in load_regime(regime_id).parameters.values():
            assert all(v.cite.act for v in parameter.values)


@pytest.mark.parametrize(
    ("day", "regime_id"),
    [
        (D(2020, 6, 5), "kz-1995"),
        (D(2020, 6, 6), "kz-333-vi-2020"),
        (D(2025, 1, 19), "kz-333-vi-2020"),
        (D(2025, 1, 20), "kz-333-vi"),
        (D(2026, 11, 28), "kz-333-vi"),
    ],
)
def test_regime_in_force(day: dt.date, regime_id: str) -> None:
    assert regime_in_force(day).id == regime_id


def test_unknown_regime() -> None:
    with pytest.raises(UnknownRegime):
        load_regime("kz-2030")


def test_a_parameter_before_its_first_value_is_an_error_not_a_default() -> None:
    regime = load_regime("kz-333-vi")
    with pytest.raises(ParameterNotInForce):
        regime.params(D(2020, 6, 5))
    params = regime.params(D(2021, 6, 30))
    assert params.integer("notification_lead_working_days") == 5
    with pytest.raises(ParameterNotInForce):
        params.integer("appeal_months")  # APPK from 2021-07-01 only
    assert regime.params(D(2021, 7, 1)).integer("appeal_months") == 3


def _raw(regime_id: str = "kz-333-vi") -> dict:  # type: ignore[type-arg]
    return yaml.load(_yaml_text(regime_id), Loader=yaml.BaseLoader)


def test_amending_a_number_is_a_data_change() -> None:
    raw = _raw()
    raw["parameters"]["notification_lead_working_days"]["values"]["2027-01-01"] = {
        "value": 7,
        "cite": {"act": "333-VI", "article": 10, "paragraph": 1},
    }
    raw["parameters"]["notification_lead_working_days"]["values"]["2020-06-06"]["value"] = 5
    for spec in raw["parameters"].values():
        for entries in spec["values"].values():
            for entry in entries if isinstance(entries, list) else [entries]:  # a day's versions
                value = entry["value"]
                if isinstance(value, str) and value.isdigit():
                    entry["value"] = int(value)
    regime = parse_regime(raw)
    assert regime.params(D(2026, 12, 31)).integer("notification_lead_working_days") == 5
    assert regime.params(D(2027, 1, 1)).integer("notification_lead_working_days") == 7
    assert regime.params(D(2027, 1, 1)).cite("notification_lead_working_days").article == 10


def test_loader_rejects_an_uncited_value() -> None:
    raw = _raw()
    del raw["parameters"]["notification_lead_working_days"]["values"]["2020-06-06"]["cite"]
    with pytest.raises(RegimeError, match="citation"):
        parse_regime(raw)


def test_loader_rejects_duplicate_dates() -> None:
    raw = _raw()
    raw["parameters"]["notification_lead_working_days"]["values"] = {
        "2020-06-06": {"value": 5, "cite": {"act": "333-VI"}},
        "2020-6-06": {"value": 6, "cite": {"act": "333-VI"}},
    }
    with pytest.raises(RegimeError):
        parse_regime(raw)


def test_loader_rejects_a_parameter_without_values() -> None:
    raw = _raw()
    raw["parameters"]["notification_lead_working_days"] = {"values": {}}
    with pytest.raises(RegimeError, match="dated values"):
        parse_regime(raw)


def test_the_61_np_reading_is_a_dated_value_in_the_one_file_of_law_333_vi() -> None:
    """Issue 12: the law as adopted and as read with CC 61-NP are two versions of one file, not two copies."""
    adopted, read = load_regime("kz-333-vi-2020"), load_regime("kz-333-vi")
    day = D(2025, 6, 2)
    assert not adopted.params(day).flag("occupied_place_refusal_needs_alternative")
    assert adopted.params(day).cite("occupied_place_refusal_needs_alternative").article == 14
    assert read.params(day).flag("occupied_place_refusal_needs_alternative")
    assert read.params(day).cite("occupied_place_refusal_needs_alternative").act == "CC-61-NP"
    added = set(read.rules) - set(adopted.rules)
    assert added == {
        "judgement.refusal_needs_reasoned_analysis",
        "judgement.occupied_place_needs_alternative",
    }
    assert set(adopted.rules) < set(read.rules)
    assert (adopted.in_force_to, read.in_force_from) == (D(2025, 1, 19), D(2025, 1, 20))
    assert _yaml_text("kz-333-vi-2020") == _yaml_text("kz-333-vi")


def test_a_later_version_of_a_value_only_reaches_the_versions_from_its_date() -> None:
    raw = yaml.load(_yaml_text("kz-333-vi"), Loader=_StringDateLoader)
    raw["parameters"]["picket_max_hours_per_day_outside_places"]["values"]["2020-06-06"] = [
        {"value": 2, "cite": {"act": "333-VI", "article": 9, "paragraph": 6}},
        {"value": 3, "cite": {"act": "CC-61-NP"}, "version": "2025-01-20"},
    ]
    day = D(2026, 1, 5)
    assert (
        parse_regime(raw, "kz-333-vi-2020").params(day).integer("picket_max_hours_per_day_outside_places")
        == 2
    )
    assert parse_regime(raw, "kz-333-vi").params(day).integer("picket_max_hours_per_day_outside_places") == 3
    assert parse_regime(raw).id == "kz-333-vi"  # the newest version when none is named
    raw["parameters"]["picket_max_hours_per_day_outside_places"]["values"]["2020-06-06"] = [
        {"value": 3, "cite": {"act": "CC-61-NP"}, "version": "2025-01-20"},
    ]
    with pytest.raises(RegimeError, match="no entry belongs"):
        parse_regime(raw, "kz-333-vi-2020")
