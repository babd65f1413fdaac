"""The sentence progress bar of translate, brief and regress record: on a terminal only.

One rich bar on stderr (sentences done / total, rate, elapsed, ETA), as `summarise batch` has; it
is transient, so the terminal keeps only the command's own output. When stderr is not a terminal
(a pipe, a log file, CI) nothing is drawn and the callbacks cost nothing.
"""

from __future__ import annotations

import sys

from ..progress import WorkCount


def _columns() -> list:
    """The bar's columns: done/total, the rate and ETA of the task's `WorkCount` (fields `count`, `unit`)."""
    from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task):
            count = task.fields.get("count")
            rate = count.rate() if count is not None else None
            unit = task.fields.get("unit", "")
            if rate is None:
                return Text("")
            if unit == "articles":  # minutes: articles take seconds each
                return Text(f"{rate * 60:.1f} articles/min")
            return Text(f"{rate:.1f} {unit}/s")

    class EtaColumn(ProgressColumn):
        def render(self, task):
            count = task.fields.get("count")
            eta = count.eta() if count is not None else None
            if eta is None:
                return Text("eta -:--:--")
            eta = int(eta + 0.999)  # never 0:00:00 while work remains
            return Text(f"eta {eta // 3600}:{eta // 60 % 60:02d}:{eta % 60:02d}")

    return [BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[unit]}"), RateColumn(), TimeElapsedColumn(), EtaColumn()]


class SentenceProgress:
    """The engine's progress callback: `bar(n)` / `advance(n)`: n more model inputs done;
    `queued(n)`: n more inputs than planned (repair retries); `total(n)`: the expected total (re-estimated
    as the document is split into sentences). Use as a context manager around the model work; the
    accounting is a `summarise.progress.WorkCount` (`count`), drawn or not."""

    def __init__(self, description: str = "sentences", *, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.count = WorkCount()
        self._progress = None
        self._task = None
        self._description = description

    def __enter__(self) -> SentenceProgress:
        self.count.begin()
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import Progress, TextColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            *_columns(),
            console=Console(stderr=True, highlight=False),
            transient=True,
            # stdout carries the command's output (a streamed translation): never through the bar's console.
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(self._description, total=None, count=self.count, unit="sentences")
        return self

    def __exit__(self, *exc) -> None:
        self.count.close()
        if self._progress is not None:
            self._draw()
            self._progress.stop()
            self._progress = None

    def _draw(self) -> None:
        if self._progress is not None:
            self._progress.update(self._task, total=self.count.total, completed=self.count.completed)

    def total(self, n: int) -> None:
        self.count.plan(n)
        self._draw()

    def queued(self, n: int) -> None:
        self.count.queue(n)
        self._draw()

    def advance(self, n: int) -> None:
        self.count.advance(n)
        self._draw()

    __call__ = advance
