"""Word .docx files → blocks, through python-docx: the paragraph styles say what is a title
("Title", or the first "Heading 1") and what is a heading ("Heading N"); the rest are paragraphs."""

from __future__ import annotations

import io
import re

from ..document import Block, Document
from ..errors import InputError
from .clean import one_line

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
    for style, raw in _body(document):
        text = one_line(raw)
        if text:
            blocks.append(Block(_kind(style, blocks), text))
    return Document(blocks)


def _body(document):
    """(style name, text) of every paragraph in document order; a table gives one paragraph per row
    ("cell | cell"), so nothing in it is lost."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            yield (para.style.name if para.style is not None else "") or "", para.text
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(p.text for p in cell.paragraphs).strip()
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                yield "", " | ".join(cells)


def _kind(style: str, before: list[Block]) -> str:
    has_title = any(b.kind == "title" for b in before)
    if style.lower() in ("subtitle", "untertitel"):
        return "heading"
    if style.lower() in ("title", "titel"):
        return "heading" if has_title else "title"
    m = _HEADING.match(style)
    if m:
        # a document without a Title style starts with its first level-1 heading as the title
        if m.group(1) == "1" and not has_title and not any(b.kind == "paragraph" for b in before):
            return "title"
        return "heading"
    return "paragraph"
