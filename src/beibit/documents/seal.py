"""What the filing PDF prints about its signature: the EDS block (who signed, the certificate, when it was
verified and the revocation status) with a QR code of the public verification page; and, for a filing
handed in on paper, the case number with a QR code of the case in the public register."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

import segno

from beibit.documents._common import local
from beibit.documents.i18n import Lang, date_text, text, time_text
from beibit.documents.layout import Document, Row

QR_MM = 28


@dataclass(frozen=True, slots=True)
class Stamp:
    """An EDS as the case's event records it, with the result of its verification on receipt."""

    name: str
    iin: str | None
    bin: str | None
    certificate_serial: str
    issuer: str
    signed_at: dt.datetime | None
    verified_at: dt.datetime
    revocation: str
    revocation_checked_at: dt.datetime | None
    url: str


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _when(moment: dt.datetime, lang: Lang) -> str:
    return f"{date_text(moment.date(), lang)}, {time_text(moment)}"


def _qr(doc: Document, url: str, caption: str) -> None:
    pdf = doc.pdf
    doc.space(2)
    if pdf.get_y() + QR_MM + 12 > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    pdf.image(io.BytesIO(qr_png(url)), x=pdf.l_margin, y=top, w=QR_MM, h=QR_MM)
    pdf.set_y(top + QR_MM + 1)
    doc.note(caption)


def add_stamps(doc: Document, stamps: Sequence[Stamp], lang: Lang, *, settlement: str | None) -> None:
    for stamp in stamps:
        doc._keep(QR_MM + 70)  # the block and its QR code on one page
        doc.heading(text("seal.heading", lang))
        rows = [Row(text("seal.signed_by", lang), stamp.name, strong=True)]
        if stamp.iin:
            rows.append(Row(text("seal.iin", lang), stamp.iin))
        if stamp.bin:
            rows.append(Row(text("seal.bin", lang), stamp.bin))
        rows.append(Row(text("seal.certificate", lang), f"{stamp.certificate_serial} · {stamp.issuer}"))
        if stamp.signed_at is not None:
            rows.append(Row(text("seal.signed_at", lang), _when(local(stamp.signed_at, settlement), lang)))
        rows.append(Row(text("seal.verified", lang), _when(local(stamp.verified_at, settlement), lang)))
        if stamp.revocation == "good" and stamp.revocation_checked_at is not None:
            checked = _when(local(stamp.revocation_checked_at, settlement), lang)
            status = text("seal.revocation.good", lang, when=checked)
        else:
            status = text(f"seal.revocation.{stamp.revocation}", lang)
        rows.append(Row(text("seal.revocation", lang), status))
        doc.rows(rows)
        _qr(doc, stamp.url, text("seal.verify_at", lang, url=stamp.url))


def add_paper_reference(doc: Document, lang: Lang, *, number: str, url: str) -> None:
    """A paper filing carries its case number and a QR code of its public register page."""
    doc.space(2)
    doc.paragraph(text("paper.case_number", lang, number=number), bold=True)
    _qr(doc, url, text("paper.qr", lang, url=url))
