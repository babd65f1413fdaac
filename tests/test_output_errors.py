"""Issue 13 item 4: output and cache path problems are the user's to fix: one clear line, exit 2,
before any model is loaded; an unwritable cache folder only costs the cache (one warning).

Read-only cases run with root's privileges dropped (cli_doubles `unprivileged`), since root may
write anywhere; they use world-readable temp folders for that.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from cli_doubles import drive

from summarise import paths
from summarise.translation.cache import TranslationCache

ARTICLE = "Nordkorea schickt Truppen\n\nRund 3.000 Soldaten kamen bis zum 26. Februar.\n"
MODELS = ["--model", "translator-double", "--summary-model", "summariser-double"]


def cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "summarise", *map(str, args)],
        capture_output=True, timeout=300, env={**os.environ, **(env or {})},
    )  # fmt: skip


def _one_error_line(code: int, stderr: str) -> str:
    lines = stderr.splitlines()
    assert code == 2, stderr
    assert len(lines) == 1 and lines[0].startswith("summarise: error: "), lines
    return lines[0]


@pytest.fixture
def shared_tmp():
    """A temp folder every user can read (tmp_path's parents are root-only)."""
    root = Path(tempfile.mkdtemp(prefix="summarise-paths-"))
    root.chmod(0o755)
    yield root
    for p in [root, *root.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize(
    "make_out, message",
    [
        (lambda t: t, "is a folder: give a file name"),
        (lambda t: t / "missing" / "out.txt", "folder {t}/missing does not exist"),
        (lambda t: (t / "file.txt").write_text("x") and t / "file.txt" / "out.txt", "Not a directory"),
    ],
    ids=["a folder", "in a missing folder", "below a file"],
)
def test_o_naming_a_folder_or_a_missing_folder_is_exit_2_before_any_model(tmp_path, make_out, message):
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = make_out(tmp_path)
    run = cli("translate", article, "--model", "/nonexistent/model", "-o", out)
    line = _one_error_line(run.returncode, run.stderr.decode())
    assert message.format(t=tmp_path) in line and "/nonexistent/model" not in line
    assert not (tmp_path / "missing").exists()


def test_read_only_outputs_are_exit_2_before_any_model_is_loaded(shared_tmp):
    """-o a read-only file, -o in a read-only folder, a read-only batch OUT, an OUT that cannot be
    created, a read-only golden folder, regress compare -o into a read-only folder."""
    t = shared_tmp
    (t / "in").mkdir()
    (t / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (t / "ro").mkdir()
    (t / "report.txt").write_text("old\n", encoding="utf-8")
    (t / "report.txt").chmod(0o444)
    loaded = t / "ro-cache"  # never created: models are not loaded
    env = {"CLI_DOUBLE_LOADED": str(loaded), "SUMMARISE_CACHE_DIR": str(t / "cache")}
    setup = drive([{"argv": ["regress", "record", str(t / "in"), *MODELS], "cwd": str(t), "env": env}])
    assert setup[0]["code"] == 0, setup
    (loaded).unlink()
    (t / "ro").chmod(0o555)
    (t / "in" / "golden").chmod(0o555)
    article = str(t / "in" / "a.txt")
    cases = {
        "-o read-only file": (["translate", article, *MODELS[:2], "-o", str(t / "report.txt")], "the file is read-only"),
        "-o in read-only folder": (["brief", article, *MODELS, "-o", str(t / "ro" / "b.txt")], f"folder {t}/ro is read-only"),
        "check -o read-only": (["check", article, article, "-o", str(t / "report.txt")], "read-only"),
        "segment -o read-only": (["segment", article, "-o", str(t / "ro" / "s.txt")], "read-only"),
        "batch OUT read-only": (["batch", str(t / "in"), str(t / "ro"), *MODELS], f"OUTPUT_DIR {t}/ro: the folder is read-only"),
        "batch OUT not creatable": (["batch", str(t / "in"), str(t / "ro" / "new" / "out"), *MODELS], f"{t}/ro is read-only"),
        "regress record golden read-only": (["regress", "record", str(t / "in"), *MODELS], "golden folder"),
        "regress compare -o read-only": (
            ["regress", "compare", str(t / "in"), *MODELS, "-o", str(t / "ro" / "r.xml"), "--format", "junit"],
            f"folder {t}/ro is read-only",
        ),
    }  # fmt: skip
    results = drive([{"argv": argv, "cwd": str(t), "env": env, "unprivileged": True} for argv, _ in cases.values()])
    for (name, (_, message)), result in zip(cases.items(), results, strict=True):
        line = _one_error_line(result["code"], result["stderr"])
        assert message in line and "read-only" in line, (name, line)
        assert result["stdout"] == "", name
    assert not loaded.exists()  # every one was refused before the models were loaded
    assert (t / "report.txt").read_text(encoding="utf-8") == "old\n"
    assert list((t / "ro").iterdir()) == []


# --- the cache folder ---------------------------------------------------------------------------


def test_a_file_as_cache_folder_degrades_the_translation_cache_with_one_warning(tmp_path, monkeypatch, caplog):
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(paths, "_warned", set())
    with caplog.at_level(logging.WARNING):
        cache = TranslationCache()
        cache.put_many("ns", [("Hallo", "Hello")])
        assert cache.get_many("ns", ["Hallo"]) == {}
        assert cache.disabled
        assert paths.writable_cache_dir("ct2") is None
        TranslationCache()
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert f"cache folder {tmp_path / 'cache'} cannot be written" in warnings[0]
    assert "is a file, not a folder" in warnings[0] and "SUMMARISE_CACHE_DIR" in warnings[0]


def test_a_read_only_cache_folder_degrades_with_one_warning(shared_tmp):
    """Run as an unprivileged user in a forked child: root could write to a read-only folder."""
    cache_root = shared_tmp / "cache"
    cache_root.mkdir()
    cache_root.chmod(0o555)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports "disabled ct2 warnings" on the pipe
        code = 1
        try:
            os.close(r)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            os.environ["SUMMARISE_CACHE_DIR"] = str(cache_root)
            paths._warned.clear()
            records = []
            handler = logging.Handler()
            handler.emit = records.append
            logging.getLogger("summarise").addHandler(handler)
            cache = TranslationCache()
            cache.put_many("ns", [("Hallo", "Hello")])
            ct2 = paths.writable_cache_dir("ct2")
            os.write(w, f"{cache.disabled} {ct2} {len(records)} {records[0].getMessage() if records else ''}".encode())
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    with os.fdopen(r) as f:
        report = f.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert report.startswith("True None 1 "), report
    assert "(it is read-only)" in report or "Permission denied" in report
    assert list(cache_root.iterdir()) == []


def test_models_convert_with_an_unwritable_cache_is_exit_2(tmp_path):
    (tmp_path / "cache").write_text("x", encoding="utf-8")
    run = cli("models", "convert", "/nonexistent/model", env={"SUMMARISE_CACHE_DIR": str(tmp_path / "cache")})
    line = _one_error_line(run.returncode, run.stderr.decode())
    assert f"cache folder {tmp_path / 'cache'} cannot be written" in line


@pytest.mark.slow
def test_translate_with_a_file_as_cache_folder_converts_into_a_temp_folder(tmp_path, tiny_marian_dir):
    """The CTranslate2 conversion needs a folder: with an unwritable cache it is made in a temp folder
    for the run and removed at exit; the run goes on with one warning."""
    pytest.importorskip("ctranslate2")
    (tmp_path / "cache").write_text("x", encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    env = {"SUMMARISE_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path / "tmp")}
    run = cli("translate", article, "--model", tiny_marian_dir, "--backend", "ctranslate2", "--beams", "1",
              "-o", tmp_path / "out.txt", env=env)  # fmt: skip
    stderr = run.stderr.decode()
    assert run.returncode in (0, 1), stderr  # 1: the random model's numbers fail their checks
    assert "Traceback" not in stderr
    warnings = [line for line in stderr.splitlines() if "cache folder" in line]
    assert len(warnings) == 1 and "cannot be written" in warnings[0], stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").strip()
    assert (tmp_path / "cache").read_text(encoding="utf-8") == "x"
    assert list((tmp_path / "tmp").iterdir()) == []  # the temp conversion is gone


README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_output_error_examples_are_what_the_commands_print(shared_tmp):
    """Each example line under "Usage" comes out of the command, word for word (paths aside)."""
    t = shared_tmp
    for d in ("a", "b", "c"):
        (t / d / "articles").mkdir(parents=True)
        (t / d / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (t / d / "artikel.txt").write_text(ARTICLE, encoding="utf-8")
    (t / "a" / "out").mkdir()
    (t / "c" / "out").mkdir()
    (t / "c" / "out").chmod(0o555)
    (t / "a" / "brief.md").write_text("old\n", encoding="utf-8")
    (t / "a" / "brief.md").chmod(0o444)
    (t / "a" / "samples" / "golden").mkdir(parents=True)
    (t / "a" / "samples" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (t / "a" / "samples" / "golden" / "a.txt.json").write_text("{}\n", encoding="utf-8")
    cases = [
        ("a", ["segment", "artikel.txt", "-o", "artikel.txt"]),
        ("a", ["regress", "compare", "samples", "-o", "samples/golden/a.txt.json"]),
        ("a", ["segment", "artikel.txt", "-o", "out"]),
        ("b", ["segment", "artikel.txt", "-o", "out/brief.md"]),
        ("a", ["segment", "artikel.txt", "-o", "brief.md"]),
        ("c", ["batch", "articles", "out"]),
        ("a", ["batch", "articles", "articles"]),
    ]
    results = drive([{"argv": argv, "cwd": str(t / d), "unprivileged": True} for d, argv in cases])
    readme = README.read_text(encoding="utf-8")
    for (d, argv), result in zip(cases, results, strict=True):
        line = _one_error_line(result["code"], result["stderr"]).replace(str(t / d), "/home/me")
        assert line in readme, (argv, line)
