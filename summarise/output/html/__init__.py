"""Self-contained HTML review pages: translation, brief, check and a batch index.

    from summarise.output.html import render_translation_html
    Path("page.html").write_text(render_translation_html(translation), encoding="utf-8")
"""

from __future__ import annotations

from .page import (
    IndexRow,
    index_row,
    render_batch_index,
    render_brief_html,
    render_check_html,
    render_translation_html,
    safe_href,
)

__all__ = [
    "IndexRow",
    "index_row",
    "render_batch_index",
    "render_brief_html",
    "render_check_html",
    "render_translation_html",
    "safe_href",
]
