"""PDF → blocks from the page layout: glyph positions, font sizes and weights (PDFium via pypdfium2).

Text extraction that only returns strings loses what a reader sees: where words end on tight justified
lines, which column a line belongs to, that a paragraph starts with an indent, that a heading is set
bigger or bold. So this module reads every character with its box, baseline, size and weight, and:

1. builds lines (PDFium's word gaps, plus a space wherever the glyphs stand apart), dropping invisible
   characters (soft hyphens, zero-width spaces) first;
2. drops furniture: lines that are only a page number, text repeated at the same place on several
   pages (running heads and feet, a browser's print header and footer), date/URL/"1/2" lines in a
   page's margins, and small print around the body (navigation, bylines, captions, footers);
3. orders lines by column: a gutter that no body line crosses splits a page into columns, read left
   to right, with full-width elements (a title over both columns) cutting the page into bands;
4. starts a new block at a vertical gap, a first-line indent, a change of font size or weight, or after
   a line that ended early (the next word would have fit) — across a column or page break only the
   indent, the font and the early end count;
5. names blocks: the biggest heading-like block near the top is the title (a wrapped title is one
   block), other blocks set bigger or bold than the body are headings; lines are joined with the
   shared hyphen repair (summarise.ingest.lines).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from ..document import Block, Document
from ..errors import InputError
from ..language.german import CLOSERS, ends_sentence
from .clean import collapse_spaces
from .lines import ends_with_word_hyphen, first_word, join_lines
from .pdf_glyphs import Line, Page, body_size, read_pages
from .pdf_layout import drop_small_print, reading_order, remove_furniture
from .pdf_notes import take_footnotes


def pdf_document(data: bytes, name: str = "input") -> Document:
    """The Document of a PDF file; InputError for encrypted, broken or text-less PDFs."""
    pages = read_pages(data, name)
    lines = [line for page in pages for line in page.lines]
    if not lines:
        raise InputError(f"{name}: no text layer: run OCR first (a scanned PDF has only images of its pages)")
    body = body_size(lines)
    for page in pages:
        page.lines = reading_order(page, body)
    notes = [Block("paragraph", note) for note in take_footnotes(pages, body)]
    remove_furniture(pages, body)
    lines = drop_small_print([line for page in pages for line in page.lines], body)
    if not lines:
        raise InputError(f"{name} contains no article text")
    if all(abs(line.size - body) <= 0.06 * body and not line.bold for line in lines):
        # One font throughout: the layout cannot tell a heading from a paragraph, the words can.
        from .text import segment_text

        doc = segment_text(flat_text(lines), markdown=False)
        for block in doc.blocks:
            if block.text.startswith("• "):
                block.text = block.text[2:]  # the bullet is the list's drawing, not its text
        doc.blocks += notes
        return doc
    return Document(make_blocks(lines, pages, body) + notes)


def flat_text(lines: list[Line]) -> str:
    """The lines as text for the plain-text rebuild: a blank line for a paragraph gap or a first-line
    indent, a page-break-sized gap between pages and columns."""
    steps = _line_steps(lines)
    cols = _columns(lines, lines[0].size)
    out = [lines[0].text]
    item_x = lines[0].item_x0
    for a, b in zip(lines, lines[1:], strict=False):
        if b.item_x0 is not None or (item_x is not None and abs(b.x0 - item_x) >= 0.5 * b.size):
            item_x = b.item_x0
        gap = _paragraph_gap(b.y - a.y, steps.get(a.size, 1.2 * a.size), a.size)
        hanging = item_x is not None and abs(b.x0 - item_x) < 0.5 * b.size
        if (a.page, a.column, a.band) != (b.page, b.column, b.band):
            out.append("\n\n\n")
        elif hanging and not gap:
            out[-1] = join_lines([out[-1], b.text])  # a list item's lines are one line of the text
            continue
        elif gap or 0.6 * b.size <= b.x0 - cols[(b.page, b.column)].left <= 5 * b.size:
            out.append("")
        out.append(b.text)
    return "\n".join(out)


# --------------------------------------------------------------------------- blocks


@dataclass
class _Column:
    left: float
    right: float
    justified: bool = False  # most lines reach the right margin


def _columns(lines: list[Line], body: float) -> dict[tuple[int, int], _Column]:
    """Left and right edge of the body text in every column of every page."""
    groups: dict[tuple[int, int], list[Line]] = {}
    for line in lines:
        groups.setdefault((line.page, line.column), []).append(line)
    out = {}
    for key, group in groups.items():
        text = [ln for ln in group if abs(ln.size - body) <= 0.15 * body] or group
        lefts = Counter(round(ln.x0) for ln in text)
        left = min(x for x, n in lefts.items() if n >= max(1, lefts.most_common(1)[0][1] // 3))
        # the right margin: where most lines end (an overfull line sticks out past it)
        ends = sorted(ln.x1 for ln in text)
        right = ends[int(0.9 * (len(ends) - 1))] if len(ends) >= 5 else ends[-1]
        full = sum(right - ln.x1 < 0.5 * body for ln in text)
        out[key] = _Column(float(left), right, justified=len(text) >= 5 and full >= 0.6 * len(text))
    return out


def _line_steps(lines: list[Line]) -> dict[float, float]:
    """The usual baseline-to-baseline step of each font size."""
    steps: dict[float, list[float]] = {}
    for a, b in zip(lines, lines[1:], strict=False):
        if a.page == b.page and a.column == b.column and a.band == b.band and a.size == b.size:
            step = b.y - a.y
            if 0.8 * a.size < step < 2.5 * a.size:
                steps.setdefault(a.size, []).append(step)
    return {size: statistics.median(s) for size, s in steps.items()}


def _paragraph_gap(step: float, usual: float, size: float) -> bool:
    """Is this baseline step more than the usual line step plus a paragraph's space? A third of the
    font size is the least a typesetter leaves (Word's 6 pt after 11 pt text; LaTeX's parskip)."""
    return step > usual + 0.33 * size


def _breaks(
    a: Line, b: Line, cols: dict, steps: dict[float, float], body: float, item_x: float | None = None
) -> bool:
    """Does a new block start at line b (a is the line before it; item_x: where the text of the list
    item that a belongs to starts)?"""
    col_a, col_b = cols[(a.page, a.column)], cols[(b.page, b.column)]
    em = b.size
    same_style = abs(a.size - b.size) <= 0.06 * max(a.size, b.size) and a.bold == b.bold
    if not same_style:
        # a syllable break never crosses a change of font, except inside a paragraph's bold lead-in
        return not (ends_with_word_hyphen(a.text) and b.text[:1].islower())
    if b.item_x0 is not None:
        return True  # a bullet starts a list item
    # the wrapped line of a list item hangs under the item's text, not at the column's edge; inside an
    # item only a vertical gap or a new bullet ends it (Word items hold manual line breaks)
    hanging = item_x is not None and abs(b.x0 - item_x) < 0.5 * em
    indent = 0.0 if hanging else b.x0 - col_b.left
    centred = col_b.right - b.x1 > 2 * em and abs(indent - (col_b.right - b.x1)) < 0.5 * em
    indented = 0.6 * em <= indent <= 5 * em and not centred
    early = col_a.right - a.x1 > b.first_word_width + 0.5 * em
    flows = ends_with_word_hyphen(a.text) or a.soft_end
    same_place = a.page == b.page and a.column == b.column and a.band == b.band
    if same_place:
        step = b.y - a.y
        usual = steps.get(a.size, 1.2 * a.size)
        if _paragraph_gap(step, usual, a.size) or step < 0:
            return not flows or step > 3 * usual
    if flows or hanging:
        return False
    if (
        not same_place
        and col_a.justified
        and col_a.right - a.x1 > em
        and ends_sentence(a.text, first_word(b.text), 1)
        and b.text[:1].isupper()
    ):
        return True  # a justified line that stops short before a page or column break ends its paragraph
    if indented and not hanging and not (a.x0 - col_a.left >= 0.6 * em and abs(a.x0 - b.x0) < 1):
        return True  # a first-line indent (not a block of indented lines such as a quote)
    return early and a.size <= body * 1.06 and not a.bold and ends_sentence(a.text, first_word(b.text), 1)


def make_blocks(lines: list[Line], pages: list[Page], body: float) -> list[Block]:
    cols = _columns(lines, body)
    steps = _line_steps(lines)
    groups: list[list[Line]] = [[lines[0]]]
    item_x = lines[0].item_x0
    for a, b in zip(lines, lines[1:], strict=False):
        if _breaks(a, b, cols, steps, body, item_x):
            groups.append([b])
            item_x = b.item_x0
        else:
            groups[-1].append(b)
    return _name_blocks(groups, body)


def _join(group: list[Line]) -> str:
    texts: list[str] = []
    for i, line in enumerate(group):
        if texts and group[i - 1].soft_end and texts[-1].endswith("-"):
            texts[-1] = texts[-1][:-1] + "\u00ad"  # a syllable break PDFium recognised: joined below
        texts.append(line.text[2:] if i == 0 and line.item_x0 is not None else line.text)
    return collapse_spaces(join_lines(texts).replace("\u00ad ", "").replace("\u00ad", ""))


def _name_blocks(groups: list[list[Line]], body: float) -> list[Block]:
    """title / heading / paragraph from font size and weight; small print around the body goes."""
    info = []
    for group in groups:
        size = max(ln.size for ln in group)
        bold = all(ln.bold for ln in group)
        info.append((group, _join(group), size, bold))
    headingish = [
        i
        for i, (group, text, size, bold) in enumerate(info)
        if (size >= 1.12 * body or (bold and size >= 0.95 * body))
        and (len(group) <= 4 or size >= 1.3 * body)  # a big title may wrap over many narrow lines
        and len(text) <= 250
    ]
    # the title: the biggest heading-like block on the first page that has any
    title_at = None
    if headingish:
        first_page = info[headingish[0]][0][0].page
        candidates = [i for i in headingish if info[i][0][0].page == first_page]
        biggest = max(info[i][2] for i in candidates)
        title_at = next(i for i in candidates if info[i][2] == biggest)
    blocks: list[Block] = []
    for i, (_, text, _, _) in enumerate(info):
        if not text:
            continue
        if title_at is not None and i < title_at and len(text) <= 300:
            continue  # above the title: site name, navigation, breadcrumb, overline
        if i == title_at:
            kind = "title"
        elif i in headingish and not _reads_like_paragraph(text, bigger=info[i][2] >= 1.12 * body):
            kind = "heading"
        else:
            kind = "paragraph"
        blocks.append(Block(kind, text))
    return blocks


def _reads_like_paragraph(text: str, bigger: bool) -> bool:
    """A bold or big block that is a paragraph after all: a long one that ends a sentence, or (set
    only in bold, as leads are) one that ends with a full stop or is a long question."""
    if bigger:
        return len(text) > 200 and ends_sentence(text)
    core = text.rstrip(CLOSERS)
    if core.endswith("?"):
        return len(core) > 60 or "," in core
    return ends_sentence(text) and not core.endswith(":")
