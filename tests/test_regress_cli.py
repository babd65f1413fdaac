"""`summarise regress record|compare` end to end on real (tiny, random) models through the CLI.

Tiny Marian + tiny BART load and generate through the same code as the real models, so this covers
model loading, the recorded-settings defaults of `compare`, and drift from a real change of
generation settings. One thread: on a busy 2-core machine, two OpenMP threads make these tiny
models many times slower.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from test_regress import ARTICLE_A, ARTICLE_B
from typer.testing import CliRunner

from summarise.cli import app
from summarise.regress import golden_path


def run(*args):
    result = CliRunner().invoke(app, ["regress", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def one_thread():
    import torch

    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, tiny_marian_dir, tiny_bart_dir, one_thread):
    """Goldens of two short articles, recorded once with greedy decoding (beams 1)."""
    samples = tmp_path_factory.mktemp("regress-cli") / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (samples / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    code, out, err = run(
        "record", samples, "--model", tiny_marian_dir, "--summary-model", tiny_bart_dir,
        "--backend", "transformers", "--device", "cpu", "--threads", "1", "--beams", "1",
    )  # fmt: skip
    goldens = [json.loads(golden_path(samples / "golden", name).read_text(encoding="utf-8")) for name in ("a.txt", "b.md")]
    return samples, goldens, (code, out, err)


def test_record_writes_goldens_and_reports_failing_checks(recorded, tiny_marian_dir, tiny_bart_dir):
    samples, goldens, (code, out, err) = recorded
    assert f"recorded {golden_path(samples / 'golden', 'a.txt')}" in out
    assert "2 goldens in" in out
    failing = [g["article"] for g in goldens if not g["passed"]]
    # Random weights rarely keep a number: exit 1 exactly when some golden fails its checks.
    assert code == (1 if failing else 0), err
    if failing:
        assert err.splitlines()[-1].startswith(f"summarise: check failed: {len(failing)} of 2 articles fail their checks")
    sig = goldens[0]["signature"]
    assert sig["translation"]["model"] == str(tiny_marian_dir) and sig["summary"]["model"] == str(tiny_bart_dir)
    assert sig["translation"]["backend"] == "transformers" and sig["translation"]["beams"] == 1
    assert sig["translation"]["revision"].startswith("local-")
    blocks = goldens[0]["translation"]["blocks"]
    assert [b["source"].split()[0] for b in blocks] == ["Nordkorea", "Nordkorea", "Von"]
    assert all(b["translation"].strip() for b in blocks)


def test_compare_unchanged_passes_with_the_recorded_models(recorded, tmp_path):
    samples, _, _ = recorded
    report = tmp_path / "regress.xml"
    # No --model / --summary-model / --backend / --beams: compare reruns what the goldens were recorded with.
    code, out, err = run("compare", samples, "--threads", "1", "--device", "cpu", "--format", "junit", "-o", report)
    assert code == 0, err
    assert out == "" and err.splitlines()[-1].startswith("summarise regress: no drift: 2 articles within thresholds")
    root = ET.parse(report).getroot()
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "0")
    assert [c.get("name") for c in suite.findall("testcase")] == ["a.txt", "b.md"]
    assert suite.findall("testcase/failure") == []


def test_other_generation_settings_are_drift_with_article_and_sentence(recorded):
    samples, goldens, _ = recorded
    code, out, err = run("compare", samples, "--threads", "1", "--device", "cpu", "--beams", "3", "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    assert err.splitlines()[-1].startswith("summarise regress: DRIFT in")
    assert "translation.beams: 1 → 3" in report["signature_changes"]
    drifted = [a for a in report["articles"] if not a["passed"]]
    assert drifted and all(a["failures"] for a in drifted)
    by_name = {g["article"]: g for g in goldens}
    for article in drifted:
        worst = article["drifted_sentences"][0]
        assert worst["chrf"] == min(d["chrf"] for d in article["drifted_sentences"])
        assert worst["golden"] != worst["new"]
        # The sentence named is the golden's text of the block named, in the article named.
        if worst["part"] == "translation":
            assert worst["golden"] in by_name[article["article"]]["translation"]["blocks"][worst["block"] - 1]["translation"]
        else:
            assert worst["golden"] in by_name[article["article"]]["summary"]


def test_planted_golden_edit_is_drift_in_the_text_report(recorded, tmp_path):
    samples, _, _ = recorded
    planted = "This sentence was planted in the golden."
    copy = tmp_path / "golden"
    for name in ("a.txt", "b.md"):
        data = json.loads(golden_path(samples / "golden", name).read_text(encoding="utf-8"))
        if name == "b.md":
            data["translation"]["blocks"][1]["translation"] = planted
        golden_path(copy, name).parent.mkdir(parents=True, exist_ok=True)
        golden_path(copy, name).write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("compare", samples, "--golden", copy, "--threads", "1", "--device", "cpu")
    assert code == 1, err
    assert "ok   a.txt" in out and "FAIL b.md" in out
    section = out[out.index("FAIL b.md") : out.index("ok   a.txt")]
    assert "[block 2 · chrF" in section and f"golden: {planted}" in section
    assert out.rstrip().endswith("DRIFT in 1 of 2 articles: b.md")
