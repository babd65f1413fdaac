"""Held-out cases for issue 17's number classes: written before the recognisers were, never tuned to.

Natural news sentences (weather, economy, sport, courts, transport), half correct translations, half
with one realistic error. They run like tests/test_check_cases.py; the first run against the finished
code is reported in the issue's report, and failures here were not fixed by editing these rows.
Each case: (id, German, English, passes, problem kinds expected).
"""

from __future__ import annotations

import pytest

from summarise.checking.checks import check_summary, check_translation

PASS, FAIL = True, False
NONE: frozenset[str] = frozenset()
ALTERED = frozenset({"altered"})

HELD_OUT = [
    ("ho-frost", "In der Nacht sinken die Temperaturen auf minus 12 Grad.",
     "At night temperatures drop to minus 12 degrees.", PASS, NONE),
    ("ho-frost-sign-lost", "In der Nacht sinken die Temperaturen auf minus 12 Grad.",
     "At night temperatures drop to 12 degrees.", FAIL, ALTERED),
    ("ho-gdp-minus", "Das Bruttoinlandsprodukt schrumpfte im dritten Quartal um 0,3 Prozent.",
     "Gross domestic product shrank by 0.3 percent in the third quarter.", PASS, NONE),
    ("ho-sales-tripled", "Der Umsatz mit E-Autos hat sich binnen zwei Jahren verdreifacht.",
     "Sales of electric cars have doubled within two years.", FAIL, ALTERED),
    ("ho-rent-halved", "Die Zahl der Baugenehmigungen hat sich seit 2021 halbiert.",
     "The number of building permits has halved since 2021.", PASS, NONE),
    ("ho-rain-mm-cm", "Örtlich fielen bis zu 40 Millimeter Regen.",
     "Locally, up to 40 centimetres of rain fell.", FAIL, ALTERED),
    ("ho-run-miles", "Der Lauf führt über 10 Kilometer durch die Altstadt.",
     "The run covers 6.2 miles through the old town.", PASS, NONE),
    ("ho-derby-score", "Der VfB Stuttgart gewann das Derby gegen den Karlsruher SC mit 2:1.",
     "VfB Stuttgart won the derby against Karlsruher SC 1-2.", FAIL, ALTERED),
    ("ho-goalless", "Das Spiel endete 0:0.", "The match ended in a goalless draw.", PASS, NONE),
    ("ho-train-time", "Der Zug fährt künftig um 6.40 Uhr ab.", "In future the train will leave at 6:40 p.m.",
     FAIL, ALTERED),
    ("ho-train-time-ok", "Der Zug fährt künftig um 18.40 Uhr ab.", "In future the train will leave at 6:40 pm.",
     PASS, NONE),
    ("ho-autobahn", "Auf der A8 bei Ulm staute sich der Verkehr.", "Traffic backed up on the A6 near Ulm.",
     FAIL, ALTERED),
    ("ho-club-renamed", "Hannover 96 verlor am Samstag zu Hause.", "Hanover lost at home on Saturday.",
     PASS, NONE),
    ("ho-hundreds", "Hunderte Menschen demonstrierten vor dem Landtag.",
     "Thousands of people demonstrated outside the state parliament.", FAIL, ALTERED),
    ("ho-dozens", "Dutzende Flüge wurden gestrichen.", "Dozens of flights were cancelled.", PASS, NONE),
    ("ho-sentence", "Das Gericht verurteilte ihn zu drei Jahren und sechs Monaten Haft.",
     "The court sentenced him to three and a half years in prison.", PASS, NONE),
    ("ho-notation", "Die Sanierung kostet 48.500 Euro.", "The renovation costs 48.500 euros.", FAIL,
     frozenset({"notation"})),
    ("ho-short-line", "Die Inflationsrate in der Eurozone lag im Oktober bei 2,9 Prozent.",
     "Eurozone inflation was 2.9% in October.", PASS, NONE),
]

SUMMARY_HELD_OUT = [
    ("ho-summary-ordinal", "Die Notenbank erhöhte den Leitzins zum zehnten Mal in Folge.",
     "The central bank raised its key rate for the ninth time in a row.", FAIL, frozenset({"unsupported"})),
    ("ho-summary-ordinal-ok", "Die Notenbank erhöhte den Leitzins zum zehnten Mal in Folge.",
     "The central bank raised rates for the tenth consecutive time.", PASS, NONE),
]  # fmt: skip


def _kinds(report) -> frozenset[str]:
    return frozenset(p.kind for p in report.problems)


@pytest.mark.parametrize(("case", "german", "english", "passes", "kinds"), HELD_OUT, ids=[c[0] for c in HELD_OUT])
def test_held_out_translation(case, german, english, passes, kinds):
    report = check_translation(german, english)
    assert (report.passed, _kinds(report)) == (passes, kinds), [p.line() for p in report.problems]


@pytest.mark.parametrize(
    ("case", "german", "english", "passes", "kinds"), SUMMARY_HELD_OUT, ids=[c[0] for c in SUMMARY_HELD_OUT]
)
def test_held_out_summary(case, german, english, passes, kinds):
    report = check_summary(german, english)
    assert (report.passed, _kinds(report)) == (passes, kinds), [p.line() for p in report.problems]
