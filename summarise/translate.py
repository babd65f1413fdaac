"""Translation engine. (Owned by the translation-engine work; dataclasses are a contract.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks import CheckReport


@dataclass
class TranslatedBlock:
    kind: str  # title | heading | paragraph
    source: str
    translation: str
    check: CheckReport
    repair: str | None = None  # strategy that fixed a failing check, or None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict: ...


@dataclass
class Translation:
    model: str
    blocks: list[TranslatedBlock]
    signature: dict = field(default_factory=dict)  # model, revision, backend, quantization, beams, versions
    source: str | None = None  # input path

    @property
    def passed(self) -> bool:
        return all(b.check.passed for b in self.blocks)

    def to_dict(self) -> dict: ...
