"""A clearly named stand-in translation model for glossary tests: it knows a set of German sentence
templates with one slot for a term, translates a German term in the slot the way an unconstrained
model would (Bundeskanzlerin → "head of government": not the house term) and copies a placeholder
through — or mangles it, as a real model sometimes does, through `mangle`.

The real model path runs with the tiny random Marian model (tests/test_glossary.py); this double exists
because a random model cannot be made to copy a placeholder or to translate a term on purpose. It
implements the Backend interface, so the engine (placeholders, cache, checks, repair) runs for real.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from summarise.document import Block, Document
from summarise.models.backends.base import Backend, GenerationSettings
from summarise.models.hub import ResolvedModel

GLOSSARY_TSV = """\
# house terms of the politics desk
Bundeskanzler\tChancellor
Land\tstate
Bundesrat\t
Europäische Zentralbank\tEuropean Central Bank
G7-Gipfel\tG7 summit
"""


@dataclass(frozen=True)
class Template:
    german: str  # one {} slot for the term as written
    english: str

    def regex(self) -> re.Pattern:
        head, tail = self.german.split("{}")
        return re.compile(re.escape(head) + r"(?P<slot>.+?)" + re.escape(tail))


TEMPLATES = [
    Template("Die {} sprach am Montag in Berlin.", "The {} spoke in Berlin on Monday."),
    Template("Die Rede des {} dauerte 40 Minuten.", "The speech by the {} lasted 40 minutes."),
    Template("Der {} stimmte dem Gesetz zu.", "The {} approved the law."),
    Template("Die Sitzung des {} beginnt um 9 Uhr.", "The session of the {} begins at 9 a.m."),
    Template("Beim {} sprachen 7 Staaten über Handel.", "At the {}, 7 countries discussed trade."),
    Template("Die Zinsen der {} steigen auf 4,5 Prozent.", "The interest rates of the {} rise to 4.5 percent."),
    Template("Die {} fordern mehr Geld.", "The {} demand more money."),
    Template("Der {} schrieb ein Buch.", "The {} wrote a book."),
    Template("Mehrere {} unterstützten den Plan.", "Several {} supported the plan."),
    Template("{}", "{}"),  # a heading that is just the term
]

# (template index, the term as written in the German sentence): every inflected form the glossary must catch.
OCCURRENCES = [
    (0, "Bundeskanzlerin"),
    (1, "Bundeskanzlers"),
    (0, "Bundeskanzler"),
    (8, "Bundeskanzlerinnen"),
    (7, "Ex-Bundeskanzler"),
    (2, "Bundesrat"),
    (3, "Bundesrates"),
    (3, "Landes"),
    (6, "Länder"),
    (8, "Ländern"),
    (4, "G7-Gipfel"),
    (5, "Europäischen Zentralbank"),
]

# What an unconstrained model writes for the terms: never the glossary's English.
NAIVE = {
    "Bundeskanzlerin": "head of government",
    "Bundeskanzlerinnen": "heads of government",
    "Bundeskanzlers": "head of government",
    "Bundeskanzler": "head of government",
    "Ex-Bundeskanzler": "former head of government",
    "Bundesrat": "Federal Council",
    "Bundesrates": "Federal Council",
    "Landes": "country",
    "Länder": "countries",
    "Ländern": "countries",
    "G7-Gipfel": "G7 meeting",
    "Europäischen Zentralbank": "ECB",
}
_PLACEHOLDER = re.compile(r"[A-Z]{3}\d+")


def sentence(template: int, term: str) -> str:
    return TEMPLATES[template].german.format(term)


def term_document() -> Document:
    """Every occurrence of OCCURRENCES in a paragraph of its own, after a title."""
    blocks = [Block("title", "Bundesrat")]
    blocks += [Block("paragraph", sentence(t, term)) for t, term in OCCURRENCES]
    return Document(blocks, source="terms.txt")


def copy(placeholder: str) -> str:
    return placeholder


class TermTemplateBackendDouble(Backend):
    """Translates TEMPLATES sentences; a term in the slot is translated by NAIVE (an unknown word, such
    as an English term written into the German by the repair, is copied), a placeholder is passed to
    `mangle` (default: copied unchanged). Inputs are recorded in `inputs`."""

    name = "term-template-double"

    def __init__(self, model=None, device="cpu", *, threads=None, quantization=None,
                 mangle: Callable[[str], str] = copy):  # fmt: skip
        super().__init__(model or ResolvedModel("term-template-double", Path("."), "double-1"), device)
        self.threads = threads
        self.mangle = mangle
        self.inputs: list[str] = []

    @property
    def max_input_tokens(self) -> int:
        return 200

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def _slot(self, slot: str) -> str:
        if slot in NAIVE:
            return NAIVE[slot]
        return _PLACEHOLDER.sub(lambda m: self.mangle(m.group()), slot.replace("Ex-", "ex-"))

    def _translate(self, text: str) -> str:
        for template in TEMPLATES:
            m = template.regex().fullmatch(text.strip())
            if m:
                return template.english.format(self._slot(m.group("slot")))
        raise AssertionError(f"{type(self).__name__} has no template for {text!r}")

    def generate(self, texts: list[str], settings: GenerationSettings) -> list[str]:
        self.inputs.extend(texts)
        return [self._translate(t) for t in texts]
