"""A real PKI in NCA RK's layout, built once per test session (RSA keys take a moment to make)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from beibit.signatures import Trust, load_trust
from beibit.signatures.testpki import Holder, Identity, Pki

AIGERIM = Holder("TULEGENOVA", "AIGERIM", "850612300451", patronymic="SERIKQYZY", email="a@example.kz")
DIRECTOR = Holder(
    "ABENOV", "NURLAN", "900101400453", organization="DEMO QOGAMDYQ BIRLESTIK", bin="120340012345"
)
STRANGER = Holder("OTHER", "PERSON", "010203400567")


@dataclass
class Keys:
    pki: Pki
    trust_dir: Path
    individual: Identity
    individual_auth: Identity
    legal_entity: Identity
    revoked: Identity
    expired: Identity
    foreign: Identity  # issued by another root, not trusted

    def trust(self, *, crls: bool = True) -> Trust:
        if crls:
            return load_trust(self.trust_dir)
        return Trust(load_trust(self.trust_dir).anchors, load_trust(self.trust_dir).intermediates)


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    now = dt.datetime.now(dt.UTC)
    pki = Pki(now, label="TEST")
    revoked = pki.issue(STRANGER)
    pki.revoke(revoked)
    expired = pki.issue(AIGERIM, not_before=now - dt.timedelta(days=400), days=365)
    foreign = Pki(now, label="ROGUE").issue(AIGERIM)
    trust_dir = pki.write_trust(tmp_path_factory.mktemp("trust"))
    return Keys(
        pki=pki,
        trust_dir=trust_dir,
        individual=pki.issue(AIGERIM),
        individual_auth=pki.issue(AIGERIM, purpose="auth"),
        legal_entity=pki.issue(DIRECTOR),
        revoked=revoked,
        expired=expired,
        foreign=foreign,
    )
