"""Benchmark: whom a figure belongs to with a German source and no translation (issue 25) — the
German→English referent lexicon of `summarise check --mode summary SOURCE.de SUMMARY.en`.

1. Coverage: the German referent words of the WMT figures (the words `referent_de.referent_words` reads
   around every figure of a source), by how the lexicon finds English for them: the word itself, a
   compound's parts, or neither (kept as written: names); and the referent vocabulary of news figures.
2. Accuracy: the hand-checked sample bench/data/referent_lexicon_sample.tsv (100 referent words of
   newstest 2020-2021, drawn with a fixed seed; is the top English candidate right?).
3. Summary mode, German source only against the English path (the reference as the brief's translation),
   on the same pairs: the human reference read as a summary of its source (false alarms: "belongs to"),
   and bench/checker.py's "figure moved (summary)" plant (two figures of different subjects swapped).
4. Load time of the lexicon (a fresh process) and the summary check's speed, German-only vs with the
   translation, CPU time on one core.

Newstest 2020-2021 are held out from the lexicon (built from 2014-2019), and reported apart from
2014-2019 (those pairs taught the lexicon; they hold most of the moved-figure plants, which need two
percentages or sums of money of different subjects in one sentence).

    .venv/bin/python bench/referent_lexicon.py [--quick] [--wmt DIR]     # --quick: 2020-2021 only

The last line is `moved_caught_de=<share of moved figures caught, German source only, all sets read>
false_alarms_de=<share of honest summaries flagged "belongs to", German source only, all sets read>`.
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _proc import peak_rss_mb
from _wmt import DEFAULT_WMT, has_number, load_pairs, smoke_pairs
from checker import summary_corruptions

from summarise.checking.checks import check_summary
from summarise.checking.numbers import extract_german
from summarise.checking.numbers.referent_de import english, fold, lexicon, referent_words

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).resolve().parent / "data" / "referent_lexicon_sample.tsv"
HELD_OUT = ("newstest2020", "newstest2021")
# What news figures belong to (issue 25's list and its domains), German as a report writes it. (Not
# "Wachstum": growth is a direction word, a referent on neither side.)
VOCABULARY = {
    "Preise": "price", "Arbeitslosigkeit": "unemployment", "Inflation": "inflation", "Löhne": "wage",
    "Exporte": "export", "Umsatz": "sale", "Gewinn": "profit", "Bevölkerung": "population", "Tote": "dead",
    "Verletzte": "injured", "Stimmen": "vote", "Wahlbeteiligung": "turnout", "Schulden": "debt",
    "Haushalt": "budget", "Miete": "rent", "Studenten": "student", "Arbeitsplätze": "job", "Einwohner": "inhabitant",
    "Steuern": "tax", "Zinsen": "interest", "Renten": "pension", "Passagiere": "passenger", "Besucher": "visitor",
    "Schüler": "pupil", "Lehrer": "teacher", "Patienten": "patient", "Infektionen": "infection",
    "Flüchtlinge": "refugee", "Unfälle": "accident", "Straftaten": "crime", "Einnahmen": "revenue",
    "Ausgaben": "spending", "Defizit": "deficit", "Importe": "import",
    "Mitarbeiter": "employee", "Gehälter": "salary", "Strompreis": "electricity", "Ölpreis": "oil",
    "Weizen": "wheat", "Ernte": "harvest", "Milch": "milk", "Wohnungen": "flat", "Autos": "car",
    "Fahrzeuge": "vehicle", "Zuschauer": "spectator", "Sitze": "seat", "Wähler": "voter", "Todesopfer": "death",
    "Arbeitslosenquote": "unemployment", "Mieten": "rent", "Gymnasien": "grammar", "Verbraucherpreise": "price",
}  # fmt: skip


def how_found(word: str) -> str:
    """"word", "compound" (its parts), "as written" (a name, or unknown), or "nothing"."""
    found = english(word)
    if not found:
        return "nothing"
    lex = lexicon()
    if "-" in word or (fold(word) not in lex and found != (word.lower().rstrip("s"),) and len(found) > 1):
        return "compound"
    return "word" if fold(word) in lex else "as written"


def coverage(pairs) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for _, _, source, _ in pairs:
        numbers = [n for n in extract_german(source) if not n.soft]
        for words in referent_words(numbers, source).values():
            counts.update(how_found(w) for w in words)
    return counts


def sample_accuracy() -> tuple[collections.Counter, int]:
    verdicts: collections.Counter = collections.Counter()
    stale = 0
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        _, german, top, verdict, *_ = line.split("\t")
        if (english(german) or ("",))[0] != top:
            stale += 1  # the lexicon changed since the judgement: re-judge these
            continue
        verdicts[verdict] += 1
    return verdicts, stale


def summary_mode(pairs, rng: random.Random) -> dict[str, collections.Counter]:
    """Per mode (de: German source only, en: the reference as translation): honest pairs, those flagged
    "belongs to", moved-figure plants and those caught."""
    out = {"de": collections.Counter(), "en": collections.Counter()}
    for _, _, source, reference in pairs:
        honest = {
            "de": check_summary(source, reference),
            "en": check_summary(source, reference, translation=reference),
        }
        if not honest["en"].passed and not honest["de"].passed:
            continue
        plants = [c for kind, c in summary_corruptions(reference, rng) if kind == "figure moved (summary)"]
        for mode, report in honest.items():
            fields = {p.field for p in report.problems}
            if "belongs to" in fields:
                out[mode]["flagged"] += 1
            out[mode]["honest"] += 1
            if not report.passed:  # a plant counts only where the reference itself passes
                continue
            for corrupted in plants:
                out[mode]["planted"] += 1
                translation = reference if mode == "en" else None
                caught = check_summary(source, corrupted, translation=translation)
                out[mode]["caught"] += any(p.field == "belongs to" for p in caught.problems)
                out[mode]["caught_any"] += not caught.passed
    return out


def load_seconds(repeats: int = 3) -> float:
    code = (
        "import time; from summarise.checking.numbers.referent_de import lexicon; "
        "t = time.perf_counter(); lexicon(); print(time.perf_counter() - t)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout)
            for _ in range(repeats)]  # fmt: skip
    return statistics.median(runs)


def speed(pairs, german_only: bool) -> float:
    cpu = time.process_time()
    for _, _, source, reference in pairs:
        check_summary(source, reference, translation=None if german_only else reference)
    return len(pairs) / max(time.process_time() - cpu, 1e-6)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next(ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name"))
    except (OSError, StopIteration):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wmt", type=Path, default=DEFAULT_WMT)
    parser.add_argument("--quick", action="store_true", help="newstest 2020-2021 only (held out from the lexicon)")
    parser.add_argument("--smoke", action="store_true", help="the sample article and its reference only (proves the bench runs)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.smoke and not args.wmt.is_dir():
        print(f"referent lexicon bench: no WMT data at {args.wmt} (pass --wmt DIR)", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    print(f"cpu: {platform.machine()} · {_cpu_model()} · pinned to one core")
    print(f"lexicon: {sum(1 for v in lexicon().values() if v):,} German keys with English, "
          f"{(ROOT / 'summarise/checking/numbers/data/referent_de_en.tsv.gz').stat().st_size:,} bytes; "
          f"load (fresh process, median of 3) {load_seconds(1 if args.smoke else 3):.3f} s")  # fmt: skip

    every = [p for p in (smoke_pairs() if args.smoke else load_pairs(args.wmt, False)) if has_number(p[2])]
    groups = {"held out (2020-2021)": [p for p in every if p[0] in HELD_OUT]}
    if args.smoke:
        groups = {"held out (the sample article)": every}
    elif not args.quick:
        groups["lexicon's own (2014-2019)"] = [p for p in every if p[0] not in HELD_OUT]

    found = {w: how_found(w) for w in VOCABULARY}
    right = sum(VOCABULARY[w] in english(w) for w in VOCABULARY)
    print(f"referent vocabulary of news figures: {right}/{len(VOCABULARY)} have the expected English word "
          f"({collections.Counter(found.values())})")  # fmt: skip
    missing = [w for w in VOCABULARY if VOCABULARY[w] not in english(w)]
    if missing:
        print(f"  without it: {', '.join(f'{w} → {english(w)}' for w in missing)}")
    verdicts, stale = sample_accuracy()
    judged = sum(verdicts.values())
    print(f"hand-checked sample ({SAMPLE.name}): top candidate right {verdicts['right']}/{judged}, partly right "
          f"{verdicts['partial']}, wrong {verdicts['wrong']}" + (f"; {stale} entries changed since judged" if stale else ""))  # fmt: skip

    headline: collections.Counter = collections.Counter()
    for name, pairs in groups.items():
        cov = coverage(pairs)
        words = sum(cov.values())
        print(f"{name}: {len(pairs)} pairs with a number")
        print(f"  referent words: {words}; English from the word {cov['word'] / words:.1%}, from a compound's parts "
              f"{cov['compound'] / words:.1%}, kept as written (names) {cov['as written'] / words:.1%}")  # fmt: skip
        result = summary_mode(pairs, random.Random(args.seed))
        for mode, label in (("de", "German source only"), ("en", "with the translation (baseline)")):
            r = result[mode]
            print(f"  {label:32s} honest summaries flagged 'belongs to' {r['flagged']}/{r['honest']} = "
                  f"{r['flagged'] / max(r['honest'], 1):.2%}; figure moved caught {r['caught']}/{r['planted']} = "
                  f"{r['caught'] / max(r['planted'], 1):.2%} (any problem: {r['caught_any'] / max(r['planted'], 1):.2%})")  # fmt: skip
        headline.update(result["de"])
        if name.startswith("held out"):
            de_rate, en_rate = speed(pairs, True), speed(pairs, False)
            print(f"  speed (one core, CPU time): German source only {de_rate:,.0f} pairs/s, with the translation "
                  f"{en_rate:,.0f} pairs/s ({de_rate / en_rate:.2f}×)")  # fmt: skip
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    print(f"moved_caught_de={headline['caught'] / max(headline['planted'], 1):.4f} "
          f"false_alarms_de={headline['flagged'] / max(headline['honest'], 1):.4f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
