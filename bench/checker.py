"""Benchmark: the number-fidelity checker on real human translations (WMT newstest de→en).

1. False alarms: every (src.de, ref.en) pair of ../shared/wmt/*/ whose source has a digit or a number
   word is checked like `summarise check --lines`; the share flagged should stay at or under 3 %
   (flagged pairs are written to bench/out/checker_flagged.txt for inspection, and a few are printed).
2. Catch rate: in the pairs that passed, corruptions are planted in the English reference: one digit
   changed, one number dropped, 3.000 → 300 (a number divided by ten), million → billion (and other
   scale words one step up), a date shifted by one day; and (issue 17) a sign dropped, doubled ↔ halved,
   a unit's magnitude changed (mm → cm, km → m, kg → g, cents → euros), a score reversed, a clock time
   moved by twelve hours (09:30 → 21:30), a name's number changed (A7 → A9); and (issue 25) a month
   changed, a currency changed, a direction flipped, a regnal number changed, an ordinal made a count or a
   count an ordinal ("for the fifth time" ↔ "five times", "third place" ↔ "three places") — each only
   where the source states that field —, and in summary mode a rounding with the wrong hedge and a figure
   moved to another subject. Each corrupted pair must be flagged (≥ 99.6 %); every miss is written to
   bench/out/checker_missed.txt by kind.
3. Speed: pairs checked per second on one core (the process is pinned to one CPU), with the parse
   caches cleared before each repeat, median of the repeats; peak RSS.

Side by side, a naive baseline: the multisets of digit runs of both sides (separators removed) must be
equal. It shows why a checker needs to know the languages.

    .venv/bin/python bench/checker.py              # all sets, 3 speed repeats
    .venv/bin/python bench/checker.py --quick      # newstest2019-2021 only, 1 repeat (well under a minute)
    .venv/bin/python bench/checker.py --wmt DIR --show 40

The last line is `flag_rate=<share of human pairs flagged> caught=<share of corruptions caught>
pairs_per_s=<pairs per second on one core>`.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _wmt import DEFAULT_WMT, QUICK_SETS, load_pairs, smoke_pairs

from summarise.checking.checks import (
    check_numbers,
    check_omission,
    check_repetition,
    check_summary,
    check_untranslated,
)
from summarise.checking.numbers import extract_english, extract_german, parsing
from summarise.checking.numbers.lexicon import ENGLISH_SMALL, ENGLISH_SMALL_ORDINALS
from summarise.checking.numbers.quantity import MONEY_WORD, quantity
from summarise.checking.numbers.referent import referents

OUT = Path(__file__).resolve().parent / "out"


def check_translation(source: str, candidate: str, **options):
    """check_translation without the name check: this bench measures numbers (and the omission,
    repetition and untranslated checks its baseline always included); bench/names.py measures names."""
    block = options.get("block")
    report = check_numbers(source, candidate, block=block)
    for check in (check_omission, check_repetition, check_untranslated):
        report.problems += check(source, candidate, block=block)
    return report


# Word-only quantities the extractor reads since issue 17 ("Hunderte", "verdoppelt", "torlos", "erstmals"):
# pairs with only these are counted apart, so the headline stays on the same pairs as before.
_NEW_WORD_KINDS = ("month", "vague", "multiple", "score")


def has_number(source: str) -> bool:
    return any(ch.isdigit() for ch in source) or any(
        n.kind not in _NEW_WORD_KINDS and not n.text.lower().startswith("erstmal") for n in extract_german(source)
    )


def has_word_quantity_only(source: str) -> bool:
    return not has_number(source) and any(n.kind in ("vague", "multiple", "score") for n in extract_german(source))


# --- the naive baseline ----------------------------------------------------------------------

_DIGITS = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?")


def naive_passes(source: str, candidate: str) -> bool:
    def runs(text: str) -> list[str]:
        return sorted(re.sub(r"\D", "", m.group()) for m in _DIGITS.finditer(text))

    return runs(source) == runs(candidate)


# --- corruptions -----------------------------------------------------------------------------

_SCALE_WORD = re.compile(r"(?<=[\d\s])(thousand|million|billion|bn|m)\b")
_SCALE_UP = {"thousand": "million", "million": "billion", "billion": "trillion", "bn": "trn", "m": "bn"}


def _hard(text: str) -> list:
    return [n for n in extract_english(text) if not n.soft and any(ch.isdigit() for ch in n.text)]


def corruptions(candidate: str, rng: random.Random, stated: frozenset = frozenset(), source: Source | None = None
                ) -> list[tuple[str, str]]:
    """(name, corrupted text) for every corruption that applies to this English text. `stated`: the start
    offsets of the candidate's figures whose source states a direction (rose / fell) — only those are
    flipped: flipping a figure the source gives no direction tests the translator's wording, not the checker.
    `source`: what the German source states (months, currencies, ordinals and counts), by the same reasoning
    for the month, currency and ordinal ↔ cardinal plants (None: no restriction)."""
    out = []
    numbers = _hard(candidate)
    if numbers:
        n = rng.choice(numbers)
        digits = [i for i in range(n.start, n.end) if candidate[i].isdigit()]
        i = rng.choice(digits)
        new_digit = str((int(candidate[i]) + rng.randint(1, 9)) % 10)
        if not (
            new_digit == "0"
            and (i == n.start or not candidate[i - 1].isdigit())
            and i + 1 < n.end
            and candidate[i + 1].isdigit()
        ):
            out.append(("change one digit", candidate[:i] + new_digit + candidate[i + 1 :]))
        n = rng.choice(numbers)
        out.append(("drop one number", (candidate[: n.start] + candidate[n.end :]).replace("  ", " ")))
    big = [
        n
        for n in numbers
        if n.kind not in ("date", "time") and re.search(r"\d[\d,]{3,}", n.text) and n.value >= 1000
    ]
    if big:
        n = rng.choice(big)
        m = re.search(r"\d[\d,]*\d", candidate[n.start : n.end])  # the integer part
        digits = m.group().replace(",", "")[:-1]  # 3,000 → 300
        shorter = f"{int(digits):,}"
        s = n.start + m.start()
        out.append(("3.000 → 300", candidate[:s] + shorter + candidate[s + len(m.group()) :]))
    scaled = [n for n in numbers if n.scale > 1 and _SCALE_WORD.search(n.text)]
    if scaled:
        n = rng.choice(scaled)
        m = _SCALE_WORD.search(candidate, n.start, n.end)
        out.append(
            ("million → billion", candidate[: m.start()] + _SCALE_UP[m.group()] + candidate[m.end() :])
        )
    english = extract_english(candidate)
    out += _issue17_corruptions(candidate, english, rng)
    out += _issue25_corruptions(candidate, english, rng, stated, source)
    out += _rank_corruptions(candidate, english, source)
    dates = [n for n in english if n.kind == "date"]
    if dates:
        n = rng.choice(dates)
        day = int(n.value)
        m = re.search(r"\d+", candidate[n.start : n.end])
        shifted = day + 1 if day < 28 else day - 1
        s = n.start + m.start()
        out.append(("date shifted by a day", candidate[:s] + str(shifted) + candidate[s + len(m.group()) :]))
    return out


# "twice" is as often "two times" (an occurrence) as a factor: it becomes "three times", not "half".
_SWAP_MULTIPLE = {"doubled": "halved", "halved": "doubled", "doubling": "halving", "halving": "doubling",
                  "double": "triple", "twice": "three times", "tripled": "doubled", "quadrupled": "tripled",
                  "half as": "twice as", "tenfold": "hundredfold"}  # fmt: skip
_UNIT_SWAP = {
    "millimetres": "centimetres", "millimeters": "centimeters", "centimetres": "millimetres",
    "centimeters": "millimeters", "metres": "kilometres", "meters": "kilometers", "kilometres": "metres",
    "kilometers": "meters", "km": "m", "m": "km", "cm": "mm", "mm": "cm", "kilograms": "grams", "grams": "kilograms",
    "kg": "g", "g": "kg", "tonnes": "kilograms", "tons": "kilograms", "mg": "g", "milligrams": "grams",
    "cents": "euros", "cent": "euro", "litres": "millilitres", "liters": "milliliters", "hours": "minutes",
    "minutes": "hours", "seconds": "minutes", "hectares": "square metres", "kilowatts": "megawatts",
    "megawatts": "kilowatts",
}  # fmt: skip
_WORD_AFTER = re.compile(r"[\s-]?([A-Za-z]+)")
_DAYPART = re.compile(r"\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight)\b", re.I)


def _issue17_corruptions(candidate: str, numbers: list, rng: random.Random) -> list[tuple[str, str]]:
    """The corruptions of issue 17, where the reference has such a number."""
    out = []

    def replace(n_start: int, n_end: int, new: str) -> str:
        return candidate[:n_start] + new + candidate[n_end:]

    signed = [n for n in numbers if n.value < 0 and re.match(r"[-−–]|minus |negative ", n.text, re.I)]
    if signed:
        n = rng.choice(signed)
        sign = re.match(r"[-−–]|minus |negative ", n.text, re.I)
        out.append(("sign dropped", replace(n.start, n.start + sign.end(), "")))
    multiples = [n for n in numbers if n.kind == "multiple" and n.text.lower() in _SWAP_MULTIPLE]
    if multiples:
        n = rng.choice(multiples)
        new = _SWAP_MULTIPLE[n.text.lower()]
        out.append(("doubled ↔ halved", replace(n.start, n.end, new.title() if n.text[0].isupper() else new)))
    units = []
    for n in numbers:
        if n.unit and n.kind in ("cardinal", "currency") and not n.soft:
            m = _WORD_AFTER.match(candidate, n.end) if n.unit != "ct" else re.search(r"cents?", n.text)
            # not "km/h" → "m/h" (no unit a translator would write)
            if m and m.group(1 if n.unit != "ct" else 0).lower() in _UNIT_SWAP and "/" not in candidate[m.end() : m.end() + 1]:
                units.append((n, m))
    if units:
        n, m = rng.choice(units)
        if n.unit == "ct":
            s, e = n.start + m.start(), n.start + m.end()
            out.append(("unit magnitude changed", replace(s, e, _UNIT_SWAP[m.group().lower()])))
        else:
            out.append(("unit magnitude changed", replace(m.start(1), m.end(1), _UNIT_SWAP[m.group(1).lower()])))
    # A score in a loss ("lost 1-3", "a 2-3 defeat") is written either way round in English: reversing
    # it is no corruption, so scores whose reversed reading the extractor accepts are not planted on.
    scores = [n for n in numbers if n.kind == "score" and n.value != n.second and not n.alts
              and re.fullmatch(r"\d+\s?[-–:]\s?\d+", n.text)]  # fmt: skip
    if scores:
        n = rng.choice(scores)
        a, sep, b = re.fullmatch(r"(\d+)(\s?[-–:]\s?)(\d+)", n.text).groups()
        out.append(("score reversed", replace(n.start, n.end, f"{b}{sep}{a}")))
    times = [n for n in numbers if n.kind == "time" and re.match(r"\d{1,2}[:.]\d\d", n.text) and round(n.value * 60) % 60
             and not _DAYPART.match(candidate, n.end) and not _DAYPART.search(n.text)]  # "08:48 in the evening" would contradict itself
    if times:
        n = rng.choice(times)
        m = re.match(r"(\d{1,2})([:.]\d\d)(.*)", n.text, re.S)
        hours, rest = int(m[1]), m[3]
        if re.search(r"[ap]\.?m\.?", rest, re.I):
            rest = re.sub(r"([ap])(\.?m)", lambda x: ("p" if x[1].lower() == "a" else "a") + x[2], rest, count=1, flags=re.I)
            new = f"{m[1]}{m[2]}{rest}"
        else:
            new = f"{(hours + 12) % 24:02d}{m[2]}{rest}"
        out.append(("09:30 → 21:30", replace(n.start, n.end, new)))
    codes = [n for n in numbers if n.kind == "code" and n.text.isdigit()]
    if codes:
        n = rng.choice(codes)
        i = n.start + rng.randrange(len(n.text))
        new_digit = str((int(candidate[i]) + rng.randint(1, 9)) % 10)
        out.append(("A7 → A9", candidate[:i] + new_digit + candidate[i + 1 :]))
    return out


# Issue 25: fields of a quantity that a translation may change while the digits stay.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\b")
_CURRENCY_SWAP = {"euros": "dollars", "euro": "dollar", "dollars": "euros", "dollar": "euro", "pounds": "dollars",
                  "francs": "euros", "yen": "dollars", "€": "$", "$": "€", "£": "$"}  # fmt: skip
_CURRENCY_WORD = re.compile(r"€|\$|£|\b(?:euros?|dollars?|pounds|francs|yen)\b")
_FLIP = {"rose": "fell", "fell": "rose", "increased": "decreased", "decreased": "increased", "grew": "shrank",
         "shrank": "grew", "gained": "lost", "lost": "gained", "dropped": "rose", "climbed": "fell",
         "declined": "rose", "jumped": "fell", "fall": "rise", "rise": "fall", "rising": "falling",
         "falling": "rising", "increase": "decrease", "decrease": "increase", "growth": "decline", "increases": "decreases", "decreases": "increases",
         "rises": "falls", "falls": "rises", "sinks": "rises", "sank": "rose"}  # fmt: skip
_FLIP_WORD = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(_FLIP, key=len, reverse=True)) + r")(?![\w-])")


@dataclass(frozen=True)
class Source:
    """What a German source states, for the plants that change a field the source must state to be checked:
    its months (a month the source never names — "Theresa May", "June Corteen", "May's Memorial Day" added
    by the translator — cannot be checked against it), whether it names a currency, and the candidate's
    figures paired with a source ordinal or a source count."""

    months: frozenset = frozenset()
    money: bool = True
    ordinals: frozenset = frozenset()  # start offsets in the candidate
    counts: frozenset = frozenset()

    @classmethod
    def of(cls, source: str, pairs) -> Source:
        months = frozenset(int(n.value) if n.kind == "month" else n.month for n in extract_german(source)
                           if n.kind in ("month", "date"))  # fmt: skip
        ordinals = frozenset(c.start for s, c in pairs if s.kind == c.kind == "ordinal" and s.text.isalpha())
        counts = frozenset(c.start for s, c in pairs if s.kind == c.kind == "cardinal"
                           and quantity(s, source, "de").count)  # fmt: skip
        return cls(months, bool(MONEY_WORD.search(source)), ordinals, counts)


def _issue25_corruptions(candidate: str, numbers: list, rng: random.Random, stated: frozenset = frozenset(),
                         source: Source | None = None) -> list[tuple[str, str]]:
    """Month changed, currency changed, direction flipped, regnal number changed (where the text has one)."""
    out = []
    months = [m for m in _MONTH_WORD.finditer(candidate) if m.group() != "May" or m.start() == 0 or
              candidate[m.start() - 1] != " " or not candidate[m.end():m.end() + 1].isspace() or
              any(n.start <= m.start() < n.end or abs(n.start - m.end()) < 4 for n in numbers)]  # fmt: skip
    if source is not None:
        months = [m for m in months if _MONTHS.index(m.group()) + 1 in source.months]
    if months:
        m = rng.choice(months)
        i = _MONTHS.index(m.group())
        new = _MONTHS[(i + rng.choice((1, 2, 3, -1, -2))) % 12]
        out.append(("month changed", candidate[: m.start()] + new + candidate[m.end() :]))
    money = [n for n in numbers if n.kind == "currency" and n.unit in ("EUR", "USD", "GBP", "CHF", "JPY")
             and (source is None or source.money)]  # fmt: skip
    if money:
        n = rng.choice(money)
        m = _CURRENCY_WORD.search(candidate, max(0, n.start - 1), n.end + 12)
        if m and not (m.group() == "$" and candidate[max(0, m.start() - 2) : m.start()] in ("US", "C", "A")):
            out.append(("currency changed", candidate[: m.start()] + _CURRENCY_SWAP[m.group()] + candidate[m.end() :]))
    changes = []
    for n in numbers:
        q = quantity(n, candidate, "en")
        if q.direction is None or n.start not in stated:
            continue
        words = [m for m in _FLIP_WORD.finditer(candidate, max(0, n.start - 40), min(len(candidate), n.end + 25))
                 if direction_of(m.group()) == q.direction]  # fmt: skip
        if words:
            changes.append(min(words, key=lambda m: abs(m.start() - n.start)))
    if changes:
        m = rng.choice(changes)
        new = _FLIP[m.group()]
        out.append(("direction flipped", candidate[: m.start()] + new + candidate[m.end() :]))
    regnal = [n for n in numbers if n.kind == "ordinal" and re.fullmatch("[IVXLC]+", n.text)]
    if regnal:
        n = rng.choice(regnal)
        new = n.text[:-1] if len(n.text) > 1 and n.text[-1] == "I" else n.text + "I"
        out.append(("regnal number changed", candidate[: n.start] + new + candidate[n.end :]))
    return out


# Ordinal ↔ cardinal: "for the fifth time" ↔ "five times", "third place" ↔ "three places" — on figures
# whose source states an ordinal (or a count), so the change contradicts the source.
_ORDINAL_WORDS = ENGLISH_SMALL_ORDINALS[2:11]  # second .. tenth
_CARDINAL_WORDS = ENGLISH_SMALL[2:11]
# The noun must end its phrase (a function word or punctuation after it): pluralising "second interstellar
# object" as "two interstellars object" would plant broken English.
_PHRASE_END = (r"(?=\s*(?:[.,;:!?)\"”]|$)|\s+(?:of|in|at|for|to|on|this|that|since|with|and|or|was|were|is|are|has|"
               r"have|had|after|before|against|from|by|under|over|as|when|where|which|who|it|he|she|they|we|the|a|an|"
               r"his|her|their|its|will|would|could|can|at)\b)")  # fmt: skip
_RANK_PHRASE = re.compile(r"(?:(?P<for>for\s+)?(?P<the>the|a)\s+)?(?P<word>" + "|".join(_ORDINAL_WORDS) +
                          r")\s+(?P<noun>[a-z]{3,})\b" + _PHRASE_END, re.I)  # fmt: skip
_COUNT_PHRASE = re.compile(r"(?P<word>" + "|".join(_CARDINAL_WORDS) + r")\s+(?P<noun>[a-z]{3,}s)\b" + _PHRASE_END, re.I)
_NOT_NOUN = frozenset(["and", "largest", "biggest", "highest", "best", "most", "more", "time", "consecutive",
                       "straight", "successive", "half", "quarter", "round", "leg", "one", "ones", "of", "in", "to",
                       "year", "years", "degree", "degrees", "class", "less", "was", "has", "his", "its", "this"])  # fmt: skip


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    return noun[:-1]


def _rank_corruptions(candidate: str, numbers: list, source: Source | None) -> list[tuple[str, str]]:
    """An ordinal the source states made a count, or a count it states made an ordinal (one plant a text)."""
    if source is None:
        return []
    options = []
    for n in numbers:
        if n.start in source.ordinals and n.kind == "ordinal":
            back = max(0, n.start - 8)
            m = next((m for m in _RANK_PHRASE.finditer(candidate, back, n.end + 30) if m.start("word") == n.start), None)
            noun = m["noun"].lower() if m else "of"
            if noun in _NOT_NOUN and noun != "time":
                continue
            cardinal = _CARDINAL_WORDS[_ORDINAL_WORDS.index(m["word"].lower())]
            cardinal = cardinal.title() if m.group()[0].isupper() else cardinal
            new = f"{cardinal} times" if noun == "time" else f"{cardinal} {_plural(noun)}"
            options.append((m.start(), m.end(), new))
        elif n.start in source.counts and n.kind == "cardinal":
            m = _COUNT_PHRASE.match(candidate, n.start)
            # "seven wins in seven games" → "the seventh win in seven games" says the same (a tally)
            if m and m["noun"].lower() not in _NOT_NOUN and not re.match(rf"\s+in\s+{m['word']}\b", candidate[m.end():], re.I):
                ordinal = _ORDINAL_WORDS[_CARDINAL_WORDS.index(m["word"].lower())]
                noun = m["noun"].lower()
                the = "The" if m.group()[0].isupper() else "the"
                new = f"for {the} {ordinal} time" if noun == "times" else f"{the} {ordinal} {_singular(noun)}"
                options.append((m.start(), m.end(), new))
    if not options:
        return []
    s, e, new = options[0]
    return [("ordinal ↔ cardinal", candidate[:s] + new + candidate[e:])]


def direction_of(word: str) -> str | None:
    m = re.fullmatch(r"(?:(?P<up>rose|increased|grew|gained|climbed|jumped|rise|rising|increase|growth|"
                     r"increases|rises)|(?P<down>fell|decreased|shrank|lost|dropped|declined|fall|falling|decrease|"
                     r"decreases|falls|sinks|sank))", word)  # fmt: skip
    return None if m is None else ("up" if m["up"] else "down")


# --- summary mode: rounding with the wrong hedge, a figure moved to another subject ----------------

_ROUNDABLE = ("percent", "currency", "cardinal")


def summary_corruptions(reference: str, rng: random.Random) -> list[tuple[str, str]]:
    """Corruptions of a summary (the reference read as one): a figure rounded with the hedge pointing the
    wrong way ("more than 4.5 million" for 4.46 million), two figures of different subjects swapped."""
    out = []
    numbers = [n for n in _hard(reference) if n.kind in _ROUNDABLE and n.value > 0 and n.second is None
               and not n.alts and n.unit not in ("year",)]  # fmt: skip
    roundable = []
    for n in numbers:
        m = re.fullmatch(r"(\d{1,3})\.(\d{1,3})", re.search(r"[\d.,]+\d|\d", n.text).group())
        if m and int(m[2]) % 10 != 0:
            roundable.append((n, m))
    if roundable:
        n, m = rng.choice(roundable)
        whole = float(m[1] + "." + m[2])
        places = len(m[2].rstrip("0")) - 1  # one digit less than written: 4.46 → 4.5, 3.8 → 4
        rounded = round(whole, places)
        if rounded != whole:
            hedge = "more than" if rounded > whole else "nearly"  # the wrong way round on purpose
            written = f"{rounded:.{places}f}" if places > 0 else str(int(rounded))
            digits = re.search(r"[\d.,]+\d|\d", n.text)
            s, e = n.start + digits.start(), n.start + digits.end()
            out.append(("wrong hedge (summary)", f"{reference[: n.start]}{hedge} {reference[n.start : s]}{written}{reference[e:]}"))
    english = extract_english(reference)
    changes = [n for n in english if n.kind in ("percent", "currency") and n.second is None]
    around = referents(english, reference)
    pairs = [(a, b) for a, b in zip(changes, changes[1:], strict=False)
             if a.value != b.value and around[id(a)] and around[id(b)] and not around[id(a)] & around[id(b)]
             and a.kind == b.kind and a.unit == b.unit]  # fmt: skip
    if pairs:
        a, b = rng.choice(pairs)
        swapped = reference[: a.start] + b.text + reference[a.end : b.start] + a.text + reference[b.end :]
        out.append(("figure moved (summary)", swapped))
    return out


# --- speed -----------------------------------------------------------------------------------


def _clear_caches() -> None:
    for fn in (
        parsing.parse_digits,
        parsing.number_word_value,
        parsing.german_ordinal_value,
        parsing.english_ordinal_value,
    ):
        fn.cache_clear()


def measure_speed(pairs: list[tuple[str, int, str, str]], repeats: int, check=None) -> tuple[float, float]:
    """(pairs per CPU-second, pairs per wall-clock second), medians over `repeats`.

    CPU time is the headline: this machine is shared, and wall-clock time counts the waits for a core
    (both are printed)."""
    check = check or check_translation
    cpu_rates, wall_rates = [], []
    for _ in range(repeats):
        _clear_caches()
        cpu, wall = time.process_time(), time.perf_counter()
        for _, _, source, candidate in pairs:
            check(source, candidate)
        cpu_rates.append(len(pairs) / (time.process_time() - cpu))
        wall_rates.append(len(pairs) / (time.perf_counter() - wall))
    return statistics.median(cpu_rates), statistics.median(wall_rates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--wmt", type=Path, default=DEFAULT_WMT, help="folder with newstestYYYY/{src.de,ref.en}"
    )
    parser.add_argument("--quick", action="store_true", help="newstest2019-2021 only, one speed repeat")
    parser.add_argument("--smoke", action="store_true", help="the sample article and its reference translation only (proves the bench runs)")
    parser.add_argument(
        "--show", type=int, default=15, help="flagged pairs to print (all go to the flagged file)"
    )
    parser.add_argument(
        "--flagged", type=Path, default=OUT / "checker_flagged.txt", help="where to write flagged pairs"
    )
    parser.add_argument("--show-missed", type=int, default=10, help="missed corruptions to print")
    parser.add_argument(
        "--missed", type=Path, default=OUT / "checker_missed.txt", help="where to write every missed corruption, by kind"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.quick = args.quick or args.smoke
    if args.smoke:
        args.flagged = Path(tempfile.mkdtemp(prefix="checker-smoke-")) / "flagged.txt"
        args.missed = args.flagged.with_name("missed.txt")
    elif not args.wmt.is_dir():
        print(f"checker bench: no WMT data at {args.wmt} (pass --wmt DIR)", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    all_pairs = smoke_pairs() if args.smoke else load_pairs(args.wmt, args.quick)
    pairs = [p for p in all_pairs if has_number(p[2])]
    word_only = [p for p in all_pairs if has_word_quantity_only(p[2])]
    print(
        f"pairs with a number in the source: {len(pairs)} ({'quick: ' + ', '.join(QUICK_SETS) if args.quick else 'all sets'})"
    )

    # 1. false alarms on human references
    flagged, kinds = [], collections.Counter()
    naive_flagged = 0
    for name, line, source, reference in pairs:
        report = check_translation(source, reference, block=line)
        if not report.passed:
            flagged.append((name, line, source, reference, report))
            kinds.update({p.kind for p in report.problems})
        naive_flagged += not naive_passes(source, reference)
    flag_rate = len(flagged) / len(pairs)
    args.flagged.parent.mkdir(parents=True, exist_ok=True)
    with args.flagged.open("w", encoding="utf-8") as f:
        for name, line, source, reference, report in flagged:
            f.write(f"{name}:{line + 1}\n  DE: {source}\n  EN: {reference}\n")
            f.writelines(f"  -> {p.line()}\n" for p in report.problems)
    print(
        f"human pairs flagged: {len(flagged)}/{len(pairs)} = {flag_rate:.2%}  by kind: {dict(kinds.most_common())}"
    )
    print(f"  naive digit-multiset baseline flags {naive_flagged / len(pairs):.2%}")
    word_flagged = [p for p in word_only if not check_translation(p[2], p[3]).passed]
    print(f"  pairs with only word quantities (Hunderte, verdoppelt, torlos): {len(word_flagged)}/{len(word_only)} flagged"
          f" = {len(word_flagged) / max(len(word_only), 1):.2%} (not in the headline: same pairs as before issue 17)")  # fmt: skip
    print(f"  all flagged pairs: {args.flagged}")
    for name, line, source, reference, report in flagged[: args.show]:
        print(f"  {name}:{line + 1}  DE: {source[:150]}\n      EN: {reference[:150]}")
        for p in report.problems:
            print(f"      -> {p.line()}")

    # 2. planted corruptions in the pairs that passed
    rng = random.Random(args.seed)
    flagged_ids = {(n, i) for n, i, *_ in flagged}
    planted, caught, naive_caught = collections.Counter(), collections.Counter(), collections.Counter()
    missed = []
    for name, line, source, reference in pairs:
        if (name, line) in flagged_ids:
            continue
        report = check_translation(source, reference)
        stated = frozenset(c.start for s, c in report.pairs if quantity(s, source, "de").direction)
        for kind, corrupted in corruptions(reference, rng, stated, Source.of(source, report.pairs)):
            if corrupted == reference:
                continue
            planted[kind] += 1
            if not check_translation(source, corrupted).passed:
                caught[kind] += 1
            else:
                missed.append((kind, source, corrupted))
            naive_caught[kind] += not naive_passes(source, corrupted)
    # summary mode (issue 25): the German source, the reference as a summary, the reference as the brief's
    # translation; only pairs whose reference passes as its own summary
    for name, line, source, reference in pairs:
        if (name, line) in flagged_ids or not check_summary(source, reference, translation=reference).passed:
            continue
        for kind, corrupted in summary_corruptions(reference, rng):
            if corrupted == reference:
                continue
            planted[kind] += 1
            if not check_summary(source, corrupted, translation=reference).passed:
                caught[kind] += 1
            else:
                missed.append((kind, source, corrupted))
            naive_caught[kind] += not naive_passes(source, corrupted)
    total_planted = sum(planted.values())
    caught_rate = sum(caught.values()) / max(total_planted, 1)
    print(f"planted corruptions caught: {sum(caught.values())}/{total_planted} = {caught_rate:.2%}")
    for kind in planted:
        print(f"  {kind:24s} {caught[kind]:5d}/{planted[kind]:<5d} = {caught[kind] / planted[kind]:.2%}"
              f"   (naive baseline {naive_caught[kind] / planted[kind]:.2%})")  # fmt: skip
    args.missed.parent.mkdir(parents=True, exist_ok=True)
    with args.missed.open("w", encoding="utf-8") as f:
        for kind, source, corrupted in sorted(missed, key=lambda m: m[0]):
            f.write(f"[{kind}]\n  DE: {source}\n  EN: {corrupted}\n")
    print(f"  all missed corruptions: {args.missed}")
    for kind, source, corrupted in missed[: args.show_missed]:
        print(f"  missed {kind}: DE: {source[:120]}\n      EN: {corrupted[:120]}")

    # 3. speed on one core
    speed_pairs = pairs
    rate, wall_rate = measure_speed(speed_pairs, 1 if args.quick else 3)
    naive_rate, _ = measure_speed(speed_pairs, 1 if args.quick else 3, naive_passes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"speed: {rate:,.0f} pairs per CPU-second on one core ({wall_rate:,.0f} per wall-clock second, "
          f"load average {load:.1f}); parse caches cleared per repeat; peak RSS {peak_mb:.0f} MB")  # fmt: skip
    print(
        f"  naive digit-multiset baseline: {naive_rate:,.0f} pairs per CPU-second ({rate / naive_rate:.2f}× its speed)"
    )
    print(f"flag_rate={flag_rate:.4f} caught={caught_rate:.4f} pairs_per_s={rate:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
