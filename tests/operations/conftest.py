"""Settings as a deployment's environment makes them, and the accounts of tests/cases."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from typing import Any

import pytest

import beibit.settings
from tests.cases.fixtures import (  # noqa: F401 - fixtures
    fast_password_hashing,
    filed,
    officer,
    organizer,
    registry_in_db,
)

SettingsOf = Callable[..., dict[str, Any]]

# A deployment behind one nginx, as docs/deploy.md sets it up (minus the key, which each test draws).
PRODUCTION = {
    "BEIBIT_ALLOWED_HOSTS": "beibit.example.kz",
    "BEIBIT_TRUSTED_PROXIES": "1",
    "BEIBIT_CSRF_TRUSTED_ORIGINS": "https://beibit.example.kz",
}


@pytest.fixture
def settings_of(monkeypatch: pytest.MonkeyPatch) -> SettingsOf:
    """The settings module evaluated afresh under the given environment variables (upper-case names)."""

    def evaluate(**environment: str) -> dict[str, Any]:
        for variable in beibit.settings.ENVIRONMENT:
            monkeypatch.delenv(variable.name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        values = runpy.run_path(beibit.settings.__file__)
        return {name: value for name, value in values.items() if name.isupper()}

    return evaluate
