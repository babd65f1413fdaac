"""Which kind of article file some bytes are, from their content: the name can lie (a PDF saved as
.txt, a web page saved without a suffix), so the extension only decides between readings the content
allows."""

from __future__ import annotations

import io
import re
import zipfile

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# The start of a saved web page: a doctype, an <html>/<head>/<body> element or an XML prolog followed
# by XHTML, after an optional BOM, whitespace and comments.
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.I | re.S,
)
_TAGS = re.compile(rb"<(?:p|div|h[1-6]|article|title|meta|span|br)[\s/>]", re.I)


def sniff(data: bytes, suffix: str = "") -> str:
    """The kind of file: "pdf", "docx", "html" or "text" (binary junk is "text": decoding refuses it)."""
    if is_pdf(data):
        return "pdf"
    if data.startswith(ZIP_MAGIC) and is_docx(data):
        return "docx"
    if is_html(data, suffix):
        return "html"
    return "text"


def is_pdf(data: bytes) -> bool:
    # the PDF spec lets junk precede the header within the first kilobyte
    return PDF_MAGIC in data[:1024]


def is_docx(data: bytes) -> bool:
    """A Word document is a zip with word/document.xml; other zips (.odt, .xlsx, archives) are not."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def is_html(data: bytes, suffix: str = "") -> bool:
    head = data[:4096]
    if _HTML_START.match(head):
        return True
    # a fragment without <html>: trust the name only when the content has markup too
    return suffix.lower() in HTML_SUFFIXES and len(_TAGS.findall(head)) >= 2
