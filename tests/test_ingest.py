"""Ingestion: encodings, PDF files generated here with fpdf2, stdin, and bad input through the CLI."""

from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from summarise.document import Document
from summarise.errors import InputError
from summarise.ingest import decode_text, document_from_bytes, read_document, segment_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "nordkorea-truppen.txt"
PDF_SAMPLES = ["nordkorea-truppen", "bundeshaushalt", "wohnungsbau"]


def golden_blocks(stem: str) -> list[dict]:
    return json.loads((SAMPLES / f"{stem}.segment.json").read_text(encoding="utf-8"))["blocks"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- encodings


def test_utf8_bom_and_crlf(tmp_path):
    text = (SAMPLES / "bundeshaushalt.txt").read_text(encoding="utf-8")
    data = codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")
    doc = read_document(write(tmp_path, "crlf-bom.txt", data))
    assert doc.to_dict()["blocks"] == golden_blocks("bundeshaushalt")
    assert not doc.blocks[0].text.startswith("\ufeff")


def test_old_mac_line_endings(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    doc = read_document(write(tmp_path, "cr.txt", text.replace("\n", "\r").encode("utf-8")))
    assert doc.to_dict()["blocks"] == golden_blocks("nordkorea-truppen")


def test_windows_1252(tmp_path):
    # „ “ – € only exist in cp1252, not in latin-1: the whole sample must survive
    text = (SAMPLES / "bundeshaushalt.txt").read_text(encoding="utf-8")
    doc = read_document(write(tmp_path, "cp1252.txt", text.encode("cp1252")))
    assert doc.to_dict()["blocks"] == golden_blocks("bundeshaushalt")


def test_windows_1252_euro_and_umlauts(tmp_path):
    text = (
        "Größere Maßnahmen für Übergänge\n\nDie Öko-Prämie beträgt 3,5 Mio. € – „äußerst knapp“, sagte sie.\n"
    )
    doc = read_document(write(tmp_path, "euro.txt", text.encode("cp1252")))
    assert doc.blocks[0].text == "Größere Maßnahmen für Übergänge"
    assert doc.blocks[1].text == "Die Öko-Prämie beträgt 3,5 Mio. € – „äußerst knapp“, sagte sie."


def test_latin_1(tmp_path):
    text = (SAMPLES / "energiepreise.txt").read_text(encoding="utf-8")
    latin = text.translate(str.maketrans({"„": "»", "“": "«", "–": "-"}))
    doc = read_document(write(tmp_path, "latin1.txt", latin.encode("latin-1")))
    assert doc.to_dict() == segment_text(latin).to_dict()
    assert "Grundversorgung" in doc.text and "günstigen Sondervertrag" in doc.text


@pytest.mark.parametrize("encoding", ["cp850", "mac_roman"])
def test_other_legacy_encodings_are_recognised(encoding):
    text = (SAMPLES / "wohnungsbau.txt").read_text(encoding="utf-8").replace("„", '"').replace("“", '"')
    assert decode_text(text.encode(encoding)) == text


def test_utf16_with_bom(tmp_path):
    text = "Titel mit Umlaut ä\n\nDer Text nennt 3.000 Soldaten.\n"
    doc = read_document(write(tmp_path, "utf16.txt", text.encode("utf-16")))
    assert [b.text for b in doc.blocks] == ["Titel mit Umlaut ä", "Der Text nennt 3.000 Soldaten."]


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII text with 3.000 numbers.",
        "Nur ein Umlaut: ä",
        "Größe – „Zitat“ ñ é €",
        "日本語のテキスト",
    ],
)
def test_utf8_always_wins(text):
    assert decode_text(text.encode("utf-8")) == text


def test_markdown_suffix_forces_markdown(tmp_path):
    text = "Titel\n=====\n\nText mit **fett**.\n"
    doc = read_document(write(tmp_path, "a.md", text.encode()))
    assert [(b.kind, b.text) for b in doc.blocks] == [("title", "Titel"), ("paragraph", "Text mit fett.")]


def test_stdin(monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    doc = read_document("-")
    assert doc.source == "-"
    assert doc.to_dict()["blocks"] == golden_blocks("nordkorea-truppen")


def test_document_records_its_source():
    assert read_document(SEED).source == str(SEED)


# --------------------------------------------------------------------------- PDF

UNICODE_FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
]


class PdfWriter:
    """Lays out text with fpdf2: DejaVu when the system has it, else the core Helvetica font, which
    only knows Latin-1, so the text is then made Latin-1-safe (and so is the expectation)."""

    def __init__(self, page_format=(148, 210)):
        fpdf = pytest.importorskip("fpdf")
        warnings.filterwarnings("ignore", module="fpdf")
        self.pdf = fpdf.FPDF(format=page_format)
        self.pdf.set_auto_page_break(True, margin=15)
        font = next((f for f in UNICODE_FONTS if Path(f).exists()), None)
        if font:
            self.pdf.add_font("Body", "", font)
            bold = Path(font.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))
            self.pdf.add_font("Body", "B", str(bold) if bold.exists() else font)
            self.family, self.unicode = "Body", True
        else:
            self.family, self.unicode = "Helvetica", False

    def safe(self, text: str) -> str:
        if self.unicode:
            return text
        return text.translate(str.maketrans({"„": '"', "“": '"', "”": '"', "–": "-", "’": "'", "€": "EUR"}))

    def font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def pdf_of_blocks(blocks: list[dict]) -> tuple[bytes, list[dict]]:
    """A typeset article: big bold title, bold headings, justified paragraphs flowing over A5 pages with a
    page number in the footer. Returns the PDF and the blocks as they were written into it."""
    w = PdfWriter()
    pdf = w.pdf
    written = [{"kind": b["kind"], "text": w.safe(b["text"])} for b in blocks]
    pages: list[int] = []

    def footer():
        pages.append(pdf.page_no())
        pdf.set_y(-10)
        w.font(8)
        pdf.cell(0, 5, f"Seite {pdf.page_no()}", align="C")

    pdf.footer = footer
    pdf.add_page()
    for b in written:
        if b["kind"] == "title":
            w.font(16, bold=True)
            pdf.multi_cell(0, 8, b["text"])
            pdf.ln(4)
        elif b["kind"] == "heading":
            pdf.ln(3)
            w.font(12, bold=True)
            pdf.multi_cell(0, 6, b["text"])
            pdf.ln(2)
        else:
            w.font(10)
            pdf.multi_cell(0, 5, b["text"], align="J")
            pdf.ln(3)
    return w.bytes(), written


def pdf_of_lines(text: str) -> tuple[bytes, str]:
    """The lines of PDF-extracted text set one by one, a blank line as space and a run of blank lines as
    a new page: the PDF that text came from, hyphens and all."""
    w = PdfWriter()
    pdf = w.pdf
    pdf.add_page()
    w.font(10)
    text = w.safe(text)
    blank = 0
    for line in text.split("\n"):
        if not line.strip():
            blank += 1
            continue
        if blank >= 2:
            pdf.add_page()
        elif blank == 1:
            pdf.ln(4)
        blank = 0
        pdf.cell(0, 5, line.strip(), new_x="LMARGIN", new_y="NEXT")
    return w.bytes(), text


@pytest.mark.parametrize("stem", PDF_SAMPLES)
def test_typeset_pdf_gives_the_same_blocks(tmp_path, stem):
    data, written = pdf_of_blocks(golden_blocks(stem))
    doc = read_document(write(tmp_path, f"{stem}.pdf", data))
    assert doc.to_dict()["blocks"] == written
    assert not any(re.search(r"Seite \d", b.text) for b in doc.blocks)


def test_pdf_of_the_seed_lines_matches_the_seed_golden(tmp_path):
    data, text = pdf_of_lines(SEED.read_text(encoding="utf-8"))
    doc = read_document(write(tmp_path, "seed.pdf", data))
    assert doc.to_dict() == segment_text(text).to_dict()
    if "„" in text:  # with a Unicode font the PDF must reproduce the golden exactly
        assert doc.to_dict()["blocks"] == golden_blocks("nordkorea-truppen")


def test_pdf_is_detected_by_content_not_name(tmp_path):
    data, written = pdf_of_blocks(golden_blocks("wohnungsbau")[:3])
    doc = read_document(write(tmp_path, "article.txt", data))
    assert doc.to_dict()["blocks"] == written


def test_pdf_without_text(tmp_path):
    w = PdfWriter()
    w.pdf.add_page()
    with pytest.raises(InputError, match="no text layer: run OCR first"):
        read_document(write(tmp_path, "scan.pdf", w.bytes()))


# --------------------------------------------------------------------------- bad input

runner = CliRunner()

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
UNDECODABLE = b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\xff\xfe\xfd" * 40


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("folder", "dir", "is a directory"),
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b" \n\n\t \r\n", "only whitespace"),
        ("bom-only.txt", codecs.BOM_UTF8 + b"\n \n", "only whitespace"),
        ("nul.txt", b"Der Text\x00\x00\x01 mit Nullbytes" * 10, "looks like a binary file, not an article"),
        ("image.txt", PNG, "looks like a binary file (a PNG image)"),
        ("undecodable.txt", UNDECODABLE, "neither UTF-8 nor any other text encoding summarise recognises"),
        (
            "broken.pdf",
            b"%PDF-1.4\n%garbage that is not a PDF at all\n",
            "looks like a PDF but cannot be read",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, name, content, message):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["segment", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise: error: "), result.stderr
    assert message in lines[0] and name in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_bad_input_in_a_real_process(tmp_path):
    path = write(tmp_path, "random.bin", bytes(range(256)) * 8)
    proc = subprocess.run(
        [sys.executable, "-m", "summarise", "segment", str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("summarise: error: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_library_raises_input_error_not_exit():
    with pytest.raises(InputError, match="empty"):
        document_from_bytes(b"", name="x")
    with pytest.raises(InputError, match="binary"):
        document_from_bytes(b"\x00\x01\x02abc", name="x")


# --------------------------------------------------------------------------- the segment command


def test_segment_json_output_matches_golden():
    result = runner.invoke(app, ["segment", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["blocks"]
    assert data["blocks"] == golden_blocks("nordkorea-truppen")
    assert "„signifikante Menge“" in result.stdout  # not \u escapes
    assert result.stdout.startswith('{\n  "blocks": [\n    {\n      "kind": "title"')


def test_segment_text_output_marks_title_and_headings():
    result = runner.invoke(app, ["segment", str(SEED)])
    assert result.exit_code == 0
    chunks = result.stdout.strip().split("\n\n")
    doc = Document.from_dict({"blocks": golden_blocks("nordkorea-truppen")})
    assert len(chunks) == len(doc.blocks)
    assert chunks[0] == "# Nordkorea verstärkt Russlands Ukraine-Krieg mit 3.000 Soldaten"
    assert chunks[3] == "## Verluste und Rüstungsartikel"
    assert sum(c.startswith("## ") for c in chunks) == 9


def test_segment_reads_stdin_and_writes_output_file(tmp_path):
    out = tmp_path / "blocks.json"
    result = runner.invoke(app, ["segment", "-", "--format", "json", "-o", str(out)], input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["blocks"] == golden_blocks("nordkorea-truppen")


def test_segment_rejects_unknown_format():
    # validated like every command's --format (cli/options.format_option): one line, exit 2
    result = subprocess.run([sys.executable, "-m", "summarise", "segment", str(SEED), "--format", "xml"],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("summarise: error: Invalid value for --format: 'xml' is not one of text, json")
    assert result.stdout == ""


def test_segment_help_has_examples():
    result = runner.invoke(app, ["segment", "--help"])
    assert result.exit_code == 0
    assert "summarise segment samples/nordkorea-truppen.txt --format json" in result.stdout
