"""The context refiners' cheap tests (the speed pass after issue 25) skip only what their regexes would not find.

Each gate stands in front of a pattern tried at a figure: it may say "no" only where the pattern cannot
match. These tests try every position of edge texts (upper, lower and oddly cased, with the letters case
folding treats apart) and compare each refiner with its gates switched off.
"""

from __future__ import annotations

import copy
import random
import re

import pytest
from test_check_fastpaths import ENGLISH, GERMAN

from summarise.checking.numbers import common, english, german
from summarise.checking.numbers.common import declines, fold, fold_lower, regnal, signs
from summarise.checking.numbers.number import Number

GERMAN_EDGES = GERMAN + [
    "Der Umsatz sank um rund 5 Prozent, ein Rückgang von 3 %, im Minus 4, Verlust 7; 20 Prozent weniger als 2019.",
    "Die Zahl ging um mehr als\n12 zurück, fiel um über 8 Prozent; 4 Grad unter null, minus 3, -0,7 Prozent, – 5.",
    "Die Preise lagen 6 Prozent unter dem Vorjahr. 9 Prozent niedriger, 3 tiefer als; Rückgang: 2. Minus 18 Prozent.",
    "Es waren −0,4 Prozent und –3 Grad, dann minus\n5 Grad, ein Wert von -\n5 und\n−6; Minus\n7.",
    "Die Temperatur lag bei −3 Grad und -0,7 Prozent, dazu –5 und - 6 sowie\n-8; 2-3 Mal, (-4), 5-6.",
    "Die Kosten sanken um etwa 6 Prozent, fielen um fast 7, wurden verringert um 8; Minus 9, Rückgang 10.",
    "VERLUST VON 5 MILLIONEN, UM 3 PROZENT GESUNKEN, 7 Prozent zurück; gab um knapp 4 nach, um gut 2 gefallen.",
]
ENGLISH_EDGES = ENGLISH + [
    "Sales fell by about 5 percent, a drop of 3%, down 4, cut 7; 20 percent less than in 2019, 8 percent lower.",
    "Profit dropped more than\n12 percent, declined by over 8; 4 degrees below zero, minus 3, -0.7 percent, negative 2.",
    "It was −0.4% and –3 degrees, then minus\n5 degrees, a value of -\n5 and\n−6; Negative\n7.",
    "The temperature was −3 degrees and -0.7 percent, then –5 and - 6 and\n-8; 2-3 times, (-4), 5-6.",
    "Sales slid almost 2, eased around 3%, plunged roughly 4, lost some 5, a decline of nearly 6, minus of 7.",
    "REVENUE DECLINED BY 5 PERCENT, A 3 PERCENT DROP, 7 percent fewer; 4 percent year-on-year decline, 5\ndown.",
    "İt fell BY ſome 5 percent; prıces sank by nearly 3 ΣΑΣ; a 2 percent Reduction, 9 per cent slide, 6 Less.",
]


def _variants(texts: list[str]) -> list[str]:
    return texts + [t.upper() for t in texts] + [t.lower() for t in texts] + [t.swapcase() for t in texts]


@pytest.mark.parametrize("module, texts", [(german, GERMAN_EDGES), (english, ENGLISH_EDGES)])
def test_decline_gates_pass_wherever_the_patterns_match(module, texts):
    """Before a figure: the window's last word is one of `_DECLINE_ENDINGS` and holds the trigger wherever
    `_DECLINE_BEFORE` matches; after it: `_decline_may_follow` says True wherever `_DECLINE_AFTER` does."""
    folding = bool(module._DECLINE_BEFORE.flags & re.I)
    for text in _variants(texts):
        folded = fold_lower(text, text.lower()) if folding else None
        near = folded if folding else text
        for pos in range(len(text) + 1):
            lo = max(0, pos - 40)
            if module._DECLINE_BEFORE.search(text, lo, pos):
                assert near[lo:pos].rstrip().endswith(module._DECLINE_ENDINGS), (text, pos)
                assert module._DECLINE_TRIGGER.search(near, lo, pos), (text, pos)
            if module._DECLINE_AFTER.match(text, pos):
                assert module._decline_may_follow(text, folded, pos), (text, pos)
    assert module._decline_may_follow("5 x", None, 1) if folding else True  # no folded text: no test


def test_fold_from_the_lower_cased_text_is_fold():
    texts = _variants(GERMAN_EDGES + ENGLISH_EDGES) + ["İSTANBUL ıı ſ", "i\u0307 and ΣΑΣ ΟΔΟΣ", "KELVIN \u212a", ""]
    for text in texts:
        assert fold_lower(text, text.lower()) == fold(text), text


def _figures(text: str) -> list[Number]:
    """A cardinal, a percentage and a currency amount at each run of digits (the kinds both refiners read)."""
    kinds = ("cardinal", "percent", "currency")
    return [Number(float(m[0]), m[0], m.start(), m.end(), kinds[i % 3]) for i, m in enumerate(re.finditer(r"\d+", text))]


@pytest.mark.parametrize("module, texts", [(german, GERMAN_EDGES), (english, ENGLISH_EDGES)])
def test_signs_and_declines_with_their_gates_read_what_the_patterns_alone_read(module, texts):
    words = ("inus",) if module is german else ("inus", "egative")
    after_word = "unter" if module is german else "below"
    for text in _variants(texts):
        numbers = _figures(text)
        fast, slow = copy.deepcopy(numbers), copy.deepcopy(numbers)
        signs(fast, text, module._SIGN_BEFORE, module._SIGN_AFTER, words, after_word)
        signs(slow, text, module._SIGN_BEFORE, module._SIGN_AFTER)
        assert repr(fast) == repr(slow), text
        fast, slow = copy.deepcopy(numbers), copy.deepcopy(numbers)
        module._declines(text, fast, text.lower())
        declines(slow, text, module._DECLINE_BEFORE, module._DECLINE_AFTER)
        assert repr(fast) == repr(slow), text


def test_regnal_tries_its_patterns_in_turn_after_one_test():
    text = "Henry VIII and World War I, Pope John XXIII; part II of Chapter I."
    one, two = english._REGNAL, english._REGNAL_ONE
    assert repr(regnal([], text, one, two)) == repr(regnal(regnal([], text, one), text, two))
    assert [n.text for n in regnal([], text, one, two)] == ["VIII", "I", "XXIII", "II", "I"]


def _lists(rng: random.Random, n: int):
    """Random short lists of figures of every kind and unit, as a text's numbers come to the refiners."""
    text = "am 4. und 14. Oktober, 2 Jahre und 6 Monate, 16/17 July, 3 years, 5 months and 2 weeks, 2017/18, 12 to 14"
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    for _ in range(n):
        picked = sorted(rng.sample(spans, rng.randint(0, 5)))
        numbers = []
        for start, end in picked:
            kind = rng.choice(("cardinal", "cardinal", "ordinal", "date", "month", "year", "time", "percent"))
            unit = rng.choice((None, None, "year", "month", "week", "day", "h", "min", "%"))
            numbers.append(Number(float(rng.randint(1, 31)), text[start:end], start, end, kind, unit=unit,
                                  month=rng.randint(1, 12) if kind == "date" else None, scale=rng.choice((1.0, 1e6))))
        yield text, numbers


def test_day_lists_and_durations_skip_only_lists_they_would_leave_alone():
    rng = random.Random(5)
    for text, numbers in _lists(rng, 3000):
        for joiner in (german._DAY_JOINER, english._DAY_JOINER):
            a, b = copy.deepcopy(numbers), copy.deepcopy(numbers)
            assert repr(common.share_months(a, text, joiner)) == repr(common._dated_days(b, text, joiner))
        for joiner in (german._DURATION_JOINER, english._DURATION_JOINER):
            a, b = copy.deepcopy(numbers), copy.deepcopy(numbers)
            assert repr(common.durations(a, text, joiner)) == repr(common._joined_durations(b, text, joiner))


def test_the_prelude_leaves_a_single_number_alone():
    """`settle` skips overlaps, second years and shared units for a list of one number: they change nothing."""
    rng = random.Random(6)
    for text, numbers in _lists(rng, 500):
        for one in ([], numbers[:1]):
            before = repr(one)
            one = common.without_overlaps(copy.deepcopy(one), text)
            common.expand_second_years(one, text)
            common.share_units(one, text, german._JOINER)
            assert repr(one) == before


@pytest.mark.parametrize("module, texts", [(german, GERMAN_EDGES), (english, ENGLISH_EDGES)])
def test_extraction_with_the_sign_and_decline_gates_off_reads_the_same(module, texts, monkeypatch):
    extract = german.extract_german if module is german else english.extract_english
    fast = [repr(extract(t)) for t in _variants(texts)]
    plain_signs, plain_declines = common.signs, common.declines

    def ungated_signs(numbers, text, before, after, *gates):
        plain_signs(numbers, text, before, after)

    def ungated_declines(numbers, text, before, after, *gates, **named):
        plain_declines(numbers, text, before, after)

    monkeypatch.setattr(module, "signs", ungated_signs)
    monkeypatch.setattr(module, "declines", ungated_declines)
    assert [repr(extract(t)) for t in _variants(texts)] == fast
