"""Test isolation: every cache and the HF hub point into a temp dir, and nothing can download."""

from __future__ import annotations

import os

import pytest

# Set before transformers / huggingface_hub are imported anywhere, so they read offline mode.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Tiny models gain nothing from threads, and on a busy 2-core box OpenMP spinning makes
# generate ~50x slower with 2 threads than with 1. --threads still overrides this.
os.environ.setdefault("SUMMARISE_THREADS", "1")

from huggingface_hub import constants as hub_constants  # noqa: E402  (after the offline switches)

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


@pytest.fixture(scope="session")
def tiny_marian_dir(tmp_path_factory):
    """A tiny random MarianMTModel + real SentencePiece tokenizer, saved like a hub snapshot."""
    from tiny_marian import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def tiny_bart_dir(tmp_path_factory):
    """A tiny random BART summariser (distilbart's family) with a trained byte-level BPE tokenizer."""
    from tiny_summarisers import build_tiny_bart

    return build_tiny_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def tiny_t5_dir(tmp_path_factory):
    """A tiny random T5 (flan-t5 style text-to-text model) with a Unigram tokenizer."""
    from tiny_summarisers import build_tiny_t5

    return build_tiny_t5(tmp_path_factory.mktemp("tiny-t5"))


@pytest.fixture(scope="session")
def tiny_causal_dir(tmp_path_factory):
    """A tiny random decoder-only chat model (Llama architecture) with a chat template."""
    from tiny_summarisers import build_tiny_causal

    return build_tiny_causal(tmp_path_factory.mktemp("tiny-causal"))


def pytest_terminal_summary(terminalreporter):
    """Browser tests skipped for want of chromium are said in one line at the end of the run, not only
    as 's' among the dots (`make test` passes without chromium; README, Tests)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", ()) if "test_html_browser.py" in r.nodeid]
    if skipped:
        reason = str(skipped[0].longrepr[-1]).removeprefix("Skipped: ") if isinstance(skipped[0].longrepr, tuple) else ""
        terminalreporter.write_line(
            f"summarise: {len(skipped)} browser tests (tests/test_html_browser.py) skipped: {reason}", yellow=True
        )
