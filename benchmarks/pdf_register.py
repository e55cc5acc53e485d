"""Benchmark for issue 14, fault 2: the public register's latency while a large PDF is being built.

A `beibit serve` (granian, two workers, as deployed) on a fresh SQLite database holds 60 filed cases; one of
them is a filing whose texts are as long as the service accepts (`--purpose-chars`, default: the contract's
bounds; before the bounds a 1 MB purpose was accepted). One client downloads that filing's PDF over and over
(GET /api/v1/cases/{id}/documents/filing) while another reads the public register (GET /api/v1/register)
for `--seconds`; the register's p50 and p95 over that window are printed, per run and as the median of the
runs. Run it from the tree to measure (PYTHONPATH=that/src to measure another checkout with this venv):

    python benchmarks/pdf_register.py [--runs 3] [--seconds 15] [--purpose-chars N]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PASSWORD = "benchmark-password-2026"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


SETUP = r"""
import datetime as dt, json, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "beibit.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
try:  # the layout after issue 12, else the one before it (to measure an older checkout)
    from beibit.cases.accounts import register_organizer
    from beibit.cases.actions.filing import create_case, submit
except ImportError:
    from beibit.cases.services import create_case, register_organizer, submit
from beibit.registry.store import load_registry_into_db
from beibit.places import default_registry
from beibit.law.model import PlannedAssembly
load_registry_into_db(default_registry())
long_text = int(sys.argv[1])
user = register_organizer(email="bench@example.kz", password=sys.argv[2], full_name="Bench Mark",
                                   iin="850612300451", birth_date=dt.date(1985, 6, 12))
tz = dt.timezone(dt.timedelta(hours=5))
now = dt.datetime(2026, 3, 20, 10, tzinfo=tz)
def rally(day, purpose, regulations):
    return {"form": "rally", "purpose": purpose, "settlement": "almaty",
            "place": {"specialized_place_id": "almaty-imanov-square"},
            "starts_at": f"2026-04-{day:02d}T11:00:00+05:00", "ends_at": f"2026-04-{day:02d}T13:00:00+05:00",
            "expected_participants": 100, "regulations": regulations, "public_order_measures": regulations,
            "personal_data_consent": True, "funding_sources": [{"kind": "own_funds"}],
            "signed_by": "organizer", "equipment": {"sound_amplification": False, "posters_banners": True,
                                                    "vehicles": False, "structures": False}}
for i in range(60):
    plan = rally(1 + i % 28, "Keep the trees", "11:00 open")
    case = create_case(user, PlannedAssembly.model_validate(plan), now=now)
    submit(case.pk, user, now=now)
words = "word " * (long_text // 5 + 1)
from beibit.law import model
purpose_limit = getattr(model, "MAX_PURPOSE", long_text)
text_limit = getattr(model, "MAX_TEXT", long_text)
plan = rally(15, words[:min(long_text, purpose_limit)].strip(), words[:min(long_text, text_limit)].strip())
big = create_case(user, PlannedAssembly.model_validate(plan), now=now)
submit(big.pk, user, now=now)
print(big.pk)
"""


def _get(port: int, path: str, token: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def run_once(seconds: float, purpose_chars: int, pdf: bool = True) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "BEIBIT_DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "BEIBIT_ALLOWED_HOSTS": "127.0.0.1",
            "BEIBIT_HTTPS": "false",
        }
        setup = subprocess.run(
            [sys.executable, "-c", SETUP, str(purpose_chars), PASSWORD],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        case_id = int(setup.stdout.strip().splitlines()[-1])
        port = _free_port()
        beibit = str(Path(sys.executable).with_name("beibit"))
        server = subprocess.Popen(
            [beibit, "serve", "--bind", f"127.0.0.1:{port}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            for _ in range(100):
                try:
                    if _get(port, "/api/v1/settlements")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.2)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            body = json.dumps({"email": "bench@example.kz", "password": PASSWORD})
            connection.request("POST", "/api/v1/auth/token", body, {"Content-Type": "application/json"})
            token = json.loads(connection.getresponse().read())["token"]
            for _ in range(5):
                _get(port, "/api/v1/register")  # warm both workers
            stop = threading.Event()
            pdf_times: list[float] = []

            def download() -> None:
                while not stop.is_set():
                    started = time.perf_counter()
                    status, _body = _get(port, f"/api/v1/cases/{case_id}/documents/filing?lang=kk", token)
                    pdf_times.append(time.perf_counter() - started)
                    assert status == 200, status

            downloader = threading.Thread(target=download if pdf else lambda: None)
            downloader.start()
            time.sleep(0.2)
            latencies: list[float] = []
            ends = time.monotonic() + seconds
            while time.monotonic() < ends:
                started = time.perf_counter()
                status, _body = _get(port, "/api/v1/register")
                latencies.append(time.perf_counter() - started)
                assert status == 200
            stop.set()
            downloader.join()
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    latencies.sort()
    return {
        "register_p50_ms": 1000 * statistics.median(latencies),
        "register_p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "register_requests": len(latencies),
        "pdf_first_s": pdf_times[0] if pdf_times else float("nan"),
        "pdf_median_s": statistics.median(pdf_times) if pdf_times else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--purpose-chars", type=int, default=1_000_000)
    parser.add_argument("--no-pdf", action="store_true", help="the register alone (the baseline)")
    args = parser.parse_args()
    results = []
    for run in range(args.runs):
        result = run_once(args.seconds, args.purpose_chars, pdf=not args.no_pdf)
        results.append(result)
        print(f"run {run + 1}: " + ", ".join(f"{k}={v:.1f}" for k, v in result.items()), flush=True)
    print("median: " + ", ".join(f"{k}={statistics.median(r[k] for r in results):.1f}" for k in results[0]))


if __name__ == "__main__":
    main()
