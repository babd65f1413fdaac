"""`summarise translate` writing the document back in its own format (DOCX, HTML, Markdown).

Chosen when the output format (`--format`, else `-o`'s suffix) is docx, or is the input's own
format (an HTML page with --format html, a .md file with -o x.en.md). The report goes to
`--report FILE`, else beside `-o OUT` as OUT's name with .check.json (article.en.check.json).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..errors import InputError
from ..output.writers import (
    ROUNDTRIP_FORMATS,
    document_format,
    format_for_path,
    report_path_for,
    translate_document_bytes,
)


def roundtrip_format(fmt: str | None, out: Path | None, file: str) -> tuple[str | None, bytes | None]:
    """(the round-trip format, the input's bytes) when this run writes the document back in its own
    format; (None, None) for the text-mode formats."""
    requested = fmt or format_for_path(out)
    if requested not in ROUNDTRIP_FORMATS:
        return None, None
    if str(out or "").lower().endswith(".docm"):
        raise InputError(f"-o {out}: macros are never carried over: write a .docx")
    if file == "-" and requested != "docx":
        return None, None  # a page or Markdown on stdin: the text-mode review page / rendering, as before
    data = _read(file)
    own = document_format(data, "" if file == "-" else Path(file).suffix)
    if requested == "docx":
        if own != "docx":
            raise InputError(f"{_name(file)} is not a Word .docx file: --format docx writes a Word file back as Word")
        return "docx", data
    if own == requested:
        return requested, data
    return None, None  # a text article with --format html/markdown: the review page / Markdown rendering


def _name(file: str) -> str:
    return "stdin" if file == "-" else file


def _read(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    p = Path(file)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p} is a directory, not an article file (use `summarise batch` for folders)")
    try:
        return p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read it ({e.strerror or e})") from e


def run_roundtrip(fmt: str, data: bytes, file: str, out: Path | None, report: Path | None, max_chars: int, options):
    """Translate, write the document and its report; returns the problem lines (for exit code 1)."""
    from ..fileio import check_output_file, write_output
    from ..ingest import document_from_bytes
    from ..limits import check_length
    from ..models.threads import sentence_count

    suffix = "" if file == "-" else Path(file).suffix
    check_output_file(out, inputs=[file])
    if report is None and out is not None and str(out) != "-" and _plain_file(out):
        report = report_path_for(out)
    if report is not None:
        check_output_file(report, inputs=[file], option="--report")
    if fmt == "docx" and (out is None or str(out) == "-") and sys.stdout.isatty():
        raise InputError("a .docx is binary: give -o FILE (or redirect stdout)")
    doc = document_from_bytes(data, source=file, name=_name(file), suffix=suffix)  # the length gate
    check_length(doc, max_chars)
    translator, _ = options.load(workload=sentence_count(doc))
    result = translate_document_bytes(data, translator, fmt, name=_name(file), source=file, suffix=suffix)
    result.report.output = None if out is None or str(out) == "-" else str(out)
    if out is None or str(out) == "-":
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
    else:
        write_output(out, result.data)
    if report is not None:
        text = json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2, default=_jsonable) + "\n"
        write_output(report, text)
    return result.report.problem_lines()


def _plain_file(out: Path) -> bool:
    """A regular file (or a new one): a FIFO, a device or /dev/stdout gets no report beside it."""
    if os.path.abspath(out).startswith(("/dev/", "/proc/")):
        return False
    return os.path.isfile(out) or not os.path.exists(out)


def _jsonable(value):
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, dict):
        return dict(value)
    return str(value)
