"""Every command against hostile and careless input: one clear line, the documented exit code, no
traceback, and the user's files untouched (issue 13).

Each case is its own `summarise` process entering through `summarise.cli.main` (forked by
tests/cli_doubles.py after one import, so the 66 cases take seconds, not a minute). Model loading is
replaced by named doubles so that the run's outcome depends on the input only; the real model path
is tested with the tiny models in test_output_safety.py and the command test files.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from cli_doubles import drive

COMMANDS = ("translate", "brief", "check", "segment", "batch", "regress")
FILE_COMMANDS = ("translate", "brief", "check", "segment")
FOLDER_COMMANDS = ("batch", "regress")
CASES = (
    "missing", "directory", "empty", "binary", "png-as-txt", "broken-pdf", "nul-bytes", "mixed-encoding",
    "o-is-input", "o-read-only", "o-fifo",
    # issue 27: one bad article never stops a batch; a full disk is one line
    "unreadable", "dangling-symlink", "stdout-full", "o-full",
)  # fmt: skip
# Only where they mean something: endless inputs named as FILE (never read whole), and what a folder
# may hold besides articles (never opened, never fatal).
FILE_CASES = ("dev-zero", "dev-urandom")
FOLDER_CASES = ("fifo-in-folder", "socket-in-folder", "subfolder-unlistable", "subfolder-unsearchable")
PAIRS = (
    [(c, k) for c in COMMANDS for k in CASES]
    + [(c, k) for c in FILE_COMMANDS for k in FILE_CASES]
    + [(c, k) for c in FOLDER_COMMANDS for k in FOLDER_CASES]
)
MODELS = {
    "translate": ["--model", "translator-double"],
    "brief": ["--model", "translator-double", "--summary-model", "summariser-double", "--format", "json"],
    "batch": ["--model", "translator-double", "--summary-model", "summariser-double", "--quiet"],
    "regress": ["--model", "translator-double", "--summary-model", "summariser-double"],
}

ARTICLE = "Nordkorea schickt Truppen\n\nRund 3.000 Soldaten kamen bis zum 26. Februar nach Russland.\n"
# UTF-8 with one line in Windows-1252: the UTF-8 umlauts must survive, the cp1252 line must be decoded.
MIXED = (
    "Regierung verstärkt Grenzschutz\n\nDie Regierung verstärkt den Schutz der Grenze.\n\n".encode()
    + "Die Bürger begrüßen die Maßnahme.".encode("cp1252")
    + "\n\nÜber weitere Schritte wird später entschieden.\n".encode()
)
MIXED_ENGLISH = (
    "Government strengthens border protection\n\nThe government is strengthening border protection.\n\n"
    "Citizens welcome the measure.\n\nFurther steps will be decided later.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa" + bytes(64)
CONTENT = {
    "empty": ("x.txt", b""),
    "binary": ("x.txt", bytes(range(256)) * 4),
    "png-as-txt": ("x.txt", PNG),
    "broken-pdf": ("x.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nendobj\nxref kaputt"),
    "nul-bytes": ("x.txt", b"Ein Satz.\x00\x00\x00 Noch ein Satz.\n"),
    "mixed-encoding": ("x.txt", MIXED),
}


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _read_only_file(path: Path) -> Path:
    _write(path, "old report\n")
    path.chmod(0o444)
    return path


def build(command: str, case: str, d: Path) -> dict:
    """The case's files under `d` and how to run it: argv, expected exit code, what else to check."""
    spec = {"argv": [], "code": 2, "fifo": None, "unprivileged": False, "setup": None, "stdout_path": None,
            "why": None}  # fmt: skip
    folder_command = command in ("batch", "regress")
    if case in ("unreadable", "dangling-symlink") or case in FOLDER_CASES:
        # Next to a good article: the good one is done, the bad one is an error line or skipped.
        _write(d / "in" / "a.txt", ARTICLE)
        bad = d / "in" / "x.txt"
        if case == "unreadable":
            _write(bad, ARTICLE).chmod(0o000)
            spec["unprivileged"] = True  # root reads anything
            spec["why"] = "Permission denied"
        elif case == "dangling-symlink":
            bad.symlink_to(d / "in" / "gone.txt")
            spec["why"] = "symlink to nothing"
            if folder_command:
                spec["code"] = 0  # skipped, like every symlink that does not lead to an article
        elif case == "fifo-in-folder":
            os.mkfifo(bad)  # opening it would block the run forever
            spec["code"] = 0
        elif case == "socket-in-folder":
            import socket

            with socket.socket(socket.AF_UNIX) as s:
                s.bind(str(bad))
            spec["code"] = 0
        else:  # an unreadable subfolder (with another run's lock file inside): skipped with a warning
            sub = d / "in" / "privat"
            _write(sub / "geheim.txt", ARTICLE)
            _write(sub / ".summarise-batch.lock", "")
            sub.chmod(0o300 if case == "subfolder-unlistable" else 0o600)
            spec["unprivileged"] = True
            spec["code"] = 0
        if spec["unprivileged"]:
            for p in (d, d / "in"):
                p.chmod(0o777)  # uid 65534 writes OUTPUT_DIR and the golden folder here
        target = d / "in" if folder_command else bad
    elif case in FILE_CASES:
        target = Path("/dev/zero" if case == "dev-zero" else "/dev/urandom")
        spec["why"] = "larger than"
    elif case in CONTENT:
        name, data = CONTENT[case]
        target = _write(d / "in" / name, data).parent if folder_command else _write(d / name, data)
    elif case == "missing":
        target = d / "in" if folder_command else d / "missing.txt"
    elif case == "directory":
        # A folder where a file is expected; for folder commands, a folder named like an article.
        target = d / "in" if folder_command else d / "folder.txt"
        (d / "in" / "folder.txt" if folder_command else target).mkdir(parents=True)
    elif folder_command:
        _write(d / "in" / "a.txt", ARTICLE)
        target = d / "in"
    else:
        target = _write(d / "a.txt", ARTICLE)

    if case == "mixed-encoding":
        spec["code"] = 0  # decoded line by line, with one warning
    if case == "o-fifo":
        os.mkfifo(d / "fifo")
        spec["fifo"] = str(d / "fifo")
    if case == "stdout-full":
        spec["stdout_path"] = "/dev/full"
        spec["why"] = "no space left on device"
        if command == "batch":
            spec["code"] = 0  # batch writes nothing on stdout (its summary goes to stderr)

    if command in ("translate", "brief", "segment", "check"):
        argv = [command, str(target)]
        if command == "check":
            argv.append(str(_write(d / "candidate.txt", MIXED_ENGLISH if case == "mixed-encoding" else
                                   "North Korea sends troops\n\nAbout 3,000 soldiers came to Russia by February 26.\n")))  # fmt: skip
        argv += MODELS.get(command, [])
        if case == "o-is-input":
            argv += ["-o", str(target)]
        elif case == "o-read-only":
            argv += ["-o", str(_read_only_file(d / "report.txt"))]
            spec["unprivileged"] = True
        elif case == "o-fifo":
            argv += ["-o", spec["fifo"]]
            spec["code"] = 0
        elif case == "o-full":
            argv += ["-o", "/dev/full"]
            spec["why"] = "no space left on device: cannot write /dev/full"
    elif command == "batch":
        out = d / "out"
        if case == "o-is-input":
            out = target
        elif case == "o-read-only":
            out.mkdir()
            out.chmod(0o555)
            spec["unprivileged"] = True
        elif case == "o-fifo":
            out = Path(spec["fifo"])  # refused: OUTPUT_DIR must be a folder
        elif case == "o-full":
            out = Path("/dev/full")  # refused: not a folder
        argv = ["batch", str(target), str(out), *MODELS["batch"]]
    else:  # regress: record for input cases, compare -o for output cases (goldens recorded first)
        argv = ["regress", "record", str(target), *MODELS["regress"]]
        if case.startswith("o-") or case == "stdout-full":
            spec["setup"] = ["regress", "record", str(target), *MODELS["regress"]]
            out = {"o-is-input": str(d / "in" / "golden" / "a.txt.json"), "o-full": "/dev/full", "stdout-full": "-",
                   "o-read-only": str(d / "report.txt"), "o-fifo": spec["fifo"]}[case]  # fmt: skip
            if case == "o-read-only":
                _read_only_file(d / "report.txt")
                spec["unprivileged"] = True
            argv = ["regress", "compare", str(target), *MODELS["regress"], "-o", out]
            spec["code"] = 0 if case == "o-fifo" else 2
    spec["argv"] = argv
    return spec


def _snapshot(d: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in d.rglob("*") if p.is_file() and not p.is_symlink() and os.access(p, os.R_OK)}


@pytest.fixture(scope="module")
def table():
    """Run every case once; yields {(command, case): (spec, result, before, case dir)}."""
    # World-readable, so cases that drop root privileges (to make read-only mean read-only) can run.
    root = Path(tempfile.mkdtemp(prefix="summarise-hostile-"))
    root.chmod(0o755)
    try:
        yield _run_table(root)
    finally:
        for p in root.rglob("*"):
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


def _run_table(root: Path) -> dict:
    cache = root / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    env = {"SUMMARISE_CACHE_DIR": str(cache), "COLUMNS": "200", "TERM": "dumb"}
    specs = {}
    for command, case in PAIRS:
        d = root / command / case
        d.mkdir(parents=True)
        specs[command, case] = (build(command, case, d), d)
    setups = [(key, {"argv": spec["setup"], "cwd": str(d), "env": env})
              for key, (spec, d) in specs.items() if spec["setup"]]  # fmt: skip
    for (key, _), result in zip(setups, drive([case for _, case in setups]), strict=True):
        assert result["code"] == 0, (key, result)
    before = {key: _snapshot(d) for key, (_, d) in specs.items()}
    keys = list(specs)
    cases = [{"argv": specs[k][0]["argv"], "cwd": str(specs[k][1]), "env": env, "fifo": specs[k][0]["fifo"],
              "unprivileged": specs[k][0]["unprivileged"], "stdout_path": specs[k][0]["stdout_path"]}
             for k in keys]  # fmt: skip
    results = dict(zip(keys, drive(cases), strict=True))
    return {k: (specs[k][0], results[k], before[k], specs[k][1]) for k in keys}


@pytest.mark.parametrize("command, case", PAIRS)
def test_hostile_input(table, command, case):
    spec, result, before, d = table[command, case]
    stderr = result["stderr"]
    lines = stderr.splitlines()
    where = f"{command} {case}: {' '.join(spec['argv'])}\nexit {result['code']}\n{stderr}"
    assert result["code"] == spec["code"], where
    assert "Traceback" not in stderr, where
    assert len(lines) <= 2, where
    if spec["code"] == 2:
        assert lines and "error" in lines[-1], where
        why = {"o-is-input": "input folder" if command == "batch" else "refusing to overwrite",
               "o-read-only": "read-only", "o-fifo": "not a folder"}.get(case)  # fmt: skip
        assert why is None or why in lines[-1], where
    if spec["why"] and spec["code"] == 2:
        assert spec["why"] in lines[-1] and len(lines) == 1, where
    for path, data in before.items():  # every input (and the read-only file) byte for byte as it was
        assert Path(path).read_bytes() == data, f"{path} changed\n{where}"
    if spec["fifo"]:
        assert stat.S_ISFIFO(os.lstat(spec["fifo"]).st_mode), where  # still a FIFO, not a regular file
        if spec["code"] == 0:
            assert result["fifo"].strip(), where
    if case == "mixed-encoding":
        assert any("warning" in line.lower() for line in lines), where
        text = result["stdout"] + "".join(p.read_text("utf-8", "replace") for p in d.rglob("*.json"))
        if command != "check":
            assert "VERSTÄRKT" in text.upper() and "BÜRGER" in text.upper() and "MASSNAHME" in text.upper(), where
            assert "Ã" not in text, where
    if command in FOLDER_COMMANDS and (case in FOLDER_CASES or case in ("unreadable", "dangling-symlink")):
        _assert_the_good_article_was_done(command, case, d, stderr, where)


def _assert_the_good_article_was_done(command: str, case: str, d: Path, stderr: str, where: str) -> None:
    """The good article next to the bad file or folder was translated (batch: in the manifest) or
    recorded (regress: its golden); the bad one is an error line (unreadable) or skipped."""
    import json

    if command == "batch":
        lines = (d / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        entries = {e["path"]: e for e in map(json.loads, lines)}
        assert entries["a.txt"]["status"] == "ok", where
        if case == "unreadable":
            assert entries["x.txt"]["status"] == "error", where
            assert "Permission denied" in entries["x.txt"]["error"], where
            assert "x.txt" in stderr, where
        else:
            assert set(entries) == {"a.txt"}, where
    else:
        golden = d / "in" / "golden"
        assert (golden / "a.txt.json").is_file(), where
        assert not (golden / "x.txt.json").exists() and not (golden / "privat").exists(), where
    if case.startswith("subfolder"):
        assert "privat" in stderr and "warning" in stderr.lower() and "cannot be read" in stderr, where


# --- endless inputs: memory and time bounded, SIGTERM honoured while reading (issue 27 item 3) ---

SUMMARISE = [sys.executable, "-m", "summarise"]
REPO = Path(__file__).resolve().parent.parent


def _limited(megabytes: int):
    """preexec_fn: cap the child's address space, so reading an endless input whole dies of it."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))

    return limit


def _run(argv, *, stdin=None, limit_mb=None, timeout=60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [*SUMMARISE, *argv], stdin=stdin, capture_output=True, timeout=timeout, env=env,
        preexec_fn=_limited(limit_mb) if limit_mb else None,
    )  # fmt: skip


def _one_error_line(result: subprocess.CompletedProcess, why: str) -> None:
    stderr = result.stderr.decode("utf-8", "replace")
    where = f"exit {result.returncode}\n{stderr}"
    assert result.returncode == 2, where
    assert "Traceback" not in stderr, where
    [line] = stderr.splitlines()
    assert line.startswith("summarise: error: ") and why in line, where


@pytest.mark.parametrize("argv", [["segment", "/dev/zero"], ["check", "/dev/urandom", "{article}"],
                                  ["check", "{article}", "/dev/zero", "--lines"]])  # fmt: skip
def test_an_endless_file_stops_at_the_limit_within_a_bounded_memory(tmp_path, argv):
    article = _write(tmp_path / "a.txt", ARTICLE)
    argv = [a.format(article=article) for a in argv]
    # 800 MB of address space: the interpreter and the CLI's imports fit, reading /dev/zero whole does not.
    _one_error_line(_run(argv, limit_mb=800), "larger than")
    _one_error_line(_run([*argv, "--max-chars", "1000"], limit_mb=800), "--max-chars 1,000 characters")


def test_endless_stdin_stops_at_the_limit_within_a_bounded_memory():
    yes = subprocess.Popen(["yes", "Die Bahn fährt 5 Züge."], stdout=subprocess.PIPE)
    try:
        result = _run(["segment", "-"], stdin=yes.stdout, limit_mb=800)
    finally:
        yes.kill()
        yes.wait()
    _one_error_line(result, "stdin is larger than")


def test_reading_time_grows_with_the_limit_not_with_the_input():
    """Two limits 4x apart on the same endless input: the time grows at most linearly (the
    interpreter's start-up is the same in both), and each run ends in seconds."""
    times = {}
    for chars in (2_000_000, 8_000_000):
        t0 = time.perf_counter()
        result = _run(["segment", "/dev/zero", "--max-chars", str(chars)], limit_mb=600)
        times[chars] = time.perf_counter() - t0
        _one_error_line(result, "larger than")
    assert times[8_000_000] / times[2_000_000] < 4, times


def test_sigterm_is_honoured_while_waiting_for_stdin():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([*SUMMARISE, "segment", "-"], stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        proc.stdin.write("Die Bahn fährt 5 Züge.\n".encode() * 1000)
        proc.stdin.flush()
        time.sleep(1.5)  # started, read what there is, waiting for more
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=5)
    finally:
        proc.kill()
        proc.stdin.close()
    stderr = proc.stderr.read().decode()
    assert code == 130, stderr
    assert stderr.strip() == "summarise: error: interrupted"


# --- leftovers of a kill -9: hidden temp files of our exact pattern (issue 27 item 10) ----------


def test_stale_temp_files_of_a_killed_write_are_cleaned_by_the_next_write_of_that_target(tmp_path):
    article = _write(tmp_path / "a.txt", ARTICLE)
    dead = subprocess.Popen(["true"])
    dead.wait()  # a pid that no longer runs
    live = os.getpid()
    old = time.time() - 3600
    folder = tmp_path / "out"
    folder.mkdir()
    stale = [folder / f".r.txt.{dead.pid}.ab_c12xy.tmp", folder / ".r.txt.q9w8e7r6.tmp"]  # dead writer; old, no pid
    kept = [
        folder / f".r.txt.{live}.zz9yy8xx.tmp",  # a live writer's
        folder / ".r.txt.fresh123.tmp",  # no pid, not a minute old: maybe a live writer of an older version
        folder / f".other.txt.{dead.pid}.ab_c12xy.tmp",  # another target's
        folder / f".r.txt.{dead.pid}.ab_c12xy.tmp.bak",  # not our pattern
        folder / ".r.txt.notes.tmp",  # not our pattern (the random part has 8 characters)
        folder / "r.txt.q9w8e7r6.tmp",  # not hidden
    ]
    for p in stale + kept:
        p.write_text("half a report", encoding="utf-8")
    os.utime(stale[1], (old, old))
    os.utime(kept[1], (time.time(), time.time()))
    link = folder / f".r.txt.{dead.pid}.lnk12345.tmp"
    link.symlink_to(article)  # a symlink of the pattern: never followed, never removed
    [result] = drive([{"argv": ["segment", str(article), "-o", str(folder / "r.txt")], "cwd": str(tmp_path)}])
    assert result["code"] == 0, result
    assert (folder / "r.txt").read_text(encoding="utf-8").startswith("# Nordkorea")
    assert not [p for p in stale if p.exists()]
    assert all(p.exists() for p in kept) and link.is_symlink()
    assert article.read_text(encoding="utf-8") == ARTICLE


# --- decoding: stray bytes in a UTF-8 file are not a reason to re-read it as cp850 (item 11) -----

STRAY = (b"Rund 3.000 \xfe\xc3( Stellen \x80\x81 werden gestrichen. Die Firma will sparen, hiess es am Montag "
         b"in Berlin.\n\nDer Betriebsrat kritisiert die Plaene.\n")  # fmt: skip


@pytest.mark.parametrize("prefix", [b"", "Die Straße bleibt zu.\n\n".encode()], ids=["ascii", "utf8"])
def test_a_few_invalid_bytes_become_replacement_characters_with_one_warning(prefix, caplog):
    from summarise.ingest import decode_text

    with caplog.at_level("WARNING"):
        text = decode_text(prefix + STRAY, "x.txt")
    assert text == (prefix + STRAY).decode("utf-8", "replace")
    assert "Rund 3.000 \ufffd\ufffd( Stellen \ufffd\ufffd werden" in text
    assert "├" not in text and "Ç" not in text
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "x.txt: 4 bytes are not valid UTF-8" in warning and "U+FFFD" in warning


@pytest.mark.parametrize("text, encoding", [
    ("Die Straße nach Köln ist für 3 Tage gesperrt. Über 5.000 Menschen sind betroffen.", "cp1252"),
    ("Café «Le Monde» in München: 5 € für den Kaffee, sagt Señor Núñez.", "cp1252"),
    ("Grüße aus Düsseldorf: Die Bürger begrüßen die Maßnahme.", "latin_1"),
    ("Grüße aus Düsseldorf: Die Bürger begrüßen die Maßnahme.", "cp850"),
    ("Grüße aus Düsseldorf: Die Bürger begrüßen die Maßnahme.", "mac_roman"),
])  # fmt: skip
def test_real_legacy_german_is_still_decoded_whole_without_replacement_characters(text, encoding, caplog):
    from summarise.ingest import decode_text

    with caplog.at_level("WARNING"):
        decoded = decode_text(text.encode(encoding), "x.txt")
    assert decoded == text
    assert not [r for r in caplog.records if "U+FFFD" in r.getMessage()]


def test_a_cli_run_on_a_file_with_stray_bytes_warns_once_and_keeps_the_text(tmp_path):
    article = _write(tmp_path / "x.txt", STRAY)
    [result] = drive([{"argv": ["segment", str(article)], "cwd": str(tmp_path)}])
    assert result["code"] == 0, result
    [line] = result["stderr"].splitlines()
    assert "WARNING" in line and "U+FFFD" in line
    assert "Rund 3.000 \ufffd\ufffd( Stellen" in result["stdout"]
    assert article.read_bytes() == STRAY


# --- formats in folders: .html and .docx are articles too (issue 27 item 6) ----------------------


def test_batch_and_regress_read_html_and_docx_like_text(tmp_path):
    docx = pytest.importorskip("docx")
    src = tmp_path / "in"
    _write(src / "seite.html", "<html><head><title>Bahn</title></head><body><article><h1>Bahn streikt</h1>"
           "<p>Rund 3.000 Züge fielen am Montag aus, teilte die Bahn mit.</p></article></body></html>")  # fmt: skip
    document = docx.Document()
    document.add_heading("Haushalt beschlossen", level=1)
    document.add_paragraph("Der Bundestag beschloss am Freitag einen Haushalt von 480 Milliarden Euro.")
    document.save(str(src / "bericht.docx"))
    _write(src / "a.txt", ARTICLE)
    results = drive([
        {"argv": ["batch", str(src), str(tmp_path / "out"), *MODELS["batch"]], "cwd": str(tmp_path)},
        {"argv": ["regress", "record", str(src), *MODELS["regress"]], "cwd": str(tmp_path)},
        {"argv": ["batch", str(src), str(tmp_path / "none"), "--glob", "*.htm", *MODELS["batch"]], "cwd": str(tmp_path)},
    ])  # fmt: skip
    assert [r["code"] for r in results[:2]] == [0, 0], results
    import json

    lines = (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert {e["path"]: e["status"] for e in map(json.loads, lines)} == {"a.txt": "ok", "bericht.docx": "ok", "seite.html": "ok"}
    assert "RUND 3.000 ZÜGE" in (tmp_path / "out" / "seite.html.json").read_text(encoding="utf-8")
    assert sorted(p.name for p in (src / "golden").iterdir()) == ["a.txt.json", "bericht.docx.json", "seite.html.json"]
    # Nothing matches: the message lists every format a folder is searched for.
    assert results[2]["code"] == 2
    [line] = results[2]["stderr"].splitlines()
    assert "no articles matching '*.htm'" in line and ".html" in line and ".docx" in line and ".pdf" in line


def test_every_file_help_lists_the_same_formats():
    from typer.testing import CliRunner

    from summarise.cli import app
    from summarise.ingest import SUFFIX_LIST

    for command in (["translate"], ["brief"], ["check"], ["segment"], ["batch"], ["regress", "record"]):
        result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "400"})
        assert result.exit_code == 0
        assert SUFFIX_LIST in " ".join(result.stdout.split()), command


# --- consistency (issue 27 item 14) ----------------------------------------------------------------


def test_verbose_is_accepted_after_the_command(tmp_path):
    from summarise.cli import hoist_verbose

    assert hoist_verbose(["translate", "f.txt", "-v"]) == ["-v", "translate", "f.txt"]
    assert hoist_verbose(["-v", "segment", "f.txt"]) == ["-v", "segment", "f.txt"]
    assert hoist_verbose(["segment", "f.txt", "-o", "-v"]) == ["segment", "f.txt", "-o", "-v"]  # -o's value
    assert hoist_verbose(["segment", "--", "-v"]) == ["segment", "--", "-v"]  # a file named -v
    article = _write(tmp_path / "a.txt", ARTICLE)
    quiet, verbose, segment = drive([
        {"argv": ["translate", str(article), *MODELS["translate"]], "cwd": str(tmp_path)},
        {"argv": ["translate", str(article), *MODELS["translate"], "--verbose"], "cwd": str(tmp_path)},
        {"argv": ["segment", str(article), "-v"], "cwd": str(tmp_path)},
    ])  # fmt: skip
    assert quiet["code"] == verbose["code"] == segment["code"] == 0, (quiet, verbose, segment)
    assert "INFO" not in quiet["stderr"] and "INFO" in verbose["stderr"]
    assert verbose["stdout"] == quiet["stdout"]


@pytest.mark.parametrize("option, role", [("--model", "summariser"), ("--summary-model", "translator")])
def test_a_model_of_the_wrong_kind_is_one_line_and_exit_2(option, role, tiny_marian_dir, tiny_bart_dir, tmp_path):
    article = _write(tmp_path / "a.txt", ARTICLE)
    wrong = tiny_bart_dir if option == "--model" else tiny_marian_dir
    models = {"--model": str(tiny_marian_dir), "--summary-model": str(tiny_bart_dir), option: str(wrong)}
    env = {**os.environ, "PYTHONPATH": str(REPO), "SUMMARISE_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([*SUMMARISE, "brief", str(article), *[x for kv in models.items() for x in kv]],
                            capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()
    kind = "BART model, made to summarise, not to translate" if role == "summariser" else "Marian translation model, not a summariser"
    assert line.startswith(f"summarise: error: {option} {wrong} is a {kind}"), line


def test_runtime_refuses_swapped_models_before_loading_them(tiny_marian_dir, tiny_bart_dir):
    from summarise.errors import ModelError
    from summarise.models.runtime import Runtime

    Runtime.resolve(str(tiny_marian_dir), str(tiny_bart_dir))  # the right way round
    with pytest.raises(ModelError, match="--model .* is a BART model"):
        Runtime.resolve(str(tiny_bart_dir))
    with pytest.raises(ModelError, match="--summary-model .* is a Marian translation model"):
        Runtime.resolve(str(tiny_marian_dir), str(tiny_marian_dir))


def test_model_errors_say_offline_mode_and_never_an_exception_class(monkeypatch):
    import huggingface_hub
    from huggingface_hub import errors

    from summarise.errors import ModelNotAvailable
    from summarise.models.hub import resolve_model

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailable) as offline:
        resolve_model("nobody/no-such-model")
    assert "offline mode is on (--offline or HF_HUB_OFFLINE)" in str(offline.value)
    assert "cannot be reached" not in str(offline.value)

    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    not_found = errors.RepositoryNotFoundError.__new__(errors.RepositoryNotFoundError)
    Exception.__init__(not_found, "404 Client Error")
    for raised, expected in ((errors.LocalEntryNotFoundError("Cannot find the requested files"), "the hub cannot be reached"),
                             (not_found, "no such model on the Hugging Face hub")):  # fmt: skip

        def snapshot_download(*args, raised=raised, **kwargs):
            raise raised

        monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
        with pytest.raises(ModelNotAvailable) as info:
            resolve_model("nobody/no-such-model")
        message = str(info.value)
        assert expected in message and "Error" not in message and "(" not in message.split(":")[0], message


def test_shortlist_without_a_built_shortlist_is_one_coherent_error(tiny_marian_dir, tmp_path):
    pytest.importorskip("ctranslate2")
    article = _write(tmp_path / "a.txt", ARTICLE)
    env = {**os.environ, "PYTHONPATH": str(REPO), "SUMMARISE_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([*SUMMARISE, "translate", str(article), "--model", str(tiny_marian_dir), "--shortlist"],
                            capture_output=True, text=True, env=env, timeout=180)  # fmt: skip
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()  # no warning that it runs elsewhere before an error that it cannot
    assert "has no vocabulary shortlist yet" in line and "drop --shortlist" in line


def test_check_lines_names_lines_and_numbers_them_like_its_json(tmp_path):
    import json

    de = _write(tmp_path / "a.de", "Es kamen 3 Leute.\nEs kamen 4 Leute.\n")
    en = _write(tmp_path / "a.en", "Three came.\nFive came.\n")
    text, as_json = drive([{"argv": ["check", str(de), str(en), "--lines"], "cwd": str(tmp_path)},
                           {"argv": ["check", str(de), str(en), "--lines", "--format", "json"], "cwd": str(tmp_path)}])  # fmt: skip
    assert text["code"] == as_json["code"] == 1
    problems = json.loads(as_json["stdout"])["problems"]
    shown = [line.split(":")[0] for line in text["stdout"].splitlines()[:-1]]
    assert shown == [f"line {p['block']}" for p in problems] and shown
    assert "block" not in text["stdout"]


def test_make_brief_installs_the_package_without_the_test_extras():
    make = shutil.which("make")
    if make is None:
        pytest.skip("no make here")
    dry = {t: subprocess.run([make, "-n", "-B", t], cwd=REPO, capture_output=True, text=True, check=True).stdout
           for t in ("brief", "test")}  # fmt: skip
    assert "pip install" in dry["brief"] and "[test]" not in dry["brief"]
    assert "'.[test]'" in dry["test"] and "pytest" in dry["test"]


# --- a group that fails outside its per-article guards fails its articles, not the batch (item 2) --


def test_a_group_whose_results_go_missing_is_recorded_as_errors_and_the_batch_goes_on(tmp_path):
    import json

    from batch_doubles import UppercaseTranslatorDouble

    from summarise.batch import run_batch

    class LosesAResultDouble(UppercaseTranslatorDouble):
        """Answers a group of two with one translation, the second article's (an engine bug); single
        articles come back whole."""

        def translate_documents(self, docs, progress=None):
            results = super().translate_documents(docs, progress=progress)
            return results[1:] if len(docs) == 2 else results

    src = tmp_path / "in"
    for name in ("a.txt", "b.txt", "c.txt"):
        _write(src / name, f"{name} meldet: Rund 3.000 Soldaten kamen.\n")
    result = run_batch(src, tmp_path / "out", translator=LosesAResultDouble(), group_size=2)
    statuses = {i.path: i.status for i in result.items}
    assert statuses == {"a.txt": "error", "b.txt": "error", "c.txt": "ok"}
    lines = (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert {e["path"] for e in map(json.loads, lines)} == {"a.txt", "b.txt", "c.txt"}
    assert "answered 2 articles with 1 results" in result.items[0].error
    assert not (tmp_path / "out" / "a.txt.json").exists()  # b's translation never written as a's
