"""The shipped fonts cover Kazakh, Russian and the typography the documents use, and carry their licence."""

from __future__ import annotations

from importlib import resources

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # fpdf2's dependency, untyped

from beibit.documents.layout import _FONT_FILES

KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
RUSSIAN = "".join(chr(c) for c in range(ord("А"), ord("я") + 1)) + "Ёё"
TYPOGRAPHY = "№«»–—…“”·•"


@pytest.mark.parametrize("name", sorted(_FONT_FILES.values()))
def test_the_font_has_every_letter_the_documents_print(name: str) -> None:
    path = resources.files("beibit.documents").joinpath(f"fonts/{name}")
    with resources.as_file(path) as font_file:
        cmap = TTFont(font_file).getBestCmap()
    missing = [ch for ch in KAZAKH + RUSSIAN + TYPOGRAPHY if ord(ch) not in cmap]
    assert missing == []


def test_the_fonts_licence_ships_beside_them() -> None:
    fonts = resources.files("beibit.documents").joinpath("fonts")
    licence = fonts.joinpath("LICENSE").read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence
    assert "DejaVu changes are in public domain" in licence
