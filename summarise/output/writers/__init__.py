"""Round-trip writers: a document back in its own format, in English (DOCX → DOCX, HTML → HTML,
Markdown → Markdown), every text run translated, checked and repaired, inline formatting placed on
the aligned English words, with a report of what was done.

One writer per format, registered by format name; the CLI (`translate --format docx`, `-o x.en.docx`),
batch (`--formats docx,html`) and library callers all go through `translate_document_file` /
`translate_document_bytes`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError
from .engine import RoundTripReport

__all__ = [
    "ROUNDTRIP_FORMATS",
    "RoundTrip",
    "RoundTripReport",
    "document_format",
    "format_for_path",
    "report_path_for",
    "translate_document",
    "translate_document_bytes",
    "writer",
]

Writer = Callable[..., tuple[bytes, RoundTripReport]]  # (data, translator, *, name, source)

# The file suffix each format is written with (batch names its outputs with these).
ROUNDTRIP_SUFFIXES = {"docx": ".docx", "html": ".html", "markdown": ".md"}
ROUNDTRIP_FORMATS = tuple(ROUNDTRIP_SUFFIXES)
_SUFFIX_FORMATS = {
    ".docx": "docx", ".docm": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown",
    ".markdown": "markdown",
}  # fmt: skip


def _docx(*args, **kwargs):
    from .docx import translate_docx

    return translate_docx(*args, **kwargs)


def _html(*args, **kwargs):
    from .html import translate_html

    return translate_html(*args, **kwargs)


def _markdown(*args, **kwargs):
    from .markdown import translate_markdown

    return translate_markdown(*args, **kwargs)


_WRITERS: dict[str, Writer] = {"docx": _docx, "html": _html, "markdown": _markdown}


def writer(fmt: str) -> Writer:
    try:
        return _WRITERS[fmt]
    except KeyError:
        raise ValueError(f"no round-trip writer for {fmt!r}: use one of {', '.join(ROUNDTRIP_FORMATS)}") from None


def format_for_path(path: str | os.PathLike | None) -> str | None:
    """The round-trip format a file name asks for by its suffix (article.en.docx → docx), or None."""
    if path is None or str(path) == "-":
        return None
    return _SUFFIX_FORMATS.get(Path(str(path)).suffix.lower())


def document_format(data: bytes, suffix: str = "") -> str | None:
    """The round-trip format of an input file's bytes: docx, html, markdown (by its suffix), else None."""
    from ...ingest import MARKDOWN_SUFFIXES
    from ...ingest.detect import sniff

    kind = sniff(data, suffix)
    if kind in ("docx", "html"):
        return kind
    if kind == "text" and suffix.lower() in MARKDOWN_SUFFIXES:
        return "markdown"
    return None


def report_path_for(out: str | os.PathLike) -> Path:
    """Where `-o OUT` puts its report: beside it, OUT's name with .check.json for its suffix."""
    path = Path(out)
    return path.with_name(path.stem + ".check.json") if path.suffix else path.with_name(path.name + ".check.json")


@dataclass
class RoundTrip:
    data: bytes  # the translated document, in its own format
    report: RoundTripReport


def translate_document_bytes(
    data: bytes, translator, fmt: str, *, name: str = "input", source: str | None = None, suffix: str = ""
) -> RoundTrip:
    """Translate a document's bytes into the same format; InputError when they are not that format."""
    if not data:
        raise InputError(f"{name} is empty: there is no article to read")
    found = document_format(data, suffix) if fmt != "markdown" else ("markdown" if document_format(data, ".md") else None)
    if found != fmt:
        what = {"docx": "a Word .docx file", "html": "a web page", "markdown": "a Markdown file"}[fmt]
        raise InputError(f"{name} is not {what}: a document is written back only in its own format ({fmt})")
    out, report = writer(fmt)(data, translator, name=name, source=source)
    return RoundTrip(out, report)


def translate_document(path: str | os.PathLike, translator, fmt: str | None = None, *, output=None) -> RoundTrip:
    """Translate the document at `path` into its own format (or `fmt`); with `output`, also write the
    document there atomically (the report is the caller's to write: `report_path_for(output)`)."""
    from ...fileio import write_output

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read it ({e.strerror or e})") from e
    fmt = fmt or document_format(data, p.suffix)
    if fmt is None:
        raise InputError(f"{p} is not a Word .docx file, a web page or a Markdown file: nothing to write back")
    result = translate_document_bytes(data, translator, fmt, name=str(p), source=str(p), suffix=p.suffix)
    if output is not None:
        result.report.output = str(output)
        write_output(output, result.data)
    return result
