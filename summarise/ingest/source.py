"""Reading an input's bytes with a bound, whatever the input is: a file, stdin, a FIFO, /dev/zero.

Nothing is read whole before a limit is checked: a regular file's size is checked before it is
opened, and streams (stdin, FIFOs, character devices) are read in chunks that stop one byte past the
limit, so `yes | summarise segment -` or `summarise check /dev/urandom x` costs the limit in memory
and a fraction of a second, not all memory. Reading in chunks also keeps SIGTERM and Ctrl-C
working: the signal handler runs between two reads.

The limit follows --max-chars: an article of N characters takes at most 4 N bytes as UTF-8 (2 N as
UTF-16), and HTML, PDF and .docx files carry markup, fonts and images besides their text, hence the
margin. The character limit itself is checked on the text, after decoding (`limits.check_length`).
"""

from __future__ import annotations

import os
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..limits import MAX_CHARS

MARKUP_MARGIN = 32 << 20  # bytes of markup, fonts and images an article file may carry besides its text
_CHUNK = 1 << 20

# Every file kind the readers understand (sniffed by content; the suffix only breaks ties): what batch
# and regress pick up in a folder and what the FILE help of every command lists.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".docx")
SUFFIX_LIST = ", ".join(ARTICLE_SUFFIXES)  # for help texts and messages


def byte_limit(max_chars: int = MAX_CHARS) -> int:
    """The most bytes an input of `max_chars` characters of text may take on disk."""
    return 4 * max_chars + MARKUP_MARGIN


@dataclass(frozen=True)
class RawInput:
    data: bytes
    name: str  # for messages: the path, or "stdin"
    suffix: str  # the file name's suffix ("" for stdin): breaks ties when sniffing the kind


def _too_big(name: str, limit: int, max_chars: int, option: str) -> InputError:
    return InputError(
        f"{name} is larger than {limit:,} bytes, more than {option} {max_chars:,} characters of text allow: "
        f"split it, or raise {option}"
    )


def _read_bounded(read, name: str, limit: int, max_chars: int, option: str) -> bytes:
    """`read(n)` until end of input or one byte past `limit` (then InputError)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = read(min(_CHUNK, limit + 1 - total))
        except BlockingIOError:  # a non-blocking stdin with no data yet
            time.sleep(0.05)
            continue
        except OSError as e:
            raise InputError(f"{name}: cannot read it ({e.strerror or e})") from e
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_big(name, limit, max_chars, option)


def _stdin_reader():
    """os.read on stdin's descriptor (no buffering: nothing is read past the limit), or the read of
    whatever object stands in for stdin (an embedding program's, a test's)."""
    buffer = getattr(sys.stdin, "buffer", sys.stdin)
    try:
        fd = buffer.fileno()
    except (AttributeError, OSError, ValueError):
        return buffer.read
    return lambda n: os.read(fd, n)


def _kind(mode: int) -> str:
    for test, word in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISDIR, "a folder")):  # fmt: skip
        if test(mode):
            return word
    return "not a regular file"


def read_input(
    path: str | os.PathLike,
    *,
    max_chars: int = MAX_CHARS,
    option: str = "--max-chars",
    regular_only: bool = False,
    what: str = "an article file",
) -> RawInput:
    """The bytes of `path` ("-": stdin), at most `byte_limit(max_chars)` of them, else InputError.

    regular_only (batch, regress: files found in a folder, not named by the user): anything but a
    regular file is refused without blocking, also one swapped in after the folder was listed; a
    file named on the command line may be a FIFO or a device (`<(pdftotext a.pdf -)`, /dev/stdin).
    """
    limit = byte_limit(max_chars)
    if str(path) == "-":
        return RawInput(_read_bounded(_stdin_reader(), "stdin", limit, max_chars, option), "stdin", "")
    p = Path(path)
    name = str(p)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        dangling = " (a symlink to nothing)" if p.is_symlink() else ""
        raise InputError(f"{name}: no such file{dangling}") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read it ({e.strerror or e})") from e
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name} is a directory, not {what} (use `summarise batch` for folders)")
    if regular_only and not stat.S_ISREG(st.st_mode):
        raise InputError(f"{name} is {_kind(st.st_mode)}, not {what}: skipped")
    if stat.S_ISSOCK(st.st_mode):
        raise InputError(f"{name} is a socket, not {what}")
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise _too_big(name, limit, max_chars, option)
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | (os.O_NONBLOCK if regular_only else 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        raise InputError(f"{name}: cannot read it ({e.strerror or e})") from e
    try:
        if regular_only and not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the stat above
            raise InputError(f"{name} is not a regular file, not {what}: skipped")
        data = _read_bounded(lambda n: os.read(fd, n), name, limit, max_chars, option)
    finally:
        os.close(fd)
    return RawInput(data, name, p.suffix)
