"""`beibit serve` writes nothing but JSON lines on standard error: granian's own lines, its access line
with the proxy's request id, and the application's (fault 12, as a deployment runs it)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def test_fault12_beibit_serve_logs_json_lines_only(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BEIBIT_")}
    environment |= {
        "BEIBIT_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "BEIBIT_ALLOWED_HOSTS": "127.0.0.1",
        "BEIBIT_SECRET_KEY": "a-fixed-key-for-the-log-test-that-is-long-enough-0123456789",
    }
    errors = (tmp_path / "stderr").open("w+")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "beibit"),
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=errors,
        start_new_session=True,
    )
    try:
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline and status is None:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/readyz", headers={"X-Request-ID": "nginx-77aa"})
                response = connection.getresponse()
                status, echoed = response.status, response.getheader("X-Request-ID")
                response.read()
            except OSError:
                time.sleep(0.2)
        assert status == 503 and echoed == "nginx-77aa"  # a fresh database: no tick has run
        time.sleep(0.5)  # the access line is written after the response
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    errors.seek(0)
    lines = [line for line in errors.read().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is a JSON object
    assert all({"time", "level", "logger", "message"} <= set(record) for record in records)
    access = [r for r in records if r["logger"] == "granian.access"]
    assert any("GET /readyz" in r["message"] and "request_id=nginx-77aa" in r["message"] for r in access)
    warning = [r for r in records if r["logger"] == "beibit.operations.health"]
    # A fresh, unmigrated database: not ready, and the warning carries the request's id.
    assert warning and warning[0]["request_id"] == "nginx-77aa"
    assert warning[0]["message"] == "not ready: clock, migrations"
