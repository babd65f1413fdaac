"""Cut English text into pieces that each fit a model's input window, on sentence boundaries.

Used by the summariser's map-reduce: nothing is ever dropped or truncated, so joining the chunks
gives back every sentence of the input. A sentence too long for the window on its own is cut at
clause boundaries, then between words, and only as a last resort inside a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+(?=[–—]\s)")
_BLANK_LINES = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in _BLANK_LINES.split(text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    """English sentences of one paragraph (abbreviations such as "U.S." and "Feb." do not end one)."""
    paragraph = " ".join(paragraph.split())
    if not paragraph:
        return []
    return [s.strip() for s in _segmenter().segment(paragraph) if s.strip()]


def split_sentences(text: str) -> list[str]:
    return [s for p in paragraphs(text) for s in sentences(p)]


def pack(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Chunks of `text`, each as many whole sentences as `fits` allows; paragraphs stay on their own lines."""
    chunks: list[str] = []
    current: list[list[str]] = []  # paragraphs of the chunk being built, each a list of sentences

    def render(paras: list[list[str]]) -> str:
        return "\n".join(" ".join(p) for p in paras if p)

    def flush() -> None:
        if any(current):
            chunks.append(render(current))
        current.clear()

    for para in paragraphs(text):
        current.append([])
        for sentence in sentences(para):
            current[-1].append(sentence)
            if fits(render(current)):
                continue
            current[-1].pop()
            flush()
            if fits(sentence):
                current.append([sentence])
            else:
                chunks.extend(_split_long(sentence, fits))
                current.append([])
    flush()
    return chunks


def _split_long(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut one over-long sentence into pieces that fit: at clauses, else between words, else mid-word."""
    for pieces in (_CLAUSE.split(text), text.split()):
        if len(pieces) > 1:
            break
    else:
        half = len(text) // 2
        if half == 0:
            return [text]  # a single character that does not fit: the caller's window is broken
        pieces = [text[:half], text[half:]]
    out: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}" if current else piece
        if fits(candidate):
            current = candidate
            continue
        if current:
            out.append(current)
        if fits(piece):
            current = piece
        else:
            out.extend(_split_long(piece, fits))
            current = ""
    if current:
        out.append(current)
    return out
