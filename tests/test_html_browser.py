"""The HTML review pages in a real headless browser: Debian's chromium driven by Playwright.

Each page is loaded from disk with JavaScript on: no console error (a Content-Security-Policy
violation is one), no request leaves the page, hovering or focusing a number lights up its partner
and shows how they matched, hostile article text runs no script and breaks no layout. Screenshots of
every page, light and dark, go to SCREENSHOTS (printed) to be looked at.

Chromium is never downloaded (`playwright install` is not used): the tests drive /usr/bin/chromium,
which `.ci/run` installs with apt-get. Without it they skip — except in CI (env CI set), where a
missing browser fails them.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from test_html import DATE, SEED, hostile_translation, reference_brief, seed_pair

from summarise.checking.checks import check_blocks
from summarise.output.html import (
    index_row,
    render_batch_index,
    render_brief_html,
    render_check_html,
    render_translation_html,
)

CHROMIUM = os.environ.get("SUMMARISE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = Path(os.environ.get("SUMMARISE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "summarise-html-screenshots")
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"no chromium at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {missing}")
        pytest.skip(missing)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory, tiny_marian_dir) -> dict[str, Path]:
    """Every kind of page, written to disk: the files a user would open."""
    from summarise.ingest import read_document
    from summarise.models.backends import load_backend
    from summarise.models.backends.base import GenerationSettings
    from summarise.translation.engine import Translator

    folder = tmp_path_factory.mktemp("pages")

    def changed(english):
        english[2] = english[2].replace("about 11,000", "about 1,100")
        return english

    brief = reference_brief(changed)
    blocks, english = seed_pair()
    sources = [b.text for b in blocks]
    backend = load_backend(str(tiny_marian_dir), backend="transformers", device="cpu", threads=1)
    tiny = Translator(backend, GenerationSettings(beams=1, max_new_tokens=12), cache=False).translate_document(read_document(SEED))
    html = {
        "brief": render_brief_html(brief, generated=DATE),
        "check": render_check_html(check_blocks(sources, english), sources, english, kinds=[b.kind for b in blocks],
                                   source_name="nordkorea-truppen.txt", candidate_name="nordkorea-truppen.en.txt",
                                   generated=DATE),  # fmt: skip
        "translation": render_translation_html(tiny, generated=DATE),
        "hostile": render_translation_html(hostile_translation(), generated=DATE),
        "index": render_batch_index(
            [index_row("articles/nordkorea-truppen.txt", brief, link="brief.html"),
             index_row("articles/tiny.txt", tiny, link="translation.html"),
             index_row("articles/broken.pdf", error="broken.pdf: not a PDF file")],
            generated=DATE,
        ),  # fmt: skip
    }
    # Long unbroken strings (issue 27 item 13): a 170-character file name in the index, a key figure
    # and its sentence without a break opportunity on the brief page; neither may widen the page.
    long_figure = dataclasses.replace(brief.key_figures[0], english="9" * 90, source="9" * 90,
                                      context="Sie zahlten " + "9" * 140 + " Euro.")  # fmt: skip
    long_name = "articles/" + ("Bundeshaushalt" * 12)[:166] + ".txt"
    assert len(long_name.removeprefix("articles/")) == 170
    html["brief-long"] = render_brief_html(dataclasses.replace(brief, key_figures=[long_figure, *brief.key_figures[1:]]),
                                           generated=DATE)  # fmt: skip
    html["index-long"] = render_batch_index(
        [index_row(long_name, brief, link="brief.html"), index_row("articles/" + "y" * 166 + ".pdf", error="not a PDF file: " + "z" * 170)],
        generated=DATE,
    )  # fmt: skip
    out = {}
    for name, text in html.items():
        out[name] = folder / f"{name}.html"
        out[name].write_text(text, encoding="utf-8")
    return out


class Loaded:
    """A page opened in a fresh context, with everything it logged and asked for recorded."""

    def __init__(self, browser, path: Path, **context):
        self.context = browser.new_context(viewport=VIEWPORT, **context)
        self.url = path.as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:  # nothing else may be fetched: record it and refuse
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def opened(browser):
    loaded: list[Loaded] = []

    def open_page(path: Path, **context) -> Loaded:
        loaded.append(Loaded(browser, path, **context))
        return loaded[-1]

    yield open_page
    for item in loaded:
        item.close()


PAGES = ["brief", "check", "translation", "hostile", "index", "brief-long", "index-long"]


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_and_asks_for_nothing(pages, opened, name):
    view = opened(pages[name])
    assert view.errors == []
    leaving = [u for u in view.requests if u != view.url and not u.startswith("data:")]
    assert leaving == [] and view.requests[0] == view.url
    assert view.page.evaluate("document.documentElement.classList.contains('js')")  # the script ran
    # nothing breaks out sideways, on a desktop or a phone
    assert view.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    view.page.set_viewport_size({"width": 390, "height": 800})
    assert view.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def partner_of(page, mark):
    pair = mark.get_attribute("data-pair")
    side = "en" if mark.get_attribute("data-side") == "de" else "de"
    return page.locator(f'table.sbs mark.num[data-pair="{pair}"][data-side="{side}"]').first


def classes(locator) -> set[str]:
    return set((locator.get_attribute("class") or "").split())


def test_hovering_a_number_lights_up_its_partner(pages, opened):
    page = opened(pages["check"]).page
    mark = page.locator('#block-2 td.de mark.num.ok').first
    partner = partner_of(page, mark)
    assert mark.inner_text() == "3.000" and partner.inner_text() == "3,000"
    assert "hl" not in classes(partner)
    mark.hover()
    assert "hl" in classes(partner) and "hl" in classes(mark)
    tip = page.locator("#tip")
    assert tip.is_visible() and tip.inner_text() == "3.000 = 3,000"
    before = page.evaluate("(el) => getComputedStyle(el).outlineStyle", partner.element_handle())
    assert before == "solid"
    page.mouse.move(5, 5)
    assert "hl" not in classes(partner) and not tip.is_visible()
    # a date: the tip says how it matched
    date = page.locator("#block-15 td.en mark.num.k-date").first
    date.hover()
    assert page.locator("#tip").inner_text() == "26. Februar = February 26"
    assert "hl" in classes(partner_of(page, date))


def test_numbers_are_reachable_by_keyboard(pages, opened):
    page = opened(pages["check"]).page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.num')"):
            break
    else:
        pytest.fail("Tab never reached a number")
    focused = page.locator("mark.num:focus")
    assert "hl" in classes(partner_of(page, focused))
    assert page.locator("#tip").is_visible()
    assert focused.get_attribute("aria-describedby") == "tip"
    page.keyboard.press("Escape")
    assert not page.locator("#tip").is_visible()


def test_a_changed_number_lights_up_its_partner_and_its_message(pages, opened):
    page = opened(pages["brief"]).page
    bad = page.locator("#block-3 td.de mark.num.bad")
    assert bad.inner_text() == "11.000"
    bad.hover()
    pair = bad.get_attribute("data-pair")
    assert "hl" in classes(page.locator(f'#block-3 td.en mark[data-pair="{pair}"]'))
    assert "hl" in classes(page.locator(f'#block-3 li.prob[data-pair="{pair}"]'))
    assert page.locator("#tip").inner_text() == "Changed number: 11.000 became 1,100 (expected 11,000)"
    # the verdict and the problem list say it in words, not only in red
    assert "1 problem in block 3" in page.locator("#verdict").inner_text()
    page.locator(".problems-nav a").first.click()
    assert page.evaluate("location.hash") == "#block-3"


def test_hostile_text_runs_no_script(pages, opened):
    view = opened(pages["hostile"])
    page = view.page
    for mark in page.locator("mark.num").all():
        mark.hover()
    page.get_by_text("hier", exact=False).first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.images.length") == 0
    assert page.url == view.url and view.errors == []
    rows = page.locator("table.sbs > tbody > tr")
    assert rows.count() == 3 and [rows.nth(i).locator("> td").count() for i in range(3)] == [3, 3, 3]
    assert "<script>" in page.locator("#block-2 td.de").inner_text()
    assert "\u202e" not in page.locator("#block-3 td.en").inner_text()


def test_readable_without_javascript(pages, opened):
    page = opened(pages["check"], java_script_enabled=False).page
    mark = page.locator('#block-2 td.de mark.num.ok').first
    assert mark.get_attribute("title") == "3.000 = 3,000"  # the tooltip without the script
    background = page.evaluate("(el) => getComputedStyle(el).backgroundColor", mark.element_handle())
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlights are static
    assert page.locator("#verdict").is_visible() and not page.locator("#tip").is_visible()
    assert page.locator("table.sbs tbody tr").count() == len(seed_pair()[0])


def luminance(page, selector: str, prop: str) -> float:
    colour = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).{prop}")
    r, g, b = (int(x) for x in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("name", PAGES)
def test_follows_the_system_colour_scheme_and_screenshots(pages, opened, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page = opened(pages[name], color_scheme=scheme).page
        body, text = luminance(page, "body", "backgroundColor"), luminance(page, "body", "color")
        assert (body > 0.8 and text < 0.3) if scheme == "light" else (body < 0.2 and text > 0.7)
        mark = page.locator("mark.num.ok").first  # the first pair on the page, in view for the picture
        if mark.count():
            mark.hover()
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}.png"))
        if name in ("brief", "check"):
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}-full.png"), full_page=True)
    print(f"\nscreenshots: {SCREENSHOTS}")


def test_prints_without_the_interactive_parts(pages, opened):
    page = opened(pages["brief"], color_scheme="dark").page
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('tip')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('details.sig')).display") == "none"
    assert luminance(page, "body", "backgroundColor") > 0.9  # paper stays white in a dark system theme
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
