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
