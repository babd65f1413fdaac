"""`summarise translate`: translate a German article block by block, every number checked."""

from __future__ import annotations

import logging

from ..limits import MAX_CHARS
from ..output.render import TRANSLATION_FORMATS
from .app import app, article_and_models, exit_on_problems, handle_errors
from .options import ArticleArg, MaxCharsOpt, OutputOpt, RuntimeOptions, format_option, with_runtime_options
from .progress import SentenceProgress

FormatOpt = format_option(TRANSLATION_FORMATS)

EPILOG = """\
Examples:

  summarise translate article.txt                          # English text on stdout

  summarise translate article.pdf --format markdown -o article.en.md

  pbpaste | summarise translate - --format json            # blocks, checks, repairs, signature

  summarise translate article.txt --model ./my-marian --offline --beams 1

  summarise translate article.txt --backend transformers --threads 2 --no-cache

The structure is kept (title, headings, paragraphs, in order). Every block's numbers are checked \
against the German; a block that fails is retranslated with other strategies (sentence by sentence, \
more beams, masked numbers, a logits bias, clause by clause) and the JSON names the strategy that \
fixed it. Translations are cached on disk per model, revision and settings.

Exit codes: 0 all checks passed, 1 translation written but a check still fails (stderr names the \
block and the number), 2 bad input or model not available, 130 interrupted.
"""



@app.command(epilog=EPILOG)
@handle_errors
@with_runtime_options()
def translate(
    file: ArticleArg,
    fmt: FormatOpt = "text",
    out: OutputOpt = None,
    max_chars: MaxCharsOpt = MAX_CHARS,
    *,
    options: RuntimeOptions,
) -> None:
    """Translate a German article into English, paragraph by paragraph, with every number checked."""
    from ..fileio import open_output
    from ..output.render import ProblemLines, block_problems, stream_translation

    doc, translator, _ = article_and_models(file, out, max_chars, options)
    problems = ProblemLines()

    def checked(blocks):
        for number, block in enumerate(blocks, 1):
            problems.extend(block_problems(number, block))
            yield block

    # Streamed: a window of sentences at a time goes to the model and each block is written as soon
    # as it is checked, so memory stays flat however long the article (html gathers the blocks).
    with SentenceProgress("translate") as bar:
        blocks = translator.translate_stream(doc, progress=bar.advance, planned=bar.total)
        pieces = stream_translation(
            checked(blocks), fmt, model=translator.backend.model.name, signature=translator.signature(), source=doc.source
        )
        with open_output(out) as write:
            for piece in pieces:
                write(piece)
    logging.getLogger("summarise").info("translation: %s", translator.stats)
    exit_on_problems(problems)
