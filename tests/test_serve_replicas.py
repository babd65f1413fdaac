"""Replicas of `summarise serve` sharing nothing but their cache folder (translation cache + job database).

Unit level (JobStore): a running job is queued again only when its runner is gone (a dead process of
this machine, a pid taken by a new process, a heartbeat past its lease), never while its replica
lives; a runner that lost its job changes nothing. Process level (slow): two real server processes on
two ports over one fresh cache folder, hit at once with overlapping requests and a job each: every
request answered, no "database is locked", a sentence translated by one is a cache hit for the other,
each job run once; killed with kill -9 mid-job, one replica's job is finished by the other.
"""

from __future__ import annotations

import concurrent.futures
import sqlite3
import subprocess
import sys
import time

import pytest

from summarise.serve.jobs import LEASE_SECONDS, JobStore, _process_start, machine
from summarise.serve.uploads import Upload


def _store_with_running_job(tmp_path, runner: str) -> tuple[JobStore, str]:
    store = JobStore(tmp_path / "jobs.sqlite3")
    job_id = store.create("translate", [Upload("a.txt", b"Der Minister kam.")])
    assert store.claim(runner)["id"] == job_id
    return store, job_id


def _register_raw(path, runner: str, *, host: str, pid: int, started: str | None, heartbeat: float) -> None:
    """A runner row as another process would write it."""
    with sqlite3.connect(path) as db:
        db.execute("INSERT OR REPLACE INTO runners (id, host, pid, started, heartbeat) VALUES (?, ?, ?, ?, ?)",
                   (runner, host, pid, started, heartbeat))  # fmt: skip


def _status(store: JobStore, job_id: str) -> tuple[str, str | None]:
    job = store.describe(job_id)["job"]
    return job["status"], job["runner"]


def test_live_replica_keeps_its_job_and_a_dead_ones_job_is_queued_again(tmp_path):
    store, job_id = _store_with_running_job(tmp_path, "other")
    store.register("me")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _register_raw(store.path, "other", host=machine(), pid=other.pid, started=_process_start(other.pid),
                      heartbeat=time.time())  # fmt: skip
        assert store.requeue_orphans("me") == []
        assert _status(store, job_id) == ("running", "other")
        assert store.runs(job_id, "other") and not store.runs(job_id, "me")
    finally:
        other.kill()
        other.wait()
    assert store.requeue_orphans("me") == [job_id]  # its process is gone: no need to wait for the lease
    assert _status(store, job_id) == ("queued", None)
    assert store.claim("me")["id"] == job_id and store.runs(job_id, "me")
    # The runner that lost the job cannot finish it over the new run.
    assert not store.set_status(job_id, "done", only_if=("running",), runner="other")
    assert _status(store, job_id) == ("running", "me")


def test_a_new_process_with_a_dead_runners_pid_is_not_that_runner(tmp_path):
    store, job_id = _store_with_running_job(tmp_path, "old")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:  # the pid is alive, but the process started at another time: a restarted container's new process
        _register_raw(store.path, "old", host=machine(), pid=other.pid, started="1", heartbeat=time.time())
        assert store.requeue_orphans("me") == [job_id]
    finally:
        other.kill()
        other.wait()


def test_runner_on_another_machine_is_gone_only_after_its_lease(tmp_path):
    store, job_id = _store_with_running_job(tmp_path, "far")
    host = "another-machine.invalid"
    _register_raw(store.path, "far", host=host, pid=1, started=None, heartbeat=time.time() - LEASE_SECONDS / 2)
    assert store.requeue_orphans("me") == []  # its pid means nothing here: only the heartbeat counts
    _register_raw(store.path, "far", host=host, pid=1, started=None, heartbeat=time.time() - LEASE_SECONDS - 1)
    assert store.requeue_orphans("me") == [job_id]
    assert _status(store, job_id) == ("queued", None)


def test_a_runner_that_stalled_past_its_lease_is_live_again_at_its_next_heartbeat(tmp_path):
    store, job_id = _store_with_running_job(tmp_path, "me")
    store.register("me")
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE runners SET heartbeat = ? WHERE id = 'me'", (time.time() - LEASE_SECONDS - 1,))
    assert store.requeue_orphans("other") == [job_id]  # judged gone: its row removed, its job queued
    store.heartbeat("me")
    assert store.claim("me")["id"] == job_id
    with sqlite3.connect(store.path) as db:  # registered again, with a fresh heartbeat
        (beat,) = db.execute("SELECT heartbeat FROM runners WHERE id = 'me'").fetchone()
        assert time.time() - beat < 5
        # Seen from another machine (in this one process both runners share a pid): judged by that heartbeat.
        db.execute("UPDATE runners SET host = 'another-machine.invalid' WHERE id = 'me'")
    assert store.requeue_orphans("other") == []  # its new run is left alone


def test_a_runner_in_another_pid_namespace_of_this_host_is_judged_by_its_lease_only(tmp_path):
    store, job_id = _store_with_running_job(tmp_path, "container")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a pid that means nothing here, seen from a container with its own pid namespace
    host = machine().split("/")[0] + "/pid:[1]"
    _register_raw(store.path, "container", host=host, pid=gone.pid, started=None, heartbeat=time.time())
    assert store.requeue_orphans("me") == []
    assert _status(store, job_id) == ("running", "container")


def test_job_database_of_an_earlier_version_gains_the_runner_column(tmp_path):
    path = tmp_path / "jobs.sqlite3"
    with sqlite3.connect(path) as db:  # the schema before replicas: no runner column, no runners table
        db.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, created REAL NOT NULL, "
                   "updated REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, error TEXT, owner TEXT)")  # fmt: skip
        db.execute("INSERT INTO jobs (id, kind, status, created, updated) VALUES ('old', 'translate', 'running', 0, 0)")
    store = JobStore(path)
    assert store.requeue_orphans("me") == ["old"]  # a job of no named runner: an interrupted single server
    assert _status(store, "old") == ("queued", None)


# --- two real server processes ------------------------------------------------------------------------

requests = pytest.importorskip("requests")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from serve_helpers import get_json, serve_process, wait_until_up  # noqa: E402

# Several job windows (JOB_WINDOW = 64 inputs): the job still runs when its first window is seen done (with
# two windows, a quiet machine finished the second between two looks), and the killed job has a resume point.
ARTICLE = "Truppen an der Front\n\n" + "\n\n".join(f"Am Tag {i} sprach er in Bremen." for i in range(200)) + "\n"
SHORT = "\n\n".join(f"Am Abend {i} sprach sie in Ulm." for i in range(8)) + "\n"


def model_sentences(base: str) -> float:
    """Sentences this replica's model has translated so far (its /metrics)."""
    text = requests.get(base + "/metrics", timeout=30).text
    return next(float(ln.split()[1]) for ln in text.splitlines() if ln.startswith("summarise_batch_sentences_sum"))


def wait_done(bases: list[str], job_id: str, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    n = 0
    while (job := get_json(f"{bases[n % len(bases)]}/v1/jobs/{job_id}"))["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        n += 1
        time.sleep(0.2)
    return job


@pytest.mark.slow
def test_two_replicas_share_one_cache_folder(tiny_marian_dir, tmp_path):
    cache = tmp_path / "cache"  # fresh: both replicas create the databases at once
    a, base_a = serve_process(tiny_marian_dir, cache, "--summary-model", "none")
    b, base_b = serve_process(tiny_marian_dir, cache, "--summary-model", "none")
    try:
        wait_until_up(base_a, 180, a)
        wait_until_up(base_b, 180, b)
        bases = [base_a, base_b]

        # At once: a job on each replica, and overlapping requests (the same texts to both).
        jobs = [requests.post(base + "/v1/jobs", files={"file": (f"{n}.txt", SHORT.replace("Ulm", f"Ulm {n}").encode())},
                              timeout=30).json()["id"] for n, base in enumerate(bases)]  # fmt: skip
        texts = [f"Der Minister {k} sprach am Morgen in Köln." for k in range(8)]

        def ask(i: int):
            r = requests.post(bases[i % 2] + "/translate", json={"q": texts[(i // 2) % len(texts)], "source": "de", "target": "en"},
                              timeout=120)  # fmt: skip
            return i, r.status_code, r.text

        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(ask, range(32)))
        problems = [a for a in answers if a[1] != 200]
        assert not problems, problems[:3]
        # Every answer is a translation (a random model's argmax may differ with the batch it shared).
        assert all(isinstance(requests.models.complexjson.loads(body)["translatedText"], str) for _, _, body in answers)

        for job_id in jobs:  # each job finished once, readable from either replica
            job = wait_done(bases, job_id)
            assert job["status"] == "done" and job["attempts"] == 1, job
            assert get_json(f"{base_b}/v1/jobs/{job_id}")["status"] == "done"

        # A sentence translated by A is a cache hit for B: B's model translates nothing. Checked once
        # the jobs are done, so no job runner on B uses the model in between (a CI run saw 54 → 57).
        fresh = "Die Bürgermeisterin eröffnete gestern die neue Brücke."
        first = requests.post(base_a + "/translate", json={"q": fresh, "source": "de", "target": "en"}, timeout=120)
        before = model_sentences(base_b)
        second = requests.post(base_b + "/translate", json={"q": fresh, "source": "de", "target": "en"}, timeout=120)
        assert second.status_code == 200 and second.json() == first.json()
        assert model_sentences(base_b) == before

        # kill -9 A while it runs a job: B (alive, same machine) takes it over and finishes it.
        job_id = requests.post(base_a + "/v1/jobs", files={"file": ("late.txt", ARTICLE.replace("Bremen", "Kiel").encode())},
                               timeout=30).json()["id"]  # fmt: skip
        deadline = time.monotonic() + 300
        while (job := get_json(f"{base_a}/v1/jobs/{job_id}"))["status"] != "running" or job["progress"]["blocks_done"] == 0:
            assert job["status"] in ("queued", "running") and time.monotonic() < deadline, job
            time.sleep(0.05)
        # Whichever replica claimed it, kill that one.
        with sqlite3.connect(cache / "jobs" / "jobs.sqlite3") as db:
            runner = db.execute("SELECT runner FROM jobs WHERE id = ?", (job_id,)).fetchone()[0]
        victim, survivor = (a, base_b) if runner.split(":")[1] == str(a.pid) else (b, base_a)
        victim.kill()
        victim.wait(30)
        job = wait_done([survivor], job_id)
        assert job["status"] == "done" and job["attempts"] == 2, job

        for process in (a, b):
            if process is not victim:
                process.terminate()
                assert process.wait(60) == 0
            stderr = process.stderr.read()
            assert "locked" not in stderr and "Traceback" not in stderr, stderr[-2000:]
    finally:
        for process in (a, b):
            if process.poll() is None:
                process.kill()
