"""The finding texts the pages translate are the engine's texts; the inputs allow the models' choices."""

from __future__ import annotations

import typing

from beibit.law.sanctions import HISTORY_MESSAGES
from beibit.monitoring import services
from beibit.monitoring.texts import HISTORY_TEXTS


def test_the_catalog_texts_are_the_engine_texts() -> None:
    assert HISTORY_TEXTS == HISTORY_MESSAGES


def test_inputs_allow_exactly_the_model_choices() -> None:
    fields = {**services.MonitoringRecordInput.model_fields, **services.MonitoringSanctionInput.model_fields}
    for name, choices in services.CHOICES.items():
        annotation = fields[name].annotation
        allowed = {a for arg in typing.get_args(annotation) for a in (typing.get_args(arg) or (arg,))}
        allowed |= set(typing.get_args(annotation))
        values = {v for v in allowed if isinstance(v, str)}
        assert values == set(choices.values), name
