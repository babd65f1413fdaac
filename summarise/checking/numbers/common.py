"""Steps both extractors share: value checks, spans that overlap, abbreviated second years."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from operator import attrgetter

from .number import Number, norm

_YEAR_JOIN = re.compile(r"\s?[/\-–]\s?")


# Spelled-out counts up to this are soft: "zwei" is often "both" or "a couple", "one" a pronoun.
# From three on, a spelled count is a count and must survive like a digit ("acht Prozent" → "8 percent").
SOFT_SPELLED_MAX = 2
# Round words that are often vague ("hundert Mal gesagt", "a thousand thanks").
VAGUE_ROUND = (100.0, 1000.0)


def spelled_soft(value: float, kind: str = "cardinal", scaled: bool = False) -> bool:
    if scaled or kind == "percent":
        return False
    return value <= SOFT_SPELLED_MAX or value in VAGUE_ROUND


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*[\"'„“”‘’»«(\[-]*)\s*$")


def mid_sentence_capital(text: str, start: int) -> bool:
    """A capitalised number word inside a sentence is a name: "Sieben Linden", "die Elf", "on Ten"."""
    return text[start].isupper() and not _SENTENCE_START.search(text, max(0, start - 6), start)


def space_before(text: str, start: int) -> bool:
    """Whether a look-behind pattern ending in `\\s$` (searched with endpos `start`) can match: the character
    before `start` is white space. A cheap test before the regex search, which tries every position."""
    return start > 0 and text[start - 1].isspace()


def name_before(text: str, start: int, openers: str) -> str | None:
    """The word a look-behind `(?<=[\\s<openers>])(word)\\s$` searched in the 30 characters before `start`
    can read, lower case: the end of the token before the space at `start` - 1, after its last opener.
    None when that cannot be told without the regex (a newline there, where `$` also matches). A name word
    is looked up with it before the search."""
    if text[start - 1] == "\n":
        return None
    low = max(0, start - 30)
    space = text.rfind(" ", low, start - 1)
    last = text[space + 1 if space >= 0 else low : start - 1]
    if last.isalpha():  # the usual case, "um 5": a plain word after a space is the token, with no opener in it
        return last.lower()
    token = text[low : start - 1].rsplit(None, 1)
    if not token:
        return ""
    last = token[-1]
    return last[max(last.rfind(ch) for ch in openers) + 1 :].lower()


def word_before(text: str, start: int) -> bool:
    """Whether a look-behind pattern ending in a letter or "-" and `$` (endpos `start`) can match: not after
    white space (a newline excepted: `$` also matches before a final one) or at the start."""
    return start > 0 and (not text[start - 1].isspace() or text[start - 1] == "\n")


def sign_before(text: str, start: int, signs: frozenset[str]) -> bool:
    """Whether a currency sign of `signs` (the last characters of the signs a `(…)\\s?$` pattern reads) ends
    in the three characters before `start` — where such a sign must end."""
    return not signs.isdisjoint(text[max(0, start - 3) : start])


def clock_parts(parts: list[str]) -> tuple[int, int] | None:
    """(hours, minutes) when `parts` ("14", "30") read as a clock time, else None."""
    if len(parts) != 2 or len(parts[1]) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
        return None
    hours, minutes = int(parts[0]), int(parts[1])
    return (hours, minutes) if valid_time(hours, minutes) else None


def valid_time(hours: int, minutes: int) -> bool:
    return 0 <= hours <= 24 and 0 <= minutes < 60


def valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def full_year(two_digits: int) -> int:
    """'18 in a numeric date is 2018; '98 is 1998 (news rarely dates beyond 2040)."""
    return 2000 + two_digits if two_digits <= 40 else 1900 + two_digits


class Taken:
    """The spans numbers already hold, asked "does [start, end) overlap one?" in O(log n) — a scan of every
    earlier number made one long line quadratic (issue 27). The digit numbers are indexed by start with a
    running maximum of their ends; word numbers are found in text order, so the furthest end among them
    decides (each starts at or before the span asked about)."""

    __slots__ = ("_starts", "_reach", "_words_end")

    def __init__(self, numbers: list[Number]) -> None:
        ordered = sorted(numbers, key=lambda n: n.start)
        self._starts = [n.start for n in ordered]
        self._reach = list(accumulate((n.end for n in ordered), max))
        self._words_end = -1

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        return (i > 0 and self._reach[i - 1] > start) or self._words_end > start

    def add(self, number: Number) -> None:
        """A number found after the indexed ones, at or after every span asked about so far."""
        self._words_end = max(self._words_end, number.end)


def trie_pattern(words) -> str:
    """A regex alternation of `words` shaped as a trie ("t(?:en|hree|w(?:elve|o))"): Python's regex engine
    tries alternatives one by one, so sharing prefixes makes a scan over every word several times faster."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def candidate_words(text: str, candidates: re.Pattern, starts: re.Pattern | None = None):
    """Where a number word may start: `candidates` (lower-case literals) over the lower-cased text.

    The detailed, case-insensitive number-word regex then runs only there: matching it at every word
    boundary costs ten times more, and this scan is most of the checker's time on real text.

    `starts`: a faster pattern that finds every place where `candidates` can match, and some more;
    `candidates` is then matched only there, with `finditer`'s results."""
    lower = text.lower()
    if len(lower) != len(text):  # a rare character whose lower case is longer: keep offsets right
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    if starts is None:
        return candidates.finditer(lower)
    return _matches_at(lower, candidates, starts)


def _matches_at(lower: str, candidates: re.Pattern, starts: re.Pattern):
    pos = 0
    while (hit := starts.search(lower, pos)) is not None:
        m = candidates.match(lower, hit.start())
        if m is None:
            pos = hit.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


def add_fraction(text: str, parts: list[str], start: int, end: int, out: list[Number]) -> bool:
    """ "1/2", "3 1/2": a written fraction (added to the whole number before it); False if it is none."""
    if not all(p.isascii() and p.isdigit() for p in parts):
        return False
    numerator, denominator = int(parts[0]), int(parts[1])
    if not (0 < numerator < denominator <= 10):
        return False
    value = numerator / denominator
    prev = out[-1] if out else None
    if prev is not None and prev.end == start - 1 and text[prev.end] == " " and prev.kind == "cardinal":
        prev.value += value
        prev.text, prev.end = text[prev.start : end], end
    else:
        out.append(Number(value, text[start:end], start, end, "fraction"))
    return True


def share_units(numbers: list[Number], text: str, joiner: re.Pattern) -> None:
    """ "325 und 340 Millionen Dollar", "um 11, 13 und 15 Uhr", "from 4.2 to 4.1 billion": the scale or
    the time of the last number of a list or range also reads onto the bare numbers before it."""
    carried: tuple | None = None
    for i in range(len(numbers) - 1, 0, -1):
        a, b = numbers[i - 1], numbers[i]
        if b.unit and a.unit is None and a.kind == b.kind == "cardinal" and joiner.fullmatch(text, a.end, b.start):
            a.unit = b.unit  # "1,65 bis 1,70 Meter", "25 to 30 kilograms"
        own = ("time",) if b.kind == "time" else ("scale", b.scale) if b.scale != 1 else None
        carried = own or carried
        if carried is None or a.kind not in ("cardinal", "year") or a.scale != 1 or a.spelled:
            carried = None
            continue
        if not joiner.fullmatch(text, a.end, b.start):
            carried = None
            continue
        if carried[0] == "scale":
            a.alts = (*a.alts, ("n", norm(a.value * carried[1])))
        elif a.value.is_integer() and 0 <= a.value <= 24:
            hours = int(a.value)
            a.alts = (
                *a.alts,
                ("time", hours * 60),
                ("n", float(hours % 12 or 12)),
            )  # "17 und 18 Uhr" / "5 and 6"
            if 1 <= hours < 12:
                a.alts = (*a.alts, ("time", hours * 60 + 720))
        else:
            carried = None


def without_overlaps(numbers: list[Number], text: str) -> list[Number]:
    """Spans never overlap (the engine masks them): "9£16" gives the £ to the first number only."""
    out: list[Number] = []
    for n in numbers:
        if out and n.start < out[-1].end:
            if n.end <= out[-1].end:
                continue
            n.start = out[-1].end
            n.text = text[n.start : n.end]
        out.append(n)
    return out


def expand_second_years(numbers: list[Number], text: str) -> None:
    """ "2017/18", "2017-18": the second number is the year 2018 (and still matches a bare "18")."""
    for prev, cur in zip(numbers, numbers[1:], strict=False):
        if (
            prev.kind == "year"
            and cur.kind == "cardinal"
            and len(cur.text) == 2
            and cur.text.isdigit()
            and _YEAR_JOIN.fullmatch(text, prev.end, cur.start)
        ):
            century = int(prev.value) - int(prev.value) % 100
            year = century + int(cur.value)
            if year <= prev.value:
                year += 100
            cur.alts = (*cur.alts, ("n", cur.value))
            cur.value, cur.kind = float(year), "year"


_START = attrgetter("start")


def settle(numbers: list[Number], text: str, joiner: re.Pattern, context) -> list[Number]:
    """The last steps of extraction in either language, once every recogniser has run: text order,
    overlaps resolved, "2017/18" expanded, shared units spread, then each of the language's context
    refiners (`context`: its registry) in turn, called as `refine(text, numbers, lower)` — `lower` is
    `text.lower()`, made once here for every refiner that tests for lower-case words (most texts hold none
    of them, and lower-casing the text was then most of such a refiner's cost)."""
    if len(numbers) > 1:  # each of these reads two numbers side by side (most texts hold one)
        numbers.sort(key=_START)
        numbers = without_overlaps(numbers, text)
        expand_second_years(numbers, text)
        share_units(numbers, text, joiner)
    lower = text.lower()
    for _, refine in context.items:
        numbers = refine(text, numbers, lower) or numbers
    return numbers


# --- context shared by both languages: signs, declines, durations, scores -----------------------------

_SIGNED_KINDS = ("cardinal", "percent", "currency", "fraction")
_DASHES = frozenset("-−–\n")


def negate(number: Number, text: str, start: int) -> None:
    """A sign before the number ("minus 4 Grad", "-0,7 Prozent", "−0.4%"): the value is negative, the
    span takes the sign in, and so do the alternative readings."""
    _flip_sign(number)
    number.text, number.start = text[start : number.end], start


def _flip_sign(number: Number) -> None:
    number.value = -number.value
    number.alts = tuple(
        (k[0], -k[1]) if k[0] in ("n", "pct", "pp") and len(k) == 2 else k for k in number.alts
    )


def add_negated_reading(number: Number) -> None:
    """The sign moved into a word ("ein Rückgang um 5 Prozent" / "a 5 percent drop"): the number also
    stands for its negative."""
    kind, value = number.key[0], number.key[-1]
    if kind in ("n", "pct", "pp") and value:
        number.alts = (*number.alts, (kind, -value))


def signs(numbers: list[Number], text: str, before: re.Pattern, after: re.Pattern | None,
          words: tuple[str, ...] | None = None, after_word: str | None = None) -> None:
    """`words`: parts of the sign words `before` reads ("inus" of minus / Minus); given, `before` only runs
    where the 8 characters before the number end with a dash (or a newline, where `$` also matches) or
    hold one of them — the cheap test before a search that tries every position. Most texts hold none
    of the words: then the character before the number alone decides, with no window cut out.
    `after_word`: a word (case as written) in every match of `after`; without it in the text, `after`
    is not tried."""
    spelled = words is None
    for w in words or ():
        if w in text:
            spelled = True
            break
    if after is not None and after_word is not None and after_word not in text:
        after = None
    if not spelled and after is None:  # most texts: only a figure right after a dash may change
        numbers = [n for n in numbers if n.start and text[n.start - 1] in _DASHES]
    for n in numbers:
        if n.kind not in _SIGNED_KINDS or n.value < 0 or n.second is not None:
            continue
        start = n.start
        lo = start - 8 if start > 8 else 0
        if words is None or (start and text[start - 1] in _DASHES) or (
            spelled and any(w in text[lo:start] for w in words)
        ):
            m = before.search(text, lo, start)
        else:
            m = None
        if m:
            negate(n, text, m.start())
        elif after is not None and after.match(text, n.end):
            _flip_sign(n)  # "5 Grad unter null": the span stays as it is


def declines(numbers: list[Number], text: str, before: re.Pattern, after: re.Pattern,
             trigger: re.Pattern | None = None, may_follow=None, lower: str | None = None,
             endings: tuple[str, ...] | None = None) -> None:
    """`trigger`: a part of every word `before` needs, as a case-sensitive pattern that opens with a letter
    set (fast to search); `before`, which tries each of its 40 positions, runs only where it is found. For
    a case-insensitive `before` the trigger is lower case and searches the window folded (`fold`: the
    whole text once, from `lower` = `text.lower()` where the caller has it, not each window on its own).
    `endings`: the words a match of `before` ends with (white space after them aside), in the trigger's
    case: a window that ends with none is passed over before the trigger is searched — most windows, in
    one `endswith`. `may_follow(text, folded, end)`: False where `after` cannot match at `end` (the cheap
    test before it; `folded`: `fold(text)` with the offsets of `text` where `before` ignores case, else
    None)."""
    folded = None
    fold_near = trigger is not None and before.flags & _IGNORECASE
    if fold_near:
        folded = fold(text) if lower is None else fold_lower(text, lower)
        if len(folded) != len(text):  # offsets differ: each window folded on its own
            folded = None
    near_text = folded if fold_near else text
    for n in numbers:
        if n.kind not in _SIGNED_KINDS or n.value <= 0:
            continue
        start = n.start
        lo = start - 40 if start > 40 else 0
        if near_text is None:
            window = fold(text[lo:start])
            near = (endings is None or window.rstrip().endswith(endings)) and trigger.search(window)
        else:
            near = (endings is None or near_text[lo:start].rstrip().endswith(endings)) and (
                trigger is None or trigger.search(near_text, lo, start)
            )
        end = n.end
        if (near and before.search(text, lo, start)) or (
            (may_follow is None or may_follow(text, folded, end)) and after.match(text, end)
        ):
            add_negated_reading(n)


_IGNORECASE = int(re.I)  # a plain int: `flags & re.I` goes through enum's Python-level operator


def fold(text: str) -> str:
    """Lower case as a case-insensitive regex compares letters: "İ" is "i" (not "i̇"), and "ı", "ſ" match
    "i", "s" — so a lower-case literal found in `fold(text)` is found wherever the re.I pattern finds it."""
    return text.replace("İ", "i").lower().replace("ı", "i").replace("ſ", "s")


def fold_lower(text: str, lower: str) -> str:
    """`fold(text)`, given `lower` = `text.lower()`: that itself unless the text holds a letter `fold` treats
    apart ("İ" lower-cases to "i" and a combining dot, "ı" and "ſ" stay as they are)."""
    if lower.isascii() or ("\u0307" not in lower and "ı" not in lower and "ſ" not in lower):
        return lower
    return fold(text)


DURATION_UNITS = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365, "h": 1.0, "min": 1 / 60}
_DURATION_ORDER = (("year", "month"), ("year", "week"), ("year", "day"), ("month", "week"), ("month", "day"),
                   ("week", "day"), ("h", "min"))  # fmt: skip


def durations(numbers: list[Number], text: str, joiner: re.Pattern) -> list[Number]:
    """ "2 Jahre und 6 Monate" / "two years and six months" are one duration, 2.5 years (so "two and a half
    years" and "30 Monate" are the same): the two numbers become one, in the larger unit."""
    if len(numbers) < 2:  # most texts: nothing to join (the same as `_joined_durations` gives)
        return numbers
    return _joined_durations(numbers, text, joiner)


def _joined_durations(numbers: list[Number], text: str, joiner: re.Pattern) -> list[Number]:
    out: list[Number] = []
    for n in numbers:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.unit, n.unit) in _DURATION_ORDER
            and prev.kind == n.kind == "cardinal"
            and joiner.fullmatch(text, prev.end, n.start)
        ):
            big, small = prev.unit, n.unit
            if big == "h":
                ratio = 1 / 60
            else:
                ratio = DURATION_UNITS[small] / DURATION_UNITS[big]
                if (big, small) == ("month", "week"):
                    ratio = 12 / 52
            prev.value = norm(prev.value + n.value * ratio)
            prev.text, prev.end = text[prev.start : n.end], n.end
            prev.soft = prev.soft and n.soft
            prev.spelled = False
            continue
        out.append(n)
    return out


def score(a: float, b: float, text: str, start: int, end: int, *, soft: bool = False, alts: tuple = ()) -> Number:
    """A score or ratio: ordered ("3:1" is not "1:3"). An "h:mm" shape also reads as a clock time."""
    alts = tuple(alts)
    last = re.search(r"(\d+)\D*$", text[start:end])
    if b.is_integer() and 0 <= b < 60 and a.is_integer() and 0 <= a <= 24 and last and len(last[1]) == 2:
        minutes = int(a) * 60 + int(b)
        alts += (("time", minutes),) + ((("time", minutes + 720),) if 1 <= a < 12 else ())
    return Number(a, text[start:end], start, end, "score", second=b, soft=soft, alts=alts)


def multiple(value: float, text: str, start: int, end: int, *, soft: bool = True) -> Number:
    """ "verdoppelt" / "doubled" / "zehnfach" / "three times as": a factor. It also reads as the plain
    number ("zweimal" / "twice") and as the percentage change (doubled: +100 %, halved: -50 %)."""
    alts: tuple = (("n", value),)
    if value > 1:
        alts += (("pct", norm((value - 1) * 100)),)
    elif value == 0.5:
        alts += (("pct", 50.0), ("pct", -50.0), ("n", 0.5))
    return Number(value, text[start:end], start, end, "multiple", soft=soft, spelled=True, alts=alts)


_PREFIX = re.compile(r"([^\W\d_]+)-?$")


def code_prefix(text: str, start: int) -> str | None:
    """The letters a name's digits are glued to, upper-cased: "A" of "A7", "COVID" of "Covid-19"."""
    m = _PREFIX.search(text, max(0, start - 12), start)
    return m[1].upper() if m else None


SCORE_PAIR = re.compile(r"(\d{1,2})\s?[-–—]\s?(\d{1,2})(?![\d/:]|[.,-]\d)")
_SCORE_DASHES = frozenset("-–—")


def hyphen_score(text: str, tok: str, start: int, end: int, context: re.Pattern) -> tuple[float, float, int] | None:
    """ "3-1" / "2–0" as a score: (first, second, end). An ascending pair ("3-4 Tage") is a range unless a
    match, a result or a vote is mentioned around it."""
    # the pair's dash stands right after one or two digits, or after one space: most figures stop here
    after = text[end : end + 2]
    if len(tok) > 2 or not (after[:1] in _SCORE_DASHES or (after[:1].isspace() and after[1:] in _SCORE_DASHES)):
        return None
    m = SCORE_PAIR.match(text, start)
    if not (m and m.end(1) == end and tok.isdigit()) or (start and text[start - 1] in "-–.,/"):
        return None
    a, b = float(m[1]), float(m[2])
    if a < b and not context.search(text[max(0, start - 40) : m.end() + 30]):
        return None
    return a, b, m.end()


# --- regnal numbers and ranked periods ---------------------------------------------------------------

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ROMAN = r"(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"


def roman_value(numeral: str) -> int:
    total = 0
    for ch, nxt in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt != " " and _ROMAN_VALUES[nxt] > value else value
    return total


# Every regnal pattern reads a whole token of Roman letters after a word and a space ("Heinrich VIII.",
# "War I,"): a token such as "CDU", "London" or "In" cannot be one, so most texts skip the patterns.
# The pattern starts with its rarest character, so the regex engine skips to the next capital I, V, X, L or C
# without trying every position (as a leading \w or \b would make it).
_ROMAN_AFTER_WORD = re.compile(r"[IVXLC](?<=\w\s[IVXLC])[IVXLC]*(?!\w)")


def regnal(numbers: list[Number], text: str, *patterns: re.Pattern) -> list[Number]:
    """ "Heinrich VIII.", "Papst Johannes XXIII.", "Elizabeth II": a ruler's (or a war's, a part's) Roman
    number after a capitalised name, compared like any ordinal (II is not III, VIII is "the Eighth").
    Each of `patterns` in turn, the numbers the one before added taken."""
    if not _ROMAN_AFTER_WORD.search(text):  # the cheap test, once for all: most texts have no Roman numeral
        return numbers
    for pattern in patterns:
        numbers = _regnal_numbers(numbers, text, pattern)
    return numbers


def _regnal_numbers(numbers: list[Number], text: str, pattern: re.Pattern) -> list[Number]:
    found = list(pattern.finditer(text))
    if not found:
        return numbers
    taken = Taken(numbers)
    added = []
    for m in found:
        group = next((g for g in ("vx", "lower", "low") if g in m.re.groupindex and m[g]), "roman")
        start, end = m.span(group)
        if not m[group] or taken.overlaps(start, end):
            continue
        value = float(roman_value(m[group]))
        added.append(Number(value, m[group], start, end, "ordinal", alts=(("n", value),)))
    return sorted(numbers + added, key=lambda n: n.start) if added else numbers


def ranked(numbers: list[Number], text: str, pattern: re.Pattern, ordinal) -> list[Number]:
    """ "im dritten Quartal" / "in the second quarter": a ranked period is always read (English "second" is
    otherwise left alone: a unit of time as often as a rank); it stays soft — not a key figure, let go when
    the other side leaves it out — but another quarter on the other side is a conflict."""
    found = list(pattern.finditer(text))
    if not found:
        return numbers
    taken = Taken(numbers)
    for m in found:
        start, end = m.span("rank")
        value = ordinal(m["rank"])
        if value is None:
            continue
        period = "half" if m["period"].lower() in ("half", "halbjahr") else "quarter"
        hit = next((n for n in numbers if n.start <= start < n.end and n.kind == "ordinal"), None)
        if hit is not None:
            hit.unit = hit.unit or period  # one period on both sides pairs wherever it stands
        elif not taken.overlaps(start, end):
            numbers.append(Number(float(value), m["rank"], start, end, "ordinal", unit=period, soft=True, spelled=True))
    numbers.sort(key=lambda n: n.start)
    return numbers


def shares(numbers: list[Number], text: str, before: re.Pattern, triggers: tuple[str, ...],
           lower: str | None = None) -> list[Number]:
    """ "jeder Dritte", "jedes fünfte Kind", "one in three", "1 in 5", "every fourth": a share of 1/N, read as
    the fraction it is, so "a third", "one in three" and "33 percent" (through the percent's own keys) of
    "jeder Dritte" agree, and "one in four" does not. `before` matches the words before N up to it (its end
    anchored; a group `per` when N is a count: "one in"); `triggers`: lower-case words one of which
    the text holds when any share is there (`lower`: `text.lower()`, where the caller has it)."""
    if lower is None:
        lower = text.lower()
    for t in triggers:
        if t in lower:
            break
    else:
        return numbers
    out: list[Number] = []
    for n in numbers:  # in text order (`settle` sorted them): the "1" of "1 in 5" is the number just before
        m = None
        if n.kind in ("ordinal", "cardinal") and n.value >= 2 and n.value == int(n.value) and not n.unit:
            m = before.search(text, max(0, n.start - 24), n.start)
        if m is None or (n.kind == "ordinal") != (m.groupdict().get("per") is None):
            out.append(n)  # "jeder Dritte", "every third": an ordinal; "one in three": a count
            continue
        if out and m.start() <= out[-1].start:
            out.pop()
        # A count's share ("one in 20") also reads as the count: German "eines von 20 Kindern" says the same
        # with a word ("von") that mostly means one among twenty, and stays a count.
        alts = (("n", norm(n.value)),) if m.groupdict().get("per") else ()
        out.append(Number(1 / n.value, text[m.start() : n.end], m.start(), n.end, "fraction", soft=n.soft,
                          spelled=n.spelled, alts=alts))  # fmt: skip
    return out


_DAY_MONTH = re.compile(r"\.?\s+(?:of\s+)?")


def share_months(numbers: list[Number], text: str, joiner: re.Pattern) -> list[Number]:
    """A day before a dated day takes its month: "vom 4. bis 14. Oktober", "2. und 5. Oktober", "16./17.
    August", "September 4 to 14" / "16/17 July" — so a month changed in the translation of a list or range
    of days is a date changed, not a bare day that happens to match. `joiner` matches the text between the
    two days ("bis zum", "und", "/", "-"). A bare day right before a lone month word ("17 July") is read as
    that date first."""
    # Every change needs a month or a dated day next to a day: most lists hold neither (and `_dated_days`
    # would give them back unchanged)
    if len(numbers) < 2:
        return numbers
    for n in numbers:
        if n.kind == "month" or n.kind == "date":
            return _dated_days(numbers, text, joiner)
    return numbers


def _dated_days(numbers: list[Number], text: str, joiner: re.Pattern) -> list[Number]:
    dropped: set[int] = set()
    for i in range(len(numbers) - 1, -1, -1):  # right to left: "16/17 July" dates 17, then 16
        n = numbers[i]
        if (n.kind not in ("ordinal", "cardinal") or n.unit or n.spelled or not float(n.value).is_integer()
                or not 1 <= n.value <= 31):
            continue
        after = numbers[i + 1] if i + 1 < len(numbers) else None
        before = numbers[i - 1] if i else None
        if (after is not None and after.kind == "month" and len(after.text) <= 9
                and _DAY_MONTH.fullmatch(text, n.end, after.start)):
            month = int(after.value)
            n.text, n.end = text[n.start : after.end], after.end
            dropped.add(id(after))
        elif after is not None and after.kind == "date" and joiner.fullmatch(text, n.end, after.start):
            month = after.month
        elif before is not None and before.kind == "date" and joiner.fullmatch(text, before.end, n.start):
            month = before.month
        else:
            continue
        n.kind, n.month, n.soft = "date", month, False
        n.alts = (*n.alts, ("n", float(n.value)))
    return [n for n in numbers if id(n) not in dropped] if dropped else numbers
