"""Uploaded files, checked before any parser sees them: size, kind by content, ZIP archives' contents.

An upload is bytes and a display name; nothing of it ever names a path on this machine (uploads and
results live in the job database, never in files named after the request). A ZIP that is not a Word
document is a folder of articles (jobs only): its members are read into memory under limits on their
number, their declared sizes and their compression ratio, so a ZIP bomb is refused before it inflates
(zipfile never returns more than a member's declared size, so declared sizes bound the real ones).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from ..ingest.detect import ZIP_MAGIC, is_docx, sniff

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # one request's file(s)
MAX_ARCHIVE_MEMBERS = 500
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # every member of an archive (a .docx's parts too), declared
MAX_RATIO = 200  # a member may inflate at most this much (text compresses ~5-10x; bombs 1000x+)
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".xhtml", ".docx")
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


class UploadError(ValueError):
    """An upload refused before parsing; the message is one line for the client."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Upload:
    name: str  # for display and the download's file name only
    data: bytes

    @property
    def suffix(self) -> str:
        return posixpath.splitext(self.name)[1].lower()

    @property
    def kind(self) -> str:
        return sniff(self.data, self.suffix)


def display_name(name: str | None, fallback: str = "article") -> str:
    """A file name fit to show and to offer as a download name: its last part, tame characters only."""
    base = posixpath.basename((name or "").replace("\\", "/")).strip()
    base = _SAFE_NAME.sub("_", base).strip(". ")[:120]
    return base or fallback


def check_upload(name: str | None, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES, archives: bool = False) -> list[Upload]:
    """The article(s) in one uploaded file: [the file], or an archive's articles when `archives`."""
    shown = display_name(name)
    if len(data) > max_bytes:
        raise UploadError(f"{shown} is {len(data):,} bytes, more than the limit of {max_bytes:,}", 413)
    if not data:
        raise UploadError(f"{shown} is empty")
    if data.startswith(ZIP_MAGIC):
        _check_archive(shown, data)
        if not is_docx(data):
            if not archives:
                raise UploadError(f"{shown} is a ZIP archive, not an article: send it as a job (/v1/jobs)")
            return _members(shown, data)
    upload = Upload(shown, data)
    if upload.kind == "text" and b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadError(f"{shown} is not a text, Markdown, PDF, HTML or Word file")
    return [upload]


def _check_archive(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise UploadError(f"{name} is a damaged ZIP file ({e})") from None
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise UploadError(f"{name} has {len(infos):,} members, more than the limit of {MAX_ARCHIVE_MEMBERS}")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise UploadError(f"{name} unpacks to {total:,} bytes, more than the limit of {MAX_UNPACKED_BYTES:,}", 413)
    for info in infos:
        if info.file_size > max(1, info.compress_size) * MAX_RATIO and info.file_size > 1024 * 1024:
            raise UploadError(f"{name}: member {display_name(info.filename)} inflates {info.file_size // max(1, info.compress_size)}x (a ZIP bomb?)")


def _members(name: str, data: bytes) -> list[Upload]:
    uploads = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            parts = info.filename.replace("\\", "/").split("/")
            if info.is_dir() or any(p.startswith(".") or p == "__MACOSX" for p in parts):
                continue
            if posixpath.splitext(parts[-1])[1].lower() not in ARTICLE_SUFFIXES:
                continue
            with z.open(info) as member:
                body = member.read(info.file_size + 1)
            # the member's path inside the archive is a label only
            label = "/".join(display_name(p, "_") for p in parts if p not in ("", ".", ".."))
            uploads.extend(check_upload(label, body) if body else [])
    if not uploads:
        raise UploadError(f"{name} contains no article files ({', '.join(ARTICLE_SUFFIXES)})")
    return uploads
