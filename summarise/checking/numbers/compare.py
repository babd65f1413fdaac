"""Comparing the numbers of a source with those of a translation (or a summary).

Numbers are compared as multisets of normalised keys (see `Number.key`), in passes:
1. exact: equal keys ("3.000" and "3,000", "26. Februar" and "Feb. 26");
2. tolerant: one number's key is among the other's alternative readings ("26. Februar" and "the 26th",
   "14.30 Uhr" and "at 14.30", "50 Prozent" and "half"), matched as a maximum bipartite matching;
3. a time written "14:30" on one side and read as the two numbers 14 and 30 on the other;
4. what is left: an unmatched source number and an unmatched translation number near each other
   (same family: number, date, time, month) become one "altered" pair ("3.000 became 300");
   other unmatched hard numbers are "missing" or "unexpected"; unmatched soft ones are let go;
5. a bare "1" left over may be an article or "one" on the other side ("Phase 1" / "Phase One"):
   it is let go when the other text says ein/eine/one there (and has no number to pair it with).

Around the passes: a score on one side matches its two numbers written apart on the other ("7:2
Stimmen" / "7 votes to 2"; reversed next to each other, "3:1" / "1 3", it is altered); a measurement
matches its conversion ("5 km" / "3.1 miles", `units.converted_equal`); equal numbers in units of one
dimension but another magnitude are altered ("35 mm" / "35 cm", `units.units_conflict`); and a
candidate number that matched only as German notation ("12.345 euros") is reported as `notation`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .number import Number
from .units import converted_equal, units_conflict

PAIR_DISTANCE = 0.5  # how far apart (as a share of the text) a missing and an unexpected number may pair


@dataclass
class NumberDiff:
    matched: list[tuple[Number, Number]] = field(default_factory=list)
    altered: list[tuple[Number, Number]] = field(default_factory=list)
    missing: list[Number] = field(default_factory=list)  # hard source numbers absent from the candidate
    unexpected: list[Number] = field(default_factory=list)  # hard candidate numbers absent from the source
    let_go: list[Number] = field(default_factory=list)  # soft numbers without counterpart (not problems)
    # (source, candidate) pairs that are the same number but written in German notation in the candidate
    notation: list[tuple[Number, Number]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not (self.altered or self.missing or self.unexpected or self.notation)


def _weakly_equal(a: Number, b: Number) -> bool:
    return a.key in b.keys or b.key in a.keys


def _max_matching(left: list[Number], right: list[Number]) -> list[tuple[int, int]]:
    """Kuhn's augmenting paths: the lists are a handful of numbers, so this is instant."""
    adjacency = [[j for j, b in enumerate(right) if _weakly_equal(a, b)] for a in left]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacency[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(left)):
        if adjacency[i]:
            augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _split_time_rescue(
    times: list[Number], others: list[Number], matched: list, source_is_time: bool
) -> None:
    """A time on one side against "14" and "30" side by side on the other (a score-like "14:30")."""
    for t in [t for t in times if t.kind == "time"]:
        hours, minutes = divmod(round(t.value * 60), 60)
        for a, b in zip(others, others[1:], strict=False):
            if 0 <= b.start - a.end <= 1 and a.value in (hours, hours % 12 or 12) and b.value == minutes:
                matched.append((t, a) if source_is_time else (a, t))
                times.remove(t)
                others.remove(a)
                others.remove(b)
                break


def _renumbered_names(left: list[Number], right: list[Number], diff: NumberDiff) -> None:
    """One name on both sides with another number ("A3" / "A5", "ICE 578" / "ICE 587"): altered, before
    the number could be read as something else on the other side ("A2" as "zweiten")."""
    for s in [s for s in left if s.kind == "code" and s.unit]:
        for c in right:
            if c.kind == "code" and c.unit == s.unit:
                diff.altered.append((s, c))
                left.remove(s)
                right.remove(c)
                break


def _split_score_rescue(scores: list[Number], others: list[Number], diff: NumberDiff, source_is_score: bool) -> None:
    """A score on one side against its two numbers on the other: "7:2 Stimmen" / "7 votes to 2" match;
    reversed and side by side ("3:1" / "1 3") the score was altered."""
    for s in [s for s in scores if s.kind == "score"]:
        for a, b in zip(others, others[1:], strict=False):
            gap = b.start - a.end
            if not (0 <= gap <= 12) or a.kind == "score" or b.kind == "score":
                continue
            pair = (a.value, b.value)
            if pair == (s.value, s.second):
                diff.matched.append((s, a) if source_is_score else (a, s))
            elif pair == (s.second, s.value) and s.value != s.second and gap <= 3:
                diff.altered.append((s, a) if source_is_score else (a, s))
            else:
                continue
            scores.remove(s)
            others.remove(a)
            others.remove(b)
            break


def _conversions(left: list[Number], right: list[Number], matched: list) -> None:
    """ "5 Kilometer" / "3.1 miles", "30 Grad" / "86 degrees Fahrenheit", "30 Monate" / "2.5 years"."""
    for s in [s for s in left if s.unit]:
        for c in right:
            if (c.unit or s.unit == "‰") and converted_equal(s, c):
                matched.append((s, c))
                left.remove(s)
                right.remove(c)
                break


def _unit_conflicts(diff: NumberDiff) -> None:
    """Equal numbers, units of one dimension but another magnitude: "35 Millimeter" / "35 centimeters"."""
    kept = []
    for s, c in diff.matched:
        conflict = units_conflict(s, c) and not converted_equal(s, c)
        (diff.altered if conflict else kept).append((s, c))
    diff.matched[:] = kept


def _german_notation(s: Number, c: Number) -> bool:
    """The candidate is the source's number only as German notation ("12.345 euros" for 12.345 Euro)."""
    if c.foreign == "value":
        return True
    # "alt": the German reading (always 1,000 or more: "3.000") is among the alternatives
    return (
        c.foreign == "alt" and s.key != c.key and s.key[0] == "n" and abs(s.key[1]) >= 1000 and s.key in c.alts
    )


def _position(n: Number, length: int) -> float:
    return n.start / length if length else 0.0


_TAKE_LOOK = 8  # how many equal candidates `_take` weighs (a pathological text repeats one number thousands of times)


def _take(bucket: list[Number], s: Number, place: float = 0.0, length: int = 0) -> Number:
    """The candidate most like `s`: written alike (hard for hard, "2:2" with "2", not "two"), of the same kind,
    and near the same place in the text ("Sieben Siege in sieben Spielen … sieben Jahre" / "seven wins in the
    seventh game … seven years": the game's seven is the game's), weighed together."""
    best, best_cost = 0, None
    for i, c in enumerate(bucket[:_TAKE_LOOK]):
        cost = (c.soft != s.soft) * 0.5 + (c.kind != s.kind) * 0.3 + 2 * abs(place - _position(c, length))
        if best_cost is None or cost < best_cost:
            best, best_cost = i, cost
    return bucket.pop(best)


_ONE_KINDS = ("cardinal", "ordinal", "code")


def _drop_ones(numbers: list[Number], diff: NumberDiff, ones: int) -> list[Number]:
    kept = []
    for n in numbers:
        if ones and n.value == 1 and n.kind in _ONE_KINDS:
            ones -= 1
            diff.let_go.append(n)
        else:
            kept.append(n)
    return kept


# Above this many (unmatched source × unmatched candidate) numbers, pairing looks only at neighbours: the
# rest is cut into bands of BAND numbers by position, so a long text with many changed numbers (one line
# of megabytes, issue 27) is compared in linear time, not quadratic.
LOCAL_PAIRS = 4096
BAND = 48


def _bands(left: list[Number], right: list[Number], source_length: int, candidate_length: int):
    """(source numbers, candidate numbers) of consecutive stretches of the texts, by relative position."""
    left = sorted(left, key=lambda n: n.start)
    cuts = [_position(left[i], source_length) for i in range(BAND, len(left), BAND)]
    parts: list[list[Number]] = [[] for _ in range(len(cuts) + 1)]
    for c in right:
        parts[bisect_right(cuts, _position(c, candidate_length))].append(c)
    for i, part in enumerate(parts):
        yield left[i * BAND : (i + 1) * BAND], part


def _pair_rest(diff: NumberDiff, left: list[Number], right: list[Number], source_length: int,
               candidate_length: int) -> None:
    """The passes after the exact one, on the numbers still unpaired (both lists are used up)."""
    _renumbered_names(left, right, diff)
    if left and right:
        pairs = _max_matching(left, right)
        for i, j in pairs:
            diff.matched.append((left[i], right[j]))
        taken_l, taken_r = {i for i, _ in pairs}, {j for _, j in pairs}
        left = [n for i, n in enumerate(left) if i not in taken_l]
        right = [n for j, n in enumerate(right) if j not in taken_r]
    if left and right:
        _split_time_rescue(left, right, diff.matched, True)
        _split_time_rescue(right, left, diff.matched, False)
        _split_score_rescue(left, right, diff, True)
        _split_score_rescue(right, left, diff, False)
        _conversions(left, right, diff.matched)
    _pair_altered(diff, left, right, source_length, candidate_length)


def compare_numbers(
    source: list[Number],
    candidate: list[Number],
    *,
    source_length: int = 0,
    candidate_length: int = 0,
    source_ones: int | Callable[[], int] = 0,
    candidate_ones: int | Callable[[], int] = 0,
) -> NumberDiff:
    """`*_ones`: how many times the text says "one" in a way that is not extracted (ein, eine, one), which
    a bare "1" on the other side may translate ("Phase 1" / "Phase One", "von einem auf zwei" / "from 1 to 2");
    or a function counting them, called only where a bare 1 is left over (counting is a pass over the text)."""
    diff = NumberDiff()
    by_key: dict[tuple, list[Number]] = {}
    for c in candidate:
        by_key.setdefault(c.key, []).append(c)
    left: list[Number] = []
    # hard numbers first: "zweimal 2:2" must give the digits to the digits ("twice a 2:2")
    for s in sorted(source, key=lambda n: n.soft):
        bucket = by_key.get(s.key)
        if bucket:
            diff.matched.append((s, _take(bucket, s, _position(s, source_length), candidate_length)))
        else:
            left.append(s)
    right = [c for bucket in by_key.values() for c in bucket]
    right.sort(key=lambda n: n.start)
    if len(left) * len(right) <= LOCAL_PAIRS:
        _pair_rest(diff, left, right, source_length, candidate_length)
    else:
        for part_l, part_r in _bands(left, right, source_length, candidate_length):
            _pair_rest(diff, part_l, part_r, source_length, candidate_length)
    _unit_conflicts(diff)
    diff.notation = [(s, c) for s, c in diff.matched if _german_notation(s, c)]
    # Only a "1" nothing else explains is taken for a translated article: "3:0" → "3-1" stays an error.
    if candidate_ones and _has_one(diff.missing):
        diff.missing = _drop_ones(diff.missing, diff, _count(candidate_ones))
    if source_ones and _has_one(diff.unexpected):
        diff.unexpected = _drop_ones(diff.unexpected, diff, _count(source_ones))
    return diff


def _has_one(numbers: list[Number]) -> bool:
    """Whether `_drop_ones` may drop any of `numbers` (it drops only these)."""
    return any(n.value == 1 and n.kind in _ONE_KINDS for n in numbers)


def _count(ones: int | Callable[[], int]) -> int:
    return ones() if callable(ones) else ones


# Kinds whose word is the statement itself ("verdreifacht", "Hunderte", "ein Drittel"): when each side
# has exactly one of the kind left over, they are paired whatever their positions.
ALONE_PAIRED_KINDS = frozenset({"multiple", "vague", "fraction", "month"})




def _pair_altered(
    diff: NumberDiff, left: list[Number], right: list[Number], source_length: int, candidate_length: int
) -> None:
    options = []
    if left and right:  # (nothing to pair when a side is used up)
        left_kinds, right_kinds = Counter(n.kind for n in left), Counter(n.kind for n in right)
    for s in left if right else ():
        for c in right:
            if s.family != c.family:
                continue
            if s.soft and c.soft and s.kind != c.kind:
                continue  # "zweiten" and "three" are more likely paraphrase than error
            distance = abs(_position(s, source_length) - _position(c, candidate_length))
            if s.kind == c.kind in ALONE_PAIRED_KINDS and left_kinds[s.kind] == right_kinds[c.kind] == 1:
                # German puts the verb last ("hat sich binnen eines Jahres verdreifacht" / "has doubled
                # within a year"): the one factor of each side is the same statement wherever it stands.
                distance = 0.0
            if s.kind == c.kind and s.kind in ("code", "ordinal") and s.unit and s.unit == c.unit:
                distance = 0.0  # "A3" / "A5", "dritten Quartal" / "second quarter": one name, another number
            if s.kind != c.kind:
                distance += 0.25
            if s.soft or c.soft:
                distance += 0.1
            if distance <= PAIR_DISTANCE:
                options.append((distance, s.start, c.start, s, c))
    options.sort(key=lambda o: o[:3])
    used_s: set[int] = set()
    used_c: set[int] = set()
    for _, _, _, s, c in options:
        if id(s) in used_s or id(c) in used_c:
            continue
        used_s.add(id(s))
        used_c.add(id(c))
        diff.altered.append((s, c))
    for s in left:
        if id(s) not in used_s:
            (diff.let_go if s.soft else diff.missing).append(s)
    for c in right:
        if id(c) not in used_c:
            (diff.let_go if c.soft else diff.unexpected).append(c)


# Soft kinds a summary must not contradict: an ordinal, factor, vague quantity or score word is let go
# when the source has none of its kind, and reported when the source has one and it differs
# ("zum dritten Mal" / "for the second time", "verdoppelt" / "tripled", "Hunderte" / "thousands", "im Oktober"
# / "in November", "ein Viertel" / "a third").
_CONFLICTING_KINDS = ("ordinal", "multiple", "vague", "score", "month", "fraction")


def unsupported_numbers(source: list[Number], summary: list[Number]) -> list[Number]:
    """Summary numbers no source number supports. A number may be used any number of times; soft
    words are let go except spelled counts of three or more ("three ministers" must be in the source)
    and words of a kind the source has with another value (`_CONFLICTING_KINDS`)."""
    keys = set()
    for s in source:
        keys |= s.keys
    primaries = {s.key for s in source}
    source_kinds = {s.kind for s in source if s.kind in _CONFLICTING_KINDS}
    out = []
    for n in summary:
        if n.key in keys or primaries & n.keys:
            continue
        if n.soft and not (n.kind == "cardinal" and n.value >= 3) and n.kind not in source_kinds:
            continue
        out.append(n)
    return out
