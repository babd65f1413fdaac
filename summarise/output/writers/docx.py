"""Word .docx → the same .docx in English.

The package is rewritten part by part: every part is copied byte for byte except the ones with
text (the body, headers, footers, footnotes, endnotes; text boxes, tables and captions live inside
them) and the ones that carry the document's language (styles, settings, core properties). Inside a
part, every paragraph (`w:p`, nested ones in tables and text boxes too, and both the choice and the
fallback of an `mc:AlternateContent`) is one unit; its runs become inline items:

- text runs with the paragraph's most common formatting are plain text, runs formatted otherwise are
  spans (placed on the aligned English words), hyperlinks, smart tags and insertions are spans
  holding their own runs (the link target, a relationship id, is never touched);
- everything else stays as it is and where it aligns: footnote references, drawings and text boxes,
  breaks, tabs, bookmarks, fields (their codes, and their results: page numbers, dates, tables of
  contents are the program's to update, reported as "field"), math, deleted text.

Section layout (`w:sectPr`), numbering, styles and images are untouched. Macros are never carried
over: a macro-enabled package (.docm) is written as a plain .docx without its VBA project.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile

from lxml import etree

from ...errors import InputError
from .engine import FIELD, RoundTripReport, Skipped, Unit, has_words
from .inline import Inline, anchor, span, text
from .safety import open_zip, parse_xml, read_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OFFICE_DOCUMENT = R + "/officeDocument"
TEXT_PARTS = ("header", "footer", "footnotes", "endnotes")  # relationship types (last path segment)
MACRO_PARTS = re.compile(r"(^|/)vba[^/]*$|(^|/)_rels/vba[^/]*\.rels$", re.I)
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ENGLISH = "en-US"
SPAN_CONTAINERS = ("hyperlink", "smartTag", "ins", "customXml")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def translate_docx(data: bytes, translator, *, name: str = "input", source: str | None = None):
    """(the English .docx as bytes, RoundTripReport)."""
    report = RoundTripReport("docx", source)
    archive = open_zip(data, name)
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
        raise InputError(f"{name} is not a Word package: it has no [Content_Types].xml or _rels/.rels")
    main = _main_part(archive, name)
    if main not in names:
        raise InputError(f"{name} is damaged: its main part {main} is missing")
    text_parts = [main] + _related_text_parts(archive, main, name, names)
    trees = {part: parse_xml(read_part(archive, part, name), f"{name}: {part}") for part in text_parts}
    units: list[Unit] = []
    state = _FieldState()
    for part, root in trees.items():
        for number, paragraph in enumerate(root.iter(w("p")), 1):
            unit = _paragraph_unit(paragraph, f"{part} paragraph {number}", state, report)
            if unit is not None:
                units.append(unit)
    from .engine import translate_units

    translate_units(units, translator, report)
    for root in trees.values():
        _set_language(root)
    replaced = {part: _serialise(root) for part, root in trees.items()}
    for part in ("word/styles.xml", "word/settings.xml", "docProps/core.xml"):
        if part in names and part not in replaced:
            root = parse_xml(read_part(archive, part, name), f"{name}: {part}")
            _set_language(root, styles=part == "word/styles.xml")
            replaced[part] = _serialise(root)
    macros = [n for n in names if MACRO_PARTS.search(n)]
    if macros:
        report.notes.append(f"macros removed: {', '.join(sorted(macros))} (macros are never carried over)")
        replaced.update(_without_macro_references(archive, name, names))
    return _write_package(archive, replaced, set(macros), name), report


# --- the package ----------------------------------------------------------------------------------


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _main_part(archive, name: str) -> str:
    rels = parse_xml(read_part(archive, "_rels/.rels", name), f"{name}: _rels/.rels")
    for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Type") == OFFICE_DOCUMENT:
            return rel.get("Target", "").lstrip("/")
    raise InputError(f"{name} is damaged: _rels/.rels names no main document part")


def _related_text_parts(archive, main: str, name: str, names: set[str]) -> list[str]:
    rels_part = _rels_of(main)
    if rels_part not in names:
        return []
    rels = parse_xml(read_part(archive, rels_part, name), f"{name}: {rels_part}")
    parts = []
    for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind in TEXT_PARTS and rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(posixpath.dirname(main), rel.get("Target", "")))
            if target not in names:
                raise InputError(f"{name} is damaged: its {kind} part {target} is missing")
            if target not in parts:
                parts.append(target)
    return parts


def _without_macro_references(archive, name: str, names: set[str]) -> dict[str, bytes]:
    """The content types and relationships with every macro part and reference removed."""
    out = {}
    types = parse_xml(read_part(archive, "[Content_Types].xml", name), f"{name}: [Content_Types].xml")
    for el in list(types):
        ctype = el.get("ContentType", "")
        if "vba" in ctype.lower() or "macroEnabled" in ctype and el.get("PartName") is None:
            types.remove(el)
        elif "macroEnabled" in ctype:
            el.set("ContentType", MAIN_TYPE)
    out["[Content_Types].xml"] = _serialise(types)
    for rels_part in (n for n in names if n.endswith(".rels") and not MACRO_PARTS.search(n)):
        rels = parse_xml(read_part(archive, rels_part, name), f"{name}: {rels_part}")
        dropped = [r for r in rels if "vba" in (r.get("Type", "") + r.get("Target", "")).lower()]
        for rel in dropped:
            rels.remove(rel)
        if dropped:
            out[rels_part] = _serialise(rels)
    return out


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_package(archive: zipfile.ZipFile, replaced: dict[str, bytes], dropped: set[str], name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            if info.filename in dropped:
                continue
            data = replaced.get(info.filename)
            if data is None:
                data = read_part(archive, info.filename, name)
            clone = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            clone.compress_type = zipfile.ZIP_DEFLATED if info.compress_type != zipfile.ZIP_STORED else zipfile.ZIP_STORED
            clone.external_attr = info.external_attr
            out.writestr(clone, data)
    return buffer.getvalue()


def _set_language(root, *, styles: bool = False) -> None:
    """Mark the text English: every German w:lang, the theme's language, core properties' dc:language;
    in styles, the document default too."""
    for lang in root.iter(w("lang"), w("themeFontLang")):
        value = lang.get(w("val"))
        if value is None or value.lower().startswith("de"):
            lang.set(w("val"), ENGLISH)
    for el in root.iter("{http://purl.org/dc/elements/1.1/}language"):
        el.text = ENGLISH
    if styles:
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        if defaults is None:
            doc_defaults = root.find(w("docDefaults"))
            if doc_defaults is None:
                doc_defaults = etree.Element(w("docDefaults"))
                root.insert(0, doc_defaults)
            rpr_default = doc_defaults.find(w("rPrDefault"))
            if rpr_default is None:
                rpr_default = etree.SubElement(doc_defaults, w("rPrDefault"))
                doc_defaults.insert(0, rpr_default)
            defaults = etree.SubElement(rpr_default, w("rPr"))
        if defaults.find(w("lang")) is None:
            etree.SubElement(defaults, w("lang")).set(w("val"), ENGLISH)


# --- paragraphs -> inline items -------------------------------------------------------------------


class _FieldState:
    """The complex fields (w:fldChar begin … instrText … separate … result … end) open at this point of
    the document: they may span paragraphs (a table of contents), so the stack carries over."""

    # Fields whose result is text a reader reads (a table of contents, a link, a cross-reference):
    # translated. Others (PAGE, DATE, NUMPAGES, SEQ …) are the program's to compute: kept.
    TEXT_FIELDS = ("TOC", "HYPERLINK", "REF")

    def __init__(self):
        self.stack: list[list] = []  # [instruction, in result part]

    def step(self, run) -> None:
        for el in run.iter(w("fldChar"), w("instrText")):
            if _local(el) == "instrText":
                if self.stack:
                    self.stack[-1][0] += el.text or ""
                continue
            kind = el.get(w("fldCharType"))
            if kind == "begin":
                self.stack.append(["", False])
            elif kind == "separate" and self.stack:
                self.stack[-1][1] = True
            elif kind == "end" and self.stack:
                self.stack.pop()

    @property
    def open(self) -> bool:
        return bool(self.stack)

    @property
    def translatable(self) -> bool:
        """Outside fields, or inside the result of fields that are all text fields."""
        return all(result and instr.split()[:1] and instr.split()[0].upper() in self.TEXT_FIELDS
                   for instr, result in self.stack)  # fmt: skip


def _run_text(run) -> str:
    return "".join(t.text or "" for t in run if _local(t) == "t")


def _format_key(run) -> bytes:
    rpr = run.find(w("rPr"))
    if rpr is None:
        return b""
    rpr = copy.deepcopy(rpr)
    for el in list(rpr):
        if _local(el) in ("lang", "noProof", "rFonts"):  # not what a reader sees as a span
            rpr.remove(el)
    return etree.tostring(rpr)


def _split_mixed_runs(container) -> None:
    """A run holding text and something else (a tab, a break, a drawing) becomes one run per piece, so
    text runs hold only text and the rest stays where it is."""
    for run in list(container.iter(w("r"))):
        content = [c for c in run if _local(c) != "rPr"]
        kinds = {_local(c) == "t" for c in content}
        if len(kinds) < 2:
            continue
        rpr = run.find(w("rPr"))
        parent, index = run.getparent(), run.getparent().index(run)
        parent.remove(run)
        for offset, child in enumerate(content):
            piece = etree.Element(run.tag, run.attrib, nsmap=run.nsmap)
            if rpr is not None:
                piece.append(copy.deepcopy(rpr))
            piece.append(child)
            parent.insert(index + offset, piece)


def _paragraph_unit(paragraph, where: str, fields: _FieldState, report: RoundTripReport) -> Unit | None:
    _split_mixed_runs(paragraph)
    children = [c for c in paragraph if _local(c) != "pPr"]
    items, base = _items(children, fields, where, report)
    if not any(i.kind != "anchor" for i in items):
        return None

    def write(placed: list[Inline]) -> None:
        for child in children:
            paragraph.remove(child)
        for el in _emit(placed, base):
            paragraph.append(el)

    return Unit(where, items, write)


def _items(children, fields: _FieldState, where: str, report: RoundTripReport):
    """Inline items of a container's children, and the run its plain text is written with."""
    groups: list[tuple[bytes, object, list]] = []  # consecutive text runs of one formatting
    raw: list = []
    for child in children:
        tag = _local(child)
        if tag == "r":
            marks = child.find(w("fldChar")) is not None or child.find(w("instrText")) is not None
            if not marks and fields.translatable and child.find(w("t")) is not None:
                key = _format_key(child)
                if groups and raw and raw[-1] == ("group", len(groups) - 1) and groups[-1][0] == key:
                    groups[-1][2].append(child)
                else:
                    groups.append((key, child, [child]))
                    raw.append(("group", len(groups) - 1))
                continue
            fields.step(child)
            if not marks and has_words(_run_text(child)):
                report.skipped.append(Skipped(where, _run_text(child), FIELD))
            raw.append(("anchor", child))
        elif tag in SPAN_CONTAINERS and fields.translatable:
            raw.append(("container", child))
        else:
            # A simple field's result, a content control's text, anything inside an open field: kept.
            if (tag in ("fldSimple", "sdt") or fields.open) and has_words("".join(child.itertext())):
                report.skipped.append(Skipped(where, "".join(child.itertext()), FIELD))
            raw.append(("anchor", child))
    weight: dict[bytes, int] = {}
    for key, _, runs in groups:
        weight[key] = weight.get(key, 0) + sum(len(_run_text(r)) for r in runs)
    base_key = max(weight, key=weight.get) if weight else None
    base = next((g[1] for g in groups if g[0] == base_key), None)
    items: list[Inline] = []
    for kind, value in raw:
        if kind == "group":
            key, template, runs = groups[value]
            content = "".join(_run_text(r) for r in runs)
            items.append(text(content) if key == base_key else span(("run", template), [text(content)]))
        elif kind == "container":
            _split_mixed_runs(value)
            inner = list(value)
            sub_items, sub_base = _items(inner, fields, where, report)
            items.append(span(("container", value, sub_base), sub_items))
        else:
            breaks = _local(value) == "r" and any(_local(c) in ("br", "cr", "tab") for c in value)
            items.append(anchor(value, breaks=breaks))
    return items, base


def _text_run(template, value: str):
    if template is None:
        run = etree.Element(w("r"))
    else:
        run = etree.Element(template.tag, template.attrib, nsmap=template.nsmap)
        rpr = template.find(w("rPr"))
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, w("t"))
    t.text = value
    t.set(XML_SPACE, "preserve")
    return run


def _emit(placed: list[Inline], base) -> list:
    out = []
    for item in placed:
        if item.kind == "text":
            if item.text:
                out.append(_text_run(base, item.text))
        elif item.kind == "anchor":
            out.append(item.node)
        elif item.node[0] == "run":
            value = "".join(c.text for c in item.children if c.kind == "text")
            out.append(_text_run(item.node[1], value))
            out.extend(c.node for c in item.children if c.kind == "anchor")
        else:
            _, container, sub_base = item.node
            for child in list(container):
                if _local(child) not in ("rPr",):
                    container.remove(child)
            for el in _emit(item.children, sub_base if sub_base is not None else base):
                container.append(el)
            out.append(container)
    return out
