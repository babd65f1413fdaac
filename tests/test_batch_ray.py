"""`summarise batch --engine ray`: the same outputs, manifest, statuses and resume as the local engine,
on a real local Ray instance (2 CPUs, no dashboard), with worker processes killed mid-article and
drivers killed with SIGKILL.

One Ray instance serves the whole module (starting one costs seconds). Its worker processes inherit
the environment at start: PYTHONPATH reaches the test doubles, the caches point into a temp dir.
"""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import ray
from batch_doubles import (
    FATAL_MARKER,
    STALL_MARKER,
    UppercaseTranslatorDouble,
    make_double,
    missing_models,
    wait_for_manifest_lines,
)
from test_batch import BAD, CHECKS_FAIL, GOOD, write_tree
from typer.testing import CliRunner

from summarise.batch import MANIFEST_NAME, read_manifest, run_batch
from summarise.batch.ray_engine import RayEngine
from summarise.cli import app
from summarise.errors import SummariseError

TESTS = Path(__file__).resolve().parent
SAMPLES = TESTS.parent / "samples"
RUNNER = TESTS / "batch_doubles.py"
TIMING = ("seconds", "finished")  # the only fields that may differ between two runs


@pytest.fixture(scope="module")
def ray_address(tmp_path_factory):
    """A local Ray instance for this module; its address, for drivers in other processes to join."""
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "SUMMARISE_CACHE_DIR", "HF_HUB_CACHE")}
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), saved["PYTHONPATH"]]))
    os.environ["SUMMARISE_CACHE_DIR"] = str(tmp_path_factory.mktemp("ray-workers-cache"))
    os.environ["HF_HUB_CACHE"] = str(tmp_path_factory.mktemp("ray-workers-hf"))
    import logging

    # Workers at nice 0, as the engine's own local instance runs them (Ray's default 15 starves them
    # on a busy machine).
    ray.init("local", num_cpus=2, include_dashboard=False, object_store_memory=80 << 20, logging_level=logging.ERROR,
             log_to_driver=False, _system_config={"worker_niceness": 0})  # fmt: skip
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def comparable(out: Path) -> dict[str, dict]:
    """The manifest without its timing fields; one line per article."""
    lines = [json.loads(line) for line in (out / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()]
    assert len({e["path"] for e in lines}) == len(lines)
    return {e["path"]: {k: v for k, v in e.items() if k not in TIMING} for e in lines}


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in (MANIFEST_NAME, ".summarise-batch.lock")}  # fmt: skip


_THREAD_PLAN = re.compile(rb'"threads": "(\d+x\d+)"')


def files_and_plans(out: Path) -> tuple[dict[str, bytes], set[bytes]]:
    """`files(out)` with the CTranslate2 signatures' thread plan ("2x1": workers x threads) set aside.

    The plan says how an engine used the cores, never what it wrote (it is out of the cache key and
    the batch fingerprint); a local run with 2 threads plans 2x1 where each Ray worker has one core."""
    plans: set[bytes] = set()

    def strip(data: bytes) -> bytes:
        plans.update(_THREAD_PLAN.findall(data))
        return _THREAD_PLAN.sub(b'"threads": "-"', data)

    return {name: strip(data) for name, data in files(out).items()}, plans


def skipped_in_table(stderr: str) -> int:
    match = re.search(r"done earlier \(skipped\)\s*│\s*(\d+)", stderr)
    assert match, stderr
    return int(match.group(1))


def double_engine(**kw) -> RayEngine:
    options = {k: kw.pop(k) for k in ("delay", "stall_file") if k in kw}
    return RayEngine(functools.partial(make_double, **options), workers=kw.pop("workers", 2), **kw)


# --- the same results as the local engine --------------------------------------------------------


@pytest.mark.slow
def test_samples_give_byte_identical_outputs_and_the_same_manifest_with_both_engines(
    ray_address, tiny_marian_dir, tiny_bart_dir, tmp_path
):
    common = [SAMPLES, None, "--model", tiny_marian_dir, "--summary-model", tiny_bart_dir, "--offline", "--beams", "1",
              "--no-cache", "--group-size", "2", "--formats", "json,markdown,text"]  # fmt: skip
    runs = {}
    for engine, extra in (("local", []), ("ray", ["--engine", "ray", "--workers", "2"])):
        out = tmp_path / engine
        args = [str(a) for a in common[:1]] + [str(out)] + [str(a) for a in common[2:]] + extra
        result = CliRunner().invoke(app, ["batch", *args])
        assert result.exit_code in (0, 1), result.output
        assert "numbers checked" in result.stderr  # the same summary table, drawn by the driver
        runs[engine] = (result, out)
    local, ray_out = runs["local"][1], runs["ray"][1]
    assert len(comparable(local)) == 6 and all(e["mode"] == "brief" for e in comparable(local).values())
    assert comparable(ray_out) == comparable(local)
    (ray_files, ray_plans), (local_files, local_plans) = files_and_plans(ray_out), files_and_plans(local)
    assert ray_files == local_files
    assert len(local_files) == 18
    assert len(ray_plans) <= 1 and len(local_plans) <= 1  # one plan per engine, if its backend records one
    assert runs["local"][0].exit_code == runs["ray"][0].exit_code
    # Both Ray workers did work, and the driver says so.
    workers = [line for line in runs["ray"][0].stderr.splitlines() if line.startswith("worker ")]
    assert len(workers) == 2, runs["ray"][0].stderr

    # A rerun with the other engine skips everything: the manifest stays as it was, timestamps included.
    before = (local / MANIFEST_NAME).read_bytes()
    again = CliRunner().invoke(app, ["batch", str(SAMPLES), str(local), *map(str, common[2:]), "--engine", "ray"])
    assert again.exit_code == runs["local"][0].exit_code, again.output
    assert skipped_in_table(again.stderr) == 6
    assert (local / MANIFEST_NAME).read_bytes() == before


def test_bad_articles_and_failed_checks_are_recorded_exactly_as_locally(ray_address, tmp_path):
    src = write_tree(tmp_path / "in", {**GOOD, **CHECKS_FAIL, **BAD})
    local = run_batch(src, tmp_path / "local", translator=UppercaseTranslatorDouble(), group_size=3)
    remote = run_batch(src, tmp_path / "ray", engine=double_engine(), group_size=3)
    assert comparable(tmp_path / "ray") == comparable(tmp_path / "local")
    assert files(tmp_path / "ray") == files(tmp_path / "local")
    assert [(i.path, i.status, i.error) for i in remote.items] == [(i.path, i.status, i.error) for i in local.items]
    assert (remote.ok, remote.checks_failed, remote.errors) == (len(GOOD), 1, len(BAD))
    assert all(e["retries"] == 0 and e["retry_reason"] is None for e in comparable(tmp_path / "ray").values())


def test_outputs_written_by_workers_never_leave_output_dir(ray_address, tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    src = write_tree(tmp_path / "in", {"sub/a.txt": "Eins.", "b.txt": "Zwei."})
    result = run_batch(src, out, engine=double_engine(workers=1))
    assert {i.path: i.status for i in result.items} == {"b.txt": "ok", "sub/a.txt": "error"}
    assert "outside OUTPUT_DIR" in next(i.error for i in result.items if i.path == "sub/a.txt")
    assert list(elsewhere.iterdir()) == []


# --- faults --------------------------------------------------------------------------------------


def test_a_worker_killed_mid_article_is_replaced_and_its_articles_end_ok_with_the_retry_noted(ray_address, tmp_path):
    files_in = {f"{i:02d}.txt": f"Titel {i}\n\nAm {i}. März kamen {i * 100} Menschen." for i in range(8)}
    files_in["03.txt"] = f"Langsam\n\nDieser Artikel läuft in {STALL_MARKER}."
    src = write_tree(tmp_path / "in", files_in)
    stall = tmp_path / "stalled-worker.pid"
    killed = []

    def kill_the_stalled_worker():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            if stall.exists() and stall.read_text():
                pid = int(stall.read_text())
                os.kill(pid, signal.SIGKILL)  # from outside, as the OOM killer or an operator would
                killed.append(pid)
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_stalled_worker, daemon=True)
    killer.start()
    engine = double_engine(stall_file=str(stall), delay=0.05)
    result = run_batch(src, tmp_path / "out", engine=engine, group_size=2)
    killer.join(timeout=5)
    assert killed, "the stalled worker was never seen"

    assert result.ok == len(files_in) and result.errors == 0
    entries = comparable(tmp_path / "out")
    retried = {p: e for p, e in entries.items() if e["retries"]}
    # Its whole group (03 and its neighbour 02) went down with it and was redone elsewhere.
    assert set(retried) == {"02.txt", "03.txt"}
    for entry in retried.values():
        assert entry["retries"] == 1 and entry["status"] == "ok"
        assert f"worker {killed[0]}@" in entry["retry_reason"] and "died" in entry["retry_reason"]
    for rel in files_in:
        data = json.loads((tmp_path / "out" / f"{rel}.json").read_text(encoding="utf-8"))
        assert data["blocks"][0]["translation"] == files_in[rel].split("\n")[0].upper()
    assert not [p for p in (tmp_path / "out").rglob("*.tmp")]
    # The articles were done by the surviving worker and the killed one's replacement.
    assert sum(n for _, n, _ in engine.worker_stats()) == len(files_in)
    # The killed worker may have finished a group before it stalled (on a busy machine it often has), never
    # the group it died in: that one counts for the others.
    by_killed = sum(n for name, n, _ in engine.worker_stats() if name.startswith(f"{killed[0]}@"))
    assert by_killed <= len(files_in) - len(retried)


@pytest.mark.slow
def test_an_article_that_kills_every_worker_is_an_error_after_max_retries(ray_address, tmp_path):
    files_in = {f"{i:02d}.txt": f"Artikel {i}." for i in range(4)}
    files_in["01.txt"] = f"Dieser Artikel ist ein {FATAL_MARKER}."
    src = write_tree(tmp_path / "in", files_in)
    result = run_batch(src, tmp_path / "out", engine=double_engine(max_retries=1), group_size=4)
    statuses = {i.path: i.status for i in result.items}
    assert statuses == {"00.txt": "ok", "01.txt": "error", "02.txt": "ok", "03.txt": "ok"}
    entries = comparable(tmp_path / "out")
    bad = entries["01.txt"]
    assert bad["retries"] == 1 and "died" in bad["retry_reason"]
    assert "died" in bad["error"] and bad["error"].endswith("tried 2 times")
    assert bad["outputs"] == [] and not (tmp_path / "out" / "01.txt.json").exists()
    # The innocent articles of its group were retried once, one at a time, and finished.
    assert all(entries[p]["retries"] == 1 for p in ("00.txt", "02.txt", "03.txt"))

    # A rerun retries the error (and only it) — it dies again: still an error, exit code 2 in the CLI.
    again = run_batch(src, tmp_path / "out", engine=double_engine(max_retries=0))
    assert [i.path for i in again.items if not i.skipped] == ["01.txt"]
    assert comparable(tmp_path / "out")["01.txt"]["error"].endswith("tried 1 time")


def _driver(src, out, *extra, delay="0.2"):
    env = {**os.environ, "BATCH_DOUBLE_DELAY": delay}
    return subprocess.Popen(
        [sys.executable, str(RUNNER), "batch", str(src), str(out), "--translate-only", "--group-size", "1", *extra],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


MANY = {f"artikel-{i:02d}.txt": f"Titel {i}\n\nAm {i}. März kamen {i * 100} Menschen." for i in range(14)}


@pytest.mark.parametrize("first, then", [("ray", "local"), ("local", "ray")])
def test_a_driver_killed_with_sigkill_leaves_a_manifest_the_other_engine_resumes(ray_address, tmp_path, first, then):
    src = write_tree(tmp_path / "in", MANY)
    out = tmp_path / "out"
    engine = {"ray": ["--engine", "ray", "--ray-address", ray_address, "--workers", "2"], "local": []}
    proc = _driver(src, out, *engine[first])
    wait_for_manifest_lines(out, 4, proc)
    proc.kill()
    proc.wait()
    before = read_manifest(out / MANIFEST_NAME)
    assert 4 <= len(before) < len(MANY)
    for rel in before:  # what the manifest lists is complete
        json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
    stamps = {rel: (out / f"{rel}.json").stat().st_mtime_ns for rel in before}

    rerun = _driver(src, out, *engine[then], delay="0")
    _, stderr = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, stderr.decode()
    assert skipped_in_table(stderr.decode()) == len(before)
    after = read_manifest(out / MANIFEST_NAME)
    assert set(after) == set(MANY) and all(e.status == "ok" for e in after.values())
    for rel, entry in before.items():  # finished articles were not redone
        assert after[rel] == entry
        assert (out / f"{rel}.json").stat().st_mtime_ns == stamps[rel]
    for rel in MANY:
        data = json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
        assert data["blocks"][0]["translation"] == MANY[rel].split("\n")[0].upper()
    assert [p.name for p in out.rglob("*.tmp")] == []
    # The killed driver's workers went with it: the cluster is back to its 2 free CPUs.
    deadline = time.monotonic() + 30
    while ray.available_resources().get("CPU", 0) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert ray.available_resources().get("CPU", 0) == 2


# --- the driver's side of the CLI ----------------------------------------------------------------


def test_the_driver_draws_the_progress_bars_and_the_summary(ray_address, tmp_path):
    from test_batch_cli import _run_on_pty

    src = write_tree(tmp_path / "in", dict(list(MANY.items())[:6]))
    code, tty = _run_on_pty(src, tmp_path / "out", "--engine", "ray", "--ray-address", ray_address, "--workers", "2")
    assert code == 0, tty
    assert "sentences" in tty and "articles" in tty  # the two bars
    assert "numbers checked" in tty  # the summary table
    assert len(re.findall(r"worker \d+@\S+: \d+ articles?", tty)) == 2


def test_a_model_a_worker_cannot_load_is_the_same_one_line_error_as_locally(ray_address, tmp_path):
    src = write_tree(tmp_path / "in", {"a.txt": "Eins."})
    args = ["batch", str(src), str(tmp_path / "out"), "--translate-only", "--model", "nobody/no-such-model", "--offline"]
    local = CliRunner().invoke(app, args)
    remote = CliRunner().invoke(app, [*args, "--engine", "ray"])
    assert local.exit_code == remote.exit_code == 2
    assert remote.stderr.strip().splitlines() == local.stderr.strip().splitlines()
    assert local.stderr.startswith("summarise: error: model nobody/no-such-model is not in the local cache")


def test_a_worker_that_cannot_load_the_models_stops_the_run_with_the_loading_error(ray_address, tmp_path):
    from summarise.errors import ModelNotAvailable

    src = write_tree(tmp_path / "in", {"a.txt": "Eins."})
    engine = RayEngine(functools.partial(missing_models, "nobody/elsewhere"), workers=2)
    with pytest.raises(SummariseError) as info:
        run_batch(src, tmp_path / "out", engine=engine)
    assert str(info.value) == str(ModelNotAvailable("nobody/elsewhere")) and info.value.exit_code == 2
    assert not (tmp_path / "out" / MANIFEST_NAME).exists() or not read_manifest(tmp_path / "out" / MANIFEST_NAME)


def test_sigterm_stops_a_ray_run_cleanly_with_exit_130_and_frees_its_workers(ray_address, tmp_path):
    src = write_tree(tmp_path / "in", MANY)
    out = tmp_path / "out"
    proc = _driver(src, out, "--engine", "ray", "--ray-address", ray_address, "--workers", "2")
    wait_for_manifest_lines(out, 3, proc)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    message = stderr.decode()
    assert proc.returncode == 130, message
    done = len(read_manifest(out / MANIFEST_NAME))
    assert f"summarise: error: interrupted: {done} of {len(MANY)} articles done; rerun to continue" in message
    assert "Traceback" not in message
    deadline = time.monotonic() + 30
    while ray.available_resources().get("CPU", 0) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert ray.available_resources().get("CPU", 0) == 2  # the driver killed its workers on the way out
