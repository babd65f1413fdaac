"""Prometheus metrics of one server: requests, latency, the model queue, batches, jobs, failed checks.

Each app has its own registry (several apps in one process, as in tests, never share counters)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]


class Metrics:
    def __init__(self):
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("summarise_requests", "HTTP requests answered", ["endpoint", "status"], registry=r)
        self.latency = Histogram(
            "summarise_request_seconds", "Time to answer a request", ["endpoint"], registry=r,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
        )  # fmt: skip
        self.queue_depth = Gauge("summarise_queue_depth", "Sentences waiting for the translation model", registry=r)
        self.batch_sentences = Histogram(
            "summarise_batch_sentences", "Sentences per model call (dynamic batching)", registry=r,
            buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256),
        )  # fmt: skip
        self.batch_requests = Histogram(
            "summarise_batch_requests", "Requests merged into one model call", registry=r, buckets=(1, 2, 4, 8, 16, 32, 64)
        )
        self.model_seconds = Counter(
            "summarise_model_seconds", "Time the translation model spent generating (busy share: rate over wall time)",
            registry=r,
        )
        self.checks_failed = Counter(
            "summarise_checks_failed", "Translated blocks whose fidelity check still failed", ["endpoint"], registry=r
        )
        self.jobs = Counter("summarise_jobs_finished", "Document jobs finished", ["status"], registry=r)
        self.jobs_running = Gauge("summarise_jobs_running", "Document jobs running now", registry=r)

    def on_batch(self, requests: int, sentences: int, seconds: float = 0.0) -> None:
        self.batch_requests.observe(requests)
        self.batch_sentences.observe(sentences)
        self.model_seconds.inc(seconds)

    def failed_blocks(self, endpoint: str, translations) -> None:
        failed = sum(1 for t in translations for b in t.blocks if not b.check.passed)
        if failed:
            self.checks_failed.labels(endpoint).inc(failed)

    def render(self) -> bytes:
        return generate_latest(self.registry)
