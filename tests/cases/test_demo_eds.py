"""The demo's EDS: a PKI the demo server trusts, with keys for each demo organizer, renewed before its CRLs
go stale; a signature by a demo key verifies with the demo organizer's IIN."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from beibit.demo.cases import ORGANIZERS
from beibit.demo.eds import demo_holders, prepare_demo_pki
from beibit.signatures import load_trust, verify
from beibit.signatures.testpki import read_identity, sign_cms


def test_the_demo_pki_signs_as_the_demo_organizers(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    pki = prepare_demo_pki(tmp_path / "pki", now)
    holders = demo_holders()
    assert {iin for _n, iin, _b, _p in ORGANIZERS.values()} <= {h.iin for h in holders.values()}
    assert holders["officer.almaty"].bin  # an akimat's employee key
    assert holders["maslikhat.almaty"].iin == "790303400006"  # the editor signs the registry uploads
    key = read_identity(pki / "keys", "aigerim.sign")
    result = verify(sign_cms(b"x", key), trust=load_trust(pki / "trust"), expected_iin=holders["aigerim"].iin)
    assert result.valid and result.revocation == "good"
    assert "DEMO" in result.signer.issuer if result.signer else False
    stamp = (pki / "keys" / "aigerim.sign.pem").stat().st_mtime_ns
    assert prepare_demo_pki(pki, now + dt.timedelta(days=1)) == pki
    assert (pki / "keys" / "aigerim.sign.pem").stat().st_mtime_ns == stamp  # still fresh: kept
    prepare_demo_pki(pki, now + dt.timedelta(days=6))  # CRLs about to expire: made anew
    assert (pki / "keys" / "aigerim.sign.pem").stat().st_mtime_ns != stamp
