"""Document jobs: asynchronous, persisted in SQLite next to the translation cache, resumed after a crash.

A job is one or more uploaded documents (a folder arrives as several files or a ZIP) and what to make
of them (`translate` or `brief`). The database holds everything: the uploads, the status and progress,
the results. Nothing is named after a request on disk.

Workers (at most `max_jobs` at once) translate a document a window of blocks at a time
(`Translator.translate_stream`), writing progress after each window. Every translated sentence lands
in the translation cache as it is made, so a job interrupted by a crash, kill -9 or SIGTERM is simply
queued again when the server next starts: the blocks already done come back from the cache (no model
call) and the rest is translated, giving the same output as an uninterrupted run.

Replicas: several server processes (on one machine or several, behind any HTTP load balancer) may
share one cache folder, so one job database. Each process is a *runner* with its own id, registered in
the `runners` table with a heartbeat; a running job names its runner. A job is queued again only when
its runner is gone: a process of this machine that no longer exists (at once: a restart after kill -9
resumes immediately), or a runner whose heartbeat is older than `LEASE_SECONDS` (a machine that died).
So a replica starting up never takes a job another live replica is running, and a runner that lost its
job (stalled past its lease, taken over) stops at its next window without writing over the new run.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..paths import cache_dir
from .uploads import Upload

log = logging.getLogger(__name__)

FILENAME = "jobs.sqlite3"
KINDS = ("translate", "brief")
JOB_WINDOW = 64  # model inputs per streamed window of a job: progress (and resume points) every few blocks
RESULT_TYPES = {
    "translation.txt": "text/plain; charset=utf-8",
    "translation.md": "text/markdown; charset=utf-8",
    "translation.json": "application/json",
    "translation.html": "text/html; charset=utf-8",
    "brief.txt": "text/plain; charset=utf-8",
    "brief.md": "text/markdown; charset=utf-8",
    "brief.json": "application/json",
    "brief.html": "text/html; charset=utf-8",
}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, error TEXT, owner TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    job_id TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, data BLOB NOT NULL, status TEXT NOT NULL,
    blocks_done INTEGER NOT NULL DEFAULT 0, blocks_total INTEGER, passed INTEGER, error TEXT,
    PRIMARY KEY (job_id, idx)
);
CREATE TABLE IF NOT EXISTS results (
    job_id TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, media_type TEXT NOT NULL, body BLOB NOT NULL,
    PRIMARY KEY (job_id, idx, name)
);
"""
ACTIVE = ("queued", "running")
HEARTBEAT_SECONDS = 5.0  # how often a live runner says so
LEASE_SECONDS = 30.0  # a runner silent this long is gone (its machine died): its jobs are queued again
BUSY_TIMEOUT = 60  # seconds a connection waits for another process's write (never "database is locked")
_RUNNERS = """
CREATE TABLE IF NOT EXISTS runners (id TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL,
    started TEXT, heartbeat REAL NOT NULL)
"""


def machine() -> str:
    """Where this process's pids mean something: the host name and the pid namespace (two containers
    with one host name, e.g. host networking, still see different processes)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()}/{namespace}" if namespace else socket.gethostname()


def _process_start(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot, from /proc), or None where unknown or gone:
    tells a live runner from a new process that happens to have its pid (a restarted container)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _alive_here(pid: int, started: str | None) -> bool:
    """Whether the runner process `pid` (started at `started`) of this machine still runs."""
    if pid == os.getpid():
        return False  # an earlier process of ours with our pid (container restart): not us, so gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, another user's
    now = _process_start(pid)
    return started is None or now is None or now == started


def default_path() -> Path:
    """jobs.sqlite3 in the cache folder, beside translations/ (summarise.paths)."""
    return cache_dir("jobs") / FILENAME


class JobStore:
    """The job database. One connection per thread; SQLite (WAL) serialises the writers."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._db() as db:
            db.executescript(_SCHEMA)
        with self._db() as db:
            self._migrate(db)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # Other replicas write the same file: every statement waits for their write (busy timeout)
            # instead of failing with "database is locked"; WAL lets readers go on meanwhile.
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT * 1000}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    def _migrate(self, db: sqlite3.Connection) -> None:
        """Databases made before replicas: add the runner table and the job's runner column."""
        db.execute(_RUNNERS)
        columns = {r["name"] for r in db.execute("PRAGMA table_info(jobs)")}
        if "runner" not in columns:
            with contextlib.suppress(sqlite3.OperationalError):  # another replica added it just now
                db.execute("ALTER TABLE jobs ADD COLUMN runner TEXT")

    @contextlib.contextmanager
    def _db(self):
        conn = self._conn()
        with conn:
            yield conn

    def create(self, kind: str, uploads: list[Upload], owner: str | None = None) -> str:
        job_id = uuid.uuid4().hex
        now = time.time()
        with self._db() as db:
            db.execute(
                "INSERT INTO jobs (id, kind, status, created, updated, owner) VALUES (?, ?, 'queued', ?, ?, ?)",
                (job_id, kind, now, now, owner),
            )
            db.executemany(
                "INSERT INTO documents (job_id, idx, name, data, status) VALUES (?, ?, ?, ?, 'queued')",
                [(job_id, i, u.name, u.data) for i, u in enumerate(uploads)],
            )
        return job_id

    # --- runners (one per server process) ----------------------------------------------------------

    def register(self, runner: str) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO runners (id, host, pid, started, heartbeat) VALUES (?, ?, ?, ?, ?)",
                (runner, machine(), os.getpid(), _process_start(os.getpid()), time.time()),
            )

    def heartbeat(self, runner: str) -> None:
        """The runner lives: its row again in full (another replica may have removed it after a stall)."""
        self.register(runner)

    def unregister(self, runner: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM runners WHERE id = ?", (runner,))

    def _gone(self, db: sqlite3.Connection, me: str) -> set[str]:
        """Runners other than `me` that no longer run (their rows are removed)."""
        host, now, gone = machine(), time.time(), set()
        for r in db.execute("SELECT id, host, pid, started, heartbeat FROM runners WHERE id != ?", (me,)).fetchall():
            if now - r["heartbeat"] > LEASE_SECONDS or (r["host"] == host and not _alive_here(r["pid"], r["started"])):
                gone.add(r["id"])
        return gone

    def requeue_orphans(self, me: str) -> list[str]:
        """Jobs left running by a runner that is gone (crash, kill -9, a dead machine): queued again.
        A job of a live replica is never touched."""
        with self._db() as db:
            db.execute("BEGIN IMMEDIATE")  # one replica at a time decides who is gone
            gone = self._gone(db, me)
            live = {r["id"] for r in db.execute("SELECT id FROM runners")} - gone
            rows = db.execute("SELECT id, runner FROM jobs WHERE status = 'running'").fetchall()
            ids = [r["id"] for r in rows if r["runner"] is None or (r["runner"] != me and r["runner"] not in live)]
            now = time.time()
            for job_id in ids:
                db.execute("UPDATE jobs SET status = 'queued', runner = NULL, updated = ? WHERE id = ?", (now, job_id))
                db.execute("UPDATE documents SET status = 'queued' WHERE job_id = ? AND status = 'running'", (job_id,))
            db.executemany("DELETE FROM runners WHERE id = ?", [(g,) for g in gone])
        return ids

    def claim(self, runner: str | None = None) -> dict | None:
        """The oldest queued job, marked running by `runner` (atomically: one worker of one replica gets it)."""
        with self._db() as db:
            row = db.execute("SELECT id, kind FROM jobs WHERE status = 'queued' ORDER BY created LIMIT 1").fetchone()
            if row is None:
                return None
            changed = db.execute(
                "UPDATE jobs SET status = 'running', runner = ?, attempts = attempts + 1, updated = ? "
                "WHERE id = ? AND status = 'queued'",
                (runner, time.time(), row["id"]),
            ).rowcount
            return dict(row) if changed else None

    def runs(self, job_id: str, runner: str) -> bool:
        """Whether `runner` still runs `job_id` (not cancelled, not taken over after a lost lease)."""
        row = self._conn().execute("SELECT status, runner FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return row is not None and row["status"] == "running" and row["runner"] == runner

    def set_status(self, job_id: str, status: str, error: str | None = None, *, only_if: tuple[str, ...] = (),
                   runner: str | None = None) -> bool:  # fmt: skip
        """`runner`: only while that runner holds the job (a runner that lost it changes nothing)."""
        sql = "UPDATE jobs SET status = ?, error = ?, updated = ? WHERE id = ?"
        args: list = [status, error, time.time(), job_id]
        if only_if:
            sql += f" AND status IN ({','.join('?' * len(only_if))})"
            args += list(only_if)
        if runner is not None:
            sql += " AND runner = ?"
            args.append(runner)
        with self._db() as db:
            return db.execute(sql, args).rowcount > 0

    def status(self, job_id: str) -> str | None:
        row = self._conn().execute("SELECT status FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return row["status"] if row else None

    def pending_documents(self, job_id: str) -> list[dict]:
        rows = self._conn().execute(
            "SELECT idx, name, data FROM documents WHERE job_id = ? AND status NOT IN ('done', 'failed') ORDER BY idx",
            (job_id,),
        )
        return [dict(r) for r in rows]

    def document_progress(self, job_id: str, idx: int, done: int, total: int | None, status: str = "running") -> None:
        with self._db() as db:
            db.execute(
                "UPDATE documents SET blocks_done = ?, blocks_total = ?, status = ? WHERE job_id = ? AND idx = ?",
                (done, total, status, job_id, idx),
            )
            db.execute("UPDATE jobs SET updated = ? WHERE id = ?", (time.time(), job_id))

    def finish_document(self, job_id: str, idx: int, results: dict[str, tuple[str, bytes]], passed: bool | None,
                        error: str | None = None) -> None:  # fmt: skip
        """The document's results and verdict, in one transaction (all of them or none)."""
        with self._db() as db:
            db.executemany(
                "INSERT OR REPLACE INTO results (job_id, idx, name, media_type, body) VALUES (?, ?, ?, ?, ?)",
                [(job_id, idx, name, media, body) for name, (media, body) in results.items()],
            )
            db.execute(
                "UPDATE documents SET status = ?, passed = ?, error = ?, blocks_done = COALESCE(blocks_total, blocks_done) "
                "WHERE job_id = ? AND idx = ?",
                ("failed" if error else "done", None if passed is None else int(passed), error, job_id, idx),
            )

    def describe(self, job_id: str) -> dict | None:
        conn = self._conn()
        job = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if job is None:
            return None
        docs = conn.execute(
            "SELECT idx, name, status, blocks_done, blocks_total, passed, error FROM documents WHERE job_id = ? ORDER BY idx",
            (job_id,),
        ).fetchall()
        results = conn.execute("SELECT idx, name FROM results WHERE job_id = ? ORDER BY idx, name", (job_id,)).fetchall()
        names: dict[int, list[str]] = {}
        for r in results:
            names.setdefault(r["idx"], []).append(r["name"])
        return {"job": dict(job), "documents": [dict(d) | {"results": names.get(d["idx"], [])} for d in docs]}

    def list(self, limit: int = 100, owner: str | None = None) -> list[dict]:
        """The latest jobs (of `owner` only, when given)."""
        sql, args = "SELECT id, kind, status, created, updated FROM jobs", []
        if owner is not None:
            sql, args = sql + " WHERE owner = ?", [owner]
        rows = self._conn().execute(sql + " ORDER BY created DESC LIMIT ?", [*args, limit])
        return [dict(r) for r in rows]

    def result(self, job_id: str, idx: int, name: str) -> tuple[str, bytes, str] | None:
        row = self._conn().execute(
            "SELECT r.media_type, r.body, d.name FROM results r JOIN documents d ON d.job_id = r.job_id AND d.idx = r.idx "
            "WHERE r.job_id = ? AND r.idx = ? AND r.name = ?",
            (job_id, idx, name),
        ).fetchone()
        return (row["media_type"], bytes(row["body"]), row["name"]) if row else None

    def all_results(self, job_id: str) -> list[tuple[str, str, bytes]]:
        rows = self._conn().execute(
            "SELECT d.name AS doc, r.name, r.body FROM results r JOIN documents d ON d.job_id = r.job_id AND d.idx = r.idx "
            "WHERE r.job_id = ? ORDER BY r.idx, r.name",
            (job_id,),
        )
        return [(r["doc"], r["name"], bytes(r["body"])) for r in rows]

    def count(self, statuses: tuple[str, ...]) -> int:
        marks = ",".join("?" * len(statuses))
        return self._conn().execute(f"SELECT COUNT(*) FROM jobs WHERE status IN ({marks})", statuses).fetchone()[0]

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class _Stop(Exception):
    """Raised inside a job's translation when it is cancelled or the server is stopping."""


@dataclass
class Outcome:
    results: dict[str, tuple[str, bytes]]
    passed: bool


Processor = Callable[[str, bytes, str, Callable[[int, int | None], None]], Outcome]  # name, data, kind, progress


class JobRunner:
    """`max_jobs` worker threads taking queued jobs from the store; resumes jobs whose runner is gone
    (at start, and while it runs: a replica that died on another machine)."""

    def __init__(self, store: JobStore, process: Processor, *, max_jobs: int = 1, on_finish=None):
        self.store = store
        self.process = process
        self.max_jobs = max_jobs
        self.on_finish = on_finish  # (job_id, status) -> None: metrics
        self._wake = threading.Condition()
        self._stopping = threading.Event()
        self._cancelled: set[str] = set()
        self._threads: list[threading.Thread] = []
        self.resumed: list[str] = []
        self.runner_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def start(self) -> None:
        self.store.register(self.runner_id)
        self.resumed = self._requeue()
        for n in range(self.max_jobs):
            thread = threading.Thread(target=self._work, name=f"summarise-job-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        beat = threading.Thread(target=self._beat, name="summarise-job-heartbeat", daemon=True)
        beat.start()
        self._threads.append(beat)

    def _requeue(self) -> list[str]:
        ids = self.store.requeue_orphans(self.runner_id)
        if ids:
            log.warning("resuming %d interrupted job(s): %s", len(ids), ", ".join(ids))
            with self._wake:
                self._wake.notify_all()
        return ids

    def _beat(self) -> None:
        """Say this runner lives, and queue again the jobs of runners that do not."""
        while not self._stopping.wait(HEARTBEAT_SECONDS):
            try:
                self.store.heartbeat(self.runner_id)
                self.resumed += self._requeue()
            except sqlite3.Error as e:  # a busy or unreachable shared folder: try again next beat
                log.warning("job heartbeat failed: %s", e)

    def submit(self, kind: str, uploads: list[Upload], owner: str | None = None) -> str:
        job_id = self.store.create(kind, uploads, owner)
        with self._wake:
            self._wake.notify()
        return job_id

    def cancel(self, job_id: str) -> bool:
        """Cancel a queued or running job (a running one stops at its next window of blocks)."""
        if self.store.set_status(job_id, "cancelled", only_if=ACTIVE):
            self._cancelled.add(job_id)
            return True
        return False

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking jobs; a running job stops at its next window and is queued again (persisted)."""
        self._stopping.set()
        with self._wake:
            self._wake.notify_all()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with contextlib.suppress(sqlite3.Error):
            self.store.unregister(self.runner_id)  # a clean stop: its queued jobs wait for any replica

    @property
    def running(self) -> int:
        return self.store.count(("running",))

    def _work(self) -> None:
        while not self._stopping.is_set():
            job = self.store.claim(self.runner_id)
            if job is None:
                with self._wake:
                    self._wake.wait(1.0)
                continue
            self._run(job["id"], job["kind"])

    def _run(self, job_id: str, kind: str) -> None:
        status, error = "done", None
        try:
            for doc in self.store.pending_documents(job_id):
                self._document(job_id, kind, doc)
        except _Stop:
            if job_id in self._cancelled or self.store.status(job_id) == "cancelled":
                status = "cancelled"
            else:  # the server is stopping (the job waits for the next start) or another runner took it
                self.store.set_status(job_id, "queued", only_if=("running",), runner=self.runner_id)
                return
        except Exception as e:  # a bug or a model failure: the job says so, the server lives on
            log.exception("job %s failed", job_id)
            status, error = "failed", f"{type(e).__name__}: {e}"
        if status != "cancelled":
            self.store.set_status(job_id, status, error, only_if=("running",), runner=self.runner_id)
        if self.on_finish is not None:
            self.on_finish(job_id, status)

    def _document(self, job_id: str, kind: str, doc: dict) -> None:
        idx = doc["idx"]
        last = [0.0]

        def progress(done: int, total: int | None) -> None:
            if self._stopping.is_set() or job_id in self._cancelled:
                raise _Stop
            now = time.monotonic()
            if now - last[0] > 0.2 or (total is not None and done >= total):
                last[0] = now
                if not self.store.runs(job_id, self.runner_id):  # cancelled, or taken over
                    raise _Stop
                self.store.document_progress(job_id, idx, done, total)

        from ..errors import SummariseError

        try:
            outcome = self.process(doc["name"], bytes(doc["data"]), kind, progress)
        except SummariseError as e:  # bad input: this document fails, the others go on
            self.store.finish_document(job_id, idx, {}, None, error=str(e))
            return
        self.store.finish_document(job_id, idx, outcome.results, outcome.passed)
