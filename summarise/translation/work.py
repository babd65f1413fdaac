"""Work-in-progress types shared by the translation engine and the repair loop.

They live here, below both, so that `translate` (which runs the repair loop) and `repair` (which
retranslates through the engine) need not import each other: repair sees the engine only through
the `Engine` protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..checking.report import CheckReport
from ..document import block_number
from ..models.backends.base import Backend, GenerationSettings


@dataclass(eq=False)
class Unit:
    """One sentence of a block and the pieces of it the model sees (one, unless it is too long)."""

    source: str
    pieces: list[str]
    translation: str = ""


@dataclass(eq=False)
class BlockWork:
    """A block while it is being translated and repaired."""

    index: int  # position in its document's list of blocks (0-based; people read `number`)
    kind: str
    source: str
    units: list[Unit]
    report: CheckReport | None = None
    repair: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def number(self) -> int:
        """The block number people read (from 1), as the checker's Problem.block carries it."""
        return block_number(self.index)

    @property
    def translation(self) -> str:
        return " ".join(u.translation for u in self.units if u.translation)


class Engine(Protocol):
    """What the repair loop needs from the translation engine (summarise.translation.engine.Translator)."""

    backend: Backend
    settings: GenerationSettings

    def fit(self, text: str) -> list[str]: ...

    def check(self, source: str, candidate: str, *, block: int | None = None) -> CheckReport: ...

    def run(
        self,
        texts: Sequence[str],
        settings: GenerationSettings | None = None,
        *,
        boosts: Sequence[tuple[str, ...] | None] | None = None,
    ) -> list[str]: ...
