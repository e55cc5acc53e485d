"""The signature block the pages show (organizer, akimat, public verification page): who signed, when it was
verified, the certificate, the revocation status, and a link and QR code to the public verification page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import segno
from cryptography import x509
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beibit.cases import signed
from beibit.cases.models import Case, CaseEvent
from beibit.documents.seal import Stamp
from beibit.law.calendar import zone
from beibit.law.settlements import zone_of

REVOCATION_LABELS = {
    "good": _("not revoked"),
    "revoked": _("revoked"),
    "not_checked": _("not checked"),
}
EVENT_LABELS = {
    "submitted": _("the filing"),
    "decision_recorded": _("the akimat's decision"),
    "proposal_answered": _("the answer to the akimat's proposal"),
    "withdrawn": _("the withdrawal of the filing"),
}


@dataclass(frozen=True)
class SignatureBlock:
    name: str | None  # None on the public page without the consent to publish
    iin: str | None
    bin: str | None
    organization: str | None
    certificate_serial: str | None  # None on the public page
    issuer: str
    signed_at: dt.datetime | None
    verified_at: dt.datetime
    revocation: str
    revocation_label: str
    revocation_checked_at: dt.datetime | None
    what: str
    url: str
    qr: str
    document_sha256: str
    event_hash: str


def issuer_name(rfc4514: str) -> str:
    """The issuing authority's common name, out of its distinguished name."""
    try:
        name = x509.Name.from_rfc4514_string(rfc4514)
        common = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        return str(common[0].value) if common else rfc4514
    except ValueError:
        return rfc4514


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data URI (the CSP allows images from data:)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=3, border=2))


def block(
    stored: signed.StoredSignature, request: HttpRequest, settlement: str, *, public: bool
) -> SignatureBlock:
    tz = zone(zone_of(settlement))
    url = request.build_absolute_uri(signed.verification_path(stored))
    return SignatureBlock(
        name=None if public and not stored.publish_name else stored.signer_name,
        iin=None if public else stored.iin,
        bin=stored.bin,
        organization=stored.organization,
        certificate_serial=None if public else stored.certificate_serial,
        issuer=issuer_name(stored.issuer),
        signed_at=stored.signed_at.astimezone(tz) if stored.signed_at else None,
        verified_at=stored.verified_at.astimezone(tz),
        revocation=stored.revocation,
        revocation_label=str(REVOCATION_LABELS.get(stored.revocation, stored.revocation)),
        revocation_checked_at=stored.revocation_checked_at.astimezone(tz)
        if stored.revocation_checked_at
        else None,
        what=str(EVENT_LABELS.get(stored.event_kind, stored.event_kind)),
        url=url,
        qr=qr_data_uri(url),
        document_sha256=stored.document_sha256,
        event_hash=stored.event_hash,
    )


def blocks(case: Case, request: HttpRequest, *, public: bool = False) -> list[SignatureBlock]:
    return [block(s, request, case.settlement, public=public) for s in signed.case_signatures(case)]


def _absolute(request: HttpRequest | None, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def _stamp(s: signed.StoredSignature, request: HttpRequest | None) -> Stamp:
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
        url=_absolute(request, signed.verification_path(s)),
    )


def decision_stamps(case: Case, request: HttpRequest | None) -> list[Stamp]:
    """The officer's EDS over the latest decision (the one the letter prints), if it was signed."""
    last = CaseEvent.objects.filter(case=case, kind="decision_recorded").order_by("-seq").first()
    if last is None:
        return []
    stored = signed.stored_signature(last)
    return [_stamp(stored, request)] if stored is not None else []


def filing_seal(case: Case, request: HttpRequest | None) -> tuple[list[Stamp], tuple[str, str] | None]:
    """What the filing PDF prints after the filing: its EDS stamps, or — filed without one (on paper) — the
    case number and the address of its public register page, both with a QR code."""
    if case.submitted_at is None:
        return [], None
    stamps = [_stamp(s, request) for s in signed.case_signatures(case) if s.event_kind == "submitted"]
    paper = None if stamps else (str(case.pk), _absolute(request, reverse("public:case", args=[case.pk])))
    return stamps, paper
