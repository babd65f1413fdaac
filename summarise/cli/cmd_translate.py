"""`summarise translate`: translate a German article block by block, every number checked."""

from __future__ import annotations

import logging

from ..render import TRANSLATION_FORMATS
from .app import app, check_output_file, emit_checked, handle_errors
from .options import ArticleArg, OutputOpt, RuntimeOptions, format_option, with_runtime_options

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
    file: ArticleArg, fmt: FormatOpt = "text", out: OutputOpt = None, *, options: RuntimeOptions
) -> None:
    """Translate a German article into English, paragraph by paragraph, with every number checked."""
    from ..ingest import read_document
    from ..render import render_translation, translation_problems

    # Check the output path and read the input before spending seconds on model loading.
    check_output_file(out, inputs=[file])
    doc = read_document(file)
    translator, _ = options.load()
    result = translator.translate_document(doc)
    logging.getLogger("summarise").info("translation: %s", translator.stats)
    emit_checked(render_translation(result, fmt), out, translation_problems(result))
