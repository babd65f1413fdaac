"""Rendering a Translation as text, Markdown and JSON (summarise.output.render)."""

from __future__ import annotations

import json

import pytest

from summarise.checking.report import CheckReport, Problem
from summarise.output.render import render_translation, translation_problems
from summarise.translation.engine import TranslatedBlock, Translation


def block(kind, source, translation, problems=(), repair=None):
    return TranslatedBlock(kind, source, translation, CheckReport(list(problems)), repair)


@pytest.fixture
def translation():
    missing = Problem("missing", "3.000 (3,000) is missing from the translation", "3.000", None, 3000.0, 1)
    return Translation(
        model="tiny",
        blocks=[
            block("title", "Nordkorea schickt Truppen", "North Korea sends troops"),
            block("paragraph", "Nordkorea hat 3.000 Soldaten geschickt.", "North Korea has sent\nsoldiers.", [missing]),
            block("heading", "Verluste", "Losses"),
            block("paragraph", "1. Platz ging an Köln.", "1. Place went to Cologne.", repair="masked"),
        ],
        signature={"model": "tiny", "beams": 4},
        source="a.txt",
    )


def test_text_is_one_paragraph_per_block(translation):
    assert render_translation(translation, "text") == (
        "North Korea sends troops\n\nNorth Korea has sent soldiers.\n\nLosses\n\n1. Place went to Cologne.\n"
    )


def test_markdown_marks_title_and_headings_and_escapes_list_lookalikes(translation):
    assert render_translation(translation, "markdown") == (
        "# North Korea sends troops\n\nNorth Korea has sent soldiers.\n\n## Losses\n\n1\\. Place went to Cologne.\n"
    )


def test_json_has_the_contract_fields(translation):
    data = json.loads(render_translation(translation, "json"))
    assert data["model"] == "tiny" and data["passed"] is False and data["signature"]["beams"] == 4
    assert [b["kind"] for b in data["blocks"]] == ["title", "paragraph", "heading", "paragraph"]
    second = data["blocks"][1]
    assert second["check"]["passed"] is False
    assert second["check"]["problems"][0]["source"] == "3.000"
    assert data["blocks"][3]["repair"] == "masked"


def test_problem_lines_name_block_and_number(translation):
    assert translation_problems(translation) == ["block 2 (paragraph): 3.000 (3,000) is missing from the translation"]


def test_unknown_format_is_refused(translation):
    with pytest.raises(ValueError, match="unknown format"):
        render_translation(translation, "pdf")


def test_html_is_a_registered_format(translation):
    page = render_translation(translation, "html")
    assert page.startswith("<!DOCTYPE html>") and page.count('class="blk ') == len(translation.blocks)
