"""The German language module: one set of sentence-end rules that the paragraph rebuilder and the
sentence splitter both use, so they cannot disagree."""

from __future__ import annotations

import pytest

from summarise.ingest import segment_text
from summarise.language import german
from summarise.language.sentences import split_sentences

ENDS = [
    ("Der Haushalt wächst.", None, True),
    ("Das sagte Dr.", "Müller", False),
    ("Das gilt z. B.", "hier", False),
    ("Das gilt z.B.", "hier", False),
    ("Die Frist endet am 26.", "Februar", False),
    ("Die Mannschaft belegte Platz 3.", None, True),
    ("Sie kamen im Jan.", "zurück", False),
    ("Wie geht es weiter?", None, True),
    ("„So geht es nicht.“", None, True),
    ("rund 3,5 Mio.", "Euro", False),
    ("Das sagte Kim J.", "Un", False),  # a single letter is read as an initial
    ("Das Ergebnis", None, False),
]


@pytest.mark.parametrize(("text", "next_word", "expected"), ENDS, ids=[e[0] for e in ENDS])
def test_ends_sentence(text, next_word, expected):
    assert german.ends_sentence(text, next_word) is expected


@pytest.mark.parametrize(
    "abbreviation", ["Dr.", "Prof.", "Nr.", "bzw.", "Mio.", "Feb.", "Sept.", "ca.", "S."]
)
def test_abbreviations_never_end_a_sentence_anywhere(abbreviation):
    """The same abbreviation keeps a sentence together in the splitter and a paragraph together in the
    rebuilder: both read german.ABBREVIATIONS."""
    sentence = f"Die Angabe stammt von {abbreviation} Weber aus dem Ministerium."
    assert split_sentences(sentence) == [sentence]
    wrapped = f"Die Angabe zu den Kosten stammt laut Bericht von {abbreviation}\nWeber aus dem Ministerium in Berlin.\n"
    assert len(segment_text(wrapped).blocks) == 1
    assert german.ends_with_abbreviation(f"von {abbreviation}")


def test_spaced_abbreviations():
    for text in ("Das gilt z. B.", "Das gilt i. d. R.", "Das gilt u. a."):
        assert german.ends_with_abbreviation(text)
    assert not german.ends_with_abbreviation("Das ist der Plan.")


def test_months():
    assert german.is_month("Februar") and german.is_month("„März") and german.is_month("Jänner")
    assert not german.is_month("Quartal")
    assert len(german.MONTHS) == 12
    assert german.is_month("Feber") and german.MONTH_NUMBERS["feber"] == 2  # Austrian, like Jänner


def test_one_month_list_covers_cldr_and_serves_the_checker():
    """The hand-written table holds every German, Austrian and Swiss month name and short form of
    CLDR, and it is the very table the number checker reads."""
    from babel.dates import get_month_names

    from summarise.checking.numbers import lexicon

    table = german.MONTH_NUMBERS | german.MONTH_ABBREVIATIONS
    for locale in ("de", "de_AT", "de_CH"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                assert table[name.rstrip(".").lower()] == number, (locale, name)
    assert table == lexicon.GERMAN_MONTHS and lexicon.GERMAN_MONTH_WORDS == german.MONTH_NAMES
    assert german.ends_with_abbreviation("Am 3. Jän.") and german.ends_with_abbreviation("bis Mrz.")


@pytest.mark.parametrize("month, english", [("Feber", "February"), ("Jänner", "January"), ("Jul.", "July")])
def test_austrian_and_short_month_names_are_dates_to_the_checker(month, english):
    from summarise.checking.checks import check_translation

    assert check_translation(f"Am 3. {month} kamen 5 Leute.", f"On {english} 3, 5 people came.").passed
    report = check_translation(f"Am 3. {month} kamen 5 Leute.", f"On {english} 4, 5 people came.")
    assert [p.kind for p in report.problems] == ["altered"]
