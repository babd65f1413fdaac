"""Honest progress accounting, independent of any bar: what is done, what remains, how fast.

The bars of translate, brief, regress record and batch draw from a `WorkCount`:
- the total is the planned work plus the work queued since (repair retries), so it grows when
  repairs follow instead of the bar sitting at 100 % while they run;
- while the work is open the bar never reaches its total (the checks, repairs, summaries or
  writes that follow the last counted unit are work too); `close()` says it is all done;
- the rate and ETA come from finished work over the time since the real work began; skipped
  (already done, resumed) items advance the bar but never enter the rate.

A progress callback passed to the engine is called with `n` units just finished; one that also has
a `queued(n)` method is told of work added to the plan (see `announce`).
"""

from __future__ import annotations

import time
from collections.abc import Callable


class WorkCount:
    """Units planned, queued, done and skipped; `clock` is injectable for tests."""

    def __init__(self, planned: int = 0, *, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.planned = planned  # the estimate of the main work (re-estimated as it is planned)
        self.extra = 0  # work queued beyond the plan: repair retries
        self.done = 0  # units finished by real work
        self.skipped = 0  # units that count as done without work (resumed from an earlier run)
        self.open = True
        self.began: float | None = None  # when the real work began

    def begin(self) -> None:
        """The real work starts now (the rate counts from here); the first call wins."""
        if self.began is None:
            self.began = self.clock()

    def plan(self, n: int) -> None:
        self.planned = n

    def queue(self, n: int) -> None:
        """`n` more units of work than planned (e.g. repair retries about to run)."""
        self.extra += n

    def advance(self, n: int) -> None:
        self.begin()  # a bar nobody began counts from its first finished work: never zero seconds
        self.done += n

    def skip(self, n: int) -> None:
        self.skipped += n

    def close(self) -> None:
        """All the work is done: the bar may now show its total."""
        self.open = False

    def reopen(self) -> None:
        self.open = True

    @property
    def completed(self) -> int:
        return self.done + self.skipped

    @property
    def total(self) -> int:
        """What the bar shows as its total: never reached while the work is open."""
        known = max(self.planned + self.extra + self.skipped, self.completed)
        return known if not self.open else max(known, self.completed + 1)

    @property
    def remaining(self) -> int:
        return self.total - self.completed

    def rate(self) -> float | None:
        """Units per second of real work since it began; None before any finished."""
        if self.began is None or self.done == 0:
            return None
        elapsed = self.clock() - self.began
        return self.done / elapsed if elapsed > 0 else None

    def eta(self) -> float | None:
        """Seconds left at the rate so far; None while no rate is known."""
        rate = self.rate()
        if rate is None:
            return None
        return self.remaining / rate


def announce(progress, n: int) -> None:
    """Tell a progress callback that `n` more units were queued, if it listens for that."""
    queued = getattr(progress, "queued", None)
    if queued is not None and n > 0:
        queued(n)


class BatchCounts:
    """The two counts of `summarise batch`: articles and sentences, kept consistent.

    Articles advance as each finishes; skipped ones (done by an earlier run) advance without entering
    the rate. The sentence count holds below its total while any article of a started group is
    unfinished (its checks, repairs, summary and writing are still to come), and settles on what
    really ran once the groups in flight are done.
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic):
        self.articles = WorkCount(clock=clock)
        self.sentences = WorkCount(clock=clock)
        self.sentences.close()
        self.in_flight = 0  # articles of started groups not finished yet

    def start(self, total: int, skipped: int) -> None:
        self.articles.plan(total - skipped)
        self.articles.skip(skipped)
        self.articles.begin()
        self.sentences.begin()
        if total == skipped:
            self.articles.close()

    def group(self, articles: int, sentences: int) -> None:
        self.in_flight += articles
        self.sentences.plan(self.sentences.planned + sentences)
        self.sentences.reopen()

    def sentences_done(self, n: int) -> None:
        self.sentences.advance(n)

    def queued(self, n: int) -> None:
        self.sentences.queue(n)

    def article_done(self) -> None:
        self.articles.advance(1)
        if self.articles.completed >= self.articles.planned + self.articles.skipped:
            self.articles.close()
        # An article that failed before its group started (unreadable) was never in flight.
        self.in_flight = max(0, self.in_flight - 1)
        if self.in_flight == 0:
            # The groups' estimates are replaced by what really ran.
            self.sentences.plan(self.sentences.done - self.sentences.extra)
            self.sentences.close()
