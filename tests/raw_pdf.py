"""Hand-written PDF content streams for tests of the PDF reader's geometry: every line is placed with
its own text matrix, so a test controls what real producers do and fpdf2 cannot — fonts set at 1 pt
and scaled by the matrix (Word through some converters), lines written out of reading order,
character spacing (Tc: letter-spaced words), text rise (Ts: superscript footnote markers)."""

from __future__ import annotations

from dataclasses import dataclass

FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Symbol"}
PAGE_W, PAGE_H = 595.0, 842.0


@dataclass
class Run:
    text: str
    size: float | None = None  # None: the line's size
    rise: float = 0.0  # Ts: raised above the baseline (a superscript)
    font: str = "F1"


@dataclass
class Line:
    x: float
    y: float  # baseline, from the top of the page
    size: float
    runs: list[Run]
    char_spacing: float = 0.0  # Tc
    scaled: bool = False  # Tf 1 and the size in the text matrix

    @classmethod
    def of(cls, x: float, y: float, size: float, text: str, **kw) -> Line:
        return cls(x, y, size, [Run(text)], **kw)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _line_ops(line: Line) -> bytes:
    out = [b"BT", b"%.2f Tc" % line.char_spacing]
    for k, run in enumerate(line.runs):
        size = run.size or line.size
        if line.scaled:
            out.append(b"/%s 1 Tf" % run.font.encode())
            if k == 0:
                out.append(b"%.3f 0 0 %.3f %.2f %.2f Tm" % (size, size, line.x, PAGE_H - line.y))
        else:
            out.append(b"/%s %.2f Tf" % (run.font.encode(), size))
            if k == 0:
                out.append(b"1 0 0 1 %.2f %.2f Tm" % (line.x, PAGE_H - line.y))
        out.append(b"%.2f Ts" % (run.rise / size if line.scaled else run.rise))
        out.append(b"(" + _escape(run.text) + b") Tj")
    out.append(b"ET")
    return b"\n".join(out)


def raw_pdf(pages: list[list[Line]]) -> bytes:
    """A PDF whose pages draw these lines, in the order given (the content stream's order)."""
    objects: list[bytes] = []
    fonts = {}
    for name, base in FONTS.items():
        enc = b"" if base == "Symbol" else b" /Encoding /WinAnsiEncoding"
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s%s >>" % (base.encode(), enc))
        fonts[name] = len(objects)
    font_dict = b" ".join(b"/%s %d 0 R" % (n.encode(), i) for n, i in fonts.items())
    page_ids = []
    pages_id = len(objects) + 2 * len(pages) + 1
    for lines in pages:
        stream = b"\n".join(_line_ops(line) for line in lines)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R /Resources << /Font << %s >> >> >>"
            % (pages_id, PAGE_W, PAGE_H, content_id, font_dict)
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    assert len(objects) == pages_id
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    return bytes(out)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy line breaking by Helvetica's average width (about half the size per character): the
    lines only need to look like a paragraph's, not match a typesetter's."""
    per_line = int(width / (0.5 * size))
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > per_line:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    return [*lines, cur] if cur else lines
