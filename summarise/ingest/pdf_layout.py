"""PDF page layout: what is not the article (page numbers, running heads, print headers and footers,
small print around the body) and in which order the rest is read (columns, full-width bands)."""

from __future__ import annotations

import logging
import re

from .lines import PAGE_NUMBER_LINE
from .pdf_glyphs import Line, Page

log = logging.getLogger(__name__)

# What a browser prints in a page's margins: date and time, the page's URL, "1/2".
DATE_TIME = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b.*\b\d{1,2}:\d{2}\b|\b\d{1,2}:\d{2}\b.*\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
)
URL = re.compile(r"^(?:file|https?)://\S+$|^(?:www\.)\S+\.\w{2,}\S*$", re.I)
# Text below this share of the body size is small print (captions, bylines, navigation, footers).
SMALL = 0.9


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def remove_furniture(pages: list[Page], body: float) -> None:
    """Drop page numbers, running heads and feet, print headers/footers and small print in the margins."""
    repeated = _repeated_lines(pages)
    heads = _head_texts(pages, repeated)
    for page in pages:
        if not page.lines:
            continue
        body_lines = [line for line in page.lines if line.size >= 0.9 * body]
        top = min(line.top for line in body_lines) if body_lines else 0
        bottom = max(line.y for line in body_lines) if body_lines else page.height
        kept = []
        for line in page.lines:
            margin = line.y < 0.12 * page.height or line.top > 0.88 * page.height
            outside = line.y < top or line.top > bottom
            if PAGE_NUMBER_LINE.match(line.text) and (margin or outside):
                continue
            if (page.number, round(line.y), _shape(line.text)) in repeated:
                continue
            if line.text in heads and not line.bold and line.size <= 1.06 * body:
                continue  # a running head's text in the body of a page (a docket number, a short title)
            if (
                (margin or outside)
                and line.size < body
                and (DATE_TIME.search(line.text) or URL.match(line.text))
            ):
                continue
            kept.append(line)
        page.lines = kept


def _repeated_lines(pages: list[Page]) -> set[tuple[int, int, str]]:
    """(page, baseline, shape) of lines near the top or bottom that recur at the same place on other
    pages. Digits are ignored only where they count pages ("Seite 2" / "Seite 3", "VG 3 M 12/12 4"):
    lines that differ in any other way ("investiert 2 / 5 / 8 Millionen Euro") are content, not
    furniture."""
    if len(pages) < 2:
        return set()
    where: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for page in pages:
        for line in page.lines:
            if line.y < 0.2 * page.height or line.top > 0.8 * page.height:
                where.setdefault((round(line.y / 3), _shape(line.text)), []).append((page.number, line.text))
    found = set()
    for page in pages:
        for line in page.lines:
            seen = where.get((round(line.y / 3), _shape(line.text)), [])
            if len({n for n, _ in seen}) >= 2 and _same_but_page_numbers(seen):
                found.add((page.number, round(line.y), _shape(line.text)))
    return found


def _head_texts(pages: list[Page], repeated: set[tuple[int, int, str]]) -> set[str]:
    """The words a running head repeats on every page, its page counter left out ("VG 3 M 12/12")."""
    texts: dict[str, list[list[str]]] = {}
    for page in pages:
        for line in page.lines:
            if (page.number, round(line.y), _shape(line.text)) in repeated:
                texts.setdefault(_shape(line.text), []).append(line.text.split())
    heads = set()
    for seen in texts.values():
        kept = [tok for k, tok in enumerate(seen[0]) if all(len(t) == len(seen[0]) and t[k] == tok for t in seen)]
        base = " ".join(kept).strip(" -–—|·")
        if len(base) >= 6 and not PAGE_NUMBER_LINE.match(base):
            heads.add(base)
    return heads


def _same_but_page_numbers(seen: list[tuple[int, str]]) -> bool:
    """Are these lines (page, text) one text, except for numbers that advance with the page?"""
    numbers = [(page, [int(d) for d in re.findall(r"\d+", text)]) for page, text in seen]
    width = len(numbers[0][1])
    for k in range(width):
        values = {nums[k] for _, nums in numbers}
        if len(values) > 1 and len({nums[k] - page for page, nums in numbers}) > 1:
            return False  # a number that changes, but not in step with the pages
    return True


def drop_small_print(lines: list[Line], body: float, most: int = 400) -> list[Line]:
    """Remove short runs of text set clearly smaller than the body: a web page's navigation, byline,
    photo caption, related-links box and footer, a print header. They sit between the article's lines
    (a caption inside a column, a footer under the shorter column), so they go before paragraphs are
    rebuilt; a long run of small text is kept (it is more likely article text than furniture)."""
    out: list[Line] = []
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.size < SMALL * body:
            run.append(line)
            continue
        if run and sum(len(r.text) for r in run) > most:
            out.extend(run)
        elif run:
            log.info("PDF: left out small print %r", " / ".join(r.text for r in run)[:200])
        run = []
        if line is not None:
            out.append(line)
    return out


# --------------------------------------------------------------------------- columns


def reading_order(page: Page, body: float) -> list[Line]:
    """Lines in reading order: top to bottom in bands; inside a band, column by column."""
    lines = sorted(page.lines, key=lambda ln: (ln.y, ln.x0))
    gutter = _gutter(lines, body)
    if gutter is None:
        for line in lines:
            line.column, line.band = 0, 0
        return _merge_pieces(lines)
    left_edge, right_edge = gutter
    band = 0
    last_span = False
    for line in lines:
        if line.x1 <= left_edge + 1:
            line.column = 0
        elif line.x0 >= right_edge - 1:
            line.column = 1
        else:
            line.column = -1  # crosses the gutter: full width
        if (line.column == -1) != last_span:
            band += 1
            last_span = line.column == -1
        line.band = band
    return _merge_pieces(sorted(lines, key=lambda ln: (ln.band, ln.column, ln.y, ln.x0)))


def _merge_pieces(lines: list[Line]) -> list[Line]:
    """Pieces of one line that were cut at a wide gap (an underfull justified line) and turned out to
    stand in the same column are one line again."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.band, prev.column) == (line.band, line.column)
            and abs(prev.y - line.y) < 0.3 * line.size
            and prev.size == line.size
            and line.x0 > prev.x1
        ):
            prev.text = f"{prev.text} {line.text}"
            prev.x1, prev.chars, prev.soft_end = line.x1, prev.chars + line.chars, line.soft_end
            prev.bold = prev.bold and line.bold
            continue
        out.append(line)
    return out


def _gutter(lines: list[Line], body: float) -> tuple[float, float] | None:
    """The empty vertical strip between two columns: (right end of the left column, left edge of the
    right one), when enough body lines stand on each side and almost none crosses it."""
    text = [ln for ln in lines if abs(ln.size - body) <= 0.15 * body and ln.chars >= 8]
    if len(text) < 6:
        return None
    best = None
    starts = sorted({round(ln.x0) for ln in text})
    for start in starts:
        left = [ln for ln in text if ln.x1 <= start - 0.3 * body]
        right = [ln for ln in text if ln.x0 >= start - 1]
        crossing = len(text) - len(left) - len(right)
        if len(left) < 3 or len(right) < 3 or crossing > 0.1 * len(text):
            continue
        score = min(len(left), len(right))
        if best is None or score > best[0]:
            best = (score, max(ln.x1 for ln in left), float(start))
    return None if best is None else (best[1], best[2])
