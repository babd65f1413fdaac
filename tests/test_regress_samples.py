"""The project's regression test: every article in samples/ against its golden.

* tiny models (always run): samples/golden/tiny-models/ was recorded with the tiny random Marian and
  BART the test suite builds (deterministic: fixed seeds, tokenizers trained on samples/), greedy
  decoding and at most 12 new tokens per sentence so the whole pipeline — splitting, batching,
  checks, every repair strategy, map-reduce summaries, key figures — runs in seconds. Drift here
  means the pipeline's code changed what it writes.
* real models (`-m real_models`; skipped unless both default models are in the local Hugging Face
  cache, never downloading): `summarise regress compare samples --golden samples/golden/default-models`.

Re-record after an intended change (or after adding a sample: the tiny models' tokenizers are
trained on samples/, so every tiny golden changes):

    UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_regress_samples.py            # tiny-model goldens
    UPDATE_GOLDENS=1 .venv/bin/pytest -m real_models tests/test_regress_samples.py   # real ones too
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from summarise.models.backends.base import GenerationSettings
from summarise.regress import compare, record, render_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TINY_GOLDENS = SAMPLES / "golden" / "tiny-models"
REAL_GOLDENS = SAMPLES / "golden" / "default-models"
TINY_SETTINGS = GenerationSettings(beams=1, max_new_tokens=12)
UPDATE = os.environ.get("UPDATE_GOLDENS", "").strip() not in ("", "0")
RERECORD = "if the change is intended, re-record: UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_regress_samples.py"


@pytest.fixture
def tiny_models(tiny_marian_dir, tiny_bart_dir, monkeypatch):
    """Translator and summariser on the tiny models, named relative to their folder so the goldens'
    signatures do not carry this session's temp path."""
    import torch

    from summarise.briefing.summary import load_summariser
    from summarise.models.backends import load_backend
    from summarise.translation.engine import Translator

    assert tiny_marian_dir.parent == tiny_bart_dir.parent
    monkeypatch.chdir(tiny_marian_dir.parent)
    threads = torch.get_num_threads()
    backend = load_backend(tiny_marian_dir.name, backend="transformers", device="cpu", threads=1)
    translator = Translator(backend, TINY_SETTINGS, cache=False)
    summariser = load_summariser(tiny_bart_dir.name, backend="transformers", device="cpu", threads=1)
    yield translator, summariser
    torch.set_num_threads(threads)


def test_samples_match_their_tiny_model_goldens(tiny_models):
    translator, summariser = tiny_models
    if UPDATE:
        record(SAMPLES, TINY_GOLDENS, translator=translator, summariser=summariser)
    report = compare(SAMPLES, TINY_GOLDENS, translator=translator, summariser=summariser)
    assert report.articles and report.orphans == []
    assert report.passed, f"{render_text(report)}\n{RERECORD}"
    # Tiny models built from fixed seeds are bit-identical from run to run: same content fingerprint.
    changed = [c for c in report.signature_changes if c.startswith(("translation.revision", "summary.revision"))]
    assert not changed, f"the tiny test models are not reproducible (or were changed): {changed}; {RERECORD}"


@pytest.mark.real_models
def test_samples_match_their_default_model_goldens(user_hf_cache):
    def regress(*args):
        result = CliRunner().invoke(app, ["regress", *map(str, args), str(SAMPLES), "--golden", str(REAL_GOLDENS), "--offline"])
        return result.exit_code, result.stdout + result.stderr

    if UPDATE:
        code, output = regress("record")
        assert code in (0, 1), output
    if not REAL_GOLDENS.is_dir():
        pytest.skip(f"no default-model goldens in {REAL_GOLDENS}: UPDATE_GOLDENS=1 .venv/bin/pytest -m real_models {__file__}")
    code, output = regress("compare")
    assert code == 0, output


def test_tiny_goldens_number_blocks_from_1():
    """Every "block" field inside a golden's translation block N (its problems, numbers, names, terms)
    is N: the goldens store the numbering people read (summarise.document.block_number)."""
    import json

    from summarise.document import numbered

    def fields(obj):
        if isinstance(obj, dict):
            for key, value in obj.items():
                yield from [value] if key == "block" else fields(value)
        elif isinstance(obj, list):
            for value in obj:
                yield from fields(value)

    goldens = sorted(TINY_GOLDENS.glob("*.json"))
    assert goldens
    for path in goldens:
        blocks = json.loads(path.read_text(encoding="utf-8"))["translation"]["blocks"]
        seen = [(number, value) for number, block in numbered(blocks) for value in fields(block)]
        assert seen and all(value == number for number, value in seen), path.name
