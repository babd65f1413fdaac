"""`summarise translate`: translate a German article block by block, every number checked."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from ..models import DEFAULT_TRANSLATION_MODEL
from .app import EXIT_CHECKS_FAILED, app, choice, emit, handle_errors, load_models

FORMATS = ("text", "markdown", "json")
BACKENDS = ("auto", "transformers", "ctranslate2")
DEVICES = ("auto", "cpu", "cuda", "mps")

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
def translate(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="German article (.txt, .md, .pdf), or - for stdin.")],
    model: Annotated[
        str, typer.Option("--model", "-m", help="Translation model: hub id or local directory.")
    ] = DEFAULT_TRANSLATION_MODEL,
    fmt: Annotated[
        str, typer.Option("--format", "-f", callback=choice(FORMATS, "--format"), help="text | markdown | json.")
    ] = "text",
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")
    ] = None,
    backend: Annotated[
        str, typer.Option("--backend", callback=choice(BACKENDS, "--backend"), help="auto | transformers | ctranslate2.")
    ] = "auto",
    device: Annotated[
        str, typer.Option("--device", callback=choice(DEVICES, "--device"), help="auto | cpu | cuda | mps.")
    ] = "auto",
    threads: Annotated[
        int | None, typer.Option("--threads", min=1, help="CPU threads for the model (default: all cores).")
    ] = None,
    beams: Annotated[int, typer.Option("--beams", min=1, help="Beam size (1 = greedy).")] = 4,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", min=1, help="Sentences per model call [default: 64 on ctranslate2, 16 on transformers].")
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Never touch the network; use the local model cache only.")
    ] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the translation cache.")] = False,
) -> None:
    """Translate a German article into English, paragraph by paragraph, with every number checked."""
    from ..ingest import read_document
    from ..render import render_translation, translation_problems

    # Read the input before spending seconds on model loading: bad input fails fast.
    doc = read_document(file)
    translator, _ = load_models(
        model, None, backend=backend, device=device, threads=threads, beams=beams,
        batch_size=batch_size, offline=offline, cache=not no_cache,
    )  # fmt: skip
    result = translator.translate_document(doc)
    logging.getLogger("summarise").info("translation: %s", translator.stats)
    emit(render_translation(result, fmt), out)
    if not result.passed:
        for line in translation_problems(result):
            typer.echo(f"summarise: check failed: {line}", err=True)
        raise typer.Exit(EXIT_CHECKS_FAILED)
