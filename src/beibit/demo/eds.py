"""The demo's EDS: a DEMO PKI (never NCA RK's) with a signing and an AUTH key for each demo organizer, which
the demo server trusts and `beibit demo-signer` signs with (the stand-in for NCALayer)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from beibit.demo.cases import ORGANIZERS
from beibit.signatures.testpki import Holder, build_demo_pki
from beibit.signatures.trust import TrustError, read_crl

DEMO_PKI = "demo-pki"
#: The demo akimat officers' names and IINs (recorded in their accounts, so that they can sign decisions).
OFFICERS = {
    "officer.almaty@demo.beibit.kz": ("Erlan Zhanuzakov", "780416300002", "ALMATY QALASYNYN AKIMDIGI (DEMO)"),
    "officer.astana@demo.beibit.kz": ("Saule Bekova", "821102400004", "ASTANA QALASYNYN AKIMDIGI (DEMO)"),
}
DEMO_AKIMAT_BIN = "990140000000"
#: The demo maslikhat editors (they sign the registry uploads, issue 16).
EDITORS = {
    "maslikhat.almaty@demo.beibit.kz": ("Gulnar Sadykova", "790303400006", "ALMATY QALALYQ MASLIHATY (DEMO)"),
    "maslikhat.astana@demo.beibit.kz": ("Daniyar Omarov", "841125400003", "ASTANA QALALYQ MASLIHATY (DEMO)"),
}
DEMO_MASLIKHAT_BIN = "990240000000"


def demo_holders() -> dict[str, Holder]:
    """Each demo organizer in NCA RK's subject layout (the login before the @ names the keys)."""
    holders = {}
    for email, (name, iin, _born, _phone) in ORGANIZERS.items():
        first, _, last = name.partition(" ")
        holders[email.split("@")[0]] = Holder(last.upper(), first.upper(), iin, email=email)
    for email, (name, iin, akimat) in OFFICERS.items():
        first, _, last = name.partition(" ")
        holders[email.split("@")[0]] = Holder(
            last.upper(), first.upper(), iin, organization=akimat, bin=DEMO_AKIMAT_BIN, email=email
        )
    for email, (name, iin, maslikhat) in EDITORS.items():
        first, _, last = name.partition(" ")
        holders[email.split("@")[0]] = Holder(
            last.upper(), first.upper(), iin, organization=maslikhat, bin=DEMO_MASLIKHAT_BIN, email=email
        )
    return holders


def record_officer_iins() -> None:
    """Record the demo officers' and maslikhat editors' IINs in their accounts (what an administrator does
    for real staff), so that their signatures name them."""
    from beibit.cases.models import Profile

    for email, (name, iin, _office) in {**OFFICERS, **EDITORS}.items():
        Profile.objects.filter(user__email=email).update(iin=iin, full_name=name)


def _fresh(directory: Path, now: dt.datetime) -> bool:
    """The demo PKI exists and its CRLs stay current for at least two more days."""
    try:
        crls = [read_crl(p.read_bytes()) for p in sorted((directory / "trust").glob("*.crl"))]
    except (OSError, TrustError):
        return False
    if not crls or not (directory / "keys").is_dir():
        return False
    return all(
        c["tbs_cert_list"]["next_update"].native is not None
        and c["tbs_cert_list"]["next_update"].native > now + dt.timedelta(days=2)
        for c in crls
    )


def prepare_demo_pki(directory: Path, now: dt.datetime) -> Path:
    """The demo PKI, made anew when missing or when its CRLs (valid a week) are about to go stale; the demo
    signer's own TLS certificate in the same folder is kept, so a browser that accepted it keeps it."""
    if _fresh(directory, now):
        return directory
    return build_demo_pki(directory, demo_holders(), now)
