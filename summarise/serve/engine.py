"""The library behind every endpoint: models loaded once, shared by all requests.

One `Engine` per server process. The translation model sits behind a `BatchingBackend`, so concurrent
requests share model calls; each request thread gets its own `Translator` over that backend (a
Translator's translation cache holds an SQLite connection, which belongs to one thread). The summary
model runs one call at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..document import Block, Document
from ..translation.engine import Translator
from ..translation.results import Translation
from .batching import DEFAULT_WAIT, BatchingBackend
from .language import detect_language


@dataclass
class Engine:
    translator: Translator  # loaded once (loading.load_models); its backend is wrapped for batching
    summariser: object | None = None
    batch_wait: float = DEFAULT_WAIT
    max_batch: int | None = None
    on_batch: Callable[[int, int, float], None] | None = None

    def __post_init__(self):
        base = self.translator
        self.backend = BatchingBackend(
            base.backend, max_batch=self.max_batch or base.batch_size, wait=self.batch_wait, on_batch=self.on_batch
        )
        self._local = threading.local()
        self._summary_lock = threading.Lock()
        self.model_name = base.backend.model.name

    @classmethod
    def from_runtime(cls, runtime, **options) -> Engine:
        from ..models.loading import load_models

        translator, summariser = load_models(runtime)
        # A server keeps both models for its whole life: never free the translator before a summary.
        if summariser is not None and hasattr(getattr(summariser, "backend", None), "before_open"):
            summariser.backend.before_open = None
        return cls(translator, summariser, **options)

    def thread_translator(self) -> Translator:
        """This thread's Translator over the shared batching backend (settings and cache as loaded)."""
        translator = getattr(self._local, "translator", None)
        if translator is None:
            base = self.translator
            translator = Translator(
                self.backend,
                base.settings,
                batch_size=base.batch_size,
                cache=base.cache is not None,
                repair=base.repair,
                split_sentences=base.split_sentences,
                check=base._check,
            )
            self._local.translator = translator
        return translator

    @property
    def thread_plan(self) -> str | None:
        """How the translation model uses the cores (workers x threads each), where the backend plans it."""
        plan = getattr(self.translator.backend, "plan", None)
        return plan.label() if plan is not None else None

    def signature(self):
        return self.thread_translator().signature()

    # --- work ------------------------------------------------------------------------------------

    def translate_texts(self, texts: list[str]) -> list[Translation]:
        """Each text as its own document, one paragraph block per non-empty line (an API caller's
        line structure is kept: see `rejoin`); all texts' sentences go to the model together."""
        docs = [Document([Block("paragraph", line.strip()) for line in text.split("\n") if line.strip()]) for text in texts]
        return self.thread_translator().translate_documents(docs)

    def translate_document(self, doc: Document, progress=None) -> Translation:
        return self.thread_translator().translate_documents([doc], progress=progress)[0]

    def translate_stream(self, doc: Document, **options):
        return self.thread_translator().translate_stream(doc, **options)

    def brief(self, doc: Document, translation: Translation | None = None):
        """A Brief of `doc` (translating it unless `translation` is given)."""
        from ..briefing.brief import make_briefs

        if self.summariser is None:
            raise RuntimeError("this server has no summary model (start it with --summary-model)")
        translator = self.thread_translator()
        if translation is not None:
            translator = _Translated(translator, translation)
        with self._summary_lock:
            return make_briefs([doc], translator, self.summariser)[0]

    def detect(self, text: str) -> list[dict]:
        return detect_language(text)

    def close(self) -> None:
        self.backend.close()


def rejoin(text: str, translation: Translation) -> str:
    """`text` with each non-empty line replaced by its translation (blank lines and indentation kept)."""
    blocks = iter(translation.blocks)
    lines = []
    for line in text.split("\n"):
        if line.strip():
            lead = line[: len(line) - len(line.lstrip())]
            lines.append(lead + next(blocks).translation)
        else:
            lines.append(line)
    return "\n".join(lines)


class _Translated:
    """A Translator whose `translate_documents` returns a translation already made (a job's brief
    after its streamed translation); everything else is the real translator's."""

    def __init__(self, translator: Translator, translation: Translation):
        self._translator, self._translation = translator, translation

    def translate_documents(self, docs, progress=None):
        return [self._translation]

    def __getattr__(self, name):
        return getattr(self._translator, name)
