"""Steps both extractors share: value checks, spans that overlap, abbreviated second years."""

from __future__ import annotations

import re

from .number import Number

_YEAR_JOIN = re.compile(r"\s?[/\-–]\s?")


def valid_time(hours: int, minutes: int) -> bool:
    return 0 <= hours <= 24 and 0 <= minutes < 60


def valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def full_year(two_digits: int) -> int:
    """'18 in a numeric date is 2018; '98 is 1998 (news rarely dates beyond 2040)."""
    return 2000 + two_digits if two_digits <= 40 else 1900 + two_digits


def overlaps(numbers: list[Number], start: int, end: int) -> bool:
    return any(n.start < end and start < n.end for n in numbers)


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
