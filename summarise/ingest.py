"""Read an article (plain text, Markdown or PDF; a path or "-" for stdin) into a Document.

bytes → text (PDF extraction or character-set decoding) → blocks (summarise.segment). Every way the
input can be unusable raises InputError with one line that names the file and says what to do.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import sys
import unicodedata
from pathlib import Path

from .document import Document
from .errors import InputError
from .segment import segment_text

MARKDOWN_SUFFIXES = (".md", ".markdown")
PDF_MAGIC = b"%PDF-"
# Signatures of files people pass by mistake; NUL bytes catch most of the rest.
BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt?)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings a German article not in UTF-8 is realistically written in.
LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "cp1250", "cp850", "cp437", "mac_roman"]
# Encodings that agree with cp1252 on every German letter; cp1252 (the Windows default) wins among them.
CP1252_ALIKES = {"cp1252", "windows_1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2"}


def read_document(path: str | Path) -> Document:
    """Read and segment an article file; "-" reads stdin."""
    if str(path) == "-":
        return document_from_bytes(sys.stdin.buffer.read(), source="-", name="stdin")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p} is a directory, not an article file (use `summarise batch` for folders)")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read it ({e.strerror or e})") from e
    return document_from_bytes(data, source=str(path), suffix=p.suffix)


def document_from_bytes(
    data: bytes, *, source: str | None = None, name: str | None = None, suffix: str = ""
) -> Document:
    """Segment raw file bytes: PDF when they start like one, otherwise decoded text."""
    name = name or source or "input"
    if not data:
        raise InputError(f"{name} is empty: there is no article to read")
    if is_pdf(data):
        text, markdown = pdf_text(data, name), False
    else:
        text = decode_text(data, name)
        markdown = True if suffix.lower() in MARKDOWN_SUFFIXES else None
    return document_from_text(text, source=source, name=name, markdown=markdown)


def document_from_text(
    text: str, *, source: str | None = None, name: str | None = None, markdown: bool | None = None
) -> Document:
    """Segment already-decoded text; raises InputError when there is nothing in it."""
    name = name or source or "input"
    if not text.strip():
        raise InputError(f"{name} contains only whitespace: there is no article to read")
    doc = segment_text(text, markdown=markdown)
    if not doc.blocks:
        raise InputError(f"{name} contains no article text")
    doc.source = source
    return doc


def is_pdf(data: bytes) -> bool:
    # the PDF spec lets junk precede the header within the first kilobyte
    return PDF_MAGIC in data[:1024]


def decode_text(data: bytes, name: str = "input") -> str:
    """Bytes to text: UTF-16/32 when a byte-order mark says so, else UTF-8 (with or without BOM), else
    the legacy single-byte encoding charset-normalizer recognises. Binary data is refused."""
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{name} starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()}: save it as UTF-8"
                ) from e
    _refuse_binary(data, name)
    try:
        return _checked(data.decode("utf-8-sig"), name)
    except UnicodeDecodeError:
        pass
    encoding = guess_legacy_encoding(data)
    if encoding is None:
        raise InputError(_unrecognised(name))
    return _checked(data.decode(encoding), name, undecodable=True)


def guess_legacy_encoding(data: bytes) -> str | None:
    """The single-byte encoding of non-UTF-8 bytes, or None when no candidate reads as text."""
    try:
        as_cp1252: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        as_cp1252 = None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        return "cp1252" if as_cp1252 is not None and _looks_like_text(as_cp1252) else None
    if best.encoding in CP1252_ALIKES and as_cp1252 is not None:
        return "cp1252"
    return best.encoding


def _looks_like_text(text: str) -> bool:
    """Real prose is letters, digits, spaces and punctuation; decoded binary is full of controls and symbols."""
    if not text:
        return True
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    symbols = sum(1 for c in text if unicodedata.category(c) in ("So", "Sk", "Co", "Cn"))
    return controls <= len(text) * 0.01 and (controls + symbols) <= len(text) * 0.05


def _unrecognised(name: str) -> str:
    return (
        f"{name} is neither UTF-8 nor any other text encoding summarise recognises (a binary file?): "
        "if it is an article, save it as UTF-8"
    )


def _checked(text: str, name: str, undecodable: bool = False) -> str:
    if not _looks_like_text(text):
        if undecodable:
            raise InputError(_unrecognised(name))
        raise InputError(f"{name} looks like a binary file, not an article (pass a .txt, .md or .pdf file)")
    return text


def _refuse_binary(data: bytes, name: str) -> None:
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(
                f"{name} looks like a binary file ({what}), not an article (pass a .txt, .md or .pdf file)"
            )
    if b"\x00" in data[:65536]:
        raise InputError(f"{name} looks like a binary file, not an article (pass a .txt, .md or .pdf file)")


def pdf_text(data: bytes, name: str = "input") -> str:
    """Extract a PDF's text page by page; pages are joined with a page-break gap (a run of blank lines)
    and a bare page number at the top or bottom of a page is dropped."""
    from pypdf import PdfReader

    # pypdf logs every recoverable oddity of a file as a warning: noise for a CLI user
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name} is an encrypted PDF: remove the password first")
        pages = [_page_text(page) for page in reader.pages]
    except InputError:
        raise
    except Exception as e:  # pypdf raises many types for a damaged file; all mean the same to the user
        raise InputError(f"{name} looks like a PDF but cannot be read ({type(e).__name__}: {e})") from e
    pages = [_drop_page_number(page) for page in pages]
    text = "\n\n\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError(f"{name} is a PDF without extractable text (a scan?): run OCR on it first")
    return text


def _page_text(page) -> str:
    """A page's text, with a blank line wherever the vertical step between two lines is clearly larger
    than the line spacing: the paragraph and heading breaks that plain extraction flattens away."""
    fragments: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text:
            # baseline of the text origin in page space, and the font size as rendered
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            fragments.append((text, y, abs(font_size * tm[3] * cm[3]) or float(font_size)))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(f[0] for f in fragments) != text:
        return text  # the visitor saw something else than the text: don't guess, keep plain extraction
    lines: list[list] = [["", None, 0.0]]  # text, baseline y, font size
    for frag, y, size in fragments:
        for i, piece in enumerate(frag.split("\n")):
            if i:
                lines.append(["", None, 0.0])
            if piece.strip() and lines[-1][1] is None:
                lines[-1][1], lines[-1][2] = y, size
            lines[-1][0] += piece
    placed = [(t, y, size) for t, y, size in lines if y is not None and t.strip()]
    steps = sorted(a[1] - b[1] for a, b in zip(placed, placed[1:], strict=False) if a[1] - b[1] > 0)
    if not steps:
        return text
    usual = steps[len(steps) // 2]
    out: list[str] = []
    prev_y: float | None = None
    for t, y, size in lines:
        if y is not None and t.strip():
            if prev_y is not None and prev_y - y > max(1.3 * usual, 1.6 * size):
                out.append("")
            prev_y = y
        out.append(t)
    return "\n".join(out)


def _drop_page_number(page: str) -> str:
    lines = page.strip("\n").split("\n")
    pattern = re.compile(r"^\s*(?:(?:Seite|Page|S\.)\s*)?\d{1,4}(?:\s*(?:/|von|of)\s*\d{1,4})?\s*$", re.I)
    if lines and pattern.match(lines[-1]):
        lines.pop()
    if lines and pattern.match(lines[0]):
        lines.pop(0)
    return "\n".join(lines)
