"""Summarisers: one interface over three kinds of model, with map-reduce for long inputs.

The kind is read from the model's config, never guessed from its name:
- ``seq2seq``: encoder-decoder summarisers trained on news (BART, Pegasus: distilbart-cnn-12-6) take
  the text directly and run on a `Backend`, so they get CTranslate2 when it is available;
- ``text2text``: T5-family instruction models (flan-t5) take a prompt from ``prompts/``, same backends;
- ``chat``: decoder-only chat models (Qwen2.5-Instruct...) get the prompt through the tokenizer's chat
  template, on transformers.

Input longer than the model's window (in tokens, prompt included) is cut into chunks on sentence
boundaries, each chunk is summarised, and the joined summaries are condensed again until they fit
(map-reduce): nothing is truncated. Chunks of every document go through the model together.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ModelError
from ..language import chunking
from ..models.backends.base import DEFAULT_BEAMS, Backend, GenerationSettings
from ..models.backends.transformers_chat import DEFAULT_MAX_NEW_TOKENS
from ..models.hub import DEFAULT_SUMMARY_MODEL, KINDS, T5_FAMILY, model_kind, read_config
from ..models.runtime import Runtime
from ..signature import Signature
from .prompts import load_prompt

log = logging.getLogger(__name__)

__all__ = [
    "KINDS",
    "T5_FAMILY",
    "BackendSummariser",
    "ChatSummariser",
    "Summariser",
    "SummaryResult",
    "TextToTextSummariser",
    "default_settings",
    "detect_kind",
    "load_summariser",
    "summariser_from_runtime",
    "tidy",
]
detect_kind = model_kind  # the kind is a property of the model: summarise.models.hub decides it

BRIEF_PROMPT, CONDENSE_PROMPT = "brief", "condense"
MIN_TEXT_TOKENS = 32  # a window that leaves less room than this for text after the prompt is unusable
MAX_LEVELS = 6  # map-reduce rounds; each must at least halve the text, so real inputs need 1-3


@dataclass
class SummaryResult:
    """A summary and how it was made (the brief's notes report chunking)."""

    text: str
    input_tokens: int  # of the original text, as the model counts them (prompt excluded)
    chunks: int = 1  # pieces the original text was cut into (1: it fitted the window)
    levels: int = 1  # model rounds: 1 = one call; 2 = chunks then one condensing call...
    calls: int = 1  # model inputs generated for this document
    final_input: str = ""  # what the last call summarised: regeneration reruns only that call
    final_condense: bool = False  # whether that call condensed chunk summaries


@dataclass
class _Job:
    text: str
    condense: bool = False
    result: SummaryResult | None = None
    pending: list[str] = field(default_factory=list)
    input_tokens: int = 0
    chunks: int = 1
    levels: int = 0
    calls: int = 0


class Summariser(ABC):
    """Turns English text into a short summary. Subclasses fill in four small hooks."""

    kind: str = "seq2seq"

    def __init__(self, name: str, settings: GenerationSettings, *, window: int | None = None, batch_size: int = 8):
        self.name = name
        self.settings = settings
        self._window_cap = window
        self.batch_size = batch_size

    # --- hooks -------------------------------------------------------------------------------
    @property
    @abstractmethod
    def model_window(self) -> int:
        """Longest model input in tokens (special tokens, prompt and chat template included)."""

    @abstractmethod
    def count_tokens(self, model_input: str) -> int:
        """Tokens `model_input` (as returned by `prepare`) takes when given to the model."""

    @abstractmethod
    def _generate(self, model_inputs: list[str], settings: GenerationSettings) -> list[str]:
        """One output per prepared input, in order."""

    def prepare(self, text: str, *, condense: bool = False) -> str:
        """The model input for `text`: the text itself, or a prompt with the text inserted."""
        return text

    # --- public API --------------------------------------------------------------------------
    @property
    def max_input_tokens(self) -> int:
        return min(self.model_window, self._window_cap) if self._window_cap else self.model_window

    def summarise(self, text: str) -> str:
        return self.summarise_many([text])[0].text

    def summarise_batch(self, texts: list[str]) -> list[str]:
        return [r.text for r in self.summarise_many(texts)]

    def summarise_many(self, texts: list[str], settings: GenerationSettings | None = None) -> list[SummaryResult]:
        """Summaries of several texts; every round batches the chunks of all texts together."""
        settings = settings or self.settings
        jobs = [_Job(t) for t in texts]
        for job in jobs:
            job.input_tokens = self.count_tokens(job.text)
            if not job.text.strip():
                job.result = SummaryResult("", 0, chunks=0, levels=0, calls=0)
        while active := [j for j in jobs if j.result is None]:
            for job in active:
                job.pending = self.chunk(job.text, condense=job.condense)
                if job.levels == 0:
                    job.chunks = len(job.pending)
            work = [(job, i) for job in active for i in range(len(job.pending))]
            outputs = self._run(
                [self.prepare(job.pending[i], condense=job.condense) for job, i in work],
                [
                    settings if len(job.pending) == 1 else self._map_settings(settings, job.pending[i])
                    for job, i in work
                ],
            )
            by_job: dict[int, list[str]] = {}
            for (job, _), out in zip(work, outputs, strict=True):
                by_job.setdefault(id(job), []).append(out)
            for job in active:
                outs = by_job[id(job)]
                job.levels += 1
                job.calls += len(outs)
                if len(outs) == 1:
                    job.result = SummaryResult(
                        outs[0], job.input_tokens, job.chunks, job.levels, job.calls, job.pending[0], job.condense
                    )
                    continue
                joined = "\n\n".join(o for o in outs if o)
                before, after = self.count_tokens(job.text), self.count_tokens(joined)
                if job.levels >= MAX_LEVELS or after >= before:
                    raise ModelError(
                        f"summarising with {self.name}: the chunk summaries ({after} tokens) are not shorter than "
                        f"the text ({before} tokens), so map-reduce cannot finish; use a summariser with a "
                        f"larger window than {self.max_input_tokens} tokens or shorter outputs"
                    )
                log.info("%s: %d chunks -> %d tokens of summaries", self.name, len(outs), after)
                job.text, job.condense = joined, True
        return [j.result for j in jobs]

    def regenerate(self, result: SummaryResult, settings: GenerationSettings) -> str:
        """Redo only the last call of `result` with other settings (the number guard's retry)."""
        model_input = self.prepare(result.final_input, condense=result.final_condense)
        return self._run([model_input], [settings])[0]

    def chunk(self, text: str, *, condense: bool = False) -> list[str]:
        """`text` cut into pieces whose model input fits the window; one piece when it all fits."""
        window = self.max_input_tokens
        if self.count_tokens(self.prepare(text, condense=condense)) <= window:
            return [text]
        overhead = self.count_tokens(self.prepare("", condense=condense))
        if window - overhead < MIN_TEXT_TOKENS:
            raise ModelError(
                f"the window of {self.name} ({window} tokens) leaves no room for text after the prompt "
                f"({overhead} tokens): shorten the prompt template or use a model with a larger window"
            )
        return chunking.pack(text, lambda t: self.count_tokens(self.prepare(t, condense=condense)) <= window)

    def signature(self) -> Signature:
        return Signature(model=self.name, kind=self.kind, window=self.max_input_tokens, beams=self.settings.beams)

    # --- helpers -----------------------------------------------------------------------------
    def _map_settings(self, settings: GenerationSettings, chunk: str) -> GenerationSettings:
        """Settings for a chunk summary that goes into another round: at most half the chunk and a
        quarter of the window, so every round at least halves the text and map-reduce ends."""
        cap = max(8, min(self.max_input_tokens // 4, self.count_tokens(chunk) // 2))
        limit = min(settings.max_new_tokens or cap, cap)
        low = settings.min_new_tokens
        return settings.but(max_new_tokens=limit, min_new_tokens=None if low is None else min(low, limit))

    def _run(self, model_inputs: list[str], settings: list[GenerationSettings]) -> list[str]:
        """Generate in batches of similar length and the same settings; outputs in input order."""
        outputs: list[str] = [""] * len(model_inputs)
        order = sorted(range(len(model_inputs)), key=lambda i: (settings[i].key(), -len(model_inputs[i])))
        start = 0
        while start < len(order):
            key = settings[order[start]].key()
            batch = [order[start]]
            while len(batch) < self.batch_size and start + len(batch) < len(order):
                nxt = order[start + len(batch)]
                if settings[nxt].key() != key:
                    break
                batch.append(nxt)
            for i, out in zip(batch, self._generate([model_inputs[i] for i in batch], settings[batch[0]]), strict=True):
                outputs[i] = tidy(out)
            start += len(batch)
        return outputs


def tidy(summary: str) -> str:
    """Whitespace normalised; a dangling half sentence at the end (output cut at max length) is kept."""
    return re.sub(r"\s+", " ", summary).strip()


class _PromptedMixin:
    """Inserts the text into prompts/brief.txt (or prompts/condense.txt for chunk summaries)."""

    name: str

    def _prompt(self, text: str, condense: bool) -> str:
        if condense:
            return load_prompt(CONDENSE_PROMPT).render(required=("summaries",), summaries=text)
        return load_prompt(BRIEF_PROMPT).render(required=("article",), article=text)


class BackendSummariser(Summariser):
    """An encoder-decoder summariser on a `Backend` (transformers or CTranslate2)."""

    def __init__(self, backend: Backend, settings: GenerationSettings, *, kind: str = "seq2seq", **kw):
        super().__init__(backend.model.name, settings, **kw)
        self.backend = backend
        self.kind = kind
        _drop_saved_lengths(getattr(backend, "net", None))

    @property
    def model_window(self) -> int:
        return self.backend.max_input_tokens

    def count_tokens(self, model_input: str) -> int:
        return self.backend.count_tokens(model_input)

    def _generate(self, model_inputs: list[str], settings: GenerationSettings) -> list[str]:
        return self.backend.generate(model_inputs, settings)

    def signature(self) -> Signature:
        return self.backend.signature().but(**super().signature())


class TextToTextSummariser(_PromptedMixin, BackendSummariser):
    """T5-family instruction models: the same backends, fed a prompt."""

    def prepare(self, text: str, *, condense: bool = False) -> str:
        return self._prompt(text, condense)


class ChatSummariser(_PromptedMixin, BackendSummariser):
    """A decoder-only chat model: the prompt goes in as a user message through the chat template
    (`summarise.models.backends.transformers_chat`)."""

    @property
    def model_window(self) -> int:
        # Prompt and summary share the context.
        return self.backend.max_input_tokens - (self.settings.max_new_tokens or DEFAULT_MAX_NEW_TOKENS)

    @property
    def tokenizer(self):
        return self.backend.tokenizer

    def prepare(self, text: str, *, condense: bool = False) -> str:
        return self._prompt(text, condense)

    def _ids(self, prompt: str) -> list[int]:
        return self.backend.chat_ids(prompt)


def _drop_saved_lengths(net) -> None:
    """Lengths come from GenerationSettings on every call; the checkpoint's own min/max_length (56/142
    for distilbart-cnn) would compete with them and make transformers warn on every call."""
    config = getattr(net, "generation_config", None)
    if config is not None:
        config.min_length = None
        config.max_length = None


def default_settings(path, kind: str) -> GenerationSettings:
    """The model's own summary settings (generation_config.json, or legacy keys in config.json)."""
    config = read_config(path)
    gen: dict = {}
    # generation_config.json is optional: older summarisers keep these keys in config.json.
    with contextlib.suppress(OSError, ValueError):
        gen = json.loads((Path(path) / "generation_config.json").read_text(encoding="utf-8"))

    def get(key):
        return gen.get(key, config.get(key))

    # For encoder-decoder models max_length counts the decoder start token.
    offset = 1 if kind != "chat" else 0
    max_new = get("max_new_tokens") or (get("max_length") - offset if get("max_length") and kind != "chat" else None)
    min_new = get("min_new_tokens") or (get("min_length") - offset if get("min_length") and kind != "chat" else None)
    if not max_new or max_new > 512:
        max_new = 200  # three to five sentences; generation configs often carry a 20 or 512 placeholder
    if min_new is not None and min_new <= 0:
        min_new = None
    return GenerationSettings(
        # Chat models are tuned for greedy decoding (and beams cost them most); summarisers for beams.
        beams=int(get("num_beams") or (1 if kind == "chat" else DEFAULT_BEAMS)),
        max_new_tokens=int(max_new),
        min_new_tokens=None if min_new is None else int(min(min_new, max_new)),
        length_penalty=float(get("length_penalty") or 1.0),
        repetition_penalty=float(get("repetition_penalty") or 1.0),
        no_repeat_ngram_size=int(get("no_repeat_ngram_size") or 0),
    )


def load_summariser(
    model: str = DEFAULT_SUMMARY_MODEL,
    *,
    backend: str = "auto",
    device: str = "auto",
    offline: bool | None = None,
    threads: int | None = None,
    settings: GenerationSettings | None = None,
    window: int | None = None,
    batch_size: int = 8,
) -> Summariser:
    """Load a summariser from a hub id or a local directory, picking the code path from its config.

    `settings` overrides the model's own generation settings; `window` caps the input window (tokens).
    A shortcut for ``summariser_from_runtime(Runtime.resolve(None, model, ...))``.
    """
    runtime = Runtime.resolve(None, model, backend=backend, device=device, offline=offline, threads=threads)
    return summariser_from_runtime(runtime, settings=settings, window=window, batch_size=batch_size)


def summariser_from_runtime(
    runtime: Runtime,
    *,
    settings: GenerationSettings | None = None,
    window: int | None = None,
    batch_size: int = 8,
) -> Summariser:
    """The summariser of `runtime.summary_model`, on the backend the runtime chooses for it."""
    resolved = runtime.summary_model
    if resolved is None:
        raise ValueError("the runtime has no summary model")
    kind = resolved.kind or model_kind(resolved.config)  # the second call only raises: why it cannot summarise
    settings = settings or default_settings(resolved.path, kind)
    cls = {"seq2seq": BackendSummariser, "text2text": TextToTextSummariser, "chat": ChatSummariser}[kind]
    return cls(runtime.load_backend(resolved), settings, kind=kind, window=window, batch_size=batch_size)
