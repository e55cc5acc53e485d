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
        for entry in spec["values"].values():
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
