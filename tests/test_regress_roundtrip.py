"""`summarise regress record|compare --roundtrip`: DOCX, HTML and Markdown samples written back in
their own format, read back with summarise's own ingest, recorded in the golden and compared; on the
tiny Marian + BART models through the CLI and the real loading path."""

from __future__ import annotations

import json

import pytest
from roundtrip_fixtures import build_docx
from test_regress import ARTICLE_A, ARTICLE_B
from test_regress_cli import one_thread, run  # noqa: F401 (a fixture)

from summarise.ingest import read_document
from summarise.regress import golden_path

PAGE = (
    '<!DOCTYPE html><html lang="de"><head><title>Bahn</title></head><body>'
    "<h1>Bahn erhöht die Preise</h1><p>Die neuen Preise gelten ab dem <b>15. Dezember</b>.</p></body></html>"
)
NAMES = ("a.txt", "b.md", "c.html", "d.docx")
MODELS = ("--backend", "transformers", "--device", "cpu", "--threads", "1", "--beams", "1")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, tiny_marian_dir, tiny_bart_dir, one_thread):  # noqa: F811
    samples = tmp_path_factory.mktemp("regress-roundtrip") / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (samples / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    (samples / "c.html").write_text(PAGE, encoding="utf-8")
    (samples / "d.docx").write_bytes(build_docx())
    code, out, err = run("record", samples, "--roundtrip", "--model", tiny_marian_dir, "--summary-model", tiny_bart_dir, *MODELS)
    assert code in (0, 1), err
    goldens = {n: json.loads(golden_path(samples / "golden", n).read_text(encoding="utf-8")) for n in NAMES}
    return samples, goldens


def copy_goldens(samples, tmp_path, change=None):
    copy = tmp_path / "golden"
    for name in NAMES:
        data = json.loads(golden_path(samples / "golden", name).read_text(encoding="utf-8"))
        if change:
            change(name, data)
        golden_path(copy, name).parent.mkdir(parents=True, exist_ok=True)
        golden_path(copy, name).write_text(json.dumps(data), encoding="utf-8")
    return copy


def test_record_keeps_the_round_trip_text_of_docx_html_and_markdown_samples(recorded):
    samples, goldens = recorded
    assert "roundtrip" not in goldens["a.txt"]
    assert {n: goldens[n]["roundtrip"]["format"] for n in NAMES[1:]} == {"b.md": "markdown", "c.html": "html", "d.docx": "docx"}
    for name in NAMES[1:]:
        blocks = goldens[name]["roundtrip"]["blocks"]
        # The document read back (the tiny model's random English may split a block differently).
        assert blocks and all(isinstance(b, str) for b in blocks)
        assert blocks != [b.text for b in read_document(samples / name).blocks]


def test_compare_roundtrip_unchanged_passes(recorded):
    samples, _ = recorded
    code, out, err = run("compare", samples, "--roundtrip", "--threads", "1", "--device", "cpu")
    assert code == 0, out + err
    assert "round trip chrF 100.0" in out


def test_a_changed_round_trip_text_is_drift_named_by_block(recorded, tmp_path):
    samples, _ = recorded
    planted = "This paragraph was planted in the golden round trip."

    def plant(name, data):
        if name in ("c.html", "b.md"):
            data["roundtrip"]["blocks"] = [planted] * len(data["roundtrip"]["blocks"])

    copy = copy_goldens(samples, tmp_path, plant)
    code, out, err = run("compare", samples, "--golden", copy, "--roundtrip", "--threads", "1", "--device", "cpu", "--format", "json")
    assert code == 1, err
    by_name = {a["article"]: a for a in json.loads(out)["articles"]}
    assert by_name["a.txt"]["passed"] and by_name["d.docx"]["passed"]
    page = by_name["c.html"]
    assert not page["passed"] and any(f.startswith("round-trip text chrF") for f in page["failures"])
    assert page["scores"]["roundtrip"]["chrf"] < 95
    assert {d["part"] for d in page["drifted_sentences"]} == {"roundtrip"}
    assert page["drifted_sentences"][0]["golden"] == planted and page["drifted_sentences"][0]["block"] == 1
    assert "roundtrip" not in by_name["a.txt"]["scores"]
    # Goldens that hold round-trip text are compared without the flag too (the Markdown sample is found).
    code, out, err = run("compare", samples, "--golden", copy, "--threads", "1", "--device", "cpu")
    assert code == 1, err
    assert "FAIL b.md" in out and "[round trip, block 1 · chrF" in out and f"golden: {planted}" in out


def test_compare_roundtrip_without_recorded_round_trip_text_exits_2(recorded, tmp_path):
    samples, _ = recorded
    copy = copy_goldens(samples, tmp_path, lambda name, data: data.pop("roundtrip", None))
    code, out, err = run("compare", samples, "--golden", copy, "--roundtrip", "--threads", "1", "--device", "cpu")
    assert code == 2
    assert err.strip().count("\n") == 0 and "no round-trip text" in err and "--roundtrip" in err
