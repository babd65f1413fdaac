"""Crash-safe file writing: a kill at any moment leaves either the old file or the new one, never half.

Used by the CLI for `-o OUT` (checked first with `check_output_file`, written with `write_output`),
by batch mode for its outputs and manifest, and by regress for goldens.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from .errors import InputError

# A full disk (or quota) is the user's to fix, like any unwritable output: one line, exit 2.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def write_failed(path: str | os.PathLike, e: OSError) -> InputError:
    """The one-line error for a failed write of `path` ("stdout" for standard output)."""
    if e.errno in DISK_FULL_ERRNOS:
        return InputError(f"no space left on device: cannot write {path}")
    return InputError(f"cannot write {path}: {e.strerror or e}")


def sha256_file(path: str | Path) -> str:
    """The SHA-256 of a file's contents, in hex (read in chunks: memory stays flat for any size)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _mode_for(path: Path) -> int:
    """The permissions a plain `open(path, "w")` would give: the existing file's, or 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# --- the hidden temp files of an atomic write --------------------------------------------------
#
# `.NAME.PID.XXXXXXXX.tmp` next to NAME (PID: the writer's process id, XXXXXXXX: mkstemp's random
# part). A kill -9 between create and rename leaves one behind; the next write of NAME removes it.

_TEMP_RANDOM = r"[a-z0-9_]{8}"
STALE_AFTER = 60.0  # seconds: a temp file without a pid this old is litter


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, another user's
        return True
    return True


def remove_stale_temp_files(target: str | os.PathLike) -> list[Path]:
    """Remove the temp files of earlier writes of `target` that can no longer finish: only names of
    exactly our pattern, only regular files this user owns, and only when their writer's process is
    gone (or, for a name without a pid, when untouched for STALE_AFTER seconds). Returns those removed;
    never fails (a cleanup must not stop the write it precedes)."""
    import re
    import time

    target = Path(target)
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?{_TEMP_RANDOM}\.tmp")
    removed = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        path = target.parent / name
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
                continue
            pid = match.group(1)
            if (_pid_alive(int(pid)) if pid else time.time() - st.st_mtime < STALE_AFTER):
                continue
            os.unlink(path)
        except (OSError, ValueError):
            continue
        removed.append(path)
    return removed


class _TempFile:
    """A text file opened next to `target` (same folder: the rename is atomic) with the permissions
    `target` would get; `commit` renames it into place, `discard` removes it. Nothing of it is left
    behind when opening fails half-way."""

    def __init__(self, target: Path, *, clean_stale: bool = False) -> None:
        self.target = target
        if clean_stale:  # one listing of the folder: for user-named outputs, not for each of a batch's
            remove_stale_temp_files(target)
        fd, self.name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
        try:
            # mkstemp makes the file private (0600); the result should get the usual permissions.
            os.fchmod(fd, _mode_for(target))
            self.file: TextIO = os.fdopen(fd, "w", encoding="utf-8")
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            Path(self.name).unlink(missing_ok=True)
            raise

    def commit(self) -> None:
        with self.file:
            self.file.flush()
            os.fsync(self.file.fileno())
        os.replace(self.name, self.target)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        Path(self.name).unlink(missing_ok=True)


def write_atomic(path: Path, text: str | bytes, *, clean_stale: bool = False) -> None:
    """Write via a temp file in the same directory and rename, so a kill never leaves half a file
    (bytes as they are, text as UTF-8). clean_stale: first remove temp files that killed writes of
    `path` left (`remove_stale_temp_files`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _TempFile(path, clean_stale=clean_stale)
    try:
        if isinstance(text, bytes):
            tmp.file.flush()
            tmp.file.buffer.write(text)
        else:
            tmp.file.write(text)
        tmp.commit()
    except BaseException:
        tmp.discard()
        raise


def append_line(path: Path, line: str) -> None:
    """Append one complete line with a single write, then fsync.

    One `write` on an O_APPEND descriptor lands whole or not at all for a line this size, so a kill
    can at worst lose the line, not leave part of it (readers still skip a partial last line, for
    file systems that give fewer guarantees).
    """
    if "\n" in line:
        raise ValueError("append_line takes one line without newlines")
    data = (line + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = os.write(fd, data)
        if written != len(data):  # only on a full disk or an exotic file system
            raise OSError(errno.ENOSPC, f"short write: {written} of {len(data)} bytes", str(path))
        os.fsync(fd)
    except OSError as e:
        e.filename = e.filename or str(path)  # a full disk names the manifest, not "the output"
        raise
    finally:
        os.close(fd)


# --- output paths the user names (-o FILE, OUTPUT_DIR) -------------------------------------------
#
# Checked before any model is loaded, so a typo costs a second, not a translation; every problem is
# an InputError (one line, exit 2). Written with `write_output`: regular files atomically (a symlink's
# target is replaced, the link stays a link), FIFOs, character devices and /dev/stdout-style paths
# directly (a rename would swap the node itself for a regular file).


def _identity(path: str | os.PathLike, *, dash_is_stdin: bool = False) -> tuple[int, int] | None:
    """(st_dev, st_ino) of what `path` names after following symlinks; None when it does not exist.
    dash_is_stdin: "-" is stdin when that is a regular file (`summarise translate - -o a.txt < a.txt`)."""
    try:
        if dash_is_stdin and str(path) == "-":
            st = os.fstat(0)
            if not stat.S_ISREG(st.st_mode):
                return None
        else:
            st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _is_stream(path: str | os.PathLike, st: os.stat_result | None) -> bool:
    """True for outputs written in place: FIFOs, character devices, and /dev/stdout, /dev/fd/N and
    /proc/*/fd/N, which name an already open descriptor (a pipe, a terminal or a redirected file)."""
    if st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        return True
    # Judged by the name as given: /dev/stdout redirected to a file resolves to that file's own path.
    name = os.path.abspath(path)
    return name in ("/dev/stdout", "/dev/stderr") or name.startswith(("/dev/fd/", "/proc/"))


def check_output_file(
    out: str | os.PathLike | None,
    *,
    inputs: Iterable[str | os.PathLike] = (),
    protected: Iterable[tuple[str | os.PathLike, str]] = (),
    option: str = "-o",
) -> None:
    """Raise InputError when `out` cannot or must not be written; None and "-" mean stdout.

    Refused: a path that is (through symlinks or hard links) one of `inputs` or of `protected`
    ((path, what it is) pairs, e.g. goldens), a directory, a read-only file, a file in a missing or
    read-only folder. FIFOs and character devices only have to be writable.
    """
    if out is None or str(out) == "-":
        return
    name = str(out)
    label = f"{option} {name}"
    if name.endswith(os.sep):
        raise InputError(f"{label} names a folder: give a file name")
    try:
        st: os.stat_result | None = os.stat(out)
    except FileNotFoundError:
        st = None  # a new file (or a symlink to one not written yet)
    except OSError as e:
        raise InputError(f"cannot write {label}: {e.strerror or e}") from e
    if st is not None:
        here = (st.st_dev, st.st_ino)
        named = [(path, "the input file") for path in inputs] + list(protected)
        for path, what in named:
            if _identity(path, dash_is_stdin=True) == here:
                if str(path) == "-":
                    alias = " (on stdin)"
                else:
                    alias = "" if os.path.abspath(path) == os.path.abspath(name) else f" ({path})"
                raise InputError(f"{label} is {what}{alias}: refusing to overwrite it; write somewhere else")
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{label} is a folder: give a file name")
        if _is_stream(out, st):
            if not os.access(out, os.W_OK):
                raise InputError(f"cannot write {label}: permission denied")
            return
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{label} is not a regular file, a FIFO or a character device")
        if not os.access(out, os.W_OK):
            raise InputError(f"cannot write {label}: the file is read-only")
    elif _is_stream(out, None):
        return
    # A regular file is written to a temp file next to its (symlink-resolved) name and renamed.
    folder = Path(os.path.realpath(out)).parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(f"cannot write {label}: folder {folder} {what}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write {label}: folder {folder} is read-only")


def check_output_dir(out: str | os.PathLike, *, inputs: Iterable[str | os.PathLike] = (), label: str = "OUTPUT_DIR") -> None:
    """Raise InputError when folder `out` cannot be created or written, or is one of `inputs` (folders)."""
    name = f"{label} {out}"
    here = _identity(out)
    for path in inputs:
        if here is not None and _identity(path) == here:
            raise InputError(f"{name} is the input folder: outputs would be read as articles; choose another folder")
    if here is not None:
        if not os.path.isdir(out):
            raise InputError(f"{name} exists and is not a folder")
        if not os.access(out, os.W_OK | os.X_OK):
            raise InputError(f"cannot write {name}: the folder is read-only")
        return
    # Created on first write: the nearest existing parent must be a writable folder.
    parent = Path(os.path.abspath(out)).parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"cannot create {name}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"cannot create {name}: {parent} is read-only")


def write_output(path: str | os.PathLike, text: str | bytes) -> None:
    """Write a user-named output: atomically for a regular file (a symlink's target is replaced, the link
    stays), in place for a FIFO, a character device or an open descriptor (/dev/stdout)."""
    try:
        try:
            st: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            st = None
        if _is_stream(path, st):
            # Append: /dev/stdout redirected to a file (`>> log`) must not lose what is already there.
            with open(path, "ab") as f:
                f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            return
        write_atomic(Path(os.path.realpath(path)), text, clean_stale=True)
    except BrokenPipeError:
        raise  # the reader went away (-o /dev/stdout | head): the CLI treats that as a quiet stop
    except OSError as e:  # a full disk, or the folder changed since check_output_file
        raise write_failed(path, e) from e


@contextlib.contextmanager
def open_output(path: str | os.PathLike | None) -> Iterator[Callable[[str], None]]:
    """Write a user-named output piece by piece (a streamed translation): yields `write(text)`.

    None or "-" is stdout (flushed after every piece, so a reader sees blocks as they come). A regular
    file is written to a temp file next to it and renamed into place only when the block ends
    normally, so an interrupt or an error leaves the old file (or none), never part of a new one;
    FIFOs, character devices and /dev/stdout are written in place, as `write_output` does. A failed
    write is an InputError naming the path; errors of the caller's own code pass through untouched.
    """
    if path is None or str(path) == "-":

        def to_stdout(text: str) -> None:
            try:
                sys.stdout.write(text)
                sys.stdout.flush()  # inside the caller's try: a full disk is reported, not met at exit
            except BrokenPipeError:
                raise
            except OSError as e:
                e.filename = e.filename or "stdout"
                raise

        yield to_stdout
        return

    def failed(e: OSError) -> InputError:
        return write_failed(path, e)

    try:
        st: os.stat_result | None = os.stat(path)
    except OSError:
        st = None
    if _is_stream(path, st):
        try:
            f = open(path, "a", encoding="utf-8")  # noqa: SIM115  (closed below, after the caller's writes)
        except OSError as e:
            raise failed(e) from e
        try:
            yield _writer(f, failed)
            try:
                f.close()
            except OSError as e:
                raise failed(e) from e
        finally:
            _close_quietly(f)  # after an error: a second ENOSPC on close must not mask the first
        return
    try:
        tmp = _TempFile(Path(os.path.realpath(path)), clean_stale=True)
    except OSError as e:
        raise failed(e) from e
    try:
        yield _writer(tmp.file, failed)
        try:
            tmp.commit()
        except OSError as e:
            raise failed(e) from e
    except BaseException:
        tmp.discard()
        raise


def _close_quietly(f) -> None:
    """Close `f` dropping what it still buffers: used once its error has been reported."""
    with contextlib.suppress(OSError, ValueError):
        f.close()
    if not f.closed:  # close() failed flushing: the descriptor is still open
        with contextlib.suppress(OSError, ValueError):
            os.close(f.fileno())


def _writer(f: TextIO, failed: Callable[[OSError], InputError]) -> Callable[[str], None]:
    def write(text: str) -> None:
        try:
            f.write(text)
            f.flush()
        except BrokenPipeError:
            raise  # the reader went away: the CLI treats that as a quiet stop
        except OSError as e:
            raise failed(e) from e

    return write
