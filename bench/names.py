"""Benchmark: the name-fidelity check (issue 22) on real human translations (WMT newstest de→en).

1. False alarms: every (src.de, ref.en) pair of ../shared/wmt/*/ whose source holds a name is checked
   for names like `summarise check --lines`; the share flagged should stay at or under 3 %. Pairs of
   2014-2017 fed the WMT name list (tools/build_names_lexicon.py), so 2018-2021 is reported apart as
   the unseen part. Flagged pairs go to bench/out/names_flagged.txt.
2. Catch rate: in pairs that passed, one corruption is planted per pair and kind, each must be flagged
   (>= 95 % per kind): `word` a surname translated as a word (Herr Bauer → Mr Farmer: the person's
   surname is replaced in both texts), `similar` a name replaced by a similar one (Söder → Seehofer,
   FDP → FPÖ), `dropped` a name removed, `added` a person the source does not name, `exonym` a place's
   English name replaced by another place's (Mailand → Munich).
3. Speed: name and number checks together, pairs per CPU-second on one core (pinned), median of the
   repeats, beside the number check alone (the baseline) and the full check_translation; peak RSS.
4. The German name finder's precision and recall on bench/data/names_gold.txt (hand-labelled), with
   the names credited to each kind of evidence and what is lost without it.

    .venv/bin/python bench/names.py              # all sets, 3 speed repeats
    .venv/bin/python bench/names.py --quick      # newstest2019-2021, 1 repeat (well under a minute)

The last line is `names_flag_rate=… names_caught=<lowest per-kind catch rate> names_pairs_per_s=…`.
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _proc import peak_rss_mb  # noqa: E402
from _wmt import DEFAULT_WMT, load_pairs, smoke_pairs  # noqa: E402

from summarise.checking.checks import check_numbers, check_translation  # noqa: E402
from summarise.checking.names import compare_names, find_german, lexicon  # noqa: E402

SEEN_SETS = ("newstest2014", "newstest2015", "newstest2016", "newstest2017")
OUT = Path(__file__).resolve().parent / "out"
GOLD = Path(__file__).resolve().parent / "data" / "names_gold.txt"

# Surnames that are German words, and what a literal translation makes of them.
WORD_SURNAMES = {"Bauer": "Farmer", "Vogel": "Bird", "Braun": "Brown", "Fischer": "Fisher", "Schmidt": "Smith",
                 "Müller": "Miller", "Koch": "Cook", "Weber": "Weaver", "Schneider": "Tailor", "Schäfer": "Shepherd",
                 "Zimmermann": "Carpenter", "Jäger": "Hunter", "Becker": "Baker", "Klein": "Small", "Fuchs": "Fox",
                 "Schwarz": "Black", "Stein": "Stone", "Sommer": "Summer", "Berg": "Mountain", "Hahn": "Rooster"}  # fmt: skip
# Similar names: another person or party of the same shape.
SIMILAR = {"Söder": "Seehofer", "Scholz": "Schulz", "Merkel": "Merz", "Macron": "Marcon", "FDP": "FPÖ", "CDU": "CSU",
           "SPD": "SPÖ", "Putin": "Patin", "Trump": "Truman"}  # fmt: skip
ADDED_PEOPLE = ["Thomas Keller", "Sabine Hartmann", "Mr Lindqvist", "Ms Okafor", "Chancellor Kohl"]
PLACES = ["Munich", "Milan", "Geneva", "Vienna", "Cologne", "Warsaw", "Prague", "Brussels", "Lisbon", "Moscow",
          "Nuremberg", "Venice", "Copenhagen", "Athens", "Beijing"]  # fmt: skip


def _tidy(out: str) -> str:
    return re.sub(r"\s{2,}", " ", re.sub(r"\s+([,.;:!?])", r"\1", out)).strip()


def corruptions(source: str, reference: str, rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, source, corrupted reference) for the kinds this pair allows (its names decide which)."""
    report = compare_names(source, reference)
    out = []
    people = [(s, c) for s, c in report.pairs if s.evidence in ("title", "first-name") and c.text.isalpha()]
    if people:
        s, c = rng.choice(people)
        surname, english = rng.choice(sorted(WORD_SURNAMES.items()))
        s_word = s.english[0]
        i = s.text.rfind(s_word)
        if i >= 0 and c.text == s_word:
            new_source = source[: s.start + i] + surname + source[s.start + i + len(s_word) :]
            new_ref = reference[: c.start] + english + reference[c.end :]
            out.append(("word", new_source, new_ref))
    named = [(s, c) for s, c in report.pairs if s.required and c.text[:1].isupper() and c.side == "en"]
    if named:
        s, c = rng.choice(named)
        similar = SIMILAR.get(c.text)
        if similar is None:  # another name of the same shape: first letter kept, the rest changed
            similar = c.text[0] + ("ardenberg" if len(c.text) > 4 else "ZQ")
            if c.text.isupper():
                similar = c.text[0] + "".join(rng.choice("BKLMRTWXZ") for _ in c.text[1:])
        # Every occurrence: a name the reference still holds elsewhere was neither replaced nor dropped.
        every = re.compile(r"(?<!\w)" + re.escape(c.text) + r"(?!\w)")
        out.append(("similar", source, every.sub(similar, reference)))
        out.append(("dropped", source, _tidy(every.sub("", reference))))
    if report.source_names:
        person = rng.choice(ADDED_PEOPLE)
        if person.split()[-1] not in source:
            body = reference.rstrip()
            end = body[-1] if body and body[-1] in ".!?" else ""
            out.append(("added", source, f"{body[: len(body) - len(end)]}, {person} said{end or '.'}"))
    places = [(s, c) for s, c in report.pairs if s.evidence == "gazetteer" and c.text in PLACES]
    if places:
        s, c = rng.choice(places)
        other = rng.choice([p for p in PLACES if p != c.text and p not in reference])
        out.append(("exonym", source, reference[: c.start] + other + reference[c.end :]))
    return out


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def measure(pairs, check, repeats: int) -> float:
    rates = []
    for _ in range(repeats):
        cpu = time.process_time()
        for _, _, s, r in pairs:
            check(s, r)
        rates.append(len(pairs) / (time.process_time() - cpu))
    return statistics.median(rates)


def names_and_numbers(source: str, candidate: str):
    report = check_numbers(source, candidate)
    compare_names(source, candidate)
    return report


def gold_scores() -> tuple[float, float, dict, dict]:
    """Precision, recall, names credited per evidence (the first evidence that fires), and recall
    without each evidence (a lower bound: another evidence might then find some of its names)."""
    lex = lexicon()
    tp = fp = fn = 0
    credited: collections.Counter[str] = collections.Counter()
    lost: collections.Counter[str] = collections.Counter()
    wrong: collections.Counter[str] = collections.Counter()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        gold, text, offset = [], "", 0
        for part in re.split(r"(\[\[.*?\]\])", line):
            if part.startswith("[["):
                gold.append((len(text), len(text) + len(part) - 4))
                text += part[2:-2]
            else:
                text += part
        found = [n for n in find_german(text, lex) if n.required or n.evidence in ("lexicon", "repeated")]
        spans = [(n.start, n.end, n.evidence) for n in found]
        for g in gold:
            hit = next((e for s, e_, e in spans if s < g[1] and g[0] < e_), None)
            if hit:
                tp += 1
                credited[hit] += 1
            else:
                fn += 1
        for s, e_, evidence in spans:
            if not any(s < g[1] and g[0] < e_ for g in gold):
                fp += 1
                wrong[evidence] += 1
        offset += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    for evidence, n in credited.items():
        lost[evidence] = (tp - n) / (tp + fn)
    return precision, recall, {k: (credited[k], wrong[k]) for k in sorted(set(credited) | set(wrong))}, dict(lost)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wmt", type=Path, default=DEFAULT_WMT)
    parser.add_argument("--quick", action="store_true", help="newstest2019-2021 only, one speed repeat")
    parser.add_argument("--show", type=int, default=15, help="flagged pairs to print")
    parser.add_argument("--smoke", action="store_true", help="the sample article's pairs, one repeat (proves the bench runs)")
    args = parser.parse_args(argv)
    args.quick = args.quick or args.smoke
    if not args.smoke and not args.wmt.is_dir():
        print(f"error: no WMT data in {args.wmt} (--wmt DIR)", file=sys.stderr)
        return 2
    _pin_one_core()
    print(f"cpu: {platform.processor() or platform.machine()} · {_cpu_model()} · pinned to one core")
    start = time.perf_counter()
    lexicon()
    print(f"lexicon loaded in {time.perf_counter() - start:.2f} s")
    pairs = smoke_pairs() if args.smoke else load_pairs(args.wmt, args.quick)

    # 1. false alarms
    flagged, with_names = [], 0
    by_group: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    passing = []
    for name, i, s, r in pairs:
        report = compare_names(s, r)
        if not report.source_names:
            continue
        with_names += 1
        group = "2014-2017 (seen)" if name in SEEN_SETS else "2018-2021 (unseen)"
        by_group[group][0] += 1
        if report.issues:
            by_group[group][1] += 1
            flagged.append((name, i, s, r, [x.message for x in report.issues]))
        else:
            passing.append((s, r))
    rate = len(flagged) / max(with_names, 1)
    OUT.mkdir(exist_ok=True)
    with open(OUT / "names_flagged.txt", "w", encoding="utf-8") as f:
        for name, i, s, r, messages in flagged:
            f.write(f"{name}:{i + 1}\n  de: {s}\n  en: {r}\n  " + "\n  ".join(messages) + "\n\n")
    print(f"human references: {len(pairs)} pairs, {with_names} with a name, {len(flagged)} flagged = {rate:.2%} "
          f"(list: {OUT / 'names_flagged.txt'})")  # fmt: skip
    for group, (n, bad) in sorted(by_group.items()):
        print(f"  {group}: {bad}/{n} = {bad / max(n, 1):.2%}")
    for name, i, _, _, messages in flagged[: args.show]:
        print(f"  {name}:{i + 1}: {messages[0]}")

    # 2. planted corruptions
    rng = random.Random(22)
    caught: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for s, r in passing:
        for kind, source, corrupted in corruptions(s, r, rng):
            caught[kind][1] += 1
            if compare_names(source, corrupted).issues:
                caught[kind][0] += 1
    for kind in ("word", "similar", "dropped", "added", "exonym"):
        hit, n = caught[kind]
        print(f"  corruption {kind:8} caught {hit}/{n} = {hit / max(n, 1):.1%}")
    lowest = min(hit / n for hit, n in caught.values() if n)

    # 3. speed
    repeats = 1 if args.quick else 3
    sample = pairs[:2000]
    numbers_only = measure(sample, check_numbers, repeats)
    both = measure(sample, names_and_numbers, repeats)
    full = measure(sample, check_translation, repeats)
    print(f"speed (one core, CPU time, median of {repeats}): numbers {numbers_only:,.0f} pairs/s · "
          f"names+numbers {both:,.0f} pairs/s ({both / numbers_only:.2f}× the number check alone) · "
          f"full check_translation {full:,.0f} pairs/s; peak RSS {peak_rss_mb():.0f} MB")  # fmt: skip

    # 4. the finder on hand-labelled sentences
    precision, recall, credited, lost = gold_scores()
    print(f"German name finder on {GOLD.name}: precision {precision:.1%}, recall {recall:.1%}")
    for evidence, (right, wrong) in credited.items():
        without = lost.get(evidence, recall)
        print(f"  {evidence:11} finds {right} right, {wrong} wrong; recall without it ≥ {without:.1%}")
    print(f"names_flag_rate={rate:.4f} names_caught={lowest:.3f} names_pairs_per_s={both:.0f}")
    return 0


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            return next(ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name"))
    except (OSError, StopIteration):
        return "unknown CPU"


if __name__ == "__main__":
    raise SystemExit(main())
