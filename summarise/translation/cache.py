"""The on-disk translation cache: one SQLite file of (model, settings, source sentence) -> translation.

SQLite gives atomic writes and safe concurrent readers and writers across processes (a batch run
and a regression test at the same time). The cache is an optimisation only: a corrupt, locked or
unwritable file never stops a translation. A corrupt file is deleted and rebuilt; anything else
that goes wrong turns the cache off for the rest of the run, with a warning in the log.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..paths import cache_dir, writable_cache_dir

log = logging.getLogger(__name__)

FILENAME = "translations.sqlite3"
_SCHEMA = "CREATE TABLE IF NOT EXISTS translations_v1 (key TEXT PRIMARY KEY, translation TEXT NOT NULL)"
_CHUNK = 500  # host parameters per query stay far below SQLite's limit


def cache_key(namespace: str, source: str) -> str:
    """`namespace` names everything that changes the output (model, revision, backend, settings)."""
    return hashlib.sha256(f"{namespace}\0{source}".encode()).hexdigest()


class TranslationCache:
    def __init__(self, path: str | Path | None = None):
        folder = None if path else writable_cache_dir("translations")  # None: unwritable, warned once
        self.path = Path(path) if path else cache_dir("translations", create=False) / FILENAME
        self._conn: sqlite3.Connection | None = None
        self.disabled = not path and folder is None
        self._rebuilt = False  # rebuild a corrupt file once per run, then give up on the cache

    def _connect(self) -> sqlite3.Connection | None:
        if self.disabled:
            return None
        if self._conn is None:
            for attempt in (1, 2):
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    conn = sqlite3.connect(self.path, timeout=30)
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute(_SCHEMA)
                    conn.execute("SELECT key FROM translations_v1 LIMIT 1").fetchall()
                    self._conn = conn
                    break
                except sqlite3.DatabaseError as e:
                    if attempt == 1 and _is_corrupt(e) and not self._rebuilt:
                        self._rebuilt = True
                        log.warning("translation cache %s is corrupt (%s): rebuilding it", self.path, e)
                        self._remove_files()
                        continue
                    self._disable(e)
                    return None
                except OSError as e:
                    self._disable(e)
                    return None
        return self._conn

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _disable(self, error: Exception) -> None:
        log.warning("translation cache %s unusable (%s): translating without it", self.path, error)
        self.close()
        self.disabled = True

    def _recover(self, error: sqlite3.DatabaseError) -> None:
        """A query failed: rebuild a corrupt file (once), otherwise stop using the cache."""
        self.close()
        if _is_corrupt(error) and not self._rebuilt:
            log.warning("translation cache %s is corrupt (%s): rebuilding it", self.path, error)
            self._rebuilt = True
            self._remove_files()
        else:
            self._disable(error)

    def get_many(self, namespace: str, sources: Iterable[str]) -> dict[str, str]:
        """The cached translations of those `sources` that have one."""
        keys = {cache_key(namespace, s): s for s in sources}
        found: dict[str, str] = {}
        conn = self._connect()
        if conn is None or not keys:
            return found
        items = list(keys)
        try:
            for i in range(0, len(items), _CHUNK):
                chunk = items[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT key, translation FROM translations_v1 WHERE key IN ({marks})", chunk)
                for key, translation in rows:
                    found[keys[key]] = translation
        except sqlite3.DatabaseError as e:
            self._recover(e)
            return {}
        return found

    def put_many(self, namespace: str, pairs: Iterable[tuple[str, str]]) -> None:
        rows = [(cache_key(namespace, s), t) for s, t in pairs]
        conn = self._connect()
        if conn is None or not rows:
            return
        try:
            with conn:  # one transaction: all of a batch or nothing
                conn.executemany("INSERT OR REPLACE INTO translations_v1 (key, translation) VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as e:
            self._recover(e)

    def __len__(self) -> int:
        conn = self._connect()
        if conn is None:
            return 0
        try:
            return conn.execute("SELECT COUNT(*) FROM translations_v1").fetchone()[0]
        except sqlite3.DatabaseError as e:
            self._recover(e)
            return 0

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    # "database is locked" is an OperationalError worth waiting out, not a reason to delete the file.
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text or "disk image" in text
