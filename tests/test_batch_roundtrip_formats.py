"""`batch --formats docx,html`: every article whose input has that format is also written back in its
own format (a.en.docx, a.en.html), with the tiny Marian model through the real CLI and loading path;
the review pages and index.html stay as they were."""

from __future__ import annotations

import json

import docx
import lxml.html
import pytest
from roundtrip_fixtures import build_docx
from test_batch_cli import invoke, manifest, write_articles

from summarise.batch.outputs import output_names

PAGE = (
    '<!DOCTYPE html><html lang="de"><head><title>Der Bericht</title></head><body>'
    "<h1>Die Stadt wächst</h1><p>Die Stadt hat <b>3.000</b> neue Wohnungen gebaut.</p></body></html>"
)


@pytest.fixture(scope="module")
def inputs() -> dict:
    return {
        "seite.html": PAGE,
        "bericht.docx": build_docx(),
        "notiz.md": "# Die Stadt\n\nDie Stadt hat 3.000 Menschen.\n",
        "text.txt": "Die Wirtschaft wuchs um 2,5 Prozent.\n",
    }


def run(tiny_marian_dir, src, out, formats):
    return invoke(src, out, "--translate-only", "--model", tiny_marian_dir, "--offline", "--beams", "1", "--formats", formats)


def test_formats_html_and_docx_write_each_input_back_in_its_own_format(tiny_marian_dir, tmp_path, inputs):
    src = write_articles(tmp_path / "in", inputs)
    out = tmp_path / "out"
    result = run(tiny_marian_dir, src, out, "html,docx")
    assert result.exit_code in (0, 1), result.output
    entries = manifest(out)
    assert {p: e["outputs"] for p, e in entries.items()} == {
        "bericht.docx": ["bericht.docx.html", "bericht.en.docx"],
        "notiz.md": ["notiz.md.html"],
        "seite.html": ["seite.html.html", "seite.en.html"],
        "text.txt": ["text.txt.html"],
    }
    # The review page of every article and the index, as before; the round-trip page is the input's page.
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p}.html"' in index for p in entries)
    review = (out / "seite.html.html").read_text(encoding="utf-8")
    page = lxml.html.document_fromstring((out / "seite.en.html").read_bytes())
    assert page.get("lang") == "en" and review != (out / "seite.en.html").read_text(encoding="utf-8")
    assert [e.tag for e in page.iter()] == [e.tag for e in lxml.html.document_fromstring(PAGE).iter()]
    assert "Die Stadt wächst" not in page.text_content()
    assert json.loads((out / "seite.en.check.json").read_text())["format"] == "html"
    assert len(docx.Document(str(out / "bericht.en.docx")).paragraphs) == len(
        docx.Document(str(src / "bericht.docx")).paragraphs
    )
    # A rerun asking for the same formats finds every output there and rewrites none.
    written = {o: (out / o).stat().st_mtime_ns for e in entries.values() for o in e["outputs"]}
    again = run(tiny_marian_dir, src, out, "html,docx")
    assert again.exit_code in (0, 1), again.output
    assert {o: (out / o).stat().st_mtime_ns for o in written} == written


def test_a_missing_round_trip_page_is_redone_and_roundtrip_is_every_input_once(tiny_marian_dir, tmp_path, inputs):
    src = write_articles(tmp_path / "in", inputs)
    out = tmp_path / "out"
    assert run(tiny_marian_dir, src, out, "html").exit_code in (0, 1)
    (out / "seite.en.html").unlink()
    assert run(tiny_marian_dir, src, out, "html").exit_code in (0, 1)
    assert (out / "seite.en.html").is_file()
    # html and the roundtrip alias together: the page is written back once, listed once.
    out2 = tmp_path / "out2"
    assert run(tiny_marian_dir, src, out2, "html,roundtrip").exit_code in (0, 1)
    outputs = {p: e["outputs"] for p, e in manifest(out2).items()}
    assert outputs["seite.html"] == ["seite.html.html", "seite.en.html"]
    assert outputs["notiz.md"] == ["notiz.md.html", "notiz.en.md"]
    assert outputs["bericht.docx"] == ["bericht.docx.html", "bericht.en.docx"]


def test_formats_markdown_stays_the_rendered_output_only():
    """markdown is a default format: it never adds a round trip (that is `roundtrip`'s job)."""
    assert output_names("notiz.md", "markdown") == ["notiz.md.md"]
    assert output_names("seite.html", "html") == ["seite.html.html", "seite.en.html"]
    assert output_names("seite.htm", "html") == ["seite.htm.html", "seite.en.htm"]
    assert output_names("text.txt", "html") == ["text.txt.html"]
    assert output_names("a/b.docx", "docx") == ["a/b.en.docx"]
    assert output_names("a/b.txt", "docx") == []
