"""Translate the units a writer found in a document, check each, place its inline spans, and report.

Every writer (docx, html, markdown) finds its translatable units in its own tree and hands them
here as `Unit`s; this module is format-blind. The units of a document go to the Translator as one
Document of blocks, so they are sentence-split, batched, cached, checked and repaired exactly as in
text mode (the same `Translator.translate_document`, and through it the project's one checker).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...document import Block, Document
from .align import Aligner, covers_all
from .inline import Inline, Placement, build_text, place, spans_of

_LETTER = re.compile(r"[^\W\d_]", re.U)

# Why a piece of text was left as it was (the report's "why").
DO_NOT_TRANSLATE, CODE, FIELD, FAILED = "do-not-translate", "code", "field", "failed"


@dataclass
class Unit:
    """One translatable piece of a document: a paragraph's inline content, an attribute's value."""

    where: str  # e.g. "word/document.xml paragraph 12", "<img> alt"
    items: list[Inline]
    write: Callable[[list[Inline]], None]  # the writer's: put the placed items back into the tree
    kind: str = "paragraph"
    text: str = ""
    translation: str = ""
    block: object = None  # the TranslatedBlock (translation, check, repair)


@dataclass
class Skipped:
    where: str
    text: str
    why: str  # DO_NOT_TRANSLATE | CODE | FIELD | FAILED

    def to_dict(self) -> dict:
        text = " ".join(self.text.split())
        return {"where": self.where, "text": text[:120] + ("…" if len(text) > 120 else ""), "why": self.why}


@dataclass
class RoundTripReport:
    """What a round trip did: the JSON beside the output (`--report`, or OUT's .check.json)."""

    format: str
    source: str | None
    output: str | None = None
    model: str = ""
    signature: object = None
    units: list[Unit] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    placements: list[tuple[str, Placement]] = field(default_factory=list)  # (where, placement)
    notes: list[str] = field(default_factory=list)  # e.g. "macros removed"

    @property
    def passed(self) -> bool:
        return all(u.block.check.passed for u in self.units)

    @property
    def numbers_checked(self) -> int:
        return sum(len(u.block.check.source_numbers) for u in self.units)

    def problem_lines(self) -> list[str]:
        lines = []
        for u in self.units:
            for p in u.block.check.problems:
                line = f"{u.where}: {p.message}"
                if p.source and p.source not in p.message:
                    line += f" [source: {p.source}]"
                lines.append(line)
        return lines

    def span_counts(self) -> dict:
        counts = {"total": len(self.placements), "aligned": 0, "position": 0, "empty": 0}
        for _, p in self.placements:
            counts[p.how] += 1
        return counts

    def to_dict(self) -> dict:
        return {
            "format": self.format,
            "source": self.source,
            "output": self.output,
            "model": self.model,
            "signature": self.signature,
            "runs_translated": len(self.units),
            "runs_untranslated": [s.to_dict() for s in self.skipped],
            "numbers_checked": self.numbers_checked,
            "spans": self.span_counts(),
            "spans_not_aligned": [
                {"where": where, "how": p.how, "source": p.source, "target": p.target}
                for where, p in self.placements
                if p.how != "aligned"
            ],
            "problems": [
                {"where": u.where, **p.to_dict()} for u in self.units for p in u.block.check.problems
            ],
            "notes": list(self.notes),
            "blocks": [{"where": u.where, **u.block.to_dict()} for u in self.units],
            "passed": self.passed,
        }


def has_words(text: str) -> bool:
    return bool(_LETTER.search(text))


def translate_units(units: list[Unit], translator, report: RoundTripReport) -> None:
    """Translate, check and repair every unit, place its spans and anchors, and write it back."""
    todo = []
    for unit in units:
        unit.text = build_text(unit.items)
        if has_words(unit.text):
            todo.append(unit)
    if not todo:
        report.model = translator.backend.model.name
        report.signature = translator.signature()
        return
    translation = translator.translate_document(Document([Block(u.kind, u.text) for u in todo]))
    # Each span's words translated on their own, once: what the aligner looks for in the sentence.
    # (A span holding the whole unit needs none: it gets the whole translation.)
    span_words = sorted(
        {u.text[s.start : s.end].strip() for u in todo for s in spans_of(u.items) if not covers_all(u.text, s.start, s.end)}
        - {""}
    )
    span_words = [w for w in span_words if has_words(w)]
    span_translations = dict(zip(span_words, translator.translate_sentences(span_words), strict=True))
    for unit, block in zip(todo, translation.blocks, strict=True):
        unit.block = block
        target = " ".join(block.translation.split())
        if not target and unit.text:
            # The model gave nothing back: keep the German rather than lose the text.
            report.skipped.append(Skipped(unit.where, unit.text, FAILED))
            continue
        unit.translation = target
        placements: list[Placement] = []
        placed = place(unit.items, target, Aligner(unit.text, target, span_translations), placements, unit.text)
        report.placements.extend((unit.where, p) for p in placements)
        unit.write(placed)
        report.units.append(unit)
    report.model = translation.model
    report.signature = translation.signature
