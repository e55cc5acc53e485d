"""The production settings pass Django's deployment checks (fault 13), and docs/deploy.md lists exactly the
declared environment variables."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import beibit.settings

ROOT = Path(__file__).resolve().parents[2]
ENV_FILE = ROOT / "docs" / "deploy" / "beibit.env"


def production_environment() -> dict[str, str]:
    """docs/deploy/beibit.env as systemd would read it, with a real key instead of its placeholder."""
    values: dict[str, str] = {}
    for line in ENV_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    values["BEIBIT_SECRET_KEY"] = secrets.token_urlsafe(50)
    declared = {variable.name for variable in beibit.settings.ENVIRONMENT}
    assert set(values) <= declared, set(values) - declared
    return values


def test_fault13_check_deploy_is_clean_under_the_production_settings(tmp_path: Path) -> None:
    # Not this test process's own switches: the e2e tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright.
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("BEIBIT_", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    environment.update(production_environment())
    # The check needs no database; an empty SQLite file stands in for the PostgreSQL of the example.
    environment["BEIBIT_DATABASE_URL"] = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    command = [
        str(Path(sys.executable).parent / "beibit"),
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    ]
    result = subprocess.run(
        command, env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_deployment_guide_lists_every_declared_variable() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "environment_table.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for variable in beibit.settings.ENVIRONMENT:
        assert f"| `{variable.name}` |" in guide
