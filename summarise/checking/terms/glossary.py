"""A glossary: German terms and the English each must become (or kept as they are), read from a TSV file.

Format, one entry per line: ``German term<TAB>English term``. An empty English side (``Bundesrat<TAB>``)
means do-not-translate: the term is kept as written. Lines starting with ``#`` and blank lines are
skipped; a UTF-8 byte-order mark and Windows line ends are accepted. Anything else is refused with
one line naming the file and the line (`GlossaryError`, exit 2): a line without exactly one tab, an
empty German side, a German term given two different translations, a file that is binary, not UTF-8,
missing or unreadable. Loading happens before any model does, so a typo costs nothing.

`Glossary.digest` hashes the entries (not comments or their order): it goes into the translation
signature and the translation-cache key, so changing an entry invalidates cached translations.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ...errors import InputError

MAX_BYTES = 10_000_000  # a glossary is a list of house terms, never a corpus


class GlossaryError(InputError):
    """A glossary file that cannot be used; the message names the file and, where one is at fault, the line."""


@dataclass(frozen=True)
class GlossaryEntry:
    german: str
    english: str  # "" = do-not-translate: the German term is kept as written
    line: int = 0  # where it was read (1-based; 0: built in code)

    @property
    def keep(self) -> bool:
        return not self.english

    @property
    def target(self) -> str:
        """What the English text must contain: the English term, or the German one when it is kept."""
        return self.english or self.german


@dataclass(frozen=True)
class Glossary:
    """Entries in file order (duplicates removed). Build with `load_glossary`, `parse_glossary` or
    `Glossary.of({"Bundeskanzler": "Chancellor", "Bundesrat": ""})`."""

    entries: tuple[GlossaryEntry, ...]
    name: str = "glossary"  # the file it came from, for messages
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @classmethod
    def of(cls, terms: dict[str, str], name: str = "glossary") -> Glossary:
        entries = [GlossaryEntry(_normal(g), _normal(e), 0) for g, e in terms.items()]
        if any(not e.german for e in entries):
            raise GlossaryError(f"{name}: a German term is empty")
        return cls(tuple(entries), name)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @cached_property
    def digest(self) -> str:
        """A short hash of the entries: same terms and translations, same digest, whatever the layout."""
        pairs = sorted((e.german, e.english) for e in self.entries)
        return hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode()).hexdigest()[:16]

    @property
    def matcher(self):
        """The compiled German and English matchers (summarise.checking.terms.matching), built once."""
        matcher = self._cache.get("matcher")
        if matcher is None:
            from .matching import TermMatcher

            matcher = self._cache["matcher"] = TermMatcher(self.entries)
        return matcher

    def check(self, source: str, candidate: str, *, block: int | None = None):
        """The `term` check of one unit (summarise.checking.terms.check_terms): a CheckReport."""
        from .check import check_terms

        return check_terms(source, candidate, self, block=block)

    def __getstate__(self):  # compiled matchers are rebuilt where the glossary is unpickled (Ray workers)
        return {"entries": self.entries, "name": self.name}

    def __setstate__(self, state) -> None:
        object.__setattr__(self, "entries", state["entries"])
        object.__setattr__(self, "name", state["name"])
        object.__setattr__(self, "_cache", {})


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def load_glossary(path: str | Path) -> Glossary:
    """Read and validate a glossary file; GlossaryError (one line, exit 2) when it cannot be used."""
    p = Path(path)
    shown = str(path)
    if not p.exists():
        raise GlossaryError(f"--glossary {shown}: no such file")
    if p.is_dir():
        raise GlossaryError(f"--glossary {shown} is a folder, not a glossary file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise GlossaryError(f"--glossary {shown} has {size:,} bytes, more than {MAX_BYTES:,}: is it a glossary?")
        data = p.read_bytes()
    except OSError as e:
        raise GlossaryError(f"--glossary {shown}: cannot read it ({e.strerror or e})") from e
    return parse_glossary(data, shown)


def parse_glossary(data: bytes | str, name: str = "glossary") -> Glossary:
    """Entries of a glossary's bytes (or text); `name` is used in messages."""
    text = _decode(data, name) if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")
    entries: dict[str, GlossaryEntry] = {}
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 2:
            if len(columns) == 1:
                why = "has no tab: write German TAB English (German TAB, with nothing after it, keeps the term)"
            else:
                why = f"has {len(columns)} columns: expected 2, German TAB English"
            raise GlossaryError(f"{name}: line {number} {why}")
        german, english = _normal(columns[0]), _normal(columns[1])
        if not german:
            raise GlossaryError(f"{name}: line {number} has an empty German term")
        if not any(ch.isalnum() for ch in german):
            raise GlossaryError(f"{name}: line {number}: the German term {german!r} has no letters or digits")
        earlier = entries.get(german)
        if earlier is not None:
            if earlier.english != english:
                raise GlossaryError(
                    f"{name}: line {number} translates {german!r} as {_shown(english)}, but line {earlier.line} "
                    f"as {_shown(earlier.english)}: keep one"
                )
            continue
        entries[german] = GlossaryEntry(german, english, number)
    return Glossary(tuple(entries.values()), name)


def _shown(english: str) -> str:
    return repr(english) if english else "kept as it is (empty English side)"


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise GlossaryError(f"{name}: line {line} holds a NUL byte: a glossary is a UTF-8 text file (German TAB English)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise GlossaryError(f"{name}: line {line} is not UTF-8 text: save the glossary as UTF-8") from None
