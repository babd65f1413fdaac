"""Review pages as single self-contained HTML files, rendered from the Jinja2 templates in
summarise/output/html/templates (autoescaping on: article text is untrusted and only ever lands as text).

The CSS and the small script are inlined, and a Content-Security-Policy allows exactly that script
and style (by hash) and nothing else: no network, no injected script or handler could run.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import quote, urlsplit

from ... import __version__
from ...document import block_number, numbered
from ...language.english import plural
from .view import (
    PROBLEM_LABELS,
    Mark,
    PairIds,
    ProblemView,
    Row,
    Unit,
    build_row,
    locate,
    segments,
    units_of_report,
    verdict,
)

COLUMNS = ("German (source)", "English (translation)")
STATUS_LABELS = {"ok": "ok", "checks_failed": "checks failed", "error": "error"}


@dataclass
class Page:
    kind: str  # translation | brief | check | index
    kicker: str
    title: str
    heading: str
    passed: bool
    verdict: str
    verdict_label: str = "Fidelity"
    meta: list[tuple[str, str]] = field(default_factory=list)
    signature: str | None = None
    problems: list[tuple[str, str | None, str, str]] = field(default_factory=list)  # where, anchor, label, message
    generated: str = ""


# --- environment ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

    from ...paths import writable_cache_dir

    # Compiling the templates costs a one-shot CLI run more than rendering does: keep the compiled
    # code in the cache folder (keyed by each template's source, so an edited template recompiles).
    class QuietBytecodeCache(FileSystemBytecodeCache):
        """A cache folder that vanished or turned read-only mid-run only costs a recompile."""

        def load_bytecode(self, bucket) -> None:
            with contextlib.suppress(OSError):
                super().load_bytecode(bucket)

        def dump_bytecode(self, bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    folder = writable_cache_dir("templates")
    return Environment(
        loader=PackageLoader("summarise.output.html", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=QuietBytecodeCache(str(folder)) if folder is not None else None,
    )


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    """(style, script, Content-Security-Policy): both inlined, both allowed by hash only."""
    env = environment()
    style = env.get_template("style.css.j2").render()
    script = env.get_template("script.js.j2").render()
    csp = (
        "default-src 'none'; "
        f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return style, script, csp


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _render(template: str, page: Page, **context) -> str:
    style, script, csp = _assets()
    return environment().get_template(template).render(
        page=page, style=style, script=script, csp=csp, version=__version__, **context
    )


def _now(generated: datetime | str | None) -> str:
    if isinstance(generated, str):
        return generated
    return (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")


# --- signatures ----------------------------------------------------------------------------------


def _settings_text(sig: Mapping) -> str:
    parts = []
    if sig.get("beams") is not None:
        parts.append(f"beams {sig['beams']}")
    if sig.get("units"):
        parts.append(f"by {sig['units']}")
    if "repair" in sig:
        parts.append("repair on" if sig.get("repair") else "repair off")
    for key, value in (sig.get("settings") or {}).items():
        if value is not None and key != "beams":
            parts.append(f"{key.replace('_', ' ')} {value}")
    return ", ".join(parts)


def _backend_text(sig: Mapping) -> str:
    extra = [str(sig[k]) for k in ("quantization", "device") if sig.get(k)]
    backend = str(sig.get("backend") or "")
    return f"{backend} ({', '.join(extra)})" if backend and extra else backend or ", ".join(extra)


def _model_meta(sig: Mapping, model: str | None, prefix: str = "") -> list[tuple[str, str]]:
    rows = [
        (f"{prefix}Model", str(sig.get("model") or model or "")),
        (f"{prefix}Revision", str(sig.get("revision") or "")),
        (f"{prefix}Backend", _backend_text(sig)),
        (f"{prefix}Settings", _settings_text(sig)),
    ]
    return [(label, value) for label, value in rows if value]


def _signature_json(sig) -> str | None:
    return json.dumps(sig, ensure_ascii=False, indent=2, sort_keys=True, default=str) if sig else None


# --- translations and briefs -----------------------------------------------------------------------


def _translation_rows(translation, ids: PairIds) -> list[Row]:
    rows = []
    for number, block in numbered(translation.blocks):
        report = block.check
        unit = Unit(
            block.source,
            block.translation,
            list(getattr(report, "source_numbers", []) or []),
            list(getattr(report, "candidate_numbers", []) or []),
            list(getattr(report, "pairs", []) or []),
            list(report.problems),
            block.kind,
            getattr(block, "repair", None),
            list(getattr(block, "notes", []) or []),
            list(getattr(report, "terms", None) or []),
            list(getattr(report, "source_names", []) or []),
            list(getattr(report, "candidate_names", []) or []),
            list(getattr(report, "name_pairs", []) or []),
        )
        rows.append(build_row(number, unit, ids))
    return rows


def _problem_list(rows: Sequence[Row], unit_word: str = "block") -> list[tuple[str, str | None, str, str]]:
    return [(f"{unit_word.capitalize()} {r.number}", f"block-{r.number}", p.label, p.message)
            for r in rows for p in r.problems]  # fmt: skip


def _title(rows: Sequence[Row], fallback: str) -> str:
    for row in rows:
        if row.kind == "title":
            return " ".join("".join(s.text for s in row.target).split())
    return fallback


def render_translation_html(translation, *, generated: datetime | str | None = None) -> str:
    """A translation as a review page: German and English side by side, every number paired."""
    ids = PairIds()
    rows = _translation_rows(translation, ids)
    passed, text = verdict(rows)
    sig = dict(getattr(translation, "signature", None) or {})
    name = translation.source or "stdin"
    heading = _title(rows, name)
    now = _now(generated)  # once: the date in the header and the footer agree
    page = Page(
        "translation", "translation review", f"{heading} — translation review", heading, passed, text,
        meta=[*_model_meta(sig, translation.model), ("Date", now), ("Source", name)],
        signature=_signature_json(sig), problems=_problem_list(rows), generated=now,
    )  # fmt: skip
    return _render("translation.html.j2", page, rows=rows, columns=COLUMNS, unit_word="block")


@dataclass
class FigureView:
    english: str
    source: str
    context: str
    verified: bool
    mark: Mark | None = None


def render_brief_html(brief, *, generated: datetime | str | None = None) -> str:
    """A brief as a review page: headline, summary, key figures, number-guard notes, then side by side."""
    ids = PairIds()
    translation = brief.translation
    rows = _translation_rows(translation, ids)
    summary, summary_problems = _summary(brief, rows, ids)
    figures = [_figure(i, f, rows) for i, f in enumerate(brief.key_figures)]
    where = "the summary" if summary_problems else ""
    passed, text = verdict(rows, extra_problems=len(summary_problems), extra_where=where)
    sig = dict(getattr(brief, "signature", None) or {})
    tsig = sig.get("translation") or {}
    ssig = sig.get("summary") or {}
    name = brief.source or getattr(translation, "source", None) or "stdin"
    heading = " ".join((brief.headline or _title(rows, name)).split()) or name
    meta = [*_model_meta(tsig, getattr(translation, "model", None))]
    if ssig:
        meta += [("Summary model", " ".join(x for x in (str(ssig.get("model") or ""), _backend_text(ssig)) if x))]
    now = _now(generated)  # once: the date in the header and the footer agree
    meta += [("Date", now), ("Source", name)]
    problems = _problem_list(rows) + [("Summary", "summary-title", p.label, p.message) for p in summary_problems]
    page = Page(
        "brief", "brief review", f"{heading} — brief review", heading, passed, text, meta=meta,
        signature=_signature_json(sig), problems=problems, generated=now,
    )  # fmt: skip
    return _render(
        "brief.html.j2", page, rows=rows, columns=COLUMNS, unit_word="block", summary=summary,
        summary_problems=summary_problems, figures=figures, notes=list(brief.notes),
    )  # fmt: skip


def _source_marks(rows: Sequence[Row]) -> dict[tuple[int, int], Mark]:
    """(0-based block, start in the block's source) → the mark of that German number on the page."""
    out = {}
    for r in rows:
        for m in r.marks:
            if m.side == "de":
                out[(r.number - 1, getattr(m.number, "start", -1))] = m
    return out


def _summary(brief, rows: Sequence[Row], ids: PairIds) -> tuple[list, list[ProblemView]]:
    """The summary's numbers: each supported one shares the pair id of the German number it comes from
    (hover lights it up in the table), each unsupported one is a problem."""
    report = brief.summary_check
    text = brief.summary or ""
    starts, at = [], 0
    for block in brief.translation.blocks:  # the summary was checked against the blocks joined by blank lines
        starts.append(at)
        at += len(block.source) + 2
    table = _source_marks(rows)
    support = {id(c): s for s, c in getattr(report, "pairs", [])}
    marks = []
    for i, n in enumerate(getattr(report, "candidate_numbers", [])):
        span = locate(text, n)
        if not span:
            continue
        mark = Mark("en", n, ref=f"summary-{i}")
        s = support.get(id(n))
        if s is not None:
            block = max((b for b, start in enumerate(starts) if start <= s.start), default=0)
            partner = table.get((block, s.start - starts[block])) if starts else None
            mark.status = "ok"
            mark.pair = partner.pair if partner and partner.status == "ok" else None
            mark.colour = partner.colour if partner else 0
            mark.tip = f"in the article: {s.text} (block {block_number(block)})"
        marks.append((span[0], span[1], mark))
    problems = []
    for p in report.problems:
        view = ProblemView(p.kind, PROBLEM_LABELS.get(p.kind, p.kind), p.message)
        for _, _, m in marks:
            if getattr(m.number, "start", None) == getattr(p, "candidate_start", None) and m.status != "ok":
                view.pair = ids.next()
                m.status, m.pair, m.tip = "bad", view.pair, f"{view.label}: {view.message}"
        problems.append(view)
    return segments(text, marks), problems


def _figure(index: int, figure, rows: Sequence[Row]) -> FigureView:
    view = FigureView(figure.english, figure.source, figure.context, figure.verified)
    for r in rows:
        for m in r.marks:
            if m.side == "de" and m.status == "ok" and getattr(m.number, "text", None) == figure.source:
                view.mark = Mark("en", m.number, "ok", m.pair, m.colour, m.tip, ref=f"figure-{index}")
                return view
    return view


# --- any pair: summarise check -------------------------------------------------------------------


def render_check_html(
    report,
    sources: Sequence[str],
    candidates: Sequence[str],
    *,
    mode: str = "translation",
    kinds: Sequence[str] | None = None,
    source_name: str | None = None,
    candidate_name: str | None = None,
    scope: str | None = None,
    unit_word: str = "block",
    generated: datetime | str | None = None,
) -> str:
    """The page of `summarise check`: `sources` / `candidates` are the checked units (blocks or lines).
    Units with different counts were checked as whole texts: they are shown joined, as one row."""
    if len(sources) != len(candidates):
        sources, candidates, kinds, unit_word = ["\n\n".join(sources)], ["\n\n".join(candidates)], None, "text"
    ids = PairIds()
    rows = [build_row(number, u, ids) for number, u in numbered(units_of_report(report, sources, candidates, kinds))]
    passed, text = verdict(rows, unit_word=unit_word)
    if mode == "summary":
        columns = ("German (source)", "English (summary)")
    else:
        columns = ("German (source)", "English (candidate)")
    src, cand = source_name or "source", candidate_name or "candidate"
    heading = f"Check of {cand} against {src}"
    now = _now(generated)  # once: the date in the header and the footer agree
    meta = [("Source", src), ("Candidate", cand), ("Mode", mode), ("Date", now)]
    if scope:
        meta.append(("Checked", scope))
    page = Page(
        "check", "check review", heading, heading, passed, text, meta=meta,
        problems=_problem_list(rows, unit_word), generated=now,
    )  # fmt: skip
    return _render("check.html.j2", page, rows=rows, columns=columns, unit_word=unit_word, scope=scope)


# --- batch index -----------------------------------------------------------------------------------


@dataclass
class IndexRow:
    """One article of a batch: `link` is the article's page relative to index.html."""

    path: str
    title: str = ""
    status: str = "ok"  # ok | checks_failed | error
    numbers: int | None = None  # numbers checked (German numbers of the article)
    problems: int | None = None
    repaired: int | None = None  # blocks fixed by the repair loop
    link: str | None = None
    error: str | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def href(self) -> str | None:
        return safe_href(self.link)


def safe_href(link: str | None) -> str | None:
    """A relative link that stays a relative link: any scheme or host ("javascript:", "//evil") is
    percent-encoded into a harmless path."""
    if not link:
        return None
    link = str(link).replace("\\", "/")
    href = quote(link, safe="/")
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        href = "./" + href.lstrip("/")
    return href


def index_row(path: str, result=None, *, link: str | None = None, error: str | None = None) -> IndexRow:
    """The index row of an article from its Translation or Brief (or the error that stopped it)."""
    if result is None:
        return IndexRow(str(path), "", "error", link=link, error=error)
    translation = getattr(result, "translation", result)
    blocks = list(getattr(translation, "blocks", []))
    problems = sum(len(b.check.problems) for b in blocks)
    summary_check = getattr(result, "summary_check", None)
    if summary_check is not None:
        problems += len(summary_check.problems)
    title = getattr(result, "headline", None) or next(
        (" ".join(b.translation.split()) for b in blocks if b.kind == "title"), ""
    )
    return IndexRow(
        str(path),
        title,
        "ok" if result.passed else "checks_failed",
        sum(len(getattr(b.check, "source_numbers", []) or []) for b in blocks),
        problems,
        sum(1 for b in blocks if getattr(b, "repair", None)),
        link,
        error,
    )


def render_batch_index(
    rows: Iterable[IndexRow | Mapping], *, title: str = "Batch review", generated: datetime | str | None = None
) -> str:
    """index.html of a batch: one row per article (title, status, numbers checked, problems, repaired
    blocks, link to its page). Rows are IndexRows or mappings with the same keys."""
    items = [r if isinstance(r, IndexRow) else IndexRow(**dict(r)) for r in rows]
    counts = {s: sum(1 for r in items if r.status == s) for s in ("ok", "checks_failed", "error")}
    passed = counts["checks_failed"] == counts["error"] == 0
    parts = [f"{counts['ok']} ok"]
    if counts["checks_failed"]:
        parts.append(f"{counts['checks_failed']} with failed checks")
    if counts["error"]:
        parts.append(plural(counts["error"], "error"))
    text = f"{plural(len(items), 'article')}: " + ", ".join(parts)
    numbers = sum(r.numbers or 0 for r in items)
    now = _now(generated)  # once: the date in the header and the footer agree
    page = Page(
        "index", "batch review", title, title, passed, text, verdict_label="Batch",
        meta=[("Numbers checked", str(numbers)), ("Date", now)], generated=now,
    )  # fmt: skip
    return _render("index.html.j2", page, rows=items)
