"""Monitors' free text screened for personal data before it is published (issue 14, fault 10).

What a monitor types and the public sees (the source of a size estimate, a source's outlet and address, a
sanction's court) may carry an IIN, a phone number or an e-mail address by mistake. Each such text is checked
where it is published, on its current value: a text that fails stays out of the open data and the public
case page, and the monitor's record page says which text and why, until a monitor edits it (the next read
publishes the corrected text). An IIN is twelve digits that pass the IIN's check (so a news article's long
number is not taken for one); a phone number is a Kazakh mobile or fixed number, or any international number
written with `+`; an e-mail address is anything@domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from beibit.law.identifiers import iin_valid

_DIGITS12 = re.compile(r"(?<!\d)\d{12}(?!\d)")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+7|8|7)[\s\-.()]*\d{3}[\s\-.()]*\d{3}[\s\-.]*\d{2}[\s\-.]*\d{2}(?!\d)"
    r"|\+\d[\d\s\-.()]{8,16}\d"
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")

KINDS = {
    "iin": _("an IIN"),
    "phone": _("a phone number"),
    "email": _("an e-mail address"),
}


def personal_data(text: str) -> list[str]:
    """The kinds of personal data found in `text` ("iin", "phone", "email"), in that order; [] when clean."""
    found: list[str] = []
    if any(iin_valid(m.group()) for m in _DIGITS12.finditer(text)):
        found.append("iin")
    if _PHONE.search(text):
        found.append("phone")
    if _EMAIL.search(text):
        found.append("email")
    return found


def publishable(text: str) -> bool:
    return not personal_data(text)


@dataclass(frozen=True)
class Withheld:
    """A text kept from publication: which (the field's label) and why (the kinds found)."""

    field: str
    kinds: tuple[str, ...]

    @property
    def reason(self) -> str:
        return ", ".join(str(KINDS[k]) for k in self.kinds)


def withheld_texts(record: object) -> list[Withheld]:
    """The public texts of a monitoring record (its sources and sanctions prefetched or read here) that
    fail the screening, for the monitor's record page."""
    out: list[Withheld] = []
    size_source = str(getattr(record, "size_source", "") or "")
    if personal_data(size_source):
        out.append(Withheld(str(_("Source of the size estimate")), tuple(personal_data(size_source))))
    for number, source in enumerate(record.sources.all(), start=1):  # type: ignore[attr-defined]
        kinds = personal_data(f"{source.outlet} {source.url}")
        if kinds:
            out.append(Withheld(str(_("Source %(n)d") % {"n": number}), tuple(kinds)))
    for number, sanction in enumerate(record.sanctions.all(), start=1):  # type: ignore[attr-defined]
        kinds = personal_data(f"{sanction.court} {sanction.other_article}")
        if kinds:
            out.append(Withheld(str(_("Sanction %(n)d") % {"n": number}), tuple(kinds)))
    return out
