"""Whom a figure belongs to: the content words it quantifies, and whether a summary moved it.

The referent of a number is the content words of its clause between the previous number (or the clause's
start) and the number itself — "unemployment rose 4 % and prices 2 %": {unemployment} for 4 %, {prices}
for 2 % — or, when none stand there, the words after it up to the next number ("4 % more jobs").
Direction, hedge and relation words are not referents (those are fields of their own). Words are
compared by a crude stem (lower case, plural s dropped), English with English: the brief has the
translation at hand.
"""

from __future__ import annotations

import re

from .number import Number

_WORD = re.compile(r"[^\W\d_]{3,}")
_BOUNDARY = re.compile(r"[.;:!?]\s|[.;:!?]$|\n")
_NOT_REFERENT = frozenset(
    ["the", "and", "but", "for", "with", "from", "that", "this", "these", "those", "are", "was", "were", "been", "being", "has", "have", "had", "will", "would", "can", "could", "should", "its", "their", "his", "her", "they", "them", "she", "him", "not", "also", "than", "then", "there", "here", "into", "onto", "about", "over", "under", "after", "before", "more", "most", "some", "such", "very", "just", "only", "which", "who", "whom", "what", "when", "where", "while", "because", "our", "your", "you", "out", "off", "per", "via", "rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen", "increased", "increase", "increases", "grew", "grow", "growth", "gained", "gain", "climbed", "jumped", "surged", "dropped", "drop", "declined", "decline", "decreased", "decrease", "lost", "lose", "shrank", "slumped", "plunged", "sank", "down", "higher", "lower", "nearly", "almost", "around", "roughly", "approximately", "least", "less", "fewer", "above", "below", "percent", "per", "cent", "percentage", "points", "point", "million", "billion", "trillion", "thousand", "hundred", "year", "years", "month", "months", "day", "days", "week", "weeks", "last", "this", "next", "said", "says", "say", "according", "reached", "stood", "came", "total", "totalled", "compared", "same", "period", "previous", "another", "other", "whole", "new", "now", "still", "already", "again"]
)
# Common verbs of figures ("gets", "costs", "counted"): they tell nothing about whom a figure belongs to.
_NOT_REFERENT |= frozenset(
    ["get", "gets", "got", "getting", "give", "gives", "gave", "given", "receive", "receives", "received", "make", "makes", "made", "take", "takes", "took", "spend", "spends", "spent", "cost", "costs", "pay", "pays", "paid", "live", "lives", "lived", "count", "counts", "counted", "draw", "draws", "drew", "sell", "sells", "sold", "earn", "earns", "earned", "reach", "reaches", "is", "was", "be", "had", "having", "amount", "amounts", "amounted", "stand", "stands"]
)


def _stem(word: str) -> str:
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str, start: int, end: int) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text, start, end) if w.lower() not in _NOT_REFERENT]


def referents(numbers: list[Number], text: str) -> dict[int, frozenset[str]]:
    """id(number) → its referent words, for English `text` and its `numbers` (in text order)."""
    out: dict[int, frozenset[str]] = {}
    ordered = sorted(numbers, key=lambda n: n.start)
    for i, n in enumerate(ordered):
        lo = ordered[i - 1].end if i else 0
        for m in _BOUNDARY.finditer(text, lo, n.start):
            lo = m.end()
        words = _words(text, lo, n.start)[-4:]
        if not words:
            hi = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
            m = _BOUNDARY.search(text, n.end, hi)
            words = _words(text, n.end, m.start() if m else hi)[:3]
        out[id(n)] = frozenset(words)
    return out


def moved(summary_words: frozenset[str], same: list[frozenset[str]], others: list[frozenset[str]]) -> str | None:
    """The word the summary gives a figure that the source gives another figure — when the summary's words
    share more with that other figure's words than with any instance of the same figure ("maize yield"
    for the wheat yield's 8 %) — else None."""
    if not summary_words:
        return None
    best_same = max((len(summary_words & words) for words in same), default=0)
    for words in others:
        shared = summary_words & words
        if len(shared) > best_same:
            return sorted(shared - set().union(*same) or shared)[0]
    return None
