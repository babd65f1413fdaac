"""`summarise brief` end to end: tiny random Marian + tiny random BART through the real CLI path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from brief_doubles import FixedTranslatorDouble, ScriptedSummariserDouble
from typer.testing import CliRunner

from summarise.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "nordkorea-truppen.txt"


def invoke(*args, input=None):
    return CliRunner().invoke(app, ["brief", *map(str, args)], input=input)


@pytest.fixture(scope="module")
def seed_brief(tiny_marian_dir, tiny_bart_dir, tmp_path_factory):
    """The seed article briefed once by the tiny models (module-scoped: the slow part of this file)."""
    out = tmp_path_factory.mktemp("brief") / "brief.json"
    result = invoke(
        SAMPLE, "--model", tiny_marian_dir, "--summary-model", tiny_bart_dir, "--format", "json", "-o", out,
        "--backend", "transformers", "--offline", "--beams", "1", "--threads", "1",
    )
    return result, out


def test_brief_json_end_to_end(seed_brief):
    from summarise.briefing.brief import is_figure
    from summarise.checking.numbers import extract_german
    from summarise.ingest import read_document

    result, out = seed_brief
    assert result.stdout == ""  # -o: nothing on stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    # A random Marian loses numbers, so the checks fail: written anyway, exit 1, stderr says which.
    assert result.exit_code == (0 if data["passed"] else 1)
    assert ("check failed: block" in result.stderr) == (not data["passed"])

    doc = read_document(SAMPLE)
    blocks = data["translation"]["blocks"]
    assert [(b["kind"], b["source"]) for b in blocks] == [(b.kind, b.text) for b in doc.blocks]
    assert data["headline"] == next(b["translation"] for b in blocks if b["kind"] == "title").strip()
    assert isinstance(data["summary"], str) and data["summary"]
    # Key figures: every number of the article, from the checker's extraction, not from the model.
    article_numbers = {n.english for b in doc.blocks for n in extract_german(b.text) if is_figure(n)}
    assert len(article_numbers) >= 8  # the seed article is full of numbers
    assert {f["english"] for f in data["key_figures"]} == article_numbers
    translations = [" ".join(b["translation"].split()) for b in blocks]
    for figure in data["key_figures"]:
        assert figure["source"] in doc.text
        assert any(figure["context"] in t for t in translations)  # a sentence of the translation
    assert data["signature"]["summary"]["kind"] == "seq2seq"


def test_markdown_to_stdout_and_stdin_input(tiny_marian_dir, tiny_bart_dir):
    text = "Titel mit 3.000 Soldaten\n\nDer Absatz hat 11.000 Wörter. Er endet hier."
    result = invoke(
        "-", "--model", tiny_marian_dir, "--summary-model", tiny_bart_dir, "--format", "markdown",
        "--backend", "transformers", "--beams", "1", "--threads", "1", input=text,
    )
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.startswith("# ") and "## Key figures" in result.stdout and "**Fidelity" in result.stdout


def test_exit_0_when_every_check_passes(monkeypatch):
    import summarise.models.loading
    import summarise.models.runtime

    german = "Nordkorea schickte 3.000 Soldaten.\n\nDie Gesamtzahl liegt bei etwa 11.000."
    table = {
        "Nordkorea schickte 3.000 Soldaten.": "North Korea sent 3,000 soldiers.",
        "Die Gesamtzahl liegt bei etwa 11.000.": "The total is about 11,000.",
    }
    monkeypatch.setattr(summarise.models.runtime, "resolve_model", lambda *a, **k: None)  # the doubles need no files
    doubles = summarise.models.loading.Models(
        FixedTranslatorDouble(table), ScriptedSummariserDouble(lambda *x: "The total is 11,000.")
    )
    monkeypatch.setattr(summarise.models.loading, "load_models", lambda runtime: doubles)
    result = invoke("-", "--format", "text", input=german)
    assert result.exit_code == 0, result.stderr
    assert "The total is 11,000." in result.stdout and result.stderr == ""


def test_missing_file_is_exit_2_with_one_line(tmp_path):
    result = invoke(tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_summary_model_not_available_is_exit_2(tiny_marian_dir):
    result = invoke(SAMPLE, "--model", tiny_marian_dir, "--summary-model", "nobody/no-such-summariser", "--offline")
    assert result.exit_code == 2
    assert "nobody/no-such-summariser is not in the local cache" in result.stderr
    assert result.stderr.count("\n") == 1


def test_bad_format_is_exit_2():
    result = invoke(SAMPLE, "--format", "pdf")
    assert result.exit_code == 2 and "--format" in result.stderr


def test_help_has_examples():
    result = CliRunner().invoke(app, ["brief", "--help"])
    assert result.exit_code == 0
    assert "summarise brief article.txt" in result.stdout and "--summary-model" in result.stdout
