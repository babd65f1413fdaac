"""German sentence splitting, and splitting of sentences too long for a model, without losing text.

pysbd's German rules handle most abbreviations and ordinals ("z. B.", "Dr.", "26. Februar"), but
it still splits after some abbreviations and ordinals ("Der | 3. Platz", "im Jan. | passiert",
"Bd. | 3"). Those breaks are repaired by merging: a German sentence never starts with a lower-case
letter or a digit-led fragment after an abbreviation, and a piece without final punctuation is no
sentence. Merging too much only makes a unit longer, which `split_to_fit` handles; splitting
inside "26. Februar" would change a number, so the rules lean towards merging.

Every function here keeps all the text: joining the pieces with single spaces gives the input
back with its whitespace normalised (tests check that), so no split can drop a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from . import german

# A sentence ends with . ! ? … (or : before a quote), optionally followed by closing quotes/brackets.
_FINAL = re.compile(r"""[.!?…][\s"'“”„‘’»«)\]]*$""")
_STARTS_LOWER_OR_DIGIT = re.compile(r"^[\"'„“‚‘»«(\[]*[a-zäöüß0-9]")

_WS = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="de", clean=False)


def _ends_sentence(piece: str) -> bool:
    if not _FINAL.search(piece):
        return False
    # "26. Feb." -> "feb"; "z. B." -> a run of single letters (the German module's rules)
    return not german.ends_with_abbreviation(piece)


def split_sentences(text: str) -> list[str]:
    """Split German text into sentences (whitespace normalised; joined with spaces they give the text)."""
    text = normalise_space(text)
    if not text:
        return []
    raw = [normalise_space(s) for s in _segmenter().segment(text)]
    raw = [s for s in raw if s]
    sentences: list[str] = []
    for piece in raw:
        if sentences and (not _ends_sentence(sentences[-1]) or _STARTS_LOWER_OR_DIGIT.match(piece)):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    if normalise_space(" ".join(sentences)) != text:
        # pysbd rewrote characters somewhere; never let the splitter change what is translated
        return [text]
    return sentences


# Clause boundaries, strongest first. Each pattern matches the gap where a split may happen:
# punctuation stays with the left piece, a conjunction starts the right piece.
_CONJUNCTIONS = "|".join(german.CONJUNCTIONS)
# Relative pronouns / articles start a phrase: a weaker boundary than a conjunction, better than any word.
_PHRASE_STARTS = "|".join(german.PHRASE_STARTS)
_BOUNDARIES = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"\s+(?=[–—]\s)"),
    re.compile(r"(?<=,)\s+"),
    re.compile(rf"(?<![–—])\s+(?=(?:{_CONJUNCTIONS})\b)"),  # a dash already opened the clause
    re.compile(rf"(?<![–—])\s+(?=(?:{_PHRASE_STARTS})\b)"),
    re.compile(r"\s+"),  # words: the last resort before characters
)


def split_clauses(text: str, level: int = 0) -> list[str]:
    """Split at the boundaries of `level`: 0 ; and :, 1 dashes, 2 commas, 3 conjunctions, 4 phrase starts
    (articles, prepositions), 5 words."""
    return [p for p in _BOUNDARIES[level].split(normalise_space(text)) if p]


def clause_pieces(text: str) -> list[str]:
    """Every clause of a sentence (punctuation and conjunction boundaries), for the repair strategy that
    translates clause by clause."""
    pieces = [normalise_space(text)]
    for level in range(4):
        pieces = [q for p in pieces for q in split_clauses(p, level)]
    return pieces


def split_to_fit(text: str, max_tokens: int, count_tokens: Callable[[str], int]) -> list[str]:
    """Split `text` into as few pieces as possible that each take at most `max_tokens` model tokens.

    Clause boundaries are tried strongest first and neighbouring clauses are packed back together
    while they fit; words, then characters, are the last resort. Nothing is dropped (pieces cut
    inside a word are the one case where joining with spaces adds a space).
    """
    text = normalise_space(text)
    if not text or count_tokens(text) <= max_tokens:
        return [text] if text else []
    return _split(text, max_tokens, count_tokens, 0)


def _split(text: str, max_tokens: int, count: Callable[[str], int], level: int) -> list[str]:
    if level >= len(_BOUNDARIES):
        return _split_chars(text, max_tokens, count)
    parts = split_clauses(text, level)
    if len(parts) < 2:
        return _split(text, max_tokens, count, level + 1)
    out: list[str] = []
    for piece in _pack(parts, max_tokens, count):
        out.extend([piece] if count(piece) <= max_tokens else _split(piece, max_tokens, count, level + 1))
    return out


def _pack(parts: list[str], max_tokens: int, count: Callable[[str], int]) -> list[str]:
    """Greedily join neighbouring parts while the joined text still fits.

    Linear in the text: each part is counted once and a join is sized as the sum of its parts (a
    tokenizer's count of words joined by spaces is the sum of theirs, give or take a token at a seam).
    Counting every growing join instead costs a tokenizer call over up to `max_tokens` tokens per
    word, which is minutes for a 50,000-character line without punctuation. Each packed piece is
    then counted for real; one that overflows is packed again counting every join (that piece only).
    """
    overhead = count("")  # special tokens every count includes once
    groups: list[list[str]] = []
    sizes: list[int] = []
    for part in parts:
        n = max(count(part) - overhead, 0)
        if groups and sizes[-1] + n + overhead <= max_tokens:
            groups[-1].append(part)
            sizes[-1] += n
        else:
            groups.append([part])
            sizes.append(n)
    packed: list[str] = []
    for group in groups:
        joined = " ".join(group)
        if len(group) == 1 or count(joined) <= max_tokens:
            packed.append(joined)
        else:
            packed.extend(_pack_exact(group, max_tokens, count))
    return packed


def _pack_exact(parts: list[str], max_tokens: int, count: Callable[[str], int]) -> list[str]:
    packed = [parts[0]]
    for part in parts[1:]:
        joined = f"{packed[-1]} {part}"
        if count(joined) <= max_tokens:
            packed[-1] = joined
        else:
            packed.append(part)
    return packed


def _split_chars(text: str, max_tokens: int, count: Callable[[str], int]) -> list[str]:
    """A single 'word' longer than the limit (a URL, a table pasted as one token): cut by characters.

    Each piece is the longest prefix that fits, found by doubling from `max_tokens` characters (a
    token is at least one) and then bisecting, so the text counted is proportional to the piece, not
    to the rest of the text.
    """
    pieces: list[str] = []
    start, n = 0, len(text)
    while start < n:
        rest = n - start

        def fits(k: int, start: int = start) -> bool:
            return count(text[start : start + k]) <= max_tokens

        lo, hi = 0, min(rest, max_tokens)  # lo: longest length known to fit; hi: the next to try
        while fits(hi):
            lo = hi
            if hi == rest:
                break
            hi = min(hi * 2, rest)
        else:
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if fits(mid):
                    lo = mid
                else:
                    hi = mid
        if lo == 0:
            raise ValueError(f"the model's input limit ({max_tokens} tokens) cannot hold even one character")
        pieces.append(text[start : start + lo])
        start += lo
    return pieces
