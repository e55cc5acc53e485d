"""The demo data: every status at least once, the two stories the issue asks for, an intact log; loadable on
any day of the year (weekends and holidays included); never loaded twice."""

from __future__ import annotations

import argparse
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model

from beibit.cases import workflow as wf
from beibit.cases.audit import verify
from beibit.cases.models import Case, CaseEvent
from beibit.demo import load_demo
from beibit.demo.cases import ACCOUNTS
from beibit.service_cli import cmd_demo
from tests.cases.fixtures import at

EVERY_STATUS = set(wf.STATUSES) - {wf.SUBMITTED}  # SUBMITTED lasts only inside `submit`


@pytest.mark.parametrize(
    "now",
    [
        at(2026, 11, 28, 12),
        at(2026, 3, 25, 9),
        at(2026, 12, 17, 23, 30),
        at(2026, 6, 1, 0, 5),
        at(2026, 5, 11, 14),
    ],
    ids=["saturday", "nauryz", "late-evening", "just-after-midnight", "victory-day-observed"],
)
def test_the_demo_has_every_status_and_an_intact_log(db: None, now: dt.datetime) -> None:
    logins = load_demo(now=now, out=io.StringIO())
    assert logins.cases == 17
    assert {c.status for c in Case.objects.all()} == EVERY_STATUS
    assert verify().intact
    roles = {(a.role, a.settlement) for a in ACCOUNTS}
    assert roles == {
        (r, s) for r in ("organizer", "officer", "maslikhat_editor") for s in ("almaty", "astana")
    } | {("monitor", "")}  # a monitor records assemblies in any settlement

    silent = Case.objects.filter(status=wf.DEEMED_AGREED, settlement="almaty").get()
    assert CaseEvent.objects.filter(case=silent, kind="deemed_agreed").exists()
    refused = [
        c
        for c in Case.objects.filter(status=wf.REFUSED)
        if wf.latest_decision(c.state).document["grounds"] == ["14.1.10"]
    ]  # type: ignore[union-attr]
    assert len(refused) == 1 and refused[0].state_document["proposal"]["answer"] == "disagree"


def test_the_demo_is_loaded_once(db: None) -> None:
    load_demo(now=at(2026, 11, 28, 12), out=io.StringIO())
    out = io.StringIO()
    assert load_demo(now=at(2026, 11, 29, 12), out=out).cases == 0
    assert "already present" in out.getvalue()
    assert get_user_model().objects.count() == len(ACCOUNTS)


def test_beibit_demo_without_serving_prints_the_logins(db: None) -> None:
    out = io.StringIO()
    args = argparse.Namespace(
        reset=False, no_serve=True, at="2026-11-28T12:00:00+05:00", bind="127.0.0.1:8000", workers=1
    )
    assert cmd_demo(args, io.BytesIO(), out) == 0
    text = out.getvalue()
    for login in ACCOUNTS:
        assert login.email in text
    assert "beibit-demo-2026" in text and "http://127.0.0.1:8000/api/v1/docs" in text


def test_the_demo_ends_with_the_logins_and_the_address(db: None) -> None:
    """Issue 15: what a person needs to start (the logins, then the address to open) is printed last."""
    out = io.StringIO()
    args = argparse.Namespace(
        reset=False, no_serve=True, at="2026-11-28T12:00:00+05:00", bind="127.0.0.1:8123", workers=1
    )
    assert cmd_demo(args, io.BytesIO(), out) == 0
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    assert lines[-1].startswith("Open http://127.0.0.1:8123/")
    emails = [line.split()[-1] for line in lines[-1 - len(ACCOUNTS) : -1]]
    assert emails == [login.email for login in ACCOUNTS]
    assert lines[-2 - len(ACCOUNTS)].startswith("Demo accounts")


def test_beibit_demo_help_documents_the_address_and_port() -> None:
    import contextlib

    from beibit.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["demo", "--help"])
    text = " ".join(out.getvalue().split())
    assert "--bind HOST:PORT" in text and "127.0.0.1:8000" in text and "port" in text
