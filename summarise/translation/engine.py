"""The translation engine: documents in, checked and repaired translations out, over any Backend.

Pipeline: every block is split into sentences (summarise.language.sentences), a sentence longer than the
model's input limit into clause-sized pieces; the pieces of ALL blocks of ALL documents go to the
model together (deduplicated, cached, sorted by length, batched); translations are reassembled in
order; every block is checked (summarise.checking.checks) and a failing block goes through the repair loop
(summarise.translation.repair). The backend is only ever called from `Translator.run`.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from functools import lru_cache

from .. import __version__
from ..checking.report import CheckReport
from ..document import Document
from ..language.sentences import split_sentences, split_to_fit
from ..models.backends.base import DEFAULT_BEAMS, Backend, GenerationSettings
from ..models.hub import DEFAULT_TRANSLATION_MODEL
from ..models.runtime import Runtime
from ..progress import announce
from ..signature import Signature
from .repair import repair_blocks
from .results import TranslatedBlock, Translation
from .work import BlockWork, Unit

__all__ = [
    "STREAM_WINDOW", "BlockWork", "Translation", "TranslatedBlock", "Translator", "Unit", "estimate_documents", "estimate_inputs", "load_translator",
]

log = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with the number of model inputs just finished (cached ones too);
# one with a `queued(n)` method is also told of inputs added to the plan (repairs): see ..progress
Planned = Callable[[int], None]  # called with the current estimate of a document's model inputs

# Model inputs (sentences, or pieces of long ones) planned, translated, checked and repaired together
# when a document is streamed: enough for full, length-sorted batches on every backend (64 per call on
# CTranslate2), few enough that the window's sentences, outputs and check reports stay small.
STREAM_WINDOW = 512

# A cheap stand-in for the sentence splitter, for progress totals before a block is planned.
_SENTENCE_END = re.compile(r"""[.!?…][\"'“”„‘’»«)\]]*\s+(?=[\"„“‚‘»«(\[]*[A-ZÄÖÜ0-9])""")


def estimate_inputs(text: str) -> int:
    """About how many sentences `text` has (what the progress bar counts before a block is planned)."""
    return len(_SENTENCE_END.findall(text)) + 1 if text.strip() else 0


def estimate_documents(docs: Sequence[Document]) -> int:
    """About how many model inputs `docs` give: the sentence total every progress bar starts from
    (translate, brief, batch, regress), so they all count alike."""
    return sum(estimate_inputs(b.text) for doc in docs for b in doc.blocks)
Checker = Callable[..., CheckReport]  # check_translation(source, candidate, *, block=None)


def _default_checker() -> Checker:
    from ..checking.checks import check_translation

    return check_translation


class Translator:
    """Translates sentences and documents with one loaded backend, a cache and the repair loop.

    `split_sentences=False` sends a block whole when it fits (the repair loop then tries sentence
    by sentence first); `repair=False` only checks; `check` replaces the checker (tests, benchmarks).
    `glossary` (summarise.checking.terms.Glossary): its terms are protected by placeholders on the way
    to the model, replaced by their English term on the way back, and checked (kind `term`).
    """

    def __init__(
        self,
        backend: Backend,
        settings: GenerationSettings | None = None,
        *,
        batch_size: int | None = None,
        cache=True,
        repair: bool = True,
        split_sentences: bool = True,
        check: Checker | None = None,
        glossary=None,
    ):
        if batch_size is not None and batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.backend = backend
        self.settings = settings or GenerationSettings()
        self.batch_size = batch_size or backend.preferred_batch_size
        if cache is True:
            from .cache import TranslationCache

            cache = TranslationCache()
        self.cache = None if cache is None or cache is False else cache  # (an empty cache is falsy)
        self.repair = repair
        self.split_sentences = split_sentences
        self._check = check
        self.glossary = glossary or None  # an empty glossary is no glossary: outputs stay as without one
        self._lost: set[str] = set()  # inputs whose placeholders the model lost (retranslated without)
        self._checked: dict[tuple, CheckReport] = {}
        self.count_tokens = lru_cache(maxsize=65536)(backend.count_tokens)
        self.stats = {"generate_calls": 0, "generated": 0, "cache_hits": 0, "fallback_calls": 0}
        if self.glossary is not None:
            self.stats["placeholder_fallbacks"] = 0

    # --- what identifies the output -------------------------------------------------------------

    @classmethod
    def from_runtime(cls, runtime: Runtime, **options) -> Translator:
        """Load the runtime's translation model on its backend; `options` as for the constructor."""
        if runtime.translation_model is None:
            raise ValueError("the runtime has no translation model")
        options.setdefault("batch_size", runtime.batch_size)
        options.setdefault("cache", runtime.cache)
        options.setdefault("glossary", runtime.glossary)
        return cls(runtime.load_backend(runtime.translation_model), runtime.settings, **options)

    def signature(self) -> Signature:
        sig = Signature(self.backend.signature())
        versions = {"summarise": __version__, **sig.pop("versions", {})}
        return sig.but(
            beams=self.settings.beams,
            settings=asdict(self.settings),
            units="sentences" if self.split_sentences else "blocks",
            repair=self.repair,
            glossary=self.glossary.digest if self.glossary is not None else None,
            versions=versions,
        )

    def _namespace(self, settings: GenerationSettings, boost: tuple[str, ...] | None) -> str:
        signature = self.backend.bias_signature() if boost else self.backend.signature()
        # How the backend used its cores (threads) never changes an output: not part of the key.
        # A glossary is (only when there is one: keys without it stay as they always were).
        glossary = {"glossary": self.glossary.digest} if self.glossary is not None else {}
        return Signature(signature).without("threads").key(settings=settings.key(), boost=list(boost or ()), **glossary)

    def check(self, source: str, candidate: str, *, block: int | None = None) -> CheckReport:
        """The checker's verdict; memoised, because the repair loop asks about the same pairs again."""
        key = (source, candidate, block)
        report = self._checked.get(key)
        if report is None:
            if self._check is None:
                self._check = _default_checker()
            report = self._check(source, candidate, block=block)
            if self.glossary is not None:
                report.merge(self.glossary.check(source, candidate, block=block))
            if len(self._checked) > 4096:
                self._checked.clear()
            self._checked[key] = report
        return report

    # --- the one place inputs reach the model ---------------------------------------------------

    def fit(self, text: str) -> list[str]:
        """`text` as pieces that each fit the model's input limit (one piece when it fits)."""
        return split_to_fit(text, self.backend.max_input_tokens, self.count_tokens)

    def run(
        self,
        texts: Sequence[str],
        settings: GenerationSettings | None = None,
        *,
        boosts: Sequence[tuple[str, ...] | None] | None = None,
        progress: Progress | None = None,
    ) -> list[str]:
        """Translate model-sized inputs: deduplicated, cached, sorted by length and batched.

        `boosts[i]` asks for biased generation of `texts[i]` towards those strings (number repair).
        With a glossary, its terms go to the model as placeholders and come back as their English
        terms; an input whose placeholders the model lost is translated again without them (and
        remembered: the block's notes say so, and the term check decides).
        """
        if self.glossary is None:
            return self._generate(texts, settings, boosts=boosts, progress=progress)
        from ..checking.terms.matching import replacement
        from .protect import protect, restore, scrub

        matcher, entries = self.glossary.matcher, self.glossary.entries
        plans = [
            protect(t, [(o.start, o.end, replacement(entries[o.entry], o.text)) for o in matcher.find_german(t)])
            for t in texts
        ]
        outputs = self._generate([p.text for p in plans], settings, boosts=boosts, progress=progress)
        results: list[str | None] = [restore(out, plan) for out, plan in zip(outputs, plans, strict=True)]
        lost = [i for i, r in enumerate(results) if r is None]
        if lost:
            self.stats["placeholder_fallbacks"] += len(lost)
            self._lost.update(texts[i] for i in lost)
            if len(self._lost) > 65536:
                self._lost.clear()
            announce(progress, len(lost))  # translated again: work the bar did not plan for
            again = self._generate(
                [texts[i] for i in lost], settings, boosts=[boosts[i] for i in lost] if boosts else None,
                progress=progress,
            )
            for i, out in zip(lost, again, strict=True):
                # The unmasked input holds no placeholder; a backend that writes one anyway loses it here.
                results[i] = scrub(out, [plans[i].tag]) if plans[i].tag else out
        return [r if r is not None else "" for r in results]

    def _generate(
        self,
        texts: Sequence[str],
        settings: GenerationSettings | None = None,
        *,
        boosts: Sequence[tuple[str, ...] | None] | None = None,
        progress: Progress | None = None,
    ) -> list[str]:
        settings = settings or self.settings
        jobs = [(t, tuple(boosts[i]) if boosts and boosts[i] else None) for i, t in enumerate(texts)]
        copies = Counter(jobs)  # duplicates are translated once but count for progress
        done: dict[tuple[str, tuple[str, ...] | None], str] = {}
        todo = []
        for job in dict.fromkeys(jobs):
            if not job[0].strip():
                done[job] = ""
            else:
                todo.append(job)
        if self.cache is not None and todo:
            by_boost: dict = {}
            for job in todo:
                by_boost.setdefault(job[1], []).append(job[0])
            for boost, sources in by_boost.items():
                for src, translation in self.cache.get_many(self._namespace(settings, boost), sources).items():
                    done[(src, boost)] = translation
            hits = [job for job in todo if job in done]
            self.stats["cache_hits"] += len(hits)
            todo = [job for job in todo if job not in done]
            if progress and hits:
                progress(sum(copies[job] for job in hits))
        # Longest first: similar lengths share a batch (little padding), and memory peaks early.
        todo.sort(key=lambda job: (-self.count_tokens(job[0]), job[0], job[1] or ()))
        for batch in self._batches(todo):
            boost = batch[0][1]
            if boost:
                outputs = [self._biaser().generate_biased(batch[0][0], list(boost), settings)]
            else:
                outputs = self.backend.generate([job[0] for job in batch], settings)
            if len(outputs) != len(batch):
                raise RuntimeError(f"the {self.backend.name} backend returned {len(outputs)} outputs for {len(batch)}")
            self.stats["generate_calls"] += 1
            self.stats["generated"] += len(batch)
            done.update(zip(batch, outputs, strict=True))
            if self.cache is not None:
                pairs = [(job[0], out) for job, out in zip(batch, outputs, strict=True)]
                self.cache.put_many(self._namespace(settings, boost), pairs)
            if progress:
                progress(sum(copies[job] for job in batch))
        return [done[job] for job in jobs]

    def _biaser(self) -> Backend:
        """The backend biased generation runs on: this one, or its fallback (loaded on first use)."""
        if self.backend.supports_bias:
            return self.backend
        biaser = self.backend.bias_backend()
        if biaser is None:
            raise RuntimeError(f"the {self.backend.name} backend cannot run biased generation")
        self.stats["fallback_calls"] += 1
        return biaser

    def _batches(self, todo: list) -> list[list]:
        plain = [job for job in todo if job[1] is None]
        batches = [plain[i : i + self.batch_size] for i in range(0, len(plain), self.batch_size)]
        return batches + [[job] for job in todo if job[1] is not None]  # biased: one input per call

    # --- sentences and documents ------------------------------------------------------------------

    def translate_sentences(self, sentences: Sequence[str]) -> list[str]:
        """One translation per input, in order; inputs longer than the model's limit are split to fit."""
        units = [Unit(s, self.fit(s)) for s in sentences]
        self._translate_units(units)
        return [u.translation for u in units]

    def _translate_units(self, units: list[Unit], progress: Progress | None = None) -> None:
        outputs = iter(self.run([p for u in units for p in u.pieces], progress=progress))
        for u in units:
            u.translation = " ".join(t for t in (next(outputs) for _ in u.pieces) if t)

    def plan_block(self, index: int, kind: str, text: str) -> BlockWork:
        """Split a block into the units the model translates (exposed so callers can count the work)."""
        sentences = split_sentences(text)
        if not self.split_sentences and sentences and self.count_tokens(" ".join(sentences)) <= self.backend.max_input_tokens:
            sentences = [" ".join(sentences)]
        work = BlockWork(index, kind, text, [Unit(s, self.fit(s)) for s in sentences])
        for i, unit in enumerate(work.units, 1):
            if len(unit.pieces) > 1:
                work.notes.append(
                    f"sentence {i} is longer than the model's limit of {self.backend.max_input_tokens} tokens: "
                    f"translated in {len(unit.pieces)} pieces split at clause boundaries"
                )
        return work

    def translate_document(self, doc: Document) -> Translation:
        return self.translate_documents([doc])[0]

    def translate_documents(self, docs: Sequence[Document], progress: Progress | None = None) -> list[Translation]:
        """Translate several documents with their sentences batched together; one Translation each."""
        return list(self.iter_documents(docs, progress))

    def iter_documents(self, docs: Sequence[Document], progress: Progress | None = None) -> Iterator[Translation]:
        """`translate_documents`, one Translation at a time, in order, each as soon as it is finished.

        The sentences of all the documents go to the model together (sorted by length and batched:
        the cost that batching pays off), so every document's last sentences are done in the same
        last batches; then each document is checked and its failing blocks repaired on its own, and
        yielded, so a caller (batch) can write it and count it done while the next one is repaired."""
        works = [[self.plan_block(i, b.kind, b.text) for i, b in enumerate(doc.blocks)] for doc in docs]
        self._translate_all([w for ws in works for w in ws], progress)
        signature = self.signature()
        for doc, ws in zip(docs, works, strict=True):
            self._check_and_repair(ws, progress)
            yield Translation(model=self.backend.model.name, blocks=[_translated(w) for w in ws],
                              signature=signature, source=doc.source)  # fmt: skip

    def translate_stream(
        self,
        doc: Document,
        *,
        progress: Progress | None = None,
        planned: Planned | None = None,
        window: int = STREAM_WINDOW,
    ) -> Iterator[TranslatedBlock]:
        """Translate `doc` a window of whole blocks (about `window` model inputs) at a time, yielding
        each block in order as soon as it is translated, checked and repaired.

        Memory stays flat in the document's length (one window's sentences, outputs and check reports
        at a time) and a caller can write blocks out while the rest is still being translated. A
        document that fits one window gets exactly `translate_document`'s blocks. `planned(n)` is told
        the expected number of model inputs of the whole document: first an estimate, then a better
        one after each window is split into sentences (for progress bars; `progress` counts them done).
        """
        if window < 1:
            raise ValueError("window must be at least 1")
        estimates = [estimate_inputs(b.text) for b in doc.blocks] if planned is not None else []
        unplanned = sum(estimates)  # estimated inputs of the blocks not split yet
        exact = 0  # inputs of the blocks already split
        if planned is not None:
            planned(unplanned)
        works: list[BlockWork] = []
        size = 0
        last = len(doc.blocks) - 1
        for i, block in enumerate(doc.blocks):
            work = self.plan_block(i, block.kind, block.text)
            works.append(work)
            inputs = sum(len(u.pieces) for u in work.units)
            size += inputs
            if planned is not None:
                exact += inputs
                unplanned -= estimates[i]
            if size >= window or i == last:
                if planned is not None:
                    planned(exact + unplanned)
                self._complete(works, progress)
                for w in works:
                    yield _translated(w)
                works, size = [], 0

    def _complete(self, works: list[BlockWork], progress: Progress | None = None) -> None:
        """Translate planned blocks (their sentences batched together), check each and repair the failing."""
        self._translate_all(works, progress)
        self._check_and_repair(works, progress)

    def _translate_all(self, works: list[BlockWork], progress: Progress | None = None) -> None:
        self._translate_units([u for w in works for u in w.units], progress)
        if self._lost:
            _note_lost_placeholders(works, self._lost)
            self._lost.clear()

    def _check_and_repair(self, works: list[BlockWork], progress: Progress | None = None) -> None:
        for w in works:
            w.report = self.check(w.source, w.translation, block=w.number)
        failing = [w for w in works if not w.report.passed]
        if failing and self.repair:
            repair_blocks(self, failing, progress)


def _note_lost_placeholders(works: list[BlockWork], lost: set[str]) -> None:
    for w in works:
        which = [str(i) for i, u in enumerate(w.units, 1) if any(p in lost for p in u.pieces)]
        if which:
            sentences = f"sentence {which[0]}" if len(which) == 1 else f"sentences {', '.join(which)}"
            w.notes.append(
                f"{sentences}: the model lost a glossary placeholder, so the sentence was translated "
                "without one and its terms checked"
            )


def _translated(w: BlockWork) -> TranslatedBlock:
    return TranslatedBlock(w.kind, w.source, w.translation, w.report, w.repair, w.notes)


def load_translator(
    model: str = DEFAULT_TRANSLATION_MODEL,
    *,
    backend: str = "auto",
    device: str = "auto",
    offline: bool | None = None,
    beams: int = DEFAULT_BEAMS,
    batch_size: int | None = None,
    cache: bool = True,
    threads: int | None = None,
    glossary=None,
) -> Translator:
    """Load `model` (hub id or directory) once and wrap it in a Translator.

    A shortcut for ``Translator.from_runtime(Runtime.resolve(model, ...))``.
    """
    runtime = Runtime.resolve(
        model, backend=backend, device=device, offline=offline, beams=beams, batch_size=batch_size, cache=cache,
        threads=threads, glossary=glossary,
    )  # fmt: skip
    return Translator.from_runtime(runtime)
