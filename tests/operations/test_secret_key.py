"""With DEBUG off `beibit serve` refuses to start without BEIBIT_SECRET_KEY; the demo keeps its own key
next to its database and reuses it (fault 11)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from beibit.service_cli import _server_env, demo_secret_key, missing_secret_key


@pytest.mark.parametrize("key", [None, "   "], ids=["unset", "blank"])
def test_fault11_serve_refuses_to_start_without_a_secret_key(tmp_path: Path, key: str | None) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BEIBIT_")}
    environment["BEIBIT_DATABASE_URL"] = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    if key is not None:
        environment["BEIBIT_SECRET_KEY"] = key
    result = subprocess.run(
        [str(Path(sys.executable).parent / "beibit"), "serve", "--bind", "127.0.0.1:0"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2  # before granian is started: nothing listens
    assert "BEIBIT_SECRET_KEY is not set" in result.stdout and "serving on" not in result.stdout


def test_fault11_a_key_or_debug_lets_serve_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """(That it then serves is tests/cases/test_service_cli.py's test, which sets a key.)"""
    monkeypatch.delenv("BEIBIT_DEBUG", raising=False)
    monkeypatch.setenv("BEIBIT_SECRET_KEY", "a-fixed-key-shared-by-every-worker-and-every-restart-0123")
    assert missing_secret_key() is None
    monkeypatch.delenv("BEIBIT_SECRET_KEY")
    assert missing_secret_key() is not None
    monkeypatch.setenv("BEIBIT_DEBUG", "true")  # a developer's machine: the settings' development key
    assert missing_secret_key() is None


def test_fault11_the_demo_writes_its_key_once_and_reuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BEIBIT_SECRET_KEY", raising=False)
    database = tmp_path / "demo.sqlite3"
    key = demo_secret_key(database)
    stored = tmp_path / "demo.sqlite3.secret-key"
    assert stored.read_text().strip() == key and len(key) >= 50
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert demo_secret_key(database) == key  # a restart signs with the same key
    assert _server_env(demo_key=key)["BEIBIT_SECRET_KEY"] == key
    stored.write_text("short\n")  # a damaged file is replaced
    assert demo_secret_key(database) not in (key, "short")
    monkeypatch.chdir(tmp_path)
    assert demo_secret_key(None) == (tmp_path / "demo.secret-key").read_text().strip()
    assert "BEIBIT_SECRET_KEY" not in _server_env() or os.environ.get("BEIBIT_SECRET_KEY")
