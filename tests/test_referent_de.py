"""Issue 25, the referent rule with a German source and no English translation: the German→English
lexicon (summarise/checking/numbers/referent_de.py, data built by tools/build_referent_lexicon.py) and
check_summary's "belongs to" problems through it."""

from __future__ import annotations

import gzip
import hashlib
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from quantity_cases import FOLDER, load, verdict

from summarise.checking.checks import check_summary
from summarise.checking.numbers import referent_de
from summarise.checking.numbers.referent_de import english, fold, lexicon

ROOT = Path(__file__).resolve().parents[1]
GERMAN_ONLY = load("summary-de.txt")
# Written before the referent read the words after a figure as well as those before it (held out: 7 of 18
# moved figures caught and 18 of 21 honest summaries passed before the change; 14 and 21 after).
TWO_SIDED = load("heldout-summary-referent.txt")
# Round 6: the summaries of heldout4-summary.txt read with the German source alone.
GERMAN_ONLY_HELD_OUT = load("heldout4-summary-de.txt")
GERMAN_ONLY_MISSES = {"Prices rose to 6.1 percent.", "Unemployment rose 2.9 percent.",
                      "Seven people were killed in a coach accident on the A9."}


def test_fold_brings_inflected_forms_together():
    assert fold("Preise") == fold("Preisen") == fold("Preis")
    assert fold("Löhne") == fold("Lohn")
    assert fold("Verletzten") == fold("Verletzte")
    assert fold("Mieten") == fold("Miete")
    assert fold("Einwohnern") == fold("Einwohner")


@pytest.mark.parametrize(
    ("german", "expected"),
    [
        ("Preise", "price"), ("Arbeitslosigkeit", "unemployment"), ("Inflation", "inflation"), ("Löhne", "wage"),
        ("Exporte", "export"), ("Umsatz", "sale"), ("Gewinn", "profit"), ("Bevölkerung", "population"),
        ("Toten", "dead"), ("Verletzte", "injured"), ("Stimmen", "vote"), ("Wahlbeteiligung", "turnout"),
        ("Schulden", "debt"), ("Haushalt", "budget"), ("Mieten", "rent"), ("Studenten", "student"),
        ("Arbeitsplätze", "job"), ("Einwohner", "inhabitant"), ("Gymnasien", "grammar"), ("Passagiere", "passenger"),
    ],
)  # fmt: skip
def test_the_referent_vocabulary_of_news_figures(german, expected):
    assert expected in english(german)


def test_compounds_names_and_function_words():
    assert english("Weizenertrag")[:2] == ("wheat", "yield")  # unknown compound: modifier, then head
    assert {"gas", "price"} <= set(english("Gaspreis"))
    assert english("Graz") == ("graz",)  # a name is kept as written
    assert english("Strompreis")[:1] and "electricity" in english("Strompreis")
    assert english("Prozent") == english("stieg") == english("die") == ()
    assert english("wurden") == ()  # known to WMT, names nothing
    assert set(english("US-Exporte")) >= {"export"}


def test_the_data_file_is_the_one_its_provenance_names():
    data = referent_de.DATA
    provenance = data.with_name("referent_de_en.PROVENANCE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(data.read_bytes()).hexdigest() in provenance
    assert data.stat().st_size < 1_000_000
    with gzip.open(data, "rt", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    assert len(rows) > 20_000 and all(len(r) == 2 for r in rows)


def test_the_lexicon_loads_lazily_and_fast():
    code = (
        "import time, summarise.checking.checks as c; from summarise.checking.numbers import referent_de as r; "
        "assert r.lexicon.cache_info().currsize == 0; t = time.process_time(); r.lexicon(); "
        "print(time.process_time() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert float(out.stdout) < 0.2
    lexicon()
    start = time.perf_counter()
    lexicon()
    assert time.perf_counter() - start < 0.001  # cached


@pytest.mark.parametrize("case", GERMAN_ONLY, ids=lambda c: c.id)
def test_german_source_only(case):
    assert case.translation is None
    right, said = verdict(case)
    assert right, f"{case.expect}: {case.source} → {case.candidate}: checker said {said}"


def test_moved_figure_message_names_both_subjects():
    report = check_summary("Die Arbeitslosigkeit stieg um 4 Prozent, die Preise um 2 Prozent.", "Prices rose 4 percent.")
    [problem] = [p for p in report.problems if p.field == "belongs to"]
    assert problem.message == "belongs to: price in the summary, unemployment in the source (4 percent)"
    assert check_summary("Die Arbeitslosigkeit stieg um 4 Prozent.", "Unemployment rose 4 percent.").passed


def test_every_summary_case_without_its_translation():
    """The issue's summary set read with the German source only: at most one false alarm, and every
    moved figure caught as with the translation."""
    cases = [c for name in ("summary.txt", "heldout-summary.txt") for c in load(name)]
    assert len(cases) >= 60
    wrong = []
    for case in cases:
        german_only = type(case)(case.file, case.line, case.field, case.expect, case.domain, case.source, case.candidate)
        right, said = verdict(german_only)
        if not right:
            wrong.append((case.expect, case.candidate, said))
    false_alarms = [w for w in wrong if w[0] == "ok"]
    assert len(false_alarms) <= 1, false_alarms
    assert not [w for w in wrong if w[0] == "fail:belongs to"], wrong
    moved = [c for c in cases if c.expect == "fail:belongs to"]
    assert {c.source for c in moved} <= {c.source for c in GERMAN_ONLY}


def test_a_translation_at_hand_is_still_what_is_compared():
    source = "Die Löhne stiegen um 5 Prozent, die Mieten um 8 Prozent."
    with_translation = check_summary(source, "Rents rose 5 percent.", translation="Wages rose by 5 percent, rents by 8 percent.")
    assert [p.field for p in with_translation.problems] == ["belongs to"]
    # an English source is never read through the German lexicon
    english_source = check_summary("Wages rose by 5 percent, rents by 8 percent.", "Rents rose 5 percent.", source_language="en")
    assert [p.field for p in english_source.problems] == ["belongs to"]


def test_the_summary_set_file_is_well_formed():
    text = (FOLDER / "summary-de.txt").read_text(encoding="utf-8")
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(rows) == len(GERMAN_ONLY) >= 30
    assert all(len(re.split(r" \| ", ln)) == 5 for ln in rows)


# The figures whose noun stands after them, caught with the English translation at hand as well.
NOUN_AFTER = [
    ("Im Krankenhaus liegen 120 Patienten, auf der Intensivstation 35.", "35 patients are in hospital.",
     "120 patients are in hospital, 35 in intensive care.", "35 patients are in intensive care."),
    ("Der Flughafen zählte 4,2 Millionen Passagiere und 61.000 Flüge.", "The airport counted 4.2 million flights.",
     "The airport counted 4.2 million passengers and 61,000 flights.", "The airport handled 4.2 million passengers."),
    ("An der Schule lernen 850 Schüler, es unterrichten 62 Lehrer.", "The school has 850 teachers.",
     "The school has 850 pupils and 62 teachers.", "The school has 850 pupils."),
    ("Bei dem Unfall wurden 3 Menschen getötet und 17 verletzt.", "17 people were killed in the accident.",
     "In the accident 3 people were killed and 17 injured.", "17 people were injured in the accident."),
    ("Die Mieten stiegen in Zürich um 4,1 Prozent, in Bern um 2,3 Prozent.", "Rents in Bern rose 4.1 percent.",
     "Rents rose by 4.1 percent in Zurich and by 2.3 percent in Bern.", "Rents in Zurich rose 4.1 percent."),
]  # fmt: skip


@pytest.mark.parametrize(("source", "moved", "translation", "honest"), NOUN_AFTER, ids=lambda v: v[:20])
def test_the_noun_after_a_figure_with_the_translation_at_hand(source, moved, translation, honest):
    assert [p.field for p in check_summary(source, moved, translation=translation).problems] == ["belongs to"]
    assert check_summary(source, honest, translation=translation).passed
    assert check_summary(source, honest).passed


@pytest.mark.parametrize("case", TWO_SIDED, ids=lambda c: c.id)
def test_two_sided_referent_held_out(case):
    right, said = verdict(case)
    if case.candidate in TWO_SIDED_MISSES:
        assert case.expect == "fail:belongs to" and not right
        pytest.xfail(f"known miss: {case.candidate} -> {said}")
    assert right, f"{case.expect}: {case.source} → {case.candidate}: checker said {said}"


# Held-out misses left: the lexicon reads "Kindergärten" as kindergarten and school; "für Schienen" (rail)
# is read as "seem"; "Windkraft ... Solarenergie": wind and solar share "power"; "1,34 beziehungsweise
# 2,21 Prozent" pairs figures with subjects by order, which the windows do not read.
TWO_SIDED_MISSES = {
    "The city is building 30 schools.", "The government spends 2.5 billion euros on rail.",
    "Solar power supplied 31 percent of electricity.", "Pensions rise 1.34 percent.",
}  # fmt: skip


def test_referent_windows_on_either_side():
    from summarise.checking.numbers import extract_english
    from summarise.checking.numbers.referent import referents

    text = "The airport counted 4.2 million passengers and 61,000 flights. Unemployment rose 4 percent and prices 2 percent."
    numbers = extract_english(text)
    found = referents(numbers, text)
    words = {n.text: found[id(n)] for n in numbers}
    assert "passenger" in words["4.2 million"] and "flight" not in words["4.2 million"]
    assert "flight" in words["61,000"] and "passenger" not in words["61,000"]
    assert words["61,000"].head == "flight" and words["4.2 million"].head == "passenger"
    assert words["4 percent"] == {"unemployment"} and words["2 percent"] == {"price"}
    # a coordinated figure with nothing before it shares the frame of its partner
    text = "In the city live 48,000 families and 12,000 students."
    numbers = extract_english(text)
    found = referents(numbers, text)
    assert found[id(numbers[1])] >= {"city", "student"} and "family" not in found[id(numbers[1])]


@pytest.mark.parametrize("case", GERMAN_ONLY_HELD_OUT, ids=lambda c: c.id)
def test_german_only_held_out(case):
    right, said = verdict(case)
    if case.candidate in GERMAN_ONLY_MISSES:
        assert case.expect.startswith("fail") and not right
        pytest.xfail(f"known miss: {case.candidate} -> {said}")
    assert right, f"{case.expect}: {case.source} → {case.candidate}: checker said {said}"
