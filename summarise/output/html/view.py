"""What a review page shows, as plain data: rows of text cut into pieces, numbers marked and paired.

The templates only lay this out; every decision (which number pairs with which, what is a problem,
what a hover says) is made here from the checker's reports, so it can be tested without HTML.
Spans are offsets into the text of the unit that was checked (a block, a line, a whole text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...checking.report import match_text
from ...document import block_index
from ...language.english import plural

PALETTE = 6  # pair colours, cycled within a row so neighbouring pairs differ

PROBLEM_LABELS = {
    "missing": "Missing number",
    "unexpected": "Number not in the source",
    "altered": "Changed number",
    "notation": "German number notation",
    "unsupported": "Number the article does not support",
    "omission": "Text may be missing",
    "repetition": "Repetition",
    "untranslated": "German left untranslated",
    "name": "Name",
    "term": "Glossary term not used",
}
NUMBER_PROBLEMS = frozenset({"missing", "unexpected", "altered", "notation", "unsupported"})
_SOURCE_SIDE = frozenset({"missing", "altered", "notation"})  # problems that flag the German number
_TARGET_SIDE = frozenset({"unexpected", "altered", "notation", "unsupported"})  # ... the English one
LET_GO = "not compared one to one: a spelled-out or vague number with no counterpart is not an error"
NAME_LET_GO = "a name"

# Characters that are invisible or reorder text (Trojan-Source style bidi overrides): shown as
# visible labels, so what the editor sees is what the text contains.
_BIDI_AND_INVISIBLE = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2070)]
    + ["\u061c", "\ufeff", "\u00ad", "\u180e", "\ufff9", "\ufffa", "\ufffb"]
)
# One C-level scan for any of them or a control character (Cc but tab and newline): most text has none,
# and names as well as numbers now cut a row into many pieces.
_MAY_HIDE = re.compile("[" + "".join(sorted(_BIDI_AND_INVISIBLE)) + "\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Invisible:
    """A control or invisible character, rendered as a visible label such as ⟨U+202E⟩."""

    char: str

    @property
    def label(self) -> str:
        return f"⟨U+{ord(self.char):04X}⟩"

    @property
    def name(self) -> str:
        return unicodedata.name(self.char, "control character")


@dataclass
class Segment:
    """A run of text; `mark` set when it is a number."""

    pieces: list  # str | Invisible
    mark: Mark | None = None

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.char for p in self.pieces)


@dataclass
class Mark:
    side: str  # "de" | "en"
    number: object  # the checker's Number
    status: str = "loose"  # ok | bad | loose
    pair: str | None = None  # shared by the numbers that are the same number (or an altered pair)
    colour: int = 0
    tip: str = LET_GO  # how it matched, or what is wrong, in words
    ref: str = ""  # stable id of this number on the page

    @property
    def kind(self) -> str:
        return getattr(self.number, "kind", "cardinal")


@dataclass
class ProblemView:
    kind: str
    label: str
    message: str
    pair: str | None = None


@dataclass
class Row:
    number: int  # 1-based, as people count blocks
    kind: str  # title | heading | paragraph | line | text
    source: list[Segment]
    target: list[Segment]
    problems: list[ProblemView] = field(default_factory=list)
    repair: str | None = None
    notes: list[str] = field(default_factory=list)
    verified: int = 0
    marks: list[Mark] = field(default_factory=list)
    terms: int = 0  # glossary terms found in both texts

    @property
    def status(self) -> str:
        return "bad" if self.problems else ("repaired" if self.repair else "ok")


@dataclass
class Unit:
    """One checked unit's inputs: texts, the numbers found in each, matched pairs and problems."""

    source: str
    target: str
    source_numbers: list
    target_numbers: list
    pairs: list
    problems: list
    kind: str = "paragraph"
    repair: str | None = None
    notes: list[str] = field(default_factory=list)
    term_pairs: list = field(default_factory=list)  # glossary terms (summarise.checking.terms.TermPair)
    # Names (checking.names.Name) of each side and the matched pairs, marked like numbers.
    source_names: list = field(default_factory=list)
    target_names: list = field(default_factory=list)
    name_pairs: list = field(default_factory=list)


class PairIds:
    """Page-wide pair identifiers: p1, p2, ..."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"p{self.count}"


# --- text pieces ---------------------------------------------------------------------------------


def pieces(text: str) -> list:
    """`text` split so that invisible and bidi control characters stand alone as `Invisible`."""
    if not _MAY_HIDE.search(text):
        return [text] if text else []
    out: list = []
    run: list[str] = []
    for ch in text:
        if ch in _BIDI_AND_INVISIBLE or _is_control(ch):
            if run:
                out.append("".join(run))
                run = []
            out.append(Invisible(ch))
        else:
            run.append(ch)
    if run:
        out.append("".join(run))
    return out


def _is_control(ch: str) -> bool:
    return ch not in "\n\t" and unicodedata.category(ch) == "Cc"


def segments(text: str, marks: Sequence[tuple[int, int, Mark]]) -> list[Segment]:
    """`text` cut at the marks' spans (start, end); overlapping or out-of-range spans are skipped."""
    out: list[Segment] = []
    at = 0
    for start, end, mark in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            out.append(Segment(pieces(text[at:start])))
        out.append(Segment(pieces(text[start:end]), mark))
        at = end
    if at < len(text):
        out.append(Segment(pieces(text[at:])))
    return out


def locate(text: str, number) -> tuple[int, int] | None:
    """The number's span in `text`: its recorded offsets when they cut out its text, else where its
    text first occurs (a report built on slightly different whitespace), else None."""
    start, end, written = getattr(number, "start", None), getattr(number, "end", None), getattr(number, "text", "")
    if isinstance(start, int) and isinstance(end, int) and text[start:end] == written:
        return start, end
    found = text.find(written) if written else -1
    return (found, found + len(written)) if found >= 0 else None


# --- rows ----------------------------------------------------------------------------------------


def build_row(number: int, unit: Unit, ids: PairIds) -> Row:
    """One block's row: every number of both texts marked, pairs sharing an id, problems attached."""
    src_marks = {id(n): Mark("de", n, ref=f"b{number}-de-{i}") for i, n in enumerate(unit.source_numbers)}
    tgt_marks = {id(n): Mark("en", n, ref=f"b{number}-en-{i}") for i, n in enumerate(unit.target_numbers)}
    colour = 0
    for s, c in unit.pairs:
        sm, cm = src_marks.get(id(s)), tgt_marks.get(id(c))
        if sm is None or cm is None:
            continue
        pair = ids.next()
        for m in (sm, cm):
            m.status, m.pair, m.colour, m.tip = "ok", pair, colour % PALETTE, match_text(s, c)
        colour += 1
    src_names = {id(n): Mark("de", n, ref=f"b{number}-de-n{i}", tip=NAME_LET_GO) for i, n in enumerate(unit.source_names)}
    tgt_names = {id(n): Mark("en", n, ref=f"b{number}-en-n{i}", tip=NAME_LET_GO) for i, n in enumerate(unit.target_names)}
    for s, c in unit.name_pairs:
        sm, cm = src_names.get(id(s)), tgt_names.get(id(c))
        if sm is None or cm is None:
            continue
        pair = ids.next()
        for m in (sm, cm):
            m.status, m.pair, m.colour, m.tip = "ok", pair, colour % PALETTE, f"{s.text} = {c.text}"
        colour += 1
    problems = []
    for p in unit.problems:
        kind = getattr(p, "kind", "problem")
        view = ProblemView(kind, PROBLEM_LABELS.get(kind, kind.capitalize()), getattr(p, "message", str(p)))
        if kind == "name":
            sm = _at(unit.source_names, src_names, getattr(p, "source_start", None), getattr(p, "source", None))
            cm = _at(unit.target_names, tgt_names, getattr(p, "candidate_start", None), getattr(p, "candidate", None))
            flagged = [m for m in (sm, cm) if m]
            if flagged:
                view.pair = ids.next()
                for m in flagged:
                    m.status, m.pair, m.tip = "bad", view.pair, f"{view.label}: {view.message}"
            problems.append(view)
            continue
        sm = _at(unit.source_numbers, src_marks, getattr(p, "source_start", None), getattr(p, "source", None))
        cm = _at(unit.target_numbers, tgt_marks, getattr(p, "candidate_start", None), getattr(p, "candidate", None))
        if kind in NUMBER_PROBLEMS:
            flagged = [m for m in (sm if kind in _SOURCE_SIDE else None, cm if kind in _TARGET_SIDE else None) if m]
            if flagged:
                view.pair = ids.next()
                for m in flagged:
                    m.status, m.pair, m.tip = "bad", view.pair, f"{view.label}: {view.message}"
        problems.append(view)
    marks = list(src_marks.values()) + list(tgt_marks.values())
    verified = len({m.pair for m in marks if m.status == "ok"})  # a pair a problem flags is not verified
    # Names only where they neither overlap a number (numbers win: "A7") nor go unpaired and unflagged.
    names = [m for m in (*src_names.values(), *tgt_names.values()) if m.status != "loose"]
    src_spans = _spans(unit.source, [*src_marks.values(), *(m for m in names if m.side == "de")])
    tgt_spans = _spans(unit.target, [*tgt_marks.values(), *(m for m in names if m.side == "en")])
    term_marks = _term_marks(number, unit, problems, ids, colour)
    for side, spans, text in (("de", src_spans, unit.source), ("en", tgt_spans, unit.target)):
        spans += _clear_of(spans, _spans(text, [m for m in term_marks if m.side == side]))
    return Row(
        number,
        unit.kind,
        segments(unit.source, src_spans),
        segments(unit.target, tgt_spans),
        problems,
        unit.repair,
        list(unit.notes),
        verified,
        marks + names + term_marks,
        len(unit.term_pairs),
    )


def _term_marks(number: int, unit: Unit, problems: list[ProblemView], ids: PairIds, colour: int) -> list[Mark]:
    """Glossary terms paired like numbers (a term the translation lacks: its German side flagged)."""
    marks = []
    for i, pair in enumerate(unit.term_pairs):
        pid = ids.next()
        for side, occurrence in (("de", pair.source), ("en", pair.candidate)):
            marks.append(Mark(side, occurrence, "ok", pid, colour % PALETTE, pair.match, f"b{number}-{side}-t{i}"))
        colour += 1
    for i, (p, view) in enumerate(zip(unit.problems, problems, strict=True)):
        if view.kind == "term" and getattr(p, "source_start", None) is not None:
            from ...checking.terms.matching import TermOccurrence

            view.pair = ids.next()
            occurrence = TermOccurrence(-1, p.source, p.source_start, p.source_end, "de")
            marks.append(Mark("de", occurrence, "bad", view.pair, 0, f"{view.label}: {view.message}", f"b{number}-de-m{i}"))
    return marks


def _clear_of(taken: list[tuple[int, int, Mark]], spans: list[tuple[int, int, Mark]]) -> list[tuple[int, int, Mark]]:
    """`spans` that overlap none of `taken` (a number inside a term, "G7-Gipfel", keeps its own mark)."""
    return [s for s in spans if all(s[1] <= t[0] or s[0] >= t[1] for t in taken)]


def _at(numbers: list, marks: dict, start: int | None, written: str | None) -> Mark | None:
    """The mark of the number a problem names: by its span start, else by its text."""
    if start is not None:
        for n in numbers:
            if getattr(n, "start", None) == start:
                return marks[id(n)]
    if written:
        for n in numbers:
            if getattr(n, "text", None) == written and marks[id(n)].status != "bad":
                return marks[id(n)]
    return None


def _spans(text: str, marks: Iterable[Mark]) -> list[tuple[int, int, Mark]]:
    out = []
    for m in marks:
        span = locate(text, m.number)
        if span:
            out.append((span[0], span[1], m))
    return out


def units_of_report(report, sources: Sequence[str], targets: Sequence[str], kinds: Sequence[str] | None = None) -> list[Unit]:
    """A combined CheckReport split back into its units by the `block` its numbers and problems carry."""
    count = len(sources)
    units = [
        Unit(s, t, [], [], [], [], (kinds[i] if kinds and i < len(kinds) else "paragraph"))
        for i, (s, t) in enumerate(zip(sources, targets, strict=True))
    ]

    def unit_of(block) -> Unit | None:  # `block` is the number people read; None: the whole text
        index = 0 if block is None else block_index(block) if isinstance(block, int) else None
        return units[index] if isinstance(index, int) and 0 <= index < count else None

    for n in report.source_numbers:
        if (u := unit_of(getattr(n, "block", None))) is not None:
            u.source_numbers.append(n)
    for n in report.candidate_numbers:
        if (u := unit_of(getattr(n, "block", None))) is not None:
            u.target_numbers.append(n)
    for s, c in getattr(report, "pairs", []):
        if (u := unit_of(getattr(s, "block", None))) is not None:
            u.pairs.append((s, c))
    for n in getattr(report, "source_names", []):
        if (u := unit_of(getattr(n, "block", None))) is not None:
            u.source_names.append(n)
    for n in getattr(report, "candidate_names", []):
        if (u := unit_of(getattr(n, "block", None))) is not None:
            u.target_names.append(n)
    for s, c in getattr(report, "name_pairs", []):
        if (u := unit_of(getattr(s, "block", None))) is not None:
            u.name_pairs.append((s, c))
    for p in report.problems:
        (unit_of(getattr(p, "block", None)) or units[0]).problems.append(p)
    for pair in getattr(report, "terms", None) or []:
        if (u := unit_of(pair.source.block)) is not None:
            u.term_pairs.append(pair)
    return units


# --- verdicts ------------------------------------------------------------------------------------


def join_words(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def verdict(rows: Sequence[Row], *, extra_problems: int = 0, extra_where: str = "", unit_word: str = "block") -> tuple[bool, str]:
    """(passed, "All 14 numbers verified" / "2 problems in blocks 4 and 9")."""
    bad = [r for r in rows if r.problems]
    count = sum(len(r.problems) for r in bad) + extra_problems
    if not count:
        verified = sum(r.verified for r in rows)
        loose = sum(1 for r in rows for m in r.marks if m.side == "de" and m.status == "loose" and m.kind != "term")
        text = {0: "No numbers to verify", 1: "1 number verified"}.get(verified, f"All {verified} numbers verified")
        if loose:
            text += f" ({plural(loose, 'spelled-out number')} without a counterpart, not errors)"
        terms = sum(r.terms for r in rows)
        if terms:
            text += f"; {plural(terms, 'glossary term')} used"
        return True, text
    where = []
    if bad:
        where.append(f"{unit_word}{'s' if len(bad) > 1 else ''} " + join_words([str(r.number) for r in bad]))
    if extra_problems and extra_where:
        where.append(extra_where)
    return False, f"{plural(count, 'problem')} in {join_words(where)}"
