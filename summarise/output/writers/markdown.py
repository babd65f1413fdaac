"""A Markdown article → the same Markdown in English.

Line-based, like the ingester: headings (ATX and setext), paragraphs, list items, block quotes and
table cells are units, written back with their own markers and indentation; fenced and indented
code blocks, HTML blocks, front matter, link reference definitions and rules are copied as they
are. Inside a unit, emphasis, strikethrough and link text are spans placed on the aligned English
words (link targets unchanged); code spans, images, autolinks, bare URLs and inline HTML tags are
anchors, kept verbatim.
"""

from __future__ import annotations

import re

from .engine import CODE, RoundTripReport, Skipped, Unit, has_words, translate_units
from .inline import Inline, anchor, span, text

_FENCE = re.compile(r"^(\s{0,3})(`{3,}|~{3,})")
_ATX = re.compile(r"^(\s{0,3}#{1,6}[ \t]+)(.*?)([ \t]+#+[ \t]*)?$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_PREFIX = re.compile(r"^((?:\s{0,3}>\s?)*)(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_BLOCK = re.compile(r"^\s{0,3}<(?:/?[A-Za-z][\w-]*[\s/>]|!--)")

# Inline markup, tried in order at each position.
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\](\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][\w+.-]*:[^\s<>]+|[^\s<>@]+@[^\s<>]+)>")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_URL = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:!?\"'»”]")
_EMPHASIS = ("**", "__", "~~", "*", "_")


def parse_inline(source: str) -> list[Inline]:
    """Markdown inline markup as items: spans for emphasis and links, anchors for code and the like."""
    items: list[Inline] = []
    plain: list[str] = []
    i = 0

    def flush() -> None:
        if plain:
            items.append(text("".join(plain)))
            plain.clear()

    while i < len(source):
        c = source[i]
        if c == "\\" and i + 1 < len(source):
            plain.append(source[i : i + 2])
            i += 2
            continue
        match = None
        if c == "`":
            match = _CODE_SPAN.match(source, i)
            if match:
                flush()
                items.append(anchor(match.group(0)))
        elif c == "!":
            match = _IMAGE.match(source, i)
            if match:
                flush()
                items.append(anchor(match.group(0)))
        elif c == "[":
            match = _LINK.match(source, i)
            if match:
                flush()
                items.append(span(("[", "]" + match.group(2)), parse_inline(match.group(1))))
        elif c == "<":
            match = _AUTOLINK.match(source, i) or _TAG.match(source, i)
            if match:
                flush()
                items.append(anchor(match.group(0)))
        elif c == "h":
            match = _URL.match(source, i) if (i == 0 or not source[i - 1].isalnum()) else None
            if match:
                flush()
                items.append(anchor(match.group(0)))
        elif c in "*_~":
            match = _emphasis(source, i)
            if match:
                marker, inner, end = match
                flush()
                items.append(span((marker, marker), parse_inline(inner)))
                i = end
                continue
        if match:
            i = match.end()
            continue
        plain.append(c)
        i += 1
    flush()
    return items


def _emphasis(source: str, i: int):
    for marker in _EMPHASIS:
        if not source.startswith(marker, i):
            continue
        after = i + len(marker)
        if after >= len(source) or source[after].isspace():
            continue
        if marker[0] == "_" and i > 0 and source[i - 1].isalnum():
            continue  # snake_case is not emphasis
        j = after
        while True:
            j = source.find(marker, j + 1)
            if j < 0:
                break
            if source[j - 1].isspace() or (len(marker) == 1 and source.startswith(marker * 2, j)):
                continue
            end = j + len(marker)
            if marker[0] == "_" and end < len(source) and source[end].isalnum():
                continue
            return marker, source[after:j], end
    return None


def render_inline(items: list[Inline]) -> str:
    out = []
    for item in items:
        if item.kind == "text":
            out.append(item.text)
        elif item.kind == "anchor":
            out.append(item.node)
        else:
            open_, close = item.node
            inner = render_inline(item.children)
            out.append(f"{open_}{inner}{close}" if inner.strip() else inner + (open_ + close if open_ == "[" else ""))
    return "".join(out)


def translate_markdown(data: bytes, translator, *, name: str = "input", source: str | None = None):
    """(the English Markdown as UTF-8 bytes, RoundTripReport)."""
    from ...ingest.encoding import decode_text

    report = RoundTripReport("markdown", source)
    lines = decode_text(data, name).splitlines(keepends=True)
    out: list[str] = list(lines)  # units overwrite their lines; every other line stays as it is
    units: list[Unit] = []
    i = 0
    if lines and lines[0].strip() == "---":  # front matter
        end = next((j for j in range(1, len(lines)) if lines[j].strip() in ("---", "...")), None)
        if end is not None:
            i = end + 1
    previous_blank = True
    while i < len(lines):
        line = lines[i].rstrip("\r\n")
        stripped = line.strip()
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(2)
            j = i + 1
            while j < len(lines) and not lines[j].lstrip().startswith(marker[0] * len(marker)):
                j += 1
            block = "".join(lines[i + 1 : j])
            if has_words(block):
                report.skipped.append(Skipped(f"line {i + 1}", block, CODE))
            i, previous_blank = j + 1, False
            continue
        if not stripped:
            i, previous_blank = i + 1, True
            continue
        if previous_blank and (line.startswith("    ") or line.startswith("\t")) and not _PREFIX.match(line).group(2):
            j = i
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith(("    ", "\t"))):
                j += 1
            if has_words("".join(lines[i:j])):
                report.skipped.append(Skipped(f"line {i + 1}", "".join(lines[i:j]), CODE))
            i, previous_blank = j, False
            continue
        if _RULE.match(line) or _REF_DEF.match(line):
            i, previous_blank = i + 1, False
            continue
        if _HTML_BLOCK.match(line):
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            i, previous_blank = j, False
            continue
        heading = _ATX.match(line)
        if heading:
            units.append(_line_unit(out, i, heading.group(1), heading.group(2), heading.group(3) or "", "heading"))
            i, previous_blank = i + 1, False
            continue
        if "|" in line and i + 1 < len(lines) and _TABLE_DELIMITER.match(lines[i + 1]):
            j = i
            while j < len(lines) and "|" in lines[j] and lines[j].strip():
                if not _TABLE_DELIMITER.match(lines[j]):
                    units.extend(_table_row_units(out, j))
                j += 1
            i, previous_blank = j, False
            continue
        # A paragraph (or list item / quote): its lines up to a blank line, a new item or another block.
        prefix = _PREFIX.match(line)
        lead = prefix.group(0)
        j = i + 1
        while j < len(lines):
            nxt = lines[j].rstrip("\r\n")
            if (not nxt.strip() or _FENCE.match(nxt) or _ATX.match(nxt) or _RULE.match(nxt)
                    or _PREFIX.match(nxt).group(2) or _HTML_BLOCK.match(nxt)):  # fmt: skip
                break
            if _SETEXT.match(nxt):
                j += 1
                break
            j += 1
        setext = _SETEXT.match(lines[j - 1]) if j - 1 > i else None
        body_end = j - 1 if setext else j
        quote = prefix.group(1) or ""
        body = " ".join(
            (lines[k].rstrip("\r\n")[len(lead):] if k == i else _strip_quote(lines[k].rstrip("\r\n"), quote)).strip()
            for k in range(i, body_end)
        )
        units.append(_block_unit(out, i, body_end, lead, body, setext))
        i, previous_blank = j, False
    translate_units([u for u in units if u is not None], translator, report)
    return "".join(out).encode("utf-8"), report


def _strip_quote(line: str, quote: str) -> str:
    return re.sub(r"^(?:\s{0,3}>\s?)*", "", line) if quote else line


def _newline(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :] or "\n"


def _line_unit(out: list[str], i: int, head: str, body: str, tail: str, kind: str) -> Unit:
    newline = _newline(out[i])

    def write(placed: list[Inline]) -> None:
        out[i] = head + render_inline(placed) + tail + newline

    return Unit(f"line {i + 1}", parse_inline(body), write, kind=kind)


def _block_unit(out: list[str], i: int, end: int, lead: str, body: str, setext) -> Unit:
    newline = _newline(out[end - 1])

    def write(placed: list[Inline]) -> None:
        line = lead + render_inline(placed)
        out[i] = line + newline
        for k in range(i + 1, end):
            out[k] = ""
        if setext:  # the underline as long as the new heading
            char = setext.group(1)[0]
            out[end] = char * max(3, len(line.strip())) + _newline(out[end])

    return Unit(f"line {i + 1}", parse_inline(body), write, kind="heading" if setext else "paragraph")


_CELL = re.compile(r"((?:[^|\\`]|\\.|`[^`]*`)+)")


def _table_row_units(out: list[str], i: int) -> list[Unit]:
    line = out[i]
    cells = list(_CELL.finditer(line.rstrip("\r\n")))
    units = []
    for number, match in enumerate(cells, 1):
        content = match.group(1)
        if not has_words(content):
            continue
        body = content.strip()
        left = content[: len(content) - len(content.lstrip())]
        right = content[len(content.rstrip()) :]

        write = _cell_writer(out, i, match.start(), match.end(), left, right)
        units.append(Unit(f"line {i + 1} cell {number}", parse_inline(body), write))
    units.reverse()
    return units


def _cell_writer(out: list[str], i: int, start: int, end: int, left: str, right: str):
    def write(placed: list[Inline]) -> None:
        row = out[i]
        # Cells are rewritten right to left (a row's units are listed reversed), so offsets hold.
        out[i] = row[:start] + left + render_inline(placed).replace("|", "\\|") + right + row[end:]

    return write
