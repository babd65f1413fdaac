"""The inline content of one translatable unit (a paragraph, a list item, a table cell's text), in a
form every format shares: plain text, spans (bold, a link, a Word run with its own formatting) that
hold their own inline content, and anchors (a footnote reference, an image, a field) that carry no
translatable text but stand at a place in it.

A writer turns its own tree into `Inline` items; the engine translates the unit's text and places
every span on the aligned English words and every anchor at the aligned position (`place`); the
writer then writes the placed items back into its tree. Nothing is dropped: a span that cannot be
aligned is placed by position and said so, an anchor always stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SPACE = re.compile(r"\s+")


@dataclass
class Inline:
    kind: str  # "text" | "span" | "anchor"
    text: str = ""  # text items only: the source text as it stands in the file
    node: Any = None  # the writer's handle (an element, a run template, a markup pair)
    children: list[Inline] = field(default_factory=list)  # spans only
    start: int = 0  # offsets into the unit's normalised text (set by `build_text`)
    end: int = 0


def text(value: str) -> Inline:
    return Inline("text", value)


def span(node, children: list[Inline]) -> Inline:
    return Inline("span", node=node, children=children)


def anchor(node) -> Inline:
    return Inline("anchor", node=node)


def build_text(items: list[Inline]) -> str:
    """The unit's text with whitespace runs collapsed to one space and no space at either end; sets
    every item's `start`/`end` to its place in that text."""
    out: list[str] = []
    length = 0

    def last_is_space() -> bool:
        return not out or out[-1].endswith(" ")

    def walk(items: list[Inline]) -> None:
        nonlocal length
        for item in items:
            item.start = length
            if item.kind == "text":
                piece = _SPACE.sub(" ", item.text)
                if last_is_space():
                    piece = piece.lstrip(" ")
                out.append(piece)
                length += len(piece)
            elif item.kind == "span":
                walk(item.children)
            item.end = length

    walk(items)
    joined = "".join(out)
    stripped = joined.rstrip(" ")
    if len(stripped) < len(joined):  # clamp the offsets past the trailing space
        cut = len(stripped)

        def clamp(items: list[Inline]) -> None:
            for item in items:
                item.start, item.end = min(item.start, cut), min(item.end, cut)
                clamp(item.children)

        clamp(items)
    return stripped


def spans_of(items: list[Inline]) -> list[Inline]:
    """Every span of the tree, outermost first."""
    found = []
    for item in items:
        if item.kind == "span":
            found.append(item)
            found.extend(spans_of(item.children))
    return found


def anchors_of(items: list[Inline]) -> list[Inline]:
    found = []
    for item in items:
        if item.kind == "anchor":
            found.append(item)
        elif item.kind == "span":
            found.extend(anchors_of(item.children))
    return found


# --- placing the source tree on the translation -----------------------------------------------------


@dataclass
class Placement:
    """How each span of a unit was placed: "aligned" (on the words its own translation or its tokens
    point to), "position" (no aligned words found: placed where it stood, proportionally) or
    "empty" (no room left: the span is kept with no text; its words stay in the sentence)."""

    how: str
    source: str  # the span's source words
    target: str  # the English words it was placed on


def place(items: list[Inline], target: str, aligner, placements: list[Placement], source: str) -> list[Inline]:
    """The items re-laid over `target`: text items hold English, spans hold the aligned English words,
    anchors stand at their aligned positions. Appends one Placement per span to `placements`."""
    return _place(items, 0, len(target), target, aligner, placements, source)


def _place(items, lo: int, hi: int, target: str, aligner, placements, source) -> list[Inline]:
    events: list[tuple[int, int, int, Inline]] = []  # (start, end, order, item)
    taken: list[tuple[int, int]] = []
    for order, item in enumerate(items):
        if item.kind == "span":
            words = source[item.start : item.end]
            if not words.strip():  # a span with no text (an empty link): keep it where it stood
                pos = aligner.point(item.start, lo, hi)
                events.append((pos, pos, order, item))
                continue
            rng, how = aligner.span(item.start, item.end, lo, hi)
            rng = _free(rng, taken, lo, hi) if rng else None
            if rng is None:
                pos = aligner.point(item.start, lo, hi)
                pos = _outside(pos, taken)
                rng, how = (pos, pos), "empty"
            taken.append(rng)
            events.append((rng[0], rng[1], order, item))
            placements.append(Placement(how, words, target[rng[0] : rng[1]]))
        elif item.kind == "anchor":
            pos = _outside(aligner.point(item.start, lo, hi), taken)
            events.append((pos, pos, order, item))
    # Anchors placed inside a span's range move to its end (they were outside it in the source).
    events.sort(key=lambda e: (e[0], e[1] > e[0], e[2]))
    out: list[Inline] = []
    cursor = lo
    for start, end, _order, item in events:
        if start > cursor:
            out.append(Inline("text", target[cursor:start]))
            cursor = start
        if item.kind == "anchor":
            out.append(item)
        else:
            children = _place(item.children, start, end, target, aligner, placements, source)
            out.append(Inline("span", node=item.node, children=children))
            cursor = max(cursor, end)
    if cursor < hi:
        out.append(Inline("text", target[cursor:hi]))
    return out


def _free(rng: tuple[int, int], taken: list[tuple[int, int]], lo: int, hi: int) -> tuple[int, int] | None:
    """`rng` clipped to [lo, hi) and to the part not taken by an earlier span; None when nothing is left."""
    a, b = max(rng[0], lo), min(rng[1], hi)
    for ta, tb in taken:
        if a < tb and ta < b:  # overlap: keep the larger side outside it
            if a < ta and (ta - a) >= (b - tb):
                b = ta
            elif tb < b:
                a = tb
            else:
                return None
    return (a, b) if a < b else None


def _outside(pos: int, taken: list[tuple[int, int]]) -> int:
    for ta, tb in taken:
        if ta < pos < tb:
            return tb
    return pos
