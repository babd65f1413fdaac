"""Footnotes of a PDF page, kept apart from the article's text.

A footnote area is the run of small print at the foot of a page that starts with a note marker: a
small number (or * † ‡) set raised before the first line of the note's text, or a number that the
page's text carries as a raised marker (LibreOffice sets the note's own number on the baseline). Left in place, it would
sit between the last line of one page and the first of the next, and cut a paragraph that runs on
across the page break in two. So the notes are taken out of the page, each note (its marker dropped,
its lines joined) becomes one paragraph, and the notes of all pages follow the article's text at the
end of the Document, in page order. The markers in the text itself are dropped by pdf_glyphs.
"""

from __future__ import annotations

import re

from .lines import join_lines
from .pdf_glyphs import Line, Page

_MARKER = re.compile(r"^(?:\d{1,3}|[*†‡]{1,3})$")
SMALL = 0.9  # the note text is set smaller than the body (as pdf_layout's small print)


def take_footnotes(pages: list[Page], body: float) -> list[str]:
    """Remove the footnote area from every page (lines in reading order); the notes' texts in order."""
    notes: list[str] = []
    for page in pages:
        seen = {m for line in page.lines for m in line.markers}
        start = _area_start(page.lines, body, seen)
        if start is None:
            continue
        area, page.lines = page.lines[start:], page.lines[:start]
        current: list[str] = []
        for line in area:
            marker_line = _MARKER.match(line.text) and line.size < SMALL * body
            numbered = _numbered(line.text, seen)
            if (marker_line or line.note_mark or numbered) and current:
                notes.append(join_lines(current))
                current = []
            if not marker_line:
                current.append(line.text[len(numbered):].lstrip() if numbered else line.text)
        if current:
            notes.append(join_lines(current))
    return notes


def _numbered(text: str, seen: set[str]) -> str:
    """The marker a note line starts with ("1Vgl. …", "1 Vgl. …") when the page's text carries it."""
    m = re.match(r"^(\d{1,3}|[*†‡]{1,3})\s?(?=[^\d\s.,])", text)
    return m.group(1) if m and m.group(1) in seen else ""


def _area_start(lines: list[Line], body: float, seen: set[str]) -> int | None:
    """Index of the first marker of a footnote area: a small raised number followed by note text on
    about its baseline (or a small line starting with a marker the page's text carries), with nothing
    but small print after it on the page."""
    for i, line in enumerate(lines):
        if line.note_mark or _numbered(line.text, seen):  # marker and text on one line
            starts = line.size < SMALL * body
        elif _MARKER.match(line.text) and line.size <= 0.8 * body and i + 1 < len(lines):
            nxt = lines[i + 1]  # a marker line of its own, its text on about its baseline
            starts = abs(nxt.y - line.y) < nxt.size and nxt.x0 >= line.x1 - 1 and nxt.size < SMALL * body
        else:
            starts = False
        if starts and all(rest.size < SMALL * body for rest in lines[i:]):
            return i
    return None
