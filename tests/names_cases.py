"""Helpers for the name-check case tables (tests/test_names.py, tests/test_names_heldout.py).

A case is (id, German source, English candidate, expected): expected is OK, or the set of name problem
values the check must report (missing / altered / added). `swap` derives a failing case from a passing
pair by one written-out edit of the English side, so both directions of each pair are in the table.
"""

from __future__ import annotations

OK: frozenset[str] = frozenset()
MISSING = frozenset({"missing"})
ALTERED = frozenset({"altered"})
ADDED = frozenset({"added"})


def swap(case_id: str, pair: tuple[str, str], old: str, new: str, expected: frozenset[str]) -> tuple:
    german, english = pair
    assert old in english, (case_id, old)
    return (case_id, german, english.replace(old, new, 1), expected)


def ok(case_id: str, pair: tuple[str, str]) -> tuple:
    return (case_id, *pair, OK)


def ids(cases: list[tuple]) -> list[str]:
    return [c[0] for c in cases]
