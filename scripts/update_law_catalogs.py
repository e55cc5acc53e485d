#!/usr/bin/env python3
"""Sync the kk and ru gettext catalogs of the law engine with its English texts.

The msgids are the English texts in `beibit.law.messages` (every value of `MESSAGES`, then every
string of `LABELS`, in that order). For each language the catalog at
`src/beibit/law/locale/<lang>/LC_MESSAGES/beibit-law.po` is rewritten so that:

- a msgid still present keeps its msgstr, flags and translator comments;
- a new msgid is added with an empty msgstr (translate it, then re-run this script);
- a msgid no longer present is dropped.

The translations themselves live only in the .po files.

    python scripts/update_law_catalogs.py           # rewrite the catalogs
    python scripts/update_law_catalogs.py --check   # exit 1 if a catalog would change
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gettext_sync import CatalogSet, Entries

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "beibit" / "law" / "locale"
LANGUAGES = ("kk", "ru")
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian"}
PROJECT = "Beibit law engine"
LABEL_COMMENT = "label: a word of the command line's output"
HEADER_COMMENT = (
    "# {name} translations of the Beibit law engine's messages.\n"
    "# The msgids are the English texts in src/beibit/law/messages.py; sync them with\n"
    "# scripts/update_law_catalogs.py (existing translations are kept)."
)


def source_entries() -> Entries:
    """(English text, comment) for every msgid, in the order of `messages.py`."""
    sys.path.insert(0, str(ROOT / "src"))
    from beibit.law.fact_words import CODE_WORDS, ITEMS, PROBLEMS
    from beibit.law.messages import LABELS, MESSAGES, cli_words

    entries = [(text, f"code: {code}") for code, text in MESSAGES.items()]
    entries += [(text, LABEL_COMMENT) for text in [*LABELS, *cli_words()]]
    entries += [(text, f"fact: the code {code}") for code, text in CODE_WORDS.items()]
    entries += [(text, "fact: an item a filing lacks, or who lacks it") for text in ITEMS]
    entries += [(text, "fact: why a place's geometry could not be used") for _, text in PROBLEMS]
    seen: set[str] = set()
    return [(text, comment) for text, comment in entries if not (text in seen or seen.add(text))]


def catalogs() -> CatalogSet:
    # Built on each call from the module's names, so a test may point LOCALE_DIR elsewhere.
    return CatalogSet(
        root=ROOT,
        locale_dir=LOCALE_DIR,
        domain="beibit-law",
        languages=LANGUAGES,
        language_names=LANGUAGE_NAMES,
        babel_locales={lang: lang for lang in LANGUAGES},
        project=PROJECT,
        header_comment=HEADER_COMMENT,
        script="scripts/update_law_catalogs.py",
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
