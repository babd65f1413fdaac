"""The one place that finds and loads models, and the one place that knows about the Hugging Face cache.

A model is named by a hub id (``Helsinki-NLP/opus-mt-de-en``) or a local directory. Hub ids are
looked up in the local HF cache first, so a cached model never touches the network; with
``offline=True`` or ``HF_HUB_OFFLINE=1`` the network is never tried. Only safetensors weights are
accepted (pickled ``.bin`` weights are never downloaded or loaded) and ``trust_remote_code`` is
never set.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import sys
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import ModelError, ModelNotAvailable

log = logging.getLogger(__name__)

DEFAULT_TRANSLATION_MODEL = "Helsinki-NLP/opus-mt-de-en"
DEFAULT_SUMMARY_MODEL = "sshleifer/distilbart-cnn-12-6"
DEFAULT_MODELS = (DEFAULT_TRANSLATION_MODEL, DEFAULT_SUMMARY_MODEL)

# Everything a model directory needs except pickled weights: configs, safetensors, tokenizer files.
ALLOW_PATTERNS = [
    "*.json",
    "*.safetensors",
    "*.spm",
    "*.model",
    "*.txt",
    "*.tiktoken",
    "*.jinja",
]


@dataclass(frozen=True)
class ResolvedModel:
    """A model found on disk: where it is and what identifies it in cache keys and signatures."""

    name: str  # what the user asked for (hub id or directory)
    path: Path
    revision: str  # hub commit hash, or a fingerprint of a local directory's files

    # Read once per resolved model: every backend choice and load of a run asks for them.
    @cached_property
    def config(self) -> dict:
        return read_config(self.path)

    @cached_property
    def kind(self) -> str | None:
        """seq2seq / text2text / chat (`model_kind`), or None for an architecture no summariser path knows."""
        try:
            return model_kind(self.config)
        except ModelError:  # not a summariser's architecture: a backend's own loader judges it
            return None


def is_offline(offline: bool | None = None) -> bool:
    if offline:
        return True
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def read_config(path: Path) -> dict:
    try:
        return json.loads((Path(path) / "config.json").read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ModelError(f"{path} has no config.json: not a Hugging Face model directory") from e
    except (OSError, ValueError) as e:
        raise ModelError(f"{path}/config.json cannot be read: {e}") from e


_WHOLE_FILE_LIMIT = 16 << 20  # smaller files are hashed whole
_SAMPLE_BYTES = 1 << 20


# The model configs transformers rewrites on every save_pretrained, and their keys that record who
# wrote the file rather than what the model computes: a newer transformers saving the same weights
# must not look like a new model (goldens, translation cache, CTranslate2 conversions stay valid).
_CONFIG_FILES = frozenset({"config.json", "generation_config.json"})
_VOLATILE_CONFIG_KEYS = frozenset({"transformers_version", "_commit_hash", "_name_or_path"})


def _canonical_config(data: bytes) -> bytes:
    """A config file as transformers' save_pretrained writes it (2-space indent, sorted keys) without
    the keys that only say which version wrote it; a file that is not a JSON object stays as it is."""
    try:
        config = json.loads(data)
    except ValueError:
        return data
    if not isinstance(config, dict):
        return data
    kept = {k: v for k, v in config.items() if k not in _VOLATILE_CONFIG_KEYS}
    return (json.dumps(kept, indent=2, sort_keys=True) + "\n").encode()


def _fingerprint(path: Path) -> str:
    """Identify a local model directory by what decides its output, never by mtimes or by which
    transformers version saved it.

    A copy or a rebuild of the same model gets the same fingerprint (translation cache, CTranslate2
    conversions and regression signatures stay valid); any changed file gives a new one. config.json
    and generation_config.json count in a canonical form without `transformers_version`. Files over
    16 MiB (weights) count by size and three 1 MiB samples (start with the safetensors header, middle,
    end), so a multi-GB model costs 3 MiB of reading, not a full hash.
    """
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        size = f.stat().st_size
        name = f.relative_to(path).as_posix()
        if name in _CONFIG_FILES and size <= _WHOLE_FILE_LIMIT:
            data = _canonical_config(f.read_bytes())
            h.update(f"{name}:{len(data)}\n".encode() + data)
            continue
        h.update(f"{name}:{size}\n".encode())
        with open(f, "rb") as fh:
            if size <= _WHOLE_FILE_LIMIT:
                h.update(fh.read())
                continue
            for offset in (0, size // 2 - _SAMPLE_BYTES // 2, size - _SAMPLE_BYTES):
                fh.seek(offset)
                h.update(fh.read(_SAMPLE_BYTES))
    return "local-" + h.hexdigest()[:16]


def _require_safetensors(path: Path, name: str) -> None:
    if not any(path.glob("*.safetensors")):
        raise ModelError(
            f"model {name} has no safetensors weights in {path}; summarise never loads pickled weights "
            "(pick a revision or a converted copy that has model.safetensors)"
        )


# What a hub id looks like ("Helsinki-NLP/opus-mt-de-en", "gpt2"); anything else can only be a directory.
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[A-Za-z0-9][\w.-]*)?$")


def resolve_model(
    name: str, *, offline: bool | None = None, revision: str | None = None, option: str = "--model"
) -> ResolvedModel:
    """Find a model on disk, downloading it only when allowed and not cached.

    `option` is where the user named it (--model, --summary-model, MODEL): errors name it."""
    local = Path(name).expanduser()
    if local.is_dir():
        read_config(local)
        _require_safetensors(local, name)
        return ResolvedModel(name, local.resolve(), _fingerprint(local))
    if local.exists():
        raise ModelNotAvailable(name, message=f"{option} {name} is a file, not a model directory")
    if name.startswith((".", "/", "~")) or not _HUB_ID.match(name):
        raise ModelNotAvailable(
            name, message=f"{option} {name}: no such directory (a model is a local directory or a hub id such as {DEFAULT_TRANSLATION_MODEL})"
        )

    from huggingface_hub import snapshot_download

    try:
        path = Path(snapshot_download(name, revision=revision, local_files_only=True, allow_patterns=ALLOW_PATTERNS))
    except Exception as cached_error:  # not cached (or partially): maybe download
        if is_offline(offline):
            raise ModelNotAvailable(name, option=option, offline=True) from cached_error
        try:
            path = Path(snapshot_download(name, revision=revision, allow_patterns=ALLOW_PATTERNS))
        except Exception as e:
            raise _download_failed(name, e, option) from e
    if not (path / "config.json").exists():
        raise ModelNotAvailable(name, "cached copy is incomplete", option=option)
    _require_safetensors(path, name)
    return ResolvedModel(name, path, path.name)


def _download_failed(name: str, e: Exception, option: str) -> ModelNotAvailable:
    """What a failed download means for the user, in words: never the exception's class name."""
    from huggingface_hub import errors as hub_errors

    if isinstance(e, hub_errors.RevisionNotFoundError):
        return ModelNotAvailable(name, message=f"{option} {name}: the hub has no such revision of it")
    if isinstance(e, hub_errors.GatedRepoError):
        return ModelNotAvailable(name, message=f"{option} {name} is gated on the hub: accept its terms and log in, or pass {option} DIR")
    if isinstance(e, hub_errors.RepositoryNotFoundError):
        return ModelNotAvailable(name, message=f"{option} {name}: no such model on the Hugging Face hub (or it is private)")
    return ModelNotAvailable(name, option=option)  # no connection (LocalEntryNotFoundError and the like)


def download(names: list[str] | tuple[str, ...] = DEFAULT_MODELS) -> list[ResolvedModel]:
    """Fetch `names` into the local HF cache (those already there are not fetched again)."""
    return [_download(n) for n in names]


def _download(name: str) -> ResolvedModel:
    try:
        return resolve_model(name, offline=False, option="MODEL")
    except ModelNotAvailable as e:
        if not _HUB_ID.match(name) or Path(name).expanduser().exists():
            raise  # a directory, not a hub id: its own message says what is wrong
        from huggingface_hub.constants import HF_HUB_CACHE

        why = (
            "HF_HUB_OFFLINE is set, so the Hugging Face hub is never contacted (unset it to download)"
            if is_offline(None)
            else "the Hugging Face hub cannot be reached"
        )
        folder = "models--" + name.replace("/", "--")
        raise ModelNotAvailable(
            name,
            message=(
                f"cannot download {name}: {why}; to copy it in instead, run `summarise models download {name}` "
                f"on a machine with network access and copy its {folder} folder into {HF_HUB_CACHE}, "
                "or save the model to a directory and pass --model DIR"
            ),
        ) from e


@dataclass(frozen=True)
class CachedModel:
    repo_id: str
    size_bytes: int
    revisions: tuple[str, ...]
    path: Path


def list_cached() -> list[CachedModel]:
    from huggingface_hub import scan_cache_dir

    try:
        info = scan_cache_dir()
    except Exception:  # no cache dir yet
        return []
    return sorted(
        (
            CachedModel(r.repo_id, r.size_on_disk, tuple(sorted(rev.commit_hash for rev in r.revisions)), r.repo_path)
            for r in info.repos
            if r.repo_type == "model"
        ),
        key=lambda m: m.repo_id,
    )


def _gpu_possible() -> bool:
    """False only where no GPU can be there: Linux without NVIDIA, ROCm or WSL GPU device nodes."""
    if not sys.platform.startswith("linux"):
        return True  # macOS (MPS), Windows: ask torch
    return any(next(Path("/dev").glob(pattern), None) for pattern in ("nvidia[0-9]*", "kfd", "dxg"))


DEVICES = ("auto", "cpu", "cuda", "mps")


def resolve_device(device: str = "auto") -> str:
    if device == "cpu" or (device == "auto" and not _gpu_possible()):
        # Without importing torch (~2 s, ~190 MB): the CTranslate2 path on a CPU never needs it.
        return "cpu"
    import torch

    if device == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda was asked for but no CUDA device is available")
    if device == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ModelError("--device mps was asked for but MPS is not available")
    if device not in DEVICES:
        raise ModelError(f"unknown device {device!r}: use {', '.join(DEVICES)}")
    return device


def default_threads(threads: int | None = None) -> int:
    """--threads, else $SUMMARISE_THREADS, else every core."""
    env = os.environ.get("SUMMARISE_THREADS", "").strip()
    return threads or (int(env) if env.isdigit() and int(env) > 0 else 0) or os.cpu_count() or 1


def set_threads(threads: int | None) -> int:
    """Use all cores for one big op at a time (intra-op); inter-op parallelism only adds contention here."""
    import torch

    n = default_threads(threads)
    torch.set_num_threads(n)
    # can only be set once per process, before any parallel work
    with contextlib.suppress(RuntimeError):
        torch.set_num_interop_threads(1)
    return n


def torch_versions() -> dict[str, str]:
    """Versions of the packages behind the transformers backends (for signatures)."""
    import torch
    import transformers

    return {"transformers": transformers.__version__, "torch": torch.__version__}


def load_tokenizer(model: ResolvedModel):
    """The model's tokenizer: the class its tokenizer_config.json names, as AutoTokenizer would pick.

    Loading that class directly matters on the CTranslate2 path: AutoTokenizer goes through
    AutoConfig, which imports torch (~2 s and ~190 MB of a process that otherwise never needs it).
    """
    try:
        cls = _named_tokenizer_class(model.path)
        if cls is None:
            from transformers import AutoTokenizer

            return AutoTokenizer.from_pretrained(model.path, trust_remote_code=False)
        return cls.from_pretrained(model.path, trust_remote_code=False)
    except Exception as e:
        raise ModelError(f"cannot load the tokenizer of {model.name}: {e}") from e


def _named_tokenizer_class(path: Path):
    """The transformers class tokenizer_config.json names (its Fast variant first, as AutoTokenizer
    does), or None when it names none that transformers has (AutoTokenizer then decides)."""
    try:
        name = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8")).get("tokenizer_class")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(name, str) or not name.isidentifier():
        return None
    import transformers

    for candidate in (name if name.endswith("Fast") else f"{name}Fast", name):
        try:
            cls = getattr(transformers, candidate)
        except (AttributeError, ImportError, RuntimeError):
            continue
        if isinstance(cls, type) and hasattr(cls, "from_pretrained"):
            return cls
    return None


KINDS = ("seq2seq", "text2text", "chat")
T5_FAMILY = frozenset({"t5", "mt5", "umt5", "longt5", "switch_transformers"})


def model_kind(config: dict) -> str:
    """seq2seq, text2text or chat, from the model's config.json."""
    model_type = config.get("model_type", "")
    architectures = config.get("architectures") or []
    if config.get("is_encoder_decoder"):  # decided without transformers' model maps (they import torch)
        return "text2text" if model_type in T5_FAMILY else "seq2seq"
    from transformers.models.auto.modeling_auto import (
        MODEL_FOR_CAUSAL_LM_MAPPING_NAMES,
        MODEL_FOR_SEQ_TO_SEQ_CAUSAL_LM_MAPPING_NAMES,
    )

    if model_type in MODEL_FOR_SEQ_TO_SEQ_CAUSAL_LM_MAPPING_NAMES:
        return "text2text" if model_type in T5_FAMILY else "seq2seq"
    # The saved head decides (a BertForMaskedLM has a bert model_type that also has a causal variant).
    if architectures:
        if any(a.endswith(("ForCausalLM", "LMHeadModel")) for a in architectures):
            return "chat"
    elif model_type in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES:
        return "chat"
    raise ModelError(
        f"a {model_type or 'model'} ({', '.join(architectures) or 'unknown architecture'}) cannot summarise: "
        "use a seq2seq summariser (e.g. sshleifer/distilbart-cnn-12-6), a T5-family model or a chat model"
    )


def load_seq2seq(model: ResolvedModel, device: str = "cpu"):
    """An encoder-decoder model (Marian, BART, T5...) and its tokenizer, in eval mode on `device`."""
    return _load_net(model, device, "AutoModelForSeq2SeqLM", "a sequence-to-sequence model")


def load_causal(model: ResolvedModel, device: str = "cpu"):
    """A decoder-only model and its tokenizer, in eval mode on `device`."""
    return _load_net(model, device, "AutoModelForCausalLM", "a decoder-only model")


# transformers builds a model on the meta device through process-wide patches (init contexts): two
# threads loading at once (a server's request threads reaching the biased-repair fallback together) leave
# one of them with meta tensors, "Cannot copy out of meta tensor". Loads are therefore one at a time.
_LOAD_LOCK = threading.RLock()


def _load_net(model: ResolvedModel, device: str, auto_class: str, what: str):
    import transformers

    with _LOAD_LOCK:
        tok = load_tokenizer(model)
        try:
            net = getattr(transformers, auto_class).from_pretrained(model.path, use_safetensors=True, trust_remote_code=False)
        except Exception as e:
            raise ModelError(f"cannot load {model.name} as {what}: {e}") from e
        return net.to(device).eval(), tok
