"""Plain text and Markdown (typed, saved or pasted out of a PDF) → title / heading / paragraph blocks."""

from __future__ import annotations

import re
from collections import Counter

from ..document import Document
from ..language.german import ends_sentence
from .boilerplate import strip_trailing_boilerplate
from .clean import normalise_text
from .lines import PAGE_NUMBER_LINE
from .markdown import looks_like_markdown, segment_markdown
from .plain import segment_plain


def segment_text(text: str, *, markdown: bool | None = None) -> Document:
    """Split article text into title / heading / paragraph blocks.

    markdown=None detects Markdown by its `#` headings; True / False force the choice.
    """
    lines = normalise_text(text).split("\n")
    if markdown is None:
        markdown = looks_like_markdown(lines)
    blocks = segment_markdown(lines) if markdown else segment_plain(drop_page_furniture(lines))
    return Document(strip_trailing_boilerplate(blocks))


# What a browser prints at the top and bottom of every page: "29.11.26, 11:39", "11/29/26, 11:39 AM",
# the page's address.
PRINT_MARGIN_LINE = re.compile(
    r"^\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?$|^(?:file|https?)://\S+$", re.I
)


def drop_page_furniture(lines: list[str]) -> list[str]:
    """Remove what a PDF viewer copies along with the text but is not part of it: lines that are only
    a page number, a browser's print header and footer, and running heads (a short line that is not
    a sentence, recurs, and sits next to a page number or print margin line or carries a changing
    page number itself — so a speaker's name repeated in an interview stays). Also between the halves of a hyphenated word ("Ergeb-" / "1" /
    "nisse"): the blank lines around one stay, so a page break still reads as one. A document that
    would be left empty keeps its lines."""
    margin = [bool(PAGE_NUMBER_LINE.match(line) or PRINT_MARGIN_LINE.match(line)) for line in lines]
    shape_of = [_shape(line) for line in lines]
    text_at = [i for i, line in enumerate(lines) if line]
    near_margin: set[str] = set()
    for k, i in enumerate(text_at):
        if any(margin[j] for j in text_at[max(0, k - 2) : k + 3]):
            near_margin.add(shape_of[i])
    shapes = Counter(shape_of[i] for i in text_at)
    # a recurring line whose number changes is a head with its page counter ("Tagesblatt Seite 2")
    texts: dict[str, set[str]] = {}
    for line, shape in zip(lines, shape_of, strict=True):
        texts.setdefault(shape, set()).add(line)
    near_margin |= {shape for shape, seen in texts.items() if len(seen) >= 2 and "#" in shape}
    kept = [
        line
        for line, shape, is_margin in zip(lines, shape_of, margin, strict=True)
        if not (is_margin or (shapes[shape] >= 2 and shape in near_margin and _running_head(line)))
    ]
    return kept if any(kept) else lines


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _running_head(line: str) -> bool:
    """Short, not a sentence, and not a line a paragraph could repeat ("Ja." / "Nein.")."""
    return 3 <= len(line) <= 100 and not ends_sentence(line) and line[-1:] not in ",;-–—"
