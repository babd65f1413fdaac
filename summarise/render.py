"""Output formats (text, markdown, json, html) for translations and briefs. Pure functions: no I/O."""

from __future__ import annotations

import json
import re

# The format registry: what each renderer writes. The CLI's --format choices are read from here
# (summarise/cli/options.py), so a format added to a renderer is offered by every command using it.
FORMATS = ("text", "markdown", "json", "html")  # html: the review page (summarise.html)
TRANSLATION_FORMATS = FORMATS  # render_translation
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
        return "\n\n".join(" ".join(b.translation.split()) for b in translation.blocks) + "\n"
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def translation_problems(translation) -> list[str]:
    """One line per failed check: which block, which number (or other problem)."""
    lines = []
    for i, block in enumerate(translation.blocks, 1):
        for problem in block.check.problems:
            line = f"block {i} ({block.kind}): {problem.message}"
            if problem.source and problem.source not in problem.message:
                line += f" [source: {problem.source}]"
            lines.append(line)
    return lines


# A paragraph starting like this would turn into a heading, quote, list or rule in Markdown.
_MD_MARKER = re.compile(r"^(#|>|[-+*_=](?=\s|[-*_=]*$))")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _md_paragraph(text: str) -> str:
    text = " ".join(text.split())
    text = _MD_NUMBERED.sub(r"\1\\\2", text)  # "1. Platz" stays text, not a list
    return _MD_MARKER.sub(r"\\\1", text)


def _translation_markdown(translation) -> str:
    out = []
    for block in translation.blocks:
        text = " ".join(block.translation.split())
        if block.kind == "title":
            out.append(f"# {text}")
        elif block.kind == "heading":
            out.append(f"## {text}")
        else:
            out.append(_md_paragraph(text))
    return "\n\n".join(out) + "\n"


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
