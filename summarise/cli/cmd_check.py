"""`summarise check`: are the numbers of a German source intact in an English translation or summary?"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..checking.checks import CheckReport, check_blocks, check_lines, check_summary
from ..errors import InputError
from ..language.english import plural
from .app import EXIT_CHECKS_FAILED, app, check_output_file, emit, handle_errors
from .options import OutputOpt, choice, format_option

MODES = ("translation", "summary")
CHECK_FORMATS = ("text", "json", "html")  # html: a review page
CheckFormatOpt = format_option(CHECK_FORMATS)

EPILOG = """\
Examples:

  summarise check artikel.txt translation.txt

  summarise check artikel.md deepl.txt --format json

  summarise translate artikel.txt | summarise check artikel.txt -

  summarise check newstest2019.de system-output.en --lines

  summarise check artikel.txt brief.txt --mode summary

Translation mode: every number of the source must be in the candidate and every number of the
candidate in the source (3.000 = 3,000; 2,5 Milliarden = 2.5 billion; 26. Februar = February 26;
drei = three), compared paragraph by paragraph when both have as many paragraphs, else over the whole
text; it also reports omitted text, repetition loops and German words left untranslated. Summary
mode: every number of the summary must be supported by the source. --lines: line-aligned files (an MT
test set and a system's output), each line checked on its own; problems name the 0-based line.

Exit codes: 0 all checks passed, 1 problems found, 2 bad input (missing or empty file, both inputs
from stdin, different line counts with --lines).
"""


def _read_bytes(path: str) -> tuple[bytes, str, str]:
    """(bytes, name for messages, file suffix) of a file, or of stdin for "-"."""
    if path == "-":
        return sys.stdin.buffer.read(), "stdin", ""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p} is a directory, not a text file")
    try:
        return p.read_bytes(), str(p), p.suffix
    except OSError as e:
        raise InputError(f"{p}: cannot read it ({e.strerror or e})") from e


def _read_document_blocks(path: str) -> list:
    from ..ingest import document_from_bytes

    data, name, suffix = _read_bytes(path)
    return document_from_bytes(data, source=path, name=name, suffix=suffix).blocks


def _read_blocks(path: str) -> list[str]:
    return [b.text for b in _read_document_blocks(path)]


def _read_lines(path: str) -> list[str]:
    from ..ingest import decode_text

    data, name, _ = _read_bytes(path)
    if not data:
        raise InputError(f"{name} is empty: there are no lines to check")
    return decode_text(data, name).splitlines()


def render_report(report: CheckReport, fmt: str, *, mode: str, units: int, scope: str) -> str:
    """json: {"passed", "problems", "numbers": {"source", "candidate"}} (plus "mode", "units");
    text: one line per problem with both spans, then a one-line verdict."""
    if fmt == "json":
        data = report.to_dict() | {"mode": mode, "units": units}
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [p.line() for p in report.problems]
    numbers = f"{len(report.source_numbers)} numbers in the source, {len(report.candidate_numbers)} in the candidate"
    checked = scope
    if report.passed:
        lines.append(f"passed: {numbers}; {checked}")
    else:
        count = len(report.problems)
        lines.append(f"FAILED: {plural(count, 'problem')}; {numbers}; {checked}")
    return "\n".join(lines)


@app.command(epilog=EPILOG)
@handle_errors
def check(
    source: Annotated[
        str, typer.Argument(metavar="SOURCE|-", help="The German source (.txt, .md, .pdf); - reads stdin.")
    ],
    candidate: Annotated[
        str, typer.Argument(metavar="CANDIDATE|-", help="The English translation or summary; - reads stdin.")
    ],
    mode: Annotated[
        str, typer.Option("--mode", "-m", callback=choice(MODES, "--mode"), help="translation | summary.")
    ] = "translation",
    fmt: CheckFormatOpt = "text",
    lines: Annotated[
        bool, typer.Option("--lines", help="Line-aligned files: check each line against the same line.")
    ] = False,
    out: OutputOpt = None,
) -> None:
    """Check that every number of a German SOURCE survives in an English CANDIDATE.

    Works on any German→English text: this tool's translations, human ones, DeepL or other MT output.
    """
    if source == "-" and candidate == "-":
        raise InputError("only one of SOURCE and CANDIDATE can be - (stdin)")
    check_output_file(out, inputs=[source, candidate])
    kinds, unit_word = None, "block"  # the html page's rows: the source's block kinds (title, heading)
    if lines:
        src, cand = _read_lines(source), _read_lines(candidate)
        src_units, cand_units, unit_word = src, cand, "line"
        if mode == "summary":
            if len(src) != len(cand):
                check_lines(src, cand)  # raises the line-count error
            pairs = enumerate(zip(src, cand, strict=True))
            report = CheckReport.combine(check_summary(s, c, block=i) for i, (s, c) in pairs)
        else:
            report = check_lines(src, cand)
        units, scope = len(src), plural(len(src), "line") + " checked"
    elif mode == "summary":
        src_text, cand_text = "\n\n".join(_read_blocks(source)), "\n\n".join(_read_blocks(candidate))
        report = check_summary(src_text, cand_text)
        src_units, cand_units, unit_word = [src_text], [cand_text], "text"
        units, scope = 1, "the summary checked against the whole source"
    else:
        doc_blocks = _read_document_blocks(source)
        src_blocks, cand_blocks = [b.text for b in doc_blocks], _read_blocks(candidate)
        report = check_blocks(src_blocks, cand_blocks)
        src_units, cand_units, kinds = src_blocks, cand_blocks, [b.kind for b in doc_blocks]
        if len(src_blocks) == len(cand_blocks):
            units, scope = len(src_blocks), plural(len(src_blocks), "block") + " checked one by one"
        else:
            units = 1
            scope = (f"the source has {plural(len(src_blocks), 'block')} and the candidate {len(cand_blocks)}: "
                     "checked as whole texts")  # fmt: skip
    if fmt == "html":
        from ..output.html import render_check_html

        page = render_check_html(
            report, src_units, cand_units, mode=mode, kinds=kinds, unit_word=unit_word, scope=scope,
            source_name="stdin" if source == "-" else source, candidate_name="stdin" if candidate == "-" else candidate,
        )  # fmt: skip
        emit(page, out)
    else:
        emit(render_report(report, fmt, mode=mode, units=units, scope=scope), out)
    if not report.passed:
        raise typer.Exit(EXIT_CHECKS_FAILED)
