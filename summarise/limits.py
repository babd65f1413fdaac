"""How much text one article may have: one limit for every command (translate, brief, batch).

A long news article is ~30,000 characters; 5 million is a book. Above it a run would take hours,
so it is refused up front (one line, exit 2) before any model loads; `--max-chars` raises it.
"""

from __future__ import annotations

from .document import Document
from .errors import InputError

MAX_CHARS = 5_000_000


def document_chars(doc: Document) -> int:
    """Characters of text the model would see (block texts, without the separators between blocks)."""
    return sum(len(b.text) for b in doc.blocks)


def check_length(doc: Document, limit: int = MAX_CHARS, *, name: str | None = None, option: str = "--max-chars") -> None:
    """Raise InputError when `doc` has more than `limit` characters of text."""
    chars = document_chars(doc)
    if chars > limit:
        what = name or doc.source or "the input"
        what = "stdin" if what == "-" else what
        raise InputError(
            f"{what} has {chars:,} characters of text, more than the limit of {limit:,} ({option}): "
            f"split it, or raise {option}"
        )

# One HTTP request's text (`summarise serve`: LibreTranslate's charLimit, /v1/translate): a long article
# and more. A whole document goes through a job and gets MAX_CHARS.
REQUEST_MAX_CHARS = 100_000
