"""`summarise batch` end to end: the real tiny models through the CLI, kills and interrupts of a real
process, progress only on a terminal, exit codes."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from batch_doubles import UppercaseTranslatorDouble, wait_for_manifest_lines
from typer.testing import CliRunner

from summarise.batch import MANIFEST_NAME
from summarise.cli import app

TESTS = Path(__file__).resolve().parent
RUNNER = TESTS / "batch_doubles.py"  # the real CLI with the translator double (see its docstring)
SAMPLES = TESTS.parent / "samples"

ARTICLES = {
    "nordkorea.txt": (SAMPLES / "nordkorea-truppen.txt").read_text(encoding="utf-8"),
    "politik/paris.md": "# Treffen in Paris\n\nDie Staats- und Regierungschefs treffen sich am Donnerstag in Paris.",
    "wirtschaft/bericht.txt": "Wachstum\n\nDie Wirtschaft wuchs um 2,5 Prozent. Das Defizit sank auf 1,2 Milliarden Euro.",
}


def write_articles(root: Path, files: dict) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def manifest(out: Path) -> dict[str, dict]:
    lines = (out / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert len({e["path"] for e in entries}) == len(entries), "one line per article"
    return {e["path"]: e for e in entries}


def invoke(*args):
    return CliRunner().invoke(app, ["batch", *map(str, args)])


# --- the real model path -----------------------------------------------------------------------


def test_translate_only_with_the_tiny_marian_model_and_a_rerun_that_skips_everything(tiny_marian_dir, tmp_path):
    src = write_articles(tmp_path / "in", {**ARTICLES, "leer.txt": ""})
    out = tmp_path / "out"
    args = [src, out, "--translate-only", "--model", tiny_marian_dir, "--offline", "--beams", "1", "--formats", "json,markdown,text"]
    result = invoke(*args)
    entries = manifest(out)
    assert set(entries) == {*ARTICLES, "leer.txt"}
    assert entries["leer.txt"]["status"] == "error"
    assert result.exit_code == 2, result.output  # an article failed → 2, whatever the checks said
    assert "error: leer.txt:" in result.stderr
    assert "numbers checked" in result.stderr  # the summary table
    for rel in ARTICLES:
        e = entries[rel]
        assert e["status"] in ("ok", "checks_failed")
        data = json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
        assert data["model"] and data["blocks"], rel
        assert data["passed"] is (e["status"] == "ok")
        assert (out / f"{rel}.md").read_text(encoding="utf-8").strip()
        assert (out / f"{rel}.txt").read_text(encoding="utf-8").strip()
    # The seed article has numbers, and each block's source is the German text, in order.
    seed = json.loads((out / "nordkorea.txt.json").read_text(encoding="utf-8"))
    assert entries["nordkorea.txt"]["numbers_checked"] > 5
    assert "3.000" in " ".join(b["source"] for b in seed["blocks"])

    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    (src / "leer.txt").unlink()
    again = invoke(*args)
    assert again.exit_code == (1 if any(e["status"] == "checks_failed" for e in entries.values()) else 0), again.output
    after = manifest(out)
    assert {p: after[p] for p in ARTICLES} == {p: entries[p] for p in ARTICLES}  # nothing redone
    for path, stamp in stamps.items():
        if path.name != MANIFEST_NAME:
            assert path.stat().st_mtime_ns == stamp, path


def test_briefs_with_the_tiny_marian_and_bart_models(tiny_marian_dir, tiny_bart_dir, tmp_path):
    src = write_articles(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    result = invoke(src, out, "--model", tiny_marian_dir, "--summary-model", tiny_bart_dir, "--offline", "--beams", "1")
    entries = manifest(out)
    assert result.exit_code == (1 if any(e["status"] == "checks_failed" for e in entries.values()) else 0), result.output
    for rel, e in entries.items():
        brief = json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
        assert {"headline", "summary", "key_figures", "translation", "passed"} <= set(brief)
        assert brief["passed"] is (e["status"] == "ok")
        assert e["mode"] == "brief"
        assert (out / f"{rel}.md").read_text(encoding="utf-8").startswith("#")
    figures = json.loads((out / "nordkorea.txt.json").read_text(encoding="utf-8"))["key_figures"]
    assert any(f["value"] == 3000 for f in figures)


# --- kills and interrupts of a real process ----------------------------------------------------


def _popen(src, out, *extra, delay="0.15", env=None, **kw):
    env = {**os.environ, **(env or {}), "BATCH_DOUBLE_DELAY": delay}
    return subprocess.Popen(
        [sys.executable, str(RUNNER), "batch", str(src), str(out), "--translate-only", "--group-size", "1", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=kw.pop("stderr", subprocess.PIPE),
        # A test runner may ignore SIGINT (background job): give the child the default, as a shell would.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        **kw,
    )


    raise AssertionError("the batch did not start")


MANY = {f"artikel-{i:02d}.txt": f"Titel {i}\n\nAm {i}. März kamen {i * 100} Menschen." for i in range(12)}


def test_sigkill_mid_run_then_a_rerun_completes_without_redoing_finished_articles(tmp_path):
    src = write_articles(tmp_path / "in", MANY)
    out = tmp_path / "out"
    proc = _popen(src, out)
    wait_for_manifest_lines(out, 3, proc)
    proc.kill()
    proc.wait()
    before = manifest(out)
    assert 3 <= len(before) < len(MANY)
    for rel in before:  # what the manifest lists is complete
        json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
    stamps = {rel: (out / f"{rel}.json").stat().st_mtime_ns for rel in before}

    rerun = _popen(src, out, delay="0")
    _, stderr = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, stderr.decode()
    after = manifest(out)
    assert set(after) == set(MANY)
    assert all(e["status"] == "ok" for e in after.values())
    for rel in MANY:
        data = json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
        assert data["blocks"][0]["translation"] == MANY[rel].split("\n")[0].upper()
    for rel, entry in before.items():  # finished articles were not redone
        assert after[rel] == entry
        assert (out / f"{rel}.json").stat().st_mtime_ns == stamps[rel]
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_stops_cleanly_with_exit_130_and_a_rerun_hint(tmp_path, signum):
    src = write_articles(tmp_path / "in", MANY)
    out = tmp_path / "out"
    proc = _popen(src, out)
    wait_for_manifest_lines(out, 2, proc)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=30)
    message = stderr.decode()
    assert proc.returncode == 130, message
    done = len(manifest(out))
    assert f"summarise: error: interrupted: {done} of {len(MANY)} articles done; rerun to continue" in message
    assert "Traceback" not in message


# --- progress only on a terminal ---------------------------------------------------------------


def _run_on_pty(src, out, *extra) -> tuple[int, str]:
    master, slave = pty.openpty()
    proc = _popen(src, out, *extra, delay="0.1", stderr=slave, env={"TERM": "xterm-256color", "COLUMNS": "120"})
    os.close(slave)
    chunks = []

    def read():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    proc.wait(timeout=60)
    reader.join(timeout=5)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path):
    src = write_articles(tmp_path / "in", dict(list(MANY.items())[:5]))
    code, tty = _run_on_pty(src, tmp_path / "tty")
    assert code == 0
    assert "sentences" in tty and "articles" in tty  # the two bars
    assert "numbers checked" in tty  # and the summary

    code, quiet = _run_on_pty(src, tmp_path / "quiet", "--quiet")
    assert code == 0 and "sentences" not in quiet and "numbers checked" not in quiet

    piped = _popen(src, tmp_path / "piped", delay="0.1")
    stdout, stderr = piped.communicate(timeout=60)
    assert piped.returncode == 0
    assert "sentences" not in stderr.decode() and "\x1b[" not in stderr.decode()
    assert "numbers checked" in stderr.decode()  # the summary is still there
    assert stdout == b""


# --- exit codes and arguments ------------------------------------------------------------------


@pytest.fixture
def doubles(monkeypatch):
    """`summarise batch` in-process with the translator double instead of model loading."""
    from summarise import loading, runtime
    from summarise.models.hub import ResolvedModel

    made = []  # the Runtime of every load

    def load_models(rt):
        made.append(rt)
        return loading.Models(UppercaseTranslatorDouble(), None)

    monkeypatch.setattr(runtime, "resolve_model", lambda name, **_: ResolvedModel(str(name), Path(str(name)), "double"))
    monkeypatch.setattr(loading, "load_models", load_models)
    return made


def test_exit_codes_follow_the_worst_article(tmp_path, doubles):
    src = write_articles(tmp_path / "in", {"a.txt": "Eins.", "b.txt": "Zwei."})
    assert invoke(src, tmp_path / "o1", "--translate-only").exit_code == 0
    (src / "c.txt").write_text("Es kamen 400. ZAHLENDREHER", encoding="utf-8")
    r = invoke(src, tmp_path / "o2", "--translate-only")
    assert r.exit_code == 1 and "checks failed: c.txt" in r.stderr
    (src / "d.pdf").write_bytes(b"%PDF-1.4 kaputt")
    r = invoke(src, tmp_path / "o3", "--translate-only")
    assert r.exit_code == 2 and "error: d.pdf:" in r.stderr
    assert doubles[0].summary_model is None  # --translate-only: no summariser is loaded


@pytest.mark.parametrize(
    "make_args, message",
    [
        (lambda t: [t / "nope", t / "out"], "INPUT_DIR .*nope does not exist"),
        (lambda t: [t / "in" / "a.txt", t / "out"], "is not a folder"),
        (lambda t: [t / "in", t / "in" / "a.txt"], "OUTPUT_DIR .* not a folder"),
        (lambda t: [t / "in", t / "out", "--formats", "json,odt"], "unknown format odt"),
        (lambda t: [t / "in", t / "out", "--glob", "*.pdf"], "no articles matching"),
        (lambda t: [t / "leer", t / "out"], "no articles"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_before_loading_models(tmp_path, doubles, make_args, message):
    import re

    write_articles(tmp_path / "in", {"a.txt": "Eins."})
    (tmp_path / "leer").mkdir()
    r = invoke(*make_args(tmp_path))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise: error: ")
    assert re.search(message, lines[0])
    assert doubles == []  # no model was loaded


def test_bad_choice_of_backend_is_a_usage_error(tmp_path, doubles):
    write_articles(tmp_path / "in", {"a.txt": "Eins."})
    r = invoke(tmp_path / "in", tmp_path / "out", "--backend", "onnx")
    assert r.exit_code == 2 and "--backend" in r.stderr and doubles == []


def test_a_missing_model_is_one_line_and_exit_2(tmp_path):
    write_articles(tmp_path / "in", {"a.txt": "Eins."})
    r = invoke(tmp_path / "in", tmp_path / "out", "--translate-only", "--model", "nobody/no-such-model", "--offline")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        "summarise: error: model nobody/no-such-model is not in the local cache and offline mode is on "
        "(--offline or HF_HUB_OFFLINE): "
        "run `summarise models download` with network access, or pass --model DIR"
    ]


# --- engines -------------------------------------------------------------------------------------


def test_engine_ray_without_ray_installed_is_one_line_and_exit_2(tmp_path, doubles, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError, as without the extra
    write_articles(tmp_path / "in", {"a.txt": "Eins."})
    r = invoke(tmp_path / "in", tmp_path / "out", "--engine", "ray")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        "summarise: error: --engine ray needs Ray, which is not installed: install summarise[ray]"
    ]
    assert doubles == [] and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--workers", "2"], "--workers applies only to --engine ray"),
        (["--ray-address", "auto", "--max-retries", "0"], "--ray-address, --max-retries apply only to --engine ray"),
        (["--engine", "spark"], "'spark' is not one of local, ray"),
        (["--engine", "ray", "--workers", "0"], "--workers"),
    ],
)
def test_engine_options_are_checked_before_loading_models(tmp_path, doubles, args, message):
    write_articles(tmp_path / "in", {"a.txt": "Eins."})
    r = invoke(tmp_path / "in", tmp_path / "out", *args)
    assert r.exit_code == 2 and message in r.stderr, r.stderr
    assert doubles == []
