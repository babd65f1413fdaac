"""The Document every stage passes along: an ordered list of title / heading / paragraph blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_KINDS = ("title", "heading", "paragraph")

# One numbering for every block (and, with `check --lines`, every line) a person or a tool reads:
# counted from 1, as people and editors count. Messages ("block 3"), the JSON "block" fields of
# problems, numbers, names and terms, the review pages, regress reports and serve all use it; only
# list positions in code (BlockWork.index, enumerate) count from 0, and they cross over here.
FIRST_BLOCK = 1


def block_number(index: int) -> int:
    """The number people read for the block or line at 0-based list position `index`."""
    return index + FIRST_BLOCK


def block_index(number: int) -> int:
    """The 0-based list position of block or line `number` (block_number's inverse)."""
    return number - FIRST_BLOCK


def numbered(items):
    """(block number, item) for each item, as `enumerate` counts them for people."""
    return enumerate(items, FIRST_BLOCK)


@dataclass
class Block:
    kind: str  # one of BLOCK_KINDS
    text: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    source: str | None = None  # path it was read from, "-" for stdin, None when built in code

    def to_dict(self) -> dict:
        return {"blocks": [b.to_dict() for b in self.blocks]}

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def title(self) -> str | None:
        for b in self.blocks:
            if b.kind == "title":
                return b.text
        return None

    @classmethod
    def from_dict(cls, data: dict, source: str | None = None) -> Document:
        return cls([Block(b["kind"], b["text"]) for b in data["blocks"]], source=source)
