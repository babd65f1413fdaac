"""The CLI as a Unix tool: help with examples everywhere, --version, piping, exit codes, one-line errors."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from summarise.cli import app

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "nordkorea-truppen.txt"
WIDE = {"COLUMNS": "200", "TERM": "dumb"}  # help on one line per example, no colour codes


def _is_group(cmd) -> bool:
    return bool(getattr(cmd, "commands", None))  # typer vendors its own click: no isinstance checks


def _commands(cmd, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every runnable command (`models download`, not `models`), found in the app itself."""
    if _is_group(cmd):
        return [c for name, sub in sorted(cmd.commands.items()) for c in _commands(sub, (*prefix, name))]
    return [prefix]


COMMANDS = _commands(get_command(app))
GROUPS = sorted(name for name, cmd in get_command(app).commands.items() if _is_group(cmd))


def cli(*args: str, stdin: bytes | None = None, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """`summarise ...` in its own process: real stdin/stdout/stderr, as a shell would run it."""
    return subprocess.run(
        [sys.executable, "-m", "summarise", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **WIDE, **(env or {})},
        timeout=120,
        **kw,
    )


def test_every_command_is_found():
    names = {" ".join(c) for c in COMMANDS}
    assert {"translate", "brief", "batch", "check", "segment", "models download", "models list"} <= names


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_help_has_examples_of_itself(command):
    result = CliRunner().invoke(app, [*command, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.output
    example_lines = [ln.strip() for ln in result.output.splitlines() if ln.strip().startswith("summarise ") or "| summarise " in ln]
    assert any(f"summarise {' '.join(command)}" in ln for ln in example_lines), result.output


@pytest.mark.parametrize("group", GROUPS)
def test_command_groups_list_their_commands(group):
    result = CliRunner().invoke(app, [group, "--help"], env=WIDE)
    assert result.exit_code == 0
    subcommands = [c[1] for c in COMMANDS if c[0] == group]
    assert subcommands and all(name in result.output for name in subcommands)


def test_top_level_help_lists_commands_with_examples_and_exit_codes():
    result = CliRunner().invoke(app, ["--help"], env=WIDE)
    assert result.exit_code == 0
    for name in ("translate", "brief", "batch", "check", "segment", "models"):
        assert name in result.output
    assert "Examples:" in result.output and "Exit codes:" in result.output
    assert CliRunner().invoke(app, ["-h"], env=WIDE).output == result.output


def test_version():
    run = cli("--version")
    assert run.returncode == 0
    assert run.stdout.decode().strip() == f"summarise {importlib.metadata.version('summarise')}"
    assert run.stderr == b""


def test_unknown_command_is_a_usage_error_with_exit_2():
    run = cli("summarize-this", "x.txt")
    assert run.returncode == 2
    assert "No such command" in run.stderr.decode() and run.stdout == b""


def test_bad_option_value_is_a_usage_error_with_exit_2():
    run = cli("translate", str(SAMPLE), "--beams", "0")
    assert run.returncode == 2 and "--beams" in run.stderr.decode()


# --- piping ------------------------------------------------------------------------------------


def test_segment_reads_stdin_and_writes_stdout():
    text = SAMPLE.read_bytes()
    from_stdin = cli("segment", "-", "--format", "json", stdin=text)
    from_file = cli("segment", str(SAMPLE), "--format", "json")
    assert from_stdin.returncode == 0 and from_stdin.stderr == b""
    assert json.loads(from_stdin.stdout) == json.loads(from_file.stdout)
    assert json.loads(from_stdin.stdout)["blocks"][0]["kind"] == "title"


SHORT = "Treffen in Paris\n\nDie Regierungschefs treffen sich.\n\nSie beraten lange.\n"


def test_translate_pipes_stdin_to_stdout(tiny_marian_dir):
    """cat a.txt | summarise translate - > a.en.txt"""
    segmented = json.loads(cli("segment", "-", "--format", "json", stdin=SHORT.encode()).stdout)["blocks"]
    assert len(segmented) == 3
    # In-process (the model stays warm for other tests); stdin and stdout are the runner's pipes.
    run = CliRunner().invoke(app, ["translate", "-", "--model", str(tiny_marian_dir), "--offline", "--beams", "1"],
                             input=SHORT)  # fmt: skip
    assert run.exit_code in (0, 1), run.output
    paragraphs = [p for p in run.stdout.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(segmented)  # one English paragraph per German block, in order
    if run.exit_code == 1:  # the tiny random model writes token soup: the checks say so on stderr
        assert any(ln.startswith("summarise: check failed: block ") for ln in run.stderr.splitlines())
    assert "summarise:" not in run.stdout


def test_a_closed_pipe_is_not_an_error(tmp_path):
    """summarise segment big.txt | head -c 100: no traceback, no message."""
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join([SAMPLE.read_text(encoding="utf-8")] * 40), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarise", "segment", str(big), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **WIDE},
    )
    assert len(proc.stdout.read(100)) == 100
    proc.stdout.close()  # what `head` does once it has enough
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert stderr == b""


# --- errors: one line, exit 2, a traceback only with -v ------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["translate", "{missing}"],
        ["brief", "{missing}"],
        ["segment", "{missing}"],
        ["check", "{missing}", "{sample}"],
        ["batch", "{missing}", "{tmp}/out"],
        ["translate", "{empty}"],
        ["segment", "{binary}"],
    ],
    ids=lambda a: " ".join(a[:2]).replace("{", "").replace("}", ""),
)
def test_bad_input_is_one_line_and_exit_2_for_every_command(tmp_path, args):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    paths = {"missing": tmp_path / "missing.txt", "sample": SAMPLE, "tmp": tmp_path,
             "empty": tmp_path / "empty.txt", "binary": tmp_path / "binary.txt"}  # fmt: skip
    argv = [a.format(**paths) for a in args]
    if args[0] in ("translate", "brief", "batch"):
        argv += ["--model", "/nonexistent/model"]  # the input must be refused before the model is looked for
    run = cli(*argv)
    lines = run.stderr.decode().splitlines()
    assert run.returncode == 2, run.stderr.decode()
    assert len(lines) == 1 and lines[0].startswith("summarise: error: "), lines
    assert "/nonexistent/model" not in lines[0]
    assert run.stdout == b""


def test_verbose_shows_the_traceback_and_quiet_errors_do_not(tmp_path):
    missing = str(tmp_path / "missing.txt")
    quiet = cli("segment", missing)
    loud = cli("-v", "segment", missing)
    assert quiet.returncode == loud.returncode == 2
    assert "Traceback" not in quiet.stderr.decode() and len(quiet.stderr.decode().splitlines()) == 1
    assert "Traceback" in loud.stderr.decode()
    assert loud.stderr.decode().splitlines()[-1] == quiet.stderr.decode().splitlines()[0]


BOOM = (
    "import sys, summarise.ingest as ingest\n"
    "def boom(*a, **k): raise RuntimeError('boom')\n"
    "ingest.read_document = boom\n"
    "from summarise.cli import main\n"
    "sys.argv[0] = 'summarise'\n"
    "main()\n"
)


def test_an_internal_error_is_exit_3_with_a_hint_and_a_traceback_only_with_v():
    quiet = subprocess.run([sys.executable, "-c", BOOM, "segment", str(SAMPLE)], capture_output=True, timeout=60)
    loud = subprocess.run([sys.executable, "-c", BOOM, "-v", "segment", str(SAMPLE)], capture_output=True, timeout=60)
    assert quiet.returncode == loud.returncode == 3
    assert quiet.stderr.decode().splitlines() == [
        "summarise: error: internal error: RuntimeError: boom (rerun with -v for details)"
    ]
    assert "Traceback" in loud.stderr.decode() and ", in boom\nRuntimeError: boom" in loud.stderr.decode()
    assert loud.stderr.decode().splitlines()[-1] == "summarise: error: internal error: RuntimeError: boom"


def test_verbose_logs_progress_to_stderr_and_stdout_stays_clean(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Ein Artikel.", encoding="utf-8")
    runner = Path(__file__).resolve().parent / "batch_doubles.py"  # `summarise` with a translator double

    def batch(*flags):
        argv = [sys.executable, str(runner), *flags, "batch", str(tmp_path / "in"), str(tmp_path / "out"), "--quiet", "--force"]
        return subprocess.run(argv, capture_output=True, timeout=60)

    quiet, loud = batch(), batch("-v")
    assert quiet.returncode == loud.returncode == 0
    assert quiet.stdout == loud.stdout == b""
    assert quiet.stderr == b""
    assert "summarise: INFO: " in loud.stderr.decode() and "a.txt: ok" in loud.stderr.decode()
