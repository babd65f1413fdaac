"""`summarise check`: are the numbers of a German source intact in an English translation or summary?"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..checking.checks import CheckReport, check_blocks, check_lines, check_summary
from ..document import numbered
from ..errors import InputError
from ..ingest.source import SUFFIX_LIST
from ..language.english import plural
from ..limits import MAX_CHARS
from .app import EXIT_CHECKS_FAILED, app, check_output_file, emit, handle_errors
from .options import GlossaryOpt, MaxCharsOpt, OutputOpt, choice, format_option

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
mode: every number of the summary must be supported by the source. --glossary FILE (translation
mode): every German occurrence of a glossary term, inflected or not, must give its English term. --lines: line-aligned files (an MT
test set and a system's output), each line checked on its own; problems name the 0-based line.

Exit codes: 0 all checks passed, 1 problems found, 2 bad input (missing or empty file, both inputs
from stdin, different line counts with --lines).
"""


def _read_bytes(path: str, max_chars: int) -> tuple[bytes, str, str]:
    """(bytes, name for messages, file suffix) of a file, or of stdin for "-"; at most what
    `max_chars` characters of text can take (a bigger input stops reading: InputError)."""
    from ..ingest import read_input

    raw = read_input(path, max_chars=max_chars, what="a text file")
    return raw.data, raw.name, raw.suffix


def _read_document_blocks(path: str, max_chars: int) -> list:
    from ..ingest import document_from_bytes
    from ..limits import check_length

    data, name, suffix = _read_bytes(path, max_chars)
    doc = document_from_bytes(data, source=path, name=name, suffix=suffix)
    check_length(doc, max_chars, name=name)
    return doc.blocks


def _read_blocks(path: str, max_chars: int) -> list[str]:
    return [b.text for b in _read_document_blocks(path, max_chars)]


def _read_lines(path: str, max_chars: int) -> list[str]:
    from ..ingest import decode_text

    data, name, _ = _read_bytes(path, max_chars)
    if not data:
        raise InputError(f"{name} is empty: there are no lines to check")
    text = decode_text(data, name)
    if len(text) > max_chars:
        raise InputError(f"{name} has {len(text):,} characters, more than the limit of {max_chars:,} (--max-chars): "
                         "split it, or raise --max-chars")  # fmt: skip
    return text.splitlines()


def render_report(report: CheckReport, fmt: str, *, mode: str, units: int, scope: str, unit: str = "block") -> str:
    """json: {"passed", "problems", "numbers": {"source", "candidate"}} (plus "mode", "units");
    text: one line per problem with both spans, then a one-line verdict."""
    if fmt == "json":
        data = report.to_dict() | {"mode": mode, "units": units}
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [p.line(unit) for p in report.problems]
    numbers = f"{len(report.source_numbers)} numbers in the source, {len(report.candidate_numbers)} in the candidate"
    if report.terms is not None:
        numbers += f", {plural(len(report.terms), 'glossary term')} matched"
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
        str, typer.Argument(metavar="SOURCE|-", help=f"The German source ({SUFFIX_LIST}); - reads stdin.")
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
    glossary_file: GlossaryOpt = None,
    max_chars: MaxCharsOpt = MAX_CHARS,
) -> None:
    """Check that every number of a German SOURCE survives in an English CANDIDATE.

    Works on any German→English text: this tool's translations, human ones, DeepL or other MT output.
    """
    if source == "-" and candidate == "-":
        raise InputError("only one of SOURCE and CANDIDATE can be - (stdin)")
    check_output_file(out, inputs=[source, candidate])
    glossary = None
    if glossary_file is not None:
        if mode == "summary":
            raise InputError("--glossary applies to --mode translation: a summary may leave terms out")
        from ..checking.terms import load_glossary

        glossary = load_glossary(glossary_file)
    kinds, unit_word = None, "block"  # the html page's rows: the source's block kinds (title, heading)
    if lines:
        src, cand = _read_lines(source, max_chars), _read_lines(candidate, max_chars)
        src_units, cand_units, unit_word = src, cand, "line"
        if mode == "summary":
            if len(src) != len(cand):
                check_lines(src, cand)  # raises the line-count error
            pairs = numbered(zip(src, cand, strict=True))
            report = CheckReport.combine(check_summary(s, c, block=number) for number, (s, c) in pairs)
        else:
            report = check_lines(src, cand, glossary=glossary)
        units, scope = len(src), plural(len(src), "line") + " checked"
    elif mode == "summary":
        src_text, cand_text = "\n\n".join(_read_blocks(source, max_chars)), "\n\n".join(_read_blocks(candidate, max_chars))
        report = check_summary(src_text, cand_text)
        src_units, cand_units, unit_word = [src_text], [cand_text], "text"
        units, scope = 1, "the summary checked against the whole source"
    else:
        doc_blocks = _read_document_blocks(source, max_chars)
        src_blocks, cand_blocks = [b.text for b in doc_blocks], _read_blocks(candidate, max_chars)
        report = check_blocks(src_blocks, cand_blocks, glossary=glossary)
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
        emit(render_report(report, fmt, mode=mode, units=units, scope=scope, unit="line" if lines else "block"), out)
    if not report.passed:
        raise typer.Exit(EXIT_CHECKS_FAILED)
