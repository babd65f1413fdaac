"""Rebuild title / heading / paragraph blocks from plain text whose lines may be wrapped: text pasted or
extracted from a PDF, or clean text with one paragraph per line.

Text pulled out of a PDF is the hard case: lines wrap mid-sentence, page breaks leave runs of blank
lines in the middle of a sentence, headings and the title wrap over several lines, and words break at
line ends with a hyphen that may or may not belong to the word.

The rebuild decides, for every line boundary, whether the next line continues the current block.
The evidence, strongest first: a word hyphen, a lowercase start or a line ending in "und"/"der"/","
always continues; a sentence end followed by a paragraph gap ends the block; otherwise a line that was
"full" (the next word would not have fit on it) wraps, and one that ended early was ended on purpose.
Blank lines are read relative to the document: a page break is a longer gap than a paragraph break,
and in pdftotext-style text without paragraph gaps only line lengths tell. Blocks that never end a
sentence and are short become the title (the first one) or headings.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Block
from ..language.german import ends_sentence
from .lines import (
    ends_with_connector,
    ends_with_word_hyphen,
    first_word,
    has_inner_sentence_end,
    is_bullet,
    join_lines,
    last_word,
    starts_continuation,
)


@dataclass
class _Chunk:
    lines: list[str]
    gap: int  # blank lines before it


@dataclass
class _Layout:
    """What the page looked like: the wrap width in characters and the usual gap between paragraphs."""

    width: int
    wrapped: bool
    paragraph_gap: int
    # no blank lines between paragraphs (pdftotext style): a blank line is only ever a page break
    dense: bool = False
    # blank lines that merely separate lines (double-spaced extraction); only longer gaps mean anything
    line_gap: int = 0

    def effective_gap(self, gap: int) -> int:
        return 0 if self.dense else max(0, gap - self.line_gap)

    def fits(self, line: str, word: str, margin: float = 0.9) -> bool:
        """Would `word` have fitted at the end of `line`? Then the line was ended on purpose.
        Proportional fonts make character counts noisy by 10-15%, hence the margin."""
        return len(line) + 1 + len(word) <= margin * self.width

    def clearly_short(self, line: str, word: str) -> bool:
        return self.fits(line, word, margin=0.85)

    @property
    def heading_max(self) -> int:
        return max(100, int(1.7 * self.width)) if self.wrapped else 120

    @classmethod
    def measure(cls, chunks: list[_Chunk]) -> _Layout:
        lengths = sorted(len(line) for c in chunks for line in c.lines)
        width = lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))] if lengths else 80
        body = [line for c in chunks for line in c.lines if len(line) >= 30]
        # One paragraph per line: nearly every body line ends a sentence, or lines are longer than any page.
        ending = sum(ends_sentence(line) for line in body)
        long_lines = sum(len(line) > 150 for line in body)
        wrapped = not body or (ending < 0.6 * len(body) and long_lines < 0.5 * len(body))
        dense = wrapped and sum(len(c.lines) for c in chunks) >= 12 * len(chunks)
        # Double-spaced: nearly every line stands alone, wrapped mid-sentence, so the smallest gap is
        # just the line spacing.
        singles = sum(len(c.lines) == 1 for c in chunks)
        line_gap = 0
        if wrapped and len(chunks) >= 6 and singles >= 0.8 * len(chunks):
            line_gap = min(c.gap for c in chunks[1:])
        gaps = [c.gap - line_gap for c in chunks[1:] if c.gap > line_gap]
        paragraph_gap = max(set(gaps), key=gaps.count) if gaps else 1
        return cls(max(width, 20), wrapped, paragraph_gap, dense=dense, line_gap=line_gap)


def _chunks(lines: list[str]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    gap = 0
    for line in lines:
        if not line:
            gap += 1
            continue
        if chunks and gap == 0:
            chunks[-1].lines.append(line)
        else:
            chunks.append(_Chunk([line], gap if chunks else 0))
        gap = 0
    return chunks


def _paragraph_like(lines: list[str], layout: _Layout) -> bool:
    """Has the block shown it is a paragraph: several lines, a full-width wrapped line (headings are
    short or set in a bigger font), a sentence end inside, or more text than a heading holds? A line
    much longer than the body's lines is no evidence: a title over two columns is set that wide."""
    if len(lines) >= 3 or any(0.8 * layout.width <= len(line) <= 1.2 * layout.width for line in lines[:-1]):
        return True
    text = join_lines(lines)
    return len(text) > layout.heading_max or has_inner_sentence_end(text)


def _continues(block: list[str], line: str, gap: int, rest: list[str], layout: _Layout) -> bool:
    """Does `line` (after `gap` blank lines) continue the block whose lines so far are `block`?"""
    prev = block[-1]
    word = first_word(line)
    gap = layout.effective_gap(gap)
    if ends_with_word_hyphen(prev) and line[:1].isalnum():
        return True
    if starts_continuation(line) and not is_bullet(block[0]) and not prev.endswith(":"):
        return True  # also "- und …": a dash before a lowercase word inside a sentence, not a list
    if is_bullet(line):
        return False
    if starts_continuation(line) or ends_with_connector(prev):
        return True
    if ends_sentence(prev, word, gap):
        if not layout.wrapped:
            return False
        if gap:
            # A page-break-sized gap after a full line, then a full line: the page cut a paragraph after
            # one of its sentences (far likelier than a paragraph ending exactly at a full line).
            return (
                gap > layout.paragraph_gap
                and not layout.fits(prev, word)
                and _starts_paragraph(rest, layout)
                and not _heading_ahead(rest, layout)
            )
        if _heading_ahead(rest, layout):
            return False
        return not layout.clearly_short(prev, word)
    if not layout.wrapped or is_bullet(block[0]):
        return False
    if _paragraph_like(block, layout):
        return True  # a paragraph that has not finished its sentence: a wrap or a page break
    # The block so far reads like a title or heading.
    if gap:
        if not layout.fits(prev, word):
            return True  # the line was full: a page break cut a paragraph's first line off
        # a fairly full line ending in a lowercase word, then a page-break-sized gap
        return (
            gap > layout.paragraph_gap and len(prev) >= 0.75 * layout.width and last_word(prev)[:1].islower()
        )
    if not layout.clearly_short(prev, word):
        return True
    # A short line, then a line in the same chunk: a two-line heading, unless that line starts a paragraph.
    return not _starts_paragraph(rest, layout)


def _heading_ahead(rest: list[str], layout: _Layout) -> bool:
    """Do the lines in `rest` start with a heading of one to three lines that ends on purpose (its last line
    is short for what follows) and is followed by a fresh start? This finds headings between paragraphs
    even when no blank line sets them apart; a heading's own wrap may look full, as headings use a
    bigger font."""
    for k in range(1, min(3, len(rest) - 1) + 1):
        head, following = rest[:k], rest[k]
        last = head[-1]
        if ends_sentence(head[0]) or len(join_lines(head)) > layout.heading_max:
            return False
        if ends_with_connector(last) or ends_with_word_hyphen(last) or starts_continuation(following):
            continue
        if not layout.clearly_short(last, first_word(following)):
            continue
        return not any(ends_sentence(line) for line in head) and _starts_paragraph(rest[k:], layout)
    return False


def _starts_paragraph(rest: list[str], layout: _Layout) -> bool:
    """Does rest[0] read like the first line of a paragraph: a sentence end, or a full line?"""
    line = rest[0]
    if ends_sentence(line):
        return True
    if len(rest) > 1 and not starts_continuation(rest[1]):
        return not layout.clearly_short(line, first_word(rest[1]))
    return len(line) >= 0.75 * layout.width


def _heading_like(lines: list[str], text: str, layout: _Layout) -> bool:
    if is_bullet(lines[0]) or len(lines) > 3 or len(text) > layout.heading_max:
        return False
    if has_inner_sentence_end(text) or ends_with_connector(text):
        return False
    if text.endswith("?"):
        # short questions are headings ("Wie geht es weiter?"); longer ones are sentences
        return len(text) <= 60 and "," not in text
    return not ends_sentence(text)


def segment_plain(lines: list[str]) -> list[Block]:
    chunks = _chunks(lines)
    if not chunks:
        return []
    layout = _Layout.measure(chunks)
    groups: list[list[str]] = []
    for chunk in chunks:
        for i, line in enumerate(chunk.lines):
            gap = chunk.gap if i == 0 else 0
            # the decisions look at most five lines ahead
            if groups and _continues(groups[-1], line, gap, chunk.lines[i : i + 6], layout):
                groups[-1].append(line)
            else:
                groups.append([line])
    blocks: list[Block] = []
    seen_title = seen_paragraph = False
    for group in groups:
        text = join_lines(group)
        if not _heading_like(group, text, layout):
            kind, seen_paragraph = "paragraph", True
        elif not seen_title and not seen_paragraph:
            kind, seen_title = "title", True
        else:
            kind = "heading"
        blocks.append(Block(kind, text))
    return blocks
