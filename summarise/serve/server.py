"""Run the app on uvicorn: one process, models loaded once; SIGTERM (or Ctrl-C) drains and exits 0.

On SIGTERM uvicorn stops accepting connections and lets the running requests finish (up to
`drain_seconds`); the app's shutdown then stops the job workers at their next window of blocks, with
their jobs left queued in the database, and the process exits 0. kill -9 skips all that; the next
start queues the interrupted jobs again (summarise.serve.jobs).
"""

from __future__ import annotations

import contextlib
import logging
import signal

from ..signals import signals_handled
from .config import ServeConfig

log = logging.getLogger(__name__)


def uvicorn_server(app, config: ServeConfig, *, log_level: str = "warning"):
    import uvicorn

    return uvicorn.Server(
        uvicorn.Config(
            app,
            host=config.host,
            port=config.port,
            log_level=log_level,
            access_log=False,
            timeout_graceful_shutdown=int(config.drain_seconds),
            server_header=False,
            lifespan="on",
        )
    )


def _swallow(signum, frame):
    """uvicorn re-raises the signal that stopped it once it is done: by then the stop is complete."""


@contextlib.contextmanager
def signals_stop_cleanly():
    """While uvicorn serves, SIGTERM and SIGINT are its graceful stop; afterwards, when uvicorn raises
    them again for whoever handled them before, they are ignored (the stop is done: exit 0)."""
    with signals_handled(_swallow, (signal.SIGTERM, signal.SIGINT)):  # not the main thread: left alone
        yield


def serve(app, config: ServeConfig, *, ready=None, log_level: str = "warning") -> None:
    """Serve until stopped. `ready()` is called once the socket listens."""
    server = uvicorn_server(app, config, log_level=log_level)
    if ready is not None:
        original = server.startup

        async def startup(sockets=None):
            await original(sockets=sockets)
            if server.started:
                ready()

        server.startup = startup
    with signals_stop_cleanly():
        server.run()
    if not server.started:
        from ..errors import InputError

        raise InputError(f"cannot listen on {config.host}:{config.port} (in use, or not an address of this machine)")
