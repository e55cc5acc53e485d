#!/usr/bin/env python3
"""Sync the kk, ru and en gettext catalogs of the PDF documents with their English texts.

The msgids are the English texts in `beibit.documents.texts.TEXTS`, in that order, each with its code as an
automatic comment. For each language the catalog at
`src/beibit/documents/locale/<lang>/LC_MESSAGES/beibit-documents.po` is rewritten so that:

- a msgid still present keeps its msgstr, flags and translator comments;
- a new msgid is added with an empty msgstr in kk and ru (translate it, then re-run this script), and with
  the English text itself in en (the English catalog exists so that wording can be edited without code);
- a msgid no longer present is dropped.

The translations themselves live only in the .po files.

    python scripts/update_document_catalogs.py           # rewrite the catalogs
    python scripts/update_document_catalogs.py --check   # exit 1 if a catalog would change
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "beibit" / "documents" / "locale"
DOMAIN = "beibit-documents"
LANGUAGES = ("kk", "ru", "en")
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
BABEL_LOCALES = {"kk": "kk", "ru": "ru", "en": "en_GB"}
SOURCE_LANGUAGE = "en"
PROJECT = "Beibit documents"
CATALOG_VERSION = "1"
HEADER_COMMENT = (
    "# {name} texts of the Beibit PDF documents (filing, decision letter, appeal draft).\n"
    "# The msgids are the English texts in src/beibit/documents/texts.py; sync them with\n"
    "# scripts/update_document_catalogs.py (existing translations are kept)."
)
# Header lines left out: Babel's version (keeps the files stable across upgrades) and its placeholder
# bug-report address (the project has none to give).
DROPPED_HEADERS = re.compile(rb'^"(?:Generated-By|Report-Msgid-Bugs-To): [^"\n]*"\n', re.MULTILINE)


def source_entries() -> list[tuple[str, str]]:
    """(English text, comment) for every msgid, in the order of `texts.py`."""
    sys.path.insert(0, str(ROOT / "src"))
    from beibit.documents.texts import TEXTS

    return [(english, f"code: {code}") for code, english in TEXTS.items()]


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_existing(path: Path, lang: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=BABEL_LOCALES[lang])


def build(lang: str, existing: Catalog | None, entries: list[tuple[str, str]], now: dt.datetime) -> Catalog:
    catalog = Catalog(
        locale=BABEL_LOCALES[lang],
        domain=DOMAIN,
        header_comment=HEADER_COMMENT.format(name=LANGUAGE_NAMES[lang]),
        project=PROJECT,
        version=CATALOG_VERSION,
        creation_date=existing.creation_date if existing is not None else now,
        revision_date=existing.revision_date if existing is not None else now,
        last_translator="Beibit maintainers",
        language_team=f"{LANGUAGE_NAMES[lang]} ({lang})",
        charset="utf-8",
        fuzzy=False,
    )
    for english, comment in entries:
        if english in catalog:  # the same English text under two codes: one entry, both codes noted
            message = catalog[english]
            if comment not in message.auto_comments:
                message.auto_comments.append(comment)
            continue
        old = existing.get(english) if existing is not None else None
        if old is not None and not isinstance(old.id, str):
            old = None  # a plural entry cannot carry a singular text
        new_string = english if lang == SOURCE_LANGUAGE else ""
        string = old.string if old is not None else new_string
        catalog.add(
            english,
            string=string,
            auto_comments=[comment],
            user_comments=list(old.user_comments) if old is not None else [],
            flags=sorted(old.flags) if old is not None else (),
        )
    return catalog


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, ignore_obsolete=True, include_previous=False)
    return DROPPED_HEADERS.sub(b"", buffer.getvalue())


def sync(lang: str, entries: list[tuple[str, str]], check: bool) -> bool:
    """Bring one catalog in line with the English texts; True if it already was."""
    path = po_path(lang)
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    existing = read_existing(path, lang)
    catalog = build(lang, existing, entries, now)
    if path.exists() and render(catalog) == path.read_bytes():
        return True
    if not check:
        catalog.revision_date = now
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(catalog))
    return False


def untranslated(lang: str) -> int:
    catalog = read_existing(po_path(lang), lang)
    return 0 if catalog is None else sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a catalog is out of date"
    )
    args = parser.parse_args(argv)
    entries = source_entries()
    stale: list[str] = []
    for lang in LANGUAGES:
        in_sync = sync(lang, entries, args.check)
        if not in_sync:
            stale.append(lang)
        if args.check:
            state = "in sync" if in_sync else "out of date"
        else:
            state = "unchanged" if in_sync else "updated"
        print(f"{po_path(lang).relative_to(ROOT)}: {state}; {untranslated(lang)} untranslated or fuzzy")
    if args.check and stale:
        print("run: python scripts/update_document_catalogs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
