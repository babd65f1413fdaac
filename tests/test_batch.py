"""Batch mode, library level: manifest, resume, bad articles, path safety — with a translator double.

The real model path (tiny Marian / tiny BART through the CLI) is in test_batch_cli.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from batch_doubles import (
    CRASH_MARKER,
    FAIL_CHECKS_MARKER,
    INTERRUPT_MARKER,
    DoubleEngineError,
    UppercaseTranslatorDouble,
)

from summarise.batch import (
    MANIFEST_NAME,
    MAX_TEXT_BYTES,
    BatchInterrupted,
    BatchProgress,
    _exclusive,
    find_articles,
    output_path,
    read_manifest,
    run_batch,
)
from summarise.errors import InputError

GOOD = {
    "politik/nordkorea.txt": "Nordkorea schickt Truppen\n\nNordkorea hat 3.000 weitere Soldaten nach Russland geschickt.",
    "politik/paris.md": "# Treffen in Paris\n\nDie Staats- und Regierungschefs treffen sich am Donnerstag in Paris.",
    "wirtschaft/bericht.txt": "Die Wirtschaft wuchs um 2,5 Prozent.\n\nDas Defizit sank auf 1,2 Milliarden Euro.",
    "wirtschaft/2025/preise.txt": "Die Preise stiegen im März um 5 Prozent.",
    "sport.txt": "Die ersten drei Plätze gingen an Teams aus Berlin, München und Hamburg.",
    "kultur.markdown": "# Kultur\n\nDas Museum öffnet am 26. Februar wieder.",
    "wetter.txt": "Morgen wird es sonnig und warm.",
    "latin1.txt": "Die Straße nach Köln ist gesperrt.".encode("cp1252"),
}
CHECKS_FAIL = {"zahlendreher.txt": f"Es kamen 400 Menschen. {FAIL_CHECKS_MARKER}"}
BAD = {
    "leer.txt": b"",
    "binaer.txt": bytes(range(256)) * 8,
    "kaputt.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> this is not a PDF body\n%%EOF",
    "riesig.txt": b"Sehr lang. " * (MAX_TEXT_BYTES // 11 + 10),
}


def write_tree(root: Path, files: dict) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return root


def manifest_lines(out: Path) -> list[dict]:
    text = (out / MANIFEST_NAME).read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def corpus(tmp_path):
    return write_tree(tmp_path / "in", {**GOOD, **CHECKS_FAIL, **BAD})


def test_batch_of_articles_records_every_article_and_survives_bad_ones(corpus, tmp_path):
    out = tmp_path / "out"
    double = UppercaseTranslatorDouble()
    result = run_batch(corpus, out, translator=double, group_size=4)

    statuses = {i.path: i.status for i in result.items}
    assert len(statuses) == len(GOOD) + len(CHECKS_FAIL) + len(BAD) >= 10
    assert {p for p, s in statuses.items() if s == "ok"} == set(GOOD)
    assert {p for p, s in statuses.items() if s == "checks_failed"} == set(CHECKS_FAIL)
    assert {p for p, s in statuses.items() if s == "error"} == set(BAD)
    assert (result.ok, result.checks_failed, result.errors) == (len(GOOD), 1, len(BAD))

    # Sentences were batched across articles: the engine got several documents per call.
    assert max(len(c) for c in double.calls) > 1
    assert sorted(double.translated) == sorted(Path(p).name for p in {**GOOD, **CHECKS_FAIL})

    lines = manifest_lines(out)
    assert [entry["path"] for entry in lines] == sorted(statuses)  # exactly one line per article
    for entry in lines:
        assert entry["status"] == statuses[entry["path"]]
        src = corpus / entry["path"]
        if entry["path"] != "riesig.txt":
            import hashlib

            assert entry["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
        if entry["status"] == "error":
            assert entry["error"] and entry["outputs"] == []
            assert not (out / (entry["path"] + ".json")).exists()
        else:
            assert entry["error"] is None and entry["seconds"] >= 0
            assert entry["outputs"] == [entry["path"] + ".json", entry["path"] + ".md"]
            data = json.loads((out / (entry["path"] + ".json")).read_text(encoding="utf-8"))
            assert data["passed"] is (entry["status"] == "ok")
            assert (out / (entry["path"] + ".md")).read_text(encoding="utf-8").strip()
    by_path = {e["path"]: e for e in lines}
    assert by_path["politik/nordkorea.txt"]["numbers_checked"] == 1
    assert by_path["wirtschaft/bericht.txt"]["numbers_checked"] == 2
    assert by_path["zahlendreher.txt"]["problems"] == 1
    assert "too big" in by_path["riesig.txt"]["error"]
    assert "empty" in by_path["leer.txt"]["error"]
    # The translation is the double's, rendered by the real renderer.
    data = json.loads((out / "wetter.txt.json").read_text(encoding="utf-8"))
    assert data["blocks"][0]["translation"] == "MORGEN WIRD ES SONNIG UND WARM."


def test_rerun_skips_finished_articles_and_redoes_changed_missing_and_failed_ones(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch(corpus, out, translator=UppercaseTranslatorDouble())
    before = {e["path"]: e for e in manifest_lines(out)}

    (corpus / "wetter.txt").write_text("Morgen regnet es.", encoding="utf-8")  # changed input
    (out / "sport.txt.json").unlink()  # an output went missing
    (out / "kultur.markdown.md").write_text("", encoding="utf-8")  # an output is empty
    (out / "politik/paris.md.json").write_text('{"model": "trunc', encoding="utf-8")  # and one is corrupt
    (corpus / "neu.txt").write_text("Ein neuer Artikel.", encoding="utf-8")  # a new article
    (corpus / "leer.txt").write_text("Jetzt mit Text.", encoding="utf-8")  # an error fixed

    double = UppercaseTranslatorDouble()
    result = run_batch(corpus, out, translator=double)
    redone = {"wetter.txt", "sport.txt", "kultur.markdown", "paris.md", "neu.txt", "leer.txt"}
    assert sorted(double.translated) == sorted(redone)
    skipped = {i.path for i in result.items if i.skipped}
    assert skipped == {"politik/nordkorea.txt", "wirtschaft/bericht.txt", "wirtschaft/2025/preise.txt",
                       "latin1.txt", "zahlendreher.txt"}
    after = {e["path"]: e for e in manifest_lines(out)}
    assert len(after) == len(before) + 1
    assert after["leer.txt"]["status"] == "ok"
    assert after["wetter.txt"]["sha256"] != before["wetter.txt"]["sha256"]
    assert after["politik/nordkorea.txt"] == before["politik/nordkorea.txt"]
    assert json.loads((out / "politik/paris.md.json").read_text(encoding="utf-8"))["passed"] is True

    # Bad articles are retried on every run (they may have been fixed); finished ones are not.
    again = UppercaseTranslatorDouble()
    run_batch(corpus, out, translator=again)
    assert again.translated == []  # the remaining errors fail while reading, before the model
    forced = UppercaseTranslatorDouble()
    run_batch(corpus, out, translator=forced, force=True)
    assert len(forced.translated) == len(after) - 3  # all but binaer, kaputt, riesig


def test_other_models_settings_or_formats_redo_the_articles(tmp_path):
    src = write_tree(tmp_path / "in", {"a.txt": "Eins.", "b.txt": "Zwei."})
    out = tmp_path / "out"
    run_batch(src, out, translator=UppercaseTranslatorDouble(), formats=["json"])
    other = UppercaseTranslatorDouble(name="another-model")
    run_batch(src, out, translator=other, formats=["json"])
    assert sorted(other.translated) == ["a.txt", "b.txt"]
    more = UppercaseTranslatorDouble(name="another-model")
    run_batch(src, out, translator=more, formats=["json", "text"])
    assert sorted(more.translated) == ["a.txt", "b.txt"]
    assert (out / "a.txt.txt").read_text(encoding="utf-8").strip()
    same = UppercaseTranslatorDouble(name="another-model")
    run_batch(src, out, translator=same, formats=["text"])  # a subset of what is there
    assert same.translated == []


def test_a_partial_or_corrupt_manifest_line_is_ignored_and_cleaned_up(tmp_path):
    src = write_tree(tmp_path / "in", {"a.txt": "Eins.", "b.txt": "Zwei.", "c.txt": "Drei."})
    out = tmp_path / "out"
    run_batch(src, out, translator=UppercaseTranslatorDouble())
    manifest = out / MANIFEST_NAME
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    # As a kill mid-write could leave it: b's line lost its end, plus a garbage line in the middle.
    manifest.write_text(lines[0] + "not json\n" + lines[2] + lines[1][: len(lines[1]) // 2], encoding="utf-8")
    assert set(read_manifest(manifest)) == {"a.txt", "c.txt"}

    double = UppercaseTranslatorDouble()
    run_batch(src, out, translator=double)
    assert double.translated == ["b.txt"]
    assert [e["path"] for e in manifest_lines(out)] == ["a.txt", "b.txt", "c.txt"]


class RecordingProgress(BatchProgress):
    def __init__(self):
        self.events = []

    def start(self, total, skipped):
        self.events.append(("start", total, skipped))

    def sentences(self, n):
        self.events.append(("sentences", n))

    def group(self, articles, sentences):
        self.events.append(("group", articles, sentences))

    def article_done(self, item):
        self.events.append(("done", item.path, item.status))


def test_progress_callbacks_report_articles_and_sentences(tmp_path):
    src = write_tree(tmp_path / "in", {"a.txt": "Eins.\n\nZwei.", "b.txt": "Drei.", "leer.txt": b""})
    progress = RecordingProgress()
    run_batch(src, tmp_path / "out", translator=UppercaseTranslatorDouble(), progress=progress)
    assert progress.events[0] == ("start", 3, 0)
    assert sorted(e[1:] for e in progress.events if e[0] == "done") == [
        ("a.txt", "ok"), ("b.txt", "ok"), ("leer.txt", "error")]
    assert sum(e[1] for e in progress.events if e[0] == "sentences") == 3


def test_an_article_that_crashes_the_engine_fails_alone(tmp_path):
    files = {f"{i:02d}.txt": f"Artikel {i}." for i in range(6)}
    files["03.txt"] = f"Dieser Artikel bringt den Übersetzer zum {CRASH_MARKER}."
    src = write_tree(tmp_path / "in", files)
    result = run_batch(src, tmp_path / "out", translator=UppercaseTranslatorDouble(), group_size=6)
    errors = {i.path: i.error for i in result.items if i.status == "error"}
    assert list(errors) == ["03.txt"]
    assert "DoubleEngineError" in errors["03.txt"]
    assert result.ok == 5


def test_ctrl_c_stops_after_complete_articles_and_a_rerun_finishes(tmp_path):
    files = {f"{i:02d}.txt": f"Artikel {i}." for i in range(5)}
    files["03.txt"] = f"Hier drückt jemand Strg-C: {INTERRUPT_MARKER}."
    src = write_tree(tmp_path / "in", files)
    out = tmp_path / "out"
    with pytest.raises(BatchInterrupted) as info:
        run_batch(src, out, translator=UppercaseTranslatorDouble(), group_size=2)
    result = info.value.result
    assert result.interrupted and result.total == 5 and result.done == 2
    assert str(info.value) == "interrupted: 2 of 5 articles done; rerun to continue"
    assert [e["path"] for e in manifest_lines(out)] == ["00.txt", "01.txt"]
    assert not [p for p in out.rglob("*") if p.name.startswith(".") and p.suffix == ".tmp"]

    (src / "03.txt").write_text("Artikel 3.", encoding="utf-8")
    double = UppercaseTranslatorDouble()
    run_batch(src, out, translator=double, group_size=2)
    assert double.translated == ["02.txt", "03.txt", "04.txt"]
    assert len(manifest_lines(out)) == 5


# --- paths -------------------------------------------------------------------------------------


def test_symlinks_leading_outside_input_dir_are_not_read(tmp_path):
    outside = write_tree(tmp_path / "geheim", {"passwort.txt": "Geheim.", "ordner/x.txt": "Auch geheim."})
    src = write_tree(tmp_path / "in", {"a.txt": "Eins.", "sub/b.txt": "Zwei."})
    (src / "raus.txt").symlink_to(outside / "passwort.txt")
    (src / "raus-ordner").symlink_to(outside / "ordner", target_is_directory=True)
    (src / "intern.txt").symlink_to(src / "sub/b.txt")  # inside INPUT_DIR: fine
    (src / "tot.txt").symlink_to(src / "gibt-es-nicht.txt")
    double = UppercaseTranslatorDouble()
    result = run_batch(src, tmp_path / "out", translator=double)
    assert sorted(i.path for i in result.items) == ["a.txt", "intern.txt", "sub/b.txt"]
    assert dict(result.ignored) == {
        "raus.txt": "symlink to a file outside INPUT_DIR",
        "raus-ordner": "symlinked folder not followed",
        "tot.txt": "symlink to nothing",
    }
    assert "passwort.txt" not in double.translated and "x.txt" not in double.translated


def test_output_dir_inside_input_dir_is_not_read_back(tmp_path):
    src = write_tree(tmp_path / "in", {"a.txt": "Eins.", "b.md": "# Zwei"})
    out = src / "briefs"
    for _ in range(2):
        double = UppercaseTranslatorDouble()
        result = run_batch(src, out, translator=double, formats=["json", "markdown", "text"], force=True)
        assert sorted(i.path for i in result.items) == ["a.txt", "b.md"]
        assert sorted(double.translated) == ["a.txt", "b.md"]
    assert (out / "b.md.md").exists() and (out / "a.txt.txt").exists()
    with pytest.raises(InputError, match="different folder"):
        run_batch(src, src, translator=UppercaseTranslatorDouble())
    # Nor are the outputs of an earlier run into another folder inside INPUT_DIR.
    double = UppercaseTranslatorDouble()
    result = run_batch(src, src / "briefs-2", translator=double)
    assert sorted(double.translated) == ["a.txt", "b.md"]
    assert result.ignored == [("briefs", "output folder of another batch run")]


def test_outputs_of_an_input_dir_inside_output_dir_are_not_read_back(tmp_path):
    # OUTPUT_DIR=. and INPUT_DIR=./articles: the output for articles/sub/a.txt is ./sub/a.txt.md,
    # which lands in INPUT_DIR again when INPUT_DIR contains a folder of the same name.
    out = tmp_path / "work"
    src = write_tree(out / "sub", {"sub/a.txt": "Eins."})
    run_batch(src, out, translator=UppercaseTranslatorDouble(), formats=["markdown"])
    assert (src / "a.txt.md").exists()
    double = UppercaseTranslatorDouble()
    result = run_batch(src, out, translator=double, formats=["markdown"])
    assert [i.path for i in result.items] == ["sub/a.txt"] and double.translated == []


def test_output_paths_never_leave_output_dir(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert output_path(out, "a/b.txt", "json") == out / "a/b.txt.json"
    for bad in ("../x.txt", "a/../../x.txt", "/etc/passwd", ""):
        with pytest.raises(InputError, match="leave OUTPUT_DIR"):
            output_path(out, bad, "json")
    # A folder inside OUTPUT_DIR that is a symlink to elsewhere is not written through.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(InputError, match="outside OUTPUT_DIR"):
        output_path(out, "sub/a.txt", "json")

    src = write_tree(tmp_path / "in", {"sub/a.txt": "Eins.", "b.txt": "Zwei."})
    result = run_batch(src, out, translator=UppercaseTranslatorDouble())
    assert {i.path: i.status for i in result.items} == {"b.txt": "ok", "sub/a.txt": "error"}
    assert list(elsewhere.iterdir()) == []


def test_glob_selects_by_relative_path_or_file_name(tmp_path):
    src = write_tree(tmp_path / "in", {"2024/a.txt": "A.", "2025/b.txt": "B.", "2025/c.md": "C.", "d.txt": "D."})
    assert [a.rel for a in find_articles(src, glob="2025/*")[0]] == ["2025/b.txt", "2025/c.md"]
    assert [a.rel for a in find_articles(src, glob="*.md")[0]] == ["2025/c.md"]
    assert [a.rel for a in find_articles(src, glob="d.txt")[0]] == ["d.txt"]
    assert [a.rel for a in find_articles(src, glob="2025/**/*.txt")[0]] == ["2025/b.txt"]
    (src / "2025/tief/e.txt").parent.mkdir()
    (src / "2025/tief/e.txt").write_text("E.", encoding="utf-8")
    assert [a.rel for a in find_articles(src, glob="2025/**/*.txt")[0]] == ["2025/b.txt", "2025/tief/e.txt"]
    assert [a.rel for a in find_articles(src, glob="**/e.txt")[0]] == ["2025/tief/e.txt"]
    (src / "2025/tief/e.txt").unlink()
    (src / ".versteckt.txt").write_text("X.", encoding="utf-8")
    (src / "notizen.odt").write_bytes(b"PK")  # not a format summarise reads
    assert len(find_articles(src)[0]) == 4
    # Every format the readers know is an article (issue 27: .html and .docx were silently ignored).
    for name in ("seite.html", "seite2.htm", "bericht.docx", "notiz.markdown", "scan.pdf"):
        (src / name).write_bytes(b"x")
    found = {a.rel for a in find_articles(src)[0]}
    assert found == {"2024/a.txt", "2025/b.txt", "2025/c.md", "d.txt",
                     "bericht.docx", "notiz.markdown", "scan.pdf", "seite.html", "seite2.htm"}  # fmt: skip


@pytest.mark.parametrize(
    "setup, kwargs, message",
    [
        (lambda t: None, {}, "does not exist"),
        (lambda t: (t / "in").write_text("x"), {}, "not a folder"),
        (lambda t: ((t / "in").mkdir(), (t / "out").write_text("x")), {}, "OUTPUT_DIR .* not a folder"),
        (lambda t: (t / "in").mkdir(), {"formats": ["json", "pdf"]}, "unknown format pdf"),
        (lambda t: (t / "in").mkdir(), {"formats": []}, "unknown format"),
    ],
)
def test_bad_arguments_raise_input_error(tmp_path, setup, kwargs, message):
    setup(tmp_path)
    with pytest.raises(InputError, match=message):
        run_batch(tmp_path / "in", tmp_path / "out", translator=UppercaseTranslatorDouble(), **kwargs)


def test_a_second_batch_into_the_same_output_dir_is_refused(tmp_path):
    src = write_tree(tmp_path / "in", {"a.txt": "Eins."})
    out = tmp_path / "out"
    out.mkdir()
    with _exclusive(out), pytest.raises(InputError, match="another `summarise batch`"):
        run_batch(src, out, translator=UppercaseTranslatorDouble())
    assert run_batch(src, out, translator=UppercaseTranslatorDouble()).ok == 1


def test_no_temp_files_are_left_behind(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch(corpus, out, translator=UppercaseTranslatorDouble())
    leftovers = [p for p in out.rglob("*") if p.is_file() and p.name.endswith(".tmp")]
    assert leftovers == []
    assert os.listdir(out)


class ThreadedDouble(UppercaseTranslatorDouble):
    def __init__(self, threads: str):
        super().__init__()
        self.threads = threads

    def signature(self) -> dict:
        return {**super().signature(), "threads": self.threads, "backend": {"name": "double", "threads": self.threads}}


def test_thread_counts_do_not_change_the_settings_but_models_do(tmp_path):
    from summarise.batch import settings_fingerprint

    two, one = ThreadedDouble("1x2"), ThreadedDouble("1x1")
    assert settings_fingerprint("translation", two) == settings_fingerprint("translation", one)
    assert settings_fingerprint("translation", two) != settings_fingerprint("brief", two)
    assert settings_fingerprint("translation", two) != settings_fingerprint(
        "translation", UppercaseTranslatorDouble(name="another-model"))
    # So a run with another thread count (here, or on Ray workers) skips what one with 2 threads did.
    src = write_tree(tmp_path / "in", {"a.txt": "Eins."})
    run_batch(src, tmp_path / "out", translator=two)
    again = ThreadedDouble("1x1")
    assert run_batch(src, tmp_path / "out", translator=again).skipped == 1 and again.translated == []


def test_html_format_writes_a_page_per_article_and_an_index_of_all(corpus, tmp_path):
    from lxml import html as lxml_html

    out = tmp_path / "out"
    run_batch(corpus, out, translator=UppercaseTranslatorDouble(), formats=("json", "html"))

    def index_rows():
        page = lxml_html.fromstring((out / "index.html").read_text(encoding="utf-8"))
        rows = {}
        for tr in page.xpath("//table//tbody/tr"):
            text = " ".join(tr.text_content().split())
            links = tr.xpath(".//a/@href")
            path = next(p for p in {**GOOD, **CHECKS_FAIL, **BAD} if p in text)
            rows[path] = (text, links)
        return rows

    rows = index_rows()
    assert set(rows) == set(GOOD) | set(CHECKS_FAIL) | set(BAD)
    for rel in GOOD:
        assert (out / (rel + ".html")).is_file()
        assert rows[rel][1] == [rel + ".html"]
    for rel in BAD:  # no page, no link: the error is shown instead
        assert not (out / (rel + ".html")).exists()
        assert rows[rel][1] == []
    assert "checks failed" in rows["zahlendreher.txt"][0].lower() or "failed" in rows["zahlendreher.txt"][0].lower()

    # A rerun that skips everything done still lists every article.
    result = run_batch(corpus, out, translator=UppercaseTranslatorDouble(), formats=("json", "html"))
    assert result.skipped == len(GOOD) + len(CHECKS_FAIL)
    assert set(index_rows()) == set(rows)
    assert "index.html" not in {i.path for i in result.items}


def test_batch_plans_sentences_as_translate_and_brief_do(tmp_path):
    """The sentences bar's total comes from the one estimate translate, brief and regress start from
    (not the sentence splitter: "26. Februar" and "Dr." count as the estimate counts them)."""
    from summarise.ingest import read_document
    from summarise.translation.engine import estimate_documents

    texts = {"a.txt": "Am 26. Februar sprach Dr. Meier. Er kam um 9 Uhr.\n\nZwei Sätze. Hier.", "b.txt": "Drei."}
    src = write_tree(tmp_path / "in", texts)
    progress = RecordingProgress()
    run_batch(src, tmp_path / "out", translator=UppercaseTranslatorDouble(), progress=progress)
    planned = sum(e[2] for e in progress.events if e[0] == "group")
    assert planned == estimate_documents([read_document(src / name) for name in texts])


def test_an_engine_failing_mid_group_keeps_the_finished_articles_and_redoes_the_rest_one_by_one(tmp_path):
    """Results come one article at a time (Translator.iter_documents): when the engine fails after the
    first, that article stands (written, counted once) and only the others are redone alone."""

    class FailsAfterTheFirstDouble(UppercaseTranslatorDouble):
        def iter_documents(self, docs, progress=None):
            results = self.translate_documents(docs, progress=progress)
            for i, result in enumerate(results):
                if i == 1 and len(docs) > 1:
                    raise DoubleEngineError("the double fails after the group's first article on purpose")
                yield result

    corpus = write_tree(tmp_path / "in", {"a.txt": "Es kamen 3.000 Menschen.\n", "b.txt": "Es kamen 40 mehr.\n",
                                          "c.txt": "Am 26. Februar.\n"})  # fmt: skip
    double = FailsAfterTheFirstDouble()
    result = run_batch(corpus, tmp_path / "out", translator=double, group_size=3)
    assert {i.path: i.status for i in result.items} == {"a.txt": "ok", "b.txt": "ok", "c.txt": "ok"}
    assert double.calls == [["a.txt", "b.txt", "c.txt"], ["b.txt"], ["c.txt"]]  # a.txt was not redone
    assert sorted(e["path"] for e in manifest_lines(tmp_path / "out")) == ["a.txt", "b.txt", "c.txt"]  # each once
