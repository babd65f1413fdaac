"""`summarise serve` as a process: a job killed with kill -9 mid-document completes after a restart
with the same output as an uninterrupted run; SIGTERM lets the running request finish and exits 0;
a missing extra or a bad option is one line and exit 2."""

from __future__ import annotations

import json
import signal
import sqlite3
import sys
import threading
import time

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
requests = pytest.importorskip("requests")

from serve_helpers import get_json, serve_process, wait_until_up  # noqa: E402

# Distinct short paragraphs (no cache hits within the run; the tiny random model's output grows with its
# input): several job windows (JOB_WINDOW = 64 inputs), so the job has a resume point part way and still runs
# when its first window is seen done (with two windows a fast machine may finish between two looks).
ARTICLE = "Truppen an der Front\n\n" + "\n\n".join(f"Am Tag {i} sprach er in Berlin." for i in range(200)) + "\n"


def stop(process, sig=signal.SIGTERM, timeout=60) -> int:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout)
    finally:
        if process.poll() is None:
            process.kill()


def reference_outputs(model, name: str) -> dict[str, str]:
    """The uninterrupted run: the same document through the library, as a job translates it."""
    from summarise.ingest import document_from_bytes
    from summarise.models.runtime import Runtime
    from summarise.output.render import render_translation
    from summarise.serve.jobs import JOB_WINDOW
    from summarise.translation.engine import Translator
    from summarise.translation.results import Translation

    runtime = Runtime.resolve(str(model), backend="transformers", device="cpu", threads=1, beams=1, cache=False)
    translator = Translator.from_runtime(runtime)
    doc = document_from_bytes(ARTICLE.encode(), source=name, name=name, suffix=".txt")
    blocks = list(translator.translate_stream(doc, window=JOB_WINDOW))
    translation = Translation(translator.backend.model.name, blocks, translator.signature(), source=name)
    return {fmt: render_translation(translation, fmt) for fmt in ("text", "json")}


@pytest.mark.slow
def test_kill_9_mid_job_resumes_after_restart_and_sigterm_drains(tiny_marian_dir, tiny_bart_dir, tmp_path):
    cache = tmp_path / "cache"
    first, base = serve_process(tiny_marian_dir, cache, summary=tiny_bart_dir)
    try:
        wait_until_up(base, 180, first)
        r = requests.post(base + "/v1/jobs", files={"file": ("artikel.txt", ARTICLE.encode())}, timeout=30)
        job_id = r.json()["id"]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            progress = get_json(f"{base}/v1/jobs/{job_id}")["progress"]
            if progress["blocks_total"] and 0 < progress["blocks_done"] < progress["blocks_total"]:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"the job never got part way: {progress}")
        first.kill()  # kill -9: no shutdown code runs
        first.wait(30)
    finally:
        if first.poll() is None:
            first.kill()
    done_before = progress["blocks_done"]
    with sqlite3.connect(cache / "jobs" / "jobs.sqlite3") as db:
        assert db.execute("SELECT status FROM jobs WHERE id = ?", (job_id,)).fetchone()[0] == "running"

    second, base = serve_process(tiny_marian_dir, cache, summary=tiny_bart_dir)
    try:
        wait_until_up(base, 180, second)
        deadline = time.monotonic() + 300
        while (job := get_json(f"{base}/v1/jobs/{job_id}"))["status"] in ("queued", "running"):
            assert time.monotonic() < deadline, job
            time.sleep(0.2)
        assert job["status"] == "done" and job["attempts"] == 2
        urls = job["documents"][0]["results"]
        got = {"text": requests.get(urls["translation.txt"], timeout=30).text,
               "json": requests.get(urls["translation.json"], timeout=30).text}  # fmt: skip
        expected = reference_outputs(tiny_marian_dir, "artikel.txt")
        assert got["text"] == expected["text"]
        assert json.loads(got["json"]) == json.loads(expected["json"])
        assert 0 < done_before < len(json.loads(got["json"])["blocks"])

        # SIGTERM while a request runs: it is answered, then the process exits 0.
        answer: dict = {}

        def slow_request():
            text = "\n\n".join(f"Am Morgen {d} regnete es in Bonn." for d in range(1, 9))
            answer["r"] = requests.post(base + "/v1/translate", json={"text": text}, timeout=120)

        thread = threading.Thread(target=slow_request)
        thread.start()
        time.sleep(0.5)
        assert stop(second, signal.SIGTERM, 120) == 0
        thread.join(60)
        assert answer["r"].status_code == 200 and len(answer["r"].json()["blocks"]) == 8
        stderr = second.stderr.read()
        assert "Traceback" not in stderr
    finally:
        if second.poll() is None:
            second.kill()


def run_cli(monkeypatch, capsys, *args) -> tuple[int, str]:
    from summarise.cli import main

    monkeypatch.setattr(sys, "argv", ["summarise", *args])
    with pytest.raises(SystemExit) as e:
        main()
    return e.value.code, capsys.readouterr().err


def test_missing_serve_extra_is_one_line_exit_2(monkeypatch, capsys):
    import summarise.serve

    monkeypatch.setattr(summarise.serve, "missing_dependency", lambda: "uvicorn")
    code, err = run_cli(monkeypatch, capsys, "serve")
    assert code == 2
    assert err.strip().splitlines() == [f"summarise: error: {summarise.serve.MISSING_EXTRA}"]
    assert "install summarise[serve]" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read it"), ("alpha ten\n", "line 1: expected KEY [REQUESTS_PER_MINUTE]"), ("# none\n", "no keys in it")],
)
def test_bad_api_keys_file_is_one_line_exit_2(monkeypatch, capsys, tmp_path, content, message):
    keys = tmp_path / "keys.txt"
    if content is not None:
        keys.write_text(content)
    code, err = run_cli(monkeypatch, capsys, "serve", "--api-keys", str(keys))
    assert code == 2 and len(err.strip().splitlines()) == 1 and message in err
