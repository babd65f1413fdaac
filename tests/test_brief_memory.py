"""A one-article brief holds one model's decoding in memory at a time (issue 16's lighter brief)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_one_article_loads_the_summariser_after_translating_and_frees_the_translation_model(tiny_marian_dir, tiny_bart_dir):
    from summarise.briefing.brief import make_brief
    from summarise.ingest import read_document
    from summarise.models.loading import load_models
    from summarise.models.runtime import Runtime
    from summarise.models.threads import sentence_count

    doc = read_document(SAMPLES / "nordkorea-truppen.txt")
    runtime = Runtime.resolve(str(tiny_marian_dir), str(tiny_bart_dir), backend="ctranslate2", beams=1,
                              workload=sentence_count(doc), cache=False)  # fmt: skip
    translator, summariser = load_models(runtime)
    summary_backend, translation_backend = summariser.backend, translator.backend
    assert summary_backend._translator is None  # converted and verified, not in memory yet
    assert translation_backend._translator.model_is_loaded

    sentence = ["Nordkorea hat weitere 3.000 Soldaten nach Russland geschickt."]
    before = translator.translate_sentences(sentence)
    brief = make_brief(doc, translator, summariser)
    assert brief.summary  # the summariser loaded on first use and wrote the summary
    assert summary_backend._translator is not None and summary_backend._translator.model_is_loaded
    assert not translation_backend._translator.model_is_loaded  # freed before the summariser loaded

    # Anything translated later reloads the weights: same output as before.
    assert translator.translate_sentences(sentence) == before
    assert translation_backend._translator.model_is_loaded


def test_throughput_runs_keep_both_models_loaded(tiny_marian_dir, tiny_bart_dir):
    from summarise.models.loading import load_models
    from summarise.models.runtime import Runtime

    runtime = Runtime.resolve(str(tiny_marian_dir), str(tiny_bart_dir), backend="ctranslate2", cache=False)
    _, summariser = load_models(runtime)  # workload None: a batch, many articles
    assert summariser.backend._translator is not None and summariser.backend._translator.model_is_loaded
