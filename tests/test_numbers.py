"""extract_german / extract_english: values, kinds, units, spans and English renderings."""

from __future__ import annotations

import pytest

from summarise.checking.numbers import (
    Number,
    compare_numbers,
    english_forms,
    extract_english,
    extract_german,
    format_number,
)


def only(numbers: list[Number]) -> Number:
    assert len(numbers) == 1, numbers
    return numbers[0]


# (German text, span, value, kind, unit, English rendering)
GERMAN = [
    ("Es kamen 3.000 Menschen.", "3.000", 3000, "cardinal", None, "3,000"),
    ("Es kamen 3 000 Menschen.", "3 000", 3000, "cardinal", None, "3,000"),
    ("Es kamen 3\u202f000 Menschen.", "3\u202f000", 3000, "cardinal", None, "3,000"),
    ("Es kostet 1.234,56 Euro.", "1.234,56 Euro", 1234.56, "currency", "EUR", "€1,234.56"),
    ("Die Rate liegt bei 1,5.", "1,5", 1.5, "cardinal", None, "1.5"),
    ("Es sind 2,5 Milliarden.", "2,5 Milliarden", 2.5e9, "cardinal", None, "2.5 billion"),
    ("Es sind 2,5 Mio. Einwohner.", "2,5 Mio.", 2.5e6, "cardinal", None, "2.5 million"),
    ("Es sind 3 Billionen Dollar.", "3 Billionen Dollar", 3e12, "currency", "USD", "$3 trillion"),
    ("Das kostet 3,5 Mio. €.", "3,5 Mio. €", 3.5e6, "currency", "EUR", "€3.5 million"),
    ("Sie stiegen um 5 Prozent.", "5 Prozent", 5, "percent", "%", "5%"),
    ("Sie stiegen um 5 %.", "5 %", 5, "percent", "%", "5%"),
    ("Sie stiegen um 2 Prozentpunkte.", "2 Prozentpunkte", 2, "percent", "pp", "2 percentage points"),
    ("Er kam am 26. Februar.", "26. Februar", 26, "date", None, "February 26"),
    ("Er kam am 3. Feb. an.", "3. Feb.", 3, "date", None, "February 3"),
    ("Es beginnt um 14.30 Uhr.", "14.30 Uhr", 14.5, "time", "h", "14:30"),
    ("Es beginnt um 9 Uhr.", "9 Uhr", 9, "time", "h", "9:00"),
    ("Das war 2019.", "2019", 2019, "year", None, "2019"),
    ("Er baute 170-Millimeter-Rohre.", "170", 170, "cardinal", "mm", "170"),
    ("In den 90er Jahren.", "90er Jahren", 90, "decade", None, "'90s"),
    ("In den 1990er-Jahren.", "1990er-Jahren", 1990, "decade", None, "1990s"),
    ("Drei Kinder.", "Drei", 3, "cardinal", None, "three"),
    ("Zweiundzwanzig Tore.", "Zweiundzwanzig", 22, "cardinal", None, "22"),
    ("Zweitausend Menschen.", "Zweitausend", 2000, "cardinal", None, "2,000"),
    ("Ein Dutzend Eier.", "Dutzend", 12, "cardinal", None, "twelve"),
    ("Am ersten Tag.", "ersten", 1, "ordinal", None, "first"),
    ("Zum zweiundzwanzigsten Mal.", "zweiundzwanzigsten", 22, "ordinal", None, "22nd"),
    ("Ein Drittel blieb.", "Ein Drittel", 1 / 3, "fraction", None, "a third"),
    ("Zwei Drittel blieben.", "Zwei Drittel", 2 / 3, "fraction", None, "two thirds"),
    ("Die Hälfte blieb.", "Die Hälfte", 0.5, "fraction", None, "half"),
    ("Er blieb zweieinhalb Jahre.", "zweieinhalb", 2.5, "cardinal", "year", "2.5"),  # units: issue 17
    ("Eine Million kamen.", "Eine Million", 1e6, "cardinal", None, "1 million"),
    ("Eine halbe Million kamen.", "Eine halbe Million", 5e5, "cardinal", None, "500,000"),
    ("Die Dreijährige lachte.", "Dreijährige", 3, "cardinal", "year", "three"),
    ("Im Dezember kam er.", "Dezember", 12, "month", None, "December"),
]

ENGLISH = [
    ("3,000 people came.", "3,000", 3000, "cardinal", None),
    ("It costs 1,234.56 euros.", "1,234.56 euros", 1234.56, "currency", "EUR"),
    ("It is 2.5 billion.", "2.5 billion", 2.5e9, "cardinal", None),
    ("It costs €3.5m.", "€3.5m", 3.5e6, "currency", "EUR"),
    ("It costs $4.1bn.", "$4.1bn", 4.1e9, "currency", "USD"),
    ("It costs £40k.", "£40k", 40e3, "currency", "GBP"),
    ("They rose by 5 percent.", "5 percent", 5, "percent", "%"),
    ("They rose by 5 per cent.", "5 per cent", 5, "percent", "%"),
    ("They rose by 2 percentage points.", "2 percentage points", 2, "percent", "pp"),
    ("He came on February 26.", "February 26", 26, "date", None),
    ("He came on 26 February.", "26 February", 26, "date", None),
    ("He came on Feb. 26.", "Feb. 26", 26, "date", None),
    ("He came on the 26th of February.", "26th of February", 26, "date", None),
    ("It starts at 2:30 p.m. today.", "2:30 p.m.", 14.5, "time", "h"),
    ("It starts at 2pm.", "2pm", 14, "time", "h"),
    ("It starts at 14:30 hours.", "14:30 hours", 14.5, "time", "h"),
    ("In the 1990s.", "1990s", 1990, "decade", None),
    ("In the '90s.", "'90s", 90, "decade", None),
    ("Three children.", "Three", 3, "cardinal", None),
    ("Twenty-two goals.", "Twenty-two", 22, "cardinal", None),
    ("Two thousand three hundred people.", "Two thousand three hundred", 2300, "cardinal", None),
    ("A hundred guests.", "A hundred", 100, "cardinal", None),
    ("A dozen eggs.", "A dozen", 12, "cardinal", None),
    ("Two million people.", "Two million", 2e6, "cardinal", None),
    ("Half a million people.", "Half a million", 5e5, "cardinal", None),
    ("The twenty-first time.", "twenty-first", 21, "ordinal", None),
    ("The 21st time.", "21st", 21, "ordinal", None),
    ("Two thirds agreed.", "Two thirds", 2 / 3, "fraction", None),
    ("A third of voters.", "A third", 1 / 3, "fraction", None),
    ("Half agreed.", "Half", 0.5, "fraction", None),
    ("Two and a half hours.", "Two and a half", 2.5, "cardinal", "h"),
    ("It starts at noon.", "noon", 12, "time", "h"),
]


@pytest.mark.parametrize(
    ("text", "span", "value", "kind", "unit", "english"), GERMAN, ids=[g[1] for g in GERMAN]
)
def test_extract_german(text, span, value, kind, unit, english):
    n = only(extract_german(text))
    assert (n.text, n.kind, n.unit) == (span, kind, unit)
    assert n.value == pytest.approx(value)
    assert text[n.start : n.end] == n.text
    assert n.english == english


@pytest.mark.parametrize(("text", "span", "value", "kind", "unit"), ENGLISH, ids=[e[1] for e in ENGLISH])
def test_extract_english(text, span, value, kind, unit):
    n = only(extract_english(text))
    assert (n.text, n.kind, n.unit) == (span, kind, unit)
    assert n.value == pytest.approx(value)
    assert text[n.start : n.end] == n.text


@pytest.mark.parametrize(
    "text", ["Ein Mann kam.", "Eine Frau und einen Hund.", "Es war einmal.", "Das ist einfach.", "Sie sieht viele Leute.",
             "Das Verfahren wurde vereinfacht."],
)  # fmt: skip
def test_german_articles_are_not_numbers(text):
    assert extract_german(text) == []


@pytest.mark.parametrize("text", ["One of them came.", "A man came.", "Once upon a time.", "Wait a second.",
                                  "A double murder shocked the town."])  # fmt: skip
def test_english_pronouns_are_not_numbers(text):
    assert extract_english(text) == []


# Issue 17: vague plurals are quantities of their own kind (soft: "Tausende" may become "many")
@pytest.mark.parametrize(
    ("text", "extract", "value"),
    [("Millionen Menschen.", extract_german, 1e6), ("Tausende kamen.", extract_german, 1e3),
     ("Dutzende Häuser.", extract_german, 12), ("Zehntausende kamen.", extract_german, 1e4),
     ("Einige tausend Besucher.", extract_german, 1e3), ("Hunderte Millionen Nutzer.", extract_german, 1e8),
     ("Millions of people.", extract_english, 1e6), ("Dozens of houses.", extract_english, 12),
     ("Thousands came.", extract_english, 1e3), ("Tens of thousands came.", extract_english, 1e4),
     ("Several thousand visitors.", extract_english, 1e3), ("Hundreds of millions of users.", extract_english, 1e8)],
)  # fmt: skip
def test_vague_plurals_are_vague_quantities(text, extract, value):
    n = only(extract(text))
    assert (n.kind, n.value, n.soft) == ("vague", value, True)
    assert text[n.start : n.end] == n.text


def test_numeric_date_gives_date_and_year():
    date, year = extract_german("Am 04.05.2018 kam er.")
    assert (date.kind, date.month, date.value, date.english) == ("date", 5, 4, "May 4")
    assert (year.kind, year.value) == ("year", 2018)


def test_second_year_of_a_season_is_expanded():
    first, second = extract_english("the 2017-18 season")
    assert (first.value, second.value, second.kind) == (2017, 2018, "year")


def test_score_is_one_ordered_number_not_a_time():
    n = only(extract_german("Bayern gewann 21:13."))
    assert (n.kind, n.value, n.second, n.text, n.english) == ("score", 21, 13, "21:13", "21-13")


def test_time_needs_uhr_or_a_preposition():
    assert only(extract_german("Treffen um 14:30.")).kind == "time"
    assert only(extract_german("Es begann 14:30 Uhr.")).kind == "time"


def test_spelled_small_counts_are_soft_and_digits_hard():
    two, three, digit = extract_german("zwei, drei und 4")
    assert (two.soft, three.soft, digit.soft) == (True, False, False)


def test_mid_sentence_capitalised_number_word_is_a_name():
    assert only(extract_english("The network Seven showed it.")).soft
    assert not only(extract_english("Seven people came.")).soft


def test_codes_are_soft():
    n = only(extract_german("Der G20-Gipfel"))
    assert (n.kind, n.value, n.soft) == ("code", 20, True)


def test_to_dict_shape():
    data = only(extract_german("Es sind 2,5 Milliarden Euro.")).to_dict()
    assert data == {
        "text": "2,5 Milliarden Euro",
        "value": 2.5e9,
        "kind": "currency",
        "unit": "EUR",
        "english": "€2.5 billion",
        "start": 8,
        "end": 27,
        "soft": False,
    }


@pytest.mark.parametrize(
    ("german", "forms"),
    [
        ("3.000", ["3,000", "3000"]),
        ("2,5 Milliarden", ["2.5 billion", "2,500,000,000"]),
        ("26. Februar", ["February 26", "26 February", "Feb. 26"]),
        ("14.30 Uhr", ["14:30", "2:30 p.m."]),
        ("5 Prozent", ["5%", "5 percent", "5 per cent"]),
        ("drei", ["three", "3"]),
    ],
)
def test_english_forms_contain_what_a_model_may_write(german, forms):
    n = only(extract_german(german))
    produced = english_forms(n)
    for form in forms:
        assert form in produced
    # and each form reads back as the same number
    for form in produced:
        diff = compare_numbers([n], extract_english(form))
        assert diff.passed, (form, diff)


@pytest.mark.parametrize(
    ("value", "text"),
    [(3000, "3,000"), (1234.56, "1,234.56"), (2.5e9, "2.5 billion"), (1.5, "1.5"), (1e12, "1 trillion")],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_compare_pairs_missing_and_unexpected_into_altered():
    diff = compare_numbers(extract_german("Es kamen 3.000 Menschen."), extract_english("300 people came."),
                           source_length=24, candidate_length=16)  # fmt: skip
    assert [(s.text, c.text) for s, c in diff.altered] == [("3.000", "300")]
    assert not diff.missing and not diff.unexpected


def test_compare_prefers_hard_to_hard():
    # "2:2" must pair with the digits, not with the word "two", which is then let go
    diff = compare_numbers(extract_german("beim 2:2"), extract_english("the two goals in the 2:2"))
    assert diff.passed
    assert [n.text for n in diff.let_go] == ["two"]


def test_spans_survive_odd_lowercase_lengths():
    text = "İstanbul: 3.000 Menschen und drei Kinder."
    spans = [text[n.start : n.end] for n in extract_german(text)]
    assert spans == ["3.000", "drei"]


def test_random_text_never_breaks_extraction():
    """Garbled input (PDF debris, mixed notations) must give consistent, non-overlapping spans."""
    import random

    pieces = list("0123456789" * 3) + list(".,:/ -–'½%€$£\n") + [
        "Uhr", "Mio.", "Millionen", "am ", "um ", "Februar", "Feb.", "pm", "bis", "drei", "zwei", "einhalb",
        "Drittel", "er", "th", "of", "May", "million", "bn", "m", "Prozent", "percent", "ein", "one", "half", "9/11",
    ]  # fmt: skip
    rng = random.Random(3)
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        for numbers in (extract_german(text), extract_english(text)):
            for n in numbers:
                assert text[n.start : n.end] == n.text
                assert n.english and n.to_dict()
            for a, b in zip(numbers, numbers[1:], strict=False):
                assert a.end <= b.start, (text, a, b)


def test_degenerate_digit_runs_do_not_crash_extraction():
    # Random or broken MT output can produce digit soup; extraction must survive it, not crash the pipeline.
    from summarise.checking.numbers import extract_english

    soup = extract_english("In 1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9 cases.")
    assert isinstance(soup, list)
    huge = extract_english("about 123456789012345678901234567890 billion people")
    assert huge and all(isinstance(n.english, str) for n in huge)
