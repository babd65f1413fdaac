"""Translation throughput: the engine vs one `generate` call per sentence (the naive baseline).

The model has opus-mt-de-en's exact architecture (MarianConfig: d_model 512, 6+6 layers, 8 heads,
FFN 2048, vocab 58101, 512 positions) with random weights, and a real MarianTokenizer whose
SentencePiece models are trained here on the sample articles (the vocabulary is padded to 58101
entries). Speed does not depend on weight values; every output is forced to the same length
(min_new_tokens = max_new_tokens), so every row decodes the same number of tokens.

Rows (CONFIGS; add a backend by appending one):
  naive   transformers fp32, `model.generate` on one sentence at a time
  engine  summarise.translation.engine.Translator over summarise.models.backends.load_backend (the real path:
          sentence splitting, dedup, sorting by length, batching, inference_mode), cache and
          checks off (bench/checker.py measures the checker)

Workloads: the seed article, and a batch of 50 articles. The 50 articles are German news from
WMT newstest2021 when --wmt points at it (the default looks in ../shared/wmt), otherwise 50
variants of the sample articles with every sentence made distinct (so deduplication cannot help).
The naive baseline on the batch runs on a fixed random subset of its sentences (--naive-sample):
its rate does not depend on the batch, and the full batch would take an hour at its speed.

CTranslate2 configurations (CT2_CONFIGS, issue 16), side by side on the seed workload in rounds of
fresh processes: one worker on all threads (the engine before), all cores as one-thread workers, the
engine default (workers or not, by its calibration: summarise/threads.py) and the default with
--shortlist (a vocabulary map built here from WMT newstest2014-2020). The last lines print
ct2_greedy_tok_s=, ct2_beam4_tok_s= (engine default), shortlist_beam4_tok_s= and the CPU model;
--ct2-only runs just this section.

Each config runs in its own process (peak RSS = that process's VmHWM, model load included);
timings are medians of --repeats runs (--batch-repeats on the batch). The last line is the headline:
speedup=<engine ÷ naive, 4 beams, 50-article batch> (or the seed article with --quick).

On a shared machine, pass --threads 1: two-thread runs next to another busy process spend their
time waiting at OpenMP barriers, and the batch-1 baseline (memory-bound) and the batched engine
(compute-bound) slow down by different factors, so ratios measured under load mislead.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from _models import OPUS_MT_DE_EN
from _proc import peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEFAULT_WMT = ROOT.parent / "shared" / "wmt" / "newstest2021"

# Random weights scaled so the output distribution is as peaked as a trained model's (top token far
# ahead): with the default 0.02 the logits are nearly flat and float noise alone changes the argmax.
INIT_STD = 0.5


@dataclass
class Config:
    """One row of the table: how the sentences are translated."""

    name: str
    kind: str  # naive | engine
    backend: str = "transformers"
    quantization: str | None = None
    batch_size: int | None = None  # None: the backend's own default, as users get it
    quick: bool = True  # also run with --quick
    workers: int | None = None  # CTranslate2 workers forced ($SUMMARISE_WORKERS); None: the engine decides
    shortlist: bool = False  # decode over the model's vocabulary shortlist (built first)


CONFIGS = [
    Config("naive transformers fp32 (1 sentence/generate)", "naive"),
    Config("engine transformers fp32", "engine", "transformers"),
    Config("engine ctranslate2 int8", "engine", "ctranslate2", "int8"),
    # torch dynamic int8: faster, but not the float32 output (the "identical" column says how often)
    Config("engine transformers int8 (dynamic)", "engine", "transformers", "int8", quick=False),
]

# CTranslate2 configurations side by side (issue 16), on the opus-mt model of bench/_models.py: its
# tokenizer is trained on WMT news and its vocabulary has opus-mt's 58,101 real-looking entries, so a
# vocabulary shortlist built for it from WMT parallel text is as large as a real one would be (the
# translate model above has a 1,000-piece tokenizer: its shortlist would be unrealistically small).
CT2_CONFIGS = [
    Config("ct2 int8, 1 worker x all threads (before)", "engine", "ctranslate2", "int8", workers=1),
    Config("ct2 int8, all cores as workers x 1 thread", "engine", "ctranslate2", "int8", workers=-1),
    Config("ct2 int8, engine default (threads by calibration)", "engine", "ctranslate2", "int8"),
    Config("ct2 int8, engine default + --shortlist", "engine", "ctranslate2", "int8", shortlist=True),
]


# --- the model ------------------------------------------------------------------------------------


def build_model(directory: Path) -> Path:
    """opus-mt-de-en's architecture, random weights, a real MarianTokenizer; saved like a hub snapshot."""
    import io

    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    text = [ln.strip() for p in sorted(SAMPLES.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    text = [ln for ln in text if ln]
    blob = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text), model_writer=blob, vocab_size=1000, model_type="unigram",
        character_coverage=1.0, hard_vocab_limit=False, unk_id=0, bos_id=-1, eos_id=-1, pad_id=-1,
        num_threads=1, minloglevel=2,
    )  # fmt: skip
    for name in ("source.spm", "target.spm"):
        (directory / name).write_bytes(blob.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=blob.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        if not sp.is_unknown(i):
            vocab.setdefault(sp.id_to_piece(i), len(vocab))
    filler = 0
    while len(vocab) < OPUS_MT_DE_EN["pad_token_id"]:  # opus-mt's vocabulary size, ids the spm never uses
        vocab[f"▁x{filler}"] = len(vocab)
        filler += 1
    vocab["<pad>"] = len(vocab)
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (directory / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "MarianTokenizer", "source_lang": "de", "target_lang": "en", "model_max_length": 512}),
        encoding="utf-8",
    )
    torch.manual_seed(0)
    model = MarianMTModel(MarianConfig(**OPUS_MT_DE_EN, init_std=INIT_STD)).eval()
    model.generation_config = GenerationConfig(
        bad_words_ids=[[58100]], decoder_start_token_id=58100, eos_token_id=0, forced_eos_token_id=0,
        pad_token_id=58100, num_beams=4, max_length=512,
    )  # fmt: skip  (opus-mt-de-en's generation_config.json)
    model.save_pretrained(directory, safe_serialization=True)
    return directory


def cached_model() -> Path:
    """The bench model, built once and kept in summarise's cache dir (building it takes ~10 s)."""
    import shutil

    from summarise.paths import cache_dir

    final = cache_dir("bench-models") / f"translate-opus-mt-de-en-random-std{INIT_STD}-v1"
    if (final / "complete").exists():
        return final
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=final.parent))
    build_model(tmp)
    (tmp / "complete").write_text("ok\n")
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)
    return final


# --- the workloads ----------------------------------------------------------------------------


def seed_documents() -> list:
    from summarise.ingest import read_document

    return [read_document(p) for p in sorted(SAMPLES.glob("*.txt"))]


def wmt_documents(path: Path, n: int) -> list:
    from summarise.document import Block, Document

    lines = (path / "src.de").read_text(encoding="utf-8").splitlines()
    docids = (path / "docids").read_text(encoding="utf-8").splitlines()
    docs: dict[str, list[str]] = {}
    for doc, line in zip(docids, lines, strict=True):
        docs.setdefault(doc, []).append(line)
    return [
        Document([Block("title" if i == 0 else "paragraph", t) for i, t in enumerate(texts)], source=f"wmt21:{d}")
        for d, texts in list(docs.items())[:n]
    ]


def variant_documents(n: int) -> list:
    """n variants of the sample articles, shuffled, every sentence distinct (numbers and places vary)."""
    from summarise.document import Block, Document

    places = ["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Bremen", "Kiel", "Mainz", "Bonn"]
    base = [b for d in seed_documents() for b in d.blocks]
    docs, seen = [], set()
    for k in range(n):
        rng = random.Random(k)
        blocks = []
        for b in base:
            text = re.sub(r"\d+", lambda m, k=k: str(int(m.group()) + k + 1), b.text)
            if not re.search(r"\d", b.text):  # no number to vary: say where it was reported
                text = f"{text.rstrip('.')} ({places[k % len(places)]}, Ausgabe {k + 1})."
            blocks.append(Block(b.kind, text))
        body = blocks[1:]
        rng.shuffle(body)
        docs.append(Document([blocks[0], *body], source=f"variant-{k}"))
        seen.update(bl.text for bl in blocks)
    return docs


def sentences_of(docs: list) -> list[str]:
    from summarise.language.sentences import split_sentences

    return list(dict.fromkeys(s for d in docs for b in d.blocks for s in split_sentences(b.text)))


# --- one config in its own process -----------------------------------------------------------------


def worker(args) -> None:
    """Translate the workload with one config at each beam size, `repeats` times; write timings, outputs
    and the process's peak RSS as JSON."""
    from summarise.document import Block, Document
    from summarise.models.backends.base import GenerationSettings
    from summarise.models.hub import set_threads

    config = Config(**json.loads(args.config))
    payload = json.loads(Path(args.workload).read_text(encoding="utf-8"))
    docs = [Document([Block(k, t) for k, t in d]) for d in payload["docs"]]
    if config.backend == "transformers":  # CTranslate2 gets its threads from load_backend (and no torch)
        set_threads(args.threads)
    t0 = time.perf_counter()
    translate = (naive_translator if config.kind == "naive" else engine_translator)(args.model, config, args.threads)
    result = {"load_s": time.perf_counter() - t0, "runs": {}}
    for beams in args.beams:
        settings = GenerationSettings(beams=beams, max_new_tokens=args.tokens, min_new_tokens=args.tokens)
        times, outputs = [], {}
        for _ in range(args.repeats):
            t = time.perf_counter()
            outputs = translate(docs, settings)
            times.append(time.perf_counter() - t)
        result["runs"][str(beams)] = {"times": times, "outputs": outputs}
    result["peak_rss_mb"] = peak_rss_mb()
    Path(args.result).write_text(json.dumps(result), encoding="utf-8")


def naive_translator(model_dir: str, config: Config, threads: int):
    """The baseline: the model loaded once, one `generate` per sentence, as most scripts do."""
    import torch

    from summarise.language.sentences import split_sentences
    from summarise.models.hub import load_seq2seq, resolve_model

    net, tok = load_seq2seq(resolve_model(model_dir))
    net.generation_config.max_length = None

    def translate(docs, settings) -> dict[str, str]:
        out = {}
        for d in docs:
            for b in d.blocks:
                for s in split_sentences(b.text):
                    with torch.no_grad():
                        ids = net.generate(
                            **tok([s], return_tensors="pt"),
                            num_beams=settings.beams,
                            max_new_tokens=settings.max_new_tokens,
                            min_new_tokens=settings.min_new_tokens,
                        )
                    out[s] = tok.decode(ids[0], skip_special_tokens=True).strip()
        return out

    return translate


def engine_translator(model_dir: str, config: Config, threads: int):
    from summarise.checking.report import CheckReport
    from summarise.models.runtime import Runtime
    from summarise.translation.engine import Translator

    runtime = Runtime.resolve(
        model_dir, backend=config.backend, device="cpu", threads=threads, quantization=config.quantization,
        shortlist=config.shortlist,
    )  # fmt: skip
    backend = runtime.load_backend(runtime.translation_model)
    if hasattr(backend, "plan"):
        print(f"    [{config.name}] {backend.plan.label()}: {backend.plan.reason}", flush=True)
    recorded: dict[str, str] = {}
    generate = backend.generate

    def recording_generate(texts, s):  # sentence-level outputs, to compare with the baseline
        outs = generate(texts, s)
        recorded.update(zip(texts, outs, strict=True))
        return outs

    backend.generate = recording_generate
    def translate(docs, settings) -> dict[str, str]:
        translator = Translator(
            backend, settings, batch_size=config.batch_size, cache=False, repair=False, check=lambda *a, **k: CheckReport()
        )
        recorded.clear()
        translator.translate_documents(docs)
        return dict(recorded)

    return translate


def run_config(config: Config, model_dir: Path, docs: list, repeats: int, args) -> dict:
    """Run one config in a fresh process (so its peak RSS is its own) at every beam size."""
    with tempfile.TemporaryDirectory() as tmp:
        workload = Path(tmp) / "workload.json"
        workload.write_text(json.dumps({"docs": [[(b.kind, b.text) for b in d.blocks] for d in docs]}), encoding="utf-8")
        result = Path(tmp) / "result.json"
        cmd = [
            sys.executable, __file__, "--worker", "--config", json.dumps(asdict(config)), "--model", str(model_dir),
            "--workload", str(workload), "--result", str(result), "--tokens", str(args.tokens),
            "--repeats", str(repeats), "--threads", str(args.threads), "--beams", *map(str, args.beams),
        ]  # fmt: skip
        env = {**os.environ, "TRANSFORMERS_VERBOSITY": "error", "HF_HUB_DISABLE_PROGRESS_BARS": "1", "HF_HUB_OFFLINE": "1"}
        env.pop("SUMMARISE_WORKERS", None)
        if config.workers:  # -1: one worker per thread
            env["SUMMARISE_WORKERS"] = str(args.threads if config.workers == -1 else config.workers)
        if config.backend == "ctranslate2":  # convert (once, cached) outside the measured process
            convert = [sys.executable, "-m", "summarise", "models", "convert", str(model_dir), "--device", "cpu",
                       "--quantization", config.quantization or "auto"]  # fmt: skip
            subprocess.run(convert, check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(cmd, check=True, env=env)
        return json.loads(result.read_text(encoding="utf-8"))


# --- the table --------------------------------------------------------------------------------------


@dataclass
class Row:
    workload: str
    decoding: str
    config: str
    sentences: int
    seconds: float
    sentences_per_s: float
    tokens_per_s: float
    peak_rss_mb: float
    identical: str = "-"
    ratio: float = 1.0
    load_s: float = 0.0
    notes: list[str] = field(default_factory=list)


def measure(workload: str, docs: list, naive_docs: list, model_dir: Path, args) -> list[Row]:
    # The batch workload is hundreds of sentences per run: its timing averages over them already.
    repeats = args.repeats if workload == "seed" else args.batch_repeats
    configs = [c for c in CONFIGS if (c.quick or not args.quick) and not (args.smoke and c.backend == "ctranslate2")]
    naive_repeats = args.naive_repeats or repeats
    results = [
        (c, run_config(c, model_dir, *((naive_docs, naive_repeats) if c.kind == "naive" else (docs, repeats)), args))
        for c in configs
    ]
    rows = []
    for beams in args.beams:
        decoding = "greedy" if beams == 1 else f"{beams} beams"
        baseline = None
        for config, res in results:
            run = res["runs"][str(beams)]
            n, sec = len(run["outputs"]), statistics.median(run["times"])
            row = Row(workload, decoding, config.name, n, sec, n / sec, n * args.tokens / sec, res["peak_rss_mb"],
                      load_s=res["load_s"])  # fmt: skip
            if baseline is None:
                baseline = (row, run["outputs"])
            else:
                ref = baseline[1]
                same = sum(run["outputs"].get(s) == t for s, t in ref.items())
                row.identical = f"{same}/{len(ref)}"
                row.ratio = row.sentences_per_s / baseline[0].sentences_per_s
            rows.append(row)
            print(format_row(row), flush=True)
    return rows


HEADER = f"{'workload':<10} {'decoding':<8} {'config':<46} {'sent':>5} {'sent/s':>7} {'tok/s':>7} {'x naive':>7} {'identical':>9} {'peak RSS':>9}"


def format_row(r: Row) -> str:
    return (
        f"{r.workload:<10} {r.decoding:<8} {r.config:<46} {r.sentences:>5} {r.sentences_per_s:>7.2f} "
        f"{r.tokens_per_s:>7.0f} {r.ratio:>7.2f} {r.identical:>9} {r.peak_rss_mb:>6.0f} MB"
    )


def _wmt_parallel(directory: Path, lines: int) -> tuple[Path, Path]:
    """newstest2014-2020 (2021 is the batch workload) as one line-aligned pair in `directory`."""
    from _models import WMT

    src, ref = [], []
    for year in range(2014, 2021):
        d = WMT / f"newstest{year}"
        if (d / "src.de").exists():
            src += (d / "src.de").read_text(encoding="utf-8").splitlines()
            ref += (d / "ref.en").read_text(encoding="utf-8").splitlines()
    if not src:
        raise SystemExit(f"no WMT newstest sets in {WMT}: the shortlist needs parallel text")
    (directory / "src.de").write_text("\n".join(src[:lines]) + "\n", encoding="utf-8")
    (directory / "ref.en").write_text("\n".join(ref[:lines]) + "\n", encoding="utf-8")
    return directory / "src.de", directory / "ref.en"


def measure_ct2(docs: list, args) -> dict[str, float]:
    """CT2_CONFIGS side by side on the seed workload: rounds of (before, default, shortlist), each run in
    a fresh process, interleaved so they share the machine's load; medians over the rounds."""
    from _models import model_dirs

    t = time.perf_counter()
    model_dir = model_dirs()[0]
    print(f"\nCTranslate2 configurations on {model_dir.name} (opus-mt-de-en architecture, WMT-trained tokenizer, "
          f"58,101 entries; built in {time.perf_counter() - t:.0f} s)", flush=True)  # fmt: skip
    env = {**os.environ, "TRANSFORMERS_VERBOSITY": "error", "HF_HUB_OFFLINE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        src, ref = _wmt_parallel(Path(tmp), args.shortlist_lines)
        t = time.perf_counter()
        built = subprocess.run(
            [sys.executable, "-m", "summarise", "models", "shortlist", str(model_dir), "--parallel", str(src), str(ref),
             "--method", args.shortlist_method],
            check=True, env=env, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        print(f"shortlist from {args.shortlist_lines} WMT lines in {time.perf_counter() - t:.0f} s: {built}", flush=True)
    times: dict[str, dict[str, list[float]]] = {c.name: {str(b): [] for b in args.beams} for c in CT2_CONFIGS}
    peaks: dict[str, float] = {}
    n = 0
    for round_ in range(args.ct2_rounds):
        for config in CT2_CONFIGS:
            res = run_config(config, model_dir, docs, 1, args)
            for beams in args.beams:
                run = res["runs"][str(beams)]
                times[config.name][str(beams)] += run["times"]
                n = len(run["outputs"])
            peaks[config.name] = max(peaks.get(config.name, 0.0), res["peak_rss_mb"])
        print(f"  round {round_ + 1}/{args.ct2_rounds} done (load average {os.getloadavg()[0]:.1f})", flush=True)
    calibration = Path(os.environ["SUMMARISE_CACHE_DIR"]) / "ct2" / "threads.json"
    if calibration.exists():
        for key, c in json.loads(calibration.read_text(encoding="utf-8"))["entries"].items():
            print(f"calibration {key.split('|')[-1]}: 1 worker {c['single_tok_s']:.0f} tok/s, "
                  f"{key.split('cores=')[1].split('|')[0]} workers {c['workers_tok_s']:.0f} tok/s "
                  f"(load average {c['load_average']})", flush=True)  # fmt: skip
    rates: dict[str, float] = {}
    print(HEADER, flush=True)
    for beams in args.beams:
        decoding = "greedy" if beams == 1 else f"{beams} beams"
        base = None
        for i, config in enumerate(CT2_CONFIGS):
            sec = statistics.median(times[config.name][str(beams)])
            row = Row("seed", decoding, config.name, n, sec, n / sec, n * args.tokens / sec, peaks[config.name])
            base = base or row
            row.ratio = row.tokens_per_s / base.tokens_per_s
            print(format_row(row).replace(" x naive", ""), flush=True)
            rates[f"{('before', 'workers', 'default', 'shortlist')[i]}_{beams}"] = row.tokens_per_s
    return rates


def cpu_model() -> str:
    from summarise.models.threads import cpu_model as model
    flags = Path("/proc/cpuinfo").read_text(encoding="utf-8") if Path("/proc/cpuinfo").exists() else ""
    isa = "AVX-512 VNNI" if "avx512_vnni" in flags else "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "?"
    return f"{model()} ({isa})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="seed article only, fewer tokens and repeats (< 1 min)")
    parser.add_argument("--smoke", action="store_true", help="4 sentences on the tests' tiny model, greedy, transformers rows only (proves the bench runs)")
    parser.add_argument("--repeats", type=int, default=None, help="runs per config; the median is reported (default 3, quick 1)")
    parser.add_argument("--batch-repeats", type=int, default=1, help="runs per config on the 50-article batch")
    parser.add_argument("--tokens", type=int, default=None, help="output tokens per sentence (default 30, quick 12)")
    parser.add_argument("--beams", type=int, nargs="+", default=[1, 4], help="decodings to measure (default: 1 4)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--articles", type=int, default=50, help="articles in the batch workload")
    parser.add_argument("--no-batch", action="store_true", help="the seed workload only (skip the 50-article batch)")
    parser.add_argument("--naive-repeats", type=int, default=None,
                        help="runs of the naive baseline (default: --repeats; one run is minutes of generate calls)")
    parser.add_argument("--naive-sample", type=int, default=96, help="batch sentences the naive baseline translates")
    parser.add_argument("--wmt", type=Path, default=DEFAULT_WMT, help="WMT newstest dir with src.de and docids")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--no-ct2-configs", action="store_true", help="skip the CTranslate2 configurations section")
    parser.add_argument("--ct2-only", action="store_true", help="only the CTranslate2 configurations section")
    parser.add_argument("--ct2-rounds", type=int, default=3, help="rounds of the CTranslate2 configurations (median)")
    parser.add_argument("--shortlist-lines", type=int, default=8000, help="WMT line pairs the bench shortlist is built from")
    parser.add_argument("--shortlist-method", default="auto", help="auto | eflomal | cooc")
    # worker mode (internal)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--workload", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)

    if args.smoke:
        args.quick, args.no_ct2_configs, args.beams, args.threads = True, True, [1], 1
    args.repeats = args.repeats or (1 if args.quick else 3)
    if args.quick:  # the CTranslate2 section in under a minute once the models are built
        args.ct2_rounds, args.shortlist_lines = 1, min(args.shortlist_lines, 2000)
    args.tokens = args.tokens or (4 if args.smoke else 12 if args.quick else 30)
    from summarise.document import Document

    t = time.perf_counter()
    if args.smoke:
        from _models import tiny_model_dirs

        model_dir = tiny_model_dirs()[0]
    else:
        model_dir = cached_model()
    print(f"model: opus-mt-de-en architecture, random weights ({time.perf_counter() - t:.1f} s): {model_dir}", flush=True)
    with tempfile.TemporaryDirectory() as conversions:
        # CTranslate2 conversions of this throwaway model go with it, not into the user's cache.
        os.environ["SUMMARISE_CACHE_DIR"] = conversions
        seed = seed_documents()
        if args.quick:  # the seed article's first 12 sentences
            from summarise.document import Block

            kept = sentences_of(seed)[: 4 if args.smoke else 12]
            seed = [Document([Block("paragraph", s) for s in kept])]
        workloads = [("seed", seed, seed)]
        if not args.quick and not args.no_batch:
            if (args.wmt / "docids").exists():
                batch, origin = wmt_documents(args.wmt, args.articles), f"WMT {args.wmt.name}"
            else:
                batch, origin = variant_documents(args.articles), "variants of the samples"
            pool = sentences_of(batch)
            from summarise.document import Block

            sample = random.Random(0).sample(pool, min(args.naive_sample, len(pool)))
            workloads.append((f"batch{len(batch)}", batch, [Document([Block("paragraph", s) for s in sample])]))
            print(f"batch: {len(batch)} articles ({origin}), {len(pool)} distinct sentences; "
                  f"naive on {len(sample)} of them", flush=True)  # fmt: skip
        load = os.getloadavg()[0]
        print(f"{args.tokens} output tokens per sentence, {args.threads} threads, median of {args.repeats} runs "
              f"(batch: {args.batch_repeats}); load average {load:.1f}", flush=True)  # fmt: skip
        if load > (os.cpu_count() or 1) * 0.75:
            print("warning: the machine is busy: timings are slow and the naive (memory-bound) baseline suffers "
                  "most, so ratios come out too high; rerun on an idle machine", flush=True)  # fmt: skip
        print(HEADER, flush=True)
        if args.ct2_only:
            workloads = workloads[:1]
        rows = [] if args.ct2_only else [r for name, docs, naive_docs in workloads for r in measure(name, docs, naive_docs, model_dir, args)]
        ct2 = {} if args.no_ct2_configs else measure_ct2(seed, args)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")
    headline_workload = workloads[-1][0]
    beam_rows = [r for r in rows if r.workload == headline_workload and r.decoding == "4 beams" and r.config == CONFIGS[1].name]
    greedy_rows = [r for r in rows if r.workload == headline_workload and r.decoding == "greedy" and r.config == CONFIGS[1].name]
    if greedy_rows:
        print(f"greedy_speedup={greedy_rows[0].ratio:.2f}")
    for decoding, key in (("greedy", "ct2_greedy_speedup"), ("4 beams", "ct2_beam4_speedup")):
        for r in rows:
            if r.workload == headline_workload and r.decoding == decoding and r.config.startswith("engine ctranslate2"):
                print(f"{key}={r.ratio:.2f} ct2_peak_rss_mb={r.peak_rss_mb:.0f}")
    print(f"cpu: {cpu_model()}, {os.cpu_count()} cores, {args.threads} threads; load average {os.getloadavg()[0]:.1f}")
    if ct2:
        for key, name in (("1", "greedy"), ("4", "beam4")):
            if f"default_{key}" in ct2:
                print(f"ct2_{name}_tok_s={ct2[f'default_{key}']:.0f} before_{name}_tok_s={ct2[f'before_{key}']:.0f} "
                      f"ct2_{name}_vs_before={ct2[f'default_{key}'] / ct2[f'before_{key}']:.2f}")  # fmt: skip
        if "workers_4" in ct2:
            print(f"workers_greedy_tok_s={ct2['workers_1']:.0f} workers_beam4_tok_s={ct2['workers_4']:.0f}")
        if "shortlist_4" in ct2:
            print(f"shortlist_beam4_tok_s={ct2['shortlist_4']:.0f} shortlist_beam4_vs_before={ct2['shortlist_4'] / ct2['before_4']:.2f}")
    headline = beam_rows or greedy_rows
    if headline:
        print(f"speedup={headline[0].ratio:.2f}")


if __name__ == "__main__":
    main()
