"""Line-level evidence for rebuilding paragraphs, and joining wrapped lines into one text.

Shared by every source whose text comes in lines (pasted text, PDF): does a line end a sentence, start
mid-sentence, end in a word that needs more ("und", "der", ","), or end in a hyphen — and if so, is it
a typesetting hyphen (dropped), a word hyphen (kept) or an elliptical one ("Raum- und")?
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..language.german import CLOSERS, CONNECTOR_WORDS, ELLIPSIS_WORDS, HYPHENS, OPENERS, ends_sentence

_BULLET = re.compile(r"^[-•*▪‣◦]\s+\S")
# A line that is nothing but a page number, as PDF viewers copy it along with the text and as the PDF
# reader finds it in a page's margin: "2", "- 2 -", "Seite 2", "S. 2", "2 / 5", "2 von 5".
PAGE_NUMBER_LINE = re.compile(
    r"^[-–—]?\s*(?:(?:Seite|Page|S\.)\s*)?\d{1,4}(?:\s*(?:/|von|of)\s*\d{1,4})?\s*[-–—]?$", re.I
)
_WORD_HYPHEN_END = re.compile(rf"(\w+)[{HYPHENS}]$")


def last_word(line: str) -> str:
    parts = line.split(" ")
    return parts[-1] if parts else ""


def first_word(line: str) -> str:
    return line.split(" ", 1)[0]


def has_inner_sentence_end(text: str) -> bool:
    # a colon does not count here: headings use it ("Verteidigung: Ziel erreicht")
    tokens = text.split(" ")
    for token, nxt in zip(tokens, tokens[1:], strict=False):
        if (
            not token.rstrip(CLOSERS).endswith(":")
            and ends_sentence(token, nxt)
            and nxt.lstrip(OPENERS)[:1].isupper()
        ):
            return True
    return False


def ends_with_word_hyphen(line: str) -> bool:
    if len(line) > 2 and line[-1] in HYPHENS and line[-2] in "“”\"'»)]" and line[-3].isalnum():
        return True  # „Black Lives Matter“-/Demonstration, (0:0)-/Erfolg
    return len(line) > 1 and line[-1] in HYPHENS and (line[-2].isalnum() or line[-2] == "_")


_DASH_CONTINUATION = re.compile(r"^[-–—]\s+[a-zäöüß]")
# "a) …", "bb) …", "iv) …": an item of a lettered list starts lowercase but is no continuation
_LETTERED_ITEM = re.compile(r"^\(?[a-z]{1,3}\)\s")


def starts_continuation(line: str) -> bool:
    """A line starting in lowercase (or with , ; ) .) carries on the sentence before it, and so does a
    spaced dash before a lowercase word ("– und wird es dabei bleiben?")."""
    first = line[:1]
    if _LETTERED_ITEM.match(line):
        return False
    return first.islower() or first in ",;.)]" or bool(_DASH_CONTINUATION.match(line))


def ends_with_connector(line: str) -> bool:
    if line[-1:] in ",;(„" or line.endswith((" -", " –", " —")):
        return True
    return last_word(line).lower() in CONNECTOR_WORDS


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


# --------------------------------------------------------------------------- hyphens and joining


@lru_cache(maxsize=4096)
def is_known_word(word: str) -> bool:
    """Is `word` (lowercase) a German word in wordfreq's list? Decides typesetting vs word hyphens."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return False
    return zipf_frequency(word, "de") >= 1.0


@lru_cache(maxsize=1024)
def _common_word(word: str) -> bool:
    """A frequent word ("sowie": Zipf 5.7), not one that only shows up as a glued-together typo
    ("kinderund": 1.2)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "de") >= 3.0


def line_end_hyphen(left: str, right: str) -> str:
    """How to join `left` (ending in word + hyphen) with `right`.

    Returns "drop" for a typesetting hyphen ("Verstär-" + "kung" → "Verstärkung"), "keep" for a hyphen
    that belongs to the word ("Ukraine-" + "Krieg", "KI-" + "gesteuerter") and "space" for an elliptical
    hyphen ("Drogen-" + "und Waffenhandel").
    """
    m = _WORD_HYPHEN_END.search(last_word(left))
    stem = m.group(1) if m else ""
    nxt = re.match(r"\w+", right)
    if not stem or not nxt:
        return "keep"
    head = nxt.group(0)
    if _in_url(last_word(left)):
        return "keep"  # a URL or e-mail address broken at one of its own hyphens
    if head.lower() in ELLIPSIS_WORDS:
        # "Drogen- und Waffenhandel" — but "so-" + "wie" is the word "sowie" broken in two
        return "drop" if _common_word((stem + head).lower()) else "space"
    # A capital after the hyphen: German compounds only capitalise after a real hyphen (Ukraine-Krieg).
    if head[0].isupper() or head[0].isdigit():
        return "keep"
    # Acronym, number or single-letter prefixes keep theirs: KI-gesteuert, US-amerikanisch, 30-tägig.
    if stem.isupper() or stem[-1].isdigit() or len(stem) == 1:
        return "keep"
    joined = (stem + head).lower()
    # A compound that goes on with more hyphens: Schritt-für-Schritt keeps it, Euro-fighter-Jets does not.
    if "-" in right.split(" ", 1)[0]:
        return "drop" if is_known_word(joined) else "keep"
    # Otherwise a lowercase continuation is a syllable break, except in adjective pairs
    # (deutsch-französische, nordkoreanisch-russische). Only there does the word list decide: a known
    # joined word (Tischdecke, wirtschaftliche) means a syllable break.
    if not re.search(r"(sch|lich|ig)$", stem.lower()) or is_known_word(joined):
        return "drop"
    return "keep" if is_known_word(head.lower()) else "drop"


_URLISH = re.compile(r"(?:https?://|ftp://|www\.)\S+|\w@\w", re.I)


def _in_url(word: str) -> bool:
    return bool(_URLISH.search(word))


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines with a space, or mend a word broken at a line end (see line_end_hyphen)."""
    parts: list[str] = []
    for line in lines:
        prev = parts[-1] if parts else ""
        if prev and ends_with_word_hyphen(prev) and line[:1].isalnum():
            how = line_end_hyphen(prev, line)
            if how == "drop":
                parts[-1] = prev[:-1]
            if how != "space":
                parts.append(line)
                continue
        if parts:
            parts.append(" ")
        parts.append(line)
    return "".join(parts)
