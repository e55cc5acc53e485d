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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gettext_sync import CatalogSet, Entries

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "beibit" / "documents" / "locale"
DOMAIN = "beibit-documents"
LANGUAGES = ("kk", "ru", "en")
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
BABEL_LOCALES = {"kk": "kk", "ru": "ru", "en": "en_GB"}
SOURCE_LANGUAGE = "en"
PROJECT = "Beibit documents"
HEADER_COMMENT = (
    "# {name} texts of the Beibit PDF documents (filing, decision letter, appeal draft).\n"
    "# The msgids are the English texts in src/beibit/documents/texts.py; sync them with\n"
    "# scripts/update_document_catalogs.py (existing translations are kept)."
)


def source_entries() -> Entries:
    """(English text, comment) for every msgid, in the order of `texts.py`."""
    sys.path.insert(0, str(ROOT / "src"))
    from beibit.documents.texts import TEXTS

    return [(english, f"code: {code}") for code, english in TEXTS.items()]


def catalogs() -> CatalogSet:
    # Built on each call from the module's names, so a test may point LOCALE_DIR elsewhere.
    return CatalogSet(
        root=ROOT,
        locale_dir=LOCALE_DIR,
        domain=DOMAIN,
        languages=LANGUAGES,
        language_names=LANGUAGE_NAMES,
        babel_locales=BABEL_LOCALES,
        project=PROJECT,
        header_comment=HEADER_COMMENT,
        script="scripts/update_document_catalogs.py",
        source_language=SOURCE_LANGUAGE,
    )


def po_path(lang: str) -> Path:
    return catalogs().po_path(lang)


def sync(lang: str, entries: Entries, check: bool) -> bool:
    """Bring one catalog in line with the English texts; True if it already was."""
    return catalogs().sync(lang, entries, check)


def main(argv: list[str] | None = None) -> int:
    return catalogs().main(argv, (__doc__ or "").splitlines()[0], source_entries)


if __name__ == "__main__":
    sys.exit(main())
