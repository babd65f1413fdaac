"""Build summarise/checking/numbers/data/referent_de_en.tsv.gz: German→English content words for the
referent rule of `check --mode summary` with a German source (issue 25).

Word alignment with eflomal (the shortlist's aligner, `summarise.models.shortlist._pair_counts_eflomal`,
union of both directions) over WMT newstest 2014-2019: German sources and their human English references,
line-aligned, after a hand-written seed (tools/data/referent_seed_de_en.tsv: the subjects news figures
belong to, by domain, which WMT is too small to align: Weizen, Gerste, Zuckerrüben). Both sides are reduced to the keys the checker looks words up by (German: `referent_de.fold`;
English: `referent._stem`). A German key keeps the English content words it is linked with in at least
10 % of its links (at least twice; once for a word seen at most twice, when that is half its links), best
first, at most four. English function words are never candidates, so a German function word ends up
without any and is not written. Only 2014-2019 is read: 2020-2021 stay held out for the accuracy sample
and bench/referent_lexicon.py's figures.

    .venv/bin/python tools/build_referent_lexicon.py [--wmt ../shared/wmt]
"""

from __future__ import annotations

import argparse
import collections
import datetime
import gzip
import hashlib
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarise.checking.numbers import lexicon as lx  # noqa: E402
from summarise.checking.numbers.referent import _NOT_REFERENT, _stem  # noqa: E402
from summarise.checking.numbers.referent_de import _NOT_REFERENT as _NOT_REFERENT_DE  # noqa: E402
from summarise.checking.numbers.referent_de import fold  # noqa: E402
from summarise.models.shortlist import _pair_counts_eflomal  # noqa: E402

DATA = ROOT / "summarise" / "checking" / "numbers" / "data"
OUT = DATA / "referent_de_en.tsv.gz"
PROVENANCE = DATA / "referent_de_en.PROVENANCE.md"
SEED = ROOT / "tools" / "data" / "referent_seed_de_en.tsv"
SETS = tuple(f"newstest{y}" for y in range(2014, 2020))
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "by", "for", "from", "with", "without", "within", "into", "onto", "upon", "as", "is", "be", "are", "was", "were", "am", "been", "being", "do", "does", "did", "done", "doing", "have", "has", "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "it", "its", "it's", "he", "she", "they", "them", "their", "theirs", "his", "her", "hers", "him", "we", "us", "our", "you", "your", "i", "me", "my", "mine", "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "that", "this", "these", "those", "there", "here", "than", "then", "so", "such", "not", "no", "nor", "and", "or", "but", "if", "because", "while", "although", "though", "since", "until", "unless", "both", "either", "neither", "each", "every", "all", "any", "some", "many", "much", "more", "most", "few", "less", "least", "other", "another", "own", "same", "very", "too", "also", "just", "only", "even", "still", "yet", "already", "again", "ever", "never", "always", "often", "once", "twice", "up", "down", "out", "off", "over", "under", "above", "below", "about", "around", "through", "across", "along", "among", "between", "against", "during", "before", "after", "again", "further", "per", "via", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "one's", "let", "lets", "get", "got", "mr", "mrs", "ms", "dr", "therefore", "thus", "hence", "however", "due", "far", "further", "finally", "eventually", "ultimately", "instead", "anyway", "well", "now", "today", "yesterday", "tomorrow", "recently", "currently", "meanwhile", "almost", "nearly", "rather", "quite", "said", "say", "says", "told", "tell", "according", "year", "month", "week", "day", "time"]
)
# The words of a figure itself (units, currencies, number and month words) name nothing it belongs to.
_FIGURE_WORDS = frozenset(
    w.lower() for table in (lx.ENGLISH_UNITS, lx.CURRENCIES, lx.ENGLISH_NUMBER_WORDS, lx.ENGLISH_MONTHS,
                            lx.ENGLISH_SCALES, lx.ENGLISH_SMALL_ORDINALS) for w in table
)  # fmt: skip
_STOP = _ENGLISH_FUNCTION | _NOT_REFERENT | _FIGURE_WORDS
ENGLISH_STOP = frozenset(_stem(w) for w in _STOP) | _STOP
PER_KEY = 4
SHARE = 0.10


def tokens(wmt: Path) -> tuple[list[list[str]], list[list[str]]]:
    src, tgt = [], []
    for name in SETS:
        de = (wmt / name / "src.de").read_text(encoding="utf-8").splitlines()
        en = (wmt / name / "ref.en").read_text(encoding="utf-8").splitlines()
        for s, r in zip(de, en, strict=True):
            s_tok = [fold(w) for w in _WORD.findall(s)]
            t_tok = [_stem(w) for w in _WORD.findall(r)]
            if s_tok and t_tok:
                src.append(s_tok)
                tgt.append(t_tok)
    return src, tgt


def build(wmt: Path, cache: Path | None = None) -> tuple[dict[str, list[str]], int]:
    src, tgt = tokens(wmt)
    if cache and cache.exists():  # the alignment takes minutes; the selection below is what one tunes
        links = pickle.loads(cache.read_bytes())
    else:
        links = _pair_counts_eflomal(src, tgt)
        if cache:
            cache.write_bytes(pickle.dumps(links))
    total: collections.Counter[str] = collections.Counter()
    for (d, _), c in links.items():
        total[d] += c
    seen = collections.Counter(w for s in src for w in s)
    ranked: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for (d, e), c in links.items():
        if len(d) < 3 or d in _NOT_REFERENT_DE or len(e) < 3 or e in ENGLISH_STOP or not e.isalpha():
            continue
        share = c / total[d]
        if share >= SHARE and (c >= 2 or (seen[d] <= 2 and share >= 0.5)):
            ranked[d].append((c, e))
    lexicon = {
        d: [e for _, e in sorted(cands, key=lambda x: (-x[0], x[1]))[:PER_KEY]] for d, cands in ranked.items()
    }
    for d, es in seed().items():  # the hand-written subjects first, the aligned words after them
        lexicon[d] = list(dict.fromkeys(es + lexicon.get(d, [])))[: PER_KEY + 2]
    # A word seen often that names nothing in English (Punkte → points, a figure's own word) is written
    # with no candidates, so the checker does not take it for a name.
    for d, n in seen.items():
        if n >= 3 and d not in lexicon and len(d) >= 3 and d.isalpha():
            lexicon[d] = []
    return lexicon, len(src)


def seed() -> dict[str, list[str]]:
    out: dict[str, list[str]] = collections.defaultdict(list)
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        german, english = line.split("\t")
        words = [_stem(w) for w in english.lower().split()]
        for form in _forms(german):
            out[fold(form)] += [w for w in words if w not in ENGLISH_STOP and w not in out[fold(form)]]
    return out


def _forms(lemma: str) -> set[str]:
    """A seed lemma and its plural and case forms that `fold` does not bring back to it (Gymnasium →
    Gymnasien, Museum → Museen; Job → Jobs)."""
    forms = {lemma, lemma + "s", lemma + "e", lemma + "en", lemma + "er"}
    if lemma.endswith("um"):  # Gymnasium → Gymnasien, Zentrum → Zentren, Visum → Visa
        forms |= {lemma[:-2] + "en", lemma[:-2] + "a"}
    return forms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wmt", type=Path, default=ROOT.parent / "shared" / "wmt")
    parser.add_argument("--cache", type=Path, help="keep the alignment links here between runs")
    args = parser.parse_args(argv)
    lexicon, pairs = build(args.wmt, args.cache)
    DATA.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{d}\t{' '.join(es)}\n" for d, es in sorted(lexicon.items()))
    # mtime=0: the same input gives the same bytes (a rebuild shows no diff)
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(body.encode("utf-8"))
    inputs = "\n".join(
        f"- {name}/{side}: sha256 {hashlib.sha256((args.wmt / name / side).read_bytes()).hexdigest()[:16]}"
        for name in SETS for side in ("src.de", "ref.en")
    )  # fmt: skip
    PROVENANCE.write_text(
        f"# referent_de_en.tsv.gz\n\nBuilt by tools/build_referent_lexicon.py on {datetime.date.today()} from "
        f"WMT newstest 2014-2019 German sources and human English references ({pairs} line pairs; the WMT "
        f"test sets are published for research use by the WMT shared tasks). Word alignment: eflomal (union of "
        f"both directions), after the hand-written seed tools/data/referent_seed_de_en.tsv (subjects of news figures, {len(seed())} keys with their inflected forms; sha256 {hashlib.sha256(SEED.read_bytes()).hexdigest()[:16]}). {len(lexicon)} German keys ({sum(1 for v in lexicon.values() if not v)} of them known to name nothing), at most {PER_KEY} English candidates each, a candidate "
        f"holding >= {SHARE:.0%} of the key's links. {OUT.stat().st_size:,} bytes compressed; sha256 "
        f"{hashlib.sha256(OUT.read_bytes()).hexdigest()}. eflomal samples its alignments: a rebuild may differ "
        f"in the candidates of rare words.\n\nInputs:\n{inputs}\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(lexicon)} keys, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
