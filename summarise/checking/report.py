"""What a check finds: Problems and the CheckReport that carries them, with the numbers it paired.

Result types only (no checker): the translation engine, briefs and every renderer import these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Problem:
    kind: str  # missing | unexpected | altered | omission | repetition | untranslated | unsupported ...
    message: str
    source: str | None = None  # German span
    candidate: str | None = None  # English span
    value: Any = None
    block: int | None = None  # the block (or line) number, from 1 (summarise.document.block_number)
    # Character offsets of the spans in the checked unit's source / candidate text (None: no span there).
    source_start: int | None = None
    source_end: int | None = None
    candidate_start: int | None = None
    candidate_end: int | None = None
    # Which field of the quantity differs (issue 25): value, unit, rounding, kind, currency, per, direction,
    # relation, belongs to; None for problems that are not about one field (omission, repetition, ...).
    field: str | None = None

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "kind": self.kind,
            "source": self.source,
            "candidate": self.candidate,
            "value": self.value,
            "block": self.block,
            "message": self.message,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "candidate_start": self.candidate_start,
            "candidate_end": self.candidate_end,
        }

    def line(self, unit: str = "block") -> str:
        """One human-readable line with both spans, for text output; `unit` names what `block` counts
        (a line of line-aligned files)."""
        where = f"{unit} {self.block}" if self.block is not None else "text"
        source = f"«{self.source}»" if self.source is not None else "—"
        candidate = f"«{self.candidate}»" if self.candidate is not None else "—"
        return f"{where}: {self.kind}: {source} → {candidate}: {self.message}"


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    source_numbers: list = field(default_factory=list)  # list[numbers.Number]
    candidate_numbers: list = field(default_factory=list)
    # (source Number, candidate Number) found to be the same number; the objects are items of the lists above
    pairs: list[tuple] = field(default_factory=list)
    # The same for names (checking.names.Name): what each side names and which matched.
    source_names: list = field(default_factory=list)
    candidate_names: list = field(default_factory=list)
    name_pairs: list[tuple] = field(default_factory=list)
    # Glossary terms found in both texts (summarise.checking.terms.TermPair); None: no glossary checked.
    terms: list | None = None

    @property
    def passed(self) -> bool:
        return not self.problems

    def merge(self, other: CheckReport) -> CheckReport:
        """Add `other`'s problems, numbers and pairs to this report (in place) and return it."""
        self.problems.extend(other.problems)
        self.source_numbers.extend(other.source_numbers)
        self.candidate_numbers.extend(other.candidate_numbers)
        self.pairs.extend(other.pairs)
        self.source_names.extend(other.source_names)
        self.candidate_names.extend(other.candidate_names)
        self.name_pairs.extend(other.name_pairs)
        if other.terms is not None:
            self.terms = [*(self.terms or []), *other.terms]
        return self

    @classmethod
    def combine(cls, reports) -> CheckReport:
        combined = cls()
        for report in reports:
            combined.merge(report)
        return combined

    def to_dict(self) -> dict:
        data = {
            "passed": self.passed,
            "problems": [p.to_dict() for p in self.problems],
            "numbers": {
                "source": [n.to_dict() for n in self.source_numbers],
                "candidate": [n.to_dict() for n in self.candidate_numbers],
            },
            "pairs": self.pair_dicts(),
            "names": {
                "source": [_name_dict(n) for n in self.source_names],
                "candidate": [_name_dict(n) for n in self.candidate_names],
                "pairs": self.name_pair_dicts(),
            },
        }
        if self.terms is not None:  # only with a glossary: reports without one stay as they were
            data["terms"] = [t.to_dict() for t in self.terms]
        return data

    def name_pair_dicts(self) -> list[dict]:
        """The name pairs as indexes into the name lists, with how they matched ("Mailand = Milan")."""
        source_index = {id(n): i for i, n in enumerate(self.source_names)}
        candidate_index = {id(n): i for i, n in enumerate(self.candidate_names)}
        out = []
        for s, c in self.name_pairs:
            i, j = source_index.get(id(s)), candidate_index.get(id(c))
            if i is not None and j is not None:
                out.append({"source": i, "candidate": j, "match": f"{s.text} = {c.text}"})
        return out

    def pair_dicts(self) -> list[dict]:
        """The pairs as indexes into the number lists, with how they matched ("3.000 = 3,000")."""
        source_index = {id(n): i for i, n in enumerate(self.source_numbers)}
        candidate_index = {id(n): i for i, n in enumerate(self.candidate_numbers)}
        out = []
        for s, c in self.pairs:
            i, j = source_index.get(id(s)), candidate_index.get(id(c))
            if i is not None and j is not None:
                out.append({"source": i, "candidate": j, "match": match_text(s, c)})
        return out


def _name_dict(name) -> dict:
    return {**name.to_dict(), "block": name.block}


def match_text(source, candidate) -> str:
    """How a pair matched, for people: "3.000 = 3,000", "2,5 Mrd. = 2.5 billion (2.5 billion)"."""
    text = f"{source.text} = {candidate.text}"
    english = getattr(source, "english", None)
    if english and english not in (source.text, candidate.text):
        text += f" ({english})"
    return text
