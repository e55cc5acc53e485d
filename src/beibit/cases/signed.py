"""Filings with legal force: the organizer's electronic digital signature (EDS) over the filing.

Art 10(1) and 12(1) accept a notification or application as an electronic document certified with an EDS.
The organizer's browser signs, through NCALayer, exactly the bytes `filing_document` returns — the canonical
JSON of the filing as the `submitted` event stores it, with the case number (the receipt time is the
server's and is not part of it). The server verifies the CMS (`beibit.signatures`) before anything is
filed: the signature over those bytes, the certificate's path to the configured NCA RK anchors, its
validity, its revocation (by the deployment's policy) and its key usage (the signing key, not AUTH); and
that the certificate names the filer (the IIN of an organizer or of the representative; for a legal entity
its BIN). Refused: nothing is filed. Accepted: the CMS and the verification result go into the `submitted`
event, hash-chained with everything else.
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
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beibit.cases import workflow as wf
from beibit.cases.actions import answer as answer_actions
from beibit.cases.actions import decision as decision_actions
from beibit.cases.actions import filing as filing_actions
from beibit.cases.actors import Actor, actor_of
from beibit.cases.chain import canonical_json
from beibit.cases.errors import InvalidTransition, NotFound, RuleViolation
from beibit.cases.inputs import DecisionInput
from beibit.cases.log import sealed
from beibit.cases.models import Case, CaseEvent, Role
from beibit.documents.seal import Stamp
from beibit.law.model import PlannedAssembly
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


def _document(case_id: int, filed: Mapping[str, Any]) -> bytes:
    """The bytes the organizer signs: the filing as stored, without the receipt time, with the case number."""
    content = {key: value for key, value in filed.items() if key != "submitted_at"}
    return canonical_json({"case": str(case_id), "assembly": content}).encode("ascii")


def _filed(case: Case) -> dict[str, Any]:
    """The draft as `actions.filing.submit` will store it (without the receipt time it adds)."""
    data = case.draft
    data.pop("submitted_at", None)
    data.setdefault("channel", "e_document")
    filed: dict[str, Any] = PlannedAssembly.model_validate(data).model_dump(mode="json", exclude_unset=True)
    return filed


def filing_document(case: Case) -> bytes:
    """What `actions.filing.submit` will store for this draft, as the bytes to sign."""
    return _document(case.pk, _filed(case))


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


def refusal_text(code: ErrorCode) -> str:
    return str(REFUSALS.get(code, MESSAGES[code]))


def decode_signature(text: str | bytes) -> bytes:
    """The CMS as the browser or API client sent it (base64, as NCALayer returns it; or PEM/DER)."""
    raw = text.encode("ascii", "replace") if isinstance(text, str) else text
    if not raw.strip() or len(raw) > MAX_SIGNATURE_CHARS:
        raise SignatureRefused(refusal_text(ErrorCode.NOT_CMS), field="signature", code="eds_not_cms")
    return raw


def check_filing_signature(case: Case, signature: bytes, now: dt.datetime) -> tuple[Verification, bytes]:
    """Verify `signature` over this draft's filing; raise `SignatureRefused` with the first reason."""
    filed = _filed(case)
    document = _document(case.pk, filed)
    result = verify(signature, trust=current_trust(), data=document, at=now, purpose="sign")
    problems = [*result.errors, *identity_problems(result, filed)]
    if result.valid and result.revocation == "not_checked" and not settings.EDS_ACCEPT_UNCHECKED_REVOCATION:
        problems.append(problem(ErrorCode.REVOCATION_NOT_CHECKED))
    if problems:
        first = problems[0].code
        raise SignatureRefused(refusal_text(first), field="signature", code=f"eds_{first.value}")
    return result, document


def _record(
    result: Verification,
    signature: bytes,
    document: bytes,
    publish_name: bool,
    *,
    keep_document: bool = False,
) -> dict[str, Any]:
    report = result.as_dict()
    der = base64.b64encode(_der(signature)).decode("ascii")
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


def _der(signature: bytes) -> bytes:
    return decode_cms(signature)


def submit_signed(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    signature: str | bytes,
    now: dt.datetime,
    publish_name: bool = False,
    key: str | None = None,
) -> Case:
    """File the draft signed with the organizer's EDS: verified first (outside the case's lock: CRL and
    OCSP may take a moment), then filed; under the lock the filing must still be the bytes signed."""
    raw = decode_signature(signature)
    actor = organizer if isinstance(organizer, Actor) else actor_of(organizer, Role.ORGANIZER)
    try:
        case = Case.objects.get(pk=case_id, organizer_id=actor.user_id)
    except Case.DoesNotExist:
        raise NotFound(str(_("No such case."))) from None
    if case.status != wf.DRAFT:
        raise InvalidTransition(str(_("This case is already submitted.")))
    result, document = check_filing_signature(case, raw, now)
    record = _record(result, raw, document, publish_name)

    def seal(locked: Case, payload: dict[str, Any]) -> dict[str, Any]:
        if _document(locked.pk, payload["assembly"]) != document:
            raise SignatureRefused(
                str(_("The filing changed after you signed it: check it and sign again.")),
                field="signature",
                code="eds_document_changed",
            )
        return record

    with sealed("submitted", seal):
        return filing_actions.submit(case_id, actor, now=now, key=key)


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
    document = base64.b64decode(kept) if kept else _document(stored.case_id, event.payload["assembly"])
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


# --- the officer's decision, signed ----------------------------------------------------------------------


def decision_document(case: Case, decision: DecisionInput) -> bytes:
    """The bytes the officer signs: the decision as entered (Art 11(1), 13(1)) with the case number."""
    proposal = None
    if decision.proposal is not None:
        p = decision.proposal
        proposal = {
            "place_id": p.place_id,
            "address": p.address,
            "point": list(p.point) if p.point is not None else None,
            "starts_at": p.starts_at.isoformat() if p.starts_at is not None else None,
            "ends_at": p.ends_at.isoformat() if p.ends_at is not None else None,
            "note": p.note.strip(),
        }
    act = {
        "decision": decision.decision,
        "grounds": list(decision.grounds),
        "reasons": decision.reasons.strip(),
        "proposal": proposal,
    }
    return canonical_json({"case": str(case.pk), "act": "decision", "decision": act}).encode("ascii")


def _officer_case(case_id: int, actor: Actor) -> Case:
    case = Case.objects.filter(pk=case_id, settlement=actor.settlement).exclude(status=wf.DRAFT).first()
    if case is None:
        raise NotFound(str(_("No such case.")))
    return case


def record_signed_decision(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    decision: DecisionInput,
    *,
    signature: str | bytes,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Record the akimat's decision signed with the officer's EDS: the certificate must name the officer
    (the IIN in the officer's account); verified before the decision is recorded."""
    raw = decode_signature(signature)
    actor = officer if isinstance(officer, Actor) else actor_of(officer, Role.OFFICER)
    case = _officer_case(case_id, actor)
    document = decision_document(case, decision)
    result = verify(raw, trust=current_trust(), data=document, at=now, purpose="sign")
    iin = getattr(getattr(actor.user, "profile", None), "iin", "") or None
    problems = list(result.errors)
    if result.signer is not None and (iin is None or result.signer.iin != iin):
        problems.append(problem(ErrorCode.IIN_MISMATCH))
    if result.valid and result.revocation == "not_checked" and not settings.EDS_ACCEPT_UNCHECKED_REVOCATION:
        problems.append(problem(ErrorCode.REVOCATION_NOT_CHECKED))
    if problems:
        first = problems[0].code
        text = OFFICER_IIN_TEXT if first is ErrorCode.IIN_MISMATCH else REFUSALS.get(first, MESSAGES[first])
        raise SignatureRefused(str(text), field="signature", code=f"eds_{first.value}")
    # An official signs in office: the name is part of the public act.
    record = _record(result, raw, document, True, keep_document=True)

    def seal(locked: Case, payload: dict[str, Any]) -> dict[str, Any]:
        if payload["decision"] != decision.decision or payload["reasons"] != decision.reasons.strip():
            raise SignatureRefused(
                str(_("The decision changed after you signed it: sign it again.")),
                field="signature",
                code="eds_document_changed",
            )
        return record

    with sealed("decision_recorded", seal):
        return decision_actions.record_decision(case_id, actor, decision, now=now, key=key)


OFFICER_IIN_TEXT = _(
    "The IIN in the certificate is not the IIN of your account. Sign with your own key; an administrator"
    " records your IIN in your account."
)


# --- the organizer's answer to a proposal and withdrawal, signed ------------------------------------------


def _filed_of(case: Case) -> dict[str, Any]:
    event = CaseEvent.objects.filter(case=case, kind="submitted").first()
    if event is None:
        raise InvalidTransition(str(_("There is no filing in this case.")))
    filed: dict[str, Any] = event.payload["assembly"]
    return filed


def answer_document(case: Case, agree: bool) -> bytes:
    """The bytes the organizer signs to answer the akimat's proposal (Art 11(3), 13(3)): the answer and
    the proposal it answers."""
    pending = case.state.proposal
    proposal = dict(pending.new_plan) if pending is not None else None
    act = {"agree": agree, "proposal": proposal}
    return canonical_json({"case": str(case.pk), "act": "proposal_answer", "answer": act}).encode("ascii")


def withdrawal_document(case: Case, reason: str) -> bytes:
    """The bytes the organizer signs to call the assembly off (Art 5(2))."""
    act = {"reason": reason.strip()}
    return canonical_json({"case": str(case.pk), "act": "withdrawal", "withdrawal": act}).encode("ascii")


def _organizer_case(case_id: int, actor: Actor) -> Case:
    case = Case.objects.filter(pk=case_id, organizer_id=actor.user_id).exclude(status=wf.DRAFT).first()
    if case is None:
        raise NotFound(str(_("No such case.")))
    return case


def _check_organizer_act(case: Case, raw: bytes, document: bytes, now: dt.datetime) -> dict[str, Any]:
    result = verify(raw, trust=current_trust(), data=document, at=now, purpose="sign")
    problems = [*result.errors, *identity_problems(result, _filed_of(case))]
    if result.valid and result.revocation == "not_checked" and not settings.EDS_ACCEPT_UNCHECKED_REVOCATION:
        problems.append(problem(ErrorCode.REVOCATION_NOT_CHECKED))
    if problems:
        first = problems[0].code
        raise SignatureRefused(refusal_text(first), field="signature", code=f"eds_{first.value}")
    # Publishing the name follows the consent given when the filing was signed.
    consent = any(s.publish_name for s in case_signatures(case) if s.event_kind == "submitted")
    return _record(result, raw, document, consent, keep_document=True)


def _unchanged(expected: bytes, rebuild: bytes) -> None:
    if rebuild != expected:
        raise SignatureRefused(
            str(_("The case changed after you signed: check it and sign again.")),
            field="signature",
            code="eds_document_changed",
        )


def answer_proposal_signed(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    agree: bool,
    signature: str | bytes,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    raw = decode_signature(signature)
    actor = organizer if isinstance(organizer, Actor) else actor_of(organizer, Role.ORGANIZER)
    case = _organizer_case(case_id, actor)
    document = answer_document(case, agree)
    record = _check_organizer_act(case, raw, document, now)

    def seal(locked: Case, payload: dict[str, Any]) -> dict[str, Any]:
        _unchanged(document, answer_document(locked, agree))
        return record

    with sealed("proposal_answered", seal):
        return answer_actions.answer_proposal(case_id, actor, agree=agree, now=now, key=key)


def withdraw_signed(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    reason: str,
    signature: str | bytes,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    raw = decode_signature(signature)
    actor = organizer if isinstance(organizer, Actor) else actor_of(organizer, Role.ORGANIZER)
    case = _organizer_case(case_id, actor)
    document = withdrawal_document(case, reason)
    record = _check_organizer_act(case, raw, document, now)

    def seal(locked: Case, payload: dict[str, Any]) -> dict[str, Any]:
        _unchanged(document, withdrawal_document(locked, reason))
        return record

    with sealed("withdrawn", seal):
        return filing_actions.withdraw(case_id, actor, reason=reason, now=now, key=key)


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
