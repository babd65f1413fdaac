"""The Document every stage passes along: an ordered list of title / heading / paragraph blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_KINDS = ("title", "heading", "paragraph")


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
