"""The on-disk translation cache (summarise.translation.cache): keyed storage, sharing, and never being fatal."""

from __future__ import annotations

import sqlite3

from summarise.translation.cache import TranslationCache


def test_round_trip_and_namespaces(tmp_path):
    cache = TranslationCache(tmp_path / "t.sqlite3")
    cache.put_many("model-a|beams=4", [("Hallo.", "Hello."), ("Welt.", "World.")])
    assert cache.get_many("model-a|beams=4", ["Hallo.", "Welt.", "Neu."]) == {"Hallo.": "Hello.", "Welt.": "World."}
    assert cache.get_many("model-a|beams=1", ["Hallo."]) == {}  # other settings: another entry
    assert len(cache) == 2


def test_many_keys_in_one_lookup(tmp_path):
    cache = TranslationCache(tmp_path / "t.sqlite3")
    pairs = [(f"Satz {i}.", f"Sentence {i}.") for i in range(1500)]
    cache.put_many("ns", pairs)
    assert cache.get_many("ns", [s for s, _ in pairs]) == dict(pairs)


def test_two_processes_share_the_file(tmp_path):
    first, second = TranslationCache(tmp_path / "t.sqlite3"), TranslationCache(tmp_path / "t.sqlite3")
    first.put_many("ns", [("Hallo.", "Hello.")])
    assert second.get_many("ns", ["Hallo."]) == {"Hallo.": "Hello."}


def test_a_garbage_file_is_replaced_by_a_working_cache(tmp_path):
    path = tmp_path / "t.sqlite3"
    path.write_bytes(b"\x00garbage, not sqlite\xff" * 512)
    cache = TranslationCache(path)
    assert cache.get_many("ns", ["Hallo."]) == {}
    cache.put_many("ns", [("Hallo.", "Hello.")])
    assert TranslationCache(path).get_many("ns", ["Hallo."]) == {"Hallo.": "Hello."}
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_database_with_destroyed_pages_is_rebuilt(tmp_path, caplog):
    path = tmp_path / "t.sqlite3"
    cache = TranslationCache(path)
    cache.put_many("ns", [(f"Satz {i}.", "x" * 500) for i in range(200)])
    cache.close()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"t.sqlite3{suffix}").unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])  # header kept, pages destroyed
    again = TranslationCache(path)
    assert again.get_many("ns", [f"Satz {i}." for i in range(200)]) == {}  # a miss, not an exception
    assert "corrupt" in caplog.text and "rebuilding" in caplog.text
    again.put_many("ns", [("Hallo.", "Hello.")])
    assert TranslationCache(path).get_many("ns", ["Hallo."]) == {"Hallo.": "Hello."}


def test_an_unusable_location_turns_the_cache_off_without_failing(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    cache = TranslationCache(blocker / "t.sqlite3")
    cache.put_many("ns", [("Hallo.", "Hello.")])
    assert cache.get_many("ns", ["Hallo."]) == {}
    assert cache.disabled
