"""How CTranslate2 uses the cores: latency configuration for few inputs, calibrated choice for throughput."""

from __future__ import annotations

import json
import logging

import pytest

from summarise.models.threads import (
    CALIBRATION_FILE,
    Calibration,
    cached_calibration,
    plan_threads,
    sentence_count,
)


class CalibrationDouble:
    """Stands in for the timing run: returns fixed figures and counts how often it was asked."""

    def __init__(self, single: float, workers: float):
        self.calls = 0
        self.figures = (single, workers)

    def __call__(self) -> Calibration:
        self.calls += 1
        return Calibration(self.figures[0], self.figures[1], 0.0, "now")


def test_one_core_or_few_inputs_get_the_latency_configuration(monkeypatch):
    monkeypatch.delenv("SUMMARISE_WORKERS", raising=False)
    double = CalibrationDouble(100, 1000)
    assert plan_threads(1, None, calibrate=double, key="k").label() == "1x1"
    plan = plan_threads(2, 1, calibrate=double, key="k")
    assert plan.label() == "1x2" and "latency" in plan.reason
    assert plan_threads(4, 15, calibrate=double, key="k").label() == "1x4"
    assert double.calls == 0  # nothing to decide: never measured


def test_throughput_follows_the_calibration_measured_once_and_cached(monkeypatch, tmp_path):
    monkeypatch.delenv("SUMMARISE_WORKERS", raising=False)
    faster_workers = CalibrationDouble(single=500, workers=800)
    plan = plan_threads(2, None, calibrate=faster_workers, key="machine-a|model")
    assert plan.label() == "2x1" and "800 tok/s vs 500" in plan.reason
    assert plan_threads(2, 200, calibrate=faster_workers, key="machine-a|model").label() == "2x1"
    assert faster_workers.calls == 1  # cached: measured once per machine and model
    assert cached_calibration("machine-a|model").workers_tok_s == 800
    # Another machine or model measures for itself; a tie keeps the latency configuration.
    tie = CalibrationDouble(single=500, workers=520)
    assert plan_threads(2, None, calibrate=tie, key="machine-b|model").label() == "1x2"
    assert tie.calls == 1
    stored = json.loads((tmp_path / "summarise-cache" / "ct2" / CALIBRATION_FILE).read_text(encoding="utf-8"))
    assert set(stored["entries"]) == {"machine-a|model", "machine-b|model"}


def test_summarise_workers_overrides_the_choice(monkeypatch):
    monkeypatch.setenv("SUMMARISE_WORKERS", "2")
    double = CalibrationDouble(1000, 1)
    assert plan_threads(4, None, calibrate=double, key="k").label() == "2x2"
    assert double.calls == 0


def test_sentence_count_is_the_articles_model_inputs():
    from summarise.document import Block, Document

    doc = Document([Block("title", "Nordkorea schickt Truppen"), Block("paragraph", "Es sind 3.000 Soldaten. Am 26. Februar kamen sie an.")])
    assert sentence_count(doc) == 3


@pytest.fixture
def ct2_threads(tiny_marian_dir, monkeypatch):
    pytest.importorskip("ctranslate2")
    monkeypatch.delenv("SUMMARISE_WORKERS", raising=False)
    from summarise.models.runtime import Runtime

    return lambda workload: Runtime.resolve(str(tiny_marian_dir), backend="ctranslate2", threads=2, workload=workload)


def test_ctranslate2_calibrates_on_the_real_model_and_shows_the_choice(ct2_threads, caplog, monkeypatch):
    from summarise.models.backends.base import GenerationSettings

    caplog.set_level(logging.INFO, logger="summarise")
    runtime = ct2_threads(None)  # a throughput run: measured
    backend = runtime.load_backend(runtime.translation_model)
    entries = json.loads(next(p for p in (backend.conversion.path.parent).glob(CALIBRATION_FILE)).read_text())["entries"]
    (key, figures), = entries.items()
    assert backend.conversion.path.name in key and "cores=2" in key
    assert figures["single_tok_s"] > 0 and figures["workers_tok_s"] > 0
    expected = "2x1" if figures["workers_tok_s"] >= 1.1 * figures["single_tok_s"] else "1x2"
    assert backend.plan.label() == expected == backend.signature()["threads"]
    assert any("worker(s) x" in r.getMessage() for r in caplog.records)  # visible with -v

    one = ct2_threads(1)  # a single sentence: the latency configuration, whatever was measured
    latency = one.load_backend(one.translation_model)
    assert latency.plan.label() == "1x2"
    # Two workers split each call between them, and the outputs stay the same (the translation cache
    # ignores the configuration).
    monkeypatch.setenv("SUMMARISE_WORKERS", "2")
    workers = runtime.load_backend(runtime.translation_model)
    assert workers.plan.label() == "2x1"
    sentences = [f"Nordkorea hat weitere {n}.000 Soldaten geschickt." for n in range(1, 10)] + ["Die Verstärkung kam im Januar."]
    settings = GenerationSettings(beams=2, max_new_tokens=8)
    assert workers.generate(sentences, settings) == latency.generate(sentences, settings)
