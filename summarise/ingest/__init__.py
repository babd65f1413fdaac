"""Read an article into a Document of title / heading / paragraph blocks.

Sources, recognised by their content (the file name only breaks ties): PDF (`pdf`), Word .docx
(`docx`), saved web pages (`html`) and plain text or Markdown (`text`, also text pasted out of a PDF).
Every way the input can be unusable raises InputError with one line that names the file and says what
to do. The paragraph rebuilding shared by the line-based sources lives in `lines` and `plain`.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..limits import MAX_CHARS
from .detect import ZIP_MAGIC, sniff
from .encoding import decode_text
from .source import ARTICLE_SUFFIXES, SUFFIX_LIST, read_input
from .text import segment_text

__all__ = [
    "ARTICLE_SUFFIXES",
    "SUFFIX_LIST",
    "decode_text",
    "document_from_bytes",
    "document_from_text",
    "read_document",
    "read_input",
    "segment_text",
    "sniff",
]

MARKDOWN_SUFFIXES = (".md", ".markdown")


def read_document(path: str | Path, *, max_chars: int = MAX_CHARS, regular_only: bool = False) -> Document:
    """Read and segment an article file; "-" reads stdin. Reads at most what `max_chars` characters of
    text can take (see `source.read_input`): a bigger input is an InputError before it is all read."""
    raw = read_input(path, max_chars=max_chars, regular_only=regular_only)
    source = "-" if str(path) == "-" else str(path)
    name = "stdin" if source == "-" else None
    return document_from_bytes(raw.data, source=source, name=name, suffix=raw.suffix)


def document_from_bytes(
    data: bytes, *, source: str | None = None, name: str | None = None, suffix: str = ""
) -> Document:
    """Segment raw file bytes, whatever kind of article file they are."""
    name = name or source or "input"
    if not data:
        raise InputError(f"{name} is empty: there is no article to read")
    kind = sniff(data, suffix)
    if kind == "pdf":
        from .pdf import pdf_document

        doc = pdf_document(data, name)
    elif kind == "docx":
        from .docx import docx_document

        doc = docx_document(data, name)
    elif kind == "html":
        from .html import html_document

        doc = html_document(data, name)
    else:
        if data.startswith(ZIP_MAGIC):
            raise InputError(
                f"{name} is a ZIP archive but not a Word document (it has no word/document.xml): "
                "pass a .docx, .pdf, .html or text file"
            )
        text = decode_text(data, name)
        markdown = True if suffix.lower() in MARKDOWN_SUFFIXES else None
        return document_from_text(text, source=source, name=name, markdown=markdown)
    if not doc.blocks:
        raise InputError(f"{name} contains no article text")
    doc.source = source
    return doc


def document_from_text(
    text: str, *, source: str | None = None, name: str | None = None, markdown: bool | None = None
) -> Document:
    """Segment already-decoded text; raises InputError when there is nothing in it."""
    name = name or source or "input"
    if not text.strip():
        raise InputError(f"{name} contains only whitespace: there is no article to read")
    doc = segment_text(text, markdown=markdown)
    if not doc.blocks:
        raise InputError(f"{name} contains no article text")
    doc.source = source
    return doc
