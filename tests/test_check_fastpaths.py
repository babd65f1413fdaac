"""The checker's fast paths (the speed pass after issue 25) give what the slow paths they skip would give.

Each cheap test stands in front of a regex and may only skip it where the regex cannot match; these tests
compare the two paths directly, on texts written to hit the edges (case folding, a newline before the
figure, currency signs, openers before a name).
"""

from __future__ import annotations

import random
import re

import pytest
from babel.numbers import NumberFormatError, parse_decimal

from summarise.checking.numbers import english, german, quantity
from summarise.checking.numbers.common import candidate_words, name_before
from summarise.checking.numbers.parsing import SPACE_CHARS, parse_digits
from summarise.checking.numbers.registry import first_chars

GERMAN = [
    "Um Viertel nach 3 sank der Umsatz um knapp 5 Prozent auf rund 1,2 Milliarden Euro, ein Minus von 3 %.",
    "Heinrich VIII. regierte ab 1509; im dritten Quartal verdoppelte sich der Gewinn auf 2.500 Franken.",
    "DREIVIERTEL NEUN, halb 8 Uhr, zweiundzwanzig Teilnehmer, eine halbe Million, Dutzende Male, zigfach.",
    "Formel 1, „Paragraf 218 und (ICE 578: die Zahl 04 von Schalke 04 — mindestens 30 Jahre, über 40 Mio. $",
    "İm Jahr 2020 fıel der Preis um ca.\n5 Prozent; Achtelfinale, torlos, erstmals, Anfang März, 26. Februar.",
]
ENGLISH = [
    "At a quarter past 3 sales fell by nearly 5 percent to about $1.2 billion, a drop of 3%.",
    "Henry VIII ruled from 1509; in the third quarter profit doubled to 2,500 Swiss francs, World War I.",
    "HALF PAST SEVEN, a dozen times, twenty-two participants, half a million, dozens of times, tenfold.",
    "Formula 1, \"Section 218 and (ICE 578: the 04 of Schalke 04 - at least 30 years, over $\n40 million",
    "İn 2020 the prıce ſank by c. 5 percent; a goalless draw, March 26, on the 26th of February, 5-fold.",
]


def _positions(text: str):
    return [m.start() for m in re.finditer(r"\b\w", text)]


@pytest.mark.parametrize("module, texts", [(german, GERMAN), (english, ENGLISH)])
def test_word_recognisers_by_first_character_match_the_full_regex(module, texts):
    """`WordRegistry.match` tries only the recognisers that can begin with the character there: at every
    word start (upper, lower and oddly cased) it finds what the one regex of all recognisers finds."""
    words = module.WORDS
    for text in texts + [t.upper() for t in texts] + [t.lower() for t in texts]:
        for pos in _positions(text):
            full = words.regex.match(text, pos)
            found = words.match(text, pos)
            if full is None:
                assert found is None, (text, pos)
            else:
                assert found is not None and found[0] == full.lastgroup and found[1].span() == full.span()
                assert found[1].groupdict() == {k: v for k, v in full.groupdict().items() if k in found[1].re.groupindex}


def test_first_characters_read_from_the_parsed_regex():
    assert first_chars(r"(?:a\s+)?quarter", re.I) == frozenset("aq")
    assert first_chars(r"\bDutzend\b", re.I) == frozenset("d")
    assert first_chars(r"[A-C]x|zig", re.I) == frozenset("abcz")
    assert first_chars(r"\w+", re.I) is None  # a class: any character
    assert first_chars(r"(?:x)?", re.I) is None  # may match empty


def test_english_candidates_found_at_start_words_only_are_finditers():
    starts = english._candidate_starts()
    for text in ENGLISH + [t.upper() for t in ENGLISH]:
        # without `starts`: `finditer` over the same lower-cased text ("İ" kept, offsets unchanged)
        assert [(m.span(), m.group()) for m in candidate_words(text, english._candidates(), starts)] == [
            (m.span(), m.group()) for m in candidate_words(text, english._candidates())
        ]


def _babel(token: str, locale: str) -> float | None:
    try:
        return float(parse_decimal(SPACE_CHARS.sub("", token), locale=locale, strict=True))
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


def test_parse_digits_agrees_with_babel_strict_parsing():
    rng = random.Random(7)
    tokens = {"2018", "4,5", "1.234,56", "1,234.56", "3.000", "60.0000", "12.5.4", "14:30", "2017/18", "٣", "3 000"}
    tokens |= {"".join(rng.choice("0123456789.,:/ '") for _ in range(rng.randint(1, 8))) for _ in range(3000)}
    for token in tokens:
        for locale in ("de", "en"):
            assert parse_digits.__wrapped__(token, locale) == _babel(token, locale), (token, locale)


@pytest.mark.parametrize("language, texts", [("de", GERMAN), ("en", ENGLISH)])
def test_relation_before_a_figure_as_the_plain_search_reads_it(language, texts):
    pattern = quantity._RELATION[language]
    for text in texts + [t.upper() for t in texts]:
        for start in range(1, len(text) + 1):
            plain = pattern.search(text, max(0, start - 30), start)
            assert quantity.relation(text, start, language) == (plain.lastgroup if plain else None), (text, start)


@pytest.mark.parametrize("language, module, texts, openers", [
    ("de", german, GERMAN, "(„\"'"), ("en", english, ENGLISH, "(\"'“"),
])
def test_name_word_before_a_figure_is_the_word_the_look_behind_reads(language, module, texts, openers):
    for text in texts:
        for m in re.finditer(r"\d+", text):
            found = module._NAME_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
            word = name_before(text, m.start(), openers) if m.start() else ""
            if found is not None and word is not None:
                assert found[1].lower() == word, (text, m.start())


@pytest.mark.parametrize("extract, texts", [(german.extract_german, GERMAN), (english.extract_english, ENGLISH)])
def test_extraction_unchanged_on_the_edge_texts(extract, texts):
    """The same texts read with every cheap test switched off give the same numbers."""
    slow = {"space_before": lambda text, start: start > 0, "word_before": lambda text, start: start > 0,
            "sign_before": lambda text, start, signs: True, "name_before": lambda text, start, openers: None}
    module = german if extract is german.extract_german else english
    fast = [repr(extract(t)) for t in texts]
    saved = {name: getattr(module, name) for name in slow if hasattr(module, name)}
    try:
        for name, fn in slow.items():
            if name in saved:
                setattr(module, name, fn)
        assert [repr(extract(t)) for t in texts] == fast
    finally:
        for name, fn in saved.items():
            setattr(module, name, fn)


def test_gated_patterns_find_what_the_plain_patterns_find():
    """`gated` puts a look-ahead for a pattern's first characters in front of it: every search in every
    window of the edge texts (upper, lower and oddly cased, case-sensitive patterns too) finds the same span
    and groups as the pattern alone."""
    from summarise.checking.numbers.registry import gated

    plain = [
        re.compile(r"\b(?:(?P<up>stieg\w*|Plus|legte\w*\s+zu)|(?P<down>sank\w*|Minus|zurück))\b"),
        re.compile(r"\b(?:(?P<up>rose|up(?=\s+by))|(?P<down>fell|sank|down))\b", re.I),
        re.compile(r"(?:\b(?P<by>um|by)|\b(?P<about>rund|etwa|ca\.|some))\s+$", re.I),
        re.compile(r"\b(?:Platz|Rang|No\.|Stufe)\s+$", re.I),
        re.compile(r"\bvon\s+[\d.,]+"),
        re.compile(r"(?:(?<![\d%)\]]\s)(?<![\w\d.,])[-−–]|(?<![/±])(?<!oder\s)\bminus\s+|(?:^|(?<=[.!?:;]\s))Minus\s+)$"),
    ]
    texts = GERMAN + ENGLISH + ["Der Umsatz STIEG um ſome 5; ſank, İm Plus, plus 3, Platz 4, von 3,5 auf 4, rose up by",
                                     "Minus 4 Grad, -0,7 Prozent, −0.4%, oder minus 3, ±2, 3 - 4. Minus 5"]
    for pattern in plain:
        fast = gated(pattern)
        assert fast is not pattern and fast.flags == pattern.flags and fast.groupindex == pattern.groupindex
        for text in texts + [t.upper() for t in texts] + [t.lower() for t in texts]:
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
                (m.span(), m.groupdict()) for m in pattern.finditer(text)
            ]
            for end in range(len(text) + 1):
                a, b = fast.search(text, max(0, end - 30), end), pattern.search(text, max(0, end - 30), end)
                assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (pattern.pattern, text, end)
    assert gated(re.compile(r"\w+|x")).pattern == r"\w+|x"  # first characters unknown: the pattern itself


def test_quantity_window_patterns_are_gated():
    from summarise.checking.numbers import quantity as q

    for table in (q._DIRECTION, q._RELATION, q._RANK_BEFORE, q._FROM_BEFORE):
        for pattern in table.values():
            assert pattern.pattern.startswith("(?=(?i:[")
    for pattern in (german._SIGN_BEFORE, german._DECLINE_BEFORE, english._SIGN_BEFORE, english._DECLINE_BEFORE,
                    english._SCORE_CONTEXT):  # fmt: skip
        assert pattern.pattern.startswith("(?=(?i:[")


def test_repetition_prefilter_agrees_with_the_loop_search():
    """`_may_loop` (with its count of recurrences) says True wherever `_longest_loop` finds a run of three."""
    from summarise.checking.checks import REPETITION_MAX_N, _longest_loop, _may_loop

    rng = random.Random(7)
    for _ in range(3000):
        words = [rng.choice("abc") for _ in range(rng.randrange(0, 14))]
        if _longest_loop(words)[0] >= 3:
            assert _may_loop(words), words
        n = rng.randrange(1, REPETITION_MAX_N + 1)
        looped = words[:3] + [f"w{i}" for i in range(n)] * 3 + words[3:]
        assert _may_loop(looped), looped


def test_ascii_word_patterns_match_the_unicode_ones_on_ascii_text():
    from summarise.checking import checks

    rng = random.Random(3)
    alphabet = "".join(map(chr, range(128)))
    texts = [t.encode("ascii", "ignore").decode() for t in GERMAN + ENGLISH]
    texts += ["".join(rng.choice(alphabet) for _ in range(80)) for _ in range(300)]
    for text in texts:
        assert text.isascii()
        assert checks._words(text) == checks._WORD.findall(text)
        assert checks._ASCII_LETTERS.findall(text) == checks._LETTERS.findall(text)
    assert checks._words("Größe über 5") == ["Größe", "über", "5"]


def test_english_articles_are_candidates_wherever_a_word_recogniser_matches_there():
    """ "a" / "an" are candidates only before the words `english._AFTER_ARTICLE` lists: wherever any word
    recogniser matches at an article, the article is a candidate (else the number would be lost)."""
    from summarise.checking.numbers.lexicon import ENGLISH_FRACTIONS, ENGLISH_NUMBER_WORDS

    words = sorted({*english.WORDS.starts(), *ENGLISH_NUMBER_WORDS, *ENGLISH_FRACTIONS, "few", "couple",
                    "three quarters", "three-quarters", "hour", "year", "day", "week", "month", "dozen"})  # fmt: skip
    tails = ["", " hundred", " of thousand", " of thousands", " past three", " to nine", " and a half", " hour",
             " of an hour", " year", "-fold", "fold", " times as", " as", " dozen", " million"]  # fmt: skip
    texts = [f"{art} {w}{tail} more." for art in ("a", "an", "A", "An") for w in words for tail in tails]
    texts += [t.replace(" ", "\n", 1) for t in texts[:200]] + ENGLISH
    found = 0
    for text in texts:
        candidates = {m.start() for m in candidate_words(text, english._candidates(), english._candidate_starts())}
        for m in re.finditer(r"\ban?\b", text, re.I):
            if english.WORDS.match(text, m.start()) is not None:
                found += 1
                assert m.start() in candidates, text
    assert found > 500  # the texts do reach the recognisers that open with an article


def test_german_articles_skipped_only_where_no_word_recogniser_reads_a_number():
    """ "ein", "eine", "einem", … skipped as articles (`german._ARTICLE_ONLY`): at each one skipped, no word
    recogniser gives a number (a match whose handler gives None, "ein" read as 1, is no number)."""
    from summarise.checking.numbers.lexicon import GERMAN_FRACTIONS, GERMAN_NUMBER_ATOMS

    nexts = sorted({*german.WORDS.starts(), *GERMAN_NUMBER_ATOMS, *GERMAN_FRACTIONS, *(f.title() for f in GERMAN_FRACTIONS),
                    "Prozent", "Million", "Millionen", "Milliarde", "Milliarden", "Billion", "halbe Million",
                    "halbes Jahr", "halbe Stunde", "paar Hundert", "paar Tausend", "paar", "Dutzend", "Woche",
                    "Jahr", "Mal", "mal", "Viertelstunde", "Hälfte", "halb", "Drittel der", "Prozentpunkt"})  # fmt: skip
    texts = [f"{art} {w} mehr." for art in ("ein", "eine", "einem", "einen", "einer", "eines", "Ein", "EINE")
             for w in nexts] + [f"Es ist {art}-{w}." for art in ("ein", "eine") for w in nexts] + GERMAN  # fmt: skip
    skipped = 0
    for text in texts:
        for m in re.finditer(r"\bein\w*", text, re.I):
            if german._ARTICLE_ONLY.match(text, m.start()):
                skipped += 1
                found = german.WORDS.match(text, m.start())
                assert found is None or german.WORDS.handler(found[0])(text, found[1]) is None, text
    assert skipped > 500
