"""`summarise segment`: show the title / heading / paragraph blocks an article is split into."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..document import Document
from ..ingest.source import SUFFIX_LIST
from ..limits import MAX_CHARS
from .app import app, check_output_file, emit, handle_errors
from .options import MaxCharsOpt, OutputOpt, format_option

SEGMENT_FORMATS = ("text", "json")

EPILOG = """\
Examples:

  summarise segment samples/nordkorea-truppen.txt

  summarise segment samples/nordkorea-truppen.txt --format json

  pdftotext article.pdf - | summarise segment -

  summarise segment report.pdf --format json -o blocks.json

Reads .txt (UTF-8 with or without BOM, UTF-16, Windows-1252, Latin-1; any line endings), .md,
.pdf, .html (a saved web page) and .docx.

Exit codes: 0 ok, 2 bad input (missing, empty, binary or unreadable file).
"""


def render_blocks(doc: Document, fmt: str) -> str:
    """json: {"blocks": [{"kind", "text"}]}; text: one block per paragraph separated by blank lines,
    "# " before the title and "## " before each heading."""
    if fmt == "json":
        return json.dumps(doc.to_dict(), ensure_ascii=False, indent=2)
    marks = {"title": "# ", "heading": "## "}
    return "\n\n".join(marks.get(b.kind, "") + b.text for b in doc.blocks)


@app.command(epilog=EPILOG)
@handle_errors
def segment(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help=f"Article ({SUFFIX_LIST}); - reads stdin.")],
    fmt: format_option(SEGMENT_FORMATS) = "text",
    out: OutputOpt = None,
    max_chars: MaxCharsOpt = MAX_CHARS,
) -> None:
    """Split an article into title, heading and paragraph blocks.

    Repairs text extracted from PDFs: lines wrapped mid-sentence, paragraphs cut by page breaks, words hyphenated at line ends, headings wrapped over two lines, and web boilerplate ("Details", "Teilen", cookie notes) trailing the article.
    """
    from ..ingest import read_document
    from ..limits import check_length

    check_output_file(out, inputs=[file])
    doc = read_document(file, max_chars=max_chars)
    check_length(doc, max_chars)
    emit(render_blocks(doc, fmt), out)
