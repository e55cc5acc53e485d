"""The NCALayer stand-in speaks the protocol ncalayer-js-client uses, over TLS, and its CMS verifies."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.sync.client import connect

from beibit.signatures import load_trust, verify
from beibit.signatures.testpki import Holder, build_demo_pki

HOLDER = Holder("TULEGENOVA", "AIGERIM", "850612300451")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def signer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    pki = build_demo_pki(tmp_path_factory.mktemp("pki"), {"aigerim": HOLDER}, dt.datetime.now(dt.UTC))
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "beibit.cli", "demo-signer", "--pki", str(pki), "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    banner = process.stdout.readline()
    assert "DEMO SIGNER" in banner and f"wss://127.0.0.1:{port}" in banner
    yield pki, port
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


def _tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the stand-in's certificate is self-signed, as NCALayer's is
    return context


def test_signs_as_ncalayer_answers(signer: tuple[Path, int]) -> None:
    pki, port = signer
    data = b'{"case":"1","assembly":{}}'
    with connect(f"wss://127.0.0.1:{port}", ssl=_tls()) as ws:
        hello = json.loads(ws.recv())
        assert hello["result"]["version"]
        ws.send(json.dumps({"module": "kz.digiflow.mobile.extensions", "method": "getVersion"}))
        assert json.loads(ws.recv())["code"] != "200"  # not KAZTOKEN: the client falls back to commonUtils
        request = {
            "module": "kz.gov.pki.knca.commonUtils",
            "method": "createCAdESFromBase64",
            "args": ["PKCS12", "SIGNATURE", base64.b64encode(data).decode(), False],
        }
        ws.send(json.dumps(request))
        answer = json.loads(ws.recv())
        assert answer["code"] == "200"
        request["args"][1] = "AUTHENTICATION"
        ws.send(json.dumps(request))
        auth_answer = json.loads(ws.recv())
        ws.send("{not json")
        assert json.loads(ws.recv())["code"] == "500"
        request["args"][2] = "***"
        ws.send(json.dumps(request))
        assert json.loads(ws.recv())["code"] == "500"
    trust = load_trust(pki / "trust")
    result = verify(answer["responseObject"].encode(), trust=trust, data=data, expected_iin=HOLDER.iin)
    assert result.valid, result.errors
    assert result.revocation == "good"
    auth = verify(auth_answer["responseObject"].encode(), trust=trust, data=data)
    assert auth.codes() == ["auth_key"]
