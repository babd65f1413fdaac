"""Conversion of a Hugging Face seq2seq model to CTranslate2, done once and cached.

A conversion lives in ``cache_dir("ct2")/<model>--<revision>--<quantization>``. It is written into a
temporary directory next to it, its manifest (every file's size and SHA-256) is written last, and the
directory is renamed into place, so a killed conversion never looks finished. Before a conversion is
used it is verified against its manifest; one that fails (no manifest, a file missing, truncated or
changed) is removed and converted again. A conversion that passes but still fails to load is treated
the same way by the backend (`discard`). When the cache folder cannot be written, a needed
conversion goes to a temp folder removed at exit (one warning, from `paths.writable_cache_dir`).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BackendUnavailable, ConversionError, ModelError
from ..fileio import sha256_file
from ..paths import cache_dir, writable_cache_dir
from ..signature import Signature
from .hub import ResolvedModel, load_tokenizer

log = logging.getLogger(__name__)

MANIFEST = "summarise-conversion.json"
MANIFEST_VERSION = 1
QUANTIZATIONS = ("auto", "int8", "int8_float16", "int8_float32", "float16", "float32")
_GPU_PREFERENCE = ("int8_float16", "int8_float32", "int8", "float16", "float32")


def _ctranslate2():
    try:
        import ctranslate2
    except ImportError as e:
        raise BackendUnavailable(
            "ctranslate2 is not installed: pip install 'summarise[fast]' or use --backend transformers"
        ) from e
    return ctranslate2


def choose_quantization(quantization: str | None, device: str, supported: set[str] | None = None) -> str:
    """The quantization to convert to and compute in.

    auto: int8 on CPU (int8 GEMMs, weights 4x smaller); on GPU int8 weights with float16 activations
    when the card supports it, falling back to the best type it does support. An explicit choice
    must be supported by the device (`supported`: CTranslate2's compute types for it; asked when None).
    """
    quantization = quantization or "auto"
    if quantization not in QUANTIZATIONS:
        raise ModelError(f"unknown quantization {quantization!r}: use one of {', '.join(QUANTIZATIONS)}")
    ct2_device = "cuda" if device == "cuda" else "cpu"
    if supported is None:
        try:
            supported = set(_ctranslate2().get_supported_compute_types(ct2_device))
        except RuntimeError as e:  # a CPU-only build, or no usable CUDA driver
            raise BackendUnavailable(f"ctranslate2 cannot use {ct2_device} here ({e}): use --device cpu") from e
    if quantization == "auto":
        preference = _GPU_PREFERENCE if ct2_device == "cuda" else ("int8", "int8_float32", "float32")
        return next((q for q in preference if q in supported), "float32")
    if quantization not in supported:
        raise ModelError(
            f"quantization {quantization} is not supported on {ct2_device} "
            f"(supported: {', '.join(sorted(supported))}): pass --quantization auto"
        )
    return quantization


@dataclass(frozen=True)
class Conversion:
    """A verified CTranslate2 model directory for one model, revision and quantization."""

    model: ResolvedModel
    quantization: str
    path: Path
    converted: bool  # True when this call converted it, False when the cached one was reused


def _safe(text: str, limit: int = 80) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_.")[:limit] or "model"


def conversion_signature(model: ResolvedModel, quantization: str) -> Signature:
    """What identifies a conversion: the model, its revision and the quantization (its cache key)."""
    return Signature.of_model(model, quantization=quantization)


def model_key(model: ResolvedModel) -> str:
    """`<model>--<revision>`, safe as a folder name: what names a model's CTranslate2 caches (its
    conversions, one per quantization, and its vocabulary shortlist)."""
    # A hub id is readable as is; a local directory keeps its last part, and a hash of its resolved
    # path keeps two directories with the same last part apart (and "models/x", "./models/x" and
    # "/abs/models/x" together).
    name = model.name.replace("/", "--") if "/" in model.name and not Path(model.name).expanduser().is_dir() else None
    if name is None:
        digest = hashlib.sha256(str(model.path).encode()).hexdigest()[:8]
        name = f"{model.path.name or 'model'}-{digest}"
    return f"{_safe(name)}--{_safe(model.revision, 40)}"


def conversion_dir(model: ResolvedModel, quantization: str) -> Path:
    """Where the conversion of `model` at `quantization` is cached (not created)."""
    return cache_dir("ct2", create=False) / f"{model_key(model)}--{quantization}"


def _write_manifest(directory: Path, model: ResolvedModel, quantization: str) -> None:
    import ctranslate2

    files = {
        str(p.relative_to(directory)): {"size": p.stat().st_size, "sha256": sha256_file(p)}
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }
    manifest = {
        "version": MANIFEST_VERSION,
        **conversion_signature(model, quantization),
        "ctranslate2": ctranslate2.__version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "files": files,
    }
    tmp = directory / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, directory / MANIFEST)


# After a full SHA-256 check passes, the files' stat (size, mtime, inode) is stamped here; a later load
# whose files still have exactly that stat skips re-hashing (0.3 s for distilbart int8). Any rewrite
# changes the mtime, so it is hashed again. Files modified within STAMP_MARGIN_NS of the stamp are
# never stamped: on a coarse-clock filesystem a rewrite in the same tick would keep its mtime.
STAMP = "summarise-verified.json"
STAMP_MARGIN_NS = 2_000_000_000


def _stat_key(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _stamped(directory: Path, names: list[str]) -> bool:
    try:
        stamp = json.loads((directory / STAMP).read_text(encoding="utf-8"))
        current = {name: _stat_key(directory / name) for name in [*names, MANIFEST]}
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp.get("files") == current


def _stamp(directory: Path, names: list[str]) -> None:
    try:
        keys = {name: _stat_key(directory / name) for name in [*names, MANIFEST]}
        if any(key[1] > time.time_ns() - STAMP_MARGIN_NS for key in keys.values()):
            return
        tmp = directory / f"{STAMP}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"files": keys}), encoding="utf-8")
        os.replace(tmp, directory / STAMP)
    except OSError:  # a read-only cache: hash every time
        pass


def verify(directory: Path, *, deep: bool = True) -> str | None:
    """Why the conversion in `directory` cannot be used, or None when it is complete and intact.

    deep: also compare every file's SHA-256 with the manifest (catches same-size corruption), unless
    the files are exactly as they were when they last passed (STAMP).
    """
    directory = Path(directory)
    if not directory.is_dir():
        return "not converted yet"
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        if manifest.get("version") != MANIFEST_VERSION or not isinstance(files, dict):
            return "manifest from another version"
    except FileNotFoundError:
        return "no completion manifest (interrupted conversion)"
    except (OSError, ValueError, KeyError, TypeError) as e:
        return f"unreadable manifest ({type(e).__name__})"
    if "model.bin" not in files:
        return "manifest lists no model.bin"
    hashed = deep and not _stamped(directory, list(files))
    for name, info in files.items():
        path = directory / name
        try:
            size = path.stat().st_size
        except OSError:
            return f"{name} is missing"
        if size != info.get("size"):
            return f"{name} has {size} bytes, expected {info.get('size')}"
        if hashed and sha256_file(path) != info.get("sha256"):
            return f"{name} does not match its checksum"
    if hashed:
        _stamp(directory, list(files))
    return None


def discard(directory: Path) -> None:
    """Remove a conversion (unusable or to be redone)."""
    directory = Path(directory)
    if directory.exists():
        # Rename first so a half-deleted directory is never mistaken for a conversion.
        trash = directory.with_name(f".trash-{directory.name}-{os.getpid()}-{time.monotonic_ns()}")
        try:
            os.replace(directory, trash)
        except OSError:
            trash = directory
        shutil.rmtree(trash, ignore_errors=True)


def _remove_leftovers(target: Path, min_age_s: float = 3600) -> None:
    """Temp and trash directories of conversions killed long ago (a recent one may still be running)."""
    for path in [*target.parent.glob(f".tmp-{target.name}-*"), *target.parent.glob(f".trash-{target.name}-*")]:
        try:
            if time.time() - path.stat().st_mtime > min_age_s:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def _converter_class():
    """TransformersConverter adapted to our loading rules and to transformers 5."""
    from ctranslate2.converters import TransformersConverter

    class SafeTransformersConverter(TransformersConverter):
        def __init__(self, model: ResolvedModel):
            super().__init__(str(model.path), trust_remote_code=False)
            self._resolved = model

        def load_model(self, model_class, model_name_or_path, **kwargs):
            kwargs.pop("trust_remote_code", None)
            net = model_class.from_pretrained(model_name_or_path, use_safetensors=True, trust_remote_code=False, **kwargs)
            if net.config.model_type == "bart" and not hasattr(net.config, "normalize_before"):
                # transformers 5 dropped this legacy key from BartConfig; the converter still reads it.
                # BART is post-norm (the layer norm follows each residual block).
                net.config.normalize_before = False
            return net

        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            return load_tokenizer(self._resolved)

    return SafeTransformersConverter


_scratch: list[Path] = []


def _scratch_dir() -> Path:
    """A temp folder for conversions when the cache cannot be written, removed when the process exits
    (CTranslate2 has read the model into memory by then)."""
    if not _scratch:
        _scratch.append(Path(tempfile.mkdtemp(prefix="summarise-ct2-")))
        atexit.register(shutil.rmtree, _scratch[0], ignore_errors=True)
    return _scratch[0]


def convert(model: ResolvedModel, quantization: str = "int8", *, force: bool = False) -> Conversion:
    """The cached conversion of `model`, converting (again) when there is none or it is unusable."""
    _ctranslate2()
    if quantization not in QUANTIZATIONS or quantization == "auto":
        raise ModelError(f"convert needs a concrete quantization, not {quantization!r}")
    target = conversion_dir(model, quantization)
    if not force:
        problem = verify(target)
        if problem is None:
            return Conversion(model, quantization, target, converted=False)
        if target.exists():
            log.warning("converted model in %s is unusable (%s): converting again", target, problem)
    if writable_cache_dir("ct2") is None:  # warned once: the conversion serves this run only
        target = _scratch_dir() / target.name
    log.info("converting %s to CTranslate2 (%s) in %s", model.name, quantization, target)
    _remove_leftovers(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{target.name}-", dir=target.parent))
    try:
        out = tmp / "model"
        try:
            _converter_class()(model).convert(str(out), quantization=quantization, force=True)
        except Exception as e:  # the converter's failures on a model it does not handle take many forms
            reason = " ".join(str(e).split()) or type(e).__name__
            raise ConversionError(model.name, reason) from e
        _write_manifest(out, model, quantization)
        discard(target)
        try:
            os.replace(out, target)
        except OSError:
            # Another process finished the same conversion first: use theirs if it is sound.
            if verify(target) is not None:
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return Conversion(model, quantization, target, converted=True)
