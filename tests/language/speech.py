"""What a Kazakh or Russian reader must not meet in a page, a message or a document (issue 15, part A): the
judge every language test here shares.

A text is judged on what a person reads: scripts, styles and attributes are gone before it gets here. It is
wrong when it holds a Latin-script word outside the allowlist, a `snake_case` token, an ISO date or
timestamp, or a number above 9,999 written without a thousands separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: Latin words a kk or ru page may hold: the project's name, file formats and outside names written in
#: Latin in Kazakh and Russian texts alike (QR-код, SMS, UTC+5 and URL are written so in both languages'
#: official texts), and each language named in itself in the language switcher.
ALLOWED_WORDS = frozenset(
    {
        "Beibit",
        "API",
        "CSV",
        "JSON",
        "GeoJSON",
        "ACLED",
        "PDF",
        "QR",
        "SMS",
        "UTC",
        "URL",
        "NCALayer",
        "English",
        "OpenStreetMap",
        "Leaflet",
        "ODbL",
        "ICCPR",
        "ODIHR",
        "OSCE",
        "CC",
        "BY",
        "KZ",
    }
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"\b(?:https?://|www\.)\S+"  # an address
    r"|(?<![\w/])/[a-z0-9_./-]*[a-z0-9/](?=[\s),.;]|$)"  # a path of this site
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:kz|org|com|net|ru)\b"  # a bare domain (adilet.zan.kz)
)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?\b")
_BIG_NUMBER = re.compile(r"(?<![\d.,\u00a0\u202f ])\d{5,}(?![\d])")
_IIN_OR_PHONE = re.compile(r"(?<!\d)(?:\+?7\d{10}|\d{12})(?!\d)")
_HEX = re.compile(r"\b[0-9a-f]{16,}\b")
#: Identifiers written in Latin in every language: the law's number (333-VI), the Adilet registration
#: number of a maslikhat decision (V24R0001755).
_IDENTIFIER = re.compile(r"\b\d+-[IVX]+\b|\b[VPGZK]\d{2}[A-Z]{1,4}\d{4,8}\b")

#: Registry data still in English only, until the `registry` work (issue 15, "data in three languages")
#: gives it Kazakh and Russian: the maslikhat decisions' notes. Named one by one, each string exactly; the
#: judge removes them before it reads a text. To be emptied, not extended.
REGISTRY_PENDING: tuple[str, ...] = (
    "Almaty City Maslikhat decision on specialized places and their order of use",
    "Amendment of decision No. 462 adopted at the XXII session of the Almaty City Maslikhat; number and "
    "registration not retrieved",
    "Amendment of item 5 of decision No. 462 (picket-free boundary); its date was not retrieved, the "
    "registry starts it on 2024-08-28 (docs/registry.md)",
    "Astana City Maslikhat decision on specialized places; repealed the 2020 decision",
    "Nur-Sultan City Maslikhat decision of 2020 on specialized places; number, date and registration not "
    "retrieved; repealed by No. 133/16-VIII of 2023-12-26",
)


@dataclass(frozen=True)
class Fault:
    kind: str
    token: str
    context: str

    def __str__(self) -> str:
        return f"{self.kind} {self.token!r} in «{self.context}»"


def faults(text: str, *, allowed: frozenset[str] = frozenset()) -> list[Fault]:
    """Every fault of one text; `allowed` adds words the data legitimately holds in Latin (names)."""
    found: list[Fault] = []
    for pending in REGISTRY_PENDING:
        text = text.replace(pending, " ")
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _HEX.sub(" ", text)
    text = _IDENTIFIER.sub(" ", text)

    def context(start: int, end: int) -> str:
        return " ".join(text[max(0, start - 40) : end + 40].split())

    for match in _SNAKE.finditer(text):
        found.append(Fault("snake_case", match.group(), context(*match.span())))
    for match in _ISO.finditer(text):
        found.append(Fault("ISO date", match.group(), context(*match.span())))
    cleared = _ISO.sub(" ", _IIN_OR_PHONE.sub(" ", text))
    for match in _BIG_NUMBER.finditer(cleared):
        found.append(Fault("number without separator", match.group(), context(*match.span())))
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        if word in ALLOWED_WORDS or word in allowed or _SNAKE.fullmatch(word):
            continue
        found.append(Fault("Latin word", word, context(*match.span())))
    return found


class _Visible(HTMLParser):
    """The page's text, without scripts and styles, and without `<code>`: a field name, a file name or an
    id the page deliberately shows as code (the data dictionary, the downloads, the registry's ids for the
    maslikhat's editor) is a token to copy, not prose to read."""

    _HIDDEN = frozenset({"script", "style", "template", "noscript", "code", "kbd", "samp"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)
        self.parts.append(" ")  # each element is its own run of text (a calendar's cells, a table's)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and self._hidden:
            self._hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> tuple[str, list[str]]:
    """The text a reader sees in a page (no scripts, styles or attributes) and the page's links."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts), parser.links
