"""The documents' kk, ru and en catalogs: complete, placeholder-safe, in sync with `texts.TEXTS`, and read
by the renderers."""

from __future__ import annotations

import importlib.util
import shutil
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from beibit.documents.i18n import LANGUAGES, Lang, citation_text, template, text, untranslated
from beibit.documents.texts import TEXTS
from beibit.law.model import Citation

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update_document_catalogs.py"
TRANSLATED: tuple[Lang, ...] = ("kk", "ru")
# Texts that read the same in every language: separators, blanks and units written alike.
LANGUAGE_NEUTRAL = frozenset(
    {"doc.footer", "doc.blank_line", "funding.with_name", "label.route_length_value"}
)
KAZAKH_ONLY = set("әғқңөұүһі")


def placeholders(words: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(words) if name is not None}


def load_script() -> Any:
    spec = importlib.util.spec_from_file_location("update_document_catalogs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_translated(lang: Lang) -> None:
    assert untranslated(lang) == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", sorted(TEXTS))
def test_a_translation_keeps_the_placeholders(lang: Lang, code: str) -> None:
    assert placeholders(template(code, lang)) == placeholders(TEXTS[code])


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("code", sorted(set(TEXTS) - LANGUAGE_NEUTRAL))
def test_kazakh_and_russian_differ_from_the_english(lang: Lang, code: str) -> None:
    assert template(code, lang) != TEXTS[code]


def test_the_russian_catalog_uses_no_kazakh_letters_and_the_english_no_cyrillic() -> None:
    for code in TEXTS:
        assert not KAZAKH_ONLY & set(template(code, "ru").lower()), code
        assert not any("а" <= ch.lower() <= "я" for ch in template(code, "en")), code


def test_the_kazakh_catalog_writes_kazakh_letters() -> None:
    written = set("".join(template(code, "kk") for code in TEXTS).lower())
    assert KAZAKH_ONLY - {"һ"} <= written  # һ is rare in Kazakh words; the PDF tests meet it in a name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_renders(lang: Lang) -> None:
    for code, english in TEXTS.items():
        assert text(code, lang, **dict.fromkeys(placeholders(english), "X"))


@pytest.mark.parametrize(
    ("citation", "lang", "expected"),
    [
        (
            Citation(act="333-VI", article=14, paragraph=1, subparagraph=4),
            "en",
            "Law No. 333-VI, Art 14(1)(4)",
        ),
        (
            Citation(act="333-VI", article=14, paragraph=1, subparagraph=4),
            "ru",
            "Закон № 333-VI, ст. 14 п. 1 пп. 4",
        ),
        (
            Citation(act="333-VI", article=14, paragraph=1, subparagraph=4),
            "kk",
            "№ 333-VI Заң, 14-бап 1-тармақ 4) тармақша",
        ),
        (Citation(act="333-VI", article=11, paragraph=1), "kk", "№ 333-VI Заң, 11-бап 1-тармақ"),
        (Citation(act="333-VI", article=11, paragraph=1), "ru", "Закон № 333-VI, ст. 11 п. 1"),
        (Citation(act="333-VI", article=11, paragraph=1), "en", "Law No. 333-VI, Art 11(1)"),
        (Citation(act="333-VI", article=1, subparagraph=4), "kk", "№ 333-VI Заң, 1-бап 4-тармақ"),
        (Citation(act="333-VI", article=19), "kk", "№ 333-VI Заң, 19-бап"),
        (Citation(act="APPK", article=92), "ru", "АППК РК, ст. 92"),
        (Citation(act="CAO", article=488, paragraph=1), "kk", "ӘҚБтК, 488-бап 1-бөлік"),
        (Citation(act="CAO", article=488, paragraph=1), "ru", "КоАП, ст. 488 ч. 1"),
        (Citation(act="GC37", paragraph=21), "kk", "ЖТЕ № 37, 21-параграф"),
        (Citation(act="GC37", paragraph=21), "ru", "ЗОП № 37, п. 21"),
        (Citation(act="GC37", paragraph=21), "en", "GC37, para. 21"),
        (Citation(act="holidays-law"), "kk", "«Қазақстан Республикасындағы мерекелер туралы» Заң"),
        (Citation(act="CC-61-NP"), "en", "Constitutional Court Normative Resolution No. 61-NP of 20.01.2025"),
        # an act the table does not name keeps its code
        (Citation(act="XYZ", paragraph=10), "kk", "XYZ, 10-параграф"),
    ],
)
def test_citations_read_as_each_language_writes_them(citation: Citation, lang: Lang, expected: str) -> None:
    assert citation_text(citation, lang) == expected


def test_catalogs_are_in_sync_with_the_code() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_generator_keeps_adds_and_drops(tmp_path: Path) -> None:
    script = load_script()
    shutil.copytree(script.LOCALE_DIR, tmp_path, dirs_exist_ok=True)
    script.LOCALE_DIR = tmp_path
    entries = script.source_entries()
    kept, dropped = entries[0][0], entries[1][0]
    new_text = "A brand-new text about {thing}."
    changed = [*(e for e in entries if e[0] != dropped), (new_text, "code: new")]

    assert all(script.sync(lang, entries, check=True) for lang in LANGUAGES)
    assert not script.sync("kk", changed, check=True)  # check mode reports, changes nothing
    assert script.sync("kk", entries, check=True)
    for lang in LANGUAGES:
        assert not script.sync(lang, changed, check=False)
        assert script.sync(lang, changed, check=True)

    def entry(lang: str, msgid: str) -> Any:
        with script.po_path(lang).open("rb") as handle:
            return read_po(handle, locale=script.BABEL_LOCALES[lang]).get(msgid)

    assert entry("kk", kept).string == template("doc.page", "kk")
    assert entry("kk", dropped) is None
    assert entry("kk", new_text).string == ""  # to translate
    assert entry("en", new_text).string == new_text  # the English catalog starts from the source text
