"""Every option more than one command takes, declared once; commands list the ones they use.

Choices come from the registries that define them, never from a copy: --backend from the backend
registry (summarise.models.backends), --format from the renderers (summarise.output.render.FORMATS), --device from
summarise.models.hub.DEVICES. A command whose default differs (regress compare: "as recorded") uses the
`Optional*` alias of the same option.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from ..ingest.source import SUFFIX_LIST
from ..limits import MAX_CHARS
from ..models.backends import backend_names
from ..models.backends.base import DEFAULT_BEAMS
from ..models.hub import DEFAULT_SUMMARY_MODEL, DEFAULT_TRANSLATION_MODEL, DEVICES
from ..models.loading import Models
from ..models.runtime import Runtime
from ..output.render import FORMATS

__all__ = [
    "LIMITS",
    "ArticleArg",
    "DEFAULT_BEAMS",
    "DEFAULT_SUMMARY_MODEL",
    "DEFAULT_TRANSLATION_MODEL",
    "BackendOpt",
    "BatchSizeOpt",
    "CacheFlagOpt",
    "BeamsOpt",
    "DeviceOpt",
    "GlossaryOpt",
    "MaxCharsOpt",
    "ModelOpt",
    "NoCacheOpt",
    "OfflineOpt",
    "OptionalBackendOpt",
    "OptionalBeamsOpt",
    "OptionalModelOpt",
    "OptionalSummaryModelOpt",
    "OutputOpt",
    "ShortlistOpt",
    "RuntimeOptions",
    "SummaryModelOpt",
    "ThreadsOpt",
    "at_most",
    "choice",
    "format_option",
    "with_runtime_options",
]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# Upper bounds of the numeric options, declared once (option: (limit, why)). Past them a run cannot
# end well: 100,000 beams allocate gigabytes per sentence and never finish, 100,000 threads crash
# OpenMP (a segfault), 1,000 threads on 2 cores spin at barriers for minutes. Each is refused in one
# line, exit 2, before anything loads.
MAX_THREADS = min(256, 4 * _cores())
LIMITS: dict[str, tuple[int | float, str]] = {
    "--beams": (16, "more beams cost time and memory and translate no better"),
    "--threads": (MAX_THREADS, f"4 x the {_cores()} usable cores, at most 256"),
    "--threads-per-worker": (256, "threads of one Ray worker"),
    "--batch-size": (1024, "sentences per model call"),
    "--workers": (256, "Ray workers, each holding its own models"),
    "--group-size": (1024, "articles translated together"),
    "--gpus-per-worker": (64, "GPUs of one Ray worker"),
    "--max-retries": (100, "retries of one article"),
    "--max-chars": (MAX_CHARS * 20, "characters of one article"),
}


def at_most(option: str):
    """A typer callback refusing a value above LIMITS[option] (None passes: "not given")."""
    limit, why = LIMITS[option]

    def check(value):
        if value is not None and value > limit:
            shown = f"{int(value):,}" if value == int(value) else f"{value:,}"
            raise typer.BadParameter(f"{shown} is more than {limit:,} ({why})", param_hint=option)
        return value

    return check


def choice(allowed, option: str):
    """A typer callback that accepts only `allowed` (a tuple, or a function returning one, read when the
    option is parsed: backends registered after import count). Case-insensitive; None passes ("not given")."""

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        names = allowed() if callable(allowed) else allowed
        if value.lower() not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}", param_hint=option)
        return value.lower()

    return check


class CleanHelpGroup(TyperGroup):
    """The command group of `summarise`: typer's help lists a type label for every parameter
    (`<str>`, `<bool>`, `<int range>`), which says nothing a user needs; here a flag shows none, an
    option a placeholder (N, TEXT, PATH, or its metavar), an argument none (its name says it). And a
    help text's literal brackets ("[default: 64 on ctranslate2, ...]") are escaped, so rich does not
    read them as markup and drop them. Applied once to every command of the tree."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _clean_help(self)


_PLACEHOLDERS = {int: "N", float: "X", Path: "PATH", str: "TEXT"}
_UNESCAPED_BRACKET = re.compile(r"(?<!\\)\[")


def _clean_help(command) -> None:
    for param in getattr(command, "params", ()):
        if getattr(param, "help", None):
            param.help = _UNESCAPED_BRACKET.sub(r"\\[", param.help)
        param.display_type_rich = functools.partial(_type_label, param)  # shadows the method per parameter
    if hasattr(command, "get_help_option"):  # -h/--help is made on first use: clean it then
        command.get_help_option = functools.partial(_clean_help_option, command.get_help_option)
    for sub in getattr(command, "commands", {}).values():
        _clean_help(sub)


def _clean_help_option(get_help_option, ctx):
    option = get_help_option(ctx)
    if option is not None:
        option.display_type_rich = functools.partial(_type_label, option)
    return option


def _type_label(param, ctx=None) -> str | None:
    if param.param_type_name != "option" or getattr(param, "is_flag", False):
        return None
    if param.metavar:
        return param.metavar
    annotation = param.type_descriptor.annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):  # `int | None`
        annotation = next((a for a in typing.get_args(annotation) if a is not type(None)), str)
    return _PLACEHOLDERS.get(annotation, "TEXT")


def _listed(names) -> str:
    return " | ".join(names)


def format_option(formats: tuple[str, ...] = FORMATS):
    """--format / -f over `formats` (default: the renderers' formats; a command may take fewer)."""
    return Annotated[
        str, typer.Option("--format", "-f", callback=choice(formats, "--format"), help=f"{_listed(formats)}.")
    ]


ArticleArg = Annotated[
    str, typer.Argument(metavar="FILE|-", help=f"German article ({SUFFIX_LIST}), or - for stdin.")
]
_BATCH_HELP = "Sentences per model call [default: 64 on ctranslate2, 16 on transformers]."

ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Translation model: hub id or local directory.")]
OptionalModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", help="Translation model: hub id or local directory (default: as recorded)."),
]
SummaryModelOpt = Annotated[
    str, typer.Option("--summary-model", help="Summary model (seq2seq, T5-family or chat): hub id or directory.")
]
OptionalSummaryModelOpt = Annotated[
    str | None, typer.Option("--summary-model", help="Summary model: hub id or directory (default: as recorded).")
]
BackendOpt = Annotated[
    str, typer.Option("--backend", callback=choice(backend_names, "--backend"), help=f"{_listed(backend_names())}.")
]
OptionalBackendOpt = Annotated[
    str | None,
    typer.Option(
        "--backend", callback=choice(backend_names, "--backend"), help=f"{_listed(backend_names())} (default: as recorded)."
    ),
]
DeviceOpt = Annotated[str, typer.Option("--device", callback=choice(DEVICES, "--device"), help=f"{_listed(DEVICES)}.")]
ThreadsOpt = Annotated[
    int | None, typer.Option("--threads", min=1, callback=at_most("--threads"), help="CPU threads for the models (default: $SUMMARISE_THREADS, else all cores).")
]
BeamsOpt = Annotated[int, typer.Option("--beams", min=1, callback=at_most("--beams"), help="Beam size for translation (1 = greedy).")]
OptionalBeamsOpt = Annotated[
    int | None, typer.Option("--beams", min=1, callback=at_most("--beams"), help="Beam size for translation (default: as recorded).")
]
BatchSizeOpt = Annotated[int | None, typer.Option("--batch-size", min=1, callback=at_most("--batch-size"), help=_BATCH_HELP)]
OfflineOpt = Annotated[bool, typer.Option("--offline", help="Never touch the network; use the local model cache only.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Bypass the translation cache.")]
ShortlistOpt = Annotated[
    bool,
    typer.Option(
        "--shortlist",
        help="Decode over the translation model's vocabulary shortlist (CTranslate2; build it with "
        "`summarise models shortlist`). Faster; numbers are always kept and still checked.",
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")
]
GlossaryOpt = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        metavar="FILE",
        help="TSV of German term TAB English term (empty English: keep the term as it is). Every "
        "inflected occurrence must become the English term: enforced and checked (kind `term`).",
    ),
]


CacheFlagOpt = Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse the translation cache (default: bypass it).")]
MaxCharsOpt = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        callback=at_most("--max-chars"),
        metavar="N",
        help=f"Refuse an article with more than N characters of text (exit 2, before any model loads) [default: {MAX_CHARS:,}].",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class RuntimeOptions:
    """The model-loading options of one command line, as given (None: not given)."""

    model: str | None
    summary_model: str | None = None
    backend: str | None = "auto"
    device: str = "auto"
    threads: int | None = None
    beams: int | None = DEFAULT_BEAMS
    batch_size: int | None = None
    offline: bool = False
    cache: bool = True
    shortlist: bool = False
    glossary: Path | None = None

    def runtime(
        self,
        *,
        model: str | None = None,
        summary_model: str | None = None,
        backend: str | None = None,
        beams: int | None = None,
        quantization: str | None = None,
        workload: int | None = None,
    ) -> Runtime:
        """Resolve these options once; the keyword arguments fill what the command line left out
        (regress compare: the settings the goldens were recorded with)."""
        return Runtime.resolve(
            self.model or model or DEFAULT_TRANSLATION_MODEL,
            self.summary_model or summary_model,
            backend=self.backend or backend or "auto",
            device=self.device,
            threads=self.threads,
            beams=self.beams or beams or DEFAULT_BEAMS,
            batch_size=self.batch_size,
            offline=self.offline,
            cache=self.cache,
            quantization=quantization,
            workload=workload,
            shortlist=self.shortlist,
            glossary=self.glossary,
        )

    def load(self, **fallbacks) -> Models:
        """(translator, summariser) of the resolved runtime; summariser None without a summary model."""
        from ..models import loading

        return loading.load_models(self.runtime(**fallbacks))


def with_runtime_options(*, summary: bool = False, recorded: bool = False, cache_default: bool = True):
    """Add the shared model-loading options to a command; it receives them as `options: RuntimeOptions`.

    summary: also --summary-model. recorded: model, summary model, backend and beams default to "as
    recorded" (None). cache_default False: --cache/--no-cache, bypassing the cache unless asked.
    """
    specs: list[tuple[str, object, object]] = [
        ("model", OptionalModelOpt, None) if recorded else ("model", ModelOpt, DEFAULT_TRANSLATION_MODEL),
    ]
    if summary:
        specs.append(
            ("summary_model", OptionalSummaryModelOpt, None)
            if recorded
            else ("summary_model", SummaryModelOpt, DEFAULT_SUMMARY_MODEL)
        )
    specs += [
        ("backend", OptionalBackendOpt, None) if recorded else ("backend", BackendOpt, "auto"),
        ("device", DeviceOpt, "auto"),
        ("threads", ThreadsOpt, None),
        ("beams", OptionalBeamsOpt, None) if recorded else ("beams", BeamsOpt, DEFAULT_BEAMS),
        ("batch_size", BatchSizeOpt, None),
        ("offline", OfflineOpt, False),
        ("no_cache", NoCacheOpt, False) if cache_default else ("cache", CacheFlagOpt, False),
        ("shortlist", ShortlistOpt, False),
        ("glossary", GlossaryOpt, None),
    ]

    def decorate(func):
        signature = inspect.signature(func, eval_str=True)  # the command's own Annotated options, evaluated
        own = [p for name, p in signature.parameters.items() if name != "options"]
        added = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a) for n, a, d in specs]

        @functools.wraps(func)
        def command(*args, **kwargs):
            given = {name: kwargs.pop(name) for name, _, _ in specs}
            given["cache"] = not given.pop("no_cache") if "no_cache" in given else given["cache"]
            return func(*args, options=RuntimeOptions(**given), **kwargs)

        # typer reads the parameters from the signature and their types from the annotations.
        command.__signature__ = signature.replace(parameters=own + added)
        command.__annotations__ = {p.name: p.annotation for p in own + added}
        return command

    return decorate
