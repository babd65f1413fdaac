"""An English brief as it comes out of `make_brief`: Brief and its KeyFigures.

Result types only: renderers and the HTML pages import these, never the summariser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checking.report import CheckReport
from ..signature import Signature


@dataclass
class KeyFigure:
    source: str  # as the German article writes it: "3.000"
    english: str  # English form: "3,000"
    value: float | int | None
    context: str  # the English sentence of the translation it comes from
    kind: str = "cardinal"
    verified: bool = True  # found with the same value in the translation of its block

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "english": self.english,
            "value": _plain(self.value),
            "context": self.context,
            "kind": self.kind,
            "verified": self.verified,
        }


@dataclass
class Brief:
    headline: str
    summary: str
    key_figures: list[KeyFigure]
    translation: object  # summarise.translation.engine.Translation
    summary_check: CheckReport
    notes: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    source: str | None = None

    @property
    def passed(self) -> bool:
        return bool(self.translation.passed) and self.summary_check.passed

    def to_dict(self) -> dict:
        return {
            "headline": self.headline,
            "summary": self.summary,
            "key_figures": [k.to_dict() for k in self.key_figures],
            "translation": self.translation.to_dict(),
            "summary_check": _report_dict(self.summary_check),
            "passed": self.passed,
            "notes": list(self.notes),
            "signature": self.signature,
        }


def _plain(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _report_dict(report: CheckReport) -> dict:
    to_dict = getattr(report, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return {"passed": report.passed, "problems": [p.to_dict() for p in report.problems]}
