"""Benchmark: `summarise serve` under 1, 8 and 32 concurrent clients vs `summarise batch`'s path.

A real server process (`python -m summarise serve`, 127.0.0.1 only, `--no-cache --offline`) with the
random-weight copy of opus-mt-de-en's exact architecture (bench/_models.py; `--summary-model none`).
Each client is a thread with its own keep-alive connection sending one paragraph per request to the
LibreTranslate endpoint (POST /translate, JSON): paragraphs of German WMT news articles (../shared/wmt,
2 consecutive sentences, sentences with numbers left out as in bench/batch.py: the random model cannot
translate numbers, so they would benchmark the repair loop). Every loop is bounded twice: a number of
requests and a number of seconds per level (clients send no new request after the deadline).

Measured per level: requests/s, sentences/s, p50/p95 latency, errors (goal 0), the server's mean
model batch and the model's busy share of the wall time (from /metrics); the server's peak RSS (VmHWM).
Baseline, in this process with the same model, backend, beams and thread plan: the library path of
`summarise batch` (`translate_documents` over all the paragraphs sent at 32 clients, their sentences
batched together). Side by side: the baseline runs before the server's levels, and then the top level
and the baseline alternate (`--repeats`, default 3, quick 1), the ratio being of their medians.

Then the resume check: a document job (number-free WMT paragraphs, more than one job window so it has a
resume point part way) on a server with its translation cache on is killed with kill -9 mid-document;
a new server on the same cache folder finishes it, and its translation.txt and translation.json must be
identical to those of the same job run uninterrupted on a fresh server (`--skip-resume` leaves it out).
Last line: `serve_vs_batch_32=<requests/s at 32 clients / paragraphs/s of batch>`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from _models import BUILD_VERSIONS, DEFAULT_CACHE, WMT, _cached, build_opus_mt_de_en  # noqa: E402
from _proc import peak_rss_mb  # noqa: E402
from _wmt import documents, has_number  # noqa: E402

HOST = "127.0.0.1"  # the only address this benchmark talks to


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


def paragraphs(n: int) -> list[str]:
    """`n` distinct paragraphs: two consecutive number-free sentences of one WMT document."""
    out: list[str] = []
    seen: set[str] = set()
    for doc in documents():
        pending: list[str] = []
        for line in doc:
            line = " ".join(line.split())
            if len(line) < 20 or len(line) > 300 or has_number(line):
                pending = []
                continue
            pending.append(line)
            if len(pending) == 2:
                para = " ".join(pending)
                pending = []
                if para not in seen:
                    seen.add(para)
                    out.append(para)
                    if len(out) >= n:
                        return out
    if len(out) < n:
        raise SystemExit(f"bench/serve.py: need {n} paragraphs, found {len(out)} in {WMT} (is ../shared/wmt there?)")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def vm_hwm_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        return next(int(ln.split()[1]) for ln in f if ln.startswith("VmHWM:")) / 1024


def start_server(model: Path, args, port: int, cache: Path, *, translation_cache: bool = False) -> subprocess.Popen:
    """A server whose cache folder is `cache` (fresh job database and translation cache), but whose
    CTranslate2 folder is this process's: the same conversion and the same measured thread plan as the
    baseline (the calibration is kept there), not a new one measured under another load."""
    from summarise.paths import cache_dir

    shared = cache_dir("ct2")
    if not (cache / "ct2").exists():
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "ct2").symlink_to(shared, target_is_directory=True)
    env = dict(os.environ, SUMMARISE_CACHE_DIR=str(cache), HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "summarise", "serve", "--host", HOST, "--port", str(port), "--model", str(model),
           "--summary-model", "none", "--backend", args.backend, "--beams", str(args.beams), "--offline"]  # fmt: skip
    if not translation_cache:
        cmd.append("--no-cache")
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    # The server's log goes to a file, never to a pipe nobody reads: a server logging faster than the
    # bench drains (a traceback per failed request) blocked in write() with the event loop, and hung.
    log = open(cache / "server.log", "a", encoding="utf-8")  # noqa: SIM115 (the process owns it)
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
    process.log_path = cache / "server.log"
    log.close()
    return process


def server_log(process: subprocess.Popen) -> str:
    return process.log_path.read_text(encoding="utf-8", errors="replace")


def internal_errors(process: subprocess.Popen) -> list[str]:
    """The server's 'internal error' lines and the exception that ended each traceback."""
    lines = server_log(process).splitlines()
    return [ln for ln in lines if "internal error" in ln or (ln and not ln.startswith(" ") and "Error:" in ln)]


def wait_up(base: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}: {server_log(process)[-2000:]}")
        try:
            urllib.request.urlopen(base + "/health", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server not up after {timeout:.0f} s")


def batch_stats(base: str) -> tuple[float, float, float]:
    """(model calls, sentences, model busy seconds) so far, from the server's /metrics."""
    text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    values = {}
    for line in text.splitlines():
        if line.startswith(("summarise_batch_sentences_count", "summarise_batch_sentences_sum", "summarise_model_seconds_total")):
            name, value = line.split()
            values[name] = float(value)
    return (values.get("summarise_batch_sentences_count", 0.0), values.get("summarise_batch_sentences_sum", 0.0),
            values.get("summarise_model_seconds_total", 0.0))  # fmt: skip


def run_level(base: str, clients: int, work: list[str], seconds: float) -> dict:
    """`clients` threads send the paragraphs of `work` (one per request) until it is done or the time is up."""
    import requests

    lock = threading.Lock()
    queue = list(reversed(work))
    latencies: list[float] = []
    errors: list[str] = []
    sentences = [0]
    deadline = time.monotonic() + seconds

    def client():
        session = requests.Session()
        while time.monotonic() < deadline:
            with lock:
                if not queue:
                    return
                text = queue.pop()
            start = time.perf_counter()
            try:
                r = session.post(base + "/translate", json={"q": text, "source": "de", "target": "en"}, timeout=600)
                ok = r.status_code == 200 and isinstance(r.json().get("translatedText"), str)
                problem = None if ok else f"{r.status_code}: {r.text[:100]}"
            except Exception as e:  # counted, never raised: the benchmark reports errors
                problem = f"{type(e).__name__}: {e}"
            elapsed = time.perf_counter() - start
            with lock:
                if problem:
                    errors.append(problem)
                else:
                    latencies.append(elapsed)
                    sentences[0] += 2

    calls0, sent0, busy0 = batch_stats(base)
    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    calls1, sent1, busy1 = batch_stats(base)
    latencies.sort()
    done = len(latencies)
    return {
        "clients": clients,
        "requests": done,
        "errors": len(errors),
        "error_sample": errors[:3],
        "wall_s": wall,
        "rps": done / wall if wall else 0.0,
        "sentences_per_s": sentences[0] / wall if wall else 0.0,
        "p50_s": statistics.median(latencies) if latencies else float("nan"),
        "p95_s": latencies[min(done - 1, int(0.95 * done))] if latencies else float("nan"),
        "mean_batch": (sent1 - sent0) / (calls1 - calls0) if calls1 > calls0 else 0.0,
        "model_busy": (busy1 - busy0) / wall if wall else 0.0,
    }


def batch_baseline(model: Path, args, work: list[str], plans: list[str] | None = None) -> float:
    """Paragraphs per second of `summarise batch`'s translation path over `work` (one document per paragraph)."""
    from summarise.document import Block, Document
    from summarise.models.runtime import Runtime
    from summarise.translation.engine import Translator

    runtime = Runtime.resolve(str(model), backend=args.backend, device="cpu", threads=args.threads, beams=args.beams,
                              cache=False, offline=True, workload=len(work) * 2)  # fmt: skip
    translator = Translator.from_runtime(runtime)
    if plans is not None:
        plan = getattr(translator.backend, "plan", None)
        plans.append(plan.label() if plan is not None else "-")
    translator.translate_documents([Document([Block("paragraph", work[0])])])  # warm-up
    start = time.perf_counter()
    translator.translate_documents([Document([Block("paragraph", p)]) for p in work])
    return len(work) / (time.perf_counter() - start)


def job_outputs(base: str, job_id: str, deadline: float) -> dict[str, str]:
    """The finished job's translation.txt and translation.json."""
    import requests

    while (job := requests.get(f"{base}/v1/jobs/{job_id}", timeout=30).json())["status"] in ("queued", "running"):
        if time.monotonic() > deadline:
            raise SystemExit(f"job {job_id} not done in time: {job['progress']}")
        time.sleep(0.2)
    if job["status"] != "done":
        raise SystemExit(f"job {job_id} ended {job['status']}: {job['error']}")
    urls = job["documents"][0]["results"]
    return {name: requests.get(urls[name], timeout=60).text for name in ("translation.txt", "translation.json")} | {
        "attempts": str(job["attempts"])
    }


def resume_check(model: Path, args, document: str, seconds: float) -> dict:
    """kill -9 mid-document, restart on the same cache folder, compare with an uninterrupted run."""
    import tempfile

    import requests

    def run(cache: Path, kill_part_way: bool) -> tuple[dict[str, str], int | None]:
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = start_server(model, args, port, cache, translation_cache=True)
        killed_at = None
        try:
            wait_up(base, server, 300)
            files = {"file": ("wmt.txt", document.encode())}
            job_id = requests.post(base + "/v1/jobs", files=files, timeout=60).json()["id"]
            deadline = time.monotonic() + seconds
            if kill_part_way:
                while True:
                    progress = requests.get(f"{base}/v1/jobs/{job_id}", timeout=30).json()["progress"]
                    if progress["blocks_total"] and 0 < progress["blocks_done"] < progress["blocks_total"]:
                        break
                    if time.monotonic() > deadline or progress["fraction"] >= 1:
                        raise SystemExit(f"the job never got part way: {progress}")
                    time.sleep(0.05)
                server.kill()  # kill -9: no shutdown code runs
                server.wait(60)
                killed_at = progress["blocks_done"]
                server = start_server(model, args, port, cache, translation_cache=True)
                wait_up(base, server, 300)
            return job_outputs(base, job_id, deadline), killed_at
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(60)
                except subprocess.TimeoutExpired:
                    server.kill()

    with tempfile.TemporaryDirectory() as fresh, tempfile.TemporaryDirectory() as killed:
        start = time.perf_counter()
        reference, _ = run(Path(fresh), False)
        uninterrupted_s = time.perf_counter() - start
        resumed, killed_at = run(Path(killed), True)
    blocks = len(document.split("\n\n"))
    same = all(resumed[k] == reference[k] for k in ("translation.txt", "translation.json"))
    return {"blocks": blocks, "killed_at": killed_at, "attempts": resumed["attempts"], "same": same,
            "uninterrupted_s": uninterrupted_s}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests, shorter bounds (under a minute)")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--requests", type=int, default=None, help="requests per client level (default: 4 per client, at least 16)")
    parser.add_argument("--seconds", type=float, default=None, help="bound per level (default 120, quick 12)")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--beams", type=int, default=None, help="default 4 (opus-mt's), 1 with --quick")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--model", type=Path, default=None, help="model directory (default: the random opus-mt copy)")
    parser.add_argument("--smoke", action="store_true", help="the tests' tiny model, 1 and 2 clients, a few requests (proves the bench runs)")
    parser.add_argument("--skip-resume", action="store_true", help="leave out the kill -9 job check")
    parser.add_argument("--repeats", type=int, default=None, help="runs of the top level and of the baseline (default 3, quick 1)")
    args = parser.parse_args()
    if args.smoke:
        from _models import tiny_model_dirs

        args.quick, args.clients, args.requests = True, "1,2", args.requests or 4
        args.skip_resume = True  # tests/test_serve_process.py runs the kill -9 resume on the tiny model
        args.model = args.model or tiny_model_dirs()[0]
        args.backend = "transformers" if args.backend == "auto" else args.backend
    args.beams = args.beams or (1 if args.quick else 4)
    seconds = args.seconds or (12.0 if args.quick else 120.0)
    repeats = max(1, args.repeats or (1 if args.quick else 3))
    levels = [int(c) for c in args.clients.split(",")]

    def budget(clients: int) -> int:
        return args.requests or max(16, (2 if args.quick else 4) * clients)

    print(f"cpu: {cpu_model()} ({os.cpu_count()} cores); load average {os.getloadavg()[0]:.1f}")
    model = args.model or _cached(DEFAULT_CACHE / "opus-mt-de-en-random", build_opus_mt_de_en, BUILD_VERSIONS["opus-mt-de-en"])
    # The resume check's document: paragraphs of its own, 2 sentences each, over one job window (64 inputs).
    job_paragraphs = 36
    pool = paragraphs(sum(budget(c) for c in levels) + 8 + job_paragraphs)
    job_document = "\n\n".join(pool[-job_paragraphs:]) + "\n"
    what = "random weights, opus-mt-de-en architecture" if args.model is None else "given with --model"
    print(f"model: {model.name} ({what}); backend {args.backend}, beams {args.beams}")

    port = free_port()
    base = f"http://{HOST}:{port}"
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        biggest = max(levels)
        big_work = pool[8 : 8 + budget(biggest)]
        plans: list[str] = []
        baselines = [batch_baseline(model, args, big_work, plans)]
        server = start_server(model, args, port, Path(cache))
        try:
            wait_up(base, server, 300)
            server_plan = json.loads(urllib.request.urlopen(base + "/health", timeout=10).read()).get("threads", "-")
            run_level(base, 2, pool[:8], seconds)  # warm-up
            results, used = [], 8
            for clients in levels:
                work = big_work if clients == biggest else pool[used : used + budget(clients)]
                if clients != biggest:
                    used += budget(clients)
                results.append(run_level(base, clients, work, seconds))
            tops = [results[-1]]
            for _ in range(repeats - 1):  # alternating: baseline (the server idle), top level
                baselines.append(batch_baseline(model, args, big_work))
                tops.append(run_level(base, biggest, big_work, seconds))
            server_peak = vm_hwm_mb(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                code = server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
                code = None
            server_errors = internal_errors(server)
        if repeats == 1:
            baselines.append(batch_baseline(model, args, big_work))  # before and after the server

    batch_pps = statistics.median(baselines)
    resume = None if args.skip_resume else resume_check(model, args, job_document, max(300.0, 10 * seconds))
    print(f"{'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>7} {'sent/s':>7} {'p50 s':>7} {'p95 s':>7} {'batch':>6} {'busy':>5}")
    for r in results:
        print(f"{r['clients']:>7} {r['requests']:>8} {r['errors']:>6} {r['rps']:>7.2f} {r['sentences_per_s']:>7.2f} "
              f"{r['p50_s']:>7.2f} {r['p95_s']:>7.2f} {r['mean_batch']:>6.1f} {r['model_busy']:>5.0%}")  # fmt: skip
        for sample in r["error_sample"]:
            print(f"  error: {sample}")
    top = results[-1]
    top_rps = statistics.median(r["rps"] for r in tops)
    ratio = top_rps / batch_pps if batch_pps else 0.0
    if len(tops) > 1:
        runs = ", ".join(f"{r['rps']:.2f}" for r in tops)
        print(f"{biggest} clients, {len(tops)} runs: {runs} requests/s "
              f"(median {top_rps:.2f}), errors {sum(r['errors'] for r in tops)}")  # fmt: skip
    print(f"threads (workers x threads each): batch path {plans[0]}, server {server_plan}")
    print(f"batch path (translate_documents, {len(big_work)} paragraphs): {batch_pps:.2f} paragraphs/s "
          f"(runs: {', '.join(f'{b:.2f}' for b in baselines)})")  # fmt: skip
    print(f"server log: {sum('internal error' in e for e in server_errors)} internal errors")
    for line in dict.fromkeys(e for e in server_errors if "internal error" not in e):
        print(f"  {line[:200]}")
    print(f"peak RSS: server {server_peak:.0f} MB, bench process {peak_rss_mb():.0f} MB; server exit on SIGTERM: {code}")
    if resume is not None:
        print(f"kill -9 resume: job of {resume['blocks']} blocks killed with {resume['killed_at']} done, finished after restart "
              f"(attempts {resume['attempts']}); output identical to the uninterrupted run "
              f"({resume['uninterrupted_s']:.0f} s): {'yes' if resume['same'] else 'NO'}")  # fmt: skip
    print(f"serve_vs_batch_{top['clients']}={ratio:.2f}")


if __name__ == "__main__":
    main()
