"""SIGTERM stops a command the way Ctrl-C does: `kill`, a container stop or a job scheduler's timeout
gets the same clean stop (exit 130, "summarise: error: interrupted", no partial output) instead of
dying with 143 halfway through a write.

Either signal also records that a stop was asked for (`stop_requested`): an interrupt that lands
inside a library (say, halfway through `import torch`) can surface as some other error later, and
that error is then reported as the interrupt it is, not as an internal error.
"""

from __future__ import annotations

import contextlib
import signal

_stop = {"requested": False}


def stop_requested() -> bool:
    return _stop["requested"]


def _raise_interrupt(signum, frame):
    _stop["requested"] = True
    raise KeyboardInterrupt


@contextlib.contextmanager
def sigterm_as_interrupt():
    """While inside, SIGTERM raises KeyboardInterrupt in the main thread (as SIGINT does); both are
    remembered by `stop_requested`. An ignored SIGINT (a background job) stays ignored."""
    wanted = [signal.SIGTERM]
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        wanted.append(signal.SIGINT)
    try:
        previous = {signum: signal.signal(signum, _raise_interrupt) for signum in wanted}
    except ValueError:  # not the main thread (embedded use): leave signals alone
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
