"""`beibit signature verify`: the JSON of the issue, exit 0 valid / 1 not valid / 2 unreadable; and the
standard's own tool, `openssl cms -verify`, accepts the CMS our stand-in makes."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from beibit.cli import main
from beibit.signatures.testpki import sign_cms
from tests.signatures.conftest import AIGERIM, Keys

FILING = b'{"assembly":{"form":"meeting"},"case":"7"}'


def run(*argv: str) -> tuple[int, dict[str, object]]:
    out = io.StringIO()
    code = main(["signature", "verify", *argv], stdin=io.BytesIO(b""), out=out)
    return code, json.loads(out.getvalue())


def test_a_valid_detached_signature(keys: Keys, tmp_path: Path) -> None:
    (tmp_path / "s.cms").write_bytes(base64.b64encode(sign_cms(FILING, keys.individual, attach=False)))
    (tmp_path / "data").write_bytes(FILING)
    code, report = run(
        "--signature",
        str(tmp_path / "s.cms"),
        "--data",
        str(tmp_path / "data"),
        "--trust",
        str(keys.trust_dir),
    )
    assert code == 0
    assert report["valid"] is True
    assert report["revocation"] == "good"
    signer = report["signer"]
    assert isinstance(signer, dict)
    assert {k: signer[k] for k in ("name", "iin", "bin")} == {
        "name": "TULEGENOVA AIGERIM SERIKQYZY",
        "iin": AIGERIM.iin,
        "bin": None,
    }
    assert signer["certificate_serial"] and signer["issuer"]
    assert report["signed_at"] and report["errors"] == []


def test_not_valid_exits_1_with_the_code(keys: Keys, tmp_path: Path) -> None:
    (tmp_path / "s.der").write_bytes(sign_cms(FILING, keys.revoked))
    code, report = run("--signature", str(tmp_path / "s.der"), "--trust", str(keys.trust_dir))
    assert code == 1
    assert report["valid"] is False
    assert report["revocation"] == "revoked"
    assert [e["code"] for e in report["errors"]] == ["revoked"]  # type: ignore[attr-defined,index]


def test_crl_files_given_on_the_command_line(keys: Keys, tmp_path: Path) -> None:
    trust = tmp_path / "anchors"
    trust.mkdir()
    shutil.copy(keys.trust_dir / "root.pem", trust)
    shutil.copy(keys.trust_dir / "intermediate.pem", trust)
    (tmp_path / "s.der").write_bytes(sign_cms(FILING, keys.revoked))
    code, report = run("--signature", str(tmp_path / "s.der"), "--trust", str(trust))
    assert (code, report["revocation"]) == (0, "not_checked")
    crls = [str(keys.trust_dir / "ca-0.crl"), str(keys.trust_dir / "ca-1.crl")]
    code, report = run(
        "--signature", str(tmp_path / "s.der"), "--trust", str(trust), "--crl", crls[0], "--crl", crls[1]
    )
    assert (code, report["revocation"]) == (1, "revoked")


def test_unreadable_input_exits_2(keys: Keys, tmp_path: Path) -> None:
    (tmp_path / "junk").write_bytes(b"not a signature at all")
    assert run("--signature", str(tmp_path / "junk"), "--trust", str(keys.trust_dir))[0] == 2
    assert run("--signature", str(tmp_path / "missing"), "--trust", str(keys.trust_dir))[0] == 2
    (tmp_path / "d.der").write_bytes(sign_cms(FILING, keys.individual, attach=False))
    code, report = run("--signature", str(tmp_path / "d.der"), "--trust", str(keys.trust_dir))
    assert code == 2
    assert [e["code"] for e in report["errors"]] == ["data_missing"]  # type: ignore[attr-defined,index]
    assert run("--signature", str(tmp_path / "d.der"), "--at", "2026-12-01T10:00")[0] == 2  # no offset


def test_at_a_past_moment(keys: Keys, tmp_path: Path) -> None:
    (tmp_path / "s.der").write_bytes(sign_cms(FILING, keys.individual))
    code, report = run(
        "--signature",
        str(tmp_path / "s.der"),
        "--trust",
        str(keys.trust_dir),
        "--at",
        "2001-01-01T00:00:00+05:00",
    )
    assert code == 1
    assert "not_yet_valid" in [e["code"] for e in report["errors"]]  # type: ignore[attr-defined,index]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
@pytest.mark.parametrize("attach", [True, False])
def test_openssl_verifies_our_cms(keys: Keys, tmp_path: Path, attach: bool) -> None:
    (tmp_path / "s.der").write_bytes(sign_cms(FILING, keys.individual, attach=attach))
    (tmp_path / "data").write_bytes(FILING)
    command = ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(tmp_path / "s.der")]
    command += ["-CAfile", str(keys.trust_dir / "root.pem"), "-out", str(tmp_path / "out")]
    if not attach:
        command += ["-content", str(tmp_path / "data")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Verification successful" in done.stderr
    assert (tmp_path / "out").read_bytes() == FILING
    # and openssl refuses it under another root, so the check above is not vacuous
    other = tmp_path / "other.pem"
    other.write_bytes(
        keys.foreign.chain[-1].public_bytes(
            __import__("cryptography.hazmat.primitives.serialization", fromlist=["Encoding"]).Encoding.PEM
        )
    )
    command[command.index("-CAfile") + 1] = str(other)
    assert subprocess.run(command, capture_output=True, check=False).returncode != 0
