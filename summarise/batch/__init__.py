"""Batch mode: every article under a folder, models loaded once, sentences batched across articles.

Articles are processed in small groups (a few documents per `translate_documents` / `make_briefs`
call): big enough that the model sees full batches of sentences from several articles, small enough
that progress and resumption stay fine-grained. Each finished article's outputs are written
atomically right away and then recorded by one appended line in ``OUTPUT_DIR/manifest.jsonl``, so a
kill at any moment (even SIGKILL) loses at most the groups in flight, and a rerun skips every article
whose outputs are complete and whose input is unchanged.

One bad article (empty, binary, undecodable, too big, a broken PDF, or one that trips the engine)
is recorded as an ``error`` and the batch goes on.

- `articles`: finding and reading articles (also used by `summarise regress`);
- `outputs`: OUTPUT_DIR layout, path safety, the lock;
- `manifest`: the manifest (read, append, compact, what a rerun may skip);
- `worker`: a group of articles through loaded models into outputs, reported as events;
- `runner`: `run_batch` and the engine interface, with `LocalEngine` (models in this process);
- `ray_engine`: `RayEngine`, a pool of Ray actors (optional: ``pip install 'summarise[ray]'``).
"""

from __future__ import annotations

from ..fileio import sha256_file
from .articles import (
    ARTICLE_SUFFIXES,
    MAX_CHARS,
    MAX_PDF_BYTES,
    MAX_TEXT_BYTES,
    Article,
    find_articles,
)
from .manifest import (
    DONE_STATUSES,
    MANIFEST_NAME,
    STATUSES,
    BatchItem,
    compact_manifest,
    is_complete,
    read_manifest,
)
from .outputs import BATCH_FORMATS, DEFAULT_FORMATS, FORMAT_SUFFIXES, LOCK_NAME, output_path
from .outputs import exclusive as _exclusive
from .runner import BatchInterrupted, BatchProgress, BatchResult, Engine, LocalEngine, run_batch
from .worker import settings_fingerprint

__all__ = [
    "ARTICLE_SUFFIXES", "BATCH_FORMATS", "DEFAULT_FORMATS", "DONE_STATUSES", "FORMAT_SUFFIXES", "LOCK_NAME", "MANIFEST_NAME",
    "MAX_CHARS", "MAX_PDF_BYTES", "MAX_TEXT_BYTES", "STATUSES", "Article", "BatchInterrupted", "BatchItem",
    "BatchProgress", "BatchResult", "Engine", "LocalEngine", "RayEngine", "_exclusive", "compact_manifest",
    "find_articles", "is_complete", "output_path", "read_manifest", "run_batch", "settings_fingerprint",
    "sha256_file",
]  # fmt: skip


def __getattr__(name: str):
    # RayEngine only on demand: importing summarise.batch must not need (or import) Ray.
    if name == "RayEngine":
        from .ray_engine import RayEngine

        return RayEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
