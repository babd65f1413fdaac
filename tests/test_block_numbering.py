"""One block numbering (issue 27 item 14): check (text, JSON, HTML, --lines), translate and brief name
the same block for the same planted wrong number, counting from 1 as people read.

The translation runs through the real engine (splitting, checks, every repair strategy, rendering);
only the model call is a double, which writes the wrong number whatever it is asked.
"""

from __future__ import annotations

import json
import re

import pytest
from brief_doubles import ScriptedSummariserDouble
from translate_doubles import ScriptedBackendDouble
from typer.testing import CliRunner

from summarise.cli import app
from summarise.document import block_index, block_number, numbered

GERMAN = ["Ein Bericht über Zahlen", "Die Lage ist ernst.", "Es kamen 3.000 Menschen."]
ENGLISH = {"Ein Bericht über Zahlen": "A report on numbers", "Die Lage ist ernst.": "The situation is serious.",
           "Es kamen 3.000 Menschen.": "300 people came."}  # fmt: skip
PLANTED = 3  # the block with the wrong number, as people count: the third block
SUMMARY = "The article reports on the events."


def test_the_numbering_helper_counts_from_1():
    assert [block_number(i) for i in range(3)] == [1, 2, 3]
    assert [block_index(block_number(i)) for i in range(3)] == [0, 1, 2]
    assert list(numbered("ab")) == [(1, "a"), (2, "b")]


def wrong_number_backend() -> ScriptedBackendDouble:
    """Translates the article's sentences from a table, 3.000 as 300; any other input (a repair's masked
    or rephrased retry) comes back without its number, so no repair can fix the block."""
    return ScriptedBackendDouble(lambda text, settings: ENGLISH.get(text.strip(), "People came."))


@pytest.fixture
def article(tmp_path):
    # Markdown: the title stays a block of its own (a plain text's short first lines may be joined)
    source = tmp_path / "bericht.md"
    source.write_text("# " + "\n\n".join(GERMAN) + "\n", encoding="utf-8")
    candidate = tmp_path / "bericht.en.md"
    candidate.write_text("# " + "\n\n".join(ENGLISH[g] for g in GERMAN) + "\n", encoding="utf-8")
    lines_de, lines_en = tmp_path / "lines.de", tmp_path / "lines.en"
    lines_de.write_text("\n".join(GERMAN) + "\n", encoding="utf-8")
    lines_en.write_text("\n".join(ENGLISH[g] for g in GERMAN) + "\n", encoding="utf-8")
    return source, candidate, lines_de, lines_en


@pytest.fixture
def doubled_models(monkeypatch):
    """translate and brief load this real Translator on the wrong-number backend double."""
    import summarise.models.loading
    import summarise.models.runtime
    from summarise.models.backends.base import GenerationSettings
    from summarise.translation.engine import Translator

    def load(runtime):
        translator = Translator(wrong_number_backend(), GenerationSettings(beams=1), cache=False)
        return summarise.models.loading.Models(translator, ScriptedSummariserDouble(lambda *a: SUMMARY))

    monkeypatch.setattr(summarise.models.runtime, "resolve_model", lambda *a, **k: None)  # the doubles need no files
    monkeypatch.setattr(summarise.models.loading, "load_models", load)


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def problem_blocks(check: dict) -> set:
    """The block numbers a check's JSON problems name."""
    return {p["block"] for p in check["problems"]}


def named_blocks(text: str, unit: str = "block") -> set[int]:
    """The numbers of every "block N" in `text` (also "blocks N and M" in a verdict, "block-N" anchors)."""
    found = {int(n) for n in re.findall(rf"\b{unit}[ -](\d+)", text)}
    for group in re.findall(rf"\b{unit}s ([\d, and]+)", text):
        found |= {int(n) for n in re.findall(r"\d+", group)}
    return found


def test_check_translate_and_brief_name_the_same_block(article, doubled_models):
    source, candidate, lines_de, lines_en = article

    # check: text, JSON, HTML
    text = invoke("check", source, candidate)
    assert text.exit_code == 1, text.output
    assert text.stdout.splitlines()[0].startswith(f"block {PLANTED}: altered: «3.000» → «300»")
    assert named_blocks(text.stdout) == {PLANTED}
    data = json.loads(invoke("check", source, candidate, "--format", "json").stdout)
    assert problem_blocks(data) == {PLANTED}
    assert {n["block"] for n in data["numbers"]["source"]} == {PLANTED}
    page = invoke("check", source, candidate, "--format", "html").stdout
    assert named_blocks(_verdict(page)) == {PLANTED}
    assert _rows_with_a_bad_mark(page) == {PLANTED}

    # check --lines: "line N", also from 1
    lines = invoke("check", lines_de, lines_en, "--lines")
    assert lines.exit_code == 1 and lines.stdout.startswith(f"line {PLANTED}: altered: «3.000» → «300»")
    assert problem_blocks(json.loads(invoke("check", lines_de, lines_en, "--lines", "--format", "json").stdout)) == {PLANTED}

    # translate: text (the problem lines on stderr), JSON, HTML
    translated = invoke("translate", source)
    assert translated.exit_code == 1, translated.output
    assert "300 people came." in translated.stdout
    failed = [ln for ln in translated.stderr.splitlines() if "check failed" in ln]
    assert failed and named_blocks("\n".join(failed)) == {PLANTED}, translated.stderr
    data = json.loads(invoke("translate", source, "--format", "json").stdout)
    assert [n for n, b in numbered(data["blocks"]) if b["check"]["problems"]] == [PLANTED]
    assert problem_blocks(data["blocks"][block_index(PLANTED)]["check"]) == {PLANTED}
    page = invoke("translate", source, "--format", "html").stdout
    assert named_blocks(_verdict(page)) == {PLANTED} and _rows_with_a_bad_mark(page) == {PLANTED}

    # brief: text (fidelity line and stderr), JSON, HTML
    brief = invoke("brief", source)
    assert brief.exit_code == 1, brief.output
    assert named_blocks(brief.stdout + brief.stderr) == {PLANTED}, brief.output
    data = json.loads(invoke("brief", source, "--format", "json").stdout)
    blocks = data["translation"]["blocks"]
    assert [n for n, b in numbered(blocks) if b["check"]["problems"]] == [PLANTED]
    assert problem_blocks(blocks[block_index(PLANTED)]["check"]) == {PLANTED}
    page = invoke("brief", source, "--format", "html").stdout
    assert named_blocks(_verdict(page)) == {PLANTED} and _rows_with_a_bad_mark(page) == {PLANTED}


def _verdict(page: str) -> str:
    import lxml.html

    return lxml.html.fromstring(page).get_element_by_id("verdict").text_content()


def _rows_with_a_bad_mark(page: str) -> set[int]:
    """The block numbers (row ids block-N) of the review page's rows holding a number marked wrong."""
    import lxml.html

    tree = lxml.html.fromstring(page)
    rows = tree.xpath('//tr[contains(@class,"blk")][.//mark[contains(@class,"bad")]]/@id')
    return {int(r.removeprefix("block-")) for r in rows}
