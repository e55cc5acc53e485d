"""The case service's commands: `tick`, `audit verify`, `serve`, `demo` and `manage`.

`add_service_commands(subparsers)` registers them on the `beibit` command line (src/beibit/cli.py); each
command is a function `(args, stdin, out) -> exit code` like the other commands there. Until the CLI calls
it, `python -m beibit.service_cli COMMAND ...` runs the same commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

DEFAULT_BIND = "127.0.0.1:8000"
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2


def _django() -> None:
    """Set Django up once (the commands run outside a Django process too)."""
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    if not apps.ready:
        django.setup()


def _instant(value: str | None) -> dt.datetime:
    from django.utils import timezone

    if value is None:
        return timezone.now()  # the outer edge: the only place the services' `now` comes from the clock
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("--at needs a UTC offset, e.g. 2026-03-31T00:00:00+05:00")
    return moment


def cmd_tick(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Record every system event the clock has made due: deemed agreement by silence (Art 11(1)), overdue
    applications (Art 13(1)), proposals left unanswered (Art 11(3), 13(3))."""
    _django()
    from beibit.cases.clock import apply_clock

    try:
        now = _instant(getattr(args, "at", None))
    except ValueError as error:
        out.write(f"{error}\n")
        return EXIT_BAD_INPUT
    recorded = apply_clock(now)
    out.write(f"tick {now.isoformat()}: {recorded} event(s) recorded\n")
    return 0


def cmd_audit_verify(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Recompute every case's hash chain and replay its events; exit 1 listing what does not match."""
    _django()
    from beibit.cases.audit import verify

    report = verify(getattr(args, "case", None))
    for problem in report.problems:
        out.write(f"TAMPERED {problem}\n")
    verdict = "intact" if report.intact else f"{len(report.problems)} problem(s)"
    out.write(f"audit: {report.cases} case(s), {report.events} event(s): {verdict}\n")
    return 0 if report.intact else EXIT_PROBLEMS


def _granian(bind: str, workers: int, env: dict[str, str]) -> int:
    """Become granian (exec): signals and the process id are then the server's own. One thread per worker
    process: Python runs one thread at a time per process anyway, and a lone thread is never made to wait
    for another's turn (benchmarks/api.py; docs/architecture.md)."""
    host, _, port = bind.rpartition(":")
    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host or "127.0.0.1",
        "--port",
        port,
        "--workers",
        str(workers),
        "--blocking-threads",
        "1",
        # A worker that does not stop within 5 s of Ctrl-C or SIGTERM is killed (a granian worker can
        # hang on shutdown: emmett-framework/granian#875).
        "--workers-kill-timeout",
        "5",
        "--access-log",
        "beibit.wsgi:application",
    ]
    sys.stdout.flush()
    os.execve(sys.executable, command, env)  # noqa: S606 - our own interpreter and arguments


def _server_env(demo: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    # One key for every worker, or a session signed by one worker is refused by the next.
    env.setdefault("BEIBIT_SECRET_KEY", secrets.token_hex(32))
    if demo:
        env["BEIBIT_HTTPS"] = "false"
        env["BEIBIT_SERVE_STATIC"] = "true"
    return env


def cmd_serve(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Serve the application with granian (loopback by default)."""
    out.write(f"serving on http://{args.bind}/ (API docs: http://{args.bind}/api/v1/docs)\n")
    out.flush()
    return _granian(args.bind, args.workers, _server_env(demo=False))


def _sqlite_file() -> Path | None:
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3" or str(database["NAME"]) == ":memory:":
        return None
    return Path(database["NAME"]).resolve()


def cmd_demo(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Migrate, load the registry and the demo data, print the demo logins, and serve on the loopback."""
    _django()
    from django.core.management import call_command
    from django.db import connections

    if args.reset:
        path = _sqlite_file()
        if path is None:
            out.write("--reset only removes an SQLite demo database; point BEIBIT_DATABASE_URL at one\n")
            return EXIT_BAD_INPUT
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)

    from beibit.demo import load_demo

    now = _instant(getattr(args, "at", None))
    logins = load_demo(now=now, out=out)
    base = f"http://{args.bind}"
    out.write("\nDemo accounts (password for all: " + logins.password + "):\n")
    for login in logins.accounts:
        out.write(f"  {login.role:<17} {login.settlement:<8} {login.email}\n")
    out.write(
        f"\nOpen {base}/ , the API docs at {base}/api/v1/docs , "
        f"the admin at {base}/admin/ (maslikhat editors).\n"
        f"A token for the API:\n  curl -s -X POST {base}/api/v1/auth/token "
        "-H 'Content-Type: application/json' "
        f'-d \'{{"email": "{logins.accounts[0].email}", "password": "{logins.password}"}}\'\n\n'
    )
    out.flush()
    if args.no_serve:
        return 0
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()
    return _granian(args.bind, args.workers, _server_env(demo=True))


def cmd_manage(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Pass the arguments to Django's management commands (migrate, createsuperuser, shell, ...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    from django.core.management import execute_from_command_line

    arguments = [a for a in args.arguments if a != "--"]
    try:
        execute_from_command_line(["beibit manage", *arguments])
    except SystemExit as stop:
        return int(stop.code or 0) if not isinstance(stop.code, str) else EXIT_PROBLEMS
    return 0


def add_service_commands(subparsers: Any) -> None:
    """Register `tick`, `audit verify`, `serve`, `demo` and `manage` on the `beibit` command line."""
    tick = subparsers.add_parser("tick", help="record silence, overdue and lapsed proposals that are due")
    tick.add_argument("--at", help="the instant to run as (RFC 3339 with offset); default: now")
    tick.set_defaults(run=cmd_tick)

    audit = subparsers.add_parser("audit", help="check the case event log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="recompute every hash chain; exit 1 on tampering")
    verify.add_argument("--case", type=int, action="append", help="only this case (repeatable)")
    verify.set_defaults(run=cmd_audit_verify)

    serve = subparsers.add_parser("serve", help="serve the web application and API with granian")
    serve.add_argument("--bind", default=DEFAULT_BIND)
    serve.add_argument("--workers", type=int, default=2)
    serve.set_defaults(run=cmd_serve)

    demo = subparsers.add_parser("demo", help="migrate, load the registry and demo data, then serve")
    demo.add_argument("--bind", default=DEFAULT_BIND)
    demo.add_argument("--workers", type=int, default=2)
    demo.add_argument("--reset", action="store_true", help="start from an empty SQLite database")
    demo.add_argument("--no-serve", action="store_true", help="load and print the logins only")
    demo.add_argument("--at", help="the instant the demo's story ends (RFC 3339); default: now")
    demo.set_defaults(run=cmd_demo)

    manage = subparsers.add_parser(
        "manage", help="Django management commands (migrate, createsuperuser, ...)"
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(run=cmd_manage)


def main(
    argv: Sequence[str] | None = None, stdin: IO[bytes] | None = None, out: IO[str] | None = None
) -> int:
    parser = argparse.ArgumentParser(prog="beibit", description="Beibit's case service commands")
    add_service_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.run(
        args, stdin if stdin is not None else sys.stdin.buffer, out if out is not None else sys.stdout
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
