"""Where a source span's words went in the translation: a light lexical aligner.

The model's attention is not available on every backend (CTranslate2 returns none by default, the
phrasebook doubles have none), so spans are aligned from text alone, in this order:

1. the span's own translation (the model translates each formatted span once, cached and batched
   with the rest) found in the sentence's translation: exactly, case-insensitively, or as the
   window of English words sharing the most word stems with it (at least half of them);
2. the span's tokens that pass through translation unchanged (numbers, names, URLs);
3. failing both, its proportional position in the sentence ("position" in the report).

A point (where an anchor such as a footnote reference stands) follows the source word before it:
at the end of a sentence it goes to the end of the same English sentence, otherwise to its
proportional position, snapped to a word boundary.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\w[\w'’-]*", re.U)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'“”»«)\]]*(?=\s|$)")


def covers_all(source: str, start: int, end: int) -> bool:
    """The span holds all of the unit's text (a menu item's link, a bold heading)."""
    return not source[:start].strip() and not source[end:].strip()


def _stem(word: str) -> str:
    return word.lower()[:5]


class Aligner:
    def __init__(self, source: str, target: str, span_translations: dict[str, str]):
        self.source = source
        self.target = target
        self.span_translations = span_translations
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(target)]

    # --- spans -------------------------------------------------------------------------------------

    def span(self, start: int, end: int, lo: int, hi: int) -> tuple[tuple[int, int] | None, str]:
        words = self.source[start:end].strip()
        if covers_all(self.source, start, end):  # a link that is the whole paragraph: the whole translation
            return (lo, hi), "aligned"
        guess = self._proportional(start, end, lo, hi)
        translated = self.span_translations.get(words)
        if translated:
            found = self._find(translated.strip().rstrip(".!?;:,").strip(), lo, hi, guess)
            if found:
                return found, "aligned"
        found = self._same_tokens(words, lo, hi)
        if found:
            return found, "aligned"
        return guess, "position"

    def _find(self, phrase: str, lo: int, hi: int, guess: tuple[int, int]) -> tuple[int, int] | None:
        if not phrase:
            return None
        hits = [
            (m.start(), m.end())
            for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", self.target[lo:hi], re.I)
        ]
        if hits:
            best = min(hits, key=lambda h: abs(h[0] + lo - guess[0]))
            return best[0] + lo, best[1] + lo
        # The words sharing most stems with the span's own translation, in a window of about its length
        # (sliding windows: linear in the sentence's words for each of the three widths).
        stems = [_stem(w) for w in _WORD.findall(phrase)]
        inside = [w for w in self.words if w[0] >= lo and w[1] <= hi]
        size = len(stems)
        if not stems or size > 2 * len(inside) + 2:
            return None
        wanted = Counter(stems)
        words = [_stem(self.target[a:b]) for a, b in inside]
        best_score, best = 0.0, None
        for width in (size - 1, size, size + 1):
            if width < 1 or width > len(words):
                continue
            window: Counter = Counter()
            shared = 0
            for i, stem in enumerate(words):
                if window[stem] < wanted[stem]:
                    shared += 1
                window[stem] += 1
                if i >= width:
                    old = words[i - width]
                    window[old] -= 1
                    if window[old] < wanted[old]:
                        shared -= 1
                if i >= width - 1:
                    first = i - width + 1
                    score = shared / max(size, width)
                    if score > best_score or (
                        score == best_score and best is not None and abs(inside[first][0] - guess[0]) < abs(best[0] - guess[0])
                    ):
                        best_score, best = score, (inside[first][0], inside[i][1])
        return best if best_score >= 0.5 else None

    def _same_tokens(self, words: str, lo: int, hi: int) -> tuple[int, int] | None:
        """Tokens a translation keeps as they are: numbers, capitalised names, words with digits."""
        if not any(c.isalpha() for c in words):  # punctuation, a number: it stands as it is, or nowhere
            m = re.search(re.escape(words), self.target[lo:hi])
            return (m.start() + lo, m.end() + lo) if m else None
        keep = [w for w in _WORD.findall(words) if any(c.isdigit() for c in w) or (w[:1].isupper() and len(w) > 3)]
        if not keep:
            return None
        hits = []
        for token in keep:
            m = re.search(r"(?<!\w)" + re.escape(token) + r"(?!\w)", self.target[lo:hi])
            if m is None:
                return None  # a German noun is capitalised too: all of them must be there
            hits.append((m.start() + lo, m.end() + lo))
        return min(h[0] for h in hits), max(h[1] for h in hits)

    def _proportional(self, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
        n = max(len(self.source), 1)
        a = self._snap(lo + round((hi - lo) * start / n), lo, hi, forward=True)
        b = self._snap(lo + round((hi - lo) * end / n), lo, hi, forward=False)
        if b <= a:  # at least one word
            after = [w for w in self.words if w[0] >= a and w[1] <= hi]
            if after:
                a, b = after[0]
            else:
                before = [w for w in self.words if w[0] >= lo and w[1] <= hi]
                if not before:
                    return lo, lo
                a, b = before[-1]
        return a, b

    def _snap(self, pos: int, lo: int, hi: int, *, forward: bool) -> int:
        """The nearest word start (forward) or word end at or around `pos`, inside [lo, hi]."""
        inside = [w for w in self.words if w[0] >= lo and w[1] <= hi]
        if not inside:
            return lo
        key = 0 if forward else 1
        return min((w[key] for w in inside), key=lambda p: abs(p - pos))

    # --- points ------------------------------------------------------------------------------------

    def point(self, offset: int, lo: int, hi: int) -> int:
        if offset <= 0 or not self.source[:offset].strip():
            return lo
        if offset >= len(self.source.rstrip()):
            return hi
        before = self.source[:offset].rstrip()
        if _SENTENCE_END.search(before[-3:] if len(before) >= 3 else before):
            # After sentence k of the source: after sentence k of the translation.
            k = len(_SENTENCE_END.findall(before))
            ends = [m.end() for m in _SENTENCE_END.finditer(self.target) if lo <= m.end() <= hi]
            if len(ends) >= k:
                return ends[k - 1]
        n = max(len(self.source), 1)
        pos = lo + round((hi - lo) * offset / n)
        inside = [w[1] for w in self.words if lo <= w[1] <= hi]
        return min(inside, key=lambda p: abs(p - pos)) if inside else lo
