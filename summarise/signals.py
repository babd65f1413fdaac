"""Signal handlers set for a stretch of code and put back after it: the one skeleton behind the CLI's
SIGTERM-as-Ctrl-C, serve's graceful stop and batch's deferred interrupts."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterable, Iterator


@contextlib.contextmanager
def signals_handled(handler: Callable, signums: Iterable[int]) -> Iterator[None]:
    """While inside, `handler` handles each of `signums`; on the way out the handlers before are put
    back. Off the main thread (the library inside someone's threaded program) signals are left alone:
    Python sets and runs handlers in the main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, handler) for signum in signums}
    try:
        yield
    finally:
        for signum, before in previous.items():
            signal.signal(signum, before)
