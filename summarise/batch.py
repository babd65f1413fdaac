"""Batch mode: every article under a folder, models loaded once, sentences batched across articles.

Articles are processed in small groups (a few documents per `translate_documents` / `make_briefs`
call): big enough that the model sees full batches of sentences from several articles, small enough
that progress and resumption stay fine-grained. Each finished article's outputs are written
atomically right away and then recorded by one appended line in ``OUTPUT_DIR/manifest.jsonl``, so a
kill at any moment (even SIGKILL) loses at most the group in flight, and a rerun skips every article
whose outputs are complete and whose input is unchanged.

One bad article (empty, binary, undecodable, too big, a broken PDF, or one that trips the engine)
is recorded as an ``error`` and the batch goes on.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import json
import logging
import os
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .errors import InputError, SummariseError
from .fileio import append_line, write_atomic

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".pdf")
FORMAT_SUFFIXES = {"json": ".json", "markdown": ".md", "text": ".txt"}
DEFAULT_FORMATS = ("json", "markdown")
MANIFEST_NAME = "manifest.jsonl"
LOCK_NAME = ".summarise-batch.lock"

# Limits that turn a runaway input into an `error` line instead of hours of work or an OOM.
MAX_TEXT_BYTES = 2_000_000  # a long news article is ~30 kB; 2 MB of text is a book, not an article
MAX_PDF_BYTES = 50_000_000
MAX_CHARS = 2_000_000

STATUSES = ("ok", "checks_failed", "error")
DONE_STATUSES = ("ok", "checks_failed")  # an `error` is always retried on a rerun


@dataclass
class Article:
    """An input file found under INPUT_DIR."""

    path: Path  # where to read it (inside INPUT_DIR)
    rel: str  # POSIX path relative to INPUT_DIR: the article's name in the manifest and OUTPUT_DIR
    size: int
    sha256: str | None = None  # None when too big to be worth hashing (it is an error anyway)


@dataclass
class BatchItem:
    """What happened to one article; one manifest line."""

    path: str
    sha256: str | None
    status: str  # ok | checks_failed | error
    numbers_checked: int = 0
    problems: int = 0
    seconds: float = 0.0
    error: str | None = None
    outputs: list[str] = field(default_factory=list)  # relative to OUTPUT_DIR
    mode: str = "brief"  # brief | translation
    settings: str = ""  # fingerprint of models and settings: a change redoes the article
    finished: str = ""  # ISO time
    skipped: bool = False  # done by an earlier run; not part of the manifest line

    def to_manifest(self) -> dict:
        data = asdict(self)
        del data["skipped"]
        return data

    @classmethod
    def from_manifest(cls, data: dict) -> BatchItem:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "skipped"}
        return cls(**known)


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

    def article_done(self, item: BatchItem) -> None:
        """One article finished (any status)."""


# --- finding articles --------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _glob_variants(pattern: str) -> list[str]:
    """fnmatch's `*` already crosses folders; `**/` must also match no folder at all ("2026/**/*.txt")."""
    if "**/" not in pattern:
        return [pattern]
    head, _, tail = pattern.partition("**/")
    rest = _glob_variants(tail)
    return [head + r for r in rest] + [head + "*/" + r for r in rest]


def _matches(rel: str, pattern: str | None) -> bool:
    if not pattern:
        return True
    # Either the path below INPUT_DIR ("2024/*.txt") or the file name ("*.pdf") may match.
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in _glob_variants(pattern))


def find_articles(
    input_dir: Path, output_dir: Path | None = None, *, glob: str | None = None, exclude: Sequence[Path] = ()
) -> tuple[list[Article], list[tuple[str, str]]]:
    """Articles (txt, md, pdf) under `input_dir`, recursively, in path order, and the paths ignored.

    Hidden files and folders are skipped, symlinked folders are not followed (no loops, no escapes),
    symlinked files are read only when they point inside `input_dir`, and `output_dir` (when it sits
    inside `input_dir`), the output folders of other batch runs and the files in `exclude` are never
    read as input.
    """
    root = Path(input_dir).resolve()
    out = Path(output_dir).resolve() if output_dir is not None else None
    excluded = {Path(p).resolve() for p in exclude}
    articles: list[Article] = []
    ignored: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            sub = here / name
            if name.startswith("."):
                continue
            if sub.is_symlink():
                ignored.append((sub.relative_to(root).as_posix(), "symlinked folder not followed"))
                continue
            if out is not None and sub.resolve() == out:
                continue  # our own outputs are not articles
            if (sub / LOCK_NAME).exists():
                ignored.append((sub.relative_to(root).as_posix(), "output folder of another batch run"))
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            rel = path.relative_to(root).as_posix()
            if not _matches(rel, glob):
                continue
            target = path.resolve()
            if path.is_symlink():
                if not target.is_relative_to(root) or (out is not None and target.is_relative_to(out)):
                    ignored.append((rel, "symlink to a file outside INPUT_DIR"))
                    continue
                if not target.is_file():
                    ignored.append((rel, "symlink to nothing"))
                    continue
            if target in excluded:
                continue
            try:
                size = target.stat().st_size
            except OSError as e:
                ignored.append((rel, f"cannot be read: {e.strerror or e}"))
                continue
            articles.append(Article(path=path, rel=rel, size=size))
    return articles, ignored


def output_path(output_root: Path, rel: str, fmt: str) -> Path:
    """Where an article's output in `fmt` goes: OUTPUT_DIR/<rel><suffix>, never outside OUTPUT_DIR."""
    parts = Path(rel).parts
    if not rel or Path(rel).is_absolute() or ".." in parts or any(p.startswith("/") for p in parts):
        raise InputError(f"{rel}: output path would leave OUTPUT_DIR")
    path = output_root / (rel + FORMAT_SUFFIXES[fmt])
    # A folder inside OUTPUT_DIR may itself be a symlink to elsewhere: check where it really leads.
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    if not parent.resolve().is_relative_to(output_root.resolve()):
        raise InputError(f"{rel}: output folder {parent} leads outside OUTPUT_DIR (a symlink?)")
    return path


# --- the manifest ------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, BatchItem]:
    """The last complete entry per article. A partial last line (killed mid-write) or a line that is
    not a valid entry is ignored, never fatal."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return {}
    entries: dict[str, BatchItem] = {}
    lines = data.split(b"\n")
    for raw in lines[:-1]:  # what follows the last newline is empty or a line cut short
        try:
            obj = json.loads(raw)
            item = BatchItem.from_manifest(obj)
        except (ValueError, TypeError):
            continue
        if isinstance(item.path, str) and item.status in STATUSES:
            entries[item.path] = item
    return entries


def _manifest_text(entries: dict[str, BatchItem]) -> str:
    return "".join(json.dumps(entries[k].to_manifest(), ensure_ascii=False) + "\n" for k in sorted(entries))


def compact_manifest(path: Path, entries: dict[str, BatchItem]) -> None:
    """Rewrite the manifest as exactly one line per article (a run appends; reruns leave duplicates)."""
    text = _manifest_text(entries)
    try:
        if Path(path).read_text(encoding="utf-8") == text:
            return
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    write_atomic(path, text)


def _output_valid(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if path.suffix == ".json":
        try:
            return isinstance(json.loads(text), dict)
        except ValueError:
            return False
    return bool(text.strip())


def is_complete(
    item: BatchItem | None, article: Article, output_root: Path, formats: Sequence[str], mode: str, settings: str
) -> bool:
    """True when an earlier run finished `article` with these settings and its outputs are all there."""
    if item is None or item.status not in DONE_STATUSES or item.sha256 != article.sha256:
        return False
    if item.mode != mode or item.settings != settings:
        return False
    wanted = {article.rel + FORMAT_SUFFIXES[f] for f in formats}
    if not wanted.issubset(item.outputs):
        return False
    return all(_output_valid(output_root / rel) for rel in wanted)


@contextlib.contextmanager
def _exclusive(output_root: Path) -> Iterator[None]:
    """Two batches writing into the same OUTPUT_DIR would interleave the manifest: refuse the second."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the user keeps runs apart
        yield
        return
    fd = os.open(output_root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"another `summarise batch` is writing to {output_root}; wait for it to finish") from None
        yield
    finally:
        os.close(fd)


# --- processing --------------------------------------------------------------------------------


def settings_fingerprint(mode: str, translator, summariser=None) -> str:
    """A short hash of everything that changes an article's output: models, revisions, settings."""

    def describe(obj):
        if obj is None:
            return None
        sig = getattr(obj, "signature", None)
        return sig() if callable(sig) else type(obj).__name__

    blob = json.dumps(
        {"mode": mode, "translation": describe(translator), "summary": describe(summariser)},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _read_article(article: Article):
    from .ingest import read_document

    limit = MAX_PDF_BYTES if article.path.suffix.lower() == ".pdf" else MAX_TEXT_BYTES
    if article.size > limit:
        raise InputError(f"too big for an article ({article.size:,} bytes, limit {limit:,})")
    if article.size == 0:
        raise InputError("empty file")
    doc = read_document(article.path)
    if not doc.blocks or not doc.text.strip():
        raise InputError("no text found")
    if len(doc.text) > MAX_CHARS:
        raise InputError(f"too much text for an article ({len(doc.text):,} characters, limit {MAX_CHARS:,})")
    return doc


def _error_message(e: BaseException, article: Article | None = None) -> str:
    if not isinstance(e, SummariseError):
        return f"internal error: {type(e).__name__}: {e}"
    message = str(e)
    if article is not None:
        # Ingestion names the file it refuses; the manifest line already does.
        for name in (str(article.path), str(article.path.resolve())):
            if message.startswith(name):
                return message[len(name) :].lstrip(": ") or message
    return message


def _check_counts(result) -> tuple[int, int, bool]:
    """(numbers checked, problems, passed) of a Translation or a Brief."""
    translation = getattr(result, "translation", result)
    numbers = sum(len(b.check.source_numbers) for b in translation.blocks)
    problems = sum(len(b.check.problems) for b in translation.blocks)
    summary_check = getattr(result, "summary_check", None)
    if summary_check is not None:
        problems += len(summary_check.problems)
    return numbers, problems, bool(result.passed)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT / SIGTERM for the few statements inside; they take effect right after."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _count_sentences(docs: list) -> int:
    """Sentences the engine will translate (about: it splits overlong ones further), for the progress bar."""
    try:
        from .sentences import split_sentences

        return sum(len(split_sentences(b.text)) for d in docs for b in d.blocks)
    except Exception:  # only a progress estimate: never let it stop the batch
        return sum(len(d.blocks) for d in docs)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Runner:
    """One batch run's state: where things go and how articles are turned into outputs."""

    def __init__(self, output_root, formats, translator, summariser, settings, progress, manifest, done):
        self.output_root = output_root
        self.formats = formats
        self.translator = translator
        self.summariser = summariser
        self.mode = "translation" if summariser is None else "brief"
        self.settings = settings
        self.progress = progress
        self.manifest = manifest
        self.done = done  # path -> BatchItem of every article finished (or skipped) so far

    def _item(self, article: Article, **kw) -> BatchItem:
        return BatchItem(path=article.rel, sha256=article.sha256, mode=self.mode, settings=self.settings, **kw)

    def _on_sentences(self, n: int) -> None:
        self.progress.sentences(n)  # the engine reports model inputs (sentences) as they finish

    def _model(self, docs: list) -> list:
        if self.summariser is None:
            return self.translator.translate_documents(docs, progress=self._on_sentences)
        from .brief import make_briefs

        return make_briefs(docs, self.translator, self.summariser, progress=self._on_sentences)

    def _render(self, result, fmt: str) -> str:
        from . import render

        if self.summariser is None:
            return render.render_translation(result, fmt)
        return render.render_brief(result, fmt)

    def record(self, item: BatchItem) -> None:
        item.finished = _now()
        # The manifest line and the in-memory result must agree when Ctrl-C lands right here.
        with _interrupts_deferred():
            append_line(self.manifest, json.dumps(item.to_manifest(), ensure_ascii=False))
            self.done[item.path] = item
        if item.status == "error":  # the caller reports errors; the log has them for -v
            log.info("%s: error: %s", item.path, item.error)
        else:
            log.info("%s: %s (%d numbers checked, %d problems)", item.path, item.status, item.numbers_checked, item.problems)
        self.progress.article_done(item)

    def _finish(self, article: Article, result, seconds: float) -> BatchItem:
        t0 = time.perf_counter()
        try:
            numbers, problems, passed = _check_counts(result)
            outputs = []
            for fmt in self.formats:
                text = self._render(result, fmt)
                if not text.endswith("\n"):
                    text += "\n"
                write_atomic(output_path(self.output_root, article.rel, fmt), text)
                outputs.append(article.rel + FORMAT_SUFFIXES[fmt])
        except Exception as e:
            log.debug("%s: writing outputs failed", article.rel, exc_info=True)
            return self._item(article, status="error", error=_error_message(e), seconds=round(seconds, 3))
        return self._item(
            article,
            status="ok" if passed else "checks_failed",
            numbers_checked=numbers,
            problems=problems,
            seconds=round(seconds + time.perf_counter() - t0, 3),
            outputs=outputs,
        )

    def run_group(self, articles: list[Article]) -> None:
        docs, ready, read_seconds = [], [], []
        for article in articles:
            t0 = time.perf_counter()
            try:
                doc = _read_article(article)
            except Exception as e:  # a broken PDF raises whatever its parser raises
                log.debug("%s: reading failed", article.rel, exc_info=True)
                self.record(self._item(article, status="error", error=_error_message(e, article),
                                       seconds=round(time.perf_counter() - t0, 3)))
                continue
            docs.append(doc)
            ready.append(article)
            read_seconds.append(time.perf_counter() - t0)
        if not docs:
            return
        self.progress.group(len(docs), _count_sentences(docs))
        t0 = time.perf_counter()
        try:
            results = self._model(docs)
        except Exception:
            # One article tripped the engine: redo the group one by one so only that one fails.
            log.debug("group failed; retrying its articles one by one", exc_info=True)
            for article, doc, rs in zip(ready, docs, read_seconds, strict=True):
                t1 = time.perf_counter()
                try:
                    [result] = self._model([doc])
                except Exception as e:
                    log.debug("%s: failed", article.rel, exc_info=True)
                    item = self._item(article, status="error", error=_error_message(e),
                                      seconds=round(rs + time.perf_counter() - t1, 3))
                else:
                    item = self._finish(article, result, rs + time.perf_counter() - t1)
                self.record(item)
            return
        # The model time is shared: each article is charged by its share of the group's text.
        model_seconds = time.perf_counter() - t0
        chars = [max(1, len(d.text)) for d in docs]
        for article, result, rs, c in zip(ready, results, read_seconds, chars, strict=True):
            self.record(self._finish(article, result, rs + model_seconds * c / sum(chars)))


def _groups(articles: list[Article], size: int, max_chars: int) -> Iterator[list[Article]]:
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


def _remove_stale_temp_files(output_root: Path) -> None:
    """A SIGKILL in the middle of write_atomic leaves its hidden temp file; the lock says no one else
    is writing here, so any left are litter from a killed run."""
    for dirpath, _dirs, files in os.walk(output_root, followlinks=False):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))


def _prepare_output(input_root: Path, output_dir: Path) -> Path:
    output_dir = Path(output_dir)
    if output_dir.exists() and not output_dir.is_dir():
        raise InputError(f"OUTPUT_DIR {output_dir} exists and is not a folder")
    if output_dir.resolve() == input_root:
        raise InputError("OUTPUT_DIR must be a different folder from INPUT_DIR (outputs would be read as articles)")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"cannot create OUTPUT_DIR {output_dir}: {e.strerror or e}") from e
    return output_dir.resolve()


def run_batch(
    input_dir: str | Path,
    output_dir: str | Path,
    *,
    translator,
    summariser=None,
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
    bytes of input) go through the model together. Raises InputError for bad arguments and
    BatchInterrupted (a KeyboardInterrupt carrying the partial result) on Ctrl-C.
    """
    started = time.perf_counter()
    progress = progress or BatchProgress()
    input_root = Path(input_dir)
    if not input_root.is_dir():
        raise InputError(f"INPUT_DIR {input_dir} is not a folder" if input_root.exists() else f"INPUT_DIR {input_dir} does not exist")
    input_root = input_root.resolve()
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMAT_SUFFIXES]
    if unknown or not formats:
        raise InputError(f"unknown format {', '.join(unknown) or '(none)'}: choose from {', '.join(FORMAT_SUFFIXES)}")
    if group_size < 1:
        raise InputError("the group size must be at least 1")
    output_root = _prepare_output(input_root, Path(output_dir))
    manifest = output_root / MANIFEST_NAME
    mode = "translation" if summariser is None else "brief"
    settings = settings_fingerprint(mode, translator, summariser)

    with _exclusive(output_root):
        previous = read_manifest(manifest)
        compact_manifest(manifest, previous)  # drops duplicates and any line a kill cut short
        _remove_stale_temp_files(output_root)
        own_outputs = [output_root / o for item in previous.values() for o in item.outputs]
        articles, ignored = find_articles(input_root, output_root, glob=glob, exclude=own_outputs)
        for a in articles:
            if a.size <= MAX_PDF_BYTES:
                a.sha256 = sha256_file(a.path)

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
        runner = _Runner(output_root, formats, translator, summariser, settings, progress, manifest, done)
        try:
            for group in _groups(pending, group_size, group_chars):
                runner.run_group(group)
        except KeyboardInterrupt as e:
            result.items = [done[a.rel] for a in articles if a.rel in done]
            result.interrupted = True
            result.seconds = time.perf_counter() - started
            raise BatchInterrupted(result) from e
        finally:
            latest = read_manifest(manifest)
            with contextlib.suppress(OSError):
                compact_manifest(manifest, latest)
        result.items = [done[a.rel] for a in articles]
        result.seconds = time.perf_counter() - started
        return result
