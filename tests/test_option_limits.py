"""Absurd numeric option values (issue 27 item 7): `--beams 100000` never finished, `--threads 100000`
segfaulted, `--threads 1000` on 2 cores spun for minutes. Every numeric option has an upper bound,
declared once (summarise.cli.options.LIMITS): above it the command says so in one line and exits 2
before reading the article or loading a model; at the bound it is accepted.

Each case is its own process entering through `summarise.cli.main` (tests/cli_doubles.py, forked after
one import); models are named doubles, so an accepted value runs the command to its end in a moment.
"""

from __future__ import annotations

import pytest
from cli_doubles import drive

from summarise.cli.options import LIMITS, MAX_THREADS

ARTICLE = "Nordkorea schickt Truppen\n\nRund 3.000 Soldaten kamen bis zum 26. Februar nach Russland.\n"
DOUBLES = ["--model", "translator-double"]
SUMMARY_DOUBLE = ["--summary-model", "summariser-double"]

# (command, option): every bounded option on a command that takes it
OPTIONS = [
    ("translate", "--beams"),
    ("translate", "--threads"),
    ("translate", "--batch-size"),
    ("translate", "--max-chars"),
    ("brief", "--beams"),
    ("brief", "--threads"),
    ("brief", "--max-chars"),
    ("batch", "--beams"),
    ("batch", "--threads"),
    ("batch", "--batch-size"),
    ("batch", "--group-size"),
    ("batch", "--workers"),
    ("batch", "--threads-per-worker"),
    ("batch", "--gpus-per-worker"),
    ("batch", "--max-retries"),
    ("regress", "--beams"),
    ("regress", "--threads"),
]
ABSURD = {"--beams": 100_000, "--threads": 100_000, "--workers": 100_000, "--max-chars": 10**12}


def _argv(tmp_path, command: str, option: str, value) -> list[str]:
    article = tmp_path / "in" / "a.txt"
    if not article.exists():
        article.parent.mkdir()
        article.write_text(ARTICLE, encoding="utf-8")
    if command == "translate":
        return ["translate", str(article), *DOUBLES, option, str(value)]
    if command == "brief":
        return ["brief", str(article), *DOUBLES, *SUMMARY_DOUBLE, option, str(value)]
    if command == "batch":
        engine = ["--engine", "ray"] if option in ("--workers", "--threads-per-worker", "--gpus-per-worker", "--max-retries") else []
        return ["batch", str(article.parent), str(tmp_path / "out"), *DOUBLES, *SUMMARY_DOUBLE, "--quiet", *engine, option, str(value)]
    return ["regress", "record", str(article.parent), *DOUBLES, *SUMMARY_DOUBLE, option, str(value)]


def _case(argv, cwd) -> dict:
    return {"argv": argv, "cwd": str(cwd), "env": {}, "stdin": None, "fifo": None, "unprivileged": False}


def test_every_option_above_its_bound_is_one_line_and_exit_2(tmp_path):
    cases = []
    for command, option in OPTIONS:
        limit, _ = LIMITS[option]
        for value in {ABSURD.get(option, limit * 10), int(limit) + 1}:
            cases.append(((command, option, value), _case(_argv(tmp_path, command, option, value), tmp_path)))
    for ((command, option, value), _), result in zip(cases, drive([c for _, c in cases]), strict=True):
        lines = result["stderr"].strip().splitlines()
        assert result["code"] == 2, (command, option, value, result)
        assert len(lines) == 1 and "Traceback" not in result["stderr"], lines
        assert lines[0].startswith(f"summarise: error: Invalid value for {option}: {int(value):,} is more than {LIMITS[option][0]:,} ("), lines
        assert f"summarise {command}" in lines[0]  # points at the command's --help
        assert not (tmp_path / "out").exists()  # refused before any work


def test_the_bounds_are_sane():
    assert LIMITS["--beams"][0] == 16
    assert 4 <= MAX_THREADS <= 256
    assert all(limit > 1 for limit, _ in LIMITS.values())


@pytest.mark.parametrize(("option", "value"), [("--beams", 16), ("--threads", MAX_THREADS), ("--batch-size", 1024)])
def test_a_value_at_the_bound_is_accepted(tmp_path, option, value):
    (result,) = drive([_case(_argv(tmp_path, "translate", option, value), tmp_path)])
    assert result["code"] == 0, result
    assert "SOLDATEN" in result["stdout"]  # the translator double upper-cases
