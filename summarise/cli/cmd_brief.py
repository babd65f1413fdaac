"""`summarise brief`: translate an article and write an English brief."""

from __future__ import annotations

from ..limits import MAX_CHARS
from ..output.render import BRIEF_FORMATS
from .app import app, article_and_models, emit_checked, handle_errors
from .options import ArticleArg, MaxCharsOpt, OutputOpt, RuntimeOptions, format_option, with_runtime_options
from .progress import SentenceProgress

FormatOpt = format_option(BRIEF_FORMATS)

EPILOG = """\
Examples:

  summarise brief article.txt                              # plain-text brief on stdout

  summarise brief article.pdf --format markdown -o brief.md

  pbpaste | summarise brief - --format json

  summarise brief article.md --summary-model google/flan-t5-base --offline

  summarise brief article.txt --model ./my-marian --summary-model ./my-distilbart --backend transformers

The brief has a headline (the translated title), a 3-5 sentence summary written by the summary
model, the article's key figures (every number, in English form, with the translated sentence it
is in: taken from the checked translation, not from the model) and a fidelity line. A summary
sentence with a number the article does not contain is regenerated or removed; the notes say which.
Exit codes: 0 all checks passed, 1 brief written but a check failed (stderr says which),
2 bad input or model not available, 130 interrupted.
"""



@app.command(epilog=EPILOG)
@handle_errors
@with_runtime_options(summary=True)
def brief(
    file: ArticleArg,
    fmt: FormatOpt = "text",
    out: OutputOpt = None,
    max_chars: MaxCharsOpt = MAX_CHARS,
    *,
    options: RuntimeOptions,
) -> None:
    """Translate a German article and write an English brief: headline, summary, key figures, checks."""
    from ..briefing.brief import make_briefs
    from ..output.render import brief_problems, render_brief
    from ..translation.engine import estimate_documents

    # Both models are found (Runtime.resolve) before either loads, so a missing summary model fails fast too.
    doc, translator, summariser = article_and_models(file, out, max_chars, options)
    with SentenceProgress("brief") as bar:
        bar.total(estimate_documents([doc]))
        [result] = make_briefs([doc], translator, summariser, progress=bar)
    emit_checked(render_brief(result, fmt), out, brief_problems(result))
