"""`record` and `compare`: run the samples through the normal brief pipeline, then store or diff.

The run is `summarise.briefing.brief.make_briefs` on the loaded translator and summariser, exactly what
`summarise brief` / `summarise batch` do: there is no second pipeline to drift apart from the real one.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, SummariseError
from ..models.runtime import Runtime
from .diff import ArticleResult, compare_article
from .golden import (
    Sample,
    default_golden_dir,
    find_samples,
    golden_data,
    load_goldens,
    orphan_goldens,
    run_signature,
    write_golden,
)

log = logging.getLogger(__name__)

GROUP_SIZE = 8  # articles per make_briefs call: sentences batch across them, memory stays bounded


@dataclass
class RegressionReport:
    samples_dir: str
    golden_dir: str
    articles: list[ArticleResult]
    min_chrf: float
    min_bleu: float | None = None
    signature: dict = field(default_factory=dict)  # of this run
    orphans: list[str] = field(default_factory=list)  # goldens without a sample
    seconds: float = 0.0

    @property
    def failed(self) -> list[ArticleResult]:
        return [a for a in self.articles if not a.passed]

    @property
    def passed(self) -> bool:
        return not self.failed

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1

    @property
    def signature_changes(self) -> list[str]:
        """Signature fields that differ from the goldens' (usually the same for every article)."""
        seen: dict[str, None] = {}
        for a in self.articles:
            for change in a.signature_changes:
                seen.setdefault(change.describe())
        return list(seen)

    def to_dict(self) -> dict:
        return {
            "samples_dir": self.samples_dir,
            "golden_dir": self.golden_dir,
            "passed": self.passed,
            "articles": [a.to_dict() for a in self.articles],
            "summary": {"articles": len(self.articles), "drifted": len(self.failed)},
            "thresholds": {"min_chrf": self.min_chrf, "min_bleu": self.min_bleu},
            "signature": self.signature,
            "signature_changes": self.signature_changes,
            "orphan_goldens": self.orphans,
            "seconds": round(self.seconds, 3),
        }


def _read(sample: Sample):
    from ..ingest import read_document

    try:
        doc = read_document(sample.path, regular_only=True)
    except SummariseError as e:
        raise InputError(f"sample {sample.rel}: {e}") from e
    if not doc.blocks or not doc.text.strip():
        raise InputError(f"sample {sample.rel}: no text found")
    return doc


def run_samples(
    samples: list[Sample], translator, summariser, *, progress=None, planned=None, docs=None
) -> list[tuple[dict, float]]:
    """(golden data, seconds) of every sample, through make_briefs; model time is shared out by length.

    `planned(n)`: the expected number of sentences of all samples; `progress(n)`: n more translated.
    `docs`: the samples already read (else they are read here, and an unreadable one raises)."""
    from ..briefing.brief import make_briefs
    from ..translation.engine import estimate_documents

    if docs is None:
        docs = [_read(s) for s in samples]  # every sample is readable before any model time is spent
    if planned is not None:
        planned(estimate_documents(docs))
    signature = run_signature(translator, summariser)
    out: list[tuple[dict, float]] = []
    for start in range(0, len(samples), GROUP_SIZE):
        group = slice(start, start + GROUP_SIZE)
        t0 = time.perf_counter()
        briefs = make_briefs(docs[group], translator, summariser, progress=progress)
        seconds = time.perf_counter() - t0
        chars = [max(1, len(d.text)) for d in docs[group]]
        for sample, brief, c in zip(samples[group], briefs, chars, strict=True):
            out.append((golden_data(sample, brief, signature), seconds * c / sum(chars)))
    return out


def _models(runtime: Runtime | None, translator, summariser):
    """The loaded models: those given, the others loaded once from `runtime` (a passed translator is
    used even when a runtime is given: only the summariser is loaded then, and the other way round)."""
    if translator is not None and summariser is not None:
        return translator, summariser
    if runtime is None or (summariser is None and runtime.summary_model is None):
        raise ValueError("pass translator and summariser, or a runtime with a summary model")
    if translator is None and summariser is None:
        from ..models.loading import load_models

        return tuple(load_models(runtime))
    if translator is None:
        from ..translation.engine import Translator

        return Translator.from_runtime(runtime), summariser
    from ..briefing.summary import summariser_from_runtime

    return translator, summariser_from_runtime(runtime)


def record(
    samples_dir: str | Path,
    golden_dir: str | Path | None = None,
    *,
    runtime: Runtime | None = None,
    translator=None,
    summariser=None,
    progress=None,
    planned=None,
    errors: list[str] | None = None,
) -> list[Path]:
    """Brief every article under `samples_dir` and write one golden each; returns the goldens written.

    The models come from `runtime` (loaded after the samples are found) or are passed loaded.
    `golden_dir` defaults to SAMPLES_DIR/golden. Existing goldens of these articles are replaced.
    `progress` / `planned`: sentence progress callbacks, as for `run_samples`. A sample that cannot
    be read (unreadable, not a regular file, no text) gets no golden and the others are recorded: its
    one-line reason is appended to `errors` (logged as a warning when `errors` is None).
    """
    golden_dir = Path(golden_dir) if golden_dir is not None else default_golden_dir(samples_dir)
    samples = find_samples(samples_dir, golden_dir)
    if golden_dir.exists() and not golden_dir.is_dir():
        raise InputError(f"golden folder {golden_dir} exists and is not a folder")
    readable, docs = [], []
    for sample in samples:
        try:
            docs.append(_read(sample))
        except SummariseError as e:
            if errors is None:
                log.warning("%s", e)
            else:
                errors.append(str(e))
            continue
        readable.append(sample)
    if not readable:
        return []
    results = run_samples(
        readable, *_models(runtime, translator, summariser), progress=progress, planned=planned, docs=docs
    )
    return [write_golden(golden_dir, data) for data, _seconds in results]


def compare(
    samples_dir: str | Path,
    golden_dir: str | Path | None = None,
    *,
    runtime: Runtime | None = None,
    translator=None,
    summariser=None,
    min_chrf: float = 95.0,
    min_bleu: float | None = None,
) -> RegressionReport:
    """Rerun every article under `samples_dir` and compare it with its golden.

    Raises InputError (before any model runs) when SAMPLES_DIR or the golden folder is missing, a
    sample has no golden, or a sample changed since its golden was recorded.
    """
    started = time.perf_counter()
    golden_dir = Path(golden_dir) if golden_dir is not None else default_golden_dir(samples_dir)
    samples = find_samples(samples_dir, golden_dir)
    goldens = load_goldens(samples, golden_dir)
    results = run_samples(samples, *_models(runtime, translator, summariser))
    articles = []
    for sample, (new, seconds) in zip(samples, results, strict=True):
        result = compare_article(goldens[sample.rel], new, min_chrf=min_chrf, min_bleu=min_bleu)
        result.seconds = seconds
        articles.append(result)
    return RegressionReport(
        samples_dir=str(samples_dir),
        golden_dir=str(golden_dir),
        articles=articles,
        min_chrf=min_chrf,
        min_bleu=min_bleu,
        signature=results[0][0]["signature"] if results else {},
        orphans=orphan_goldens(samples, golden_dir),
        seconds=time.perf_counter() - started,
    )
