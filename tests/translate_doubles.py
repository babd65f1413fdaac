"""Clearly named stand-ins for a translation model, for the engine's control flow (repair, batching).

The real model path is tested with the tiny random Marian model; these doubles exist because a
random model cannot be made to drop a number on purpose. They implement the Backend interface, so
the engine (splitting, batching, cache, checks, repair) runs for real on top of them; only the
model call is scripted from a phrasebook of German sentences and their English translations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from summarise.document import Block, Document
from summarise.models.backends.base import Backend, GenerationSettings
from summarise.models.hub import ResolvedModel

_PLACEHOLDER = re.compile(r"NUM\d+")


@dataclass(frozen=True)
class Phrase:
    """A sentence pair with slots ({}) for its numbers, German and English forms in the same order."""

    german: str
    english: str
    german_numbers: tuple[str, ...] = ()
    english_numbers: tuple[str, ...] = ()

    def source(self) -> str:
        return self.german.format(*self.german_numbers)

    def masked_source(self) -> str:
        return self.german.format(*(f"NUM{i}" for i in range(len(self.german_numbers))))

    def translation(self, *, drop_numbers: bool = False, masked: bool = False) -> str:
        if drop_numbers:  # the failure under test: the numbers are left out
            return re.sub(r"\s*\{\}", "", self.english)
        if masked:
            return self.english.format(*(f"NUM{i}" for i in range(len(self.english_numbers))))
        return self.english.format(*self.english_numbers)


PHRASES = [
    Phrase("Nordkorea schickt Truppen", "North Korea sends troops"),
    Phrase("Nordkorea hat {} Soldaten geschickt.", "North Korea has sent {} soldiers.", ("3.000",), ("3,000",)),
    Phrase("Die Lage ist ernst.", "The situation is serious."),
    Phrase("Verluste", "Losses"),
    Phrase("Bis zum {} fielen {} Soldaten.", "By {}, {} soldiers had died.", ("26. Februar", "400"), ("February 26", "400")),
]


def phrase_document() -> Document:
    """Title, paragraph (two sentences, one with a number), heading, paragraph (a date and a count)."""
    p = [ph.source() for ph in PHRASES]
    return Document(
        [Block("title", p[0]), Block("paragraph", f"{p[1]} {p[2]}"), Block("heading", p[3]), Block("paragraph", p[4])],
        source="phrases.txt",
    )


class PhrasebookBackendDouble(Backend):
    """Translates inputs made of known phrases (also masked ones); counts tokens as words + 1.

    Subclasses decide when numbers are dropped (`drops`). Every call is recorded in `calls` as
    (kind, inputs, settings, boost).
    """

    name = "phrasebook-double"

    def __init__(self, phrases=PHRASES, *, max_input_tokens: int = 100, supports_bias: bool = False):
        super().__init__(ResolvedModel("phrasebook-double", Path("."), "double-1"), "cpu")
        self.phrases = list(phrases)
        self._max_input_tokens = max_input_tokens
        self.supports_bias = supports_bias
        self.calls: list[tuple[str, list[str], GenerationSettings, list[str] | None]] = []

    @property
    def max_input_tokens(self) -> int:
        return self._max_input_tokens

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def drops(self, phrase: Phrase, text: str, settings: GenerationSettings, boost: list[str] | None) -> bool:
        return False

    def _parse(self, text: str) -> list[tuple[Phrase, bool]]:
        """The phrases `text` is made of, and whether each was masked; unknown text is a test bug."""
        out, rest = [], text.strip()
        while rest:
            for ph in self.phrases:
                for masked, form in ((False, ph.source()), (True, ph.masked_source())):
                    if rest.startswith(form):
                        out.append((ph, masked and bool(ph.german_numbers)))
                        rest = rest[len(form) :].strip()
                        break
                else:
                    continue
                break
            else:
                raise AssertionError(f"{type(self).__name__} has no phrase for {rest!r}")
        return out

    def _translate(self, text: str, settings: GenerationSettings, boost: list[str] | None) -> str:
        parts = []
        for ph, masked in self._parse(text):
            drop = bool(ph.german_numbers) and self.drops(ph, text, settings, boost)
            parts.append(ph.translation(drop_numbers=drop, masked=masked))
        return " ".join(parts)

    def generate(self, texts: list[str], settings: GenerationSettings) -> list[str]:
        self.calls.append(("generate", list(texts), settings, None))
        return [self._translate(t, settings, None) for t in texts]

    def generate_biased(self, text: str, boost: list[str], settings: GenerationSettings) -> str:
        if not self.supports_bias:
            raise NotImplementedError
        self.calls.append(("biased", [text], settings, list(boost)))
        return self._translate(text, settings, list(boost))


class NumberDroppingBackendDouble(PhrasebookBackendDouble):
    """Drops the numbers of a sentence on the first try; `fixed_by` names the repair strategy that gets
    them right: "beams" (more beams than `base_beams`), "masked" (placeholders are copied through),
    "biased" (a bias towards the English number), "sentences" (an input of one sentence only), or
    None: never right, whatever the strategy."""

    def __init__(self, fixed_by: str | None, *, base_beams: int = 4, **kwargs):
        kwargs.setdefault("supports_bias", fixed_by == "biased")
        super().__init__(**kwargs)
        self.fixed_by = fixed_by
        self.base_beams = base_beams

    def drops(self, phrase, text, settings, boost) -> bool:
        if self.fixed_by == "beams":
            return settings.beams <= self.base_beams
        if self.fixed_by == "masked":
            return not _PLACEHOLDER.search(text)
        if self.fixed_by == "biased":
            return not (boost and set(phrase.english_numbers) <= set(boost))
        if self.fixed_by == "sentences":
            return len(self._parse(text)) > 1
        return True


class RecordingBackend:
    """Wraps a real backend and records every generate call (the real model still runs)."""

    def __init__(self, backend: Backend):
        self._backend = backend
        self.calls: list[list[str]] = []

    def __getattr__(self, name):
        return getattr(self._backend, name)

    def generate(self, texts, settings):
        self.calls.append(list(texts))
        return self._backend.generate(texts, settings)

    def generate_biased(self, text, boost, settings):
        self.calls.append([text])
        return self._backend.generate_biased(text, boost, settings)


class ScriptedBackendDouble(PhrasebookBackendDouble):
    """Answers each input with `script(text, settings)`: for failures that are not about numbers
    (repetition loops, omissions). Calls are recorded like the phrasebook double's."""

    def __init__(self, script, **kwargs):
        super().__init__(**kwargs)
        self.script = script

    def generate(self, texts, settings):
        self.calls.append(("generate", list(texts), settings, None))
        return [self.script(t, settings) for t in texts]


class NoLogitsBackendDouble(NumberDroppingBackendDouble):
    """A backend without logits access (like CTranslate2) whose number-dropping sentences only a
    biased retry fixes; `bias_backend()` builds, once, a double with logits access for the same
    phrases, as CTranslate2Backend builds a transformers backend."""

    name = "no-logits-double"
    bias_fallback = "phrasebook-double"

    def __init__(self, **kwargs):
        super().__init__(fixed_by="biased", supports_bias=False, **kwargs)
        self.fallbacks: list[NumberDroppingBackendDouble] = []

    def bias_backend(self):
        if not self.fallbacks:
            self.fallbacks.append(NumberDroppingBackendDouble(fixed_by="biased"))
        return self.fallbacks[0]
