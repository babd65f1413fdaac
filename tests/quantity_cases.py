"""Loading and scoring the quantity case files of tests/data/quantity (issue 25)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from summarise.checking.checks import check_summary, check_translation

FOLDER = Path(__file__).parent / "data" / "quantity"


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    field: str
    expect: str  # "ok" | "fail" | "fail:FIELD"
    domain: str
    source: str
    candidate: str
    translation: str | None = None

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def load(name: str) -> list[Case]:
    cases = []
    for i, line in enumerate((FOLDER / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split(" | ")]
        cases.append(Case(name, i, *cols[:5], cols[5] if len(cols) > 5 else None))
    return cases


def verdict(case: Case) -> tuple[bool, str]:
    """(right, what the checker said) for one case."""
    if "summary" in case.file:
        report = check_summary(case.source, case.candidate, translation=case.translation)
    else:
        report = check_translation(case.source, case.candidate)
    number_problems = [p for p in report.problems if p.kind in ("altered", "missing", "unexpected", "unsupported", "notation")]
    said = "; ".join(f"{p.field}: {p.message}" for p in number_problems) or "passed"
    if case.expect == "ok":
        return not number_problems, said
    if case.expect == "fail":
        return bool(number_problems), said
    wanted = case.expect.split(":", 1)[1]
    return any(p.field == wanted for p in number_problems), said


def table(cases: list[Case]) -> str:
    """Right / total per field, pass cases and fail cases apart."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        right, _ = verdict(case)
        cell = counts[(case.field, "pass" if case.expect == "ok" else "fail")]
        cell[0] += right
        cell[1] += 1
    fields = sorted({f for f, _ in counts})
    lines = [f"{'field':<12} {'pass cases':>12} {'fail cases':>12}"]
    for f in fields:
        cells = [f"{counts[(f, k)][0]}/{counts[(f, k)][1]}" if (f, k) in counts else "-" for k in ("pass", "fail")]
        lines.append(f"{f:<12} {cells[0]:>12} {cells[1]:>12}")
    right = sum(verdict(c)[0] for c in cases)
    lines.append(f"{'all':<12} {right}/{len(cases)} right")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or sorted(p.name for p in FOLDER.glob("*.txt")):
        cases = load(name)
        print(f"== {name}")
        print(table(cases))
        for case in cases:
            right, said = verdict(case)
            if not right:
                print(f"  WRONG {case.id} [{case.expect}] {case.candidate} -> {said}")
