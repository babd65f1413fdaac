"""`summarise translate`: translate a German article block by block, every number checked."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from ..document import numbered
from ..limits import MAX_CHARS
from ..output.render import TRANSLATION_FORMATS
from .app import app, article_and_models, exit_on_problems, handle_errors
from .options import ArticleArg, MaxCharsOpt, OutputOpt, RuntimeOptions, choice, with_runtime_options
from .progress import SentenceProgress

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        callback=choice(TRANSLATION_FORMATS, "--format"),
        help=f"{' | '.join(TRANSLATION_FORMATS)} [default: -o's suffix when it is docx or the input's own format, else text].",
        show_default=False,
    ),
]
ReportOpt = Annotated[
    Path | None,
    typer.Option(
        "--report",
        help="With a document written back in its own format (docx, html, markdown): write the JSON report "
        "here [default: beside -o OUT, as OUT's name with .check.json].",
    ),
]

EPILOG = """\
Examples:

  summarise translate article.txt                          # English text on stdout

  summarise translate article.pdf --format markdown -o article.en.md

  pbpaste | summarise translate - --format json            # blocks, checks, repairs, signature

  summarise translate article.txt --model ./my-marian --offline --beams 1

  summarise translate article.txt --backend transformers --threads 2 --no-cache

  summarise translate article.txt --glossary house.tsv     # house terms: German TAB English per line

  summarise translate article.docx -o article.en.docx       # the Word file in English + article.en.check.json

  summarise translate page.html --format html -o page.en.html --report page.report.json

The structure is kept (title, headings, paragraphs, in order). Every block's numbers are checked \
against the German; a block that fails is retranslated with other strategies (sentence by sentence, \
more beams, masked numbers, a logits bias, clause by clause) and the JSON names the strategy that \
fixed it. Translations are cached on disk per model, revision and settings.

A Word file (docx), a web page (html) or a Markdown file (markdown) asked for in its own format is written back as that format: the same document with its text in English (styles, tables, headers, footnotes, text boxes, links, images, scripts, code kept) and a JSON report of every run.

Exit codes: 0 all checks passed, 1 translation written but a check still fails (stderr names the \
block and the number), 2 bad input or model not available, 130 interrupted.
"""



@app.command(epilog=EPILOG)
@handle_errors
@with_runtime_options()
def translate(
    file: ArticleArg,
    fmt: FormatOpt = None,
    out: OutputOpt = None,
    max_chars: MaxCharsOpt = MAX_CHARS,
    report: ReportOpt = None,
    *,
    options: RuntimeOptions,
) -> None:
    """Translate a German article into English, paragraph by paragraph, with every number checked."""
    from ..fileio import open_output
    from ..output.render import ProblemLines, block_problems, stream_translation
    from .roundtrip import roundtrip_format, run_roundtrip

    own, data = roundtrip_format(fmt, out, file)
    if own is not None:
        exit_on_problems(run_roundtrip(own, data, file, out, report, max_chars, options))
        return
    if report is not None:
        from .app import fail

        raise fail("--report goes with a document written back in its own format (docx, html, markdown)")
    fmt = fmt or "text"

    doc, translator, _ = article_and_models(file, out, max_chars, options)
    problems = ProblemLines()

    def checked(blocks):
        for number, block in numbered(blocks):
            problems.extend(block_problems(number, block))
            yield block

    # Streamed: a window of sentences at a time goes to the model and each block is written as soon
    # as it is checked, so memory stays flat however long the article (html gathers the blocks).
    with SentenceProgress("translate") as bar:
        blocks = translator.translate_stream(doc, progress=bar, planned=bar.total)
        pieces = stream_translation(
            checked(blocks), fmt, model=translator.backend.model.name, signature=translator.signature(), source=doc.source
        )
        with open_output(out) as write:
            for piece in pieces:
                write(piece)
    logging.getLogger("summarise").info("translation: %s", translator.stats)
    exit_on_problems(problems)
