"""What every handler reaches through `request.app.state.serve`: the engine, settings, jobs, metrics."""

from __future__ import annotations

import time

import anyio
from starlette.requests import Request

from .access import Access
from .config import ServeConfig
from .engine import Engine
from .jobs import JobRunner
from .metrics import Metrics

# Requests running model work at once (each waits in the batching queue, not on a core).
WORKER_THREADS = 64


class State:
    """Everything a handler needs, on `request.app.state.serve`."""

    def __init__(self, engine: Engine, config: ServeConfig, jobs: JobRunner, metrics: Metrics):
        self.engine, self.config, self.jobs, self.metrics = engine, config, jobs, metrics
        self.access = Access(config.api_keys, config.rate_limit)
        self.limiter = anyio.CapacityLimiter(WORKER_THREADS)
        self.started = time.time()

    async def run(self, func, *args):
        """A blocking library call in a worker thread."""
        return await anyio.to_thread.run_sync(func, *args, limiter=self.limiter)


def state(request: Request) -> State:
    return request.app.state.serve


