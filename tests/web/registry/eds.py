"""The EDS keys of the registry tests: a test PKI made at the real present (the pages verify at the server's
clock), the Almaty editor's signing and AUTH keys, a stranger's, a revoked and an expired one."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import tempfile
from pathlib import Path

from beibit.signatures.testpki import Holder, Identity, Pki, sign_cms

EDITOR_IIN = "790303400006"
STRANGER_IIN = "841125400003"


class RegistryKeys:
    def __init__(self, directory: Path) -> None:
        now = dt.datetime.now(dt.UTC)
        self.pki = Pki(now, label="TEST")
        me = Holder("SADYKOVA", "GULNAR", EDITOR_IIN, organization="ALMATY MASLIHATY", bin="990240000000")
        self.editor = self.pki.issue(me, days=3650)
        self.editor_auth = self.pki.issue(me, purpose="auth", days=3650)
        self.stranger = self.pki.issue(Holder("OMAROV", "DANIYAR", STRANGER_IIN), days=3650)
        self.revoked = self.pki.issue(me, days=3650)
        self.pki.revoke(self.revoked)
        self.expired = self.pki.issue(me, not_before=now - dt.timedelta(days=400), days=365)
        self.untrusted = Pki(now, label="OTHER").issue(me, days=3650)
        self.trust_dir = self.pki.write_trust(directory / "trust")


@functools.cache
def keys() -> RegistryKeys:
    return RegistryKeys(Path(tempfile.mkdtemp(prefix="beibit-registry-eds-")))


def sign(content: bytes, who: Identity | None = None, *, attach: bool = False) -> str:
    """The CMS NCALayer returns (base64), over `content`, by the editor unless `who` is given; detached, as
    the pages ask NCALayer for it (`createCAdESFromBase64(..., attach=false)`)."""
    return base64.b64encode(sign_cms(content, who or keys().editor, attach=attach)).decode("ascii")
