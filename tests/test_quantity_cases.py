"""Issue 25: the number checker's fields on new sentence pairs (tests/data/quantity), development and
held-out sets apart. `python tests/quantity_cases.py` prints the tables per field."""

from __future__ import annotations

import pytest
from quantity_cases import load, table, verdict

SETS = ("translation.txt", "summary.txt", "heldout-translation.txt", "heldout-summary.txt", "heldout2-translation.txt",
        "heldout2-summary.txt", "heldout3-translation.txt", "heldout3-summary.txt", "heldout4-translation.txt",
        "heldout4-summary.txt")
CASES = [case for name in SETS for case in load(name)]


def test_the_sets_are_as_large_as_the_issue_asks():
    translation = [c for c in CASES if "summary" not in c.file]
    summary = [c for c in CASES if "summary" in c.file]
    heldout = [c for c in CASES if c.file.startswith("heldout")]
    assert len(CASES) >= 250 and len(summary) >= 60
    assert len(heldout) >= 0.2 * len(CASES) - 1
    assert {c.domain for c in translation} >= {"budgets", "earnings", "prices", "energy", "farming", "census",
                                               "history", "culture", "technology", "aviation", "police", "schools",
                                               "recipes", "health", "labour", "swiss", "austria"}  # fmt: skip
    assert {c.field for c in CASES} >= {"value", "rounding", "unit", "currency", "per", "direction", "relation",
                                        "belongs to"}  # fmt: skip
    assert any(c.expect == "ok" for c in summary) and any(c.expect == "fail:rounding" for c in summary)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case):
    right, said = verdict(case)
    assert right, f"{case.expect}: {case.source} → {case.candidate}: checker said {said}"


def test_summary_false_alarms_at_most_one():
    summary = [c for c in CASES if "summary" in c.file and c.expect == "ok"]
    assert sum(not verdict(c)[0] for c in summary) <= 1


def test_table_counts_every_case():
    assert table(CASES).splitlines()[-1].endswith(f"/{len(CASES)} right")
