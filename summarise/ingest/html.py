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
from .web_furniture import drop_dom_furniture, is_web_furniture, strip_glued_credit

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
    drop_dom_furniture(tree)
    headlines = _headlines(tree)  # before extraction, which may prune the tree
    head_title = one_line(tree.findtext(".//title") or "")
    lead = _visible_description(tree)
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
    page_title = one_line(doc.get("title") or "")
    meta_title = _SITE_SUFFIX.sub("", page_title)
    # the <h1> that is the headline: compared with the whole <title> ("BMJV | Transparenz bei …")
    title = _best_headline(headlines, f"{page_title} {head_title}") or meta_title
    if title:
        blocks.append(Block("title", title))
    main = doc.find("main")
    for el in main.iter("head", "p", "item", "quote", "row") if main is not None else []:
        if el.tag == "p" and _inside(el, ("item", "quote", "row")):
            continue  # the list item / quote / row carries it
        pieces = [" | ".join(_cells(el))] if el.tag == "row" else _paragraphs(el)
        kind = "heading" if el.tag == "head" else "paragraph"
        for text in pieces:
            if not text or is_web_furniture(text):
                continue  # a caption with its credit, a dateline: before a glued credit is cut off below
            text = strip_glued_credit(text)
            if blocks and text == blocks[-1].text:
                continue
            if kind == "heading" and title and _same_words(text, title):
                continue  # the headline again (with or without its kicker, spaced differently)
            blocks.append(Block("title" if kind == "heading" and not blocks else kind, text))
    if lead and not any(_same_words(lead, b.text) for b in blocks):
        # a lead or teaser the extractor left out: the page's own description, shown on the page
        at = 1 if blocks and blocks[0].kind == "title" else 0
        blocks.insert(at, Block("paragraph", lead))
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


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _same_words(a: str, b: str) -> bool:
    """The same text up to spacing and punctuation, or one is the other with a kicker in front."""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa == wb or wa.endswith(" " + wb) or wb.endswith(" " + wa))


def _visible_description(tree) -> str:
    """The page's description (meta description / og:description) when an element in the page body
    shows exactly that text: a lead or teaser paragraph, not a search-engine blurb."""
    for content in tree.xpath('//meta[@name="description"]/@content | //meta[@property="og:description"]/@content'):
        text = one_line(content)
        if len(text) < 40:
            continue
        words = _words(text)
        for el in tree.xpath("//body//p | //body//div | //body//h2 | //body//li"):
            shown = el.text_content()
            if len(shown) < 2 * len(text) and _words(shown) == words:
                return one_line(shown)
    return ""


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
