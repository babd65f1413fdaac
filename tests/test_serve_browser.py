"""The editors' page of `summarise serve` in a real browser: Debian's chromium driven by Playwright,
against a real server on 127.0.0.1 with the tiny models.

Paste → progress → review page and downloads; a PDF and a Word file uploaded; the whole path by
keyboard only; at 390 px (a phone) and 1280 px; light and dark. No console error (a CSP violation is
one), and no request leaves the server's origin. Chromium is never downloaded (see test_html_browser).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from serve_helpers import ThreadServer  # noqa: E402
from test_serve_api import ARTICLE, ARTICLE_TEXT, article_docx, article_pdf, docx_paragraphs  # noqa: E402

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
KEY = "desk-7f3a"
ROUND_TRIP_DOCX = "Word document in English (.docx)"


@pytest.fixture(scope="module")
def engine(tiny_marian_dir):
    from summarise.models.runtime import Runtime
    from summarise.serve.engine import Engine

    runtime = Runtime.resolve(str(tiny_marian_dir), None, backend="transformers", device="cpu", threads=1, beams=1)
    engine = Engine.from_runtime(runtime)
    yield engine
    engine.close()


def _server(engine, tmp_path_factory, **options):
    from summarise.serve.app import create_app
    from summarise.serve.config import ServeConfig

    config = ServeConfig(jobs_db=tmp_path_factory.mktemp("jobs") / "jobs.sqlite3", **options)
    return ThreadServer(create_app(engine, config))


@pytest.fixture(scope="module")
def server(engine, tmp_path_factory):
    with _server(engine, tmp_path_factory) as running:
        yield running


@pytest.fixture(scope="module")
def keyed_server(engine, tmp_path_factory):
    """A server started with --api-keys (one key, no rate limit)."""
    with _server(engine, tmp_path_factory, api_keys={KEY: None}) as running:
        yield running


class Editor:
    """The page in a fresh context, with every console error and every request recorded; requests to
    anywhere but the server are refused."""

    def __init__(self, browser, base: str, viewport: dict, **context):
        self.base = base
        self.context = browser.new_context(viewport=viewport, accept_downloads=True, **context)
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.goto(base + "/")

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def wait_result(self, timeout: float = 180_000) -> None:
        self.page.locator("#result").wait_for(state="visible", timeout=timeout)
        self.page.frame_locator("#review").locator("body").wait_for(timeout=30_000)

    def download(self, label: str) -> bytes:
        with self.page.expect_download() as info:
            self.page.get_by_role("link", name=label, exact=True).click()
        return Path(info.value.path()).read_bytes()

    def clean(self) -> None:
        assert self.errors == []
        assert self.outside == []

    def close(self):
        self.context.close()


@pytest.fixture
def editor(browser, server):
    opened: list[Editor] = []

    def open_editor(viewport=DESKTOP, **context) -> Editor:
        opened.append(Editor(browser, server.base, viewport, **context))
        return opened[-1]

    yield open_editor
    for item in opened:
        item.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_paste_to_review_page_and_downloads(editor, viewport):
    ed = editor(viewport)
    page = ed.page
    page.get_by_label("German text").fill(ARTICLE_TEXT)
    page.get_by_role("button", name="Translate and check").click()
    ed.wait_result()
    review = page.frame_locator("#review")
    assert ARTICLE[1][1] in review.locator("body").inner_text()  # the German beside the English
    report = json.loads(ed.download("JSON report"))
    assert [b["source"] for b in report["blocks"]] == [text for _, text in ARTICLE]
    assert ed.download("Translation (text)").decode().count("\n\n") == len(ARTICLE) - 1
    verdict = page.locator("#verdict").inner_text()
    assert verdict.startswith("✓") == report["passed"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]  # no sideways scrolling
    ed.clean()


@pytest.mark.parametrize(("name", "make", "mime"), [
    ("artikel.pdf", article_pdf, "application/pdf"),
    ("artikel.docx", article_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])  # fmt: skip
def test_upload_pdf_and_docx(editor, name, make, mime):
    ed = editor()
    ed.page.get_by_label("Or choose a file").set_input_files({"name": name, "mimeType": mime, "buffer": make()})
    assert name in ed.page.locator("#file-name").inner_text()
    ed.page.get_by_role("button", name="Translate and check").click()
    ed.wait_result()
    report = json.loads(ed.download("JSON report"))
    assert [(b["kind"], b["source"]) for b in report["blocks"]] == ARTICLE
    assert ed.download("Translation review page").startswith(b"<!DOCTYPE html>")
    round_trip = ed.page.get_by_role("link", name=ROUND_TRIP_DOCX, exact=True)
    if name.endswith(".docx"):  # the Word file back as a Word file, in English, paragraph for paragraph
        english = docx_paragraphs(ed.download(ROUND_TRIP_DOCX))
        german = docx_paragraphs(make())
        assert len(english) == len(german) and english != german
        check = json.loads(ed.download("Round-trip check report (JSON)"))
        assert check["format"] == "docx" and check["runs_translated"] == len(ARTICLE)
    else:  # no writer for PDF: no round-trip button
        assert round_trip.count() == 0
    ed.clean()


def test_keyboard_only_on_a_phone_in_dark_mode(editor):
    ed = editor(PHONE, color_scheme="dark")
    page = ed.page

    def tab_to(element_id: str, limit: int = 12) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("text")
    page.keyboard.type("Die Regierung tagte am Montag in Berlin.")
    tab_to("submit")
    page.keyboard.press("Enter")
    ed.wait_result()
    assert page.evaluate("document.activeElement.id") == "result-title"  # focus follows the result
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    label = page.evaluate("document.activeElement.textContent")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert Path(info.value.path()).read_bytes(), label
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != "rgb(251, 251, 248)"  # the dark palette, not the light one
    ed.clean()


def test_empty_form_says_what_to_do(editor):
    ed = editor()
    ed.page.get_by_role("button", name="Translate and check").click()
    alert = ed.page.get_by_role("alert")
    assert "Paste German text or choose a file" in alert.inner_text()
    ed.clean()


def test_api_key_field_on_a_server_with_keys(browser, keyed_server):
    ed = Editor(browser, keyed_server.base, DESKTOP)
    try:
        page = ed.page
        field = page.get_by_label("API key")
        assert field.get_attribute("type") == "password"
        page.get_by_label("German text").fill(ARTICLE_TEXT)
        page.get_by_role("button", name="Translate and check").click()
        assert "needs an API key" in page.get_by_role("alert").inner_text()  # 403 without a key: said plainly
        field.fill("wrong-key")
        page.get_by_role("button", name="Translate and check").click()
        page.get_by_role("alert").filter(has_text="refused this API key").wait_for()
        assert field.get_attribute("aria-invalid") == "true"
        field.fill(KEY)
        field.dispatch_event("change")
        page.get_by_role("button", name="Translate and check").click()
        ed.wait_result()  # the job, its polling and the review frame all carried the key
        assert page.get_by_role("alert").is_hidden()
        report = json.loads(ed.download("JSON report"))
        assert [b["source"] for b in report["blocks"]] == [text for _, text in ARTICLE]
        assert page.evaluate("sessionStorage.getItem('summarise-api-key')") == KEY
        assert page.evaluate("localStorage.length") == 0 and ed.context.cookies() == []
        page.reload()
        assert page.get_by_label("API key").input_value() == KEY  # remembered for this tab only
        # The browser logs each refused request; nothing else may be an error.
        assert all("status of 403" in e for e in ed.errors), ed.errors
        assert ed.outside == []
    finally:
        ed.close()
