"""Finding articles under INPUT_DIR and reading them, with the limits that keep one bad file from
costing hours or memory. Also what `summarise regress` uses to find its samples."""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest.source import ARTICLE_SUFFIXES
from ..limits import MAX_CHARS
from .outputs import LOCK_NAME

log = logging.getLogger(__name__)

__all__ = ["ARTICLE_SUFFIXES", "Article", "find_articles", "read_article", "sha256_article"]

# Limits that turn a runaway input into an `error` line instead of hours of work or an OOM.
# MAX_CHARS (summarise.limits) is the one limit on an article's text, shared with translate and brief.
MAX_TEXT_BYTES = 2 * MAX_CHARS  # German text in UTF-8 or UTF-16 takes at most ~2 bytes a character
MAX_PDF_BYTES = 50_000_000  # also .docx and saved web pages: markup, fonts and images besides the text
BINARY_SUFFIXES = (".pdf", ".docx", ".html", ".htm")


@dataclass
class Article:
    """An input file found under INPUT_DIR."""

    path: Path  # where to read it (inside INPUT_DIR; on a cluster, the same path on every node)
    rel: str  # POSIX path relative to INPUT_DIR: the article's name in the manifest and OUTPUT_DIR
    size: int
    sha256: str | None = None  # None when too big to be worth hashing (it is an error anyway)


def _glob_variants(pattern: str) -> list[str]:
    """fnmatch's `*` already crosses folders; `**/` must also match no folder at all ("2026/**/*.txt")."""
    if "**/" not in pattern:
        return [pattern]
    head, _, tail = pattern.partition("**/")
    rest = _glob_variants(tail)
    return [head + r for r in rest] + [head + "*/" + r for r in rest]


def _matches(rel: str, pattern: str | None) -> bool:
    if not pattern:
        return True
    # Either the path below INPUT_DIR ("2024/*.txt") or the file name ("*.pdf") may match.
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in _glob_variants(pattern))


def find_articles(
    input_dir: Path,
    output_dir: Path | None = None,
    *,
    glob: str | None = None,
    exclude: Sequence[Path] = (),
    suffixes: Sequence[str] = (),
) -> tuple[list[Article], list[tuple[str, str]]]:
    """Articles (every suffix of ingest.ARTICLE_SUFFIXES, plus `suffixes`) under `input_dir`,
    recursively, in path order, and the paths ignored.

    Hidden files and folders are skipped, symlinked folders are not followed (no loops, no escapes),
    symlinked files are read only when they point inside `input_dir`, and `output_dir` (when it sits
    inside `input_dir`), the output folders of other batch runs and the files in `exclude` are never
    read as input.
    """
    root = Path(input_dir).resolve()
    out = Path(output_dir).resolve() if output_dir is not None else None
    excluded = {Path(p).resolve() for p in exclude}
    articles: list[Article] = []
    ignored: list[tuple[str, str]] = []

    def unreadable_folder(e: OSError) -> None:  # a folder that cannot be listed is skipped, not fatal
        rel = Path(e.filename).relative_to(root).as_posix() if e.filename else "?"
        log.warning("%s: folder skipped: cannot be read (%s)", rel, e.strerror or e)
        ignored.append((rel, f"folder cannot be read: {e.strerror or e}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable_folder):
        here = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            sub = here / name
            if name.startswith("."):
                continue
            if sub.is_symlink():
                ignored.append((sub.relative_to(root).as_posix(), "symlinked folder not followed"))
                continue
            if out is not None and sub.resolve() == out:
                continue  # our own outputs are not articles
            try:
                os.stat(sub / LOCK_NAME)
            except FileNotFoundError:
                pass
            except OSError as e:  # cannot even look inside: it cannot be read as input either
                unreadable_folder(OSError(e.errno, e.strerror, str(sub)))
                continue
            else:
                ignored.append((sub.relative_to(root).as_posix(), "output folder of another batch run"))
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in (*ARTICLE_SUFFIXES, *suffixes):
                continue
            rel = path.relative_to(root).as_posix()
            if not _matches(rel, glob):
                continue
            target = path.resolve()
            if path.is_symlink():
                if not target.is_relative_to(root) or (out is not None and target.is_relative_to(out)):
                    ignored.append((rel, "symlink to a file outside INPUT_DIR"))
                    continue
                if not target.is_file():
                    ignored.append((rel, "symlink to nothing"))
                    continue
            if target in excluded:
                continue
            try:
                st = target.stat()
            except OSError as e:
                ignored.append((rel, f"cannot be read: {e.strerror or e}"))
                continue
            if not stat.S_ISREG(st.st_mode):  # FIFOs, devices, sockets: never opened (a FIFO would block)
                ignored.append((rel, "not a regular file"))
                continue
            articles.append(Article(path=path, rel=rel, size=st.st_size))
    return articles, ignored


def sha256_article(article: Article) -> str | None:
    """The SHA-256 of an article's bytes; None when it cannot be read (reading it then records the
    error) or is not a regular file any more. Opened without blocking: a FIFO swapped in never hangs."""
    try:
        fd = os.open(article.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def read_article(article: Article):
    """The article as a Document, or InputError when it is unreadable, not a regular file, empty, too
    big or has no text."""
    from ..ingest import read_document

    limit = MAX_PDF_BYTES if article.path.suffix.lower() in BINARY_SUFFIXES else MAX_TEXT_BYTES
    if article.size > limit:
        raise InputError(f"too big for an article ({article.size:,} bytes, limit {limit:,})")
    if article.size == 0:
        raise InputError("empty file")
    doc = read_document(article.path, regular_only=True)
    if not doc.blocks or not doc.text.strip():
        raise InputError("no text found")
    if len(doc.text) > MAX_CHARS:
        raise InputError(f"too much text for an article ({len(doc.text):,} characters, limit {MAX_CHARS:,})")
    return doc
