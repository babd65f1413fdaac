"""A small typesetter for PDF tests: places every word at its own position (no space characters in
the PDF, as TeX does), justifies lines, marks paragraphs by first-line indent or by a gap, sets text
in one or two columns, and adds running heads, page numbers or a browser-style print header/footer.

The real-document corpus (tests/corpus) covers real typesetters; this one lets a test switch one
layout feature at a time without TeX.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
]


@dataclass
class Style:
    columns: int = 1
    indent: bool = True  # paragraphs by first-line indent (no gap); False: by a gap, no indent
    body: float = 10
    running_head: str | None = None
    page_numbers: bool = True
    print_margins: bool = False  # browser print header (date, page title) and footer (URL, "1/2")
    reverse_columns: bool = False  # write the right column into the PDF first (reading order test)
    page: tuple[float, float] = (148, 180)  # mm


class LayoutPdf:
    def __init__(self, style: Style):
        import pytest

        fpdf = pytest.importorskip("fpdf")
        warnings.filterwarnings("ignore", module="fpdf")
        self.style = style
        self.pdf = fpdf.FPDF(unit="pt", format=(style.page[0] * 72 / 25.4, style.page[1] * 72 / 25.4))
        self.pdf.set_auto_page_break(False)
        font = next((f for f in FONTS if Path(f).exists()), None)
        if font:
            self.pdf.add_font("Body", "", font)
            bold = font.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
            self.pdf.add_font("Body", "B", bold if Path(bold).exists() else font)
            self.family = "Body"
        else:  # core font: Latin-1 only, which the test texts keep to
            self.family = "Helvetica"
        self.width, self.height = self.pdf.w, self.pdf.h
        self.margin = 40.0
        self.gutter = 18.0
        self.pages: list[list[tuple]] = []  # per page: (column, x, y, word, size, bold)

    # ------------------------------------------------------------------ layout

    def column_box(self, col: int) -> tuple[float, float]:
        n = self.style.columns
        w = (self.width - 2 * self.margin - (n - 1) * self.gutter) / n
        x = self.margin + col * (w + self.gutter)
        return x, w

    def measure(self, word: str, size: float, bold: bool) -> float:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        return self.pdf.get_string_width(word)

    def typeset(self, blocks: list[tuple[str, str]]) -> bytes:
        s = self.style
        top, bottom = self.margin + 20, self.height - self.margin - 10
        page: list[tuple] = []
        col, y = 0, top
        first_para = True

        def new_column():
            nonlocal col, y, page
            col += 1
            y = top
            if col >= s.columns:
                self.pages.append(page)
                page, col = [], 0

        for kind, text in blocks:
            size = {"title": 1.8 * s.body, "heading": 1.2 * s.body}.get(kind, s.body)
            bold = kind != "paragraph"
            lead = 1.25 * size
            if kind != "paragraph" or not s.indent:
                y += 0.6 * lead if y != top else 0
            x0, w = self.column_box(0 if kind == "title" and s.columns > 1 else col)
            if kind == "title" and s.columns > 1:
                w = self.width - 2 * self.margin  # the title spans both columns
            words = text.split()
            indent = 1.5 * size if kind == "paragraph" and s.indent and not first_para else 0
            lines: list[list[str]] = [[]]
            avail = w - indent
            for word in words:
                trial = " ".join([*lines[-1], word])
                if lines[-1] and self.measure(trial, size, bold) > avail:
                    lines.append([word])
                    avail = w
                else:
                    lines[-1].append(word)
            for i, line in enumerate(lines):
                if y + lead > bottom:
                    new_column()
                    x0, w = self.column_box(col)
                y += lead
                lx = x0 + (indent if i == 0 else 0)
                lw = w - (indent if i == 0 else 0)
                widths = [self.measure(wd, size, bold) for wd in line]
                last = i == len(lines) - 1
                gap = self.measure(" ", size, bold)
                if not last and kind == "paragraph" and len(line) > 1:
                    gap = (lw - sum(widths)) / (len(line) - 1)  # justified
                x = lx
                for wd, wdw in zip(line, widths, strict=True):
                    page.append((col, x, y, wd, size, bold))
                    x += wdw + gap
            if kind == "title" and s.columns > 1:
                top = y + lead  # the columns start under the title
            first_para = kind != "paragraph"
        self.pages.append(page)
        return self.render()

    def render(self) -> bytes:
        s = self.style
        pdf = self.pdf
        n = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            pdf.add_page()
            order = sorted(page, key=lambda p: -p[0]) if s.reverse_columns else page
            for _, x, y, word, size, bold in order:
                pdf.set_font(self.family, "B" if bold else "", size)
                pdf.text(x, y, word)
            pdf.set_font(self.family, "", 0.8 * s.body)
            if s.running_head:
                pdf.text(self.margin, self.margin, s.running_head)
            if s.page_numbers:
                pdf.text(self.width / 2 - 5, self.height - self.margin + 10, str(number))
            if s.print_margins:
                pdf.set_font(self.family, "", 7)
                pdf.text(12, 14, "29.11.26, 11:39")
                pdf.text(self.width / 2 - 60, 14, "Artikel | Tagesblatt")
                pdf.text(12, self.height - 10, "file:///home/leser/artikel.html")
                pdf.text(self.width - 30, self.height - 10, f"{number}/{n}")
        return bytes(pdf.output())


def typeset(blocks: list[tuple[str, str]], **style) -> bytes:
    return LayoutPdf(Style(**style)).typeset(blocks)
