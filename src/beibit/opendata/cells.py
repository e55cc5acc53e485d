"""CSV cells a spreadsheet cannot run as a formula (OWASP, "CSV Injection").

A spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so
text a person typed (a purpose, a monitor's source, a place's name) could run `=HYPERLINK(...)` on the machine
of whoever opens the open data. Such a cell gets a leading apostrophe, which spreadsheets show as text and
which a reader of the raw file can strip. A plain number (`-12`, `-3.5`) cannot be a formula and is kept.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(text: str) -> str:
    """`text`, with an apostrophe in front when a spreadsheet would take it for a formula."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text
    return text
