"""SIGTERM stops a command the way Ctrl-C does: `kill`, a container stop or a job scheduler's timeout
gets the same clean stop (exit 130, "summarise: error: interrupted", no partial output) instead of
dying with 143 halfway through a write."""

from __future__ import annotations

import contextlib
import signal


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


@contextlib.contextmanager
def sigterm_as_interrupt():
    """While inside, SIGTERM raises KeyboardInterrupt in the main thread (as SIGINT does)."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread (embedded use): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
