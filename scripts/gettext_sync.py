"""What both catalog scripts share: bring a set of gettext catalogs in line with their English texts.

For each language the catalog is rewritten so that a msgid still present keeps its msgstr, flags and
translator comments; a new msgid gets an empty msgstr (the source language's catalog gets the English text
itself); a msgid no longer present is dropped. `--check` changes nothing and fails if a catalog would
change. Used by scripts/update_law_catalogs.py and scripts/update_document_catalogs.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

Entries = list[tuple[str, str]]  # (English text, automatic comment)

CATALOG_VERSION = "1"
# Header lines left out: Babel's version (keeps the files stable across upgrades) and its placeholder
# bug-report address (the project has none to give).
DROPPED_HEADERS = re.compile(rb'^"(?:Generated-By|Report-Msgid-Bugs-To): [^"\n]*"\n', re.MULTILINE)


@dataclass(frozen=True)
class CatalogSet:
    root: Path
    locale_dir: Path
    domain: str
    languages: tuple[str, ...]
    language_names: Mapping[str, str]
    babel_locales: Mapping[str, str]
    project: str
    header_comment: str  # with a {name} field for the language's name
    script: str  # how to run the script that owns this set
    source_language: str | None = None  # a catalog that starts from the English texts

    def po_path(self, lang: str) -> Path:
        return self.locale_dir / lang / "LC_MESSAGES" / f"{self.domain}.po"

    def read_existing(self, path: Path, lang: str) -> Catalog | None:
        if not path.exists():
            return None
        with path.open("rb") as handle:
            return read_po(handle, locale=self.babel_locales[lang])

    def build(self, lang: str, existing: Catalog | None, entries: Entries, now: dt.datetime) -> Catalog:
        name = self.language_names[lang]
        catalog = Catalog(
            locale=self.babel_locales[lang],
            domain=self.domain,
            header_comment=self.header_comment.format(name=name),
            project=self.project,
            version=CATALOG_VERSION,
            creation_date=existing.creation_date if existing is not None else now,
            revision_date=existing.revision_date if existing is not None else now,
            last_translator="Beibit maintainers",
            language_team=f"{name} ({lang})",
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
            new_string = english if lang == self.source_language else ""
            catalog.add(
                english,
                string=old.string if old is not None else new_string,
                auto_comments=[comment],
                user_comments=list(old.user_comments) if old is not None else [],
                flags=sorted(old.flags) if old is not None else (),
            )
        return catalog

    def sync(self, lang: str, entries: Entries, check: bool) -> bool:
        """Bring one catalog in line with the English texts; True if it already was."""
        path = self.po_path(lang)
        now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
        catalog = self.build(lang, self.read_existing(path, lang), entries, now)
        if path.exists() and render(catalog) == path.read_bytes():
            return True
        if not check:
            catalog.revision_date = now
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render(catalog))
        return False

    def untranslated(self, lang: str) -> int:
        catalog = self.read_existing(self.po_path(lang), lang)
        return 0 if catalog is None else sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))

    def main(self, argv: list[str] | None, description: str, source_entries: Callable[[], Entries]) -> int:
        parser = argparse.ArgumentParser(description=description)
        parser.add_argument(
            "--check", action="store_true", help="change nothing; exit 1 if a catalog is out of date"
        )
        args = parser.parse_args(argv)
        entries = source_entries()
        stale: list[str] = []
        for lang in self.languages:
            in_sync = self.sync(lang, entries, args.check)
            if not in_sync:
                stale.append(lang)
            if args.check:
                state = "in sync" if in_sync else "out of date"
            else:
                state = "unchanged" if in_sync else "updated"
            where = self.po_path(lang).relative_to(self.root)
            print(f"{where}: {state}; {self.untranslated(lang)} untranslated or fuzzy")
        if args.check and stale:
            print(f"run: python {self.script}", file=sys.stderr)
            return 1
        return 0


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, ignore_obsolete=True, include_previous=False)
    return DROPPED_HEADERS.sub(b"", buffer.getvalue())
