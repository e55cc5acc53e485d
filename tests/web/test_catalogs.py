"""Every text of the pages is translated into Kazakh and Russian, and the compiled catalogs are current."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import update_web_catalogs as catalogs  # noqa: E402

CATALOGS = [(app, lang) for app in catalogs.APPS if catalogs.has_sources(app) for lang in catalogs.LANGUAGES]


def _name(item: tuple[Path, str]) -> str:
    return f"{item[0].relative_to(catalogs.SRC)}-{item[1]}"


@pytest.mark.parametrize("app_lang", CATALOGS, ids=[_name(c) for c in CATALOGS])
def test_every_text_is_translated(app_lang: tuple[Path, str]) -> None:
    app, lang = app_lang
    with catalogs.po_path(app, lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    missing = [
        str(m.id)
        for m in catalog
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    assert missing == [], f"untranslated in {catalogs.po_path(app, lang).relative_to(ROOT)}: {missing}"


@pytest.mark.parametrize("app_lang", CATALOGS, ids=[_name(c) for c in CATALOGS])
def test_the_compiled_catalog_is_current(app_lang: tuple[Path, str]) -> None:
    app, lang = app_lang
    po = catalogs.po_path(app, lang)
    assert po.with_suffix(".mo").read_bytes() == catalogs.compiled(po, lang), (
        f"run scripts/update_web_catalogs.py --compile ({po.relative_to(ROOT)})"
    )


def test_the_catalogs_hold_every_text_of_the_sources() -> None:
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is missing; .ci/run installs it")
        pytest.skip("GNU gettext (xgettext) is not installed")
    assert catalogs.check(catalogs.APPS) == [], "run scripts/update_web_catalogs.py, then translate"
