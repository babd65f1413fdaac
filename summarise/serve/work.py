"""What the endpoints and jobs do with an article: the library calls, rendered the CLI's way.

Results are rendered by the same functions as `summarise translate/brief --format ...`
(summarise.render, summarise.html), so the API's JSON is the CLI's JSON.
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser

from ..document import Document
from ..limits import check_length
from ..output.render import render_brief, render_translation
from ..translation.results import Translation
from .engine import Engine
from .jobs import JOB_WINDOW, RESULT_TYPES, Outcome

_EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json", "html": "html"}


def read_upload(name: str, data: bytes, max_chars: int) -> Document:
    from ..ingest import document_from_bytes

    doc = document_from_bytes(data, source=name, name=name, suffix=posixpath.splitext(name)[1])
    check_length(doc, max_chars, name=name)
    return doc


def translation_outputs(translation: Translation) -> dict[str, tuple[str, bytes]]:
    out = {}
    for fmt, ext in _EXTENSIONS.items():
        name = f"translation.{ext}"
        out[name] = (RESULT_TYPES[name], render_translation(translation, fmt).encode())
    return out


def brief_outputs(brief) -> dict[str, tuple[str, bytes]]:
    out = {}
    for fmt, ext in _EXTENSIONS.items():
        name = f"brief.{ext}"
        out[name] = (RESULT_TYPES[name], render_brief(brief, fmt).encode())
    return out


# The media type each round-trip format is served with (summarise.output.writers' formats).
ROUND_TRIP_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
}
ROUND_TRIP_REPORT = "document.check.json"  # a job's name for the round trip's check report


@dataclass
class RoundTripFile:
    filename: str  # the upload's stem with the format's suffix: bericht.docx -> bericht.en.docx
    suffix: str  # .docx, .html, .md
    media: str
    body: bytes
    report: bytes  # the writer's check report as JSON (the CLI's OUT.check.json)
    passed: bool
    translation: Translation  # the document's translated runs as blocks (their checks, for the text renderings)


def round_trip(name: str, data: bytes, translator) -> RoundTripFile | None:
    """The translated document in the upload's own format, when a round-trip writer for it exists
    (docx, html, markdown: summarise.output.writers); else None and callers offer text. The writer
    translates the document's runs itself (same Translator, so the same checks and, with the cache on,
    the sentences a job has just translated come from the cache)."""
    from ..output.writers import ROUNDTRIP_SUFFIXES, document_format, translate_document_bytes

    suffix = posixpath.splitext(name)[1]
    fmt = document_format(data, suffix)
    if fmt is None:
        return None
    result = translate_document_bytes(data, translator, fmt, name=name, source=name, suffix=suffix)
    out_suffix = ROUNDTRIP_SUFFIXES[fmt]
    stem = posixpath.splitext(posixpath.basename(name))[0] or "document"
    result.report.output = f"{stem}.en{out_suffix}"
    report = json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2, default=_jsonable) + "\n"
    units = result.report.units
    translation = Translation(
        model=result.report.model, blocks=[u.block for u in units], signature=result.report.signature, source=name
    )
    return RoundTripFile(
        result.report.output, out_suffix, ROUND_TRIP_TYPES[fmt], result.data, report.encode(), result.report.passed,
        translation,
    )  # fmt: skip


def _jsonable(value):
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else str(value)


def process_document(engine: Engine, name: str, data: bytes, kind: str, progress, *, max_chars: int) -> Outcome:
    """A job's document: read, translated a window at a time (progress after each), rendered."""
    doc = read_upload(name, data, max_chars)
    total = len(doc.blocks)
    progress(0, total)
    blocks = []
    for block in engine.translate_stream(doc, window=JOB_WINDOW):
        blocks.append(block)
        progress(len(blocks), total)
    translation = Translation(model=engine.model_name, blocks=blocks, signature=engine.signature(), source=name)
    results = translation_outputs(translation)
    passed = translation.passed
    if kind == "brief":
        brief = engine.brief(doc, translation)
        results |= brief_outputs(brief)
        passed = brief.passed
    trip = round_trip(name, data, engine.thread_translator())
    if trip is not None:
        results[f"document{trip.suffix}"] = (trip.media, trip.body)
        results[ROUND_TRIP_REPORT] = ("application/json", trip.report)
        passed = passed and trip.passed
    return Outcome(results, passed)


# --- LibreTranslate's format=html ----------------------------------------------------------------------


class _Pieces(HTMLParser):
    """An HTML fragment as a list of markup strings and text strings (texts: the indexes to translate)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.texts: list[int] = []
        self._raw = 0  # inside <script>/<style>: not prose

    def handle_starttag(self, tag, attrs):
        self.pieces.append(self.get_starttag_text() or f"<{tag}>")
        if tag in ("script", "style"):
            self._raw += 1

    def handle_startendtag(self, tag, attrs):
        self.pieces.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag):
        self.pieces.append(f"</{tag}>")
        if tag in ("script", "style") and self._raw:
            self._raw -= 1

    def handle_data(self, data):
        if data.strip() and not self._raw:
            self.texts.append(len(self.pieces))
            self.pieces.append(data)
        else:
            self.pieces.append(data if self._raw else html.escape(data, quote=False))

    def handle_comment(self, data):
        self.pieces.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.pieces.append(f"<!{decl}>")


def html_texts(fragment: str) -> tuple[list[str], list[str], list[int]]:
    """(pieces, texts to translate, their indexes in pieces) of an HTML fragment."""
    parser = _Pieces()
    parser.feed(fragment)
    parser.close()
    return parser.pieces, [parser.pieces[i] for i in parser.texts], parser.texts


def html_rejoin(pieces: list[str], indexes: list[int], translations: list[str]) -> str:
    out = list(pieces)
    for i, text in zip(indexes, translations, strict=True):
        original = pieces[i]
        lead = original[: len(original) - len(original.lstrip())]
        trail = original[len(original.rstrip()) :]
        out[i] = lead + html.escape(text, quote=False) + trail
    return "".join(out)
