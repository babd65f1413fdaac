"""Protecting spans of a source text from the model: placeholders in, the wanted text back out.

`protect(text, spans)` replaces each span (start, end, replacement) by a placeholder such as ``ZXT0``
the model copies through; `restore(output, protected)` puts each span's replacement where the model
left its placeholder, and returns None when that cannot be done safely: a placeholder lost, one the
model invented, or anything placeholder-like left over. A caller then retranslates without
placeholders, so no placeholder can ever reach a translation. Glossary terms use it (the replacement
is the English term); name repair can share it (the replacement is the name).

Why this form. Marian models (SentencePiece vocabularies) copy through what they cannot translate:
codes and acronyms. A placeholder must therefore look like a code — capital letters and a digit, no
German or English word inside (``TERM0`` could come back as "term 0", and "term" is a word the
English side uses) — and must not occur in the text (the tag is chosen per text from `TAGS`). What
the number repair saw of opus-mt (``NUM0`` coming back as "NUM 0", "Num0") is tolerated here too:
case, a space or hyphen inside, a plural -s after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Letter codes that are words in neither language; the first absent from a text is used for it.
TAGS = ("ZXT", "ZXQ", "QZX", "XQZ", "ZQX", "QXZ")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)[\"'“‘(]*$")


@dataclass(frozen=True)
class Protected:
    """A text as the model sees it: `text` with placeholders `tag`0, `tag`1, ... for `replacements`."""

    text: str
    tag: str | None  # None: nothing protected (`text` is the original)
    replacements: tuple[str, ...] = ()

    @property
    def masked(self) -> bool:
        return bool(self.replacements)

    def placeholder(self, index: int) -> str:
        return f"{self.tag}{index}"


def _tag_for(text: str) -> str | None:
    lower = text.lower()
    return next((t for t in TAGS if t.lower() not in lower), None)


def protect(text: str, spans: Sequence[tuple[int, int, str]]) -> Protected:
    """`text` with each (start, end, replacement) span replaced by a placeholder, left to right.
    Overlapping spans keep the first; no usable tag (every one occurs in the text): nothing protected."""
    spans = sorted(spans)
    tag = _tag_for(text) if spans else None
    if tag is None:
        return Protected(text, None)
    out, replacements, at = [], [], 0
    for start, end, replacement in spans:
        if start < at or end <= start:
            continue
        out.append(text[at:start])
        out.append(f"{tag}{len(replacements)}")
        replacements.append(replacement)
        at = end
    out.append(text[at:])
    return Protected("".join(out), tag, tuple(replacements))


def _pattern(tag: str) -> re.Pattern:
    # "ZXT0", "zxt0", "ZXT 0", "ZX T0", "ZXT-0", "Zxt_0"; not glued to a letter before it.
    letters = r"[\s\-_]?".join(re.escape(ch) for ch in tag)
    return re.compile(rf"(?<![^\W\d_]){letters}[\s\-_]?(\d+)", re.IGNORECASE)


def _residue(tag: str) -> re.Pattern:
    """Anything left of a placeholder: the tag's letters, however spaced, digits or not."""
    return re.compile(r"[\s\-_]?".join(re.escape(ch) for ch in tag), re.IGNORECASE)


def restore(output: str, protected: Protected) -> str | None:
    """`output` with every placeholder replaced; None when one is missing, unknown, or something
    placeholder-like is left (the caller falls back to translating without placeholders)."""
    if not protected.masked:
        return output if protected.tag is None or not leaks(output, protected.tag) else None
    pattern = _pattern(protected.tag)
    found = [int(m.group(1)) for m in pattern.finditer(output)]
    if set(found) != set(range(len(protected.replacements))):
        return None

    def put_back(m: re.Match) -> str:
        replacement = protected.replacements[int(m.group(1))]
        if replacement[:1].islower() and _SENTENCE_START.search(output[: m.start()]):
            replacement = replacement[0].upper() + replacement[1:]
        return replacement

    restored = pattern.sub(put_back, output)
    if leaks(restored, protected.tag, protected.replacements):
        return None
    return restored


def leaks(text: str, tag: str, allowed: Sequence[str] = ()) -> bool:
    """Whether `text` holds any trace of `tag`'s placeholders (outside the `allowed` replacements)."""
    residue = _residue(tag)
    if not residue.search(text):
        return False
    for replacement in allowed:
        text = text.replace(replacement, " ")
    return bool(residue.search(text))


def scrub(text: str, tags: Sequence[str] = TAGS) -> str:
    """Last line of defence: `text` with any placeholder of `tags` cut out (a translation is never
    allowed to show one, whatever a backend does)."""
    for tag in tags:
        if _residue(tag).search(text):
            text = _pattern(tag).sub("", text)
            text = _residue(tag).sub("", text)
            text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return text
