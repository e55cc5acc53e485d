"""Bring the pages' gettext catalogs (kk, ru, en) in line with the templates and code, and compile them.

Each Django application of the pages keeps its own catalog in its `locale/` folder, so work on one group of
pages never touches another's file. For each application this runs Django's `makemessages` (GNU gettext's
xgettext; Debian package `gettext`) for kk, ru and en, fills the English catalog with the English texts, and
compiles every catalog to the committed `.mo` file with Babel (pure Python: running the app needs no gettext
tools).

    python scripts/update_web_catalogs.py            # update the .po files and compile the .mo files
    python scripts/update_web_catalogs.py src/beibit/web/public   # only this application's catalogs
    python scripts/update_web_catalogs.py --compile  # only compile (after translating a .po by hand)
    python scripts/update_web_catalogs.py --check    # change nothing; fail if a catalog is out of date

A test (tests/web/test_catalogs.py) fails on any untranslated or fuzzy kk/ru entry and on a stale .mo.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "beibit"
LANGUAGES = ("kk", "ru", "en")
# Every application of the pages, with the sub-folders that belong to another application (skipped).
APPS: dict[Path, tuple[str, ...]] = {
    SRC / "web": ("public", "organizer", "akimat", "registry"),
    SRC / "web" / "public": (),
    SRC / "web" / "organizer": (),
    SRC / "web" / "akimat": (),
    SRC / "web" / "registry": (),
    SRC / "monitoring": (),
    SRC / "opendata": (),
    # The case service's and the API's own texts (errors, statuses, labels) shown by pages and the API.
    SRC / "cases": (),
    SRC / "registry": (),
    SRC / "api": (),
    # E-mail and SMS texts, the messages page.
    SRC / "notifications": (),
}


def po_path(app: Path, lang: str) -> Path:
    return app / "locale" / lang / "LC_MESSAGES" / "django.po"


def has_sources(app: Path) -> bool:
    return any(app.glob("templates/**/*.html")) or any(app.glob("*.py"))


def makemessages(app: Path, skipped: tuple[str, ...]) -> None:
    (app / "locale").mkdir(exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "django",
        "makemessages",
        "--no-obsolete",
        "--add-location=file",
        "--extension=html,txt,py",
        *[f"--locale={lang}" for lang in LANGUAGES],
        *[f"--ignore={name}/*" for name in (*skipped, "static", "locale", "migrations")],
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "beibit.settings"}
    subprocess.run(command, cwd=app, check=True, env=env, stdout=subprocess.DEVNULL)  # noqa: S603 - our own argv


def fill_english(path: Path) -> None:
    """The English catalog carries the English texts themselves, so it is complete as the others must be."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        # Always the source text itself: msgmerge's fuzzy guesses from a similar text would be wrong English.
        message.string = tuple(message.id) if isinstance(message.id, tuple) else message.id
        message.flags.discard("fuzzy")
        message.previous_id = ()
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_previous=False)
    path.write_bytes(out.getvalue())


def compiled(path: Path, lang: str) -> bytes:
    with path.open("rb") as handle:
        catalog: Catalog = read_po(handle, locale=lang)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_all(apps: list[Path]) -> None:
    for app in apps:
        for lang in LANGUAGES:
            po = po_path(app, lang)
            if po.exists():
                po.with_suffix(".mo").write_bytes(compiled(po, lang))


def msgids(path: Path, lang: str) -> set[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {str(m.id) for m in catalog if m.id}


def check(apps: dict[Path, tuple[str, ...]]) -> list[str]:
    """What is out of date: texts of the sources missing from a catalog (or left over), stale .mo files."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for app, skipped in apps.items():
            if not has_sources(app):
                continue
            copy = Path(tmp) / app.relative_to(SRC)
            shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
            makemessages(copy, skipped)
            for lang in LANGUAGES:
                fresh, current = po_path(copy, lang), po_path(app, lang)
                if not current.exists():
                    problems.append(f"{current.relative_to(ROOT)} is missing")
                    continue
                if msgids(fresh, lang) != msgids(current, lang):
                    problems.append(f"{current.relative_to(ROOT)} does not match the sources")
                mo = current.with_suffix(".mo")
                if not mo.exists() or mo.read_bytes() != compiled(current, lang):
                    problems.append(f"{mo.relative_to(ROOT)} is not the compiled {current.name}")
    return problems


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--check", action="store_true", help="change nothing; fail if out of date")
    parser.add_argument("--compile", action="store_true", help="only compile the .po files")
    parser.add_argument("apps", nargs="*", type=Path, help="only these application folders (default: all)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    if args.check:
        problems = check(APPS)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    chosen = {path.resolve() for path in args.apps}
    apps = [app for app in APPS if has_sources(app) and (not chosen or app in chosen)]
    if not args.compile:
        for app in apps:
            makemessages(app, APPS[app])
            fill_english(po_path(app, "en"))
    compile_all(apps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
