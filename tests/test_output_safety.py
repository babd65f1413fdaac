"""Issue 13 item 1: `-o` never replaces what it should not.

Refuses an -o that is an input or a golden (by name, through a symlink or a hard link) before any
model is looked for; writes FIFOs and /dev/stdout in place (a FIFO stays a FIFO); follows a symlink
and replaces its target atomically (the link stays a link). Each through the real CLI process.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from summarise.errors import InputError
from summarise.fileio import check_output_file, open_output, write_atomic, write_output

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "nordkorea-truppen.txt"
ARTICLE = "Nordkorea schickt Truppen\n\nRund 3.000 Soldaten kamen bis zum 26. Februar.\n"


def cli(*args, **kw) -> subprocess.CompletedProcess:
    if "stdout" not in kw:
        kw["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "summarise", *map(str, args)], timeout=120, **kw)


def _one_error_line(run) -> str:
    lines = run.stderr.decode().splitlines()
    assert run.returncode == 2, run.stderr.decode()
    assert len(lines) == 1 and lines[0].startswith("summarise: error: "), lines
    return lines[0]


@pytest.mark.parametrize(
    "command, how",
    [(c, "name") for c in ("translate", "brief", "segment", "check source", "check candidate")]
    + [(c, how) for c in ("translate", "check candidate") for how in ("symlink", "hard link")],
)
def test_o_refuses_to_replace_an_input_by_name_symlink_or_hard_link(tmp_path, command, how):
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    english = tmp_path / "english.txt"
    english.write_text("North Korea sends troops\n\nAbout 3,000 soldiers came by February 26.\n", encoding="utf-8")
    protected = english if command == "check candidate" else article
    out = {"name": protected, "symlink": tmp_path / "link.txt", "hard link": tmp_path / "hard.txt"}[how]
    if how == "symlink":
        out.symlink_to(protected.name)
    elif how == "hard link":
        os.link(protected, out)
    before = {p: p.read_bytes() for p in (article, english)}
    argv = {
        "translate": ["translate", article, "--model", "/nonexistent/model"],
        "brief": ["brief", article, "--model", "/nonexistent/model"],
        "segment": ["segment", article],
        "check source": ["check", article, english],
        "check candidate": ["check", article, english],
    }[command]
    line = _one_error_line(cli(*argv, "-o", out))
    assert "is the input file" in line and "refusing to overwrite it" in line
    assert "/nonexistent/model" not in line  # refused before any model is looked for
    assert {p: p.read_bytes() for p in before} == before


def test_o_refuses_the_file_that_stdin_reads(tmp_path):
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with open(article, "rb") as stdin:  # `summarise translate - -o artikel.txt < artikel.txt`
        run = cli("translate", "-", "--model", "/nonexistent/model", "-o", article, stdin=stdin)
    assert "is the input file (on stdin): refusing to overwrite it" in _one_error_line(run)
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_regress_compare_o_refuses_a_golden_or_a_sample(tmp_path):
    samples = tmp_path / "samples"
    (samples / "golden").mkdir(parents=True)
    (samples / "a.txt").write_text(ARTICLE, encoding="utf-8")
    golden = samples / "golden" / "a.txt.json"
    golden.write_text('{"format": 1}\n', encoding="utf-8")
    for out, why in [(golden, "is a golden file"), (samples / "a.txt", "is the input file")]:
        line = _one_error_line(cli("regress", "compare", samples, "--model", "/nonexistent/model", "-o", out))
        assert why in line and "refusing to overwrite it" in line
    assert golden.read_text(encoding="utf-8") == '{"format": 1}\n'
    assert (samples / "a.txt").read_text(encoding="utf-8") == ARTICLE


def test_batch_refuses_the_input_folder_as_output_folder(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    line = _one_error_line(cli("batch", tmp_path, tmp_path / ".", "--model", "/nonexistent/model"))
    assert "is the input folder" in line
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def _read_fifo(path: Path, into: list) -> threading.Thread:
    def read():
        with open(path, "rb") as f:
            into.append(f.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_o_fifo_is_written_in_place_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    run = cli("segment", SAMPLE, "-o", fifo)
    reader.join(timeout=30)
    assert run.returncode == 0, run.stderr.decode()
    assert got and got[0].decode().startswith("# Nordkorea")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]  # no temp file left beside it


@pytest.mark.slow
def test_translate_with_the_tiny_model_writes_to_a_fifo(tmp_path, tiny_marian_dir):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    run = cli("translate", article, "--model", tiny_marian_dir, "--backend", "transformers", "--beams", "1",
              "--format", "json", "-o", fifo)  # fmt: skip
    reader.join(timeout=30)
    assert run.returncode in (0, 1), run.stderr.decode()  # 1: the random model's numbers fail their checks
    assert b'"blocks"' in got[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_o_dev_stdout_writes_into_the_pipe():
    run = cli("segment", SAMPLE, "-o", "/dev/stdout", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout.decode().startswith("# Nordkorea")
    assert os.path.islink("/dev/stdout")


def test_o_dev_stdout_appended_to_a_file_keeps_what_was_there(tmp_path):
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", encoding="utf-8")
    with open(log, "ab") as f:  # `>> log.txt`
        run = cli("segment", SAMPLE, "-o", "/dev/stdout", stdout=f, stderr=subprocess.PIPE)
    assert run.returncode == 0, run.stderr.decode()
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier line\n# Nordkorea")


def test_o_dev_stdout_onto_the_input_file_is_refused(tmp_path):
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with open(article, "ab") as f:  # `summarise segment artikel.txt -o /dev/stdout >> artikel.txt`
        run = cli("segment", article, "-o", "/dev/stdout", stdout=f, stderr=subprocess.PIPE)
    assert "is the input file" in _one_error_line(run)
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_o_symlink_replaces_its_target_atomically_and_the_link_stays(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    old_inode = target.stat().st_ino
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run = cli("segment", SAMPLE, "-o", link)
    assert run.returncode == 0, run.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("# Nordkorea")
    assert target.stat().st_ino != old_inode  # renamed into place, never rewritten in place
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.txt"]


def test_o_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "new.txt")
    run = cli("segment", SAMPLE, "-o", link)
    assert run.returncode == 0, run.stderr.decode()
    assert link.is_symlink() and (tmp_path / "new.txt").read_text(encoding="utf-8").startswith("# Nordkorea")


# --- the library functions ------------------------------------------------------------------------


def test_check_output_file_accepts_stdout_new_files_and_writable_files(tmp_path):
    check_output_file(None)
    check_output_file("-")
    check_output_file(tmp_path / "new.txt", inputs=[SAMPLE, "-"])
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    check_output_file(tmp_path / "old.txt", inputs=[SAMPLE])


def test_check_output_file_names_the_protected_file(tmp_path):
    golden = tmp_path / "a.txt.json"
    golden.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="is a golden file"):
        check_output_file(golden, protected=[(golden, "a golden file")])


def test_write_output_to_a_regular_file_is_atomic_and_keeps_permissions(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    write_output(out, "new\n")
    assert out.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def _no_temp_files(folder: Path) -> bool:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_open_output_streams_into_place_with_the_files_permissions(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    with open_output(out) as write:
        write("new ")
        assert out.read_text(encoding="utf-8") == "old"  # nothing of the new text until the end
        write("text\n")
    assert out.read_text(encoding="utf-8") == "new text\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert _no_temp_files(tmp_path)


def test_open_output_keeps_the_old_file_when_the_caller_fails(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(KeyError), open_output(out) as write:  # the caller's own error passes untouched
        write("half")
        raise KeyError("caller")
    assert out.read_text(encoding="utf-8") == "old"
    assert _no_temp_files(tmp_path)


@pytest.mark.parametrize("step", ["fchmod", "fdopen"])
def test_no_hidden_temp_file_when_opening_it_fails(tmp_path, monkeypatch, step):
    """mkstemp has created the temp file; a failure right after (permissions, opening) removes it."""

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, step, fail)
    out = tmp_path / "out.txt"
    with pytest.raises(OSError, match="No space left"):
        write_atomic(out, "text")
    assert _no_temp_files(tmp_path)
    with pytest.raises(InputError, match=r"^no space left on device: cannot write .*out.txt$"), open_output(out):
        pass
    assert _no_temp_files(tmp_path)
    assert not out.exists()
