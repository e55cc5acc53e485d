"""The service's commands as the `beibit` command line registers them."""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

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


def test_serve_answers_over_http_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """`beibit serve` runs granian with the application; Ctrl-C (SIGINT to the process group, as a
    terminal sends it) stops the server and its workers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "BEIBIT_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "BEIBIT_ALLOWED_HOSTS": "127.0.0.1",
        "BEIBIT_SECRET_KEY": "a-fixed-key-for-the-serve-test-that-is-long-enough-0123456789",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "beibit"), "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/api/v1/openapi.json")
                response = connection.getresponse()
                status, body = response.status, response.read()
            except OSError:
                time.sleep(0.2)
        assert status == 200 and json.loads(body)["info"]["title"] == "Beibit"
        assert _job_workers_in_group(server.pid), "the background worker runs beside the web workers"
        os.killpg(server.pid, signal.SIGINT)
        assert server.wait(timeout=20) is not None
        with pytest.raises(ProcessLookupError):  # no worker left in the group
            for _ in range(50):
                os.killpg(server.pid, 0)
                time.sleep(0.1)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _job_workers_in_group(group: int) -> list[int]:
    """The background workers (beibit.notifications.worker) in a process group, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if "beibit.notifications.worker" in command and os.getpgid(int(entry.name)) == group:
                found.append(int(entry.name))
        except (OSError, ProcessLookupError):
            continue
    return found
