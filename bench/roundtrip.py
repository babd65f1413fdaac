"""Round-trip overhead: writing a document back in its own format (DOCX → DOCX, HTML → HTML) against
translating the same text alone.

Per document, side by side in one process with the same loaded model and the translation cache off:
- alone: the text of the units the round trip translates, as a Document of blocks, through
  `Translator.translate_document` (sentence split, batched, checked, repaired);
- round trip: `translate_document_bytes` on the file: unzip/parse, find the units, the same
  translation, each formatted span's own translation (for the aligner), alignment, rewriting,
  serialising.
Runs alternate (alone, round trip, alone, ...) and the medians of `--repeats` are compared. Checks
run on both sides, repair on neither (a random model fails nearly every check: the repair loop, the
same on both sides, would swamp the difference).

The model is a random-weight opus-mt-de-en of the real architecture (bench/_models.py, built once
into bench/out/models), so model time is realistic; `--quick` uses the tests' tiny Marian instead
(model time near zero, so its ratio is an upper bound: mostly the writers' own time). Documents: the DOCX and HTML files of
../shared/real-docs (full) or our fixture DOCX and a small page (`--quick`, under a minute).
Last line: roundtrip_overhead=<total round-trip time / total alone time>.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from _models import BUILD_VERSIONS, DEFAULT_CACHE, _cached, build_opus_mt_de_en  # noqa: E402
from _proc import peak_rss_mb  # noqa: E402

from summarise.document import Block, Document  # noqa: E402
from summarise.models.threads import cpu_model  # noqa: E402
from summarise.output.writers import document_format, translate_document_bytes  # noqa: E402

REAL_DOCS = HERE.parents[1] / "shared" / "real-docs"


def documents(quick: bool) -> list[tuple[str, bytes, str]]:
    if quick or not REAL_DOCS.is_dir():
        from roundtrip_fixtures import build_docx
        from test_roundtrip import PAGE

        return [("fixture.docx", build_docx(), "docx"), ("page.html", PAGE.encode(), "html")]
    out = []
    for path in sorted([*REAL_DOCS.glob("*.docx"), *REAL_DOCS.glob("*.html")]):
        data = path.read_bytes()
        out.append((path.name, data, document_format(data, path.suffix)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fixture DOCX + a small page, tiny model, greedy, 1 repeat (< 1 min)")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--beams", type=int, default=None, help="beam size [default: 4; --quick: 1]")
    parser.add_argument("--limit", type=int, default=None, help="only the first N real documents")
    parser.add_argument(
        "--model", default=None,
        help="a model directory instead of the random opus-mt; 'tiny': the tests' tiny Marian; 'wordbook': the "
        "instant word-for-word double (the difference is then the writers' own time per document)",
    )  # fmt: skip
    parser.add_argument("--smoke", action="store_true", help="--quick on the tests' tiny Marian (proves the bench runs)")
    args = parser.parse_args()
    args.quick = args.quick or args.smoke
    repeats = args.repeats or (1 if args.quick else 3)
    beams = args.beams or (1 if args.quick else 4)

    from summarise.models.runtime import Runtime
    from summarise.translation.engine import Translator

    if args.model is None and args.quick:
        args.model = "tiny"  # the random opus-mt takes minutes to build the first time
    if args.model == "wordbook":
        from roundtrip_doubles import WordbookBackendDouble

        translator = Translator(WordbookBackendDouble(), cache=False, repair=False)
        model, label = None, "WordbookBackendDouble (instant: the difference is the writers' own time)"
    elif args.model == "tiny" and args.smoke:
        from _models import tiny_model_dirs

        model, label = tiny_model_dirs()[0], "tiny random Marian (tests/tiny_marian.py)"
    elif args.model == "tiny":
        import tempfile

        from tiny_marian import build_tiny_marian

        model = build_tiny_marian(Path(tempfile.mkdtemp(prefix="roundtrip-tiny-")))
        label = "tiny random Marian (tests/tiny_marian.py)"
    elif args.model:
        model, label = Path(args.model), args.model
    else:
        model = _cached(DEFAULT_CACHE / "opus-mt-de-en-random", build_opus_mt_de_en, BUILD_VERSIONS["opus-mt-de-en"])
        label = "random-weight opus-mt-de-en"
    if model is not None:
        runtime = Runtime.resolve(str(model), backend="auto", beams=beams, cache=False)
        # Checks on, repair off: a random model fails nearly every check, and the repair loop (the
        # same on both sides) would swamp what is measured here.
        translator = Translator.from_runtime(runtime, cache=False, repair=False)
    print(f"cpu: {cpu_model()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"model: {label} ({translator.backend.name}), beams {beams}, cache off, checks on, repair off", flush=True)
    docs = documents(args.quick)[: args.limit]
    total_alone = total_trip = 0.0
    print(f"{'document':<42} {'units':>5} {'spans':>5} {'alone s':>8} {'round trip s':>12} {'extra s':>8} {'ratio':>6}")
    for name, data, fmt in docs:
        first = translate_document_bytes(data, translator, fmt, name=name)  # also warms the model
        texts = [u.text for u in first.report.units]
        alone_doc = Document([Block("paragraph", t) for t in texts])
        alone, trip = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            translator.translate_document(alone_doc)
            alone.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            translate_document_bytes(data, translator, fmt, name=name)
            trip.append(time.perf_counter() - t0)
        a, t = statistics.median(alone), statistics.median(trip)
        total_alone += a
        total_trip += t
        spans = first.report.span_counts()["total"]
        print(f"{name:<42} {len(texts):>5} {spans:>5} {a:>8.2f} {t:>12.2f} {t - a:>8.2f} {t / a:>6.2f}", flush=True)
    print(f"total: alone {total_alone:.2f} s, round trip {total_trip:.2f} s; peak RSS {peak_rss_mb():.0f} MB")
    print(f"roundtrip_overhead={total_trip / total_alone:.2f}")


if __name__ == "__main__":
    main()
