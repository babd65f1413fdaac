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
    # a list item's first line: where its text starts after the bullet (wrapped lines align there)
    item_x0: float | None = None
    note_mark: bool = False  # starts with a raised note marker (the first line of a footnote)
    markers: tuple[str, ...] = ()  # the footnote markers dropped from this line's text

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

    pending_break = False
    for c in _chars(page, height):
        if c.generated:
            if c.ch == "\n":
                pending_break = True
            else:
                pending_space = True
            continue
        if c.ch == " ":
            pending_space = True
            continue
        if pending_break and current:
            # PDFium starts a new line wherever the baseline moves, also for a raised footnote marker;
            # the text that goes on right after it on the line's own baseline is the same line
            prev, em = current[-1], max(current[0].size, c.size, 1.0)
            if not (abs(c.y - current[0].y) < 0.2 * em and -0.3 * em <= c.x0 - prev.x1 <= 0.5 * em):
                flush()
                pending_space = False
        pending_break = False
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
    glyphs = [c for c in chars if not c.generated]
    if not glyphs:
        return None
    sizes = Counter(round(c.size * 2) / 2 for c in glyphs)
    size = sizes.most_common(1)[0][0]
    # the baseline of the body of the line (a superscript or a drop cap does not move it)
    y = statistics.median(c.y for c in glyphs if round(c.size * 2) / 2 == size)
    note_mark = _leading_marker(chars, size, y)
    if note_mark:
        chars = chars[note_mark:]
    chars, markers = _drop_note_markers(chars, size, y)
    chars = _rejoin_letter_spacing(chars, size)
    item_x0 = None
    if len(chars) > 2 and _is_bullet_glyph(chars[0].ch) and chars[1].ch == " ":
        chars = [_Char("•", *_rest(chars[0]))] + chars[1:]
        item_x0 = chars[2].x0
    text = "".join(c.ch for c in chars)
    text = collapse_spaces(text.translate(LIGATURES))
    if not text:
        return None
    glyphs = [c for c in chars if not c.generated]
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
        item_x0=item_x0,
        note_mark=bool(note_mark),
        markers=tuple(markers),
    )


# Bullets as fonts draw them: Unicode bullets and squares, and the private-use code points of Symbol
# and Wingdings that Word writes for its list bullets (U+F0B7, U+F0A7, U+F0D8 ...).
_BULLETS = "•●▪■□◦‣◆◇►▸➢➤✓✔·"


def _is_bullet_glyph(ch: str) -> bool:
    return ch in _BULLETS or 0xF020 <= ord(ch) <= 0xF0FF


def _rest(c: _Char) -> tuple:
    return (c.x0, c.x1, c.y, c.size, c.bold, c.generated, c.hyphen)


_MARKER = re.compile(r"[0-9*†‡]")
_CLOSING = ".,;:)]!?»“”\"'"


def _leading_marker(chars: list[_Char], size: float, y: float) -> int:
    """How many characters a raised note marker takes at the start of the line ("¹ Vgl. …"), with the
    space after it; 0 when the line does not start with one."""
    k = 0
    while k < len(chars) and not chars[k].generated and _MARKER.match(chars[k].ch):
        c = chars[k]
        if not (c.size <= 0.8 * size and y - c.y >= 0.2 * size):
            return 0
        k += 1
    if not k or k > 3 or k == len(chars):
        return 0
    return k + 1 if chars[k].ch == " " else k


def _drop_note_markers(chars: list[_Char], size: float, y: float) -> tuple[list[_Char], list[str]]:
    """Footnote markers out of the text: digits (or * † ‡) set smaller and raised above the baseline
    right after a word ("Mindestvorschriften²)." -> "Mindestvorschriften)."), with the gap they leave.
    Also returns the markers ("2")."""
    out: list[_Char] = []
    markers: list[str] = []
    dropped = False
    for c in chars:
        if (
            not c.generated
            and _MARKER.match(c.ch)
            and c.size <= 0.8 * size
            and y - c.y >= 0.2 * size
            and out
            and (out[-1].ch.isalnum() or out[-1].ch in _CLOSING or dropped)
        ):
            if dropped and markers:
                markers[-1] += c.ch
            else:
                markers.append(c.ch)
            dropped = True
            continue
        if dropped and c.ch == " " and c.generated:
            continue  # the space after a marker is decided by what follows (below)
        if dropped and out and not (c.ch in _CLOSING or c.ch == "-"):
            out.append(_Char(" ", out[-1].x1, c.x0, c.y, c.size, c.bold, True, False))
        dropped = False
        out.append(c)
    return out, markers


def _rejoin_letter_spacing(chars: list[_Char], size: float) -> list[_Char]:
    """Letter-spaced words ("B e s c h l u s s", "G r ü n d e :") as words again. A run of three or
    more one-glyph tokens is spaced type: inside it, only a gap clearly wider than the run's usual
    letter gap (by a fraction of the font's space width) is a word space."""
    tokens: list[list[_Char]] = [[]]
    for c in chars:
        if c.generated and c.ch == " ":
            tokens.append([])
        else:
            tokens[-1].append(c)
    tokens = [t for t in tokens if t]
    # letters only (a closing ":" or "," may end the run): "1 2 3" in a table stays three numbers
    single = [len(t) == 1 and (t[0].ch.isalpha() or (k > 0 and t[0].ch in ":,.")) for k, t in enumerate(tokens)]
    out: list[_Char] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and single[j]:
            j += 1
        if j - i >= 3:
            run = [t[0] for t in tokens[i:j]]
            gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:], strict=False)]
            usual = statistics.median(gaps)
            if out:
                out.append(_space_between(out[-1], run[0]))
            out.append(run[0])
            for gap, c in zip(gaps, run[1:], strict=True):
                if gap > usual + 0.15 * size:
                    out.append(_space_between(out[-1], c))
                out.append(c)
            i = j
            continue
        if out:
            out.append(_space_between(out[-1], tokens[i][0]))
        out.extend(tokens[i])
        i += 1
    return out


def _space_between(a: _Char, b: _Char) -> _Char:
    return _Char(" ", a.x1, b.x0, b.y, b.size, b.bold, True, False)


def body_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += line.chars
    return sizes.most_common(1)[0][0]
