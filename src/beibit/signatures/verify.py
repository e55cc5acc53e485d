"""Verify one CMS signature (CAdES-BES, attached or detached, as NCALayer returns it).

The structure is read by asn1crypto, the signature checked by pyca/cryptography (through
pyhanko-certvalidator's signature validator), and the signing certificate's path to a trust anchor,
its validity and its revocation by pyhanko-certvalidator. Nothing is parsed by hand. Every failed check
adds its own error code; a signature is valid only when none failed.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
import hashlib
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asn1crypto import cms, parser, pem
from asn1crypto import tsp as _tsp  # noqa: F401  # registers the ESS signing-certificate(-v2) attributes
from asn1crypto import x509 as asn1_x509
from cryptography.exceptions import InvalidSignature
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors as cv_errors
from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator, SignatureValidationContext

from beibit.signatures.model import ErrorCode, Problem, Purpose, Revocation, Signer, Verification
from beibit.signatures.subject import signer_of
from beibit.signatures.trust import Trust

RSA_OID = "1.2.840.113549.1.1.1"
#: Kazakhstan's GOST 34.310 keys and hashes (KNCA's arc), and the GOST R 34.10/34.11 arc they derive from.
GOST_ARCS = ("1.2.398.3.10.", "1.2.643.")
DIGESTS = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}
#: How far a signing time may lie ahead of the verifying clock (clocks of a signer's computer drift).
CLOCK_SKEW = dt.timedelta(minutes=5)
MAX_SIGNATURE_BYTES = 1024 * 1024

MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.NOT_CMS: "The signature is not a CMS (PKCS #7) signed-data structure.",
    ErrorCode.DATA_MISSING: "The signature is detached and no signed data was given.",
    ErrorCode.NO_SIGNER: "The CMS carries no signer.",
    ErrorCode.SEVERAL_SIGNERS: "The CMS carries several signers; one is expected.",
    ErrorCode.CERTIFICATE_MISSING: "The signer's certificate is not in the CMS.",
    ErrorCode.UNSUPPORTED_KEY_TYPE: (
        "This key type is not yet supported: sign with your RSA key or file on paper."
    ),
    ErrorCode.UNSUPPORTED_ALGORITHM: "The signature uses an algorithm that is not accepted.",
    ErrorCode.CONTENT_ALTERED: "The signed content was changed after signing.",
    ErrorCode.OTHER_DATA: "The signature was made over other data than the document.",
    ErrorCode.SIGNATURE_INVALID: "The signature value does not match the signer's key.",
    ErrorCode.SIGNED_ATTRIBUTES_MISSING: "The CMS has no signed attributes (CAdES-BES needs them).",
    ErrorCode.SIGNING_CERTIFICATE_MISMATCH: "The signed attributes name another certificate.",
    ErrorCode.SIGNING_TIME_IN_FUTURE: "The signing time lies in the future.",
    ErrorCode.UNTRUSTED: "The certificate does not lead to a trusted root certificate.",
    ErrorCode.EXPIRED: "The certificate has expired.",
    ErrorCode.NOT_YET_VALID: "The certificate is not yet valid.",
    ErrorCode.REVOKED: "The certificate has been revoked.",
    ErrorCode.AUTH_KEY: "The document was signed with an authentication key, not a signing key.",
    ErrorCode.NOT_AUTH_KEY: "Sign-in needs the authentication key.",
    ErrorCode.IIN_MISMATCH: "The IIN in the certificate is not the filer's IIN.",
    ErrorCode.BIN_MISMATCH: "The BIN in the certificate is not the organization's BIN.",
    ErrorCode.REVOCATION_NOT_CHECKED: "Whether the certificate is revoked could not be checked.",
}


class NotCms(ValueError):
    """The input is not a CMS signed-data structure (in DER, PEM or base64)."""


def problem(code: ErrorCode) -> Problem:
    return Problem(code, MESSAGES[code])


def decode_cms(raw: bytes) -> bytes:
    """DER from DER, PEM ("-----BEGIN CMS-----", "PKCS7", ...) or base64 as NCALayer returns it."""
    if len(raw) > MAX_SIGNATURE_BYTES * 2:
        raise NotCms("too large")
    if raw[:1] == b"\x30":
        return bytes(raw)  # DER, byte for byte (its last byte may well be a whitespace character)
    text = raw.strip()
    if not text:
        raise NotCms("empty")
    if pem.detect(text):
        try:
            _type, _headers, der = pem.unarmor(text)
        except ValueError as error:
            raise NotCms(str(error)) from error
        return bytes(der)
    try:
        return base64.b64decode(b"".join(text.split()), validate=True)
    except (binascii.Error, ValueError) as error:
        raise NotCms("neither DER, PEM nor base64") from error


def load_signed_data(raw: bytes) -> cms.SignedData:
    der = decode_cms(raw)
    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            raise NotCms("not signed-data")
        signed: cms.SignedData = info["content"]
        _ = signed["signer_infos"].native, signed["encap_content_info"]["content_type"].native
        return signed
    except (ValueError, TypeError, KeyError) as error:
        raise NotCms(str(error)) from error


def _certificates(signed: cms.SignedData) -> list[asn1_x509.Certificate]:
    found = []
    for choice in signed["certificates"] or []:
        if choice.name == "certificate":
            found.append(choice.chosen)
    return found


def _signer_certificate(
    info: cms.SignerInfo, certs: Sequence[asn1_x509.Certificate]
) -> asn1_x509.Certificate | None:
    sid = info["sid"]
    for cert in certs:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if cert.issuer == wanted["issuer"] and cert.serial_number == wanted["serial_number"].native:
                return cert
        elif cert.key_identifier is not None and cert.key_identifier == sid.chosen.native:
            return cert
    return None


def _is_gost(oid: str) -> bool:
    return oid.startswith(GOST_ARCS)


def _attribute(attrs: cms.CMSAttributes, name: str) -> Any | None:
    for attr in attrs:
        if attr["type"].native == name:
            values = attr["values"]
            return values[0] if len(values) else None
    return None


def _signed_attributes_der(attrs: cms.CMSAttributes) -> bytes:
    """The signed attributes as the signature covers them: their encoded content under a SET tag (RFC 5652
    5.4), byte for byte as the signer sent them."""
    return bytes(parser.emit(0, 1, 17, attrs.contents))


def _check_certificate_reference(attrs: cms.CMSAttributes, cert: asn1_x509.Certificate) -> bool:
    """The ESS signing-certificate(-v2) attribute of CAdES-BES, when present, names the signer's cert."""
    v2 = _attribute(attrs, "signing_certificate_v2")
    if v2 is not None:
        for ref in v2["certs"]:
            algo = ref["hash_algorithm"]["algorithm"].native
            digest = DIGESTS.get(algo)
            if digest is not None and digest(cert.dump()).digest() == ref["cert_hash"].native:
                return True
        return False
    v1 = _attribute(attrs, "signing_certificate")
    if v1 is not None:
        return any(hashlib.sha1(cert.dump()).digest() == ref["cert_hash"].native for ref in v1["certs"])  # noqa: S324
    return True


async def _path(
    cert: asn1_x509.Certificate,
    others: Sequence[asn1_x509.Certificate],
    trust: Trust,
    moment: dt.datetime,
    *,
    revocation: bool,
) -> None:
    crls = trust.current_crls(moment) if revocation else []
    fetch = revocation and trust.fetch
    context = ValidationContext(
        trust_roots=list(trust.anchors),
        other_certs=[*others, *trust.intermediates],
        moment=None if fetch else moment,
        allow_fetching=fetch,
        crls=crls,
        revocation_mode="require" if revocation else "soft-fail",
    )
    await CertificateValidator(cert, validation_context=context).async_validate_path()


def _run(work: Coroutine[Any, Any, None]) -> None:
    """Run pyhanko-certvalidator's coroutine to its end: here, or — when this thread already runs an event
    loop (an async view, a test driving a browser) — in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(work)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, work).result()


def _check_path(
    cert: asn1_x509.Certificate, others: Sequence[asn1_x509.Certificate], trust: Trust, moment: dt.datetime
) -> tuple[list[Problem], Revocation]:
    """The path to an anchor, each certificate's validity at `moment` and, when the trust names revocation
    sources, every certificate's revocation status (all of them, or the status is `not_checked`)."""
    if not trust.anchors:
        return [problem(ErrorCode.UNTRUSTED)], "not_checked"
    status: Revocation = "not_checked"
    for revocation in (True, False) if trust.checks_revocation else (False,):
        try:
            _run(_path(cert, others, trust, moment, revocation=revocation))
        except cv_errors.RevokedError:
            return [problem(ErrorCode.REVOKED)], "revoked"
        except cv_errors.InsufficientRevinfoError:
            continue  # no usable CRL or OCSP answer: check the rest without it
        except cv_errors.ExpiredError:
            return [problem(ErrorCode.EXPIRED)], status
        except cv_errors.NotYetValidError:
            return [problem(ErrorCode.NOT_YET_VALID)], status
        except cv_errors.DisallowedAlgorithmError:
            return [problem(ErrorCode.UNSUPPORTED_ALGORITHM)], status
        except (cv_errors.PathError, cv_errors.ValidationError):
            return [problem(ErrorCode.UNTRUSTED)], status
        return [], "good" if revocation else "not_checked"
    return [], status


def _one_signer(
    signed: cms.SignedData, certs: Sequence[asn1_x509.Certificate]
) -> tuple[cms.SignerInfo, asn1_x509.Certificate] | ErrorCode:
    """The one signer of the CMS and its certificate, or why there is none."""
    infos = signed["signer_infos"]
    if len(infos) != 1:
        return ErrorCode.NO_SIGNER if len(infos) == 0 else ErrorCode.SEVERAL_SIGNERS
    cert = _signer_certificate(infos[0], certs)
    return (infos[0], cert) if cert is not None else ErrorCode.CERTIFICATE_MISSING


def _attribute_problems(
    attrs: cms.CMSAttributes, encap: cms.EncapsulatedContentInfo, cert: asn1_x509.Certificate, digest: bytes
) -> tuple[list[Problem], dt.datetime | None]:
    """The signed attributes of CAdES-BES: content type, message digest (of the content: `digest`), the
    ESS signing-certificate reference; and the signing time they claim."""
    found: list[Problem] = []
    message_digest = _attribute(attrs, "message_digest")
    content_type = _attribute(attrs, "content_type")
    time = _attribute(attrs, "signing_time")
    signed_at = time.native if time is not None else None
    if message_digest is None or content_type is None or content_type.native != encap["content_type"].native:
        found.append(problem(ErrorCode.SIGNED_ATTRIBUTES_MISSING))
    elif message_digest.native != digest:
        found.append(problem(ErrorCode.OTHER_DATA))
    if not _check_certificate_reference(attrs, cert):
        found.append(problem(ErrorCode.SIGNING_CERTIFICATE_MISMATCH))
    return found, signed_at


def _value_and_time_problems(
    info: cms.SignerInfo,
    attrs: cms.CMSAttributes,
    cert: asn1_x509.Certificate,
    signer: Signer,
    digest_name: str,
    signed_at: dt.datetime | None,
    moment: dt.datetime,
) -> list[Problem]:
    """The signature value over the signed attributes, and the claimed signing time against the clock and
    the certificate's validity."""
    found: list[Problem] = []
    try:
        DefaultSignatureValidator().validate_signature(
            info["signature"].native,
            _signed_attributes_der(attrs),
            cert.public_key,
            info["signature_algorithm"],
            SignatureValidationContext(contextual_md_algorithm=digest_name),
        )
    except cv_errors.AlgorithmNotSupported:
        found.append(problem(ErrorCode.UNSUPPORTED_ALGORITHM))
    except (InvalidSignature, ValueError):
        found.append(problem(ErrorCode.SIGNATURE_INVALID))

    if signed_at is not None:
        if signed_at > moment + CLOCK_SKEW:
            found.append(problem(ErrorCode.SIGNING_TIME_IN_FUTURE))
        elif signed_at > signer.valid_to:
            found.append(problem(ErrorCode.EXPIRED))
        elif signed_at < signer.valid_from:
            found.append(problem(ErrorCode.NOT_YET_VALID))
    return found


def _holder_problems(
    signer: Signer, purpose: Purpose, expected_iin: str | None, expected_bin: str | None
) -> list[Problem]:
    """The key's purpose (signing or AUTH) and the holder the caller expects."""
    found: list[Problem] = []
    if purpose == "sign" and signer.key_purpose != "sign":
        found.append(problem(ErrorCode.AUTH_KEY))
    if purpose == "auth" and signer.key_purpose != "auth":
        found.append(problem(ErrorCode.NOT_AUTH_KEY))
    if expected_iin is not None and signer.iin != expected_iin:
        found.append(problem(ErrorCode.IIN_MISMATCH))
    if expected_bin is not None and signer.bin != expected_bin:
        found.append(problem(ErrorCode.BIN_MISMATCH))
    return found


def verify(
    signature: bytes,
    *,
    trust: Trust,
    data: bytes | None = None,
    at: dt.datetime | None = None,
    purpose: Purpose = "sign",
    expected_iin: str | None = None,
    expected_bin: str | None = None,
) -> Verification:
    """Verify `signature` (a CMS) over `data` (for a detached signature; for an attached one, the content
    must equal `data` when given) at the trusted moment `at` (default now). With `expected_iin` /
    `expected_bin` the certificate's subject must name that person or legal entity."""
    moment = at if at is not None else dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        raise ValueError("the verification moment must be timezone-aware")

    def result(
        *errors: Problem,
        signer: Signer | None = None,
        signed_at: dt.datetime | None = None,
        revocation: Revocation = "not_checked",
        content: bytes | None = None,
    ) -> Verification:
        checked = moment if revocation != "not_checked" else None
        return Verification(signer, signed_at, revocation, checked, moment, tuple(errors), content)

    try:
        signed = load_signed_data(signature)
    except NotCms:
        return result(problem(ErrorCode.NOT_CMS))
    certs = _certificates(signed)
    found = _one_signer(signed, certs)
    if isinstance(found, ErrorCode):
        return result(problem(found))
    info, cert = found
    signer = signer_of(cert)

    key_oid = cert["tbs_certificate"]["subject_public_key_info"]["algorithm"]["algorithm"].dotted
    digest_oid = info["digest_algorithm"]["algorithm"].dotted
    if key_oid != RSA_OID or _is_gost(digest_oid):
        # Never accepted unverified: GOST 34.310 (and any other non-RSA key) is refused outright.
        return result(problem(ErrorCode.UNSUPPORTED_KEY_TYPE), signer=signer)
    digest_name = info["digest_algorithm"]["algorithm"].native
    if digest_name not in DIGESTS:
        return result(problem(ErrorCode.UNSUPPORTED_ALGORITHM), signer=signer)

    encap = signed["encap_content_info"]
    attached: bytes | None = None
    if encap["content"].native is not None:
        attached = bytes(encap["content"].native)
    if attached is None and data is None:
        return result(problem(ErrorCode.DATA_MISSING), signer=signer)
    errors: list[Problem] = []
    if attached is not None and data is not None and attached != data:
        errors.append(problem(ErrorCode.OTHER_DATA))
    content = attached if attached is not None else data
    assert content is not None

    attrs = info["signed_attrs"]
    if not attrs or attrs.native is None or len(attrs) == 0:
        return result(problem(ErrorCode.SIGNED_ATTRIBUTES_MISSING), signer=signer)
    try:
        listed, signed_at = _attribute_problems(attrs, encap, cert, DIGESTS[digest_name](content).digest())
    except (ValueError, TypeError, KeyError):
        return result(problem(ErrorCode.NOT_CMS), signer=signer)
    for p in listed:
        if p.code is ErrorCode.OTHER_DATA:  # the digest differs: altered content, or other data than given
            p = problem(ErrorCode.CONTENT_ALTERED if attached is not None and data is None else p.code)
        if p not in errors:
            errors.append(p)
    errors += _value_and_time_problems(info, attrs, cert, signer, digest_name, signed_at, moment)

    errors += _holder_problems(signer, purpose, expected_iin, expected_bin)

    path_errors, revocation = _check_path(cert, [c for c in certs if c is not cert], trust, moment)
    for p in path_errors:
        if p not in errors:
            errors.append(p)
    return result(*errors, signer=signer, signed_at=signed_at, revocation=revocation, content=content)


def content_of(signature: bytes) -> bytes | None:
    """The attached content of a CMS, or None (detached, or not a CMS)."""
    try:
        value = load_signed_data(signature)["encap_content_info"]["content"].native
    except NotCms:
        return None
    return bytes(value) if value is not None else None


__all__ = ["MESSAGES", "NotCms", "content_of", "decode_cms", "load_signed_data", "problem", "verify"]
