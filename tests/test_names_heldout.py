"""Held-out name-check cases (issue 22): written before the finder's thresholds were tuned on the
main table and WMT, never tuned against; their pass rate is reported on its own (README)."""

from __future__ import annotations

import pytest
from names_cases import ADDED, ALTERED, MISSING, OK, ids, ok, swap

from summarise.checking.checks import check_translation

H = {
    "pol1": ("Die Innenministerin Nancy Faeser stellte am Dienstag in Potsdam ihren Bericht vor.",
             "Interior Minister Nancy Faeser presented her report in Potsdam on Tuesday."),
    "pol2": ("Der französische Präsident Macron empfing Kanzler Scholz im Élysée-Palast.",
             "French President Macron received Chancellor Scholz at the Élysée Palace."),
    "pol3": ("Die Grünen in Baden-Württemberg wollen mit der CDU weiterregieren.",
             "The Greens in Baden-Württemberg want to continue governing with the CDU."),
    "pol4": ("Frau Weber kritisierte die Pläne der Bundesregierung scharf.",
             "Ms Weber sharply criticised the federal government's plans."),
    "pol5": ("Der ukrainische Präsident Selenskyj bat in Brüssel um weitere Hilfe.",
             "Ukrainian President Zelensky asked for further aid in Brussels."),
    "biz1": ("Siemens-Chef Roland Busch kündigte in München einen Umbau an.",
             "Siemens CEO Roland Busch announced a restructuring in Munich."),
    "biz2": ("Die EZB ließ die Zinsen unverändert, sagte Christine Lagarde in Frankfurt.",
             "The ECB left interest rates unchanged, Christine Lagarde said in Frankfurt."),
    "biz3": ("Der Autobauer Volkswagen eröffnet ein Werk in Ungarn.",
             "Carmaker Volkswagen is opening a plant in Hungary."),
    "spo1": ("Trainer Thomas Tuchel lobte Stürmer Kane nach dem Sieg gegen Leipzig.",
             "Coach Thomas Tuchel praised striker Kane after the win against Leipzig."),
    "spo2": ("Die Olympischen Spiele finden in Paris statt.",
             "The Olympic Games are taking place in Paris."),
    "spo3": ("Borussia Dortmund verlor in Mailand gegen den AC Mailand.",
             "Borussia Dortmund lost to AC Milan in Milan."),
    "cul1": ("Die Sängerin Helene Fischer tritt im Sommer in Wien auf.",
             "Singer Helene Fischer will perform in Vienna in the summer."),
    "cul2": ("Der Regisseur Wim Wenders zeigte seinen neuen Film in Cannes.",
             "Director Wim Wenders showed his new film in Cannes."),
    "crt1": ("Das Bundesverfassungsgericht in Karlsruhe gab der Klägerin recht.",
             "The Federal Constitutional Court in Karlsruhe ruled in favour of the plaintiff."),
    "crt2": ("Richterin Anna Vogel vertagte den Prozess gegen Herrn Koch.",
             "Judge Anna Vogel adjourned the trial of Mr Koch."),
    "crt3": ("Der Europäische Gerichtshof in Luxemburg wies die Klage Polens ab.",
             "The European Court of Justice in Luxembourg dismissed Poland's complaint."),
    "pla1": ("Das Hochwasser an der Donau erreichte Passau und Regensburg.",
             "The flooding on the Danube reached Passau and Regensburg."),
    "pla2": ("In Lüttich und Antwerpen streikten die Hafenarbeiter.",
             "Dock workers went on strike in Liège and Antwerp."),
    "pla3": ("Der Zug von Köln nach Nürnberg fiel aus.",
             "The train from Cologne to Nuremberg was cancelled."),
    "pla4": ("Die Wiener Philharmoniker spielten in Peking.",
             "The Vienna Philharmonic played in Beijing."),
}

HELDOUT = [
    *(ok(f"heldout-{k}-ok", v) for k, v in H.items()),
    swap("heldout-pol1-dropped", H["pol1"], " in Potsdam", "", MISSING),
    swap("heldout-pol2-similar", H["pol2"], "Scholz", "Schulz", ALTERED),
    swap("heldout-pol3-party", H["pol3"], "CDU", "CSU", ALTERED),
    swap("heldout-pol4-word", H["pol4"], "Ms Weber", "Ms Weaver", ALTERED),
    swap("heldout-pol5-added", H["pol5"], "asked for", "and Mr Orban asked for", ADDED),
    swap("heldout-biz1-exonym", H["biz1"], "Munich", "Vienna", ALTERED),
    swap("heldout-biz2-dropped", H["biz2"], ", Christine Lagarde said in Frankfurt", ", it said in Frankfurt", MISSING),
    swap("heldout-biz3-country", H["biz3"], "Hungary", "Romania", ALTERED),
    swap("heldout-spo1-similar", H["spo1"], "Kane", "Kahn", ALTERED),
    swap("heldout-spo2-exonym", H["spo2"], "Paris", "Rome", ALTERED),
    swap("heldout-spo3-dropped", H["spo3"], "Borussia Dortmund lost", "The team lost", MISSING),
    swap("heldout-cul1-word", H["cul1"], "Helene Fischer", "Helene Fisher", OK),  # one letter: a spelling, tolerated
    swap("heldout-cul1-word2", H["cul1"], "Singer Helene Fischer", "The singer", MISSING),
    swap("heldout-cul2-added", H["cul2"], "in Cannes", "in Cannes with Tom Hanks", ADDED),
    swap("heldout-crt1-city", H["crt1"], "Karlsruhe", "Leipzig", ALTERED),
    swap("heldout-crt2-word", H["crt2"], "Mr Koch", "Mr Cook", ALTERED),
    swap("heldout-crt2-bird", H["crt2"], "Anna Vogel", "Anna Bird", ALTERED),
    swap("heldout-crt3-country", H["crt3"], "Poland's", "Hungary's", ALTERED),
    swap("heldout-pla1-river", H["pla1"], "Danube", "Rhine", ALTERED),
    swap("heldout-pla2-exonym", H["pla2"], "Liège", "Lille", ALTERED),
    swap("heldout-pla3-dropped", H["pla3"], "from Cologne ", "", MISSING),
    swap("heldout-pla4-city", H["pla4"], "Beijing", "Shanghai", ALTERED),
    swap("heldout-pol5-translit", H["pol5"], "Zelensky", "Zelenskyy", OK),
    swap("heldout-pol3-english", H["pol3"], "Greens", "Green Party", OK),
    swap("heldout-biz2-english", H["biz2"], "The ECB", "The European Central Bank", OK),
]


# Held-out misses, not tuned away (strict: a fix shows). Pass rate written before tuning: 40/45; now 42/45.
MISSES = {
    "heldout-pol1-dropped": "Potsdam: lexicon evidence only, not required",
    "heldout-cul1-word": "Fischer → Fisher is the surname translated as a word (issue 22); this case expected it tolerated",
    "heldout-crt1-city": "Karlsruhe: lexicon evidence only; a known city replacing it is not reported alone",
}
TABLE = [pytest.param(*c, marks=pytest.mark.xfail(strict=True, reason=MISSES[c[0]])) if c[0] in MISSES else c
         for c in HELDOUT]  # fmt: skip


@pytest.mark.parametrize(("case", "german", "english", "expected"), TABLE, ids=ids(HELDOUT))
def test_heldout_case(case, german, english, expected):
    report = check_translation(german, english)
    found = {p.value for p in report.problems if p.kind == "name"}
    assert found == set(expected), [p.line() for p in report.problems]
