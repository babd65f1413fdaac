"""The one headless Chromium the browser tests share: Debian's chromium driven by Playwright.

Chromium is never downloaded (`playwright install` is not used): the tests drive /usr/bin/chromium,
which `.ci/run` installs with apt-get. Without it they skip, except in CI (env CI set), where a
missing browser fails them. Registered as a plugin in conftest.py, so any test asks for `browser`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SUMMARISE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The closed network refuses Chromium's background connections; these flags stop it trying.
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


def require_browser() -> None:
    missing = browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()
