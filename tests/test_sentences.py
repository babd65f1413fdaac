"""German sentence splitting and splitting of over-long sentences (summarise.language.sentences)."""

from __future__ import annotations

import pytest

from summarise.language.sentences import clause_pieces, normalise_space, split_sentences, split_to_fit

# (text, expected sentences). The first group are the cases the issue names; the second are places
# where pysbd alone splits wrongly and the wrapper's merge rules repair it.
SPLIT_CASES = [
    ("Bis zum 26. Februar seien etwa 400 Soldaten gefallen. Danach kam mehr.",
     ["Bis zum 26. Februar seien etwa 400 Soldaten gefallen.", "Danach kam mehr."]),
    ("Es gibt z. B. Äpfel und Birnen. Das ist gut.", ["Es gibt z. B. Äpfel und Birnen.", "Das ist gut."]),
    ("Es gibt z.B. Äpfel. Das ist gut.", ["Es gibt z.B. Äpfel.", "Das ist gut."]),
    ("Dr. Müller kam spät. Er war müde.", ["Dr. Müller kam spät.", "Er war müde."]),
    ("Er wohnt in Haus Nr. 5 in Berlin. Sie nicht.", ["Er wohnt in Haus Nr. 5 in Berlin.", "Sie nicht."]),
    ("Sie belegte den 3. Platz beim Rennen. Toll.", ["Sie belegte den 3. Platz beim Rennen.", "Toll."]),
    ("Der 26. Februar war ein Montag. Gut.", ["Der 26. Februar war ein Montag.", "Gut."]),
    ("Prof. Dr. Schmidt u. a. sprachen. Gut.", ["Prof. Dr. Schmidt u. a. sprachen.", "Gut."]),
    ("Das kostet 5 Mio. Euro. Teuer.", ["Das kostet 5 Mio. Euro.", "Teuer."]),
    ("Er kam um 14.30 Uhr an. Sie wartete.", ["Er kam um 14.30 Uhr an.", "Sie wartete."]),
    ("Die Zahl stieg um 2,5 Prozent. Das sind 3.000 Menschen.",
     ["Die Zahl stieg um 2,5 Prozent.", "Das sind 3.000 Menschen."]),
    ("Er sagte: „Kein Land sollte so etwas durchstehen müssen.“ Dann ging er.",
     ["Er sagte: „Kein Land sollte so etwas durchstehen müssen.“", "Dann ging er."]),
    ("Was? Wirklich! Ja.", ["Was?", "Wirklich!", "Ja."]),
    ("Ein Satz ohne Punkt", ["Ein Satz ohne Punkt"]),
    # pysbd: "Der | 3. Platz ging an Köln." (a fragment without final punctuation is no sentence)
    ("Der 3. Platz ging an Köln. Der 4. Platz an Bonn.", ["Der 3. Platz ging an Köln.", "Der 4. Platz an Bonn."]),
    # pysbd: "im Jan. | passiert." (a sentence does not start lower-case)
    ("Das ist im Jan. passiert. Gut.", ["Das ist im Jan. passiert.", "Gut."]),
    # pysbd: "am Mo. | 5. Mai." (a date after an abbreviation)
    ("Sie kam am Mo. 5. Mai. Er nicht.", ["Sie kam am Mo. 5. Mai.", "Er nicht."]),
    # pysbd: "Laut Abs. | 2 gilt das."
    ("Laut Abs. 2 gilt das. Gut.", ["Laut Abs. 2 gilt das.", "Gut."]),
    # pysbd: "Sie wohnt in der Hauptstr. | 5 in Köln."
    ("Sie wohnt in der Hauptstr. 5 in Köln. Gut.", ["Sie wohnt in der Hauptstr. 5 in Köln.", "Gut."]),
    # pysbd: "Er wurde Anfang Jan. | 2025 gewählt."
    ("Er wurde Anfang Jan. 2025 gewählt. Gut.", ["Er wurde Anfang Jan. 2025 gewählt.", "Gut."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_sentences_normalises_whitespace_and_keeps_every_word():
    text = "Nordkorea hat laut Südkorea weitere 3.000 Soldaten\nnach Russland geschickt.  Dies verschärft\tdie Lage."
    sentences = split_sentences(text)
    assert sentences == [
        "Nordkorea hat laut Südkorea weitere 3.000 Soldaten nach Russland geschickt.",
        "Dies verschärft die Lage.",
    ]
    assert " ".join(sentences) == normalise_space(text)


def test_split_sentences_of_empty_text():
    assert split_sentences("  \n ") == []


def test_sample_article_sentences_rejoin_to_the_text():
    from pathlib import Path

    from summarise.ingest import read_document

    doc = read_document(Path(__file__).parent.parent / "samples" / "nordkorea-truppen.txt")
    for block in doc.blocks:
        sentences = split_sentences(block.text)
        assert " ".join(sentences) == normalise_space(block.text)
        # no sentence starts with a lower-case word or ends inside "26. Februar"
        assert all(not s[0].islower() for s in sentences)
        assert not any(s.endswith("26.") for s in sentences)


def word_count(text: str) -> int:
    """A stand-in tokenizer for the splitting tests: one token per word plus an end token."""
    return len(text.split()) + 1


LONG = (
    "Ein südkoreanischer Gesetzgeber berichtete, dass bis zum 26. Februar etwa 400 nordkoreanische Soldaten "
    "in Russland gefallen und rund 3.600 verletzt worden seien; die Regierung in Seoul bestätigte die Zahlen "
    "– allerdings ohne Details zu nennen – und kündigte weitere Untersuchungen an."
)


def test_text_that_fits_is_one_piece():
    assert split_to_fit("Kurzer Satz.", 10, word_count) == ["Kurzer Satz."]


@pytest.mark.parametrize("limit", [40, 20, 12, 8, 5, 3, 2])
def test_split_to_fit_respects_the_limit_and_loses_nothing(limit):
    pieces = split_to_fit(LONG, limit, word_count)
    assert all(word_count(p) <= limit for p in pieces)
    assert " ".join(pieces) == normalise_space(LONG)
    assert len(pieces) > 1


def test_split_to_fit_prefers_clause_boundaries():
    pieces = split_to_fit(LONG, 30, word_count)
    # The semicolon is the strongest boundary: the first piece ends there, and no number is cut.
    assert pieces[0].endswith("worden seien;")
    assert any("26. Februar" in p for p in pieces)


def test_split_to_fit_packs_clauses_back_together():
    text = "Eins, zwei, drei, vier, fünf, sechs, sieben, acht."
    pieces = split_to_fit(text, 5, word_count)
    assert pieces == ["Eins, zwei, drei, vier,", "fünf, sechs, sieben, acht."]


def test_split_to_fit_cuts_a_single_overlong_word_by_characters():
    def char_count(text):
        return len(text) + 1

    word = "https://example.org/" + "x" * 50
    pieces = split_to_fit(word, 11, char_count)
    assert all(char_count(p) <= 11 for p in pieces)
    assert "".join(pieces) == word


def test_split_to_fit_refuses_an_impossible_limit():
    with pytest.raises(ValueError, match="cannot hold"):
        split_to_fit("Wort", 1, word_count)


def test_clause_pieces():
    assert clause_pieces("Er kam, weil es regnete; sie blieb – wie immer – zu Hause und las.") == [
        "Er kam,",
        "weil es regnete;",
        "sie blieb",
        "– wie immer",
        "– zu Hause",
        "und las.",
    ]
    # a decimal comma is no clause boundary
    assert clause_pieces("Die Quote lag bei 2,5 Prozent.") == ["Die Quote lag bei 2,5 Prozent."]
