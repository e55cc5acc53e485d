"""Signing with EDS in the browser tests: a demo PKI with the test users' keys, the NCALayer stand-in
(`beibit demo-signer`: TLS WebSocket, NCALayer's protocol) run for one login, the settings that point the
pages at it, and a browser that accepts its self-signed certificate (as a user accepts NCALayer's)."""

from __future__ import annotations

import copy
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from beibit.signatures.testpki import Holder, build_demo_pki
from tests.cases.fixtures import ORGANIZER_IIN, OTHER_IIN

OFFICER_IIN = "780416300123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    holders = {
        "aigerim": Holder("TULEGENOVA", "AIGERIM", ORGANIZER_IIN, patronymic="SERIKQYZY"),
        "marat": Holder("SERIKOV", "MARAT", OTHER_IIN),
        "officer": Holder(
            "ZHANUZAKOV", "ERLAN", OFFICER_IIN, organization="ALMATY AKIMDIGI", bin="990140000123"
        ),
    }
    return build_demo_pki(tmp_path_factory.mktemp("demo-pki"), holders, dt.datetime.now(dt.UTC))


def signer(pki: Path, login: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "beibit.cli",
            "demo-signer",
            "--pki",
            str(pki),
            "--login",
            login,
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert "DEMO SIGNER" in process.stdout.readline()
    yield f"wss://127.0.0.1:{port}"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


@pytest.fixture
def eds_settings(pki: Path, settings: Any) -> Any:
    settings.EDS_TRUST_DIR = str(pki / "trust")

    def use(url: str) -> None:
        settings.EDS_NCALAYER_URL = url
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["connect-src"] = ["'self'", url, "https://127.0.0.1:24680"]
        settings.CONTENT_SECURITY_POLICY = policy

    return use


@pytest.fixture
def tls_page(browser: Any) -> Iterator[Any]:
    """A Kazakh-speaking browser that accepts the stand-in's self-signed certificate, as a user accepts
    NCALayer's; CSP violations and script errors fail the test."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="kk-KZ", ignore_https_errors=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    yield page
    context.close()
    assert failed == [], f"server errors: {failed}"
    assert [e for e in errors if "Content Security Policy" in e or "Uncaught" in e] == []
