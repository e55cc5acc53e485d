"""With DEBUG off `beibit serve` refuses to start without BEIBIT_SECRET_KEY; the demo keeps its own key
next to its database and reuses it (fault 11)."""

from __future__ import annotations

import argparse
import io
import os
import stat
from pathlib import Path

import pytest

from beibit import service_cli
from beibit.service_cli import _server_env, cmd_serve, demo_secret_key


def test_fault11_serve_refuses_to_start_without_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    monkeypatch.setattr(service_cli, "_granian", lambda bind, workers, env: started.append(bind) or 0)
    monkeypatch.delenv("BEIBIT_SECRET_KEY", raising=False)
    monkeypatch.delenv("BEIBIT_DEBUG", raising=False)
    out = io.StringIO()
    args = argparse.Namespace(bind="127.0.0.1:0", workers=1)
    assert cmd_serve(args, io.BytesIO(), out) == 2
    assert "BEIBIT_SECRET_KEY is not set" in out.getvalue() and started == []
    monkeypatch.setenv("BEIBIT_SECRET_KEY", "   ")  # blank is no key
    assert cmd_serve(args, io.BytesIO(), io.StringIO()) == 2 and started == []
    monkeypatch.setenv("BEIBIT_SECRET_KEY", "a-fixed-key-shared-by-every-worker-and-every-restart-0123")
    assert cmd_serve(args, io.BytesIO(), io.StringIO()) == 0 and started == ["127.0.0.1:0"]
    monkeypatch.delenv("BEIBIT_SECRET_KEY")
    monkeypatch.setenv("BEIBIT_DEBUG", "true")  # a developer's machine: the settings' development key
    assert cmd_serve(args, io.BytesIO(), io.StringIO()) == 0


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
