"""Turning a group of articles into outputs with models already loaded: the work both engines share.

A `GroupWorker` reads a group's articles, runs them through the models together (sentences batched
across articles), writes each article's outputs atomically and reports what happened as events:
`GroupStarted`, `SentencesDone`, `ArticleDone`. It never touches the manifest: only the driver
records, so the local engine (events handled in the same process) and the Ray engine (events
streamed back from a worker process) produce the same manifest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path

from ..errors import SummariseError
from ..fileio import write_atomic
from .articles import Article, read_article
from .manifest import BatchItem
from .outputs import FORMAT_SUFFIXES, output_name, output_path, roundtrip_format, roundtrip_name

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GroupStarted:
    """A group of `articles` is about to be translated: `sentences` model inputs (estimated)."""

    articles: int
    sentences: int


@dataclass(frozen=True)
class SentencesDone:
    n: int


@dataclass(frozen=True)
class SentencesQueued:
    """`n` model inputs more than the group's estimate are about to run (repair retries)."""

    n: int


@dataclass(frozen=True)
class ArticleDone:
    """One article finished (any status); its outputs, if any, are complete on disk."""

    item: BatchItem


Event = GroupStarted | SentencesDone | SentencesQueued | ArticleDone
Emit = Callable[[Event], None]
_END = object()  # the end of an engine's results


class _WrongCount(RuntimeError):
    """The engine answered a group with a different number of results than articles."""


class _SentenceEvents:
    """The engine's progress callback inside a worker: finished and queued inputs become events."""

    def __init__(self, emit: Emit):
        self.emit = emit

    def __call__(self, n: int) -> None:
        self.emit(SentencesDone(n))

    def queued(self, n: int) -> None:
        self.emit(SentencesQueued(n))


def _without_threads(value):
    if isinstance(value, dict):
        return {k: _without_threads(v) for k, v in value.items() if k != "threads"}
    if isinstance(value, list | tuple):
        return [_without_threads(v) for v in value]
    return value


def settings_fingerprint(mode: str, translator, summariser=None) -> str:
    """A short hash of everything that changes an article's output: models, revisions, settings.

    Thread counts are left out: they change the speed, not the output, and a run with `--threads 2`
    here and one with `--threads-per-worker 1` on Ray must be able to resume each other.
    """

    def describe(obj):
        if obj is None:
            return None
        sig = getattr(obj, "signature", None)
        return _without_threads(sig()) if callable(sig) else type(obj).__name__

    blob = json.dumps(
        {"mode": mode, "translation": describe(translator), "summary": describe(summariser)},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def error_message(e: BaseException, article: Article | None = None) -> str:
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


def _title(result) -> str:
    """The English headline of a Brief, else the translated title block of a Translation."""
    headline = getattr(result, "headline", None)
    if headline:
        return " ".join(headline.split())
    blocks = getattr(result, "translation", result).blocks
    return next((" ".join(b.translation.split()) for b in blocks if b.kind == "title"), "")


class GroupWorker:
    """Loaded models plus where their outputs go; `run_group` does one group of articles."""

    def __init__(self, translator, summariser, output_root: Path, formats: Sequence[str]):
        self.translator = translator
        self.summariser = summariser
        self.output_root = Path(output_root)
        self.formats = tuple(formats)
        self.mode = "translation" if summariser is None else "brief"
        self.settings = settings_fingerprint(self.mode, translator, summariser)

    def item(self, article: Article, **kw) -> BatchItem:
        return BatchItem(path=article.rel, sha256=article.sha256, mode=self.mode, settings=self.settings, **kw)

    def _model(self, docs: list, emit: Emit) -> Iterable:
        """One result per document, in order, each as soon as the engine has finished it (checked and
        repaired; for briefs also summarised), so its article is written and counted done at once."""
        on_sentences = _SentenceEvents(emit)  # the engine reports model inputs (sentences) as they finish
        if self.summariser is None:
            each = getattr(self.translator, "iter_documents", None)  # a translator double may only have the list
            if each is None:
                return self.translator.translate_documents(docs, progress=on_sentences)
            return each(docs, progress=on_sentences)
        from ..briefing.brief import iter_briefs

        return iter_briefs(docs, self.translator, self.summariser, progress=on_sentences)

    def _render(self, result, fmt: str) -> str:
        from ..output import render

        if self.summariser is None:
            return render.render_translation(result, fmt)
        return render.render_brief(result, fmt)

    def _roundtrip(self, article: Article, own: str, fmt: str, counts: tuple[int, int, bool]) -> tuple[int, int, bool]:
        """Write the article back in its own format (and its report beside it); the counts then add the
        round trip's own checks (its units are the document's runs, not the ingested blocks)."""
        from ..output.writers import report_path_for, translate_document_bytes

        result = translate_document_bytes(
            article.path.read_bytes(), self.translator, own, name=article.rel, source=article.rel,
            suffix=article.path.suffix,
        )  # fmt: skip
        path = output_path(self.output_root, article.rel, fmt, roundtrip=True)
        result.report.output = roundtrip_name(article.rel)
        write_atomic(path, result.data)
        report = result.report.to_dict()
        write_atomic(report_path_for(path), json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
        numbers, problems, passed = counts
        return numbers, problems + len(report["problems"]), passed and report["passed"]

    def _finish(self, article: Article, result, seconds: float) -> BatchItem:
        t0 = time.perf_counter()
        try:
            numbers, problems, passed = _check_counts(result)
            outputs = []
            for fmt in self.formats:
                if fmt in FORMAT_SUFFIXES:
                    text = self._render(result, fmt)
                    if not text.endswith("\n"):
                        text += "\n"
                    write_atomic(output_path(self.output_root, article.rel, fmt), text)
                    outputs.append(output_name(article.rel, fmt))
                own = roundtrip_format(article.rel, fmt)
                # One round trip per article however many formats ask for it (html,roundtrip).
                if own is not None and roundtrip_name(article.rel) not in outputs:
                    numbers, problems, passed = self._roundtrip(article, own, fmt, (numbers, problems, passed))
                    outputs.append(roundtrip_name(article.rel))
        except Exception as e:
            log.debug("%s: writing outputs failed", article.rel, exc_info=True)
            return self.item(article, status="error", error=error_message(e), seconds=round(seconds, 3))
        return self.item(
            article,
            status="ok" if passed else "checks_failed",
            numbers_checked=numbers,
            problems=problems,
            seconds=round(seconds + time.perf_counter() - t0, 3),
            outputs=outputs,
            title=_title(result),
            repaired=sum(1 for b in getattr(result, "translation", result).blocks if getattr(b, "repair", None)),
        )

    def run_group(self, articles: list[Article], emit: Emit) -> None:
        docs, ready, read_seconds = [], [], []
        for article in articles:
            t0 = time.perf_counter()
            try:
                doc = read_article(article)
            except Exception as e:  # a broken PDF raises whatever its parser raises
                log.debug("%s: reading failed", article.rel, exc_info=True)
                emit(ArticleDone(self.item(article, status="error", error=error_message(e, article),
                                           seconds=round(time.perf_counter() - t0, 3))))  # fmt: skip
                continue
            docs.append(doc)
            ready.append(article)
            read_seconds.append(time.perf_counter() - t0)
        if not docs:
            return
        finished: set[str] = set()

        def done(item: BatchItem) -> None:
            emit(ArticleDone(item))
            finished.add(item.path)

        try:
            self._run_models(ready, docs, read_seconds, emit, done)
        except Exception as e:
            # Whatever failed outside the per-article guards (the progress estimate, a result missing
            # from the engine's answer) fails this group's unfinished articles, never the whole batch.
            log.debug("group failed outside its articles", exc_info=True)
            for article in ready:
                if article.rel not in finished:
                    done(self.item(article, status="error", error=error_message(e)))

    def _run_models(self, ready: list[Article], docs: list, read_seconds: list[float], emit: Emit, done) -> None:
        from ..translation.engine import estimate_documents

        emit(GroupStarted(len(docs), estimate_documents(docs)))  # counted as translate and brief count
        t0 = time.perf_counter()
        # The model time up to the first result (the group's sentences, translated together) is shared:
        # each article is charged by its share of the group's text, plus its own time after that.
        chars = [max(1, len(d.text)) for d in docs]
        shared, last, finished = 0.0, t0, 0
        try:
            results = self._model(docs, emit)
            if isinstance(results, Sized) and len(results) != len(docs):  # checked before any is written
                raise _WrongCount(f"the engine answered {len(docs)} articles with {len(results)} results")
            results = iter(results)
        except _WrongCount:
            raise
        except Exception:
            self._one_by_one(ready, docs, read_seconds, emit, done)
            return
        while True:
            try:
                result = next(results, _END)
            except Exception:
                # This article (or the group's shared work) tripped the engine: the finished articles
                # stand; the rest are redone one by one, so only the one at fault fails.
                self._one_by_one(ready[finished:], docs[finished:], read_seconds[finished:], emit, done)
                return
            if result is _END:
                break
            if finished == len(docs):  # a result must never land on another article
                raise _WrongCount(f"the engine answered {len(docs)} articles with more results")
            now = time.perf_counter()
            if not finished:
                shared = now - t0
            seconds = read_seconds[finished] + shared * chars[finished] / sum(chars) + (now - last if finished else 0.0)
            done(self._finish(ready[finished], result, seconds))
            finished, last = finished + 1, now
        if finished != len(docs):
            raise _WrongCount(f"the engine answered {len(docs)} articles with {finished} results")

    def _one_by_one(self, ready: list[Article], docs: list, read_seconds: list[float], emit: Emit, done) -> None:
        """One article tripped the engine: redo these articles one by one so only that one fails."""
        log.debug("group failed; retrying its %d unfinished articles one by one", len(ready), exc_info=True)
        for article, doc, rs in zip(ready, docs, read_seconds, strict=True):
            t1 = time.perf_counter()
            try:
                [result] = list(self._model([doc], emit))
            except Exception as e:
                log.debug("%s: failed", article.rel, exc_info=True)
                item = self.item(article, status="error", error=error_message(e),
                                 seconds=round(rs + time.perf_counter() - t1, 3))  # fmt: skip
            else:
                item = self._finish(article, result, rs + time.perf_counter() - t1)
            done(item)
