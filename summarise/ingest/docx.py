"""Word .docx files → blocks, through python-docx: the paragraph styles say what is a title
("Title", or the first "Heading 1") and what is a heading ("Heading N"); the rest are paragraphs."""

from __future__ import annotations

import io
import re

from ..document import Block, Document
from ..errors import InputError
from .clean import clean_chars, collapse_spaces

_HEADING = re.compile(r"^(?:heading|überschrift)\s*(\d)", re.I)


def docx_document(data: bytes, name: str = "input") -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as e:
        raise InputError(f"{name} is not a readable Word .docx file ({type(e).__name__}: {e})") from e
    except Exception as e:  # a damaged zip or XML: all the same to the user
        raise InputError(f"{name} is a damaged Word .docx file ({type(e).__name__})") from e
    blocks: list[Block] = []
    for para in document.paragraphs:
        text = collapse_spaces(clean_chars(para.text).replace("\n", " "))
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        blocks.append(Block(_kind(style, blocks), text))
    return Document(blocks)


def _kind(style: str, before: list[Block]) -> str:
    has_title = any(b.kind == "title" for b in before)
    if style.lower() in ("title", "titel"):
        return "heading" if has_title else "title"
    m = _HEADING.match(style)
    if m:
        # a document without a Title style starts with its first level-1 heading as the title
        if m.group(1) == "1" and not has_title and not any(b.kind == "paragraph" for b in before):
            return "title"
        return "heading"
    return "paragraph"
