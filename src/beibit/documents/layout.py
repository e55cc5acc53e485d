"""The page: A4, the shipped DejaVu Sans, and the few blocks the four documents are made of (headings with
their citation, label/value rows, notes, boxes for the organizer to fill in, signature lines).

fpdf2 does the PDF work; this module keeps its API in one place so the documents read as content only. The
PDF's creation date is the document's own date, passed in, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Final

from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.util import Padding

from beibit.documents.i18n import Lang, text

FONT: Final = "DejaVuSans"
_FONT_FILES: Final = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# fpdf2 reads this moment as "no date" in the metadata: used for a document with no date of its own.
_NO_DATE: Final = dt.datetime(1969, 12, 31, 19, 0, 0, tzinfo=dt.UTC)

Color = tuple[int, int, int]
INK: Final[Color] = (25, 25, 25)
MUTED: Final[Color] = (95, 95, 95)
ACCENT: Final[Color] = (22, 58, 100)
MISSING: Final[Color] = (160, 30, 30)
NOTE_FILL: Final[Color] = (238, 242, 247)
FILL_IN_FILL: Final[Color] = (255, 249, 228)
FILL_IN_LINE: Final[Color] = (190, 150, 40)

BODY_PT: Final = 10.0
SMALL_PT: Final = 8.5
LINE_MM: Final = 5.2
MARGIN_MM: Final = 20.0


@dataclass(frozen=True, slots=True)
class Row:
    """One label/value line; a `missing` value is printed in the colour of gaps. A row with an empty value
    heads the rows after it (an organizer, the representative) and spans the table."""

    label: str
    value: str
    missing: bool = False
    strong: bool = False  # a value the reader must not miss (a deadline)


class _Pages(FPDF):
    def __init__(self, footer_left: str, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._footer_left = footer_left
        self._page_label = page_label

    def footer(self) -> None:
        # Every page names the document and the case, so a loose page can be put back where it belongs.
        self.set_y(-14)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        width = self.epw * 0.75
        self.cell(width, 4, self._footer_left, align=Align.L)
        self.cell(self.epw - width, 4, self._page_label.replace("{page}", str(self.page_no())), align=Align.R)


class Document:
    """One PDF being written top to bottom."""

    def __init__(self, *, lang: Lang, title: str, reference: str, created: dt.datetime | None) -> None:
        footer = text("doc.footer", lang, title=title, reference=reference) if reference else title
        # "{page}" stays a field for the footer; "{nb}" is fpdf2's alias for the page count, filled at output.
        page_label = text("doc.page", lang, page="{page}", pages="{nb}")
        self.lang = lang
        self.pdf = _Pages(footer, page_label)
        pdf = self.pdf
        with ExitStack() as stack:
            for style, name in _FONT_FILES.items():
                source = resources.files("beibit.documents").joinpath(f"fonts/{name}")
                pdf.add_font(FONT, style, stack.enter_context(resources.as_file(source)))
        pdf.set_margins(MARGIN_MM, 18, MARGIN_MM)
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.alias_nb_pages()
        pdf.set_lang(lang)
        pdf.set_title(title)
        pdf.set_creator("Beibit")
        pdf.set_producer("Beibit (fpdf2)")
        pdf.set_creation_date(created or _NO_DATE)
        pdf.add_page()
        self._font()

    # --- state ----------------------------------------------------------------------------------------

    def _font(self, *, bold: bool = False, size: float = BODY_PT, color: Color = INK) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def space(self, mm: float = 2.5) -> None:
        self.pdf.ln(mm)

    def _keep(self, height: float) -> None:
        """Start a new page unless `height` mm still fit, so a heading is not left alone at a page's foot."""
        if self.pdf.will_page_break(height):
            self.pdf.add_page()

    def _height(self, words: str, width: float, line: float) -> float:
        """The height `words` take in the current font at `width`, without printing them."""
        lines = self.pdf.multi_cell(width, line, words, dry_run=True, output="LINES")
        return (len(lines) if isinstance(lines, list) else 1) * line

    # --- blocks ---------------------------------------------------------------------------------------

    def addressee(self, lines: Sequence[str]) -> None:
        """Lines on the right half of the page, as letters in Kazakhstan are addressed."""
        pdf = self.pdf
        self._font()
        left = pdf.l_margin + pdf.epw * 0.45
        for line in lines:
            pdf.set_x(left)
            pdf.multi_cell(pdf.epw * 0.55, LINE_MM, line, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.space(4)

    def title(self, words: str, subtitle: str = "") -> None:
        pdf = self.pdf
        self._font(bold=True, size=14, color=ACCENT)
        pdf.multi_cell(0, 7, words, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self._font(size=SMALL_PT + 0.5, color=MUTED)
            pdf.multi_cell(0, 4.5, subtitle, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.space(4)

    def banner(self, words: str) -> None:
        """A framed warning across the page (the appeal draft's "draft" notice)."""
        pdf = self.pdf
        self._font(bold=True, size=9, color=MISSING)
        pdf.set_draw_color(*MISSING)
        pdf.set_line_width(0.4)
        pdf.multi_cell(
            0, 5, words, border=1, align=Align.C, padding=Padding.new(2), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_line_width(0.2)
        self.space(3)

    def heading(self, words: str, citation: str = "") -> None:
        pdf = self.pdf
        self._keep(22)
        self.space(2)
        self._font(bold=True, size=11, color=ACCENT)
        pdf.multi_cell(0, 5.8, words, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if citation:
            self._font(size=SMALL_PT, color=MUTED)
            pdf.multi_cell(0, 4.2, citation, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.space(1.2)

    def paragraph(self, words: str, *, bold: bool = False, color: Color = INK, size: float = BODY_PT) -> None:
        self._font(bold=bold, size=size, color=color)
        self.pdf.multi_cell(0, LINE_MM, words, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.space(1.2)

    def rows(self, rows: Sequence[Row], *, label_share: float = 0.34) -> None:
        if not rows:
            return
        pdf = self.pdf
        self._font()
        label_style = FontFace(family=FONT, emphasis="", size_pt=9, color=MUTED)
        value_style = FontFace(family=FONT, emphasis="", size_pt=BODY_PT, color=INK)
        missing_style = FontFace(family=FONT, emphasis="B", size_pt=BODY_PT, color=MISSING)
        group_style = FontFace(family=FONT, emphasis="B", size_pt=9, color=INK)
        strong_style = FontFace(family=FONT, emphasis="B", size_pt=BODY_PT + 0.5, color=ACCENT)
        with pdf.table(
            col_widths=(label_share, 1 - label_share),
            first_row_as_headings=False,
            borders_layout=TableBordersLayout.NONE,
            line_height=LINE_MM,
            text_align=(Align.L, Align.L),
            v_align="TOP",
            padding=(0.8, 1.5, 0.8, 0),
        ) as table:
            for row in rows:
                cells = table.row()
                if not row.value and not row.missing:
                    cells.cell(row.label, style=group_style, colspan=2)
                    continue
                cells.cell(row.label, style=label_style)
                face = value_style
                if row.missing or row.strong:
                    face = missing_style if row.missing else strong_style
                cells.cell(row.value, style=face)
        self.space(1.5)

    def bullets(self, items: Sequence[str], *, color: Color = INK, size: float = BODY_PT) -> None:
        pdf = self.pdf
        self._font(color=color, size=size)
        indent = 5.0
        for item in items:
            pdf.set_x(pdf.l_margin)
            pdf.cell(indent, LINE_MM, "•")
            pdf.multi_cell(
                pdf.epw - indent, LINE_MM, item, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self.space(1.2)

    def note(self, words: str, *, bold: bool = False) -> None:
        """A shaded paragraph: what the reader must not miss (deadlines, the effect of silence)."""
        pdf = self.pdf
        self._font(bold=bold, size=9.5)
        self._keep(self._height(words, pdf.epw - 4.4, 5) + 4.4)  # a note is read whole: never split it
        pdf.set_fill_color(*NOTE_FILL)
        pdf.multi_cell(
            0,
            5,
            words,
            fill=True,
            align=Align.L,
            padding=Padding.new(2.2),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_fill_color(255, 255, 255)  # fpdf2 keeps the colour; later tables must not inherit it
        self.space(2)

    def fill_in(self, label: str, prompt: str, *, lines: int = 5) -> None:
        """A box the organizer completes: its label says so in capitals, the prompt says what goes in it,
        and ruled lines leave room to write by hand."""
        pdf = self.pdf
        self._font(size=9.5)
        prompt_height = self._height(prompt, pdf.epw - 6, 4.6)
        height = 6 + prompt_height + 4 + lines * 7 + 2
        self._keep(height + 2)
        top = pdf.get_y()
        pdf.set_fill_color(*FILL_IN_FILL)
        pdf.set_draw_color(*FILL_IN_LINE)
        pdf.set_line_width(0.4)
        pdf.rect(pdf.l_margin, top, pdf.epw, height, style="DF")
        pdf.set_line_width(0.2)
        pdf.set_xy(pdf.l_margin + 3, top + 2)
        self._font(bold=True, size=7.5, color=MISSING)
        pdf.cell(pdf.epw - 6, 4, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(pdf.l_margin + 3)
        self._font(size=9.5, color=MUTED)
        pdf.multi_cell(pdf.epw - 6, 4.6, prompt, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = pdf.get_y() + 8
        for _ in range(lines):
            pdf.line(pdf.l_margin + 3, y, pdf.l_margin + pdf.epw - 3, y)
            y += 7
        pdf.set_draw_color(0, 0, 0)
        pdf.set_fill_color(255, 255, 255)
        pdf.set_y(top + height + 3)

    def signatures(self, labels: Sequence[str]) -> None:
        """Blank lines to sign and date by hand."""
        pdf = self.pdf
        self._keep(12 * len(labels) + 6)
        self.space(4)
        self._font(size=9.5, color=MUTED)
        blank = text("doc.blank_line", self.lang)
        for label in labels:
            pdf.cell(45, 9, label)
            self._font()
            pdf.cell(0, 9, blank, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self._font(size=9.5, color=MUTED)

    @contextmanager
    def indented(self, mm: float = 5) -> Iterator[None]:
        pdf = self.pdf
        pdf.set_left_margin(pdf.l_margin + mm)
        pdf.set_x(pdf.l_margin)
        try:
            yield
        finally:
            pdf.set_left_margin(pdf.l_margin - mm)
            pdf.set_x(pdf.l_margin)

    def output(self) -> bytes:
        return bytes(self.pdf.output())
