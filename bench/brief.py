"""Benchmark: seconds per brief of the seed article, end to end, with the real model architectures.

Models: MarianMT with opus-mt-de-en's exact architecture (d_model 512, 6+6 layers, 8 heads, FFN 2048,
vocab 58101) and BART with distilbart-cnn-12-6's (d_model 1024, 12 encoder + 6 decoder layers, 16 heads,
FFN 4096, vocab 50264, 1024 positions), random weights (speed does not depend on weight values), real
tokenizers with their vocabularies padded to the real sizes: bench/_models.py builds them once (the
same models bench/batch.py uses).

Output lengths are fixed so runs compare: every translated sentence is exactly translation_tokens()
tokens (each one English word with these models: as many words as a human translation of the article
would have, EN_PER_DE_WORD) (4 beams, like opus-mt's generation config), the summary exactly SUMMARY_TOKENS (4 beams,
length penalty 2.0, no repeated trigrams, like distilbart-cnn's). The number-repair loop is off (a
real model's output passes the checks nearly always; a random one's would measure repairs that do
not happen); the translation cache is off so every run translates.

Each measurement is a fresh process (like one `summarise brief` call), so model loading and peak
memory are those of a real run: seconds for loading both models, translating, summarising, and the
total (median of the repeats), peak RSS. Configurations run side by side in one invocation:
backend auto (CTranslate2 int8 when installed) and transformers fp32 (the reference).

    .venv/bin/python bench/brief.py            # 3 repeats per backend
    .venv/bin/python bench/brief.py --quick    # 1 repeat, auto backend only (under a minute once built)

The last line is `seconds_per_brief=<median end-to-end seconds with the auto backend>`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _models import SUMMARY_TOKENS, model_dirs, tiny_model_dirs

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "nordkorea-truppen.txt"
# English words per German word in the human references of WMT newstest 2014-2021 (1.05-1.15 by year).
EN_PER_DE_WORD = 1.08


def cpu_model() -> str:
    from summarise.models.threads import cpu_model as model

    return model()


def translation_tokens() -> int:
    """Output tokens per sentence that give the seed article's translation its real length in words
    (the bench translator writes one English word per token)."""
    from summarise.ingest import read_document
    from summarise.language.sentences import split_sentences

    doc = read_document(SEED)
    words = sum(len(b.text.split()) for b in doc.blocks)
    sentences = sum(len(split_sentences(b.text)) for b in doc.blocks)
    return max(1, round(EN_PER_DE_WORD * words / sentences))


# --- one measured brief (a child process per measurement) ------------------------------------


def measure(backend: str, marian: Path, bart: Path, threads: int | None, tokens: int, summary_tokens: int = SUMMARY_TOKENS) -> dict:
    from _proc import peak_rss_mb

    t0 = time.perf_counter()
    from summarise.briefing.brief import make_brief
    from summarise.briefing.summary import summariser_from_runtime
    from summarise.ingest import read_document
    from summarise.models.backends.base import GenerationSettings
    from summarise.models.loading import share_memory
    from summarise.models.runtime import Runtime
    from summarise.models.threads import sentence_count
    from summarise.translation.engine import Translator

    t_import = time.perf_counter()
    translation_settings = GenerationSettings(beams=4, max_new_tokens=tokens, min_new_tokens=tokens)
    summary_settings = GenerationSettings(
        beams=4, max_new_tokens=summary_tokens, min_new_tokens=summary_tokens, length_penalty=2.0, no_repeat_ngram_size=3
    )
    # As `summarise brief` does: the article is read first, and its sentence count is the run's workload.
    doc = read_document(SEED)
    runtime = Runtime.resolve(str(marian), str(bart), backend=backend, threads=threads, workload=sentence_count(doc))
    translator = Translator(runtime.load_backend(runtime.translation_model), translation_settings, cache=False, repair=False)
    summariser = summariser_from_runtime(runtime, settings=summary_settings)
    share_memory(translator, summariser)  # as load_models does
    t_load = time.perf_counter()

    timings = {"translate": 0.0, "summary": 0.0}
    results: dict[str, object] = {}

    def timed(name, fn):
        def wrapper(*a, **k):
            start = time.perf_counter()
            try:
                results[name] = out = fn(*a, **k)
                return out
            finally:
                timings[name] += time.perf_counter() - start

        return wrapper

    translator.translate_documents = timed("translate", translator.translate_documents)
    summariser.summarise_many = timed("summary", summariser.summarise_many)
    brief = make_brief(doc, translator, summariser)
    t_end = time.perf_counter()
    units = sum(len(b.translation.split()) for b in brief.translation.blocks)
    (summary,) = results["summary"]
    return {
        "backend": backend,
        "translation_backend": translator.backend.name,
        "translation_quantization": translator.backend.quantization,
        "threads": f"translation {translator.backend.signature().get('threads', '-')}, "
        f"summary {summariser.signature().get('threads', '-')}",
        "summary_backend": summariser.signature().get("backend"),
        "summary_quantization": summariser.signature().get("quantization"),
        "import_s": t_import - t0,
        "load_s": t_load - t_import,
        "translate_s": timings["translate"],
        "summary_s": timings["summary"],
        "brief_s": t_end - t_load,
        "total_s": t_end - t0,
        "cpu_s": time.process_time(),  # all threads: with a busy machine, wall time overstates the cost
        "peak_rss_mb": peak_rss_mb(),
        "blocks": len(brief.translation.blocks),
        "translated_words": units,
        "summary_input_tokens": summary.input_tokens,
        "summary_chunks": summary.chunks,
        "summary_calls": summary.calls,
    }


def run_child(backend: str, marian: Path, bart: Path, threads: int | None, tokens: int, summary_tokens: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        cmd = [sys.executable, __file__, "--measure", backend, str(marian), str(bart), f.name, "--tokens", str(tokens),
               "--summary-tokens", str(summary_tokens)]  # fmt: skip
        if threads:
            cmd += ["--threads", str(threads)]
        subprocess.run(cmd, check=True)
        return json.loads(Path(f.name).read_text())


def prepare(backend: str, marian: Path, bart: Path) -> float:
    """Load both models once so one-time work (CTranslate2 conversion) is not in the timed runs."""
    code = (
        "import sys; from summarise.models.loading import load_models; from summarise.models.runtime import Runtime; "
        "from summarise.ingest import read_document; from summarise.models.threads import sentence_count; "
        f"load_models(Runtime.resolve(*sys.argv[2:], backend=sys.argv[1], workload=sentence_count(read_document({str(SEED)!r}))))"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, backend, str(marian), str(bart)], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, auto backend only")
    parser.add_argument("--smoke", action="store_true", help="one run on the tests' tiny models (transformers): proves the bench runs")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backends", default="auto,transformers", help="comma-separated: auto, transformers, ctranslate2")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--tokens", type=int, default=None, help="translation tokens per sentence (default: from the article)")
    parser.add_argument("--summary-tokens", type=int, default=None, help=f"summary tokens (default {SUMMARY_TOKENS}, --smoke 8)")
    parser.add_argument("--measure", nargs=4, metavar=("BACKEND", "MARIAN", "BART", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

    if args.measure:
        backend, marian, bart, out = args.measure
        Path(out).write_text(json.dumps(measure(backend, Path(marian), Path(bart), args.threads, args.tokens, args.summary_tokens)))
        return

    backends = ["transformers"] if args.smoke else ["auto"] if args.quick else [b.strip() for b in args.backends.split(",") if b.strip()]
    repeats = 1 if args.quick or args.smoke else args.repeats
    load_before = f"{os.getloadavg()[0]:.1f}"
    start = time.perf_counter()
    print(f"cpu: {cpu_model()}, {os.cpu_count()} cores", flush=True)
    marian, bart = tiny_model_dirs() if args.smoke else model_dirs()
    print(f"models ready in {time.perf_counter() - start:.1f} s (built once, cached): {marian.parent}", flush=True)
    tokens = args.tokens or (4 if args.smoke else translation_tokens())
    summary_tokens = args.summary_tokens or (8 if args.smoke else SUMMARY_TOKENS)
    results: dict[str, list[dict]] = {}
    for backend in backends:
        one_time = 0.0 if args.smoke else prepare(backend, marian, bart)
        print(f"[{backend}] first load (one-time conversion included if any): {one_time:.1f} s", flush=True)
        results[backend] = []
        for i in range(repeats):
            r = run_child(backend, marian, bart, args.threads, tokens, summary_tokens)
            results[backend].append(r)
            print(
                f"[{backend}] run {i + 1}/{repeats}: total {r['total_s']:.1f} s (load {r['load_s']:.1f}, translate "
                f"{r['translate_s']:.1f}, summary {r['summary_s']:.1f}), peak {r['peak_rss_mb']:.0f} MB; summary "
                f"input {r['summary_input_tokens']} tokens in {r['summary_chunks']} chunk(s), {r['summary_calls']} call(s); "
                f"workers x threads: {r['threads']}",
                flush=True,
            )

    def med(rows, key):
        return statistics.median(r[key] for r in rows)

    print()
    print(f"load average before the runs: {load_before}; after: {os.getloadavg()[0]:.1f} (other processes slow every figure)")
    print(f"seed article: {SEED.name}, {results[backends[0]][0]['blocks']} blocks; translation {tokens} "
          f"tokens/sentence, summary {summary_tokens} tokens, 4 beams; median of {repeats}; cpus={os.cpu_count()}")
    header = (
        f"{'backend':<14}{'translation':<22}{'summary':<22}{'load s':>8}{'translate s':>12}{'summary s':>10}"
        f"{'total s':>9}{'cpu s':>7}{'peak MB':>9}"
    )
    print(header)
    for backend, rows in results.items():
        r0 = rows[0]
        print(
            f"{backend:<14}{r0['translation_backend'] + ' ' + str(r0['translation_quantization']):<22}"
            f"{str(r0['summary_backend']) + ' ' + str(r0['summary_quantization']):<22}"
            f"{med(rows, 'load_s'):>8.1f}{med(rows, 'translate_s'):>12.1f}{med(rows, 'summary_s'):>10.1f}"
            f"{med(rows, 'total_s'):>9.1f}{med(rows, 'cpu_s'):>7.1f}{max(r['peak_rss_mb'] for r in rows):>9.0f}"
        )
    if "auto" in results and "transformers" in results and len(results) > 1:
        ratio = med(results["transformers"], "total_s") / med(results["auto"], "total_s")
        print(f"auto vs transformers: {ratio:.2f}x faster end to end")
    headline = results.get("auto") or next(iter(results.values()))
    print(f"total wall time: {time.perf_counter() - start:.0f} s (model build, conversions and every run included)")
    print(f"seconds_per_brief={med(headline, 'total_s'):.2f}")


if __name__ == "__main__":
    main()
