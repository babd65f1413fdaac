"""SIGTERM stops a command the way Ctrl-C does: `kill`, a container stop or a job scheduler's timeout
gets the same clean stop (exit 130, "summarise: error: interrupted", no partial output) instead of
dying with 143 halfway through a write.

Either signal also records that a stop was asked for (`stop_requested`): an interrupt that lands
inside a library (say, halfway through `import torch`) can surface as some other error later, and
that error is then reported as the interrupt it is, not as an internal error.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

from ..signals import signals_handled

_stop = {"requested": False}


def _exit_at_once(signum, frame):
    os.write(2, b"summarise: error: interrupted\n")
    os._exit(130)


def stop_at_once_while_starting() -> None:
    """In the `summarise` command (console script or `python -m summarise`) only: SIGTERM or Ctrl-C
    during start-up (its imports take ~0.3 s, before `main` installs the handler above) exits 130 with
    the usual line at once, rather than 143 or a traceback; nothing has been read or written yet.
    Called first thing on importing the CLI, before the heavy imports."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    argv0 = (getattr(sys, "argv", None) or [""])[0]
    if getattr(spec, "name", None) != "summarise.__main__" and os.path.basename(argv0) != "summarise":
        return  # a program importing the library keeps its own signal handling
    with contextlib.suppress(ValueError):  # not the main thread
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _exit_at_once)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _exit_at_once)


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
    if signal.getsignal(signal.SIGINT) in (signal.default_int_handler, _exit_at_once):
        wanted.append(signal.SIGINT)
    with signals_handled(_raise_interrupt, wanted):  # not the main thread (embedded use): left alone
        yield
