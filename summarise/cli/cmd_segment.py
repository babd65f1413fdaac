"""`summarise segment`: show the blocks an article is split into."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..document import Document
from .app import app, emit, handle_errors

EPILOG = """Examples:

  summarise segment samples/nordkorea-truppen.txt

  summarise segment samples/nordkorea-truppen.txt --format json

  pdftotext article.pdf - | summarise segment -

  summarise segment report.pdf -o blocks.json --format json
"""


def render_blocks(doc: Document, fmt: str) -> str:
    """JSON: {"blocks": [{"kind", "text"}]}; text: blocks separated by blank lines, "# " marks the
    title and "## " a heading."""
    if fmt == "json":
        return json.dumps(doc.to_dict(), ensure_ascii=False, indent=2)
    marks = {"title": "# ", "heading": "## "}
    return "\n\n".join(marks.get(b.kind, "") + b.text for b in doc.blocks)


@app.command(epilog=EPILOG)
@handle_errors
def segment(
    file: str = typer.Argument(..., metavar="FILE|-", help="Article: .txt, .md or .pdf; - reads stdin."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json.", case_sensitive=False),
    out: Path | None = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
) -> None:
    """Split an article into title, heading and paragraph blocks.

    Repairs text extracted from PDFs: lines wrapped mid-sentence, paragraphs cut by page breaks,
    words hyphenated at line ends, headings wrapped over two lines, trailing web boilerplate.
    """
    from ..errors import InputError
    from ..ingest import read_document

    fmt = fmt.lower()
    if fmt not in ("text", "json"):
        raise InputError(f"--format must be text or json, not {fmt!r}")
    emit(render_blocks(read_document(file), fmt), out)
