"""Word .docx files → blocks, through python-docx: the paragraph styles say what is a title
("Title", or the first "Heading 1") and what is a heading ("Heading N"); the rest are paragraphs."""

from __future__ import annotations

import io
import re

from ..document import Block, Document
from ..errors import InputError
from .clean import one_line
from .web_furniture import is_credit

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
    cover = _cover_title(document)
    if cover and not _has_title_style(document):
        blocks.append(Block("title", cover))
    for style, raw in _body(document):
        text = one_line(raw)
        if text and not is_credit(text):  # a picture's "Quelle: …" line is not the document's text
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


# --------------------------------------------------------------------------- cover page

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}


def _xp(el, expr: str) -> list:
    from lxml import etree

    return etree.XPath(expr, namespaces=_NS)(el)


def _has_title_style(document) -> bool:
    return any((p.style is not None and p.style.name.lower() in ("title", "titel")) for p in document.paragraphs)


def _cover_title(document) -> str:
    """The title a Word cover page sets in a text box: the paragraphs in the biggest font of the text
    boxes that stand before the first line of body text, when that font is clearly bigger than the
    body's. Each text box is read once (Word writes a drawing and a VML fallback of it)."""
    body = document.element.body
    boxes = []
    for child in body.iterchildren():
        own = "".join(_xp(child, "./w:r/w:t/text()")) if child.tag == f"{{{_W}}}p" else ""
        if own.strip():
            break  # the first paragraph of body text: the cover page is over
        boxes += _xp(child, ".//w:txbxContent[not(ancestor::mc:Fallback)]")
    sized: list[tuple[int, str]] = []
    for box in boxes:
        for para in _xp(box, ".//w:p"):
            text = one_line("".join(_xp(para, ".//w:t/text()")))
            sizes = [int(v) for v in _xp(para, ".//w:rPr/w:sz/@w:val")]
            if text and sizes:
                sized.append((max(sizes), text))
    if not sized:
        return ""
    biggest = max(size for size, _ in sized)
    if biggest < 1.4 * _body_size(body):
        return ""
    return one_line(" ".join(text for size, text in sized if size == biggest))


def _body_size(body) -> int:
    """The most common run font size of the body text, in half-points (Word's default 11 pt: 22)."""
    sizes = _xp(body, "./w:p/w:r/w:rPr/w:sz/@w:val")
    if not sizes:
        return 22
    return int(max(set(sizes), key=sizes.count))
