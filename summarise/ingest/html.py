"""Saved web pages (.html / .htm) → blocks, through trafilatura's main-content extraction.

trafilatura is built for news pages: it keeps the article's paragraphs and subheadings and leaves
out navigation, teaser and related-links boxes, cookie banners, bylines and footers. The title is the
page's <h1> (else the metadata title, without the " | Site name" trail).
"""

from __future__ import annotations

import logging
import re

from ..document import Block, Document
from ..errors import InputError
from ..language.german import ends_sentence
from .clean import one_line
from .encoding import decode_text

log = logging.getLogger(__name__)
# A page that names its encoding is parsed as bytes; one that does not would be read as Latin-1 by
# libxml2, so it is decoded like any text file first (UTF-8, else the detected legacy encoding).
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset|<\?xml[^>]+encoding=", re.I)
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def html_document(data: bytes, name: str = "input") -> Document:
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    # trafilatura logs every page it finds nothing in: the one-line error below says it better
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        tree = lxml_html.fromstring(
            data if _DECLARED_CHARSET.search(data[:4096]) else decode_text(data, name)
        )
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"{name} looks like a web page but cannot be parsed ({e})") from e
    _drop_furniture(tree)
    headlines = _headlines(tree)  # before extraction, which may prune the tree
    xml = trafilatura.extract(
        tree,
        output_format="xml",
        include_comments=False,
        include_images=False,
        include_links=False,
        include_tables=True,
        include_formatting=False,
        with_metadata=True,
        deduplicate=False,
    )
    if not xml:
        raise InputError(
            f"{name} is a web page without article text summarise can find (broken, or not an article "
            "page): save the article page itself, or copy its text into a .txt file"
        )
    doc = etree.fromstring(xml.encode("utf-8"))
    blocks: list[Block] = []
    meta_title = _SITE_SUFFIX.sub("", one_line(doc.get("title") or ""))
    title = _best_headline(headlines, meta_title) or meta_title
    if title:
        blocks.append(Block("title", title))
    main = doc.find("main")
    for el in main.iter("head", "p", "item", "quote", "row") if main is not None else []:
        if el.tag == "p" and _inside(el, ("item", "quote", "row")):
            continue  # the list item / quote / row carries it
        pieces = [" | ".join(_cells(el))] if el.tag == "row" else _paragraphs(el)
        kind = "heading" if el.tag == "head" else "paragraph"
        for text in pieces:
            if not text or (blocks and text == blocks[-1].text) or (kind == "heading" and text == title):
                continue
            blocks.append(Block("title" if kind == "heading" and not blocks else kind, text))
    if not any(b.kind == "paragraph" for b in blocks):
        raise InputError(
            f"{name} is a web page without article text summarise can find (broken, or not an article page)"
        )
    return Document(blocks)


# Page parts that are never the article, whatever the extractor's scores say: expandable "Details"
# boxes, captions, navigation, forms, related-links asides, footers.
_FURNITURE = (
    "details",
    "summary",
    "figcaption",
    "nav",
    "footer",
    "form",
    "button",
    "aside",
    "script",
    "style",
)


def _drop_furniture(tree) -> None:
    for el in list(tree.iter(*_FURNITURE)):
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()


def _paragraphs(el) -> list[str]:
    """The paragraphs of one extracted element: pages that separate paragraphs with <br><br> instead
    of <p> come back as one element with line breaks; a break after a sentence end starts a new one."""
    pieces: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            pieces.append("")
        else:
            pieces[-1] += "".join(child.itertext())
        pieces[-1] += child.tail or ""
    out: list[str] = []
    for piece in (one_line(p) for p in pieces):
        if not piece:
            continue
        if out and not ends_sentence(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _headlines(tree) -> list[str]:
    """The page's <h1> texts, those inside <article> or <main> only when there are any (sites put
    their logo in an <h1> too)."""
    inside = tree.xpath("//article//h1 | //main//h1")
    return [t for t in (one_line(h.text_content()) for h in inside or tree.iter("h1")) if t]


def _best_headline(headlines: list[str], meta_title: str) -> str:
    """The <h1> that shares most words with the metadata title (the first on a tie)."""
    if not headlines:
        return ""
    words = set(meta_title.lower().split())
    return max(headlines, key=lambda t: len(words & set(t.lower().split())))


def _inside(el, tags: tuple[str, ...]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _cells(row) -> list[str]:
    return [one_line("".join(cell.itertext())) for cell in row.iter("cell")]
