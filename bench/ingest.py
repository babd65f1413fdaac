"""Benchmark: how well `summarise.ingest.read_document` rebuilds real documents (issue 18).

Runs the public reader over the real-document corpus (tests/corpus: pdflatex, Chromium-printed and
LibreOffice PDFs, text pasted out of PDFs, saved news pages, Word files; see tests/corpus/manifest.json)
and scores every input against its ground-truth blocks (tests/corpus/scoring.py):

- blocks exact: share of truth blocks (title / heading / paragraph) recovered with the same kind and text;
- word accuracy: difflib over the whole word sequence, 2·matched / (truth words + output words);
- junk: output blocks that are bare page numbers, running heads, browser print headers/footers;
- speed: seconds per PDF page (CPU and wall clock, median of the repeats).

Figures per route, separately for the inputs tuned on and the held-out ones (manifest `held_out`).
An input the reader cannot read counts as zero and is listed as an error; the bench never crashes on it.

    .venv/bin/python bench/ingest.py            # 3 timing repeats, per-file table
    .venv/bin/python bench/ingest.py --quick    # 1 repeat (a few seconds)
    .venv/bin/python bench/ingest.py --json out.json --show-missed 3

The shared REAL documents (../shared/real-docs: Word, PDFCreator, pandoc PDFs, news pages, Word files
nobody here made; read at run time, never copied) are scored separately with that set's own scorer
(measure.py): per document blocks exact, % of words, junk blocks; per kind (PDF / HTML / DOCX) the totals.
`--real-only` runs just them.

The last line is `blocks_exact=<share over all corpus inputs> word_acc=<over all corpus inputs>
real_pdf_blocks=… real_pdf_words=… real_pdf_max_junk=… real_html_blocks=… real_html_junk=…
real_docx_blocks=…` (the real_* figures only where ../shared/real-docs exists).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import real_docs  # noqa: E402
from _proc import peak_rss_mb  # noqa: E402
from scoring import CORPUS, ROUTES, Score, load_manifest, load_truth, score  # noqa: E402

from summarise.models.threads import cpu_model  # noqa: E402


@dataclass
class Result:
    entry: dict
    score: Score
    error: str | None
    cpu_s: float
    wall_s: float


def read_once(path: Path) -> tuple[list[tuple[str, str]] | None, str | None, float, float]:
    from summarise.errors import SummariseError
    from summarise.ingest import read_document

    cpu, wall = time.process_time(), time.perf_counter()
    try:
        doc = read_document(path)
        blocks, error = [(b.kind, b.text) for b in doc.blocks], None
    except SummariseError as e:
        blocks, error = None, f"input error: {e}"
    except Exception as e:  # a crash of the reader is a result to report, not a reason to stop
        blocks, error = None, f"internal error: {type(e).__name__}: {e}"
    return blocks, error, time.process_time() - cpu, time.perf_counter() - wall


def run(entries: list[dict], repeats: int) -> list[Result]:
    results = []
    for entry in entries:
        cpus, walls = [], []
        for _ in range(repeats):
            blocks, error, cpu, wall = read_once(CORPUS / entry["file"])
            cpus.append(cpu)
            walls.append(wall)
        results.append(Result(entry, score(load_truth(entry), blocks), error,
                              statistics.median(cpus), statistics.median(walls)))
    return results


def totals(results: list[Result]) -> dict:
    tb = sum(r.score.truth_blocks for r in results)
    eb = sum(r.score.exact_blocks for r in results)
    tw = sum(r.score.truth_words + r.score.out_words for r in results)
    mw = sum(r.score.matched_words for r in results)
    pages = sum(r.entry.get("pages", 0) for r in results)
    pdf = [r for r in results if r.entry.get("pages")]
    return {
        "files": len(results),
        "blocks_exact": eb / tb if tb else float("nan"),
        "exact": eb,
        "blocks": tb,
        "word_acc": 2 * mw / tw if tw else float("nan"),
        "junk": sum(len(r.score.junk) for r in results),
        "errors": sum(r.error is not None for r in results),
        "cpu_s_per_page": sum(r.cpu_s for r in pdf) / pages if pages else None,
        "wall_s_per_page": sum(r.wall_s for r in pdf) / pages if pages else None,
    }


def fmt_row(label: str, t: dict) -> str:
    if not t["files"]:
        return f"  {label:<22} {'-':>5}"
    speed = (f"{t['cpu_s_per_page']:6.3f} {t['wall_s_per_page']:6.3f}" if t["cpu_s_per_page"] is not None
             else f"{'-':>6} {'-':>6}")
    return (f"  {label:<22} {t['files']:>5} {t['exact']:>4}/{t['blocks']:<4} {100 * t['blocks_exact']:6.1f} % "
            f"{100 * t['word_acc']:7.2f} % {t['junk']:>5} {t['errors']:>6}  {speed}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="one timing repeat instead of three")
    ap.add_argument("--smoke", action="store_true", help="one input per route, one repeat (proves the bench runs)")
    ap.add_argument("--repeats", type=int, help="timing repeats per input (median); default 3, --quick 1")
    ap.add_argument("--route", choices=ROUTES, action="append", help="only these routes (repeatable)")
    ap.add_argument("--json", type=Path, help="write per-input results as JSON")
    ap.add_argument("--show-missed", type=int, default=0, metavar="N",
                    help="print up to N truth blocks each input did not recover exactly")
    ap.add_argument("--real-only", action="store_true", help="only the shared real documents")
    args = ap.parse_args(argv)
    repeats = args.repeats or (1 if args.quick or args.smoke else 3)

    manifest = load_manifest()
    entries = [e for e in manifest["inputs"] if not args.route or e["route"] in args.route]
    if args.real_only:
        print(f"CPU: {cpu_model()} ({os.cpu_count()} cores)")
        print(real_report(args.show_missed))
        return 0
    if args.smoke:
        entries = [next(e for e in entries if e["route"] == route) for route in dict.fromkeys(e["route"] for e in entries)]
    print(f"CPU: {cpu_model()} ({os.cpu_count()} cores); corpus: {len(entries)} inputs, "
          f"{sum(e.get('pages', 0) for e in entries)} PDF pages; {repeats} timing repeat(s), median")
    import summarise.ingest

    print(f"reader: summarise.ingest.read_document from {Path(summarise.ingest.__file__).parent}")
    t0 = time.perf_counter()
    results = run(entries, repeats)

    print("\nper input (exact blocks, word accuracy, junk blocks, CPU s/page):")
    for r in results:
        s = r.score
        tag = " [held out]" if r.entry["held_out"] else ""
        pages = r.entry.get("pages")
        speed = f" {r.cpu_s / pages:.3f} s/page" if pages else f" {r.cpu_s:.3f} s"
        print(f"  {Path(r.entry['file']).name:<40} {r.entry['route']:<12} {s.exact_blocks:>3}/{s.truth_blocks:<3} "
              f"{100 * s.word_acc:6.2f} % junk {len(s.junk)}{speed}{tag}")
        if r.error:
            print(f"      ERROR {r.error}")
        for kind, text in s.missed[: args.show_missed]:
            print(f"      missed {kind}: {text[:90]}")
        for text in s.junk[: args.show_missed]:
            print(f"      junk: {text[:90]}")

    header = (f"  {'route':<22} {'files':>5} {'exact':>9} {'blocks':>8} {'words':>9} {'junk':>5} {'errors':>6}  "
              f"{'cpu s/p':>6} {'wall':>6}")
    summary = {}
    for part, keep in (("tuned", False), ("held out", True), ("all", None)):
        chosen = [r for r in results if keep is None or r.entry["held_out"] == keep]
        print(f"\n{part}:\n{header}")
        for route in ROUTES:
            t = totals([r for r in chosen if r.entry["route"] == route])
            summary[f"{part}/{route}"] = t
            print(fmt_row(route, t))
        pdfs = [r for r in chosen if r.entry["route"].startswith("pdf-")]
        summary[f"{part}/pdf"] = totals(pdfs)
        summary[f"{part}/total"] = totals(chosen)
        print(fmt_row("pdf (all producers)", summary[f"{part}/pdf"]))
        print(fmt_row("total", summary[f"{part}/total"]))

    errors = [r for r in results if r.error]
    if errors:
        print(f"\n{len(errors)} input(s) could not be read (scored as zero):")
        for r in errors:
            print(f"  {r.entry['file']}: {r.error}")
    print(f"\nbench time {time.perf_counter() - t0:.1f} s, peak RSS {peak_rss_mb():.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({
            "summary": summary,
            "inputs": [{"file": r.entry["file"], "route": r.entry["route"], "held_out": r.entry["held_out"],
                        "exact": r.score.exact_blocks, "blocks": r.score.truth_blocks,
                        "word_acc": r.score.word_acc, "junk": r.score.junk, "error": r.error,
                        "cpu_s": r.cpu_s, "wall_s": r.wall_s, "pages": r.entry.get("pages"),
                        "missed": r.score.missed} for r in results]}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
    total = summary["all/total"]
    headline = f"blocks_exact={total['blocks_exact']:.3f} word_acc={total['word_acc']:.4f}"
    real = real_report(args.show_missed)
    print(" ".join(x for x in (headline, real) if x))
    return 0


def real_report(show: int) -> str:
    """Score the shared real documents; the headline fields for the last line ("" when absent)."""
    why = real_docs.available()
    if why:
        print(f"\nshared real documents: skipped ({why})")
        return ""
    results = real_docs.run()
    print(f"\nshared real documents ({real_docs.REAL_DOCS}; scored by its measure.py):")
    for r in results:
        speed = f" {r.cpu_s / r.pages:.3f} s/page" if r.pages else f" {r.cpu_s:.3f} s"
        print(f"  {r.name:<38} {r.kind:<4} {r.exact:>3}/{r.blocks:<3} {100 * r.word_acc:6.2f} % words "
              f"junk {len(r.junk)}{speed}")
        if r.error:
            print(f"      ERROR {r.error}")
        for text in r.junk[:show]:
            print(f"      junk: {text[:90]}")
        for text in r.detail["missed"][:show]:
            print(f"      not exact: {text[:90]}")
    fields = []
    print(f"  {'kind':<6} {'docs':>4} {'exact':>9} {'blocks':>8} {'words':>9} {'junk':>5} {'max/doc':>7} "
          f"{'errors':>6} {'cpu s/p':>7}")
    for kind in real_docs.KINDS:
        t = real_docs.totals([r for r in results if r.kind == kind])
        if not t["docs"]:
            continue
        speed = f"{t['cpu_s_per_page']:7.3f}" if t["cpu_s_per_page"] is not None else f"{'-':>7}"
        print(f"  {kind:<6} {t['docs']:>4} {t['exact']:>4}/{t['blocks']:<4} {100 * t['blocks_exact']:6.1f} % "
              f"{100 * t['word_acc']:7.2f} % {t['junk']:>5} {t['max_junk']:>7} {t['errors']:>6} {speed}")
        fields.append(f"real_{kind}_blocks={t['blocks_exact']:.3f}")
        if kind == "pdf":
            fields += [f"real_pdf_words={t['word_acc']:.4f}", f"real_pdf_max_junk={t['max_junk']}",
                       f"real_pdf_cpu_s_per_page={t['cpu_s_per_page']:.3f}"]
        elif kind == "html":
            fields.append(f"real_html_junk={t['junk']}")
    return " ".join(fields)


if __name__ == "__main__":
    sys.exit(main())
