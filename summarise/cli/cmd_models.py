"""`summarise models`: fetch models into the local Hugging Face cache and show what is there."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..language.english import plural
from ..models.shortlist import METHODS as SHORTLIST_METHODS
from ..models.shortlist import ShortlistParams
from .app import app, emit, handle_errors
from .options import choice

CONVERT_DEVICES = ("auto", "cpu", "cuda")  # where CTranslate2 runs

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
    from ..models import hub as model_store

    names = models or list(model_store.DEFAULT_MODELS)
    lines = [f"{m.name}\t{m.revision}\t{m.path}" for m in model_store.download(names)]
    emit("\n".join(lines))


@models_app.command("list", epilog=LIST_EPILOG)
@handle_errors
def list_models() -> None:
    """Show the models in the local Hugging Face cache and their size on disk."""
    from ..models import hub as model_store

    cached = model_store.list_cached()
    if not cached:
        emit("no models cached yet: run `summarise models download` with network access")
        return
    width = max(len(m.repo_id) for m in cached)
    defaults = set(model_store.DEFAULT_MODELS)
    lines = [
        f"{m.repo_id:<{width}}  {human_size(m.size_bytes):>9}  "
        f"{plural(len(m.revisions), 'revision')}"
        + ("  (default)" if m.repo_id in defaults else "")
        for m in cached
    ]
    emit("\n".join(lines))


# "\\[" keeps rich from reading [fast] as markup.
CONVERT_EPILOG = """\
Examples:

  summarise models convert Helsinki-NLP/opus-mt-de-en          # int8 on CPU

  summarise models convert sshleifer/distilbart-cnn-12-6 -q float32

  summarise models convert ./my-model --force                  # convert again

The ctranslate2 backend converts on first use anyway; this does it ahead of time. Conversions are cached by model, revision and quantization, checked against their manifest before use, and redone when incomplete or corrupt. Needs `pip install 'summarise\\[fast]'`.
"""


@models_app.command("convert", epilog=CONVERT_EPILOG)
@handle_errors
def convert_model(
    model: Annotated[str, typer.Argument(help="Hub id (from the local cache) or model directory.")],
    quantization: Annotated[
        str,
        typer.Option(
            "--quantization",
            "-q",
            help="int8 | int8_float16 | float32 | auto (int8 on CPU, int8_float16 on a GPU CTranslate2 can use).",
        ),
    ] = "auto",
    device: Annotated[
        str,
        typer.Option(
            "--device", callback=choice(CONVERT_DEVICES, "--device"), help=f"Device the conversion is for: {' | '.join(CONVERT_DEVICES)}."
        ),
    ] = "auto",
    force: Annotated[bool, typer.Option("--force", help="Convert again even when a sound conversion is cached.")] = False,
    offline: Annotated[bool, typer.Option("--offline", help="Never try the network.")] = False,
) -> None:
    """Convert a model to CTranslate2 ahead of time (cached; reused when sound, redone when not)."""
    from ..errors import ConversionError
    from ..models import hub as model_store
    from ..models.backends import backend_class
    from ..models.convert import choose_quantization, convert
    from ..paths import require_writable_cache

    require_writable_cache("ct2")  # filling the cache is the point: an unwritable one is exit 2
    ct2 = backend_class("ctranslate2")
    ct2.check_available("cpu")  # installed at all (the one-line fix names the extra)
    if device == "auto":
        device = "cuda" if ct2.available("cuda") else "cpu"
    resolved = model_store.resolve_model(model, offline=offline or None, option="MODEL")
    try:
        result = convert(resolved, choose_quantization(quantization, device), force=force)
    except ConversionError as e:
        # There is no backend to switch here: say where the model still runs.
        raise e.with_hint(
            "it still runs on transformers: translate / brief with --backend auto (the default) fall back to it"
        ) from e
    emit(f"{'converted' if result.converted else 'up to date'}\t{model}\t{result.quantization}\t{result.path}")


SHORTLIST_EPILOG = """\
Examples:

  summarise models shortlist Helsinki-NLP/opus-mt-de-en --parallel news.de news.en

  summarise translate article.txt --shortlist              # then decode over it

Builds a vocabulary map for CTranslate2 (`use_vmap`) from line-aligned German/English text: per
source piece the target pieces it aligns with (eflomal when installed, else co-occurrence), a copy
of the source piece (names), the most frequent target pieces, and always every piece that can write
a number, date, unit, currency sign or punctuation. Stored beside the model's conversions; rebuild
after the model changes.
"""


@models_app.command("shortlist", epilog=SHORTLIST_EPILOG)
@handle_errors
def shortlist_model(
    model: Annotated[str, typer.Argument(help="Translation model: hub id (from the local cache) or directory.")],
    parallel: Annotated[
        tuple[Path, Path],
        typer.Option("--parallel", metavar="SRC.de REF.en", help="Line-aligned source and reference text."),
    ],
    top_frequent: Annotated[
        int, typer.Option("--top-frequent", min=0, help="Most frequent target pieces always allowed.")
    ] = ShortlistParams.top_frequent,
    per_source: Annotated[
        int, typer.Option("--per-source", min=0, help="Best-aligned target pieces kept per source piece.")
    ] = ShortlistParams.per_source,
    method: Annotated[
        str, typer.Option("--method", callback=choice(SHORTLIST_METHODS, "--method"), help="auto | eflomal | cooc.")
    ] = "auto",
    offline: Annotated[bool, typer.Option("--offline", help="Never try the network.")] = False,
) -> None:
    """Build the vocabulary shortlist `--shortlist` decodes over (CTranslate2), from parallel text."""
    from ..models import hub as model_store
    from ..models.backends import backend_class
    from ..models.convert import choose_quantization, convert
    from ..models.shortlist import build_shortlist, target_vocabulary
    from ..paths import require_writable_cache

    require_writable_cache("ct2")
    backend_class("ctranslate2").check_available("cpu")
    resolved = model_store.resolve_model(model, offline=offline or None, option="MODEL")
    conversion = convert(resolved, choose_quantization("auto", "cpu"))
    tokenizer = model_store.load_tokenizer(resolved)
    params = ShortlistParams(top_frequent=top_frequent, per_source=per_source, method=method)
    built = build_shortlist(
        resolved, parallel[0], parallel[1], tokenizer=tokenizer,
        vocabulary=target_vocabulary(conversion.path, tokenizer), params=params,
    )  # fmt: skip
    info = built.info
    emit(
        f"shortlist\t{model}\t{info['always']} always allowed ({info['number_safe']} number-safe)\t"
        f"{info['source_entries']} source entries\t{info['params']['method']}\t{info['pairs']} pairs\t{built.path}"
    )
