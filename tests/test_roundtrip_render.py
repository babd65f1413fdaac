"""Round-trip outputs opened by real programs: LibreOffice (headless) converts each English .docx to a
PDF without error, and Debian's chromium (driven by Playwright) renders each English page without a
console error.

Neither program is downloaded: `.ci/run` installs them with apt-get. Without them the tests skip,
except in CI (env CI set), where a missing program fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from roundtrip_doubles import WordbookBackendDouble
from roundtrip_fixtures import build_docx
from test_roundtrip import PAGE, REAL_DOCS

from summarise.output.writers import translate_document_bytes
from summarise.translation.engine import Translator

SOFFICE = os.environ.get("SUMMARISE_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = os.environ.get("SUMMARISE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the round-trip rendering tests: {what}")
    pytest.skip(what)


@pytest.fixture(scope="module")
def english_docx(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("docx")
    translator = Translator(WordbookBackendDouble(), cache=False)
    sources = [("fixture.docx", build_docx())]
    if REAL_DOCS.is_dir():
        sources += [(p.name, p.read_bytes()) for p in sorted(REAL_DOCS.glob("*.docx"))]
    outputs = []
    for name, data in sources:
        out = folder / name.replace(".docx", ".en.docx")
        out.write_bytes(translate_document_bytes(data, translator, "docx", name=name).data)
        outputs.append(out)
    return outputs


@pytest.mark.slow
def test_libreoffice_converts_every_english_docx_to_pdf(english_docx, tmp_path):
    if SOFFICE is None:
        _missing("no soffice/libreoffice on PATH (apt-get install --no-install-recommends libreoffice-writer-nogui)")
    profile = tmp_path / "profile"  # its own profile: never the user's, never shared with another run
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *map(str, english_docx)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for docx in english_docx:
        pdf = tmp_path / (docx.stem + ".pdf")
        assert pdf.is_file(), f"{docx.name}: no PDF ({result.stdout} {result.stderr})"
        assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size > 1000


@pytest.mark.slow
def test_chromium_renders_english_pages_without_console_errors(tmp_path):
    if not Path(CHROMIUM).exists():
        _missing(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    translator = Translator(WordbookBackendDouble(), cache=False)
    pages = [("page.html", PAGE.encode())]
    if REAL_DOCS.is_dir():
        pages += [(p.name, p.read_bytes()) for p in sorted(REAL_DOCS.glob("*.html"))[:3]]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            for name, data in pages:
                source, english = tmp_path / name, tmp_path / name.replace(".html", ".en.html")
                source.write_bytes(data)
                english.write_bytes(translate_document_bytes(data, translator, "html", name=name).data)
                before, after = _errors(browser, source), _errors(browser, english)
                # A saved page may log errors of its own (its scripts, offline): the English page no more.
                assert after <= before, f"{name}: new console errors {sorted(after - before)}"
                assert _errors(browser, english, text=True) == "en"
        finally:
            browser.close()


def _errors(browser, path: Path, *, text: bool = False):
    page = browser.new_page()
    errors: set[str] = set()
    page.on("console", lambda m: errors.add(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.add(str(e)))
    # Offline: nothing leaves the machine; a saved page's own requests fail the same for both versions.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(path.as_uri(), wait_until="load")
    lang = page.evaluate("document.documentElement.lang")
    page.close()
    return lang if text else {e for e in errors if "net::ERR_FAILED" not in e}
