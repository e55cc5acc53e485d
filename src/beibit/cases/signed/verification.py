"""Verifying an EDS over a case's act, and reading stored ones back.

The browser signs, through NCALayer, exactly the bytes an act's `*_document` function returns (canonical
JSON of the act with the case number). The server verifies the CMS (`beibit.signatures`) before the act is
recorded: the signature over those bytes, the certificate's path to the configured NCA RK anchors, its
validity, its revocation (by the deployment's policy) and its key usage (the signing key, not AUTH); and
that the certificate names who must sign (`identity_problems` for the organizer's acts; the officer's own
IIN for the akimat's). Refused: nothing is recorded. Accepted: the CMS and the verification result go into
the act's event (`record`), hash-chained with everything else.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beibit.cases.chain import canonical_json
from beibit.cases.errors import RuleViolation
from beibit.cases.models import Case, CaseEvent
from beibit.documents.seal import Stamp
from beibit.signatures import ErrorCode, Problem, Trust, Verification, load_trust, verify
from beibit.signatures.verify import MESSAGES, decode_cms, problem

MAX_SIGNATURE_CHARS = 256 * 1024

#: What the organizer reads when a signature is refused (the codes are `beibit.signatures.ErrorCode`).
REFUSALS: Mapping[ErrorCode, Any] = {
    ErrorCode.NOT_CMS: _("This is not a signature NCALayer made. Sign again."),
    ErrorCode.DATA_MISSING: _("The signature does not contain the filing. Sign again."),
    ErrorCode.NO_SIGNER: _("The signature names no signer. Sign again."),
    ErrorCode.SEVERAL_SIGNERS: _("The filing must be signed by one person, once."),
    ErrorCode.CERTIFICATE_MISSING: _("The signature does not carry its certificate. Sign again."),
    ErrorCode.UNSUPPORTED_KEY_TYPE: _(
        "This key type (GOST) is not yet supported: sign with your RSA key or file on paper."
    ),
    ErrorCode.UNSUPPORTED_ALGORITHM: _("The signature uses an algorithm Beibit does not accept."),
    ErrorCode.CONTENT_ALTERED: _("The signed text was changed after signing."),
    ErrorCode.OTHER_DATA: _("The signature was made over another text than this filing. Sign again."),
    ErrorCode.SIGNATURE_INVALID: _("The signature does not match the certificate's key."),
    ErrorCode.SIGNED_ATTRIBUTES_MISSING: _(
        "The signature lacks the attributes of CAdES-BES. Sign with NCALayer."
    ),
    ErrorCode.SIGNING_CERTIFICATE_MISMATCH: _(
        "The signature names another certificate than the one it carries."
    ),
    ErrorCode.SIGNING_TIME_IN_FUTURE: _("The signing time lies in the future: check your computer's clock."),
    ErrorCode.UNTRUSTED: _("The certificate was not issued by the National Certification Authority."),
    ErrorCode.EXPIRED: _("Your certificate has expired: renew it at the National Certification Authority."),
    ErrorCode.NOT_YET_VALID: _("Your certificate is not yet valid."),
    ErrorCode.REVOKED: _("Your certificate has been revoked."),
    ErrorCode.AUTH_KEY: _(
        "You signed with the authentication key (AUTH). Sign the filing with the signing key (RSA)."
    ),
    ErrorCode.NOT_AUTH_KEY: _("Sign in with the authentication key (AUTH)."),
    ErrorCode.IIN_MISMATCH: _(
        "The IIN in the certificate is not the IIN of an organizer or of the representative in this filing."
    ),
    ErrorCode.BIN_MISMATCH: _("The BIN in the certificate is not the BIN of the organizing legal entity."),
    ErrorCode.REVOCATION_NOT_CHECKED: _(
        "Whether your certificate is revoked cannot be checked right now. Try again later or file on paper."
    ),
}


class SignatureRefused(RuleViolation):
    """The signature is not accepted: nothing is filed."""

    code = "signature_refused"


def eds_enabled() -> bool:
    """Signing with EDS is offered only where the deployment configured what to trust."""
    return bool(settings.EDS_TRUST_DIR)


_trust_lock = threading.Lock()
_trust_cache: dict[tuple[object, ...], Trust] = {}


def current_trust() -> Trust:
    """The configured trust, read again when a file in the trust directory changes (a cron job may
    replace the cached CRLs)."""
    directory = Path(settings.EDS_TRUST_DIR) if settings.EDS_TRUST_DIR else None
    stamp: tuple[object, ...] = (
        str(directory),
        tuple((p.name, p.stat().st_mtime_ns) for p in sorted(directory.iterdir())) if directory else (),
        tuple(settings.EDS_CRL_URLS),
        settings.EDS_FETCH_REVOCATION,
    )
    with _trust_lock:
        trust = _trust_cache.get(stamp)
        if trust is None:
            _trust_cache.clear()
            trust = load_trust(directory, crl_urls=settings.EDS_CRL_URLS, fetch=settings.EDS_FETCH_REVOCATION)
            _trust_cache[stamp] = trust
        return trust


def filed_document(case_id: int, filed: Mapping[str, Any]) -> bytes:
    """The bytes the organizer signs: the filing as stored, without the receipt time, with the case number."""
    content = {key: value for key, value in filed.items() if key != "submitted_at"}
    return canonical_json({"case": str(case_id), "assembly": content}).encode("ascii")


def _filers(filed: Mapping[str, Any]) -> tuple[set[str], str | None, str | None]:
    """The IINs that may sign (the organizers, the representative), the legal entity's BIN and the
    representative's IIN."""
    organizer = filed.get("organizer") or {}
    iins = {p["iin"] for p in organizer.get("persons") or [] if p.get("iin")}
    representative = (organizer.get("representative") or {}).get("iin")
    if representative:
        iins.add(representative)
    entity_bin = (organizer.get("legal_entity") or {}).get("bin")
    return iins, entity_bin or None, representative or None


def identity_problems(result: Verification, filed: Mapping[str, Any]) -> list[Problem]:
    """The certificate must name the filer: for a legal entity its BIN (and, when the filing names a
    representative, the representative's IIN); for citizens the IIN of one of the organizers or of the
    representative."""
    signer = result.signer
    if signer is None:
        return []
    iins, entity_bin, representative = _filers(filed)
    found: list[Problem] = []
    if entity_bin is not None:
        if signer.bin != entity_bin:
            found.append(problem(ErrorCode.BIN_MISMATCH))
        if representative is not None and signer.iin != representative:
            found.append(problem(ErrorCode.IIN_MISMATCH))
    elif signer.iin is None or signer.iin not in iins:
        found.append(problem(ErrorCode.IIN_MISMATCH))
    return found


def changed(what: str) -> SignatureRefused:
    """The act changed between signing and recording (another tab, another officer): sign again."""
    return SignatureRefused(what, field="signature", code="eds_document_changed")


def refusal_text(code: ErrorCode) -> str:
    return str(REFUSALS.get(code, MESSAGES[code]))


def decode_signature(text: str | bytes) -> bytes:
    """The CMS as the browser or API client sent it (base64, as NCALayer returns it; or PEM/DER)."""
    raw = text.encode("ascii", "replace") if isinstance(text, str) else text
    if not raw.strip() or len(raw) > MAX_SIGNATURE_CHARS:
        raise SignatureRefused(refusal_text(ErrorCode.NOT_CMS), field="signature", code="eds_not_cms")
    return raw


def checked(
    raw: bytes,
    document: bytes,
    now: dt.datetime,
    identity: Callable[[Verification], list[Problem]],
    texts: Mapping[ErrorCode, Any] = REFUSALS,
) -> Verification:
    """Verify `raw` as a signature (the signing key, not AUTH) over `document` at `now`, with the signer named
    as `identity` requires and the deployment's revocation policy; raise `SignatureRefused` with the first
    reason (in the words of `texts`, else the verifier's own)."""
    result = verify(raw, trust=current_trust(), data=document, at=now, purpose="sign")
    problems = [*result.errors, *(identity(result) if result.signer is not None else [])]
    if result.valid and result.revocation == "not_checked" and not settings.EDS_ACCEPT_UNCHECKED_REVOCATION:
        problems.append(problem(ErrorCode.REVOCATION_NOT_CHECKED))
    if problems:
        first = problems[0].code
        raise SignatureRefused(
            str(texts.get(first, MESSAGES[first])), field="signature", code=f"eds_{first.value}"
        )
    return result


def record(
    result: Verification,
    signature: bytes,
    document: bytes,
    publish_name: bool,
    *,
    keep_document: bool = False,
) -> dict[str, Any]:
    """What the act's event stores under "signature": the CMS (DER), the SHA-256 of the bytes signed (and
    the bytes themselves where the event's payload cannot rebuild them) and the verification's result."""
    report = result.as_dict()
    der = base64.b64encode(decode_cms(signature)).decode("ascii")
    kept = {"document": base64.b64encode(document).decode("ascii")} if keep_document else {}
    return {
        **kept,
        "format": "cms-cades-bes",
        "cms": der,
        "document_sha256": hashlib.sha256(document).hexdigest(),
        "verification": {
            key: report[key]
            for key in ("signer", "signed_at", "revocation", "revocation_checked_at", "verified_at")
        },
        "publish_name": publish_name,
    }


# --- reading what was signed ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredSignature:
    """An EDS as recorded in a case's event, with the verification done when it was received."""

    case_id: int
    event_seq: int
    event_hash: str
    event_kind: str
    cms_der: bytes
    document_sha256: str
    signer_name: str
    iin: str | None
    bin: str | None
    organization: str | None
    certificate_serial: str
    issuer: str
    signed_at: dt.datetime | None
    verified_at: dt.datetime
    revocation: str
    revocation_checked_at: dt.datetime | None
    publish_name: bool


def _moment(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else None


def stored_signature(event: CaseEvent) -> StoredSignature | None:
    record = event.payload.get("signature")
    if not isinstance(record, dict):
        return None
    verification = record["verification"]
    signer = verification["signer"]
    verified_at = _moment(verification["verified_at"])
    assert verified_at is not None
    return StoredSignature(
        case_id=event.case_id,
        event_seq=event.seq,
        event_hash=event.hash,
        event_kind=event.kind,
        cms_der=base64.b64decode(record["cms"]),
        document_sha256=record["document_sha256"],
        signer_name=signer["name"],
        iin=signer.get("iin"),
        bin=signer.get("bin"),
        organization=signer.get("organization"),
        certificate_serial=signer["certificate_serial"],
        issuer=signer["issuer"],
        signed_at=_moment(verification.get("signed_at")),
        verified_at=verified_at,
        revocation=verification["revocation"],
        revocation_checked_at=_moment(verification.get("revocation_checked_at")),
        publish_name=bool(record.get("publish_name")),
    )


def case_signatures(case: Case) -> list[StoredSignature]:
    """Every EDS recorded in the case, in the order of its events."""
    found = []
    for event in CaseEvent.objects.filter(case=case, payload_json__contains='"signature":').order_by("seq"):
        stored = stored_signature(event)
        if stored is not None:
            found.append(stored)
    return found


def signature_by_hash(event_hash: str) -> StoredSignature | None:
    """The signature recorded in the event with this hash (the id of the public verification page)."""
    if len(event_hash) != 64 or any(c not in "0123456789abcdef" for c in event_hash):
        return None
    event = CaseEvent.objects.filter(hash=event_hash).first()
    return stored_signature(event) if event is not None else None


def signed_document_of(stored: StoredSignature) -> bytes:
    """The bytes the signature covers: kept in the record (a decision), or rebuilt from the stored filing;
    either way checked against the SHA-256 recorded with the signature."""
    event = CaseEvent.objects.get(case_id=stored.case_id, seq=stored.event_seq)
    kept = event.payload["signature"].get("document")
    document = base64.b64decode(kept) if kept else filed_document(stored.case_id, event.payload["assembly"])
    if hashlib.sha256(document).hexdigest() != stored.document_sha256:
        raise ValueError("the stored filing does not rebuild the signed document")
    return document


def ncalayer_url() -> str:
    return str(settings.EDS_NCALAYER_URL)


def verification_path(stored: StoredSignature) -> str:
    return reverse("public:signature", args=[stored.event_hash])


def signature_view(stored: StoredSignature, request: Any) -> dict[str, Any]:
    """A signature as the API shows it to the case's own organizer or akimat (with the IIN)."""
    return {
        "event_seq": stored.event_seq,
        "signer_name": stored.signer_name,
        "iin": stored.iin,
        "bin": stored.bin,
        "certificate_serial": stored.certificate_serial,
        "issuer": stored.issuer,
        "signed_at": stored.signed_at.isoformat() if stored.signed_at else None,
        "verified_at": stored.verified_at.isoformat(),
        "revocation": stored.revocation,
        "revocation_checked_at": stored.revocation_checked_at.isoformat()
        if stored.revocation_checked_at
        else None,
        "verification_url": request.build_absolute_uri(verification_path(stored)),
    }


# --- what the papers print ----------------------------------------------------------------------------------


def issuer_name(rfc4514: str) -> str:
    """The issuing authority's common name, out of its distinguished name."""
    try:
        name = x509.Name.from_rfc4514_string(rfc4514)
        common = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        return str(common[0].value) if common else rfc4514
    except ValueError:
        return rfc4514


def _stamp(s: StoredSignature, link: Callable[[str], str]) -> Stamp:
    return Stamp(
        name=s.signer_name,
        iin=s.iin,
        bin=s.bin,
        certificate_serial=s.certificate_serial,
        issuer=issuer_name(s.issuer),
        signed_at=s.signed_at,
        verified_at=s.verified_at,
        revocation=s.revocation,
        revocation_checked_at=s.revocation_checked_at,
        url=link(verification_path(s)),
    )


def paper_seals(
    case: Case, link: Callable[[str], str]
) -> tuple[list[Stamp], list[Stamp], tuple[str, str] | None]:
    """What the PDFs print about signatures: the filing's EDS stamps; the latest decision's, if signed;
    and — a filing made without EDS — its case number with the address of its public register page (both
    printed with a QR code). `link` makes a path an absolute address."""
    if case.submitted_at is None:
        return [], [], None
    signatures = case_signatures(case)
    filing = [_stamp(s, link) for s in signatures if s.event_kind == "submitted"]
    last = CaseEvent.objects.filter(case=case, kind="decision_recorded").order_by("-seq").first()
    latest = stored_signature(last) if last is not None else None
    decision = [_stamp(latest, link)] if latest is not None else []
    paper = None if filing else (str(case.pk), link(reverse("public:case", args=[case.pk])))
    return filing, decision, paper


def appeal_stamps(case: Case, link: Callable[[str], str]) -> list[Stamp]:
    """The organizer's EDS over the latest appeal, if it was signed (printed on the appeal's PDF)."""
    last = CaseEvent.objects.filter(case=case, kind="appealed").order_by("-seq").first()
    latest = stored_signature(last) if last is not None else None
    return [_stamp(latest, link)] if latest is not None else []
