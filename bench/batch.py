"""Benchmark: `summarise batch` over a folder vs `summarise brief` once per file, as a user would script it.

    for f in articles/*.txt; do summarise brief "$f" --format json -o "briefs/$f.json"; done
    summarise batch articles/ briefs/

Both run as separate processes through the real CLI, with the same models and options: random-weight
copies of opus-mt-de-en and distilbart-cnn-12-6 with their real architectures and fixed output lengths
(bench/_models.py), `--offline --no-cache` (no translation cache, so nothing is reused between runs),
backend `auto` unless --backend says otherwise. Articles are German news documents from WMT newstest
(../shared/wmt, evaluation data, read at run time, never copied into the repository) with the
sentences that carry numbers left out: the random models cannot translate numbers, and a real model
gets them right nearly always, so keeping them would benchmark the repair loop instead.

Measured: wall time per path (process start, model loading, all work), articles per minute, and each
path's peak memory (max RSS of the largest process). The per-file runs are split around the batch
runs, so drifting load on a shared machine weighs on both paths. The batch's fixed cost (start-up, model loading,
scanning) is measured separately by rerunning it on its finished output (every article is skipped).
With --quick fewer articles run and the 50-article figures are extrapolated from what was measured:
per-file = articles x mean seconds per file; batch = fixed cost + articles x measured seconds per
article. The last line is the speedup for 50 articles: `speedup=<x>`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from _models import model_dirs, tiny_model_dirs  # noqa: E402
from _wmt import documents, has_number  # noqa: E402

SUMMARISE = [sys.executable, "-m", "summarise"]


# --- articles --------------------------------------------------------------------------------------


def _seed_documents(n: int) -> list[list[str]]:
    """Without WMT: variants of the sample article (shuffled sentences), for a run that still works."""
    from summarise.language.sentences import split_sentences

    text = (ROOT / "samples" / "nordkorea-truppen.txt").read_text(encoding="utf-8")
    sentences = [s for para in text.split("\n\n") for s in split_sentences(para)]
    rng = random.Random(0)
    return [rng.sample(sentences, min(14, len(sentences))) for _ in range(n)]


def make_articles(folder: Path, n: int) -> tuple[list[Path], str]:
    """`n` German articles (title + paragraphs of up to three sentences) written into `folder`."""
    docs = documents()
    source = "WMT newstest German originals"
    if len(docs) < n:
        docs, source = _seed_documents(n), "shuffled variants of samples/nordkorea-truppen.txt"
    paths = []
    for doc in docs:
        kept = [s for s in doc if s and not has_number(s)]
        if len(kept) < 6:
            continue
        title, body = kept[0], kept[1:]
        paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
        path = folder / f"article-{len(paths):02d}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
        if len(paths) == n:
            return paths, source
    raise SystemExit(f"only {len(paths)} usable articles found for {n} wanted")


# --- running the CLI -------------------------------------------------------------------------------


def run(args: list[str], env: dict) -> tuple[float, int, int]:
    """(wall seconds, exit code, peak RSS in bytes) of one summarise process."""
    start = time.perf_counter()
    proc = subprocess.Popen([*SUMMARISE, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.stderr.write(stderr.decode(errors="replace"))
        raise SystemExit(f"summarise {' '.join(args[:1])} failed with exit code {proc.returncode}")
    return seconds, proc.returncode, usage.ru_maxrss * 1024  # Linux reports KiB


def _words_written(folder: Path) -> tuple[int, int]:
    """(translation words, summary words) over the brief JSON files in `folder`."""
    translation = summary = 0
    for path in folder.glob("*.json"):
        brief = json.loads(path.read_text(encoding="utf-8"))
        translation += sum(len(b["translation"].split()) for b in brief["translation"]["blocks"])
        summary += len(brief["summary"].split())
    return translation, summary


def _fmt_mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few articles, extrapolated to --target (under a minute or two)")
    parser.add_argument("--smoke", action="store_true", help="one article on the tests' tiny models, no warm-up: proves the bench runs")
    parser.add_argument("--articles", type=int, help="articles to run (default 50, --quick 3)")
    parser.add_argument("--target", type=int, default=50, help="batch size the speedup is reported for")
    parser.add_argument("--repeats", type=int, help="repeats of the batch run (median; default 3, --quick 1)")
    parser.add_argument("--backend", default="auto", choices=["auto", "transformers", "ctranslate2"])
    parser.add_argument("--beams", type=int, default=4, help="translation beams (the CLI default is 4)")
    parser.add_argument("--models", type=Path, help="where the random-weight models are built/cached")
    args = parser.parse_args()
    n = args.articles or (1 if args.smoke else 3 if args.quick else 50)
    repeats = args.repeats or (1 if args.quick or args.smoke else 3)
    if args.smoke and args.backend == "auto":
        args.backend = "transformers"  # no CTranslate2 conversion of the tiny models on each smoke run

    t0 = time.perf_counter()
    marian, bart = tiny_model_dirs() if args.smoke else model_dirs(args.models)
    build_s = time.perf_counter() - t0
    work = Path(tempfile.mkdtemp(prefix="summarise-bench-batch-"))
    try:
        src = work / "articles"
        src.mkdir()
        paths, source = make_articles(src, n)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            # Shared by both paths: holds CTranslate2 conversions (made once, by the warm-up), never
            # translations (--no-cache).
            "SUMMARISE_CACHE_DIR": str(work / "cache" if args.smoke else ROOT / "bench" / "out" / "cache"),
        }
        common = ["--model", str(marian), "--summary-model", str(bart), "--offline", "--no-cache",
                  "--backend", args.backend, "--beams", str(args.beams)]  # fmt: skip
        print(f"models: {marian.name}, {bart.name} (random weights, real architectures; ready in {build_s:.0f} s)")
        print(f"articles: {n} from {source}, {words / n:.0f} words each on average; backend {args.backend}, "
              f"beams {args.beams}; CPU threads available: {os.cpu_count()}")  # fmt: skip

        # The per-file baseline writes here; `-o` into a missing folder is refused (exit 2).
        (work / "single").mkdir()
        # Warm-up (not timed): converts models for CTranslate2 if needed, fills the page cache.
        if not args.smoke:
            run(["brief", str(paths[0]), *common, "--format", "json", "-o", str(work / "warm.json")], env)

        per_file, rss_file = [], 0

        def run_single(i: int, path: Path) -> None:
            nonlocal rss_file
            s, _, rss = run(["brief", str(path), *common, "--format", "json", "-o", str(work / "single" / f"{path.name}.json")], env)
            per_file.append(s)
            rss_file = max(rss_file, rss)
            print(f"  per-file {i + 1}/{n}: {s:.1f} s", flush=True)

        batch_runs, rss_batch = [], 0

        def run_batch_once(r: int) -> None:
            nonlocal rss_batch
            s, _, rss = run(["batch", str(src), str(work / f"batch-{r}"), *common, "--formats", "json", "--quiet"], env)
            batch_runs.append(s)
            rss_batch = max(rss_batch, rss)
            print(f"  batch run {r + 1}/{repeats}: {s:.1f} s", flush=True)

        # Interleaved (half the per-file runs, the batch runs, the other half): a shared machine's load
        # drifts, and this way it weighs on both paths alike.
        half = n // 2
        for i, path in enumerate(paths[:half]):
            run_single(i, path)
        for r in range(repeats):
            run_batch_once(r)
        for i, path in enumerate(paths[half:], half):
            run_single(i, path)
        single_total = sum(per_file)
        batch_total = statistics.median(batch_runs)
        # Rerun on the finished output: every article is skipped, leaving start-up + model loading.
        fixed, _, _ = run(["batch", str(src), str(work / "batch-0"), *common, "--formats", "json", "--quiet"], env)
        manifest = [json.loads(line) for line in (work / "batch-0" / "manifest.jsonl").read_text().splitlines()]
        assert len(manifest) == n and all(e["status"] in ("ok", "checks_failed") for e in manifest), manifest
        statuses = {s: sum(e["status"] == s for e in manifest) for s in ("ok", "checks_failed")}

        per_article = max(batch_total - fixed, 0.0) / n
        # The random models' output lengths vary per sentence (see _models.py): show that both paths
        # wrote about as much, i.e. did the same work.
        words_single = _words_written(work / "single")
        words_batch = _words_written(work / "batch-0")
        print()
        print(f"| path ({n} articles measured) | wall s | articles/min | peak RSS |")
        print("|---|---|---|---|")
        print(f"| summarise brief, one process per file | {single_total:.1f} | {n / single_total * 60:.1f} | {_fmt_mb(rss_file)} |")
        print(f"| summarise batch (median of {repeats}) | {batch_total:.1f} | {n / batch_total * 60:.1f} | {_fmt_mb(rss_batch)} |")
        print()
        print(f"per file: mean {statistics.mean(per_file):.1f} s, median {statistics.median(per_file):.1f} s; "
              f"batch: fixed cost {fixed:.1f} s (start-up + model loading), {per_article:.2f} s per article; "
              f"batch statuses {statuses}")  # fmt: skip
        print(f"words written (translations + summaries): per-file {words_single[0]:,} + {words_single[1]:,}, "
              f"batch {words_batch[0]:,} + {words_batch[1]:,}")  # fmt: skip
        measured = single_total / batch_total
        print(f"measured speedup on {n} articles: {measured:.2f}x")
        if n == args.target:
            speedup = measured
        else:
            single_t = args.target * statistics.mean(per_file)
            batch_t = fixed + args.target * per_article
            speedup = single_t / batch_t
            print(f"extrapolated to {args.target} articles: per-file {single_t:.0f} s "
                  f"({args.target} x mean per file), batch {batch_t:.0f} s (fixed + {args.target} x per article)"
                  f" -> {speedup:.2f}x; {args.target / batch_t * 60:.1f} articles/min")  # fmt: skip
        peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"(benchmark driver itself: {_fmt_mb(peak_self)})")
        print(f"speedup={speedup:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
