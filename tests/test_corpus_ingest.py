"""Issue 18's goals on the real-document corpus (tests/corpus): typeset, browser-printed and office PDFs,
text pasted out of PDFs, saved news pages and Word files, each scored against its ground-truth blocks.

The goals are asserted over the inputs tuned on; the held-out ones (manifest `held_out`) are only
measured, by bench/ingest.py. Bad inputs (encrypted, scanned, broken HTML, a fake .docx) must give one
line and exit 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

from scoring import CORPUS, ROUTES, Score, is_junk, load_manifest, load_truth, norm, score  # noqa: E402

from summarise.document import BLOCK_KINDS  # noqa: E402
from summarise.errors import InputError  # noqa: E402
from summarise.ingest import read_document  # noqa: E402

MANIFEST = load_manifest()
TUNED = [e for e in MANIFEST["inputs"] if not e["held_out"]]
HELD_OUT = [e for e in MANIFEST["inputs"] if e["held_out"]]
ROOT = Path(__file__).resolve().parents[1]

# route: (min share of blocks exact, min word accuracy) — issue 18's goals; office PDFs are typeset
# documents too, and Word files carry their structure explicitly.
GOALS = {
    "pdf-typeset": (0.95, 0.999),
    "pdf-browser": (0.90, 0.999),
    "pdf-office": (0.95, 0.999),
    "pasted": (0.0, 0.90),
    "html": (0.90, 0.99),
    "docx": (1.0, 1.0),
}
MAX_CPU_S_PER_PAGE = 0.2


# ------------------------------------------------------------------------------------------------
# The corpus itself: what the goals are measured on must stay what the issue asks for


def test_manifest_lists_existing_inputs_with_valid_truth():
    for entry in MANIFEST["inputs"]:
        assert (CORPUS / entry["file"]).is_file(), entry["file"]
        assert entry["route"] in ROUTES, entry
        truth = load_truth(entry)
        kinds = [b["kind"] for b in truth["blocks"]]
        assert kinds[0] == "title" and kinds.count("title") == 1, entry["file"]
        assert set(kinds) <= set(BLOCK_KINDS)
        assert kinds.count("paragraph") >= 4, entry["file"]
        for b in truth["blocks"]:
            # Ground truth is clean text: single spaces, no soft hyphens, and never itself "junk".
            assert b["text"] == norm(b["text"]) and "\u00ad" not in b["text"], b["text"][:60]
            assert not is_junk(b["text"], truth.get("junk", [])), (entry["file"], b["text"][:60])


def test_corpus_has_what_issue_18_asks_for():
    inputs = MANIFEST["inputs"]
    by_route = {r: [e for e in inputs if e["route"] == r] for r in ROUTES}
    typeset = by_route["pdf-typeset"]
    assert len(typeset) >= 12
    assert {e["options"]["layout"] for e in typeset} >= {"onecol", "twocolumn", "multicol", "narrow"}
    assert all(e["pages"] >= 2 for e in inputs if e["route"].startswith("pdf-"))
    browser = by_route["pdf-browser"]
    assert {e["options"]["header_footer"] for e in browser} == {True, False}
    assert any(e["options"].get("shy") for e in browser) and any(e["options"].get("columns") for e in browser)
    assert len(by_route["pdf-office"]) >= 1 and len(by_route["pasted"]) >= 3
    assert len(by_route["html"]) >= 3 and len(by_route["docx"]) >= 2
    held = {e["route"] for e in HELD_OUT}
    assert {"pdf-typeset", "pdf-browser", "html"} <= held
    size = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert size < 5 * 1024 * 1024


def test_scoring_counts_lost_glued_and_junk_blocks():
    truth = {"blocks": [{"kind": "title", "text": "Titel"}, {"kind": "paragraph", "text": "Erster Absatz hier."},
                        {"kind": "paragraph", "text": "Zweiter Absatz."}],
             "junk": ["Lokalzeitung"], "boilerplate": ["Foto: dpa"]}
    perfect = [("title", "Titel"), ("paragraph", "Erster  Absatz hier."), ("paragraph", "Zweiter Absatz.")]
    assert (score(truth, perfect).blocks_exact, score(truth, perfect).word_acc) == (1.0, 1.0)
    merged = score(truth, [("title", "Titel"), ("paragraph", "Erster Absatz hier. Zweiter Absatz.")])
    assert merged.exact_blocks == 1 and merged.word_acc == 1.0
    glued = score(truth, [*perfect[:2], ("paragraph", "Zweiter Absatz. Lokalzeitung")])
    assert glued.exact_blocks == 2 and glued.word_acc < 1.0 and glued.junk
    numbered = score(truth, [*perfect, ("heading", "2")])
    assert numbered.junk == ["2"] and numbered.exact_blocks == 3
    caption = score(truth, [perfect[0], ("paragraph", "Foto: dpa"), *perfect[1:]])
    assert caption.tolerated == 1 and caption.word_acc == 1.0
    assert score(truth, None).word_acc == 0.0


# ------------------------------------------------------------------------------------------------
# Issue 18's goals over the tuned inputs (they fail until the layout-aware ingest lands)


@pytest.fixture(scope="module")
def results() -> dict[str, list[tuple[dict, Score, float]]]:
    out: dict[str, list[tuple[dict, Score, float]]] = {r: [] for r in ROUTES}
    for entry in TUNED:
        cpu = time.process_time()
        try:
            blocks = [(b.kind, b.text) for b in read_document(CORPUS / entry["file"]).blocks]
        except InputError:
            blocks = None
        out[entry["route"]].append((entry, score(load_truth(entry), blocks), time.process_time() - cpu))
    return out


def _aggregate(rows: list[tuple[dict, Score, float]]) -> tuple[float, float]:
    blocks = sum(s.truth_blocks for _, s, _ in rows)
    words = sum(s.truth_words + s.out_words for _, s, _ in rows)
    return (sum(s.exact_blocks for _, s, _ in rows) / blocks, 2 * sum(s.matched_words for _, s, _ in rows) / words)


@pytest.mark.parametrize("route", ROUTES)
def test_route_meets_its_goal(results, route):
    rows = results[route]
    assert rows, f"no tuned inputs for {route}"
    exact, words = _aggregate(rows)
    min_exact, min_words = GOALS[route]
    detail = "; ".join(f"{Path(e['file']).name}: {s.exact_blocks}/{s.truth_blocks} blocks, {s.word_acc:.4f} words"
                       for e, s, _ in rows if s.blocks_exact < 1 or s.word_acc < 1)
    assert exact >= min_exact, f"{route}: {exact:.3f} of blocks exact (goal {min_exact}): {detail}"
    assert words >= min_words, f"{route}: word accuracy {words:.4f} (goal {min_words}): {detail}"


@pytest.mark.parametrize("route", ROUTES)
def test_no_junk_blocks(results, route):
    junk = {Path(e["file"]).name: s.junk for e, s, _ in results[route] if s.junk}
    assert not junk, f"page numbers / running heads / print headers came back as blocks: {junk}"


def test_pdf_speed_per_page(results):
    rows = [row for r in ROUTES if r.startswith("pdf-") for row in results[r]]
    pages = sum(e["pages"] for e, _, _ in rows)
    per_page = sum(t for _, _, t in rows) / pages
    assert per_page <= MAX_CPU_S_PER_PAGE, f"{per_page:.3f} CPU s per PDF page (goal {MAX_CPU_S_PER_PAGE})"


# ------------------------------------------------------------------------------------------------
# Bad inputs: one line on stderr, exit 2, never a traceback


@pytest.mark.parametrize("case", MANIFEST["bad"], ids=lambda c: Path(c["file"]).name)
def test_bad_input_is_one_line_exit_2(case, tmp_path):
    path = CORPUS / case["file"]
    with pytest.raises(InputError):
        read_document(path)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([sys.executable, "-m", "summarise", "segment", str(path), "--format", "json"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == case["exit"], proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout == ""
    said = lines[0].replace(str(path), "").casefold()  # the file's own name must not do the explaining
    assert any(e.casefold() in said for e in case["expect"]), lines[0]


def test_bad_input_fixtures_are_what_they_claim():
    from pypdf import PdfReader

    bad = CORPUS / "bad"
    assert PdfReader(bad / "encrypted.pdf").is_encrypted
    scanned = PdfReader(bad / "scanned.pdf")
    assert len(scanned.pages) == 1 and not scanned.pages[0].extract_text().strip()
    assert "/Image" in json.dumps(str(scanned.pages[0]["/Resources"]))
    assert (bad / "not-word.docx").read_bytes().startswith(b"PK\x03\x04")
