"""Dynamic batching: concurrent generate() calls share model calls, each gets its own outputs back,
settings never mix, errors reach every caller, and the real tiny model gives the same translations
batched as alone."""

from __future__ import annotations

import threading
import time

import pytest

from summarise.serve.batching import BatchingBackend


class RecordingBackendDouble:
    """A test double of a Backend: echoes its inputs (upper-cased), records every call, takes `delay` s."""

    preferred_batch_size = 8

    def __init__(self, delay: float = 0.02, fail: bool = False):
        self.calls: list[tuple[list[str], object]] = []
        self.delay, self.fail = delay, fail

    def generate(self, texts, settings):
        self.calls.append((list(texts), settings))
        time.sleep(self.delay)
        if self.fail:
            raise RuntimeError("model exploded")
        return [t.upper() for t in texts]


def run_concurrently(batcher, jobs):
    results: list = [None] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def call(i, texts, settings):
        barrier.wait()
        try:
            results[i] = batcher.generate(texts, settings)
        except Exception as e:
            results[i] = e

    threads = [threading.Thread(target=call, args=(i, *job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_concurrent_calls_share_model_calls_and_get_their_own_outputs():
    backend = RecordingBackendDouble()
    batcher = BatchingBackend(backend, wait=0.05)
    jobs = [([f"a{i}", f"b{i}"], "s") for i in range(12)]
    results = run_concurrently(batcher, jobs)
    batcher.close()
    assert results == [[f"A{i}", f"B{i}"] for i in range(12)]
    assert len(backend.calls) < 12  # merged
    assert all(len(texts) <= 8 for texts, _ in backend.calls)  # never above the backend's batch size
    assert batcher.stats.requests == 12 and batcher.stats.sentences == 24


def test_different_settings_never_share_a_call():
    backend = RecordingBackendDouble()
    batcher = BatchingBackend(backend, wait=0.05)
    results = run_concurrently(batcher, [(["x"], "beams=1"), (["y"], "beams=4"), (["z"], "beams=1")])
    batcher.close()
    assert results == [["X"], ["Y"], ["Z"]]
    assert sorted(tuple(texts) for texts, s in backend.calls if s == "beams=4") == [("y",)]


def test_a_model_error_reaches_every_caller_and_the_worker_lives_on():
    backend = RecordingBackendDouble(fail=True)
    batcher = BatchingBackend(backend, wait=0.02)
    results = run_concurrently(batcher, [(["x"], "s"), (["y"], "s")])
    assert all(isinstance(r, RuntimeError) for r in results)
    backend.fail = False
    assert batcher.generate(["ok"], "s") == ["OK"]
    batcher.close()
    with pytest.raises(RuntimeError):
        batcher.generate(["late"], "s")


def test_real_model_translates_the_same_batched_or_alone(tiny_marian_dir):
    from summarise.models.backends import load_backend
    from summarise.models.backends.base import GenerationSettings

    backend = load_backend(str(tiny_marian_dir), backend="transformers", device="cpu", threads=1)
    settings = GenerationSettings(beams=1, max_new_tokens=8)
    texts = ["Der Minister kam.", "Es regnet in Berlin.", "Die Wahl ist am Sonntag."]
    alone = [backend.generate([t], settings)[0] for t in texts]
    batcher = BatchingBackend(backend, wait=0.05)
    together = run_concurrently(batcher, [([t], settings) for t in texts])
    batcher.close()
    assert [r[0] for r in together] == alone
    assert batcher.stats.calls < len(texts)


def test_merged_calls_reach_the_model_longest_first_and_answers_go_back_in_order():
    backend = RecordingBackendDouble()
    batcher = BatchingBackend(backend, max_batch=64, wait=0.2)
    jobs = [([f"s{i}" + "x" * ((7 * i) % 11), "y" * (i + 1)], "s") for i in range(6)]
    results = run_concurrently(batcher, jobs)
    batcher.close()
    assert results == [[t.upper() for t in texts] for texts, _ in jobs]
    merged = [texts for texts, _ in backend.calls if len(texts) > 2]
    assert merged, backend.calls  # some calls were merged (the barrier releases all six at once)
    assert all([len(t) for t in texts] == sorted((len(t) for t in texts), reverse=True) for texts in merged)
