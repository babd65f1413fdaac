"""Build summarise/checking/names/data/wmt_names.txt: the names of WMT newstest 2014-2017 (de→en).

A word written capitalised mid-sentence in a German source AND in its human English reference is a name
(English capitalises little else mid-sentence) when that happens in at least two pairs and English
does not also use the word in lower case at least as often. Only 2014-2017 is read, so bench/names.py's
figures on 2018-2021 are on pairs this list never saw (it reports them apart).

    .venv/bin/python tools/build_names_lexicon.py [--wmt ../shared/wmt]
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "summarise" / "checking" / "names" / "data" / "wmt_names.txt"
SETS = ("newstest2014", "newstest2015", "newstest2016", "newstest2017")
_CAP = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b")
_LOWER = re.compile(r"\b[a-z]{3,}\b")
_NOT_NAMES = frozenset(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
)


def _inner(text: str) -> set[str]:
    """Capitalised words that do not open a sentence."""
    out = set()
    for m in _CAP.finditer(text):
        before = text[: m.start()].rstrip()
        if before and before[-1] not in ".!?:\"„“»«'":
            out.add(m.group(1))
    return out


def build(wmt: Path) -> list[str]:
    both: collections.Counter[str] = collections.Counter()
    lower: collections.Counter[str] = collections.Counter()
    for name in SETS:
        src = (wmt / name / "src.de").read_text(encoding="utf-8").splitlines()
        ref = (wmt / name / "ref.en").read_text(encoding="utf-8").splitlines()
        for s, r in zip(src, ref, strict=True):
            for w in _inner(s) & _inner(r):
                both[w] += 1
            lower.update(_LOWER.findall(r))
    from wordfreq import zipf_frequency

    # A common German word that English keeps only inside names ("Berliner Straße", "Platz der Republik").
    def german_word(w: str) -> bool:
        return zipf_frequency(w, "de") >= 4.0 and zipf_frequency(w, "en") < 2.5

    return sorted(
        w
        for w, n in both.items()
        if n >= 2 and len(w) >= 3 and lower[w.lower()] < n and w not in _NOT_NAMES and not german_word(w)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wmt", type=Path, default=ROOT.parent / "shared" / "wmt")
    args = parser.parse_args()
    names = build(args.wmt)
    header = (
        "# Names seen in WMT newstest 2014-2017 German-English (statmt.org, see ../shared/wmt/PROVENANCE.json):\n"
        "# capitalised mid-sentence in a German source and in its human English reference, in >= 2 pairs, and\n"
        "# not used lower case as often in the references, and not a common German word (wordfreq: de >= 4, en < 2.5). Built by tools/build_names_lexicon.py; do not edit.\n"
    )
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
