"""A saved web page → the same page in English.

The page is parsed with lxml and written back whole: every element, attribute, script and style
stays. What is translated: the text of every block element (a paragraph, a heading, a list item, a
cell, the <title>), one unit per stretch of text and inline elements between nested blocks, so a
sentence with a link or bold words inside is translated as one sentence and the inline elements are
placed on the aligned English words; and the text-bearing attributes (alt, title, aria-label,
placeholder, the meta description and its Open Graph / Twitter twins). What is not: scripts, styles,
code, pre, kbd, samp, textarea, svg and math, and anything marked `translate="no"` or
`class="notranslate"` (both named in the report). <html> gets lang="en".
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ...errors import InputError
from .engine import CODE, DO_NOT_TRANSLATE, RoundTripReport, Skipped, Unit, has_words, translate_units
from .inline import Inline, anchor, span, text

INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "big", "button", "cite", "data", "del", "dfn", "em", "font", "i", "ins", "label", "mark",
    "q", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
}  # fmt: skip
OPAQUE_INLINE = {"br", "wbr", "img", "input", "picture", "video", "audio", "iframe", "object",
                 "embed", "canvas", "meter", "progress", "output"}  # fmt: skip
CODE_TAGS = {"code", "pre", "kbd", "samp", "var", "textarea"}
UNTOUCHED = {"script", "style", "template", "svg", "math"}  # (<noscript> is shown without JavaScript: translated)
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
META_NAMES = {"description", "og:description", "og:title", "twitter:description", "twitter:title", "keywords"}
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset|<\?xml[^>]+encoding=", re.I)


def translate_html(data: bytes, translator, *, name: str = "input", source: str | None = None):
    """(the English page as UTF-8 bytes, RoundTripReport)."""
    from ...ingest.encoding import decode_text

    report = RoundTripReport("html", source)
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=False, remove_pis=False)
    try:
        content = data if _DECLARED_CHARSET.search(data[:4096]) else decode_text(data, name)
        tree = lxml_html.document_fromstring(content, parser=parser).getroottree()
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"{name} looks like a web page but cannot be parsed ({e})") from e
    root = tree.getroot()
    units: list[Unit] = []
    _walk(root, units, report, "html")
    translate_units(units, translator, report)
    root.set("lang", "en")
    if root.get("{http://www.w3.org/XML/1998/namespace}lang") is not None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    _utf8(root)
    doctype = tree.docinfo.doctype or "<!DOCTYPE html>"
    return (doctype + "\n" + _serialise(root) + "\n").encode("utf-8"), report


# libxml2's HTML serialiser percent-escapes URL attributes (a space in an href becomes %20, so a link
# changes) and drops a <meta http-equiv="Content-Type">: their values are swapped for tokens while
# serialising and put back exactly as they were.
_KEPT_ATTRIBUTES = ("href", "src", "action", "cite", "formaction", "data", "poster", "background", "longdesc",
                    "usemap", "name", "http-equiv", "codebase", "classid", "archive", "profile")  # fmt: skip


def _serialise(root) -> str:
    import html as html_escape
    import secrets

    prefix = f"summarise-kept-{secrets.token_hex(6)}-"
    kept: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in _KEPT_ATTRIBUTES:
            value = el.get(attr)
            if value is not None:
                el.set(attr, f"{prefix}{len(kept)}.")
                kept.append(value)
    text = lxml_html.tostring(root, encoding="unicode", method="html")
    pattern = re.compile(re.escape(prefix) + r"(\d+)\.")
    return pattern.sub(lambda m: html_escape.escape(kept[int(m.group(1))], quote=True), text)


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _do_not_translate(el) -> bool:
    return (el.get("translate") or "").strip().lower() == "no" or "notranslate" in (el.get("class") or "").split()


def _path(el) -> str:
    """A short address for the report: the tag with its id or first class, e.g. p#intro, div.teaser."""
    tag = _tag(el)
    if el.get("id"):
        return f"{tag}#{el.get('id')}"
    classes = (el.get("class") or "").split()
    return f"{tag}.{classes[0]}" if classes else tag


def _walk(el, units: list[Unit], report: RoundTripReport, where: str) -> None:
    tag = _tag(el)
    if tag in UNTOUCHED or not tag:
        return
    here = "html" if tag == "html" else f"{where} > {_path(el)}"
    if _do_not_translate(el):
        if has_words(el.text_content()):
            report.skipped.append(Skipped(here, el.text_content(), DO_NOT_TRANSLATE))
        return
    if tag in CODE_TAGS:
        if has_words(el.text_content()):
            report.skipped.append(Skipped(here, el.text_content(), CODE))
        return
    _attribute_units(el, units, here)
    children = list(el)
    # Stretches of text and inline children between block children: one unit each.
    stretch: list = []
    start_of = None  # None: the stretch starts at el.text; else at that block child's tail
    for child in children:
        if _is_inline(child):
            stretch.append(child)
            continue
        _stretch_unit(el, start_of, stretch, units, report, here)
        if isinstance(child.tag, str):
            _walk(child, units, report, here)
        start_of, stretch = child, []
    _stretch_unit(el, start_of, stretch, units, report, here)


def _is_inline(child) -> bool:
    if not isinstance(child.tag, str):
        return True  # a comment inside a sentence stays inside it (as an anchor)
    tag = _tag(child)
    return tag in INLINE or tag in OPAQUE_INLINE or tag in CODE_TAGS - {"pre", "textarea"}


def _attribute_units(el, units: list[Unit], here: str) -> None:
    names = list(ATTRIBUTES)
    if _tag(el) == "meta" and (el.get("name") or el.get("property") or "").lower() in META_NAMES:
        names.append("content")
    if _tag(el) == "input" and (el.get("type") or "").lower() in ("submit", "button", "reset"):
        names.append("value")
    for attr in names:
        value = el.get(attr)
        if value and has_words(value):

            def write(placed: list[Inline], el=el, attr=attr) -> None:
                el.set(attr, "".join(_flat(placed)))

            units.append(Unit(f"{here} @{attr}", [text(value)], write))


def _flat(items: list[Inline]) -> list[str]:
    out = []
    for item in items:
        out.append(item.text if item.kind == "text" else "".join(_flat(item.children)))
    return out


def _inline_items(el, units: list[Unit], report: RoundTripReport, here: str) -> list[Inline]:
    """The inline content of an element: its text, its children (spans, or anchors when opaque) and
    their tails."""
    items = [text(el.text or "")]
    for child in el:
        items.append(_inline_item(child, units, report, here))
        items.append(text(child.tail or ""))
    return items


def _inline_item(child, units: list[Unit], report: RoundTripReport, here: str) -> Inline:
    if not isinstance(child.tag, str):
        return anchor(child)
    tag = _tag(child)
    where = f"{here} > {_path(child)}"
    _attribute_units(child, units, where)
    if _do_not_translate(child) or tag in CODE_TAGS:
        if has_words(child.text_content()):
            report.skipped.append(Skipped(where, child.text_content(), DO_NOT_TRANSLATE if tag not in CODE_TAGS else CODE))
        return anchor(child)
    if tag in OPAQUE_INLINE:
        for sub in child.iter():
            if sub is not child and isinstance(sub.tag, str):
                _attribute_units(sub, units, where)
        return anchor(child, breaks=tag == "br")
    if any(isinstance(c.tag, str) and not _is_inline(c) for c in child):
        # A block inside an inline element (<a><div>…</div></a>): its content is its own unit.
        _walk(child, units, report, here)
        return anchor(child)
    return span(child, _inline_items(child, units, report, where))


def _stretch_unit(parent, start_of, stretch: list, units: list[Unit], report: RoundTripReport, here: str) -> None:
    lead = parent.text if start_of is None else start_of.tail
    items = [text(lead or "")]
    for child in stretch:
        items.append(_inline_item(child, units, report, here))
        items.append(text(child.tail or ""))
    if not has_words("".join(i.text for i in items if i.kind == "text")) and not any(
        i.kind == "span" and has_words("".join(_flat(i.children))) for i in items
    ):
        return
    raw = "".join(_flat(items))
    leading = raw[: len(raw) - len(raw.lstrip())]
    trailing = raw[len(raw.rstrip()) :]
    members = list(stretch)

    def write(placed: list[Inline]) -> None:
        first, elements = _emit(placed)
        first = leading + first
        if elements:
            elements[-1].tail = (elements[-1].tail or "") + trailing
        else:
            first += trailing
        if start_of is None:
            parent.text = first
            position = 0
        else:
            start_of.tail = first
            position = parent.index(start_of) + 1
        for child in members:
            parent.remove(child)
        for offset, element in enumerate(elements):
            parent.insert(position + offset, element)

    units.append(Unit(f"{here} text", items, write))


def _emit(placed: list[Inline]) -> tuple[str, list]:
    """(the text before the first element, the elements with their tails set)."""
    lead = ""
    elements: list = []
    for item in placed:
        if item.kind == "text":
            if elements:
                elements[-1].tail = (elements[-1].tail or "") + item.text
            else:
                lead += item.text
            continue
        node = item.node
        node.tail = None  # its tail was a text item of the unit: now placed like the rest
        if item.kind == "span":
            inner_lead, inner = _emit(item.children)
            for child in list(node):
                node.remove(child)
            node.text = inner_lead or None
            for element in inner:
                node.append(element)
        elements.append(node)
    return lead, elements


def _utf8(root) -> None:
    """The page is written as UTF-8: say so where it named another charset."""
    for meta in root.iter("meta"):
        if meta.get("charset") is not None and meta.get("charset").strip().lower().replace("_", "-") != "utf-8":
            meta.set("charset", "utf-8")
        elif (meta.get("http-equiv") or "").lower() == "content-type" and "utf-8" not in (meta.get("content") or "").lower():
            meta.set("content", "text/html; charset=utf-8")
        elif (meta.get("http-equiv") or "").lower() == "content-language":
            meta.set("content", "en")
