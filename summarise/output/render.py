"""Output formats (text, markdown, json, html) for translations and briefs. Pure functions: no I/O."""

from __future__ import annotations

import json
import re

from ..document import numbered

# The format registry: what each renderer writes. The CLI's --format choices are read from here
# (summarise/cli/options.py), so a format added to a renderer is offered by every command using it.
FORMATS = ("text", "markdown", "json", "html")  # html: the review page (summarise.output.html)
# docx: a Word file written back as Word (summarise.output.writers, which also writes an HTML page or a
# Markdown file asked for in its own format); the rest: render_translation.
TRANSLATION_FORMATS = FORMATS + ("docx",)
BRIEF_FORMATS = FORMATS  # render_brief


# --- translations ------------------------------------------------------------------------------


def render_translation(translation, fmt: str = "text") -> str:
    """A translation block by block: plain text, Markdown (title/headings as headings), JSON or HTML."""
    if fmt == "html":
        from .html import render_translation_html

        return render_translation_html(translation)
    if fmt == "json":
        return json.dumps(translation.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _translation_markdown(translation)
    if fmt == "text":
        return "\n\n".join(_text_block(b) for b in translation.blocks) + "\n"
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def translation_problems(translation) -> list[str]:
    """One line per failed check: which block, which number (or other problem)."""
    return [line for number, block in numbered(translation.blocks) for line in block_problems(number, block)]


def block_problems(number: int, block) -> list[str]:
    """The problem lines of one block (`number`: summarise.document.block_number, from 1)."""
    lines = []
    for problem in block.check.problems:
        line = f"block {number} ({block.kind}): {problem.message}"
        if problem.source and problem.source not in problem.message:
            line += f" [source: {problem.source}]"
        lines.append(line)
    return lines


# Failed checks named on stderr: enough to see what went wrong; the JSON output has every one.
PROBLEM_LINES = 20


class ProblemLines:
    """Problem lines as they come (a streamed translation's), keeping only the first PROBLEM_LINES."""

    def __init__(self, limit: int = PROBLEM_LINES):
        self.limit = limit
        self.shown: list[str] = []
        self.count = 0

    def extend(self, lines) -> None:
        for line in lines:
            self.count += 1
            if len(self.shown) < self.limit:
                self.shown.append(line)

    def lines(self) -> list[str]:
        """The first `limit` lines, then one saying how many more there are."""
        more = self.count - len(self.shown)
        return self.shown + ([f"… and {more} more; --format json for all"] if more else [])


def cap_problems(lines: list[str], limit: int = PROBLEM_LINES) -> list[str]:
    """At most `limit` problem lines, then "… and N more; --format json for all"."""
    capped = ProblemLines(limit)
    capped.extend(lines)
    return capped.lines()


def stream_translation(blocks, fmt: str, *, model: str, signature, source: str | None = None):
    """`render_translation` piece by piece: yields the output of each block of `blocks` (an iterable of
    TranslatedBlocks, e.g. `Translator.translate_stream`) as it arrives, so a long document is written
    while it is still being translated. The pieces joined are exactly `render_translation`'s output.

    json streams one valid document: the header (model, source, signature) first, each block when it
    arrives, `passed` last. html cannot stream (the page opens with the verdict of every block), so it
    gathers the blocks and renders at the end.
    """
    from ..translation.results import Translation

    if fmt == "html":
        yield render_translation(Translation(model, list(blocks), signature, source), fmt)
        return
    if fmt == "json":
        yield from _stream_json(blocks, Translation(model, [], signature, source))
        return
    if fmt not in ("text", "markdown"):
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    one = _md_block if fmt == "markdown" else _text_block
    empty = True
    for block in blocks:
        yield one(block) if empty else "\n\n" + one(block)
        empty = False
    yield "\n"


_BLOCKS, _PASSED = "\0blocks", "\0passed"  # placeholders: no real value serialises like them


def _stream_json(blocks, skeleton):
    data = skeleton.to_dict()
    data["blocks"], data["passed"] = [_BLOCKS], _PASSED
    text = json.dumps(data, ensure_ascii=False, indent=2)
    head, tail = text.split(f"\n    {json.dumps(_BLOCKS)}\n", 1)  # head ends with '"blocks": ['
    passed, count = True, 0
    for block in blocks:
        passed = passed and block.check.passed
        body = json.dumps(block.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield (head if count == 0 else ",") + "\n    " + body
        count += 1
    tail = tail.replace(json.dumps(_PASSED), json.dumps(passed))
    # No blocks: json.dumps writes the empty list on one line.
    yield head + "]" + tail.removeprefix("  ]") + "\n" if count == 0 else "\n" + tail + "\n"


def _text_block(block) -> str:
    return " ".join(block.translation.split())


def _md_block(block) -> str:
    text = " ".join(block.translation.split())
    if block.kind == "title":
        return f"# {text}"
    if block.kind == "heading":
        return f"## {text}"
    return _md_paragraph(text)


# A paragraph starting like this would turn into a heading, quote, list or rule in Markdown.
_MD_MARKER = re.compile(r"^(#|>|[-+*_=](?=\s|[-*_=]*$))")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _md_paragraph(text: str) -> str:
    text = " ".join(text.split())
    text = _MD_NUMBERED.sub(r"\1\\\2", text)  # "1. Platz" stays text, not a list
    return _MD_MARKER.sub(r"\\\1", text)


def _translation_markdown(translation) -> str:
    return "\n\n".join(_md_block(b) for b in translation.blocks) + "\n"


# --- briefs ------------------------------------------------------------------------------------


def render_brief(brief, fmt: str = "text") -> str:
    """A brief as plain text, a one-page Markdown brief, JSON, or an HTML review page."""
    if fmt == "html":
        from .html import render_brief_html

        return render_brief_html(brief)
    if fmt == "json":
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _brief_markdown(brief)
    if fmt == "text":
        return _brief_text(brief)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def brief_problems(brief) -> list[str]:
    """One line per failed check (translation blocks, then the summary), for stderr and the fidelity line."""
    return translation_problems(brief.translation) + [f"summary: {p.message}" for p in brief.summary_check.problems]


def fidelity_line(brief) -> str:
    blocks = brief.translation.blocks
    checked = sum(len(b.check.source_numbers) for b in blocks)
    in_summary = len(brief.summary_check.candidate_numbers)
    if brief.passed:
        return (
            f"all {checked} numbers of the article are in the translation ({len(blocks)} blocks checked); "
            f"the summary's {in_summary} numbers are all in the article"
        )
    problems = brief_problems(brief)
    shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
    return f"CHECKS FAILED ({len(problems)} problems): {shown}"


def _figure_line(figure, *, markdown: bool) -> str:
    english = f"**{figure.english}**" if markdown else figure.english
    line = f"- {english}"
    if figure.source != figure.english:
        line += f" ({figure.source})"
    if figure.context:
        line += f" — {_md_paragraph(figure.context) if markdown else figure.context}"
    if not figure.verified:
        line += " [not found in the translation]"
    return line


def _brief_markdown(brief) -> str:
    headline = " ".join((brief.headline or "Brief").split())
    out = [f"# {headline}", "", _md_paragraph(brief.summary) if brief.summary else "_(no summary)_", ""]
    if brief.key_figures:
        out += ["## Key figures", ""] + [_figure_line(f, markdown=True) for f in brief.key_figures] + [""]
    mark = "✓" if brief.passed else "✗"
    out += ["---", "", f"**Fidelity {mark}** {fidelity_line(brief)}"]
    if brief.notes:
        out += [""] + [f"*Note:* {n}" for n in brief.notes]
    return "\n".join(out) + "\n"


def _brief_text(brief) -> str:
    title = brief.headline or "Brief"
    out = [title, "=" * min(len(title), 78), "", brief.summary, ""]
    if brief.key_figures:
        out += ["Key figures:"] + [_figure_line(f, markdown=False) for f in brief.key_figures] + [""]
    out.append(f"Fidelity: {fidelity_line(brief)}")
    out += [f"Note: {n}" for n in brief.notes]
    return "\n".join(out) + "\n"
