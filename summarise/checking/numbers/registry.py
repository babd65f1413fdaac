"""Recognisers: small named functions, one per notation, tried in order — a registry, not an if-chain.

Each language module keeps three registries:

* `tokens`: recognisers for one digit token ("3.000", "14:30", "26.", "A7"), tried in order until one
  takes the token (returns True); the last, `quantity`, takes any number.
* `words`: recognisers for number words and phrases ("drei", "verdoppelt", "Hunderte", "goalless").
  Each registers a regex fragment and the words it may start with; the fragments are joined into one
  regex (one named group per recogniser, in registration order) that runs only where a start word is —
  per first character, only with the recognisers whose fragment can begin with it.
* `context`: recognisers that read what stands around numbers already found and refine them (a sign
  before, "abends" after a time, a name before the digits, "2 Jahre und 6 Monate" read as one).

A new notation is one recogniser here and one row in the case tables (tests/test_check_cases.py);
each registry's order is listed by `names()` and tested in tests/test_recognisers.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .common import fold


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
    _by_first: tuple | None = None

    def register(self, name: str, fragment: str, starts: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
        def add(fn: Callable) -> Callable:
            if any(n == name for n, *_ in self.items):
                raise ValueError(f"word recogniser {name!r} is registered twice")
            self.items.append((name, fragment, tuple(starts), fn))
            self._regex = self._by_first = None
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
        """(recogniser name, match) of the first recogniser matching at `pos`, else None.

        Only the recognisers whose fragment can begin with the character at `pos` are tried (one regex of
        them per character, in registration order): the others fail there anyway, and trying each costs."""
        if self._by_first is None:
            self._by_first = self._dispatch()
        table, rest = self._by_first
        regex = table.get(text[pos : pos + 1], rest)
        m = regex.match(text, pos) if regex is not None else None
        if m is None:
            return None
        # the recogniser's group encloses every group of its fragment, so it is the last to close
        return m.lastgroup, m

    def _dispatch(self) -> tuple[dict[str, re.Pattern | None], re.Pattern | None]:
        """(character → regex of the recognisers that may start with it, regex of those that may start
        with anything). Every character that folds onto a first character (see `fold`: "D" and "d", "ı" and
        "i") is a key, so a look-up needs no folding; case mappings onto letters stay within the BMP."""
        firsts = [(item, first_chars(fragment, self.flags)) for item in self.items for fragment in (item[1],)]

        def compiled(items) -> re.Pattern | None:
            if not items:
                return None
            body = "\n| ".join(f"(?P<{name}>{fragment})" for name, fragment, _, _ in items)
            return re.compile(rf"\b(?:{body})", self.flags)

        keys = {ch for _, chars in firsts if chars is not None for ch in chars}
        by_key = {ch: compiled([item for item, chars in firsts if chars is None or ch in chars]) for ch in keys}
        table = {ch: by_key[key] for ch in map(chr, range(0x10000)) if (key := fold(ch)) in by_key}
        return table, compiled([item for item, chars in firsts if chars is None])


def first_chars(fragment: str, flags: int = 0) -> frozenset[str] | None:
    """The characters (folded, see `fold`) a match of `fragment` can begin with; None: any character (or
    the empty match). Read from the parsed regex: literals and sets of literals are known, anything else
    (a class such as \\w, a negated set) may be any character."""
    from re import _constants as c
    from re import _parser

    def seq(items) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            chars, nullable = one(op, av)
            if chars is None:
                return None, False
            out |= chars
            if not nullable:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[str] | None, bool]:
        if op is c.LITERAL:
            return {fold(chr(av))}, False
        if op is c.IN:
            chars: set[str] = set()
            for iop, iav in av:
                if iop is c.LITERAL:
                    chars.add(fold(chr(iav)))
                elif iop is c.RANGE and iav[1] - iav[0] < 256:
                    chars |= {fold(chr(x)) for x in range(iav[0], iav[1] + 1)}
                else:  # NEGATE, CATEGORY, wide ranges
                    return None, False
            return chars, False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True  # zero-width: the next item starts the match
        if op is c.SUBPATTERN:
            return seq(av[3])
        if op is c.ATOMIC_GROUP:
            return seq(av)
        if op is c.BRANCH:
            chars, nullable = set(), False
            for alternative in av[1]:
                sub, sub_nullable = seq(alternative)
                if sub is None:
                    return None, False
                chars |= sub
                nullable = nullable or sub_nullable
            return chars, nullable
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, sub = av
            chars, nullable = seq(sub)
            return chars, nullable or low == 0
        return None, False  # ANY, NOT_LITERAL, group references, conditionals: any character

    chars, nullable = seq(_parser.parse(fragment, flags))
    return None if chars is None or nullable else frozenset(chars)


def gated(pattern: re.Pattern) -> re.Pattern:
    """`pattern` behind a look-ahead for the characters its matches can begin with (`first_chars`, in either
    case): Python's engine skips ahead by a pattern's first characters only when it opens with a literal or
    a set, not with \\b or a look-around, so a search of "\\b(?:rose|fell|...)" tries every alternative at
    every position; gated, each position costs one set test. Same matches, same groups; `pattern` itself
    where its first characters are not known."""
    chars = first_chars(pattern.pattern, pattern.flags)
    if chars is None:
        return pattern
    # (?i:...) makes the set a superset for a case-sensitive pattern too ("Plus" and "plus" both pass it)
    charset = "".join(re.escape(ch) for ch in sorted(chars))
    return re.compile(f"(?=(?i:[{charset}]))(?:{pattern.pattern})", pattern.flags)
