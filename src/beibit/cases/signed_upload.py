"""The maslikhat editor's registry upload, signed with EDS (issue 16).

The editor's browser signs, through NCALayer, the exact bytes of the GeoJSON file chosen on the upload page
(the page asks the server for them, as every signed form does: `web/static/web/eds.js`). The server
verifies the CMS over the bytes it received (`beibit.signatures`: the signature, the path to the configured
NCA RK anchors, validity at the signing time, revocation by the deployment's policy, the signing key rather
than AUTH) and that the certificate names the editor (the IIN in the editor's account), as a filing's
signature must name the organizer. Refused: nothing is imported. Accepted: the CMS and the verification
result are kept in the import log's row, in the transaction of the import.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from beibit.cases.signed import (
    OFFICER_IIN_TEXT,
    REFUSALS,
    SignatureRefused,
    current_trust,
    decode_signature,
)
from beibit.registry.imports import LoggedImport, import_and_log
from beibit.registry.models import ImportVia
from beibit.signatures import ErrorCode, Verification, verify
from beibit.signatures.verify import MESSAGES, decode_cms, problem

#: Where the words of a filing's refusal do not fit a file, the upload says it its own way.
UPLOAD_REFUSALS: Mapping[ErrorCode, Any] = {
    ErrorCode.DATA_MISSING: _("The signature does not contain the file. Sign the file again."),
    ErrorCode.OTHER_DATA: _("The signature was made over another file than the one uploaded. Sign it again."),
    ErrorCode.CONTENT_ALTERED: _("The file was changed after it was signed. Sign the file again."),
    ErrorCode.IIN_MISMATCH: OFFICER_IIN_TEXT,
    ErrorCode.AUTH_KEY: _(
        "You signed with the authentication key (AUTH). Sign the file with the signing key (RSA)."
    ),
}
SIGNATURE_REQUIRED = _("Sign the file with your EDS: the registry accepts no unsigned upload (Art 8(2)).")


def refusal_text(code: ErrorCode) -> str:
    return str(UPLOAD_REFUSALS.get(code) or REFUSALS.get(code) or MESSAGES[code])


def _editor_iin(user: AbstractBaseUser) -> str | None:
    return getattr(getattr(user, "profile", None), "iin", "") or None


def check_upload_signature(
    content: bytes, signature: str | bytes, editor: AbstractBaseUser, now: dt.datetime
) -> tuple[Verification, bytes]:
    """Verify the editor's CMS over `content`; raise `SignatureRefused` with the first reason."""
    if not signature:
        raise SignatureRefused(str(SIGNATURE_REQUIRED), field="signature", code="eds_signature_required")
    raw = decode_signature(signature)
    result = verify(raw, trust=current_trust(), data=content, at=now, purpose="sign")
    problems = list(result.errors)
    iin = _editor_iin(editor)
    if result.signer is not None and (iin is None or result.signer.iin != iin):
        problems.append(problem(ErrorCode.IIN_MISMATCH))
    if result.valid and result.revocation == "not_checked" and not settings.EDS_ACCEPT_UNCHECKED_REVOCATION:
        problems.append(problem(ErrorCode.REVOCATION_NOT_CHECKED))
    if problems:
        first = problems[0].code
        raise SignatureRefused(refusal_text(first), field="signature", code=f"eds_{first.value}")
    return result, raw


def signature_record(result: Verification, raw: bytes, content: bytes) -> dict[str, Any]:
    """What the import log keeps: the CMS (base64 DER) and the verification as it was when received."""
    report = result.as_dict()
    return {
        "format": "cms-cades-bes",
        "cms": base64.b64encode(decode_cms(raw)).decode("ascii"),
        "document_sha256": hashlib.sha256(content).hexdigest(),
        "verification": {
            key: report[key]
            for key in ("signer", "signed_at", "revocation", "revocation_checked_at", "verified_at")
        },
    }


def import_signed(
    content: bytes,
    file_name: str,
    *,
    signature: str | bytes,
    editor: AbstractBaseUser,
    now: dt.datetime,
    **options: Any,
) -> LoggedImport:
    """Verify the editor's EDS over the file, then import it and log it with the signature (see
    `import_and_log` for `options`); a refused signature imports nothing."""
    result, raw = check_upload_signature(content, signature, editor, now)
    record = signature_record(result, raw, content)
    return import_and_log(
        content, file_name, user=editor, via=ImportVia.PAGE, now=now, signature=record, **options
    )
