"""Test isolation: every cache and the HF hub point into a temp dir, and nothing can download."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

# Set before transformers / huggingface_hub are imported anywhere, so they read offline mode.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Tiny models gain nothing from threads, and on a busy 2-core box OpenMP spinning makes
# generate ~50x slower with 2 threads than with 1. --threads still overrides this.
os.environ.setdefault("SUMMARISE_THREADS", "1")

from huggingface_hub import constants as hub_constants  # noqa: E402  (after the offline switches)

# The shared `browser` fixture (Debian chromium via Playwright) for every browser test.
pytest_plugins = ["browser"]

# The user's Hugging Face cache, read before `_isolated_caches` points HF_HUB_CACHE at a temp dir.
USER_HF_CACHE = hub_constants.HF_HUB_CACHE


@pytest.fixture
def user_hf_cache(monkeypatch):
    """The real default models from the user's own Hugging Face cache, offline; skips the test
    unless both are there (tests never download)."""
    from summarise.errors import ModelNotAvailable
    from summarise.models.hub import DEFAULT_SUMMARY_MODEL, DEFAULT_TRANSLATION_MODEL, resolve_model

    monkeypatch.setenv("HF_HUB_CACHE", str(USER_HF_CACHE))
    monkeypatch.setattr(hub_constants, "HF_HUB_CACHE", str(USER_HF_CACHE))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    for name in (DEFAULT_TRANSLATION_MODEL, DEFAULT_SUMMARY_MODEL):
        try:
            resolve_model(name, offline=True)
        except ModelNotAvailable:
            pytest.skip(f"{name} is not in the local Hugging Face cache ({USER_HF_CACHE}); never downloaded by tests")


@pytest.fixture(autouse=True)
def _isolated_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "summarise-cache"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def _built_once(tmp_path_factory, name: str, build) -> Path:
    """`build(directory)` run once per test run, not once per pytest-xdist worker: the workers share
    the parent of their base temp dirs, and the first to take the lock builds while the others wait
    for it (the models are only read by the tests; building one costs seconds of CPU)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by all workers of this run (their own dirs are its children)
    # named as tmp_path_factory.mktemp(name) names it: goldens record the model directory's name
    directory, done = base / f"{name}0", base / f"{name}0.done"
    with open(base / f"{name}0.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(directory, ignore_errors=True)  # a half-built one from a worker that crashed
            directory.mkdir()
            build(directory)
            done.touch()
    return directory


@pytest.fixture(scope="session")
def tiny_marian_dir(tmp_path_factory):
    """A tiny random MarianMTModel + real SentencePiece tokenizer, saved like a hub snapshot."""
    from tiny_marian import build_tiny_marian

    return _built_once(tmp_path_factory, "tiny-marian", build_tiny_marian)


@pytest.fixture(scope="session")
def tiny_bart_dir(tmp_path_factory):
    """A tiny random BART summariser (distilbart's family) with a trained byte-level BPE tokenizer."""
    from tiny_summarisers import build_tiny_bart

    return _built_once(tmp_path_factory, "tiny-bart", build_tiny_bart)


@pytest.fixture(scope="session")
def tiny_t5_dir(tmp_path_factory):
    """A tiny random T5 (flan-t5 style text-to-text model) with a Unigram tokenizer."""
    from tiny_summarisers import build_tiny_t5

    return _built_once(tmp_path_factory, "tiny-t5", build_tiny_t5)


@pytest.fixture(scope="session")
def tiny_causal_dir(tmp_path_factory):
    """A tiny random decoder-only chat model (Llama architecture) with a chat template."""
    from tiny_summarisers import build_tiny_causal

    return _built_once(tmp_path_factory, "tiny-causal", build_tiny_causal)


# `make test` runs pytest-xdist with --dist loadscope --no-loadscope-reorder: a module is one unit of work
# for one worker, handed out in collection order. The modules that each take a minute or more of a core
# (measured) go first, so the other worker fills in the short ones around them instead of one worker
# finishing them alone at the end; the bench smoke runs are independent processes, one unit each.
HEAVY_FIRST = ("test_benches.py", "test_batch_ray.py", "test_serve_process.py", "test_cli_messages.py",
               "test_html.py", "test_hostile_inputs.py", "test_regress_roundtrip.py", "test_batch_cli.py",
               "test_check_linear.py", "test_output_safety.py", "test_output_errors.py", "test_translate.py")  # fmt: skip
ONE_UNIT_PER_TEST = ("tests/test_benches.py::",)


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PYTEST_XDIST_WORKER"):  # a serial run keeps pytest's own order
        rank = {name: i for i, name in enumerate(HEAVY_FIRST)}
        items.sort(key=lambda item: rank.get(item.path.name, len(HEAVY_FIRST)))  # stable: a module's own order stays


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class HeavyFirstScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if nodeid.startswith(ONE_UNIT_PER_TEST) else super()._split_scope(nodeid)

    return HeavyFirstScheduling(config, log)


def pytest_terminal_summary(terminalreporter):
    """Browser tests skipped for want of chromium are said in one line at the end of the run, not only
    as 's' among the dots (`make test` passes without chromium; README, Tests)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", ()) if "test_html_browser.py" in r.nodeid]
    if skipped:
        reason = str(skipped[0].longrepr[-1]).removeprefix("Skipped: ") if isinstance(skipped[0].longrepr, tuple) else ""
        terminalreporter.write_line(
            f"summarise: {len(skipped)} browser tests (tests/test_html_browser.py) skipped: {reason}", yellow=True
        )
