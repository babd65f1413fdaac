"""Check framework: Problems and CheckReports. (Implementation owned by the checker work.)"""

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
    block: int | None = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "source": self.source,
            "candidate": self.candidate,
            "value": self.value,
            "block": self.block,
            "message": self.message,
        }


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    source_numbers: list = field(default_factory=list)  # list[numbers.Number]
    candidate_numbers: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems
