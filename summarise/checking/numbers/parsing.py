"""Turning a written number into a value: Babel for digit strings, text2num for number words.

Both are cached: news text repeats the same numbers and words, and the cache is what lets the
checker run at thousands of sentence pairs per second.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal
from text_to_num import text2num

from .lexicon import ENGLISH_IRREGULAR_ORDINALS, GERMAN_IRREGULAR_ORDINALS

# One token of digits and in-number separators: "3.000", "1.234,56", "04.05.2018", "14:30", "2017/18",
# or digit groups split by (thin / no-break / plain) spaces, "3 000", when every later group has 3 digits.
# The pattern starts with \d so the regex engine can skip ahead fast; `digit_tokens` then checks the
# space grouping (the first group must have 1-3 digits: "2018 500" is a year and a count).
_SPACES = "\u00a0\u202f\u2009 '’"  # the apostrophes: Swiss grouping, 110'000
VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
DIGIT_TOKEN = re.compile(rf"\d+(?:[.,:/]\d+)*(?:[{_SPACES}]\d{{3}}(?!\d)(?:[.,]\d+)?)*[½¼¾⅓⅔]?")
SPACE_CHARS = re.compile(f"[{_SPACES}]")
_SPACE_SET = frozenset(_SPACES)  # the same test without a regex call per token
_SPACE_GROUPED = re.compile(rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?")


# The next token from a position: the non-digits before it skipped in one possessive run, which the engine
# does several times faster than `finditer` tries each position; the token is the one `finditer` finds
# there (it begins at the first digit, where DIGIT_TOKEN always matches).
_NEXT_TOKEN = re.compile(rf"\D*+({DIGIT_TOKEN.pattern})")


def digit_tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for every digit token of `text`."""
    found = []
    m = _NEXT_TOKEN.match(text)
    while m is not None:
        tok = m[1]
        start, end = m.span(1)
        if _SPACE_SET.isdisjoint(tok) or _SPACE_GROUPED.fullmatch(tok):
            found.append((tok, start, end))
        else:
            first = SPACE_CHARS.search(tok).start()
            found.append((tok[:first], start, start + first))
            rest = start + first + 1
            found.extend((t, rest + s, rest + e) for t, s, e in digit_tokens(text[rest:end]))
        m = _NEXT_TOKEN.match(text, end)
    return found


@lru_cache(maxsize=16384)
def parse_digits(token: str, locale: str) -> float | None:
    """A strictly well-formed number in `locale` ("de": 1.234,56; "en": 1,234.56), else None."""
    if token and token[-1] in VULGAR_FRACTIONS:  # "3½"
        whole = parse_digits(token[:-1], locale) if len(token) > 1 else 0.0
        return None if whole is None else whole + VULGAR_FRACTIONS[token[-1]]
    string = SPACE_CHARS.sub("", token)
    group, decimal = _symbols(locale)
    try:
        if group not in string:
            # what parse_decimal computes when no group symbol is written (strictness checks only grouping),
            # without its per-call locale look-ups: most tokens ("2018", "4,5") take this way
            return float(Decimal(string.replace(decimal, ".")))
        return float(parse_decimal(string, locale=locale, strict=True))
    except (NumberFormatError, ValueError, ArithmeticError):  # decimal.InvalidOperation on digit soup
        return None


@lru_cache(maxsize=8)
def _symbols(locale: str) -> tuple[str, str]:
    """The locale's (group, decimal) symbols, as parse_decimal reads them."""
    return get_group_symbol(locale), get_decimal_symbol(locale)


@lru_cache(maxsize=16384)
def number_word_value(words: str, lang: str) -> float | None:
    """ "zweiundzwanzig" → 22, "two thousand three hundred" → 2300; None when it is no number."""
    words = words.lower().replace("zwo", "zwei") if lang == "de" else words.lower()
    try:
        return float(text2num(words, lang))
    except (ValueError, KeyError, IndexError, AssertionError):
        return None


@lru_cache(maxsize=4096)
def german_ordinal_value(word: str) -> float | None:
    """ "ersten" → 1, "zweiundzwanzigste" → 22: strip the adjective ending, then the ordinal t/st."""
    stem = re.sub(r"e[mnrs]?$", "", word.lower())
    if stem in GERMAN_IRREGULAR_ORDINALS:
        return float(GERMAN_IRREGULAR_ORDINALS[stem])
    if stem.endswith("st") and len(stem) > 4:
        value = number_word_value(stem[:-2], "de")
        if value is not None:
            return value
    if stem.endswith("t"):
        return number_word_value(stem[:-1], "de")
    return None


@lru_cache(maxsize=4096)
def english_ordinal_value(word: str) -> float | None:
    """ "third" → 3, "twenty-first" → 21, "fortieth" → 40."""
    word = word.lower()
    head, _, last = word.rpartition("-")
    if last in ENGLISH_IRREGULAR_ORDINALS:
        base = ENGLISH_IRREGULAR_ORDINALS[last]
    else:
        if last.endswith("ieth"):
            cardinal = last[:-4] + "y"
        elif last.endswith("th"):
            cardinal = last[:-2]
            cardinal = {"eigh": "eight", "nin": "nine", "twelf": "twelve", "fif": "five"}.get(
                cardinal, cardinal
            )
        else:
            return None
        value = number_word_value(cardinal, "en")
        if value is None:
            return None
        base = value
    if head:
        tens = number_word_value(head, "en")
        return None if tens is None else tens + base
    return float(base)
