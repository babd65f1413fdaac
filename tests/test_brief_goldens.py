"""Regression: the key figures of every sample article, against golden files samples/<name>.figures.json.

Each sample is briefed through the real path (ingest → tiny random Marian → tiny random BART →
checker extraction). The golden keeps what does not depend on the random model: each figure's
German span, English form, value and kind, in brief order. The English context sentence comes from
the random model's (gibberish) translation, so it is not pinned; the test checks instead that it
is a sentence of that translation.

After an intended change (new samples, a better extractor), regenerate and review the diff:

    UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_brief_goldens.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in {".txt", ".md", ".pdf"})
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
HOW_TO_UPDATE = "UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_brief_goldens.py"


def golden_path(sample: Path) -> Path:
    return sample.with_name(f"{sample.stem}.figures.json")


def golden_entry(figure) -> dict:
    return {"source": figure.source, "english": figure.english, "value": figure.to_dict()["value"], "kind": figure.kind}


@pytest.fixture(scope="module")
def briefs(tiny_marian_dir, tiny_bart_dir):
    from summarise.briefing.brief import make_briefs
    from summarise.briefing.summary import load_summariser
    from summarise.ingest import read_document
    from summarise.models.backends import load_backend
    from summarise.models.backends.base import GenerationSettings
    from summarise.translation.engine import Translator

    docs = [read_document(p) for p in SAMPLES]
    # Greedy, short outputs, no repair loop: the random model fails every number check, and long
    # gibberish or repairing it costs time without changing what the goldens pin.
    backend = load_backend(str(tiny_marian_dir), backend="transformers", threads=1)
    translator = Translator(backend, GenerationSettings(beams=1, max_new_tokens=16), cache=False, repair=False)
    summariser = load_summariser(str(tiny_bart_dir), backend="transformers", threads=1)
    return dict(zip(SAMPLES, make_briefs(docs, translator, summariser), strict=True))


def test_every_sample_has_its_own_golden_name():
    assert SAMPLES, "no sample articles in samples/"
    assert len({golden_path(s) for s in SAMPLES}) == len(SAMPLES)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_key_figures_match_the_golden_file(sample, briefs):
    brief = briefs[sample]
    actual = [golden_entry(f) for f in brief.key_figures]
    path = golden_path(sample)
    if UPDATE:
        data = {"sample": sample.name, "regenerate": HOW_TO_UPDATE, "key_figures": actual}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden for {sample.name}: run {HOW_TO_UPDATE}"
    expected = json.loads(path.read_text(encoding="utf-8"))["key_figures"]
    assert actual == expected, f"key figures of {sample.name} changed; if intended: {HOW_TO_UPDATE}"

    # The parts the golden does not pin: contexts are sentences of this run's translation.
    translations = [" ".join(b.translation.split()) for b in brief.translation.blocks]
    for figure in brief.key_figures:
        assert figure.context and any(figure.context in t for t in translations)
