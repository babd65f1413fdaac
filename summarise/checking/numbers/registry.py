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
from functools import lru_cache
from re import _constants, _parser

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


@dataclass
class TokenRegistry(Registry):
    """Digit-token recognisers, each registered with what it can take, so that `first` tries only those a
    token allows — the others would return False on it without looking further (tests/test_check_fastpaths.py
    tries each on every token it is spared):

    * `shape`: "digits" (plain digits, "2018"), "short" (one or two plain digits, "26") or the separators one
      of which the token must contain (":" for a clock time or a score, "./" for a numeric date);
    * `after`: the characters that may stand right after the token (" " for any white space), read from the
      pattern the recogniser matches there ("-fach", ". März", " Uhr")."""

    shapes: dict[str, tuple[str | None, frozenset[str] | None]] = field(default_factory=dict)
    _afters: frozenset[str] = frozenset()  # every character some `after` names: the others all read alike
    _chains: dict = field(default_factory=dict)

    def register(
        self, name: str, shape: str | None = None, after: str | frozenset[str] | None = None
    ) -> Callable[[Callable], Callable]:
        add = super().register(name)

        chars = None if after is None else frozenset(after)
        if chars is not None and any(ch.isspace() and ch != " " for ch in chars):
            raise ValueError(f'{name}: " " stands for any white space after a token')

        def add_shaped(fn: Callable) -> Callable:
            add(fn)
            self.shapes[name] = (shape, chars)
            self._afters |= chars or frozenset()
            self._chains.clear()
            return fn

        return add_shaped

    def key(self, text: str, tok: str, end: int) -> tuple:
        """What `takes` reads of a token: (its shape — 1: one or two plain digits, 2: more, else which of "/",
        ":", "." it contains —, the character after it: " " for white space, "" for one no `after` names)."""
        nxt = text[end : end + 1]
        if nxt not in self._afters:
            nxt = " " if nxt.isspace() else ""
        return ((1 if len(tok) <= 2 else 2) if tok.isdigit() else ("/" in tok, ":" in tok, "." in tok)), nxt

    def first(self, text: str, tok: str, start: int, end: int, out: list) -> str | None:
        key = self.key(text, tok, end)
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = tuple((n, fn) for n, fn in self.items if self.takes(n, key))
        for name, fn in chain:
            if fn(text, tok, start, end, out):
                return name
        return None

    def takes(self, name: str, key) -> bool:
        """Whether recogniser `name` may take a token of `key` (see `key`)."""
        shape, after = self.shapes.get(name, (None, None))
        kind, nxt = key
        if after is not None and nxt not in after:
            return False
        if shape is None:
            return True
        if shape in ("digits", "short"):
            return kind == 1 or (kind == 2 and shape == "digits")
        return isinstance(kind, tuple) and any(has for sep, has in zip("/:.", kind, strict=True) if sep in shape)


# What may stand between a number and the word after it ("5 Prozent", "5-prozentig", "3\u00a0000 Euro").
SEPARATORS = r"[\s\u00a0\u202f-]*"
# What follows a number: the separators, then the word of letters and digits there (the two tests of `Followers`).
_FOLLOWING = re.compile(rf"{SEPARATORS}([^\W_]*)")
_WORD_CHAR = re.compile(r"[^\W_]")


def _latin(word: str) -> bool:
    """Latin-1 without "µ": there a case-insensitive regex compares letters as `str.lower` does ("µ" is also
    Greek "μ"; "ı", "ſ", the Kelvin sign lie beyond Latin-1)."""
    return word.isascii() or (max(word) < "\u0100" and "µ" not in word)


@lru_cache(maxsize=1)
def _bmp() -> str:
    return "".join(map(chr, range(0x10000)))


@lru_cache(maxsize=512)
def _matching(char: str) -> frozenset[str]:
    """Every BMP character the regex engine takes for `char` case-insensitively ("k": "K", "k" and the Kelvin
    sign; "s": "ſ"; "µ": "μ"). Beyond the BMP no character is the case of one within it."""
    return frozenset(re.findall(f"[{re.escape(char)}]", _bmp(), re.I))


def opening_chars(fragment: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of `fragment` can begin with, as the engine compares them (both cases for a
    case-sensitive fragment too: a superset); None: any character."""
    chars = first_chars(fragment, flags)
    return None if chars is None else frozenset().union(*map(_matching, chars))


class Followers:
    """What the patterns that read the word after a number ("5 Prozent", "3 km", "2 Mio.") can begin with, as
    a test of the word past the separators after it: most numbers are followed by a word none of them reads
    ("35 Menschen", "2018 waren"), and trying each pattern there (125 units in one) costs more than the rest.

    Built from the patterns' alternatives, each `(fragment, bounded)` — bounded: the pattern forbids a letter
    or a digit right after the fragment. A fragment that opens with letters or digits written out ("Mio" of
    "Mio\\.?") matches only where the word begins with them — where it is exactly them if the fragment ends
    there (bounded) or goes on with another character ("km" of "km/h"). One that opens with another
    character ("%", "€") matches only where there is no word, before that character. `may` says False only
    where no fragment can match; the patterns themselves decide the rest."""

    def __init__(self, fragments, flags: int):
        if not flags & re.I:
            raise ValueError("the word test compares lower-cased words: for case-insensitive patterns")
        whole, starts, signs = set(), set(), set()
        for fragment, bounded in fragments:
            items = list(_parser.parse(fragment, flags))
            while len(items) == 1 and items[0][0] is _constants.SUBPATTERN:  # a group around it all
                items = list(items[0][1][3])
            lead = ""
            for op, av in items:
                if op is not _constants.LITERAL or not _WORD_CHAR.fullmatch(chr(av)):
                    break
                lead += chr(av)
            rest = items[len(lead) :]
            if not lead:
                chars = opening_chars(fragment, flags)
                if chars is None or any(_WORD_CHAR.match(ch) or ch.isspace() or ch == "-" for ch in chars):
                    raise ValueError(f"no word test for what may begin {fragment!r}")
                signs |= chars
            elif not _latin(lead):
                raise ValueError(f"no word test for {fragment!r}")
            elif (bounded and not rest) or (rest and rest[0][0] is _constants.LITERAL):
                whole.add(lead.lower())
            else:
                starts.add(lead.lower())
        self.whole, self.starts, self.signs = frozenset(whole), tuple(sorted(starts)), frozenset(signs)

    def may(self, text: str, pos: int) -> bool:
        """Whether one of the patterns may match at `pos` (False: none can)."""
        m = _FOLLOWING.match(text, pos)
        word = m[1]
        if not word:
            sign = text[m.end() : m.end() + 1]
            return sign in self.signs or sign > "\uffff"  # (`opening_chars` lists the BMP)
        if not (word.isascii() or _latin(word)):
            return True
        word = word.lower()
        return word in self.whole or word.startswith(self.starts)
