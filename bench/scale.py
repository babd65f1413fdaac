"""Benchmark: `summarise batch --engine ray` against `--engine local` on the same articles, side by side.

    summarise batch articles/ out/ --threads 2                                          # one process, 2 threads
    summarise batch articles/ out/ --engine ray --workers 2 --threads-per-worker 1     # 2 Ray workers, 1 thread each

Both run as separate processes through the real CLI, with the same models and options (the
random-weight opus-mt-de-en and distilbart-cnn-12-6 of bench/_models.py, briefs, `--offline
--no-cache`, backend auto) on the same German WMT news articles (made as bench/batch.py makes them).
The Ray run starts its own local Ray instance, so its wall time includes Ray's start-up and every
worker's model loading: that is the overhead a user pays. Runs alternate (local, ray, local, ray...)
so drifting load on a shared machine weighs on both; each figure is the median of the repeats.

Measured: wall seconds and articles/min per engine, the articles each Ray worker did and its rate
while busy (from the CLI's `worker ...` lines), peak memory (local: the process; ray: the sum of the
driver and its Ray processes, sampled), the load average before and after. The last line is
`ray_vs_local=<Ray articles/min / local articles/min>`, the median over the repeats of each Ray run
against the local run just before it (goal ≥ 0.9); the ratio of the medians is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from _models import model_dirs, tiny_model_dirs  # noqa: E402
from batch import make_articles  # noqa: E402

from summarise.models.threads import cpu_model  # noqa: E402

SUMMARISE = [sys.executable, "-m", "summarise"]
WORKER_LINE = re.compile(r"^worker (\S+): (\d+) articles?(?:, ([\d.]+) articles/min while busy)?", re.M)


def _without_threads(value):
    if isinstance(value, dict):
        return {k: _without_threads(v) for k, v in value.items() if k != "threads"}
    if isinstance(value, list):
        return [_without_threads(v) for v in value]
    return value


def _tree_rss(root: int) -> int:
    """RSS in bytes of `root` and every process descending from it (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def run(args: list[str], env: dict) -> tuple[float, str, int]:
    """(wall seconds, stderr, peak RSS of the process tree in bytes) of one summarise process."""
    start = time.perf_counter()
    proc = subprocess.Popen([*SUMMARISE, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = proc.stderr.read().decode(errors="replace")
    proc.wait()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(stderr)
        raise SystemExit(f"summarise {' '.join(args[:1])} failed with exit code {proc.returncode}")
    return seconds, stderr, peak[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="4 articles, one repeat (under a minute once models are built)")
    parser.add_argument("--smoke", action="store_true", help="2 articles on the tests' tiny models, 1 Ray worker, no warm-up or fixed-cost runs")
    parser.add_argument("--articles", type=int, help="articles per run (default 20, --quick 4)")
    parser.add_argument("--repeats", type=int, help="runs per engine (median; default 3, --quick 1)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="threads of the local run (Ray: --workers x 1 thread)")
    parser.add_argument("--group-size", type=int, default=2, help="articles per group, both engines")
    parser.add_argument("--models", type=Path, help="where the random-weight models are built/cached")
    args = parser.parse_args()
    n = args.articles or (2 if args.smoke else 4 if args.quick else 20)
    repeats = args.repeats or (1 if args.quick or args.smoke else 3)
    if args.smoke:
        args.workers, args.threads, args.group_size = 1, 1, 1

    t0 = time.perf_counter()
    marian, bart = tiny_model_dirs() if args.smoke else model_dirs(args.models)
    build_s = time.perf_counter() - t0
    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="summarise-bench-scale-"))
    try:
        src = work / "articles"
        src.mkdir()
        paths, source = make_articles(src, n)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        cache = work / "cache" if args.smoke else ROOT / "bench" / "out" / "cache"
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "SUMMARISE_CACHE_DIR": str(cache)}
        env.pop("RAY_ADDRESS", None)  # always a fresh local Ray instance, as `--engine ray` alone gives
        # Groups of 2 for both engines: 20 articles make 10 groups, 5 per Ray worker (the default 8
        # would give the workers 8+4 and 8 articles).
        common = ["--model", str(marian), "--summary-model", str(bart), "--offline", "--no-cache", "--formats", "json",
                  "--group-size", str(args.group_size)]  # fmt: skip
        engines = {
            "local": ["--threads", str(args.threads)],
            "ray": ["--engine", "ray", "--workers", str(args.workers), "--threads-per-worker", "1"],
        }
        print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; load average {load_before[0]:.2f} (1 min) at the start")
        print(f"models: {marian.name}, {bart.name} (random weights, real architectures; ready in {build_s:.0f} s)")
        print(f"articles: {n} from {source}, {words / n:.0f} words each on average; briefs, backend auto, 4 beams")

        # Warm-up (not timed): CTranslate2 conversions, page cache, Ray's first start.
        if args.smoke:
            common += ["--backend", "transformers"]
        else:
            run(["batch", str(src), str(work / "warm"), *common, "--glob", paths[0].name, *engines["ray"]], env)

        seconds: dict[str, list[float]] = {"local": [], "ray": []}
        peaks = {"local": 0, "ray": 0}
        workers: list[tuple[str, int, float]] = []
        for r in range(repeats):
            for name, extra in engines.items():
                out = work / f"{name}-{r}"
                s, stderr, peak = run(["batch", str(src), str(out), *common, *extra], env)
                manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
                assert len(manifest) == n and all(e["status"] in ("ok", "checks_failed") for e in manifest), stderr
                seconds[name].append(s)
                peaks[name] = max(peaks[name], peak)
                if name == "ray":
                    workers = [(m[0], int(m[1]), float(m[2] or 0)) for m in WORKER_LINE.findall(stderr)]
                print(f"  {name} run {r + 1}/{repeats}: {s:.1f} s ({n / s * 60:.1f} articles/min)"
                      + (f"; workers: {', '.join(f'{w[1]} articles' for w in workers)}" if name == "ray" else ""),
                      flush=True)  # fmt: skip
        # Same outputs (the last runs of each engine), file by file: byte-identical, and identical apart
        # from the thread count each records in its signature (2 here, 1 per Ray worker).
        pairs = [((work / f"local-{repeats - 1}" / f"{p.name}.json").read_bytes(),
                  (work / f"ray-{repeats - 1}" / f"{p.name}.json").read_bytes()) for p in paths]  # fmt: skip
        same_bytes = sum(a == b for a, b in pairs)
        same = sum(_without_threads(json.loads(a)) == _without_threads(json.loads(b)) for a, b in pairs)
        # Either engine resumes the other's work: Ray on the local run's output finds nothing to do
        # (the thread count is not part of the settings fingerprint). Such a run is also each
        # engine's fixed cost: start-up, Ray's start, model loading, scanning.
        if args.smoke:  # two more runs (one of them starts Ray again) for figures a smoke run does not need
            ray_fixed = local_fixed = 0.0
            skipped = None
        else:
            ray_fixed, stderr, _ = run(["batch", str(src), str(work / "local-0"), *common, *engines["ray"]], env)
            skipped = re.search(r"done earlier \(skipped\)\s*│\s*(\d+)", stderr)
            local_fixed, _, _ = run(["batch", str(src), str(work / "local-0"), *common, *engines["local"]], env)
        load_after = os.getloadavg()

        local_s, ray_s = statistics.median(seconds["local"]), statistics.median(seconds["ray"])
        local_rate, ray_rate = n / local_s * 60, n / ray_s * 60
        # Each Ray run against the local run just before it: load drifts less within a pair.
        paired = statistics.median(lo / ra for lo, ra in zip(seconds["local"], seconds["ray"], strict=True))
        steady = n / max(ray_s - ray_fixed, 1e-9) * 60 / args.workers
        print()
        print(f"| engine ({n} articles, median of {repeats}) | wall s | articles/min | peak RSS |")
        print("|---|---|---|---|")
        print(f"| local, 1 process x {args.threads} threads | {local_s:.1f} | {local_rate:.1f} | {peaks['local'] / 2**20:,.0f} MB |")
        print(f"| ray, {args.workers} workers x 1 thread | {ray_s:.1f} | {ray_rate:.1f} | {peaks['ray'] / 2**20:,.0f} MB |")
        print()
        for name, done, busy_rate in workers:
            print(f"ray worker {name}: {done} articles, {busy_rate:.1f} articles/min while busy")
        print(f"fixed cost (a run with nothing to do): local {local_fixed:.1f} s, ray {ray_fixed:.1f} s "
              "(Ray's start, workers' model loading)")  # fmt: skip
        print(f"per-worker articles/min: {ray_rate / args.workers:.1f} (whole run, start-up included), "
              f"{steady:.1f} (after start-up: articles / (wall - fixed cost) / workers)")  # fmt: skip
        if workers:
            print(f"per-worker articles/min while busy (mean): {statistics.mean(w[2] for w in workers):.1f}")
        print(f"JSON outputs local vs ray: {same}/{n} identical apart from the recorded thread count "
              f"({same_bytes}/{n} byte-identical); "
              f"ray rerun on the local output skipped {skipped.group(1) if skipped else '?'}/{n}")  # fmt: skip
        print(f"load average (1/5/15 min): start {' '.join(f'{x:.2f}' for x in load_before)}, "
              f"end {' '.join(f'{x:.2f}' for x in load_after)}")  # fmt: skip
        print(f"ray vs local throughput: {ray_rate / local_rate:.2f} (ratio of the medians), "
              f"{paired:.2f} (median of the {repeats} side-by-side pairs)")  # fmt: skip
        print(f"ray_vs_local={paired:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
