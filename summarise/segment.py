"""Rebuild an article's title / heading / paragraph blocks from plain text, Markdown or PDF-extracted text.

Text pulled out of a PDF is the hard case: lines wrap mid-sentence, page breaks leave runs of blank
lines in the middle of a sentence, headings and the title wrap over several lines, and words break at
line ends with a hyphen that may or may not belong to the word.

The rebuild decides, for every line boundary, whether the next line continues the current block.
The evidence, strongest first: a word hyphen, a lowercase start or a line ending in "und"/"der"/","
always continues; a sentence end followed by a paragraph gap ends the block; otherwise a line that was
"full" (the next word would not have fit on it) wraps, and one that ended early was ended on purpose.
Blank lines are read relative to the document: a page break is a longer gap than a paragraph break,
and in pdftotext-style text without paragraph gaps only line lengths tell. Blocks that never end a
sentence and are short become the title (the first one) or headings.

Nothing is dropped except typesetting hyphens and a tiny set of web boilerplate lines at the very end.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .document import Block, Document

SENTENCE_END = ".!?:…"
# closing quotes and brackets that may follow the final punctuation: „… müssen.“
CLOSERS = "\"'“”»«’)]"
HYPHENS = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen

# Abbreviations that end in a period but rarely end a sentence; single letters (z. B., u. a., initials)
# and dotted forms (z.B., d.h.) are recognised by shape. "usw." and "etc." are left out on purpose:
# they often do end a sentence.
ABBREVIATIONS = frozenset(
    [
        "abs",
        "art",
        "bzgl",
        "bzw",
        "ca",
        "dr",
        "evtl",
        "fr",
        "geb",
        "ggf",
        "hr",
        "inkl",
        "jh",
        "lt",
        "max",
        "min",
        "mio",
        "mrd",
        "nr",
        "prof",
        "rd",
        "sog",
        "st",
        "str",
        "tsd",
        "vgl",
        "zzgl",
        "jan",
        "feb",
        "febr",
        "aug",
        "sept",
        "okt",
        "nov",
        "dez",
        "bspw",
        "gem",
        "ehem",
        "stellv",
        "mr",
        "mrs",
        "ms",
    ]
)
MONTHS = frozenset(
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ]
)
# A line ending in one of these words stops mid-sentence whatever the layout says: articles, conjunctions
# and prepositions that never end a clause (a closed grammatical class, not a vocabulary table). Words
# that double as separable verb particles ("bricht ein", "nimmt zu", "zieht an") are left out.
CONNECTOR_WORDS = frozenset(
    [
        "der",
        "die",
        "den",
        "dem",
        "des",
        "eine",
        "einen",
        "einem",
        "einer",
        "eines",
        "und",
        "oder",
        "sowie",
        "sondern",
        "dass",
        "ob",
        "weil",
        "wenn",
        "zum",
        "zur",
        "von",
        "vom",
        "für",
        "im",
        "ins",
        "beim",
        "in",
        "seit",
        "ohne",
        "zwischen",
        "neben",
        "gegen",
        "als",
        "wie",
        "bis",
    ]
)
# The word after a line-end hyphen that makes it elliptical ("Drogen- und Waffenhandel").
ELLIPSIS_WORDS = frozenset(
    ["und", "oder", "bzw", "sowie", "wie", "noch", "als", "bis", "u", "beziehungsweise", "respektive"]
)
# Trailing web boilerplate, compared after lowercasing and stripping punctuation. Kept tiny on purpose.
BOILERPLATE = frozenset(
    [
        "details",
        "mehr zum thema",
        "mehr dazu",
        "teilen",
        "artikel teilen",
        "anzeige",
        "zur startseite",
        "kommentare",
        "weitere artikel",
        "lesen sie auch",
        "auch interessant",
        "drucken",
        "nach oben",
        "feedback",
    ]
)
RELATED_LINKS = frozenset(("mehr zum thema", "lesen sie auch", "auch interessant", "weitere artikel"))

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})

_BULLET = re.compile(r"^[-•*▪‣◦]\s+\S")
_WORD_HYPHEN_END = re.compile(rf"(\w+)[{HYPHENS}]$")
_SPACES = re.compile(r"[ \t]+")


def segment_text(text: str, *, markdown: bool | None = None) -> Document:
    """Split article text into title / heading / paragraph blocks.

    markdown=None detects Markdown by its `#` headings; True / False force the choice.
    """
    lines = normalise_text(text).split("\n")
    if markdown is None:
        markdown = looks_like_markdown(lines)
    blocks = _segment_markdown(lines) if markdown else _segment_plain(lines)
    return Document(strip_trailing_boilerplate(blocks))


def normalise_text(text: str) -> str:
    """Line endings to \\n, form feeds to a page-break gap, soft hyphens resolved, spaces collapsed."""
    # NFC: PDFs may give "a" + combining diaeresis for "ä"; ligature glyphs come back as single characters
    text = unicodedata.normalize("NFC", text).translate(LIGATURES)
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n\n\n")
    # A soft hyphen at a line end is a typesetting break by definition: join the word, even across a page.
    text = re.sub(r"\u00ad[ \t]*\n\s*", "", text)
    text = text.replace("\u00ad", "").replace("\u200b", "")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def looks_like_markdown(lines: list[str]) -> bool:
    return any(re.match(r"^#{1,6}\s+\S", line) for line in lines)


# --------------------------------------------------------------------------- line-level evidence


def _last_word(line: str) -> str:
    parts = line.split(" ")
    return parts[-1] if parts else ""


def _first_word(line: str) -> str:
    return line.split(" ", 1)[0]


def _is_abbreviation(token: str) -> bool:
    core = token.lstrip("(„\"'»«")
    if re.fullmatch(r"[^\W\d_]\.", core) or re.fullmatch(r"([^\W\d_]\.){2,}", core):
        return True
    return core[:-1].lower() in ABBREVIATIONS


def ends_sentence(line: str, next_word: str | None = None, gap: int = 0) -> bool:
    """Does `line` end a sentence? `next_word` (the word that follows, if any, after `gap` blank lines)
    settles ordinals: "bis zum 26." + "Februar" continues; "… Platz 3." at the end of a block ends."""
    core = line.rstrip().rstrip(CLOSERS)
    if not core or core[-1] not in SENTENCE_END:
        return False
    if core[-1] != ".":
        return True
    token = _last_word(core)
    if _is_abbreviation(token):
        return False
    if re.fullmatch(r"\(?\d{1,2}\.", token) and next_word is not None:
        # a one- or two-digit ordinal before a month or noun: "am 26. Februar", "im 3. Quartal";
        # only a paragraph gap (and no month) makes it the end of a sentence
        return bool(gap) and next_word.lower().strip('„"»«') not in MONTHS
    return True


def _has_inner_sentence_end(text: str) -> bool:
    # a colon does not count here: headings use it ("Verteidigung: Ziel erreicht")
    tokens = text.split(" ")
    for token, nxt in zip(tokens, tokens[1:], strict=False):
        if (
            not token.rstrip(CLOSERS).endswith(":")
            and ends_sentence(token, nxt)
            and nxt.lstrip('„"»«(')[:1].isupper()
        ):
            return True
    return False


def _ends_with_word_hyphen(line: str) -> bool:
    return len(line) > 1 and line[-1] in HYPHENS and (line[-2].isalnum() or line[-2] == "_")


def _starts_continuation(line: str) -> bool:
    """A line starting in lowercase (or with , ; ) .) carries on the sentence before it."""
    first = line[:1]
    return first.islower() or first in ",;.)]"


def _ends_with_connector(line: str) -> bool:
    if line[-1:] in ",;(„" or line.endswith((" -", " –", " —")):
        return True
    return _last_word(line).lower() in CONNECTOR_WORDS


def _is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


# --------------------------------------------------------------------------- hyphens and joining


@lru_cache(maxsize=4096)
def _is_known_word(word: str) -> bool:
    """Is `word` (lowercase) a German word in wordfreq's list? Decides typesetting vs word hyphens."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return False
    return zipf_frequency(word, "de") >= 1.0


def line_end_hyphen(left: str, right: str) -> str:
    """How to join `left` (ending in word + hyphen) with `right`.

    Returns "drop" for a typesetting hyphen ("Verstär-" + "kung" → "Verstärkung"), "keep" for a hyphen
    that belongs to the word ("Ukraine-" + "Krieg", "KI-" + "gesteuerter") and "space" for an elliptical
    hyphen ("Drogen-" + "und Waffenhandel").
    """
    m = _WORD_HYPHEN_END.search(_last_word(left))
    stem = m.group(1) if m else ""
    nxt = re.match(r"\w+", right)
    if not stem or not nxt:
        return "keep"
    head = nxt.group(0)
    if head.lower() in ELLIPSIS_WORDS:
        return "space"
    # A capital after the hyphen: German compounds only capitalise after a real hyphen (Ukraine-Krieg).
    if head[0].isupper() or head[0].isdigit():
        return "keep"
    # Acronym, number or single-letter prefixes keep theirs: KI-gesteuert, US-amerikanisch, 30-tägig.
    if stem.isupper() or stem[-1].isdigit() or len(stem) == 1:
        return "keep"
    joined = (stem + head).lower()
    # A compound that goes on with more hyphens: Schritt-für-Schritt keeps it, Euro-fighter-Jets does not.
    if "-" in right.split(" ", 1)[0]:
        return "drop" if _is_known_word(joined) else "keep"
    # Otherwise a lowercase continuation is a syllable break, except in adjective pairs
    # (deutsch-französische, nordkoreanisch-russische). Only there does the word list decide: a known
    # joined word (Tischdecke, wirtschaftliche) means a syllable break.
    if not re.search(r"(sch|lich|ig)$", stem.lower()) or _is_known_word(joined):
        return "drop"
    return "keep" if _is_known_word(head.lower()) else "drop"


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines with a space, or mend a word broken at a line end (see line_end_hyphen)."""
    parts: list[str] = []
    for line in lines:
        prev = parts[-1] if parts else ""
        if prev and _ends_with_word_hyphen(prev) and line[:1].isalnum():
            how = line_end_hyphen(prev, line)
            if how == "drop":
                parts[-1] = prev[:-1]
            if how != "space":
                parts.append(line)
                continue
        if parts:
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


# --------------------------------------------------------------------------- plain text / PDF text


@dataclass
class _Chunk:
    lines: list[str]
    gap: int  # blank lines before it


@dataclass
class _Layout:
    """What the page looked like: the wrap width in characters and the usual gap between paragraphs."""

    width: int
    wrapped: bool
    paragraph_gap: int
    # no blank lines between paragraphs (pdftotext style): a blank line is only ever a page break
    dense: bool = False
    # blank lines that merely separate lines (double-spaced extraction); only longer gaps mean anything
    line_gap: int = 0

    def effective_gap(self, gap: int) -> int:
        return 0 if self.dense else max(0, gap - self.line_gap)

    def fits(self, line: str, word: str, margin: float = 0.9) -> bool:
        """Would `word` have fitted at the end of `line`? Then the line was ended on purpose.
        Proportional fonts make character counts noisy by 10-15%, hence the margin."""
        return len(line) + 1 + len(word) <= margin * self.width

    def clearly_short(self, line: str, word: str) -> bool:
        return self.fits(line, word, margin=0.85)

    @property
    def heading_max(self) -> int:
        return max(100, int(1.7 * self.width)) if self.wrapped else 120

    @classmethod
    def measure(cls, chunks: list[_Chunk]) -> _Layout:
        lengths = sorted(len(line) for c in chunks for line in c.lines)
        width = lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))] if lengths else 80
        body = [line for c in chunks for line in c.lines if len(line) >= 30]
        # One paragraph per line: nearly every body line ends a sentence, or lines are longer than any page.
        ending = sum(ends_sentence(line) for line in body)
        long_lines = sum(len(line) > 150 for line in body)
        wrapped = not body or (ending < 0.6 * len(body) and long_lines < 0.5 * len(body))
        dense = wrapped and sum(len(c.lines) for c in chunks) >= 12 * len(chunks)
        # Double-spaced: nearly every line stands alone, wrapped mid-sentence, so the smallest gap is
        # just the line spacing.
        singles = sum(len(c.lines) == 1 for c in chunks)
        line_gap = 0
        if wrapped and len(chunks) >= 6 and singles >= 0.8 * len(chunks):
            line_gap = min(c.gap for c in chunks[1:])
        gaps = [c.gap - line_gap for c in chunks[1:] if c.gap > line_gap]
        paragraph_gap = max(set(gaps), key=gaps.count) if gaps else 1
        return cls(max(width, 20), wrapped, paragraph_gap, dense=dense, line_gap=line_gap)


def _chunks(lines: list[str]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    gap = 0
    for line in lines:
        if not line:
            gap += 1
            continue
        if chunks and gap == 0:
            chunks[-1].lines.append(line)
        else:
            chunks.append(_Chunk([line], gap if chunks else 0))
        gap = 0
    return chunks


def _paragraph_like(lines: list[str], layout: _Layout) -> bool:
    """Has the block shown it is a paragraph: several lines, a full-width wrapped line (headings are
    short or set in a bigger font), a sentence end inside, or more text than a heading holds?"""
    if len(lines) >= 3 or any(len(line) >= 0.8 * layout.width for line in lines[:-1]):
        return True
    text = join_lines(lines)
    return len(text) > layout.heading_max or _has_inner_sentence_end(text)


def _continues(block: list[str], line: str, gap: int, rest: list[str], layout: _Layout) -> bool:
    """Does `line` (after `gap` blank lines) continue the block whose lines so far are `block`?"""
    prev = block[-1]
    word = _first_word(line)
    gap = layout.effective_gap(gap)
    if _ends_with_word_hyphen(prev) and line[:1].isalnum():
        return True
    if _is_bullet(line):
        return False
    if _starts_continuation(line) or _ends_with_connector(prev):
        return True
    if ends_sentence(prev, word, gap):
        if not layout.wrapped:
            return False
        if gap:
            # A page-break-sized gap after a full line, then a full line: the page cut a paragraph after
            # one of its sentences (far likelier than a paragraph ending exactly at a full line).
            return (
                gap > layout.paragraph_gap
                and not layout.fits(prev, word)
                and _starts_paragraph(rest, layout)
                and not _heading_ahead(rest, layout)
            )
        if _heading_ahead(rest, layout):
            return False
        return not layout.clearly_short(prev, word)
    if not layout.wrapped or _is_bullet(block[0]):
        return False
    if _paragraph_like(block, layout):
        return True  # a paragraph that has not finished its sentence: a wrap or a page break
    # The block so far reads like a title or heading.
    if gap:
        if not layout.fits(prev, word):
            return True  # the line was full: a page break cut a paragraph's first line off
        # a fairly full line ending in a lowercase word, then a page-break-sized gap
        return (
            gap > layout.paragraph_gap and len(prev) >= 0.75 * layout.width and _last_word(prev)[:1].islower()
        )
    if not layout.clearly_short(prev, word):
        return True
    # A short line, then a line in the same chunk: a two-line heading, unless that line starts a paragraph.
    return not _starts_paragraph(rest, layout)


def _heading_ahead(rest: list[str], layout: _Layout) -> bool:
    """Do the lines in `rest` start with a heading of one to three lines that ends on purpose (its last line
    is short for what follows) and is followed by a fresh start? This finds headings between paragraphs
    even when no blank line sets them apart; a heading's own wrap may look full, as headings use a
    bigger font."""
    for k in range(1, min(3, len(rest) - 1) + 1):
        head, following = rest[:k], rest[k]
        last = head[-1]
        if ends_sentence(head[0]) or len(join_lines(head)) > layout.heading_max:
            return False
        if _ends_with_connector(last) or _ends_with_word_hyphen(last) or _starts_continuation(following):
            continue
        if not layout.clearly_short(last, _first_word(following)):
            continue
        return not any(ends_sentence(line) for line in head) and _starts_paragraph(rest[k:], layout)
    return False


def _starts_paragraph(rest: list[str], layout: _Layout) -> bool:
    """Does rest[0] read like the first line of a paragraph: a sentence end, or a full line?"""
    line = rest[0]
    if ends_sentence(line):
        return True
    if len(rest) > 1 and not _starts_continuation(rest[1]):
        return not layout.clearly_short(line, _first_word(rest[1]))
    return len(line) >= 0.75 * layout.width


def _heading_like(lines: list[str], text: str, layout: _Layout) -> bool:
    if _is_bullet(lines[0]) or len(lines) > 3 or len(text) > layout.heading_max:
        return False
    if _has_inner_sentence_end(text) or _ends_with_connector(text):
        return False
    if text.endswith("?"):
        # short questions are headings ("Wie geht es weiter?"); longer ones are sentences
        return len(text) <= 60 and "," not in text
    return not ends_sentence(text)


def _segment_plain(lines: list[str]) -> list[Block]:
    chunks = _chunks(lines)
    if not chunks:
        return []
    layout = _Layout.measure(chunks)
    groups: list[list[str]] = []
    for chunk in chunks:
        for i, line in enumerate(chunk.lines):
            gap = chunk.gap if i == 0 else 0
            # the decisions look at most five lines ahead
            if groups and _continues(groups[-1], line, gap, chunk.lines[i : i + 6], layout):
                groups[-1].append(line)
            else:
                groups.append([line])
    blocks: list[Block] = []
    seen_title = seen_paragraph = False
    for group in groups:
        text = join_lines(group)
        if not _heading_like(group, text, layout):
            kind, seen_paragraph = "paragraph", True
        elif not seen_title and not seen_paragraph:
            kind, seen_title = "title", True
        else:
            kind = "heading"
        blocks.append(Block(kind, text))
    return blocks


# --------------------------------------------------------------------------- Markdown

_ATX = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_REF_DEF = re.compile(r"^\[[^\]]+\]:\s*\S+")
_MD_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def strip_inline_markdown(text: str) -> str:
    """Remove emphasis, code and link markup, keeping every word of the text."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url) and ![alt](src)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)  # [text][ref]
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", text)
    text = re.sub(r"<!--.*?-->", "", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text).strip()


def _segment_markdown(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    seen_title = False
    in_fence = False

    def flush() -> None:
        if para:
            text = strip_inline_markdown(join_lines(para))
            if text:
                blocks.append(Block("paragraph", text))
            para.clear()

    for line in lines:
        if line.startswith(("```", "~~~")):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line:
                para.append(line)  # code is kept as text: nothing the author wrote is dropped silently
            continue
        if not line:
            flush()
            continue
        setext = _SETEXT.match(line)
        if setext and len(para) == 1 and not _MD_ITEM.match(para[0]):
            level = 1 if setext.group(1)[0] == "=" else 2
            heading = strip_inline_markdown(para.pop())
            kind = "title" if level == 1 and not seen_title else "heading"
            seen_title = seen_title or kind == "title"
            blocks.append(Block(kind, heading))
            continue
        if _RULE.match(line) or _REF_DEF.match(line):
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            heading = strip_inline_markdown(atx.group(2))
            if heading:
                kind = "title" if len(atx.group(1)) == 1 and not seen_title else "heading"
                seen_title = seen_title or kind == "title"
                blocks.append(Block(kind, heading))
            continue
        line = re.sub(r"^(>\s?)+", "", line)
        if _MD_ITEM.match(line):
            flush()
            # bullets carry no words; numbered items keep their number (it may be content: "1. Mai")
            line = re.sub(r"^[-*+]\s+", "", line)
        if line:
            para.append(line)
    flush()
    return blocks


# --------------------------------------------------------------------------- boilerplate


def _boilerplate_key(text: str) -> str:
    return re.sub(r"[^\w ]+", "", text).strip().lower()


def strip_trailing_boilerplate(blocks: list[Block]) -> list[Block]:
    """Drop web boilerplate ("Details", "Teilen", cookie notices, a "Mehr zum Thema" link list) from the
    end only; the same words anywhere else are article text. The first block always stays."""
    end = len(blocks)
    while True:
        while end > 1 and _is_boilerplate(blocks[end - 1]):
            end -= 1
        # a related-links list: "Mehr zum Thema" followed by nothing but a few short link titles
        start = next(
            (
                i
                for i in range(end - 1, max(0, end - 9), -1)
                if _boilerplate_key(blocks[i].text) in RELATED_LINKS
            ),
            None,
        )
        if start is None or any(b.kind == "paragraph" for b in blocks[start + 1 : end]):
            return blocks[:end]
        end = start


def _is_boilerplate(block: Block) -> bool:
    key = _boilerplate_key(block.text)
    return key in BOILERPLATE or ("cookie" in key and len(block.text) <= 300)
