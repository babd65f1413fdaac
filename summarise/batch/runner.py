"""One batch run: select the articles, skip what an earlier run finished, hand groups of articles to
an engine, record what comes back in the manifest, and report progress.

The engine is the only thing that differs between running here and on a cluster: it takes groups of
articles to loaded models (`LocalEngine`: models in this process; `RayEngine`: a pool of worker
processes that each loaded the models once) and streams back the events a `GroupWorker` emits. The
driver — this module — alone appends to the manifest, so its format, the statuses and the resume
rules do not depend on the engine.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError
from ..fileio import write_atomic
from ..signals import signals_handled
from .articles import MAX_PDF_BYTES, Article, find_articles, sha256_article
from .manifest import MANIFEST_NAME, BatchItem, append_entry, compact_manifest, is_complete, read_manifest
from .outputs import (
    BATCH_FORMATS,
    DEFAULT_FORMATS,
    FORMAT_SUFFIXES,
    INDEX_NAME,
    exclusive,
    input_suffixes,
    prepare_output,
    remove_stale_temp_files,
)
from .worker import ArticleDone, Emit, Event, GroupStarted, GroupWorker, SentencesDone, SentencesQueued

log = logging.getLogger("summarise.batch")


@dataclass
class BatchResult:
    items: list[BatchItem]  # one per article selected, in path order (skipped ones included)
    total: int  # articles selected
    seconds: float
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (path, why): e.g. symlinks leaving INPUT_DIR
    interrupted: bool = False
    manifest: Path | None = None

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def ok(self) -> int:
        return self.count("ok")

    @property
    def checks_failed(self) -> int:
        return self.count("checks_failed")

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def skipped(self) -> int:
        return sum(1 for i in self.items if i.skipped)

    @property
    def done(self) -> int:
        return len(self.items)

    @property
    def numbers_checked(self) -> int:
        return sum(i.numbers_checked for i in self.items)

    @property
    def problems(self) -> int:
        return sum(i.problems for i in self.items)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C / SIGTERM during a batch. Everything recorded so far is complete; `result` says how far it got."""

    def __init__(self, result: BatchResult):
        super().__init__(f"interrupted: {result.done} of {result.total} articles done; rerun to continue")
        self.result = result


class BatchProgress:
    """Callbacks run_batch makes while it works; the CLI draws its progress bar from them."""

    def start(self, total: int, skipped: int) -> None:
        """`total` articles selected, `skipped` of them already done by an earlier run."""

    def group(self, articles: int, sentences: int) -> None:
        """A group of `articles` is about to be translated: `sentences` model inputs (estimated)."""

    def sentences(self, n: int) -> None:
        """`n` more sentences translated."""

    def queued(self, n: int) -> None:
        """`n` more sentences than the groups' estimates will run (repair retries)."""

    def article_done(self, item: BatchItem) -> None:
        """One article finished (any status)."""


class Engine:
    """How groups of articles reach loaded models. run_batch calls `start`, then `run`, then `close`."""

    def start(self, output_root: Path, formats: Sequence[str]) -> tuple[str, str]:
        """Get the models ready to write `formats` into `output_root`; returns (mode, settings fingerprint)."""
        raise NotImplementedError

    def run(self, groups: Iterator[list[Article]], emit: Emit) -> None:
        """Process every group, passing each event to `emit` in this (the driver's) thread."""
        raise NotImplementedError

    def close(self) -> None:
        """Release workers; also called after an interrupt or an error."""


class LocalEngine(Engine):
    """The models of this process, one group after another."""

    def __init__(self, translator, summariser=None):
        self.translator = translator
        self.summariser = summariser
        self.worker: GroupWorker | None = None

    def start(self, output_root, formats):
        self.worker = GroupWorker(self.translator, self.summariser, output_root, formats)
        return self.worker.mode, self.worker.settings

    def run(self, groups, emit):
        for group in groups:
            self.worker.run_group(group, emit)


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT / SIGTERM for the few statements inside; they take effect right after.

    Not with pthread_sigmask: that blocks a signal for this thread only, and a process-directed
    signal then goes to another thread (Ray's, torch's, the progress bar's), whose C handler still
    makes this thread run the Python handler mid-block. So the Python handlers are swapped for one
    that only remembers, and a signal that came is raised again once the real ones are back."""
    arrived: list[int] = []
    held = [s for s in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(s) is not None]  # None: set outside Python
    try:
        with signals_handled(lambda signum, frame: arrived.append(signum), held):  # main thread only
            yield
    finally:
        for signum in dict.fromkeys(arrived):
            signal.raise_signal(signum)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Recorder:
    """The driver's side of the events: the manifest, the results so far, the progress callbacks."""

    def __init__(self, manifest: Path, progress: BatchProgress, done: dict[str, BatchItem]):
        self.manifest = manifest
        self.progress = progress
        self.done = done  # path -> BatchItem of every article finished (or skipped) so far

    def __call__(self, event: Event) -> None:
        if isinstance(event, ArticleDone):
            self.record(event.item)
        elif isinstance(event, SentencesDone):
            self.progress.sentences(event.n)
        elif isinstance(event, SentencesQueued):
            self.progress.queued(event.n)
        elif isinstance(event, GroupStarted):
            self.progress.group(event.articles, event.sentences)

    def record(self, item: BatchItem) -> None:
        item.finished = _now()
        # The manifest line and the in-memory result must agree when Ctrl-C lands right here.
        with interrupts_deferred():
            append_entry(self.manifest, item)
            self.done[item.path] = item
        if item.status == "error":  # the caller reports errors; the log has them for -v
            log.info("%s: error: %s", item.path, item.error)
        else:
            log.info("%s: %s (%d numbers checked, %d problems)", item.path, item.status, item.numbers_checked, item.problems)
        self.progress.article_done(item)


def make_groups(articles: list[Article], size: int, max_chars: int) -> Iterator[list[Article]]:
    """Consecutive articles, `size` at a time and at most about `max_chars` bytes of input per group."""
    group: list[Article] = []
    weight = 0
    for a in articles:
        if group and (len(group) >= size or weight + a.size > max_chars):
            yield group
            group, weight = [], 0
        group.append(a)
        weight += a.size
    if group:
        yield group


def run_batch(
    input_dir: str | Path,
    output_dir: str | Path,
    *,
    translator=None,
    summariser=None,
    engine: Engine | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    glob: str | None = None,
    force: bool = False,
    progress: BatchProgress | None = None,
    group_size: int = 8,
    group_chars: int = 200_000,
) -> BatchResult:
    """Translate (`summariser=None`) or brief every article under `input_dir` into `output_dir`.

    Writes ``<output_dir>/<relative path>.json`` / ``.md`` / ``.txt`` per requested format and one
    ``manifest.jsonl`` line per article. Articles done by an earlier run with the same input, models
    and settings are skipped unless `force`. `group_size` articles (at most about `group_chars`
    bytes of input) go through the model together. The models are `translator` / `summariser` in
    this process, or those of `engine` (e.g. a `RayEngine`), which run_batch starts and closes.
    Raises InputError for bad arguments and BatchInterrupted (a KeyboardInterrupt carrying the
    partial result) on Ctrl-C.
    """
    started = time.perf_counter()
    progress = progress or BatchProgress()
    if (engine is None) == (translator is None):
        raise TypeError("run_batch needs either a translator (and optionally a summariser) or an engine")
    input_root = Path(input_dir)
    if not input_root.is_dir():
        raise InputError(f"INPUT_DIR {input_dir} is not a folder" if input_root.exists() else f"INPUT_DIR {input_dir} does not exist")
    input_root = input_root.resolve()
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in BATCH_FORMATS]
    if unknown or not formats:
        raise InputError(f"unknown format {', '.join(unknown) or '(none)'}: choose from {', '.join(BATCH_FORMATS)}")
    if group_size < 1:
        raise InputError("the group size must be at least 1")
    output_root = prepare_output(input_root, Path(output_dir))
    manifest = output_root / MANIFEST_NAME
    engine = engine or LocalEngine(translator, summariser)

    with exclusive(output_root):
        try:
            mode, settings = engine.start(output_root, formats)
            return _run(engine, input_root, output_root, manifest, formats, mode, settings, glob=glob, force=force,
                        progress=progress, group_size=group_size, group_chars=group_chars, started=started)  # fmt: skip
        finally:
            engine.close()


def _run(engine, input_root, output_root, manifest, formats, mode, settings, *, glob, force, progress,
         group_size, group_chars, started) -> BatchResult:  # fmt: skip
    previous = read_manifest(manifest)
    compact_manifest(manifest, previous)  # drops duplicates and any line a kill cut short
    remove_stale_temp_files(output_root)
    own_outputs = [output_root / o for item in previous.values() for o in item.outputs]
    articles, ignored = find_articles(
        input_root, output_root, glob=glob, exclude=own_outputs, suffixes=input_suffixes(formats)
    )
    for a in articles:
        if a.size <= MAX_PDF_BYTES:
            a.sha256 = sha256_article(a)

    done: dict[str, BatchItem] = {}
    pending: list[Article] = []
    for a in articles:
        old = previous.get(a.rel)
        if not force and is_complete(old, a, output_root, formats, mode, settings):
            old.skipped = True
            done[a.rel] = old
        else:
            pending.append(a)
    result = BatchResult(items=[], total=len(articles), seconds=0.0, ignored=ignored, manifest=manifest)
    log.info("%d articles, %d already done, %d to process", len(articles), len(done), len(pending))
    progress.start(len(articles), len(done))
    recorder = _Recorder(manifest, progress, done)
    try:
        engine.run(make_groups(pending, group_size, group_chars), recorder)
    except KeyboardInterrupt as e:
        result.items = [done[a.rel] for a in articles if a.rel in done]
        result.interrupted = True
        result.seconds = time.perf_counter() - started
        _write_index(output_root, formats, result.items)
        raise BatchInterrupted(result) from e
    finally:
        latest = read_manifest(manifest)
        with contextlib.suppress(OSError):
            compact_manifest(manifest, latest)
    result.items = [done[a.rel] for a in articles]
    result.seconds = time.perf_counter() - started
    _write_index(output_root, formats, result.items)
    return result


def _write_index(output_root: Path, formats: Sequence[str], items: list[BatchItem]) -> None:
    """OUTPUT_DIR/index.html with --formats html: every article done so far (this run or an earlier
    one), its status and counts, and a link to its page; written by the driver only, atomically."""
    if "html" not in formats:
        return
    from ..output.html import render_batch_index

    rows = [
        {
            "path": item.path,
            "title": item.title,
            "status": item.status,
            "numbers": item.numbers_checked if item.status != "error" else None,
            "problems": item.problems if item.status != "error" else None,
            "repaired": item.repaired if item.status != "error" else None,
            "link": item.path + FORMAT_SUFFIXES["html"] if item.status != "error" else None,
            "error": item.error,
        }
        for item in items
    ]
    with interrupts_deferred():
        write_atomic(output_root / INDEX_NAME, render_batch_index(rows))
