"""The signature block the pages show (organizer, akimat, public verification page): who signed, when it was
verified, the certificate, the revocation status, and a link and QR code to the public verification page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import segno
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from beibit.cases import signed
from beibit.cases.models import Case
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
    "appealed": _("the appeal"),
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
        issuer=signed.issuer_name(stored.issuer),
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
