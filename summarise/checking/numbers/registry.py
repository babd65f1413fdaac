"""Recognisers: small named functions, one per notation, tried in order — a registry, not an if-chain.

Each language module keeps three registries:

* `tokens`: recognisers for one digit token ("3.000", "14:30", "26.", "A7"), tried in order until one
  takes the token (returns True); the last, `quantity`, takes any number.
* `words`: recognisers for number words and phrases ("drei", "verdoppelt", "Hunderte", "goalless").
  Each registers a regex fragment and the words it may start with; the fragments are joined into one
  regex (one named group per recogniser, in registration order) that runs only where a start word is.
* `context`: recognisers that read what stands around numbers already found and refine them (a sign
  before, "abends" after a time, a name before the digits, "2 Jahre und 6 Monate" read as one).

A new notation is one recogniser here and one row in the case tables (tests/test_check_cases.py);
each registry's order is listed by `names()` and tested in tests/test_recognisers.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Registry:
    """Recognisers tried in registration order."""

    kind: str
    items: list[tuple[str, Callable]] = field(default_factory=list)

    def register(self, name: str) -> Callable[[Callable], Callable]:
        def add(fn: Callable) -> Callable:
            if any(n == name for n, _ in self.items):
                raise ValueError(f"{self.kind} recogniser {name!r} is registered twice")
            self.items.append((name, fn))
            return fn

        return add

    def names(self) -> list[str]:
        return [n for n, _ in self.items]

    def first(self, *args) -> str | None:
        """Try each recogniser until one takes the input; its name (None: none did)."""
        for name, fn in self.items:
            if fn(*args):
                return name
        return None

    def each(self, *args) -> None:
        for _, fn in self.items:
            fn(*args)


@dataclass
class WordRegistry:
    """Word recognisers: each a named regex fragment, its start words and a handler of the match."""

    flags: int = re.I | re.X
    items: list[tuple[str, str, tuple[str, ...], Callable]] = field(default_factory=list)
    _regex: re.Pattern | None = None

    def register(self, name: str, fragment: str, starts: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
        def add(fn: Callable) -> Callable:
            if any(n == name for n, *_ in self.items):
                raise ValueError(f"word recogniser {name!r} is registered twice")
            self.items.append((name, fragment, tuple(starts), fn))
            self._regex = None
            return fn

        return add

    def names(self) -> list[str]:
        return [n for n, *_ in self.items]

    def starts(self) -> list[str]:
        return [s for *_, starts, _ in self.items for s in starts]

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            body = "\n| ".join(f"(?P<{name}>{fragment})" for name, fragment, _, _ in self.items)
            self._regex = re.compile(rf"\b(?:{body})", self.flags)
        return self._regex

    def handler(self, name: str) -> Callable:
        for n, _, _, fn in self.items:
            if n == name:
                return fn
        raise KeyError(name)

    def match(self, text: str, pos: int):
        """(recogniser name, match) of the first recogniser matching at `pos`, else None."""
        m = self.regex.match(text, pos)
        if m is None:
            return None
        # the recogniser's group encloses every group of its fragment, so it is the last to close
        return m.lastgroup, m
