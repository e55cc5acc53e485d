"""The service's commands as the `beibit` command line registers them."""

from __future__ import annotations

import argparse
import io

import pytest

from beibit.service_cli import add_service_commands, cmd_manage


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="beibit")
    add_service_commands(parser.add_subparsers(dest="command", required=True))
    return parser


def test_the_commands_are_registered_with_their_runners() -> None:
    parser = _parser()
    assert parser.parse_args(["tick"]).run.__name__ == "cmd_tick"
    assert parser.parse_args(["tick", "--at", "2026-03-31T00:00:00+05:00"]).at == "2026-03-31T00:00:00+05:00"
    verify = parser.parse_args(["audit", "verify", "--case", "3", "--case", "4"])
    assert (verify.run.__name__, verify.case) == ("cmd_audit_verify", [3, 4])
    serve = parser.parse_args(["serve"])
    assert (serve.run.__name__, serve.bind) == ("cmd_serve", "127.0.0.1:8000")
    demo = parser.parse_args(["demo", "--reset", "--no-serve"])
    assert (demo.run.__name__, demo.reset, demo.no_serve) == ("cmd_demo", True, True)
    manage = parser.parse_args(["manage", "check", "--deploy"])
    assert (manage.run.__name__, manage.arguments) == ("cmd_manage", ["check", "--deploy"])
    with pytest.raises(SystemExit):
        parser.parse_args(["audit"])


def test_manage_passes_through_to_django(capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_manage(argparse.Namespace(arguments=["check"]), io.BytesIO(), io.StringIO()) == 0
    assert "no issues" in capsys.readouterr().out
    assert cmd_manage(argparse.Namespace(arguments=["no-such-command"]), io.BytesIO(), io.StringIO()) != 0
