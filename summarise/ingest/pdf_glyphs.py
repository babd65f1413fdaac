"""PDF pages → lines of text with their geometry, read character by character through PDFium
(pypdfium2): every glyph's box, baseline, font size and weight. Invisible characters go first; words
come from PDFium's word gaps plus the glyphs' own spacing (a justified line without space characters
still falls apart into its words)."""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from .clean import INVISIBLE, LIGATURES, collapse_spaces

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.I)


@dataclass
class Line:
    text: str
    page: int
    x0: float
    x1: float
    y: float  # baseline, measured from the top of the page
    size: float
    bold: bool
    first_word_width: float  # how much room the line's first word needs (with a space before it)
    soft_end: bool = False  # ends in a hyphen PDFium marked as a syllable break
    column: int = 0
    band: int = 0
    chars: int = 0

    @property
    def top(self) -> float:
        return self.y - self.size


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def read_pages(data: bytes, name: str) -> list[Page]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise InputError(f"{name} is an encrypted PDF: remove the password first") from e
        raise InputError(f"{name} looks like a PDF but cannot be read ({e})") from e
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                width, height = page.get_size()
                pages.append(Page(i, width, height, _page_lines(page, i, height)))
            finally:
                page.close()
        return pages
    except pdfium.PdfiumError as e:
        raise InputError(f"{name} looks like a PDF but cannot be read ({e})") from e
    finally:
        pdf.close()


@dataclass
class _Char:
    ch: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool
    generated: bool
    hyphen: bool


def _chars(page, height: float) -> list[_Char]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        n = raw.FPDFText_CountChars(textpage)
        rect = raw.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        name = ctypes.create_string_buffer(96)
        flags = ctypes.c_int()
        matrix = raw.FS_MATRIX()
        fonts: dict[bytes, bool] = {}
        out: list[_Char] = []
        for i in range(n):
            code = raw.FPDFText_GetUnicode(textpage, i)
            generated = bool(raw.FPDFText_IsGenerated(textpage, i))
            ch = chr(code) if code else ""
            if generated:
                if ch in " \r\n":
                    out.append(_Char(" " if ch == " " else "\n", 0, 0, 0, 0, False, True, False))
                continue
            # PDFium reports a syllable-break hyphen as \x02; a soft hyphen only shows at a line end
            soft = ch == "\u00ad"
            if (
                not ch
                or (ch in INVISIBLE and not soft)
                or (ch.isspace() and ch != " ")
                or (ord(ch) < 32 and ch != "\x02")
            ):
                continue
            raw.FPDFText_GetLooseCharBox(textpage, i, rect)
            raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
            # The size the reader sees: the font size times the text matrix's scale. Word via some
            # converters (and OCRmyPDF's pass-through) sets every font at 1 pt and scales the matrix.
            size = raw.FPDFText_GetFontSize(textpage, i)
            if raw.FPDFText_GetMatrix(textpage, i, matrix):
                scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                if scale > 0:
                    size *= scale
            raw.FPDFText_GetFontInfo(textpage, i, name, len(name), flags)
            font = name.value
            bold = fonts.get(font)
            if bold is None:
                bold = fonts[font] = bool(_BOLD_NAME.search(font.decode("latin-1")))
            bold = bold or raw.FPDFText_GetFontWeight(textpage, i) >= 600
            out.append(
                _Char(
                    "-" if soft or ch == "\x02" else ch,
                    rect.left,
                    rect.right,
                    height - oy.value,
                    size,
                    bold,
                    False,
                    soft,
                )
            )
        return out
    finally:
        textpage.close()


def _page_lines(page, number: int, height: float) -> list[Line]:
    """Characters in content order → lines: a new line where PDFium saw one, where the baseline moves
    or the text jumps back to the left, or across a gap too wide for a word space (another column)."""
    lines: list[Line] = []
    current: list[_Char] = []
    pending_space = False

    def flush() -> None:
        nonlocal current
        if current:
            line = _make_line(current, number)
            if line is not None:
                lines.append(line)
        current = []

    for c in _chars(page, height):
        if c.generated:
            if c.ch == "\n":
                flush()
                pending_space = False
            else:
                pending_space = True
            continue
        if c.ch == " ":
            pending_space = True
            continue
        if current:
            prev = current[-1]
            em = max(prev.size, c.size, 1.0)
            if abs(c.y - prev.y) > 0.45 * em or c.x0 < prev.x0 - 0.5 * em or c.x0 - prev.x1 > 2.5 * em:
                flush()
                pending_space = False
        if current and (pending_space or c.x0 - current[-1].x1 > 0.18 * max(c.size, 1.0)):
            current.append(_Char(" ", current[-1].x1, c.x0, c.y, c.size, c.bold, True, False))
        pending_space = False
        current.append(c)
    flush()
    return lines


def _make_line(chars: list[_Char], page: int) -> Line | None:
    # a soft hyphen is only visible where the line breaks
    chars = [c for i, c in enumerate(chars) if not c.hyphen or i == len(chars) - 1]
    text = "".join(c.ch for c in chars)
    text = collapse_spaces(text.translate(LIGATURES))
    if not text:
        return None
    glyphs = [c for c in chars if not c.generated]
    sizes = Counter(round(c.size * 2) / 2 for c in glyphs)
    size = sizes.most_common(1)[0][0]
    # the baseline of the body of the line (a superscript or a drop cap does not move it)
    y = statistics.median(c.y for c in glyphs if round(c.size * 2) / 2 == size)
    bold = sum(c.bold for c in glyphs) >= 0.8 * len(glyphs)
    space = next((i for i, c in enumerate(chars) if c.ch == " "), len(chars))
    word_end = chars[space - 1].x1 if space else chars[0].x1
    space_width = 0.3 * size
    return Line(
        text=text,
        page=page,
        x0=glyphs[0].x0,
        x1=max(c.x1 for c in glyphs),
        y=y,
        size=size,
        bold=bold,
        first_word_width=word_end - glyphs[0].x0 + space_width,
        soft_end=glyphs[-1].hyphen and text.endswith("-"),
        chars=len(glyphs),
    )


def body_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += line.chars
    return sizes.most_common(1)[0][0]
