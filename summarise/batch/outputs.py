"""OUTPUT_DIR: where each article's outputs go (never outside it), the lock that keeps a second run
out, and the cleanup of what a killed run left."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError

FORMAT_SUFFIXES = {"json": ".json", "markdown": ".md", "text": ".txt", "html": ".html"}
# Documents written back in their own format (summarise.output.writers), named like the input with
# .en before its suffix (a.docx -> a.en.docx, with its report a.en.check.json): "docx" for Word inputs,
# "roundtrip" for every Word, HTML and Markdown input. Other inputs get no such output.
ROUNDTRIP_BATCH_FORMATS = {"docx": ("docx",), "roundtrip": ("docx", "html", "markdown")}
ROUNDTRIP_INPUT_SUFFIXES = {"docx": (".docx",), "html": (".html", ".htm"), "markdown": (".md", ".markdown")}
BATCH_FORMATS = (*FORMAT_SUFFIXES, *ROUNDTRIP_BATCH_FORMATS)
INDEX_NAME = "index.html"  # with --formats html: one row per article, linking its page
DEFAULT_FORMATS = ("json", "markdown")
LOCK_NAME = ".summarise-batch.lock"


def roundtrip_format(rel: str, fmt: str) -> str | None:
    """The own format an article is written back in for batch format `fmt` (by its suffix), or None."""
    suffix = Path(rel).suffix.lower()
    for own in ROUNDTRIP_BATCH_FORMATS.get(fmt, ()):
        if suffix in ROUNDTRIP_INPUT_SUFFIXES[own]:
            return own
    return None


def output_name(rel: str, fmt: str) -> str | None:
    """The article's output in `fmt`, relative to OUTPUT_DIR; None: this article has none in `fmt`."""
    if fmt in FORMAT_SUFFIXES:
        return rel + FORMAT_SUFFIXES[fmt]
    if roundtrip_format(rel, fmt) is None:
        return None
    path = Path(rel)
    return path.with_name(path.stem + ".en" + path.suffix).as_posix()


def input_suffixes(formats) -> tuple[str, ...]:
    """The extra input suffixes the formats ask for (Word and HTML inputs only with a round-trip format)."""
    return tuple(s for f in formats for own in ROUNDTRIP_BATCH_FORMATS.get(f, ()) for s in ROUNDTRIP_INPUT_SUFFIXES[own])


def output_path(output_root: Path, rel: str, fmt: str) -> Path:
    """Where an article's output in `fmt` goes: OUTPUT_DIR/<rel><suffix>, never outside OUTPUT_DIR."""
    parts = Path(rel).parts
    if not rel or Path(rel).is_absolute() or ".." in parts or any(p.startswith("/") for p in parts):
        raise InputError(f"{rel}: output path would leave OUTPUT_DIR")
    path = output_root / output_name(rel, fmt)
    # A folder inside OUTPUT_DIR may itself be a symlink to elsewhere: check where it really leads.
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    if not parent.resolve().is_relative_to(output_root.resolve()):
        raise InputError(f"{rel}: output folder {parent} leads outside OUTPUT_DIR (a symlink?)")
    return path


@contextlib.contextmanager
def exclusive(output_root: Path) -> Iterator[None]:
    """Two batches writing into the same OUTPUT_DIR would interleave the manifest: refuse the second."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the user keeps runs apart
        yield
        return
    fd = os.open(output_root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"another `summarise batch` is writing to {output_root}; wait for it to finish") from None
        yield
    finally:
        os.close(fd)


def remove_stale_temp_files(output_root: Path) -> None:
    """A SIGKILL in the middle of write_atomic leaves its hidden temp file; the lock says no one else
    is writing here, so any left are litter from a killed run."""
    for dirpath, _dirs, files in os.walk(output_root, followlinks=False):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))


def prepare_output(input_root: Path, output_dir: Path) -> Path:
    output_dir = Path(output_dir)
    if output_dir.exists() and not output_dir.is_dir():
        raise InputError(f"OUTPUT_DIR {output_dir} exists and is not a folder")
    if output_dir.resolve() == input_root:
        raise InputError("OUTPUT_DIR must be a different folder from INPUT_DIR (outputs would be read as articles)")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"cannot create OUTPUT_DIR {output_dir}: {e.strerror or e}") from e
    return output_dir.resolve()
