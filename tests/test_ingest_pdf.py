"""The PDF route, one layout feature at a time (tests/layout_pdf.py places every word itself, like a
real typesetter), and bad PDFs. The real-document corpus is scored in tests/test_corpus_ingest.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from layout_pdf import typeset

from summarise.errors import InputError
from summarise.ingest import document_from_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
LATIN1 = str.maketrans({"„": '"', "“": '"', "”": '"', "–": "-", "’": "'", "€": "EUR", "…": "..."})


def article(stem: str, n: int | None = None) -> list[tuple[str, str]]:
    blocks = json.loads((SAMPLES / f"{stem}.segment.json").read_text(encoding="utf-8"))["blocks"]
    return [(b["kind"], b["text"].translate(LATIN1)) for b in blocks[:n]]


def blocks_of(data: bytes) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in document_from_bytes(data, name="t.pdf").blocks]


STYLES = {
    "indent-only paragraphs": {"indent": True},
    "gap paragraphs": {"indent": False},
    "two columns": {"columns": 2},
    "two columns written right column first": {"columns": 2, "reverse_columns": True},
    "running head and page numbers": {"running_head": "Tagesblatt - Politik"},
    "browser print header and footer": {"print_margins": True, "indent": False, "page_numbers": False},
    "small pages, many page breaks": {"page": (105, 120)},
}


@pytest.mark.parametrize("stem", ["bundeshaushalt", "nordkorea-truppen"])
@pytest.mark.parametrize("style", list(STYLES), ids=list(STYLES))
def test_typeset_article_comes_back_block_for_block(stem, style):
    blocks = article(stem)
    data = typeset(blocks, **STYLES[style])
    assert blocks_of(data) == blocks


def test_words_are_separated_by_position_alone():
    """No space characters in the PDF (every word placed on its own): the gaps still make words."""
    blocks = [
        ("title", "Kurze Meldung"),
        ("paragraph", "Er sei im Alter von 73 Jahren friedlich im Schlaf gestorben."),
    ]
    data = typeset(blocks)
    assert b"friedlich im" not in data  # the words really are placed one by one
    assert blocks_of(data) == blocks


def test_wrapped_title_stays_one_block():
    title = "Nordkorea verstärkt Russlands Ukraine-Krieg mit 3.000 weiteren Soldaten an der Front im Osten"
    paragraph = "Die Regierung in Seoul bestätigte die Zahlen am Montag. " * 4
    blocks = [("title", title), ("paragraph", paragraph.strip())]
    assert blocks_of(typeset(blocks, page=(105, 150))) == blocks


def test_title_over_two_columns_then_subheadings_in_columns():
    blocks = article("bundeshaushalt")
    assert any(k == "heading" for k, _ in blocks)
    got = blocks_of(typeset(blocks, columns=2, page=(160, 150)))
    assert got == blocks


def test_page_numbers_and_heads_are_gone():
    data = typeset(article("nordkorea-truppen"), running_head="Tagesblatt - Politik", page=(105, 120))
    text = " ".join(t for _, t in blocks_of(data))
    assert "Tagesblatt" not in text
    assert not any(t.isdigit() for _, t in blocks_of(data))


def test_print_header_and_footer_are_gone_even_mid_paragraph():
    data = typeset(article("nordkorea-truppen"), print_margins=True, page=(105, 120), page_numbers=False)
    text = " ".join(t for _, t in blocks_of(data))
    for junk in ("29.11.26", "11:39", "file://", "Artikel | Tagesblatt", "1/"):
        assert junk not in text


# --------------------------------------------------------------------------- bad PDFs


def test_encrypted_pdf():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "Geheim")
    pdf.set_encryption(owner_password="owner", user_password="leser")
    with pytest.raises(InputError, match="encrypted PDF: remove the password"):
        document_from_bytes(bytes(pdf.output()), name="geheim.pdf")


def test_scanned_pdf_without_text_layer():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")  # an image of a page, no text
    with pytest.raises(InputError, match="no text layer: run OCR first"):
        document_from_bytes(bytes(pdf.output()), name="scan.pdf")


def test_broken_pdf():
    with pytest.raises(InputError, match="looks like a PDF but cannot be read"):
        document_from_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer\n", name="kaputt.pdf")


def _one_line_per_page(texts: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    for text in texts:
        pdf.add_page()
        pdf.set_xy(20, 20)
        pdf.cell(text=text)
    return bytes(pdf.output())


def test_lines_that_differ_in_content_are_not_running_heads():
    """Issue 27 item 12: one line per page at the same place, differing only in a number that does
    not count the pages, is the article, not page furniture."""
    texts = [f"Die Stadt investiert {n} Millionen Euro in neue Radwege." for n in (2, 5, 8)]
    got = blocks_of(_one_line_per_page(texts))
    assert " ".join(t for _, t in got) == " ".join(texts)


def test_a_head_whose_number_counts_the_pages_is_still_furniture():
    body = "Die Stadt investiert viele Millionen Euro in neue Radwege und Brücken."
    pages = [f"Amtsblatt Musterstadt, Seite {n} von 3\n{body}" for n in (1, 2, 3)]
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    for page in pages:
        pdf.add_page()
        head, text = page.split("\n")
        pdf.set_xy(20, 12)
        pdf.cell(text=head)
        pdf.set_xy(20, 100)
        pdf.cell(text=text)
    got = " ".join(t for _, t in blocks_of(bytes(pdf.output())))
    assert "Amtsblatt" not in got
    assert got.count("Radwege") == 3
