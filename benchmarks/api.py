"""Benchmark of the API (issue 5): latency (p50, p95) and throughput of three operations against a local
gunicorn server, at 1, 10 and 50 concurrent clients, on SQLite and on PostgreSQL.

- evaluate: POST /api/v1/evaluations with a complete rally (the engine, the registry, no database writes);
- register: GET /api/v1/register (the public register, default page of 100 rows over 300 filed cases);
- submit:   POST /api/v1/cases/{id}/submit (evaluation + four events + a booking, in one transaction
            holding the case's row lock), each request on a fresh draft.

Each (backend, operation, clients) cell runs a bounded number of requests, three times; the figures are the
medians of the three runs. Loopback only. Targets (issue 5): register p95 < 50 ms and submit p95 < 150 ms
at 50 clients on PostgreSQL.

Run: `make bench-api` or `python benchmarks/api.py [--backends sqlite postgres] [--runs 3]`.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
POSTGRES_BENCH_DB = "beibit_bench"
CLIENTS = (1, 10, 50)
REQUESTS = {1: 60, 10: 300, 50: 600}  # per run; bounded
REGISTER_CASES = 300
PASSWORD = "bench-password-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- seeding (runs in a child process, with Django configured for the backend) -----------------------


def seed(out_file: str, drafts: int) -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    import django

    django.setup()
    from django.core.management import call_command

    from beibit.cases import services
    from beibit.cases.registry_store import load_registry_into_db
    from beibit.law.model import PlannedAssembly
    from beibit.places import default_registry

    call_command("migrate", interactive=False, verbosity=0)
    load_registry_into_db(default_registry())
    tz = ZoneInfo("Asia/Almaty")
    now = dt.datetime.now(tz)
    organizer = services.register_organizer(
        email="bench@example.kz",
        password=PASSWORD,
        full_name="Bench Organizer",
        iin="850612300451",
        birth_date=dt.date(1985, 6, 12),
    )
    places = ["almaty-imanov-square", "almaty-sary-arka-square", "almaty-gandhi-park"]

    def rally(i: int) -> PlannedAssembly:
        day = (now + dt.timedelta(days=20 + i % 40)).date()
        start = dt.datetime.combine(day, dt.time(9 + i % 9, 0), tz)
        return PlannedAssembly.model_validate(
            {
                "form": "rally",
                "purpose": "Benchmark rally",
                "settlement": "almaty",
                "place": {"specialized_place_id": places[i % len(places)]},
                "starts_at": start.isoformat(),
                "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
                "expected_participants": 50,
                "equipment": {
                    "sound_amplification": False,
                    "posters_banners": True,
                    "vehicles": False,
                    "structures": False,
                },
                "regulations": "open, speak, close",
                "personal_data_consent": True,
                "funding_sources": [{"kind": "own_funds"}],
                "signed_by": "organizer",
            }
        )

    for i in range(REGISTER_CASES):
        case = services.create_case(organizer, rally(i), now=now)
        services.submit(case.pk, organizer, now=now)
    draft_ids = [services.create_case(organizer, rally(i), now=now).pk for i in range(drafts)]
    from django.test import RequestFactory

    # As the token endpoint does: django-axes counts sign-in attempts per request.
    request = RequestFactory().post("/api/v1/auth/token")
    token, _ = services.issue_token(email="bench@example.kz", password=PASSWORD, now=now, request=request)
    evaluation_body = rally(0).model_dump(mode="json", exclude_unset=True)
    Path(out_file).write_text(
        json.dumps({"token": token, "drafts": draft_ids, "evaluation_body": evaluation_body})
    )


# --- load generation ---------------------------------------------------------------------------------


@dataclass
class Result:
    latencies_ms: list[float]
    seconds: float
    errors: int

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds


Request = tuple[str, str, bytes | None, dict[str, str]]


def run_load(port: int, clients: int, requests: list[Request]) -> Result:
    """`clients` threads, each with its own keep-alive connection, share the list of requests."""
    lock = threading.Lock()
    cursor = iter(requests)
    latencies: list[float] = []
    errors = 0
    start_gate = threading.Barrier(clients + 1)

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start_gate.wait()
        while True:
            with lock:
                item = next(cursor, None)
            if item is None:
                break
            method, path, body, headers = item
            began = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status < 400
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                ok = False
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                errors += 0 if ok else 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return Result(latencies, time.perf_counter() - began, errors)


# --- one backend -------------------------------------------------------------------------------------


def _postgres_database(drop_only: bool = False) -> str:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_DB} WITH (FORCE)")
        if not drop_only:
            admin.execute(f"CREATE DATABASE {POSTGRES_BENCH_DB}")
    return f"postgres://postgres@127.0.0.1:5432/{POSTGRES_BENCH_DB}"


def bench_backend(backend: str, runs: int, workers: int, threads: int, work: Path) -> dict[str, Any]:
    drafts_needed = runs * sum(REQUESTS.values()) + 50
    url = f"sqlite:///{work / 'bench.sqlite3'}" if backend == "sqlite" else _postgres_database()
    env = {
        **os.environ,
        "BEIBIT_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "beibit.settings",
        "BEIBIT_SECRET_KEY": "bench-only-secret-key",
    }
    seed_file = work / f"seed-{backend}.json"
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--seed", str(seed_file), str(drafts_needed)], env=env, check=True
    )
    print(
        f"[{backend}] seeded {REGISTER_CASES} filed cases and {drafts_needed} drafts "
        f"in {time.perf_counter() - began:.0f} s",
        flush=True,
    )
    seeded = json.loads(seed_file.read_text())
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "beibit.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        _wait_for(port)
        auth = {"Authorization": f"Bearer {seeded['token']}"}
        evaluate_body = json.dumps(seeded["evaluation_body"]).encode()
        drafts = iter(seeded["drafts"])
        json_headers = {"Content-Type": "application/json"}
        operations: dict[str, Callable[[int], list[Request]]] = {
            "evaluate": lambda n: [("POST", "/api/v1/evaluations", evaluate_body, json_headers)] * n,
            "register": lambda n: [("GET", "/api/v1/register", None, {})] * n,
            "submit": lambda n: [
                ("POST", f"/api/v1/cases/{next(drafts)}/submit", None, auth) for _ in range(n)
            ],
        }
        # Warm every worker (registry index, regime files, calendar) before measuring.
        for name in ("evaluate", "register"):
            run_load(port, workers * threads, operations[name](workers * threads * 4))
        run_load(port, 4, operations["submit"](20))
        results: dict[str, Any] = {}
        for name, make in operations.items():
            for clients in CLIENTS:
                measured = [run_load(port, clients, make(REQUESTS[clients])) for _ in range(runs)]
                cell = {
                    "p50_ms": statistics.median(r.p50 for r in measured),
                    "p95_ms": statistics.median(r.p95 for r in measured),
                    "throughput_rps": statistics.median(r.throughput for r in measured),
                    "errors": sum(r.errors for r in measured),
                    "requests": sum(len(r.latencies_ms) for r in measured),
                }
                results[f"{name}@{clients}"] = cell
                print(
                    f"[{backend}] {name:<8} {clients:>2} clients: p50 {cell['p50_ms']:7.1f} ms  "
                    f"p95 {cell['p95_ms']:7.1f} ms  {cell['throughput_rps']:7.1f} req/s  "
                    f"errors {cell['errors']}",
                    flush=True,
                )
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)
        if backend == "postgres":
            _postgres_database(drop_only=True)


def _wait_for(port: int) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/settlements")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"]
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--seed", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(args.seed[0], int(args.seed[1]))
        return 0
    print(
        f"gunicorn: {args.workers} workers x {args.threads} threads (gthread); {os.cpu_count()} CPUs; "
        f"medians of {args.runs} runs",
        flush=True,
    )
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="beibit-bench-") as tmp:
        for backend in args.backends:
            figures[backend] = bench_backend(backend, args.runs, args.workers, args.threads, Path(tmp))
    if "postgres" in figures:
        pg = figures["postgres"]
        print(
            f"targets at 50 clients on PostgreSQL: register p95 {pg['register@50']['p95_ms']:.1f} ms (< 50), "
            f"submit p95 {pg['submit@50']['p95_ms']:.1f} ms (< 150)"
        )
    if "postgres" in figures and "sqlite" in figures:
        for cell in ("evaluate@50", "register@50", "submit@50"):
            ratio = figures["sqlite"][cell]["throughput_rps"] / figures["postgres"][cell]["throughput_rps"]
            print(f"throughput SQLite / PostgreSQL, {cell}: {ratio:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
