"""The kk and ru catalogs of the law engine's messages: complete, placeholder-safe and in sync with the
English texts in `beibit.law.messages`."""

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

from beibit.law.messages import MESSAGES, all_msgids, render, template, untranslated
from beibit.law.model import FactValue

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update_law_catalogs.py"
TRANSLATED = ("kk", "ru")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def translation(lang: str, msgid: str) -> str:
    path = ROOT / "src" / "beibit" / "law" / "locale" / lang / "LC_MESSAGES" / "beibit-law.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    message = catalog.get(msgid)
    assert message is not None and isinstance(message.string, str)
    return message.string


def load_script() -> Any:
    spec = importlib.util.spec_from_file_location("update_law_catalogs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_text_is_translated(lang: str) -> None:
    assert untranslated(lang) == []


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("msgid", all_msgids())
def test_translation_keeps_the_placeholders(lang: str, msgid: str) -> None:
    assert placeholders(translation(lang, msgid)) == placeholders(msgid)


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_renders(lang: str, code: str) -> None:
    facts: dict[str, FactValue] = dict.fromkeys(placeholders(MESSAGES[code]), "X")
    text = render(code, facts, lang)
    assert text
    assert text != render(code, facts, "en")
    assert template(code, lang) != MESSAGES[code]


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
    changed = [*(e for e in entries if e[0] != dropped), ("A brand-new text about {thing}.", "code: new")]

    assert all(script.sync(lang, entries, check=True) for lang in TRANSLATED)
    assert not script.sync("kk", changed, check=True)  # check mode reports, changes nothing
    assert script.sync("kk", entries, check=True)
    assert not script.sync("kk", changed, check=False)
    assert script.sync("kk", changed, check=True)

    with script.po_path("kk").open("rb") as handle:
        catalog = read_po(handle, locale="kk")
    old = catalog.get(kept)
    assert old is not None and old.string == translation("kk", kept)
    assert catalog.get(dropped) is None
    new = catalog.get("A brand-new text about {thing}.")
    assert new is not None and new.string == "" and not new.fuzzy


def test_a_form_is_named_in_the_readers_language() -> None:
    """The facts keep the contract's code (`march`); the Kazakh and Russian sentences name the form."""
    from beibit.law.messages import render

    assert "шеру" in render("law.approval_required", {"form": "march"}, "kk")
    assert "шествие" in render("law.approval_required", {"form": "march"}, "ru")
    assert "march" not in render("law.approval_required", {"form": "march"}, "ru")
    assert render("law.approval_required", {"form": "march"}, "en").startswith("A march")
