"""`summarise models`: fetch models into the local Hugging Face cache and show what is there."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, emit, handle_errors

models_app = typer.Typer(
    name="models",
    help="Download models into the local cache and list what is cached.",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")

DOWNLOAD_EPILOG = """\
Examples:

  summarise models download                                # the default translation + summary models

  summarise models download Helsinki-NLP/opus-mt-de-en

  HF_HOME=/data/hf summarise models download               # into another cache

Only configs, tokenizer files and safetensors weights are fetched (never pickled weights). Once
cached, every command runs offline (--offline or HF_HUB_OFFLINE=1).
"""

LIST_EPILOG = """\
Examples:

  summarise models list
"""


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


@models_app.command("download", epilog=DOWNLOAD_EPILOG)
@handle_errors
def download(
    models: Annotated[
        list[str] | None,
        typer.Argument(metavar="[MODEL...]", help="Hub ids to fetch (default: the translation and summary models)."),
    ] = None,
) -> None:
    """Fetch models (safetensors only) into the local Hugging Face cache."""
    from .. import models as model_store

    names = models or list(model_store.DEFAULT_MODELS)
    lines = [f"{m.name}\t{m.revision}\t{m.path}" for m in model_store.download(names)]
    emit("\n".join(lines))


@models_app.command("list", epilog=LIST_EPILOG)
@handle_errors
def list_models() -> None:
    """Show the models in the local Hugging Face cache and their size on disk."""
    from .. import models as model_store

    cached = model_store.list_cached()
    if not cached:
        emit("no models cached yet: run `summarise models download` with network access")
        return
    width = max(len(m.repo_id) for m in cached)
    defaults = set(model_store.DEFAULT_MODELS)
    lines = [
        f"{m.repo_id:<{width}}  {human_size(m.size_bytes):>9}  "
        f"{len(m.revisions)} revision{'s' if len(m.revisions) != 1 else ''}"
        + ("  (default)" if m.repo_id in defaults else "")
        for m in cached
    ]
    emit("\n".join(lines))
