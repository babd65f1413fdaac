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
    space_before: bool = False  # anchors: whitespace stood before / after it in the source
    space_after: bool = False
    breaks: bool = False  # anchors that separate words (a line break, a tab): a space in the text


def text(value: str) -> Inline:
    return Inline("text", value)


def span(node, children: list[Inline]) -> Inline:
    return Inline("span", node=node, children=children)


def anchor(node, *, breaks: bool = False) -> Inline:
    return Inline("anchor", node=node, breaks=breaks)


def build_text(items: list[Inline]) -> str:
    """The unit's text with whitespace runs collapsed to one space and no space at either end; sets
    every item's `start`/`end` to its place in that text."""
    out: list[str] = []
    length = 0

    def last_is_space() -> bool:
        return not out or out[-1].endswith(" ")

    waiting: list[Inline] = []  # anchors that learn whether whitespace follows them

    def walk(items: list[Inline]) -> None:
        nonlocal length
        for item in items:
            item.start = length
            if item.kind == "text":
                piece = _SPACE.sub(" ", item.text)
                if piece:
                    for a in waiting:
                        a.space_after = piece[0] == " "
                    waiting.clear()
                if last_is_space():
                    piece = piece.lstrip(" ")
                out.append(piece)
                length += len(piece)
            elif item.kind == "span":
                walk(item.children)
            else:
                item.space_before = bool(out) and out[-1].endswith(" ") and length > 0
                waiting.append(item)
                if item.breaks and not last_is_space():  # "Zeile<br>Zeile": two words to the model
                    out.append(" ")
                    length += 1
                    item.end = length - 1
                    continue
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
    # First the spans the aligner finds words for; then, in source order, everything else (spans
    # placed by position, anchors, empty spans), each kept between its placed neighbours.
    spots: dict[int, tuple[int, int, str]] = {}  # order -> (start, end, how)
    for order, item in enumerate(items):
        if item.kind == "span" and source[item.start : item.end].strip():
            rng, how = aligner.span(item.start, item.end, lo, hi)
            if how == "aligned":
                rng = _free(rng, _taken(spots), lo, hi)
                if rng is not None:
                    spots[order] = (rng[0], rng[1], how)
    floor = lo
    for order, item in enumerate(items):
        if item.kind == "text" or order in spots:
            if order in spots:
                floor = max(floor, spots[order][1]) if spots[order][0] >= floor else floor
            continue
        low = max([s[1] for o, s in spots.items() if o < order] + [floor])
        high = min([s[0] for o, s in spots.items() if o > order] + [hi])
        if low > high:  # its neighbours changed places: only the unit's bounds hold
            low, high = floor if floor <= hi else lo, hi
        if item.kind == "span" and source[item.start : item.end].strip():
            guess = aligner.span(item.start, item.end, low, high)[0]
            rng = _free(guess, _taken(spots), low, high) if guess else None
            spots[order] = (rng[0], rng[1], "position") if rng else (low, low, "empty")
        else:
            pos = min(max(aligner.point(item.start, lo, hi), low), high)
            pos = _outside(pos, _taken(spots))
            end = pos
            if item.kind == "anchor" and item.breaks and pos < hi and target[pos] == " ":
                end = pos + 1  # the break stands for the space after the word: it replaces it
            elif item.kind == "anchor" and item.space_before and not item.space_after and pos < hi and target[pos] == " ":
                pos = end = pos + 1  # "und ![Bild](x)." : the anchor goes after the space, before the full stop
            spots[order] = (pos, end, "")
        floor = spots[order][1]
    events: list[tuple[int, int, int, Inline]] = []
    for order, (a, b, how) in spots.items():
        item = items[order]
        events.append((a, b, order, item))
        if item.kind == "span" and source[item.start : item.end].strip():
            placements.append(Placement(how, source[item.start : item.end], target[a:b]))
    events.sort(key=lambda e: (e[0], e[1] > e[0], e[2]))
    out: list[Inline] = []
    cursor = lo
    for start, end, _order, item in events:
        if start > cursor:
            out.append(Inline("text", target[cursor:start]))
            cursor = start
        if item.kind == "anchor":
            if item.breaks:
                out.append(item)
                cursor = max(cursor, end)
                continue
            if item.space_before and start > lo and not target[start - 1].isspace() and not _ends_space(out):
                out.append(Inline("text", " "))
            out.append(item)
            if item.space_after and start < hi and not target[start].isspace():
                out.append(Inline("text", " "))
        else:
            children = _place(item.children, start, end, target, aligner, placements, source)
            out.append(Inline("span", node=item.node, children=children))
            cursor = max(cursor, end)
    if cursor < hi:
        out.append(Inline("text", target[cursor:hi]))
    return out


def _taken(spots: dict) -> list[tuple[int, int]]:
    return [(a, b) for a, b, how in spots.values() if b > a and how]  # (a break's space is not a span)


def _ends_space(out: list[Inline]) -> bool:
    return bool(out) and out[-1].kind == "text" and out[-1].text[-1:].isspace()


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
