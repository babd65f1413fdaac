"""A translation as it comes out of the engine: Translation of TranslatedBlocks, each with its check.

Result types only: renderers and the HTML pages import these, never the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checking.report import CheckReport
from ..signature import Signature


def report_dict(report: CheckReport) -> dict:
    to_dict = getattr(report, "to_dict", None)
    data = to_dict() if callable(to_dict) else {}
    data.setdefault("passed", report.passed)
    data.setdefault("problems", [p.to_dict() for p in report.problems])
    return data


@dataclass
class TranslatedBlock:
    kind: str  # title | heading | paragraph
    source: str
    translation: str
    check: CheckReport
    repair: str | None = None  # strategy that fixed a failing check, or None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "source": self.source,
            "translation": self.translation,
            "check": report_dict(self.check),
            "repair": self.repair,
            "notes": list(self.notes),
        }


@dataclass
class Translation:
    model: str
    blocks: list[TranslatedBlock]
    signature: Signature = field(default_factory=Signature)  # model, revision, backend, quantization, beams...
    source: str | None = None  # input path

    @property
    def passed(self) -> bool:
        return all(b.check.passed for b in self.blocks)

    @property
    def text(self) -> str:
        return "\n\n".join(b.translation for b in self.blocks)

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "source": self.source,
            "signature": self.signature,
            "blocks": [b.to_dict() for b in self.blocks],
            "passed": self.passed,
        }
