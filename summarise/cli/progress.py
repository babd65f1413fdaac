"""The sentence progress bar of translate, brief and regress record: on a terminal only.

One rich bar on stderr (sentences done / total, rate, elapsed, ETA), as `summarise batch` has; it
is transient, so the terminal keeps only the command's own output. When stderr is not a terminal
(a pipe, a log file, CI) nothing is drawn and the callbacks cost nothing.
"""

from __future__ import annotations

import sys


class SentenceProgress:
    """`advance(n)`: n more model inputs done; `total(n)`: the expected total (re-estimated as the
    document is split into sentences). Use as a context manager around the model work."""

    def __init__(self, description: str = "sentences", *, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress = None
        self._task = None
        self._description = description

    def __enter__(self) -> SentenceProgress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("sentences"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=Console(stderr=True, highlight=False),
            transient=True,
            # stdout carries the command's output (a streamed translation): never through the bar's console.
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(self._description, total=None)
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def total(self, n: int) -> None:
        if self._progress is not None:
            done = self._progress.tasks[0].completed
            self._progress.update(self._task, total=max(n, done))

    def advance(self, n: int) -> None:
        if self._progress is not None:
            task = self._progress.tasks[0]
            if task.total is not None and task.completed + n > task.total:
                self._progress.update(self._task, total=task.completed + n)  # the estimate was low
            self._progress.advance(self._task, n)
