"""A German Word file with everything a round trip must keep, built with python-docx (plus raw XML for
what python-docx does not model: footnotes, a text box, fields, a hyperlink): a header and a footer
(with a PAGE field), a title, a paragraph with bold, italic and a hyperlink inside one sentence and a
footnote reference, a nested bulleted list, a table with a nested table, a picture with a caption (SEQ
field), a text box (DrawingML with its VML fallback) and a footnote."""

from __future__ import annotations

import io
import struct
import zlib

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LINK_URL = "https://example.org/bericht"

# What the word-for-word double makes of the formatted words (the test's truth for span placement).
SPANS = {"bold": "important", "italic": "italic", "link": "link"}


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _footnotes_xml() -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {nsdecls("w")}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Die Fußnote über den Bericht.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()


_TEXTBOX = (
    '<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
    'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="2000000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
    '<wp:docPr id="20" name="Textfeld 1"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="500000"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
    '<wps:txbx><w:txbxContent><w:p><w:r><w:t xml:space="preserve">Der Kasten mit dem Textfeld</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
    '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape id="tb1" style="width:150pt;height:40pt"><v:textbox>'
    '<w:txbxContent><w:p><w:r><w:t xml:space="preserve">Der Kasten mit dem Textfeld</w:t></w:r></w:p></w:txbxContent>'
    "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)
_TEXTBOX_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _field_runs(instruction: str, result: str) -> list:
    return [
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:t>{result}</w:t></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'),
    ]


def build_docx() -> bytes:
    document = docx.Document()
    styles = document.styles
    if "Caption" not in [s.name for s in styles]:
        styles.add_style("Caption", WD_STYLE_TYPE.PARAGRAPH)
    section = document.sections[0]
    section.header.paragraphs[0].text = "Die Kopfzeile\tmit dem Titel"  # a tab between words
    footer = section.footer.paragraphs[0]
    footer.add_run("Die Fußzeile und die Seite ")
    for run in _field_runs("PAGE", "1"):
        footer._p.append(run)

    document.add_heading("Der Bericht über die Stadt", level=1)
    p = document.add_paragraph("Das ist ")
    p.add_run("wichtig").bold = True
    p.add_run(" und ")
    p.add_run("kursiv").italic = True
    p.add_run(" mit dem ")
    rel = document.part.relate_to(LINK_URL, RT.HYPERLINK, is_external=True)
    link = parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
        "<w:t>Verweis</w:t></w:r></w:hyperlink>"
    )
    p._p.append(link)
    p.add_run(" für die Menschen.")
    ref = parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    )
    p._p.append(ref)
    p.add_run(" Die Stadt hat 3.000 Menschen.")

    document.add_paragraph("Die Liste mit dem Punkt", style="List Bullet")
    document.add_paragraph("Der Unterpunkt mit dem Haus", style="List Bullet 2")
    document.add_paragraph("Der Punkt mit dem Preis", style="List Bullet")

    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Die Zelle mit dem Jahr"
    table.cell(0, 1).text = "2024"
    table.cell(1, 0).text = "Die Zelle mit dem Zug"
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Die neue Tabelle"
    inner.cell(0, 1).text = "Der Preis"

    document.add_picture(io.BytesIO(tiny_png()))
    caption = document.add_paragraph("Bild ", style="Caption")
    caption._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" SEQ Bild "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    caption.add_run(": Die Beschreibung von dem Haus")

    boxed = document.add_paragraph("Der Absatz mit dem Kasten ")
    boxed._p.append(parse_xml(_TEXTBOX.format(ns=_TEXTBOX_NS)))

    footnotes = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, _footnotes_xml(), document.part.package)
    document.part.relate_to(footnotes, RT.FOOTNOTES)
    for rpr_default in document.styles.element.iter(qn("w:rPrDefault")):
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is not None:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = parse_xml(f'<w:lang {nsdecls("w")}/>')
                rpr.append(lang)
            lang.set(qn("w:val"), "de-DE")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
