"""Test doubles for batch mode, and a way to run the real CLI with them in a subprocess.

`UppercaseTranslatorDouble` stands in for `summarise.translation.engine.Translator`: its "translation" of a
block is the block upper-cased, instantly, so batch bookkeeping (manifest, resume, errors, signals)
can be tested quickly and deterministically. Tests of the real model path use the tiny Marian model.

Run as a script, this module is `summarise` with model finding and loading replaced by the double
(in Ray workers too; settings from environment variables), so the real CLI process can be killed
mid-run:

    python tests/batch_doubles.py batch IN OUT     # BATCH_DOUBLE_DELAY=0.3 seconds per article
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from summarise.checking.numbers import extract_german
from summarise.checking.report import CheckReport, Problem
from summarise.document import Document
from summarise.translation.engine import TranslatedBlock, Translation

FAIL_CHECKS_MARKER = "ZAHLENDREHER"  # a block containing it fails its number check
CRASH_MARKER = "ABSTURZ"  # a document containing it makes the double raise
INTERRUPT_MARKER = "UNTERBRECHUNG"  # ... raise KeyboardInterrupt, as Ctrl-C would
STALL_MARKER = "ZEITLUPE"  # ... hang (once: see `stall_file`), so a test can kill its worker process mid-article
FATAL_MARKER = "TODESSTOSS"  # ... SIGKILL its own process, every time (a worker that always dies on it)


class DoubleEngineError(RuntimeError):
    pass


class UppercaseTranslatorDouble:
    """Upper-cases each block; records which documents each `translate_documents` call got."""

    def __init__(self, *, delay: float = 0.0, name: str = "uppercase-double", stall_file: str | None = None):
        self.delay = delay  # seconds per document, to keep a subprocess busy long enough to kill
        self.name = name
        # STALL_MARKER: the first process to meet it writes its pid here and hangs; later ones (the
        # file exists) go on, as a retry on a healthy worker would.
        self.stall_file = stall_file
        self.calls: list[list[str]] = []  # file names per call

    def signature(self) -> dict:
        return {"model": self.name, "backend": "double"}

    @property
    def translated(self) -> list[str]:
        return [name for call in self.calls for name in call]

    def _block(self, kind: str, text: str) -> TranslatedBlock:
        numbers = extract_german(text)  # the real extractor: the double only fakes the translation
        problems = []
        if FAIL_CHECKS_MARKER in text:
            problems.append(Problem("missing", "the double dropped a number on purpose", source=text[:20]))
        return TranslatedBlock(kind, text, text.upper(), CheckReport(problems=problems, source_numbers=numbers))

    def translate_documents(self, docs: list[Document], progress=None) -> list[Translation]:
        if any(CRASH_MARKER in d.text for d in docs):
            raise DoubleEngineError("the double crashes on this article on purpose")
        if any(INTERRUPT_MARKER in d.text for d in docs):
            raise KeyboardInterrupt
        if any(FATAL_MARKER in d.text for d in docs):
            os.kill(os.getpid(), signal.SIGKILL)
        if self.stall_file and any(STALL_MARKER in d.text for d in docs):
            try:
                fd = os.open(self.stall_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            except FileExistsError:
                pass
            else:
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                time.sleep(60)  # until the test kills this process
        self.calls.append([Path(d.source).name if d.source else "?" for d in docs])
        out = []
        for d in docs:
            if self.delay:
                time.sleep(self.delay)
            blocks = [self._block(b.kind, b.text) for b in d.blocks]
            if progress is not None:
                progress(len(blocks))
            out.append(Translation(model=self.name, blocks=blocks, signature=self.signature(), source=d.source))
        return out

    def translate_document(self, doc: Document) -> Translation:
        return self.translate_documents([doc])[0]


def make_double(**kw) -> tuple[UppercaseTranslatorDouble, None]:
    """A model factory for RayEngine: runs in each worker process (functools.partial(make_double, ...))."""
    return UppercaseTranslatorDouble(**kw), None


def missing_models(name: str):
    """A model factory for RayEngine that fails in the worker as loading a model that is not there does."""
    from summarise.errors import ModelNotAvailable

    raise ModelNotAvailable(name)


def wait_for_manifest_lines(out: Path, n: int, proc, timeout: float = 60.0) -> None:
    """Until the batch `proc` (run with this module as its CLI) has recorded `n` articles in OUT's manifest."""
    from summarise.batch import MANIFEST_NAME

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (out / MANIFEST_NAME).read_text(encoding="utf-8").count("\n") >= n:
                return
        except FileNotFoundError:
            pass
        assert proc.poll() is None, "the batch ended before it could be signalled: " + (
            proc.stderr.read().decode() if proc.stderr else ""
        )
        time.sleep(0.02)
    raise AssertionError("the batch did not start")


def install_doubles(delay: float = 0.0) -> None:
    """Model finding and loading replaced by the double, in this process and in Ray workers it starts."""
    from summarise import loading, runtime
    from summarise.batch import ray_engine
    from summarise.models.hub import ResolvedModel

    def resolve_model(name, offline=None, **_):
        return ResolvedModel(str(name), Path(str(name)), "double")

    def load_models(rt):
        return loading.Models(UppercaseTranslatorDouble(delay=delay), None)

    def load_runtime(rt):  # shipped to each Ray worker with the runtime (pickled by value)
        return UppercaseTranslatorDouble(delay=delay), None

    runtime.resolve_model = resolve_model
    loading.load_models = load_models
    ray_engine.load_runtime = load_runtime


def _main() -> None:
    from summarise.cli import main

    install_doubles(float(os.environ.get("BATCH_DOUBLE_DELAY", "0")))
    sys.argv[0] = "summarise"
    main()


if __name__ == "__main__":
    _main()
