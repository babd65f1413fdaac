"""`summarise batch`: every article under a folder, with a progress bar and a final summary."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..batch import (
    BATCH_FORMATS,
    DEFAULT_FORMATS,
    BatchInterrupted,
    BatchProgress,
    BatchResult,
    find_articles,
    run_batch,
)
from ..errors import InputError
from ..fileio import check_output_dir
from ..ingest.source import SUFFIX_LIST
from ..language.english import plural
from ..progress import BatchCounts
from .app import EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, EXIT_INTERRUPTED, EXIT_OK, app, fail, handle_errors
from .options import RuntimeOptions, at_most, choice, with_runtime_options
from .progress import _columns
from .signals import sigterm_as_interrupt

log = logging.getLogger(__name__)

ENGINES = ("local", "ray")
DEFAULT_MAX_RETRIES = 2

EPILOG = """\
Examples:

  summarise batch articles/ briefs/          # a brief of every .txt, .md, .pdf, .html, .docx

  summarise batch articles/ out/ --translate-only --formats json,markdown,text

  summarise batch articles/ out/ --glob '2025/*.pdf' --model ./marian --offline

  summarise batch articles/ briefs/          # again after Ctrl-C: does the rest

  summarise batch /shared/in /shared/out --engine ray --ray-address auto --workers 8 --threads-per-worker 2

Writes OUTPUT_DIR/<path>.json and .md per article, and OUTPUT_DIR/manifest.jsonl
with one line per article (path, sha256, status, numbers checked, problems,
seconds, error, retries).

--engine ray runs the same work on a Ray cluster (pip install 'summarise\\[ray]'):
each worker loads the models once; outputs, manifest, resume and exit codes are
the same as with --engine local. On several nodes, INPUT_DIR and OUTPUT_DIR must
be on a shared file system at the same path everywhere.

Exit codes: 0 all ok, 1 some checks failed, 2 some articles failed or bad
arguments, 130 interrupted.
"""


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in formats if f not in BATCH_FORMATS]
    if unknown or not formats:
        raise InputError(
            f"unknown format {', '.join(unknown) or '(none)'} in --formats: use a comma-separated list of "
            f"{', '.join(BATCH_FORMATS)}"
        )
    return formats


class RichBatchProgress(BatchProgress):
    """Two bars on stderr: articles and sentences, each with its rate and ETA from finished work
    (`summarise.progress.BatchCounts` keeps them consistent)."""

    def __init__(self, console):
        from rich.progress import Progress, TextColumn

        self.counts = BatchCounts()
        self._progress = Progress(TextColumn("{task.description:<10}"), *_columns(), console=console, transient=True)
        self._tasks = {}

    def __enter__(self):
        self._progress.start()
        return self

    def __exit__(self, *exc):
        self._progress.stop()

    def _draw(self) -> None:
        for name, count in (("articles", self.counts.articles), ("sentences", self.counts.sentences)):
            if name not in self._tasks:
                self._tasks[name] = self._progress.add_task(name, total=None, count=count, unit=name)
            self._progress.update(self._tasks[name], total=count.total, completed=count.completed)

    def start(self, total: int, skipped: int) -> None:
        self.counts.start(total, skipped)
        self._draw()

    def group(self, articles: int, sentences: int) -> None:
        self.counts.group(articles, sentences)
        self._draw()

    def sentences(self, n: int) -> None:
        self.counts.sentences_done(n)
        self._draw()

    def queued(self, n: int) -> None:
        self.counts.queued(n)
        self._draw()

    def article_done(self, item) -> None:
        self.counts.article_done()
        self._draw()


def _print_summary(console, result: BatchResult, *, quiet: bool) -> None:
    errors = [i for i in result.items if i.status == "error"]
    if not quiet:
        from rich.table import Table

        table = Table(title=f"summarise batch: {result.done} of {result.total} articles", title_justify="left")
        table.add_column("")
        table.add_column("articles", justify="right")
        # The rows add up to the title's count: skipped articles keep their earlier status (ok or
        # checks_failed), so they are counted on their own row only, not again in the status rows.
        fresh = [i for i in result.items if not i.skipped]
        for label, status in (("ok", "ok"), ("checks failed", "checks_failed"), ("errors", "error")):
            table.add_row(label, str(sum(1 for i in fresh if i.status == status)))
        table.add_row("done earlier (skipped)", str(result.skipped))
        table.add_row("numbers checked", str(result.numbers_checked))
        processed = result.done - result.skipped
        rate = f" ({processed / result.seconds * 60:.1f} articles/min)" if processed and result.seconds > 0 else ""
        table.add_row("time", f"{result.seconds:.1f} s{rate}")
        console.print(table)
        for item in result.items:
            if item.status == "checks_failed" and not item.skipped:
                _line(console, f"checks failed: {item.path} ({plural(item.problems, 'problem')})")
        for path, why in result.ignored:
            _line(console, f"ignored: {path}: {why}")
        if result.manifest is not None:
            _line(console, f"manifest: {result.manifest}")
    for item in errors:
        _line(console, f"error: {item.path}: {item.error}")


def _print_workers(console, engine) -> None:
    """What each Ray worker process did: the pool's balance and its per-worker rate."""
    for name, articles, busy in engine.worker_stats():
        rate = f", {articles / busy * 60:.1f} articles/min while busy" if busy > 0 else ""
        _line(console, f"worker {name}: {plural(articles, 'article')}{rate}")


def _line(console, text: str) -> None:
    # One line per fact, never wrapped: scripts grep these.
    console.print(text, markup=False, highlight=False, soft_wrap=True)


@app.command(epilog=EPILOG)
@handle_errors
@with_runtime_options(summary=True)
def batch(
    input_dir: Annotated[Path, typer.Argument(help=f"Folder of German articles ({SUFFIX_LIST}), read recursively.")],
    output_dir: Annotated[Path, typer.Argument(help="Folder for the outputs and manifest.jsonl (created if missing).")],
    translate_only: Annotated[bool, typer.Option("--translate-only", help="Write translations instead of briefs.")] = False,
    formats: Annotated[str, typer.Option("--formats", help="Comma-separated output formats: json, markdown, text, html (each article's review page a.html.html, OUTPUT_DIR/index.html, and each HTML input back as HTML: a.en.html); docx: each Word input back as Word (a.en.docx); roundtrip: each Word, HTML or Markdown input back in its own format.")] = ",".join(DEFAULT_FORMATS),
    glob: Annotated[str | None, typer.Option("--glob", help="Only articles whose path below INPUT_DIR or file name matches: '*.pdf', '2025/**/*.txt'.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo every article, even those a previous run finished.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary table (errors are still listed).")] = False,
    group_size: Annotated[int, typer.Option("--group-size", min=1, callback=at_most("--group-size"), help="Articles translated together (sentences are batched across them).")] = 8,
    engine: Annotated[str, typer.Option("--engine", callback=choice(ENGINES, "--engine"), help="local (this process) | ray (a pool of Ray workers).")] = "local",
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="Ray cluster: auto (the cluster of this node), HOST:PORT or ray://HOST:10001 [default: start a local Ray instance].")
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, callback=at_most("--workers"), help="Ray workers (model replicas) [default: 1].")] = None,
    threads_per_worker: Annotated[int | None, typer.Option("--threads-per-worker", min=1, callback=at_most("--threads-per-worker"), help="CPU threads of each Ray worker [default: --threads, else 1].")] = None,
    gpus_per_worker: Annotated[float | None, typer.Option("--gpus-per-worker", min=0, callback=at_most("--gpus-per-worker"), help="GPUs of each Ray worker, fractions allowed [default: 0].")] = None,
    max_retries: Annotated[
        int | None, typer.Option("--max-retries", min=0, callback=at_most("--max-retries"), help=f"Times an article is retried on another Ray worker after its worker died [default: {DEFAULT_MAX_RETRIES}].")
    ] = None,
    *,
    options: RuntimeOptions,
) -> None:
    """Translate or brief every article in a folder, resumably.

    Models load once and sentences are batched across articles. A rerun skips the articles already done (same input, same models and settings) and finishes the rest; --force redoes everything. A bad article (empty, binary, undecodable, too big, a broken PDF) is recorded as an error and the batch goes on.
    """
    from rich.console import Console

    fmts = parse_formats(formats)
    # Check the folders before spending seconds on model loading.
    if not input_dir.is_dir():
        raise InputError(f"INPUT_DIR {input_dir} " + ("is not a folder" if input_dir.exists() else "does not exist"))
    check_output_dir(output_dir, inputs=[input_dir])  # not a folder, read-only, or the input folder itself
    from ..batch.outputs import input_suffixes

    articles, _ = find_articles(input_dir, output_dir, glob=glob, suffixes=input_suffixes(fmts))
    if not articles:
        what = f"matching {glob!r} " if glob else ""
        raise InputError(f"no articles {what}({SUFFIX_LIST}) found under {input_dir}")
    ray_options = {"--ray-address": ray_address, "--workers": workers, "--threads-per-worker": threads_per_worker,
                   "--gpus-per-worker": gpus_per_worker, "--max-retries": max_retries}  # fmt: skip
    if engine == "local" and any(v is not None for v in ray_options.values()):
        given = ", ".join(k for k, v in ray_options.items() if v is not None)
        raise InputError(f"{given} {'apply' if ',' in given else 'applies'} only to --engine ray")

    console = Console(stderr=True, highlight=False)
    if translate_only:
        options = dataclasses.replace(options, summary_model=None)
    if engine == "ray":
        from ..batch import ray_engine

        ray_engine.import_ray()  # before anything else: without Ray, one line and exit 2
        address = ray_address or os.environ.get("RAY_ADDRESS") or None
        if address is not None:  # an unreachable cluster: one line in seconds, before models are looked up
            ray_engine.probe_address(address)
        tpw = threads_per_worker or options.threads or 1
        gpus = gpus_per_worker or 0.0
        # The models are found once, here (a missing one fails before any worker starts); every
        # worker loads exactly this Runtime, with its own thread count and device.
        device = options.device if options.device != "auto" else ("cuda" if gpus else "cpu")
        runtime = dataclasses.replace(options, device="cpu").runtime().but(threads=tpw, device=device)
        models = {"engine": ray_engine.RayEngine(
            functools.partial(ray_engine.load_runtime, runtime),
            address=ray_address,
            workers=workers or 1,
            threads_per_worker=tpw,
            gpus_per_worker=gpus,
            max_retries=DEFAULT_MAX_RETRIES if max_retries is None else max_retries,
        )}  # fmt: skip
    else:
        translator, summariser = options.load()
        models = {"translator": translator, "summariser": summariser}
    show_progress = not quiet and sys.stderr.isatty()
    bar = RichBatchProgress(console) if show_progress else None
    try:
        with sigterm_as_interrupt(), bar or contextlib.nullcontext():
            result = run_batch(
                input_dir,
                output_dir,
                **models,
                formats=fmts,
                glob=glob,
                force=force,
                progress=bar,
                group_size=group_size,
            )
    except BatchInterrupted as e:
        _print_summary(console, e.result, quiet=True)
        raise fail(str(e), EXIT_INTERRUPTED) from None
    _print_summary(console, result, quiet=quiet)
    if engine == "ray" and not quiet:
        _print_workers(console, models["engine"])
    if result.errors:
        raise typer.Exit(EXIT_BAD_INPUT)
    raise typer.Exit(EXIT_CHECKS_FAILED if result.checks_failed else EXIT_OK)
