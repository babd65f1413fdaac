"""`summarise.regress` on clearly named doubles: golden format, drift, number problems, reports, bad input.

The translator double looks reference English up sentence by sentence and the real checker checks it,
so every check, key figure and number comparison here is the real code on known text; the real
models' path (tiny Marian + tiny BART through the CLI) is in test_regress_cli.py and the project's
own samples in test_regress_samples.py.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.briefing.summary import Summariser
from summarise.cli import app
from summarise.errors import InputError
from summarise.models.backends.base import GenerationSettings
from summarise.regress import (
    compare,
    find_samples,
    golden_path,
    load_goldens,
    read_golden,
    record,
    recorded_settings,
    render_report,
)
from summarise.regress.diff import lost_numbers

ARTICLE_A = """\
Nordkorea schickt 3.000 weitere Soldaten nach Russland

Nordkorea hat laut Südkorea weitere 3.000 Soldaten nach Russland geschickt. Die Gesamtzahl steigt damit auf etwa 11.000.

Von diesen Soldaten sollen etwa 4.000 im Kampf gefallen oder verletzt worden sein.
"""

ARTICLE_B = """\
# Bahn erhöht die Preise

Die Bahn erhöht die Preise im Fernverkehr um 5 Prozent. Die neuen Preise gelten ab dem 15. Dezember.
"""

TABLE = {
    "Nordkorea schickt 3.000 weitere Soldaten nach Russland": "North Korea sends 3,000 more soldiers to Russia",
    "Nordkorea hat laut Südkorea weitere 3.000 Soldaten nach Russland geschickt.": (
        "North Korea has sent another 3,000 soldiers to Russia, according to South Korea."
    ),
    "Die Gesamtzahl steigt damit auf etwa 11.000.": "This brings the total to about 11,000.",
    "Von diesen Soldaten sollen etwa 4.000 im Kampf gefallen oder verletzt worden sein.": (
        "About 4,000 of these soldiers are said to have been killed or wounded in battle."
    ),
    "Bahn erhöht die Preise": "Railway raises fares",
    "Die Bahn erhöht die Preise im Fernverkehr um 5 Prozent.": "The railway is raising long-distance fares by 5 percent.",
    "Die neuen Preise gelten ab dem 15. Dezember.": "The new fares apply from December 15.",
}
TOTAL_EN = "This brings the total to about 11,000."


class TableTranslatorDouble:
    """Stands in for `summarise.translation.engine.Translator`: each German sentence is looked up in a table of
    reference English, and every block is checked by the real checker, as the engine does."""

    def __init__(self, table: dict[str, str] = TABLE, *, beams: int = 4):
        self.table = table
        self.settings = GenerationSettings(beams=beams)

    def signature(self) -> dict:
        return {"model": "table-translator-double", "revision": "v1", "backend": "none", "beams": self.settings.beams}

    def english(self, sentence: str) -> str:
        return self.table[sentence]

    def translate_documents(self, docs, progress=None):
        from summarise.checking.checks import check_translation
        from summarise.language.sentences import split_sentences
        from summarise.translation.engine import TranslatedBlock, Translation

        out = []
        for doc in docs:
            blocks = []
            for i, block in enumerate(doc.blocks, 1):
                english = " ".join(self.english(s) for s in split_sentences(block.text))
                blocks.append(TranslatedBlock(block.kind, block.text, english, check_translation(block.text, english, block=i)))
            out.append(Translation("table-translator-double", blocks, self.signature(), doc.source))
        return out


class NumberDroppingTranslatorDouble(TableTranslatorDouble):
    """Like the table double, but writes `dropped` (an English number) as nothing: a number lost."""

    def __init__(self, dropped: str, **kw):
        super().__init__(**kw)
        self.dropped = dropped

    def english(self, sentence: str) -> str:
        return " ".join(super().english(sentence).replace(self.dropped, "").split()).replace(" .", ".")


class LeadSummariserDouble(Summariser):
    """A summariser whose "model" answers with the first two sentences of its input (tokens = words)."""

    def __init__(self):
        super().__init__("lead-summariser-double", GenerationSettings(beams=1, max_new_tokens=80))

    @property
    def model_window(self) -> int:
        return 10_000

    def count_tokens(self, model_input: str) -> int:
        return len(model_input.split()) + 1

    def _generate(self, model_inputs, settings):
        from summarise.language.chunking import split_sentences

        return [" ".join(split_sentences(text)[:2]) for text in model_inputs]


@pytest.fixture
def samples(tmp_path) -> Path:
    folder = tmp_path / "samples"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    return folder


@pytest.fixture
def recorded(samples) -> Path:
    record(samples, translator=TableTranslatorDouble(), summariser=LeadSummariserDouble())
    return samples / "golden"


def rerun(samples, translator=None, **kw):
    return compare(samples, translator=translator or TableTranslatorDouble(), summariser=LeadSummariserDouble(), **kw)


def by_article(report):
    return {a.article: a for a in report.articles}


def edit_golden(golden_dir: Path, article: str, change) -> None:
    path = golden_path(golden_dir, article)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# --- record -----------------------------------------------------------------------------------


def test_record_writes_one_reviewable_golden_per_article(samples):
    paths = record(samples, translator=TableTranslatorDouble(), summariser=LeadSummariserDouble())
    assert [p.relative_to(samples).as_posix() for p in paths] == ["golden/a.txt.json", "golden/b.md.json"]
    text = paths[0].read_text(encoding="utf-8")
    data = json.loads(text)
    # Stable, diff-friendly form: sorted keys, 2-space indents, real UTF-8, trailing newline.
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert "Südkorea" in text
    assert data["article"] == "a.txt"
    blocks = data["translation"]["blocks"]
    assert [b["source"] for b in blocks][1].startswith("Nordkorea hat laut Südkorea")
    assert blocks[1]["translation"] == TABLE["Nordkorea hat laut Südkorea weitere 3.000 Soldaten nach Russland geschickt."] + " " + TOTAL_EN
    assert all(set(b["check"]) == {"passed", "problems"} and b["check"]["passed"] for b in blocks)
    assert data["headline"] == "North Korea sends 3,000 more soldiers to Russia"
    assert data["summary"].startswith("North Korea has sent another 3,000 soldiers")
    assert data["summary_check"]["passed"] is True
    assert [f["english"] for f in data["key_figures"]] == ["3,000", "11,000", "4,000"]
    sig = data["signature"]
    assert sig["translation"]["model"] == "table-translator-double" and sig["translation"]["beams"] == 4
    assert sig["summary"]["model"] == "lead-summariser-double"
    assert {"summarise", "transformers", "torch", "sentencepiece"} <= set(sig["versions"])
    assert data["sha256"] == find_samples(samples)[0].sha256


def test_recorded_settings_come_from_the_goldens(recorded, samples):
    settings = recorded_settings(load_goldens(find_samples(samples), recorded))
    assert settings.model == "table-translator-double"
    assert settings.summary_model == "lead-summariser-double"
    assert settings.beams == 4
    assert settings.backend is None  # "none" is no backend compare could load: it falls back to auto


# --- compare ----------------------------------------------------------------------------------


def test_unchanged_rerun_is_within_thresholds(recorded, samples):
    report = rerun(samples)
    assert report.passed and report.exit_code == 0
    for a in report.articles:
        assert (a.translation_chrf, a.summary_chrf, a.translation_bleu) == (100.0, 100.0, 100.0)
        assert a.drifted == [] and a.check_changes == [] and a.signature_changes == []
    assert render_report(report, "text").rstrip().endswith("no drift: 2 articles within thresholds (chrF ≥ 95)")


def test_planted_golden_edit_is_drift_in_that_article_and_sentence(recorded, samples):
    planted = "Officials counted roughly 11,000 troops on the front line by then."

    def plant(data):
        block = data["translation"]["blocks"][1]
        block["translation"] = block["translation"].replace(TOTAL_EN, planted)

    edit_golden(recorded, "a.txt", plant)
    report = rerun(samples)
    assert report.exit_code == 1
    a, b = by_article(report)["a.txt"], by_article(report)["b.md"]
    assert b.passed and not a.passed
    assert a.translation_chrf < 95
    assert any(f.startswith("translation chrF") for f in a.failures)
    worst = a.drifted[0]
    assert (worst.part, worst.block, worst.golden, worst.new) == ("translation", 2, planted, TOTAL_EN)
    assert len(a.drifted) == 1  # the unchanged first sentence of the block is not listed
    assert a.numbers_lost == []  # 11,000 is in both
    text = render_report(report, "text")
    assert "FAIL a.txt" in text and f"golden: {planted}" in text and f"new:    {TOTAL_EN}" in text
    assert text.index("FAIL a.txt") < text.index("ok   b.md")  # drifted articles first
    assert "DRIFT in 1 of 2 articles: a.txt" in text


def test_a_lost_number_is_a_number_problem(recorded, samples):
    report = rerun(samples, NumberDroppingTranslatorDouble("11,000"))
    a = by_article(report)["a.txt"]
    assert not a.passed and by_article(report)["b.md"].passed
    [change] = a.newly_failing
    assert change.block == 2 and change.was_passing and not change.now_passing
    assert any("11.000" in p for p in change.problems)
    [lost] = a.numbers_lost
    assert (lost.block, lost.number, lost.golden_sentence) == (2, "11,000", TOTAL_EN)
    assert any(f.startswith("number lost: block 2: 11,000") for f in a.failures)
    assert any("block 2 (paragraph) newly failing" in f for f in a.failures)
    assert a.number_problems == 2


def test_lost_numbers_counts_only_numbers_the_source_supports():
    source = "Es kamen 3.000 Soldaten."
    golden = "3,000 soldiers came, and 999 more."  # 999 is not in the source: losing it is no loss
    assert lost_numbers(source, golden, "Soldiers came.") == [("3,000", golden)]
    assert lost_numbers(source, golden, "Exactly 3000 soldiers came.") == []  # same number, other notation


def test_a_signature_change_alone_is_reported_not_drift(recorded, samples):
    report = rerun(samples, TableTranslatorDouble(beams=2))
    assert report.passed
    assert "translation.beams: 4 → 2" in report.signature_changes
    assert "translation.beams: 4 → 2" in render_report(report, "text")


def test_key_figures_lost_fail_and_added_are_reported(recorded, samples):
    def swap(data):
        data["key_figures"] = data["key_figures"][1:] + [{"english": "42", "source": "42", "value": 42, "context": ""}]

    edit_golden(recorded, "a.txt", swap)
    a = by_article(rerun(samples))["a.txt"]
    assert a.figures_lost == ["42"] and a.figures_added == ["3,000"]
    assert a.failures == ["key figure lost: 42"]


def test_a_figure_added_alone_passes(recorded, samples):
    edit_golden(recorded, "a.txt", lambda data: data.update(key_figures=data["key_figures"][1:]))
    a = by_article(rerun(samples))["a.txt"]
    assert a.passed and a.figures_added == ["3,000"]


def test_newly_passing_check_is_information(samples):
    record(samples, translator=NumberDroppingTranslatorDouble("11,000"), summariser=LeadSummariserDouble())
    report = rerun(samples)
    a = by_article(report)["a.txt"]
    assert [c.block for c in a.check_changes] == [2] and not a.check_changes[0].newly_failing
    assert a.numbers_lost == []  # the golden never had it: nothing was lost
    assert "block 2 (paragraph) passes now" in render_report(report, "text")


# --- reports ----------------------------------------------------------------------------------


def test_junit_xml_has_one_testcase_per_article_and_counts_failures(recorded, samples):
    report = rerun(samples, NumberDroppingTranslatorDouble("11,000"))
    root = ET.fromstring(render_report(report, "junit"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a.txt", "b.md"]
    assert all(c.get("classname") == "regress.samples" and float(c.get("time")) >= 0 for c in cases)
    failures = [c.find("failure") for c in cases]
    assert failures[1] is None and cases[1].find("system-out") is not None
    assert failures[0].get("type") == "number" and "number lost: block 2: 11,000" in failures[0].get("message")
    assert TOTAL_EN in failures[0].text  # the side-by-side sentences are in the failure body
    for element in (root, suite):
        assert element.get("tests") == str(len(cases)) == "2"
        assert element.get("failures") == str(sum(f is not None for f in failures)) == "1"
        assert element.get("errors") == "0"
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["translation.model"] == "table-translator-double"


def test_json_report_is_complete(recorded, samples):
    data = json.loads(render_report(rerun(samples, TableTranslatorDouble(beams=2)), "json"))
    assert data["passed"] is True and data["summary"] == {"articles": 2, "drifted": 0}
    assert data["thresholds"] == {"min_chrf": 95.0, "min_bleu": None}
    first = data["articles"][0]
    assert first["article"] == "a.txt" and first["scores"]["translation"] == {"chrf": 100.0, "bleu": 100.0}
    assert {"field": "translation.beams", "golden": 4, "new": 2} in first["signature_changes"]


def test_bleu_threshold_is_optional(recorded, samples):
    edit_golden(recorded, "b.md", lambda d: d.update(summary=d["summary"].replace("railway", "railways")))
    lenient, strict = rerun(samples), rerun(samples, min_bleu=95)
    b = by_article(strict)["b.md"]
    assert lenient.passed and b.summary_chrf >= 95  # one letter: small drift
    assert not strict.passed and b.failures == [f"summary BLEU {b.summary_bleu:.1f} < 95"]


def test_orphan_goldens_are_reported(recorded, samples):
    (samples / "b.md").unlink()
    report = rerun(samples)
    assert report.orphans == ["b.md.json"] and report.passed
    assert "goldens without a sample (not compared): b.md.json" in render_report(report, "text")


# --- bad input --------------------------------------------------------------------------------


def test_bad_input_is_an_input_error_before_any_model_runs(tmp_path, recorded, samples):
    never = object()  # no translator: these must fail before one would be used
    with pytest.raises(InputError, match="does not exist"):
        compare(tmp_path / "nope", translator=never, summariser=never)
    with pytest.raises(InputError, match="is not a folder"):
        compare(samples / "a.txt", translator=never, summariser=never)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no articles \(.txt, .md, .markdown, .pdf, .html, .htm, .docx\)"):
        compare(tmp_path / "empty", translator=never, summariser=never)
    with pytest.raises(InputError, match="golden folder .* does not exist: run `summarise regress record"):
        compare(samples, tmp_path / "no-goldens", translator=never, summariser=never)
    (samples / "c.txt").write_text("Ein neuer Artikel mit 5 Zahlen.", encoding="utf-8")
    with pytest.raises(InputError, match=r"no golden in .* for 1 sample \(c.txt\): run `summarise regress record"):
        compare(samples, translator=never, summariser=never)
    (samples / "c.txt").unlink()
    (samples / "a.txt").write_text(ARTICLE_A.replace("4.000", "5.000"), encoding="utf-8")
    with pytest.raises(InputError, match=r"1 sample changed since its golden was recorded \(a.txt\)"):
        compare(samples, translator=never, summariser=never)
    golden_path(recorded, "b.md").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="is not valid JSON"):
        read_golden(golden_path(recorded, "b.md"))


def _cli(*args):
    result = CliRunner().invoke(app, ["regress", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_cli_bad_input_exits_2_with_one_line(tmp_path, samples):
    code, out, err = _cli("compare", tmp_path / "nope")
    assert code == 2 and out == ""
    assert err.splitlines() == [f"summarise: error: SAMPLES_DIR {tmp_path / 'nope'} does not exist"]
    code, out, err = _cli("compare", samples)
    assert code == 2 and len(err.splitlines()) == 1
    assert "golden folder" in err and "run `summarise regress record SAMPLES_DIR`" in err
    code, _, err = _cli("record", tmp_path / "nope", "--model", tmp_path / "no-model")
    assert code == 2 and err.splitlines() == [f"summarise: error: SAMPLES_DIR {tmp_path / 'nope'} does not exist"]
    code, _, err = _cli("compare", samples, "--format", "xml")
    assert code == 2 and "'xml' is not one of text, json, junit" in err


def test_cli_sample_without_golden_exits_2(recorded, samples):
    (samples / "new.txt").write_text("Ein neuer Artikel mit 5 Zahlen.", encoding="utf-8")
    code, _, err = _cli("compare", samples)
    assert code == 2
    assert err.splitlines() == [
        f"summarise: error: no golden in {recorded} for 1 sample (new.txt): "
        "run `summarise regress record SAMPLES_DIR` to record goldens"
    ]


def test_a_passed_model_is_used_when_a_runtime_is_given_too(samples, tiny_marian_dir, tiny_bart_dir, monkeypatch):
    """record/compare with a runtime AND a translator (or summariser): the one passed runs, only the
    other is loaded from the runtime, through the real loading path."""
    import summarise.briefing.summary as summary
    import summarise.translation.engine as engine
    from summarise.models.runtime import Runtime

    runtime = Runtime.resolve(str(tiny_marian_dir), str(tiny_bart_dir), backend="transformers", device="cpu",
                              threads=1, beams=1, cache=False)  # fmt: skip
    loaded = []
    real_summariser, real_translator = summary.summariser_from_runtime, engine.Translator.from_runtime
    monkeypatch.setattr(summary, "summariser_from_runtime", lambda rt: loaded.append("summariser") or real_summariser(rt))
    monkeypatch.setattr(engine.Translator, "from_runtime", lambda rt: loaded.append("translator") or real_translator(rt))

    [path, _] = record(samples, runtime=runtime, translator=TableTranslatorDouble())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["signature"]["translation"]["model"] == "table-translator-double"
    assert TOTAL_EN in json.dumps(data, ensure_ascii=False)  # the double's English, not the tiny model's
    assert loaded == ["summariser"]

    loaded.clear()
    report = compare(samples, runtime=runtime, summariser=LeadSummariserDouble())
    assert loaded == ["translator"] and len(report.articles) == 2
    with pytest.raises(ValueError, match="runtime with a summary model"):
        record(samples, runtime=runtime.but(summary_model=None), translator=TableTranslatorDouble())
