"""How a CTranslate2 model uses its cores: one batch at a time on every core, or parallel workers.

`--threads N` is the number of cores to use. They can run one batch at a time with N intra-op
threads (the lowest latency for one short input), or N workers (CTranslate2 ``inter_threads``) of one
thread each, every worker decoding its own share of the batch (no barrier between the cores at every
operation: more throughput where the machine allows it). Which wins is a property of the machine and
the model, not a constant: measured side by side, two workers did 2,115 tok/s greedy against 1,350
on an idle 2-core Intel Xeon (AVX-512 VNNI), while on a loaded 2-core AMD EPYC the same pair of
configurations measured 0.3-0.7x the other way round. So it is decided by measurement:

- a workload of few inputs (fewer than MIN_INPUTS_PER_CORE per core: one sentence, a headline, one
  summary) always gets the latency configuration: workers would leave cores idle;
- a throughput workload (a document's many sentences, a batch: `inputs` None) gets the configuration a
  small calibration measured faster on this machine for this model: both configurations translate
  the same synthetic batch, alternately, CALIBRATION_ROUNDS times, and workers must win by
  WORKERS_MARGIN. The result is cached per CPU model, core count, CTranslate2 version and model
  conversion (``cache_dir("ct2")/threads.json``), so it is measured once per machine and model
  (delete the file to measure again); ``$SUMMARISE_WORKERS`` (a number) overrides it.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..paths import cache_dir

log = logging.getLogger(__name__)

MIN_INPUTS_PER_CORE = 4  # below this many inputs per core, workers would idle: latency configuration
CALIBRATION_ROUNDS = 3
# The engine's batch shape: a call carries up to 64 sentences (preferred_batch_size), i.e. 32 per
# worker on 2 cores. A smaller synthetic batch (8 per core) flattered workers: it measured 1,492 vs
# 981 tok/s for them where the seed article's 146 sentences then ran 1,411 vs 1,491 (AMD EPYC, load 4-5).
CALIBRATION_INPUTS_PER_CORE = 32
CALIBRATION_TOKENS = 12  # output tokens per input (forced), source inputs of 24 pieces
WORKERS_MARGIN = 1.10  # workers must be 10% faster: a tie keeps the simpler, lower-latency configuration
CALIBRATION_FILE = "threads.json"
VERSION = 1


@dataclass(frozen=True)
class ThreadPlan:
    """Cores as workers x threads per worker, and why."""

    workers: int
    threads_per_worker: int
    reason: str

    def label(self) -> str:
        return f"{self.workers}x{self.threads_per_worker}"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def latency_plan(cores: int, reason: str) -> ThreadPlan:
    return ThreadPlan(1, max(1, cores), reason)


def _forced_workers(cores: int) -> int | None:
    value = os.environ.get("SUMMARISE_WORKERS", "").strip().lower()
    if value.isdigit() and int(value) > 0:
        return min(int(value), cores)
    return None


@dataclass(frozen=True)
class Calibration:
    single_tok_s: float  # one worker, every core as intra-op threads
    workers_tok_s: float  # one worker per core, one thread each
    load_average: float
    measured: str

    @property
    def workers_win(self) -> bool:
        return self.workers_tok_s >= WORKERS_MARGIN * self.single_tok_s


def _calibration_path() -> Path:
    return cache_dir("ct2", create=False) / CALIBRATION_FILE  # created on store: the cache may be read-only


def calibration_key(model_key: str, cores: int) -> str:
    import ctranslate2

    return f"{cpu_model()}|cores={cores}|ct2={ctranslate2.__version__}|{model_key}"


def cached_calibration(key: str) -> Calibration | None:
    try:
        data = json.loads(_calibration_path().read_text(encoding="utf-8"))
        entry = data["entries"][key] if data.get("version") == VERSION else None
        return Calibration(**entry) if entry else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_calibration(key: str, calibration: Calibration) -> None:
    path = _calibration_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                data = {}
        except (OSError, ValueError):
            data = {}
        data.setdefault("entries", {})[key] = asdict(calibration)
        data["version"] = VERSION
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:  # a read-only cache: measure again next time
        # paths.writable_cache_dir already warned once about an unwritable cache: no second line
        log.info("cannot store the thread calibration in %s: %s", path, e)


def measure(open_translator: Callable[[int, int], object], sample: list[list[str]], cores: int) -> Calibration:
    """Both configurations on the same synthetic batch, alternately; medians of CALIBRATION_ROUNDS."""
    single = open_translator(1, cores)
    workers = open_translator(cores, 1)
    options = {"beam_size": 1, "max_decoding_length": CALIBRATION_TOKENS, "min_decoding_length": CALIBRATION_TOKENS}
    per_worker = max(1, -(-len(sample) // cores))
    times: dict[str, list[float]] = {"single": [], "workers": []}
    for _ in range(CALIBRATION_ROUNDS):
        for name, translator, batch in (("single", single, len(sample)), ("workers", workers, per_worker)):
            start = time.perf_counter()
            translator.translate_batch(sample, max_batch_size=batch, **options)
            times[name].append(time.perf_counter() - start)
    tokens = len(sample) * CALIBRATION_TOKENS
    return Calibration(
        single_tok_s=round(tokens / statistics.median(times["single"]), 1),
        workers_tok_s=round(tokens / statistics.median(times["workers"]), 1),
        load_average=round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else -1.0,
        measured=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )


def plan_threads(
    cores: int,
    inputs: int | None,
    *,
    calibrate: Callable[[], Calibration] | None = None,
    key: str | None = None,
) -> ThreadPlan:
    """The configuration for `cores` and a workload of `inputs` model inputs (None: many, a throughput run).

    `calibrate` measures this machine and model when no cached calibration exists under `key`.
    """
    cores = max(1, cores)
    if cores == 1:
        return latency_plan(1, "one core")
    forced = _forced_workers(cores)
    if forced is not None:
        return ThreadPlan(forced, max(1, cores // forced), "$SUMMARISE_WORKERS")
    if inputs is not None and inputs < MIN_INPUTS_PER_CORE * cores:
        return latency_plan(cores, f"{inputs} input(s): lowest latency")
    if calibrate is None or key is None:
        return latency_plan(cores, "no calibration")
    calibration = cached_calibration(key)
    if calibration is None:
        calibration = calibrate()
        store_calibration(key, calibration)
        log.info("thread calibration (%s): %s", key, calibration)
    w, s = calibration.workers_tok_s, calibration.single_tok_s
    if calibration.workers_win:
        return ThreadPlan(cores, 1, f"throughput: {cores} workers measured {w:.0f} tok/s vs {s:.0f} for one")
    return latency_plan(cores, f"throughput: one worker measured {s:.0f} tok/s vs {w:.0f} for {cores} workers")


def sentence_count(*docs) -> int:
    """Sentences the documents give the translation model (the `workload` of a one-article run)."""
    from ..language.sentences import split_sentences

    return sum(len(split_sentences(b.text)) for doc in docs for b in doc.blocks)
