"""The glossary check: every German occurrence of a glossary term must give its English term.

Occurrences are counted per English target (two German terms may share one, "Bundeskanzler" and
"Kanzler" → "Chancellor"): the candidate must hold the target at least as often as the source holds
its terms. They pair in order; each source occurrence left without a partner is a problem of kind
`term`, with its span in the source. Extra English occurrences are fine (the English term may
translate other words too). Numbers inside a term ("G7-Gipfel") are checked by the number check as
any other number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..report import CheckReport, Problem
from .matching import TermOccurrence

if TYPE_CHECKING:
    from .glossary import Glossary


@dataclass
class TermPair:
    """A source occurrence and the candidate occurrence of its English term."""

    german: str  # the glossary's German term
    english: str  # the glossary's English term ("" = kept as it is)
    source: TermOccurrence
    candidate: TermOccurrence

    @property
    def match(self) -> str:
        rule = f"{self.german} → {self.english}" if self.english else f"{self.german}, kept"
        return f"{self.source.text} = {self.candidate.text} (glossary: {rule})"

    def to_dict(self) -> dict:
        return {
            "term": self.german,
            "english": self.english,
            "source": self.source.text,
            "candidate": self.candidate.text,
            "block": self.source.block,
            "source_start": self.source.start,
            "source_end": self.source.end,
            "candidate_start": self.candidate.start,
            "candidate_end": self.candidate.end,
            "match": self.match,
        }


def check_terms(source: str, candidate: str, glossary: Glossary, *, block: int | None = None) -> CheckReport:
    """A report with a `term` problem per German occurrence whose English term is missing, and the pairs."""
    matcher = glossary.matcher
    found = matcher.find_german(source)
    english = matcher.find_english(candidate) if found else []
    for occurrence in (*found, *english):
        occurrence.block = block
    available: dict[int, list[TermOccurrence]] = {}
    for occurrence in english:
        available.setdefault(occurrence.entry, []).append(occurrence)
    problems, pairs = [], []
    for occurrence in found:
        entry = glossary.entries[occurrence.entry]
        partners = available.get(matcher.target_of(occurrence.entry))
        if partners:
            pairs.append(TermPair(entry.german, entry.english, occurrence, partners.pop(0)))
            continue
        if entry.english:
            message = f"{occurrence.text} must be translated as “{entry.english}” (glossary)"
        else:
            message = f"{occurrence.text} must be kept as “{entry.german}” (glossary: do not translate)"
        problems.append(
            Problem(
                "term", message, occurrence.text, None,
                entry.target, block, occurrence.start, occurrence.end,
            )  # fmt: skip
        )
    return CheckReport(problems, terms=pairs)


def missed_terms(source: str, candidate: str, glossary: Glossary) -> list[TermOccurrence]:
    """The source occurrences whose English term the candidate lacks (what the repair loop masks)."""
    report = check_terms(source, candidate, glossary)
    starts = {p.source_start for p in report.problems}
    return [o for o in glossary.matcher.find_german(source) if o.start in starts]
