"""Glossary enforcement: what it costs and how often the check fires on human translations.

On WMT newstest German sentences (../shared/wmt) with a house glossary of politics terms (HOUSE):

1. cost of the glossary machinery per sentence — find the inflected terms, protect them with
   placeholders, restore the English terms in a model output that copied the placeholders, check the
   terms — next to the number / omission / untranslated check of the same pair (the checker every
   translation already runs), medians of --repeats passes;
2. the human references against the glossary: of the German occurrences found, how many references
   hold the glossary's English term (a newsroom's glossary is stricter than a human translator is:
   the rest are reference choices such as "Merkel" for "die Bundeskanzlerin", not matcher errors);
   the matched forms are listed with their counts, so the inflection rules can be read off real text;
3. compliance and end-to-end overhead with the engine: the template backend double of the tests
   (it copies placeholders, as Marian copies codes) on every inflected occurrence of the tests, and
   the tiny random Marian model (which loses every placeholder: the worst case, each sentence with
   a term translated twice) with and without the glossary, side by side in the same process.

The last line is the headline: glossary_overhead_pct=<machinery cost per sentence as a percentage of
the real-size model's time per sentence at the README's CTranslate2 beam-4 rate>.

    python bench/glossary.py --quick      # newstest2019 only, under a minute
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _proc import peak_rss_mb  # noqa: E402

from summarise.checking.checks import check_translation  # noqa: E402
from summarise.checking.terms import Glossary, check_terms  # noqa: E402
from summarise.checking.terms.matching import replacement  # noqa: E402
from summarise.translation.protect import protect, restore  # noqa: E402

WMT = ROOT.parent / "shared" / "wmt"
# README, Backends: opus-mt-de-en on CTranslate2, beam 4, 2 cores: 1,046 output tokens/s; a WMT news
# sentence has about 30 English tokens.
MODEL_SECONDS_PER_SENTENCE = 30 / 1046

HOUSE = {
    "Bundeskanzler": "Chancellor",
    "Bundeskanzlerin": "Chancellor",
    "Kanzler": "Chancellor",
    "Bundesregierung": "federal government",
    "Bundestag": "",
    "Bundesrat": "",
    "Bundesland": "state",
    "Land": "country",
    "Regierung": "government",
    "Minister": "minister",
    "Ministerpräsident": "prime minister",
    "Präsident": "president",
    "Partei": "party",
    "Polizei": "police",
    "Gericht": "court",
    "Staatsanwaltschaft": "public prosecutor's office",
    "Europäische Union": "European Union",
    "Europäische Zentralbank": "European Central Bank",
    "Vereinte Nationen": "United Nations",
    "Flüchtling": "refugee",
    "Wahl": "election",
    "Stadt": "city",
    "Unternehmen": "company",
    "Euro": "euro",
    "Krankenhaus": "hospital",
    "Schule": "school",
    "Gemeinde": "municipality",
    "Bürgermeister": "mayor",
    "Abgeordnete": "member of parliament",
    "AfD": "",
    "SPD": "",
    "CDU": "",
    "FDP": "",
    "NATO": "NATO",
    "EU": "EU",
}


def wmt_pairs(years: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for year in years:
        folder = WMT / f"newstest{year}"
        src = (folder / "src.de").read_text(encoding="utf-8").splitlines()
        ref = (folder / "ref.en").read_text(encoding="utf-8").splitlines()
        pairs += list(zip(src, ref, strict=True))
    return pairs


def machinery(glossary: Glossary, source: str, reference: str) -> None:
    entries = glossary.entries
    found = glossary.matcher.find_german(source)
    plan = protect(source, [(o.start, o.end, replacement(entries[o.entry], o.text)) for o in found])
    restore(plan.text, plan)  # an output that copied every placeholder
    check_terms(source, reference, glossary)


def timed(fn, pairs, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        t0 = time.process_time()
        for s, r in pairs:
            fn(s, r)
        runs.append(time.process_time() - t0)
    return statistics.median(runs)


def engine_runs(sentences: int) -> dict:
    """Compliance on the template double; tiny Marian with and without the glossary (worst case)."""
    import tempfile

    from glossary_doubles import GLOSSARY_TSV, OCCURRENCES, TermTemplateBackendDouble, term_document
    from tiny_marian import build_tiny_marian

    from summarise.checking.terms import parse_glossary
    from summarise.document import Block, Document
    from summarise.models.runtime import Runtime
    from summarise.translation.engine import Translator

    glossary = parse_glossary(GLOSSARY_TSV)
    result = Translator(TermTemplateBackendDouble(), cache=False, glossary=glossary).translate_document(term_document())
    occurrences = sum(len(glossary.matcher.find_german(b.source)) for b in result.blocks)
    complied = sum(len(b.check.terms or []) for b in result.blocks)
    leaked = sum(any(t in b.translation for t in ("ZXT", "ZXQ")) for b in result.blocks)

    with tempfile.TemporaryDirectory() as tmp:
        model = build_tiny_marian(Path(tmp) / "tiny")
        runtime = Runtime.resolve(str(model), backend="transformers", device="cpu", threads=1, beams=1, cache=False)
        subjects = ["Bundeskanzlerin", "Regierung", "Ministerin", "Polizei"]
        doc = Document([Block("paragraph", f"Die {subjects[n % 4]} sprach am Montag in Berlin über {n + 2} Vorschläge.")
                        for n in range(sentences)])  # fmt: skip
        times = {}
        for label, g in (("plain", None), ("glossary", Glossary.of(HOUSE))):
            tr = Translator.from_runtime(runtime.but(glossary=g))
            tr.translate_document(Document([Block("paragraph", "Warm-up.")]))
            t0 = time.perf_counter()
            out = tr.translate_document(doc)
            times[label] = time.perf_counter() - t0
            if g is not None:
                fallbacks = tr.stats["placeholder_fallbacks"]
                tiny_leaks = sum(any(t in b.translation for t in ("ZXT", "ZXQ")) for b in out.blocks)
    return {
        "double_occurrences": occurrences,
        "double_complied": complied,
        "double_leaks": leaked,
        "double_expected": len(OCCURRENCES) + 1,
        "tiny_plain_s": times["plain"],
        "tiny_glossary_s": times["glossary"],
        "tiny_fallbacks": fallbacks,
        "tiny_leaks": tiny_leaks,
        "tiny_sentences": sentences,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="newstest2019 only, fewer repeats and sentences")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--no-engine", action="store_true", help="skip the engine runs (double, tiny Marian)")
    parser.add_argument("--smoke", action="store_true", help="the sample article's pairs, 1 repeat, 1 engine sentence (proves the bench runs)")
    args = parser.parse_args()
    args.quick = args.quick or args.smoke
    years = ["2019"] if args.quick else [str(y) for y in range(2014, 2022)]
    repeats = args.repeats or (1 if args.smoke else 3 if args.quick else 5)
    print(f"cpu: {platform.processor() or platform.machine()} / {_cpu_model()}")
    if args.smoke:
        from _wmt import smoke_pairs  # the sample article and its reference, block by block

        pairs = [(src, ref) for _, _, src, ref in smoke_pairs()]
    else:
        pairs = wmt_pairs(years)
    glossary = Glossary.of(HOUSE, "house")
    glossary.matcher  # noqa: B018  (compiled once, outside the timing)

    check_s = timed(lambda s, r: check_translation(s, r), pairs, repeats)
    terms_s = timed(lambda s, r: machinery(glossary, s, r), pairs, repeats)
    n = len(pairs)
    per_check, per_terms = check_s / n * 1e6, terms_s / n * 1e6
    print(f"pairs: {n} (newstest {', '.join(years)}), glossary: {len(glossary)} terms, repeats: {repeats} (median)")
    print(f"number/omission/untranslated check: {per_check:.0f} µs per pair")
    print(f"glossary machinery (find + protect + restore + term check): {per_terms:.0f} µs per pair "
          f"= {per_terms / per_check:.2f}× the existing check")  # fmt: skip

    forms: Counter = Counter()
    found = in_reference = 0
    misses = []
    for source, reference in pairs:
        occurrences = glossary.matcher.find_german(source)
        if not occurrences:
            continue
        report = check_terms(source, reference, glossary)
        found += len(occurrences)
        in_reference += len(report.terms)
        forms.update(f"{glossary.entries[o.entry].german}→{o.text}" for o in occurrences)
        misses += [(p.source, p.value, reference) for p in report.problems]
    print(f"German occurrences found: {found} in {sum(1 for s, _ in pairs if glossary.matcher.find_german(s))} "
          f"sentences; the human reference holds the glossary's English for {in_reference} "
          f"({in_reference / max(found, 1):.1%})")  # fmt: skip
    print("forms matched (top 25): " + ", ".join(f"{f} {c}" for f, c in forms.most_common(25)))
    print(f"forms matched: {len(forms)} distinct; rarest: " + ", ".join(f for f, _ in forms.most_common()[-15:]))
    for german, english, reference in misses[:: max(1, len(misses) // 8)][:8]:
        print(f"  reference without the term: {german} (glossary: {english}) | {reference[:110]}")

    e = None if args.no_engine else engine_runs(1 if args.smoke else 2 if args.quick else 40)
    if e is not None:
        _print_engine(e)
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    overhead = per_terms / 1e6 / MODEL_SECONDS_PER_SENTENCE * 100
    print(f"glossary_overhead_pct={overhead:.2f}")


def _print_engine(e: dict) -> None:
    print(f"compliance, template double (copies placeholders): {e['double_complied']}/{e['double_occurrences']} "
          f"inflected occurrences = {e['double_complied'] / e['double_occurrences']:.0%}; placeholders in output: "
          f"{e['double_leaks']}")  # fmt: skip
    print(f"tiny Marian, {e['tiny_sentences']} sentences with a term (it loses every placeholder: the worst case): "
          f"{e['tiny_plain_s']:.2f} s plain, {e['tiny_glossary_s']:.2f} s with the glossary "
          f"({e['tiny_glossary_s'] / e['tiny_plain_s']:.2f}×), {e['tiny_fallbacks']} placeholder fallbacks, "
          f"{e['tiny_leaks']} placeholders in output")  # fmt: skip


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


if __name__ == "__main__":
    main()
