"""The page editors use, at `/`: paste text or drop a file, follow the job's progress, read the review
page (German and English side by side, numbers paired, problems in red) and download the results.

One self-contained page like the review pages: its CSS and script are inline, allowed by hash in a
Content-Security-Policy that permits nothing else (no external request, no injected script); it
talks only to this server (`connect-src 'self'`) and shows the review page in a same-origin frame.
"""

from __future__ import annotations

import base64
import hashlib
import html
from functools import lru_cache
from importlib import resources

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from .. import __version__
from .state import state

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="summarise {version}">
<title>summarise: translate and check a German article</title>
<link rel="icon" href="data:,">
<style>{style}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the form</a>
<header>
<h1>summarise</h1>
<p>German → English translation, every number checked. Model: {model}</p>
</header>
<main id="main">
<form id="job-form" novalidate>
<fieldset>
<legend>What to make</legend>
<label><input type="radio" name="kind" value="translate" checked> Translation</label>
<label><input type="radio" name="kind" value="brief"{brief_disabled}> Translation and brief{brief_note}</label>
</fieldset>
<label for="text">German text</label>
<textarea id="text" name="text" spellcheck="false" aria-describedby="text-hint"></textarea>
<p class="hint" id="text-hint">Paste an article: title first, paragraphs separated by blank lines.</p>
<div class="drop" id="drop">
<label for="file">Or choose a file (txt, md, pdf, html, docx)</label>
<input type="file" id="file" name="file" accept=".txt,.md,.markdown,.pdf,.html,.htm,.docx" aria-describedby="drop-hint">
<p id="drop-hint">…or drop it here. A file is used instead of the text.</p>
<p id="file-name" aria-live="polite"></p>
</div>
<label for="api-key">API key (only if this server asks for one)</label>
<input type="password" id="api-key" name="api_key" autocomplete="off" spellcheck="false" aria-describedby="api-key-hint">
<p class="hint" id="api-key-hint">Sent with each request; kept in this browser tab only, until it is closed.</p>
<button type="submit" id="submit">Translate and check</button>
</form>
<p id="error" class="error" role="alert" tabindex="-1" hidden></p>
<section id="status" class="panel" aria-live="polite" hidden>
<h2>Progress</h2>
<progress id="progress" max="1" value="0" aria-label="Progress"></progress>
<p id="status-text"></p>
<button type="button" id="cancel" class="secondary" hidden>Cancel</button>
</section>
<section id="result" class="panel" aria-labelledby="result-title" hidden>
<h2 id="result-title" tabindex="-1">Result</h2>
<p id="verdict" class="verdict"></p>
<h3>Downloads</h3>
<ul id="downloads" class="downloads"></ul>
<p><a id="open-review" href="#" target="_blank" rel="noopener">Open the review page in a new tab</a></p>
<iframe id="review" title="Review page: German and English side by side, numbers paired, problems in red"></iframe>
</section>
</main>
<script>{script}</script>
</body>
</html>
"""


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    folder = resources.files(__package__) / "static"
    return (folder / "editor.css").read_text(encoding="utf-8"), (folder / "editor.js").read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def render_editor(model: str, *, has_summary: bool) -> tuple[str, str]:
    """(the page, its Content-Security-Policy)."""
    style, script = _assets()
    page = PAGE.format(
        version=html.escape(__version__),
        model=html.escape(model),
        style=style,
        script=script,
        brief_disabled="" if has_summary else " disabled",
        brief_note="" if has_summary else " (this server has no summary model)",
    )
    csp = (
        f"default-src 'none'; script-src {_sha256(script)}; style-src {_sha256(style)}; connect-src 'self'; "
        "frame-src 'self'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
    )
    return page, csp


async def editor(request: Request) -> HTMLResponse:
    s = state(request)
    page, csp = render_editor(s.engine.model_name, has_summary=s.engine.summariser is not None)
    return HTMLResponse(page, headers={"Content-Security-Policy": csp, "Cache-Control": "no-store"})


def routes() -> list[Route]:
    return [Route("/", editor, methods=["GET"])]
