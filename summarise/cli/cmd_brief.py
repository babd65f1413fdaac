"""`summarise brief`: translate an article and write an English brief."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..models import DEFAULT_SUMMARY_MODEL, DEFAULT_TRANSLATION_MODEL
from .app import EXIT_CHECKS_FAILED, app, choice, emit, handle_errors, load_models

FORMATS = ("text", "markdown", "json")
BACKENDS = ("auto", "transformers", "ctranslate2")
DEVICES = ("auto", "cpu", "cuda", "mps")

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
def brief(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="German article (.txt, .md, .pdf), or - for stdin.")],
    model: Annotated[str, typer.Option("--model", "-m", help="Translation model: hub id or local directory.")] = DEFAULT_TRANSLATION_MODEL,
    summary_model: Annotated[
        str, typer.Option("--summary-model", help="Summary model (seq2seq, T5-family or chat): hub id or directory.")
    ] = DEFAULT_SUMMARY_MODEL,
    fmt: Annotated[str, typer.Option("--format", "-f", callback=choice(FORMATS, "--format"), help="text | markdown | json.")] = "text",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")] = None,
    backend: Annotated[str, typer.Option("--backend", callback=choice(BACKENDS, "--backend"), help="auto | transformers | ctranslate2.")] = "auto",
    device: Annotated[str, typer.Option("--device", callback=choice(DEVICES, "--device"), help="auto | cpu | cuda | mps.")] = "auto",
    threads: Annotated[int | None, typer.Option("--threads", min=1, help="CPU threads for the models (default: all cores).")] = None,
    beams: Annotated[int, typer.Option("--beams", min=1, help="Beam size for translation.")] = 4,
    batch_size: Annotated[
        int | None,
        typer.Option("--batch-size", min=1, help="Sentences per translation call [default: 64 on ctranslate2, 16 on transformers]."),
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Never touch the network; use the local model cache only.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the translation cache.")] = False,
) -> None:
    """Translate a German article and write an English brief: headline, summary, key figures, checks."""
    from ..brief import make_brief
    from ..ingest import read_document
    from ..models import resolve_model
    from ..render import brief_problems, render_brief

    # Read the input and find both models before spending seconds on loading either: failures are fast.
    doc = read_document(file)
    for name in (model, summary_model):
        resolve_model(name, offline=offline or None)
    translator, summariser = load_models(
        model, summary_model, backend=backend, device=device, threads=threads, beams=beams,
        batch_size=batch_size, offline=offline, cache=not no_cache,
    )  # fmt: skip
    result = make_brief(doc, translator, summariser)
    emit(render_brief(result, fmt), out)
    if not result.passed:
        for line in brief_problems(result):
            typer.echo(f"summarise: check failed: {line}", err=True)
        raise typer.Exit(EXIT_CHECKS_FAILED)
