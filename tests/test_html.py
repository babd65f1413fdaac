"""The HTML review pages (summarise.output.html): structure, number pairing, problems, safety, speed.

Every sample article goes through the real path (ingest → tiny random Marian with the repair loop →
tiny random BART) and each page is parsed back (lxml) and held against the check reports it was
rendered from: one row per block, every number of every report marked on its side, pairs sharing an
id, each problem shown on its block. The reference-English pages (tests/data) show the same for a
translation whose numbers really match. The browser tests are in test_html_browser.py.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import zipfile
from pathlib import Path

import lxml.html
import pytest
from brief_doubles import FixedTranslatorDouble, ScriptedSummariserDouble
from typer.testing import CliRunner

from summarise.checking.checks import check_blocks, check_translation
from summarise.cli import app
from summarise.document import Document, block_index, numbered
from summarise.ingest import read_document
from summarise.output.html import (
    IndexRow,
    index_row,
    render_batch_index,
    render_brief_html,
    render_check_html,
    render_translation_html,
    safe_href,
)
from summarise.output.html.page import _assets, _sha256
from summarise.output.html.view import pieces
from summarise.translation.engine import TranslatedBlock, Translation

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in {".txt", ".md"})
SEED = ROOT / "samples" / "nordkorea-truppen.txt"
SEED_EN = ROOT / "tests" / "data" / "nordkorea-truppen.en.txt"
DATE = "2026-01-02 03:04 UTC"

HOSTILE_DE = (
    'Angriff <script>window.__pwned = "script"</script> mit 3.000 Mann und '
    '<img src=x onerror="window.__pwned = \'img\'"> am 26. Februar </td></tr></table><b>fett</b> '
    '<a href="javascript:window.__pwned = \'link\'">hier</a> \u202e0003\u202c Euro & "Zitat" \'x\' \x07'
)
HOSTILE_EN = (
    'Attack <script>window.__pwned = "script"</script> with 3,000 men and '
    '<img src=x onerror="window.__pwned = \'img\'"> on February 26 </td></tr></table><b>bold</b> '
    '<a href="javascript:window.__pwned = \'link\'">here</a> \u202e0003\u202c euros & "quote" \'x\' \x07'
)


# --- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_briefs(tiny_marian_dir, tiny_bart_dir):
    """A brief of every sample on the tiny models, repair loop on (short greedy outputs keep it fast)."""
    from summarise.briefing.brief import make_briefs
    from summarise.briefing.summary import load_summariser
    from summarise.models.backends import load_backend
    from summarise.models.backends.base import GenerationSettings
    from summarise.translation.engine import Translator

    backend = load_backend(str(tiny_marian_dir), backend="transformers", device="cpu", threads=1)
    translator = Translator(backend, GenerationSettings(beams=1, max_new_tokens=12), cache=False)
    summariser = load_summariser(str(tiny_bart_dir), backend="transformers", device="cpu", threads=1)
    docs = [read_document(p) for p in SAMPLES]
    return dict(zip([p.name for p in SAMPLES], make_briefs(docs, translator, summariser), strict=True))


def seed_pair() -> tuple[list, list[str]]:
    blocks = read_document(SEED).blocks
    english = [b.strip() for b in SEED_EN.read_text(encoding="utf-8").split("\n\n")]
    assert len(blocks) == len(english)
    return blocks, english


def reference_brief(english_edit=None):
    """The seed article briefed with reference English (a named translator double) and a scripted summary."""
    from summarise.briefing.brief import make_brief

    blocks, english = seed_pair()
    if english_edit:
        english = english_edit(list(english))
    table = {b.text: e for b, e in zip(blocks, english, strict=True)}
    summary = (
        "North Korea has sent another 3,000 soldiers to Russia, bringing the total to about 11,000. "
        "About 4,000 of them are said to have been killed or wounded."
    )
    summariser = ScriptedSummariserDouble(lambda text, settings, attempt: summary)
    return make_brief(Document(blocks, source=str(SEED)), FixedTranslatorDouble(table), summariser)


def parse(html: str):
    return lxml.html.fromstring(html)


def text_of(element) -> str:
    return element.text_content()


# --- what every page must show ------------------------------------------------------------------------


def assert_rows_match_units(tree, units: list[tuple[str, str, object, str]]):
    """units: (source, translation, CheckReport, kind) per row, in order."""
    rows = tree.xpath('//table[contains(@class,"sbs")]/tbody/tr')
    assert len(rows) == len(units), "one row per block"
    pair_marks: dict[str, list] = {}
    for mark in tree.xpath("//mark[@data-pair]"):
        pair_marks.setdefault(mark.get("data-pair"), []).append(mark)
    for number, (row, (source, translation, report, kind)) in enumerate(zip(rows, units, strict=True), 1):
        assert row.get("id") == f"block-{number}"
        de, en = row.xpath('./td[contains(@class,"de")]')[0], row.xpath('./td[contains(@class,"en")]')[0]
        assert len(row.xpath("./td")) == 3 and len(row.xpath("./th")) == 1
        # headings as headings
        tag = {"title": "h3", "heading": "h4"}.get(kind, "p")
        assert [c.tag for c in de] == [tag] and [c.tag for c in en] == [tag]
        # the cells say exactly what the texts say (invisible characters as visible labels)
        assert text_of(de) == shown(source)
        assert text_of(en) == shown(translation)
        # every number of the report is marked on its side, in order, with its own text
        de_marks, en_marks = de.xpath('.//mark[contains(@class,"num")]'), en.xpath('.//mark[contains(@class,"num")]')
        assert [m.text_content() for m in de_marks] == [n.text for n in sorted(report.source_numbers, key=lambda n: n.start)]
        assert [m.text_content() for m in en_marks] == [n.text for n in sorted(report.candidate_numbers, key=lambda n: n.start)]
        assert all(m.get("tabindex") == "0" and m.get("title") for m in de_marks + en_marks)
        by_start_de = {n.start: m for n, m in zip(sorted(report.source_numbers, key=lambda n: n.start), de_marks, strict=True)}
        by_start_en = {n.start: m for n, m in zip(sorted(report.candidate_numbers, key=lambda n: n.start), en_marks, strict=True)}
        # every matched pair: both marked "ok", one pair id shared by exactly these two, the match in words
        for s, c in report.pairs:
            sm, cm = by_start_de[s.start], by_start_en[c.start]
            assert "ok" in sm.get("class").split() and "ok" in cm.get("class").split()
            assert sm.get("data-pair") == cm.get("data-pair") is not None
            assert {id(m) for m in pair_marks[sm.get("data-pair")] if m.get("data-side")} >= {id(sm), id(cm)}
            assert sm.get("title") == cm.get("title") and sm.get("title").startswith(f"{s.text} = {c.text}")
        # every problem is listed on its row, and a number problem marks its number(s) in red
        items = row.xpath('./td[contains(@class,"chk")]//li[contains(@class,"prob")]')
        assert [li.text_content()[-len(p.message) :] for li, p in zip(items, report.problems, strict=True)] == [
            p.message for p in report.problems
        ]
        assert ("st-bad" in row.get("class")) == bool(report.problems)
        for p, li in zip(report.problems, items, strict=True):
            flagged = []
            if p.kind in ("missing", "altered", "notation"):
                flagged.append(by_start_de[p.source_start])
            if p.kind in ("unexpected", "altered", "notation"):
                flagged.append(by_start_en[p.candidate_start])
            for m in flagged:
                assert "bad" in m.get("class").split()
                assert m.get("data-pair") == li.get("data-pair") is not None
                assert p.message in m.get("title")
    return rows


def shown(text: str) -> str:
    return "".join(p if isinstance(p, str) else p.label for p in pieces(text))


def assert_self_contained(tree, html: str):
    """One file: no external resource of any kind; only our own script; CSP allows exactly it."""
    style, script, csp = _assets()
    assert tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content') == [csp]
    assert _sha256(script) in csp and _sha256(style) in csp and "default-src 'none'" in csp
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and scripts[0].text == script and scripts[0].get("src") is None
    assert tree.xpath("//link/@href") == ["data:,"]  # the favicon, so the browser asks for none
    assert not tree.xpath("//img | //iframe | //object | //embed | //video | //audio | //source | //form")
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")], element.tag
    for href in tree.xpath("//a/@href"):
        assert href.startswith("#") or not ("://" in href or href.lower().startswith(("javascript:", "data:", "//")))
    for element in tree.iter():  # no attribute points anywhere but inside the page
        if isinstance(element.tag, str):
            for name in ("src", "href", "action", "data", "poster", "srcset", "formaction", "background"):
                value = element.get(name, "")
                assert "://" not in value and not value.lower().startswith(("javascript:", "//")), (element.tag, value)
    assert "@import" not in style and "url(" not in style


def units_of_translation(translation):
    return [(b.source, b.translation, b.check, b.kind) for b in translation.blocks]


# --- every sample, through the tiny models -----------------------------------------------------------


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_translation_page_of_every_sample(tiny_briefs, name):
    translation = tiny_briefs[name].translation
    html = render_translation_html(translation, generated=DATE)
    tree = parse(html)
    assert_self_contained(tree, html)
    assert_rows_match_units(tree, units_of_translation(translation))
    verdict = tree.get_element_by_id("verdict")
    assert ("ok" in verdict.get("class").split()) == translation.passed
    failing = [str(i) for i, b in enumerate(translation.blocks, 1) if b.check.problems]
    if failing:
        assert text_of(verdict).endswith(" and ".join([", ".join(failing[:-1]), failing[-1]] if len(failing) > 1 else failing))
    # repaired blocks carry the strategy that fixed them
    for row, block in zip(tree.xpath('//tr[contains(@class,"blk")]'), translation.blocks, strict=True):
        repair = row.xpath('.//p[@class="repair"]')
        assert [text_of(p) for p in repair] == ([f"Repaired by the “{block.repair}” strategy"] if block.repair else [])
    meta = dict(zip(tree.xpath("//dl[@class='meta']//dt/text()"), tree.xpath("//dl[@class='meta']//dd/text()"), strict=True))
    assert meta["Model"] == translation.signature["model"] and meta["Revision"] == translation.signature["revision"]
    assert meta["Backend"].startswith("transformers") and "beams 1" in meta["Settings"] and meta["Date"] == DATE


def test_tiny_model_pages_include_repaired_and_failing_blocks(tiny_briefs):
    """The samples exercise the interesting paths: repaired blocks, failing numbers, warnings."""
    blocks = [b for brief in tiny_briefs.values() for b in brief.translation.blocks]
    assert any(b.repair for b in blocks)
    kinds = {p.kind for b in blocks for p in b.check.problems}
    assert {"altered", "missing"} & kinds and kinds - {"altered", "missing", "unexpected"}


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_brief_page_of_every_sample(tiny_briefs, name):
    brief = tiny_briefs[name]
    html = render_brief_html(brief, generated=DATE)
    tree = parse(html)
    assert_self_contained(tree, html)
    assert_rows_match_units(tree, units_of_translation(brief.translation))
    assert text_of(tree.xpath("//h1")[0]) == " ".join(brief.headline.split())
    summary = tree.xpath('//p[@class="summary"]')
    assert summary and text_of(summary[0]) == shown(brief.summary)
    marks = summary[0].xpath(".//mark")
    assert [m.text_content() for m in marks] == [n.text for n in brief.summary_check.candidate_numbers]
    figures = tree.xpath('//table[@class="figures"]/tbody/tr')
    assert len(figures) == len(brief.key_figures)
    for row, figure in zip(figures, brief.key_figures, strict=True):
        cells = [text_of(c) for c in row.xpath("./th | ./td")]
        assert cells[:3] == [figure.english, figure.source, figure.context]
        assert ("not found" in cells[3]) == (not figure.verified)
    assert [text_of(li) for li in tree.xpath('//ul[@class="notes"]/li')] == brief.notes
    sections = [text_of(h) for h in tree.xpath("//main//h2")]
    assert sections[0] == "Summary" and sections[-1] == "Side by side"
    assert ("ok" in tree.get_element_by_id("verdict").get("class")) == brief.passed


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_check_page_of_every_sample_agrees_with_the_check_json(tiny_briefs, name):
    translation = tiny_briefs[name].translation
    sources, targets = [b.source for b in translation.blocks], [b.translation for b in translation.blocks]
    report = check_blocks(sources, targets)
    html = render_check_html(report, sources, targets, kinds=[b.kind for b in translation.blocks], generated=DATE)
    tree = parse(html)
    assert_self_contained(tree, html)
    data = report.to_dict()
    rows = tree.xpath('//table[contains(@class,"sbs")]/tbody/tr')
    assert len(rows) == len(sources)
    # the JSON's pairs, found back on the page: same row, same texts, one shared pair id
    for pair in data["pairs"]:
        s, c = data["numbers"]["source"][pair["source"]], data["numbers"]["candidate"][pair["candidate"]]
        assert s["block"] == c["block"]
        row = rows[block_index(s["block"])]
        de = [m for m in row.xpath('./td[contains(@class,"de")]//mark') if m.get("title") == pair["match"]]
        en = [m for m in row.xpath('./td[contains(@class,"en")]//mark') if m.get("title") == pair["match"]]
        assert de and en and {m.get("data-pair") for m in de} & {m.get("data-pair") for m in en}
    # every number of the JSON is marked in its row, and every problem listed there
    for side, column in (("source", "de"), ("candidate", "en")):
        for number, row in numbered(rows):
            expected = [n["text"] for n in data["numbers"][side] if n["block"] == number]
            marks = row.xpath(f'./td[contains(@class,"{column}")]//mark[contains(concat(" ", @class, " "), " num ")]')
            assert sorted(m.text_content() for m in marks) == sorted(expected)
            # names (issue 22) are marked apart: each one a name of the JSON in that row
            names = {n["text"] for n in data["names"][side] if n["block"] == number}
            named = row.xpath(f'./td[contains(@class,"{column}")]//mark[contains(concat(" ", @class, " "), " name ")]')
            assert {m.text_content() for m in named} <= names
    for number, row in numbered(rows):
        messages = [p["message"] for p in data["problems"] if p["block"] == number]
        assert [text_of(li)[-len(m):] for li, m in zip(row.xpath(".//li"), messages, strict=True)] == messages


def test_batch_index_of_the_samples(tiny_briefs):
    rows = [index_row(f"articles/{name}", brief, link=f"{name}.html") for name, brief in tiny_briefs.items()]
    rows.append(index_row("articles/broken.pdf", error="broken.pdf: not a PDF file"))
    rows.append({"path": "x/evil.txt", "title": '<script>alert(1)</script>', "status": "ok",
                 "numbers": 3, "problems": 0, "repaired": 0, "link": "javascript:alert(1)"})  # fmt: skip
    html = render_batch_index(rows, generated=DATE)
    tree = parse(html)
    assert_self_contained(tree, html)
    body = tree.xpath('//table[@class="index"]/tbody/tr')
    assert len(body) == len(rows)
    for tr, (name, brief) in zip(body, tiny_briefs.items(), strict=False):
        cells = [text_of(c).strip() for c in tr.xpath("./td")]
        status = "ok" if brief.passed else "checks failed"
        assert cells[0].endswith(status) and tr.get("data-status") == ("ok" if brief.passed else "checks_failed")
        blocks = brief.translation.blocks
        assert int(cells[1]) == sum(len(b.check.source_numbers) for b in blocks)
        assert int(cells[2]) == sum(len(b.check.problems) for b in blocks) + len(brief.summary_check.problems)
        assert int(cells[3]) == sum(1 for b in blocks if b.repair)
        assert tr.xpath("./th/a/@href") == [f"{name}.html"]
        assert text_of(tr.xpath("./th/a")[0]) == brief.headline
    broken, evil = body[-2], body[-1]
    assert broken.get("data-status") == "error" and "not a PDF file" in text_of(broken) and not broken.xpath(".//a")
    assert evil.xpath("./th/a/@href") == ["javascript%3Aalert%281%29"]
    assert text_of(evil.xpath("./th/a")[0]) == "<script>alert(1)</script>"
    verdict = text_of(tree.get_element_by_id("verdict"))
    failed = sum(1 for b in tiny_briefs.values() if not b.passed)
    assert f"{len(rows)} articles: " in verdict and "1 error" in verdict
    assert (f"{failed} with failed checks" in verdict) == bool(failed)


@pytest.mark.parametrize(
    ("link", "href"),
    [
        ("a/b.html", "a/b.html"),
        ("2026/Zürich ä.html", "2026/Z%C3%BCrich%20%C3%A4.html"),
        ("javascript:alert(1)", "javascript%3Aalert%281%29"),
        ("//evil.example/x", "./evil.example/x"),
        ("https://evil.example/", "https%3A//evil.example/"),
        ("/etc/passwd", "./etc/passwd"),
        (None, None),
    ],
)
def test_index_links_stay_relative(link, href):
    assert safe_href(link) == href


# --- reference English: real pairs ----------------------------------------------------------------


def test_reference_check_page_pairs_every_number():
    blocks, english = seed_pair()
    sources = [b.text for b in blocks]
    report = check_blocks(sources, english)
    assert report.passed and len(report.pairs) >= 14
    html = render_check_html(report, sources, english, kinds=[b.kind for b in blocks], generated=DATE)
    tree = parse(html)
    units = [(s, e, check_translation(s, e, block=n), b.kind) for n, (s, e, b) in numbered(zip(sources, english, blocks, strict=True))]
    assert_rows_match_units(tree, units)
    assert f"Fidelity: All {len(report.pairs)} numbers verified" in text_of(tree.get_element_by_id("verdict"))
    # every number of this faithful translation is paired: no red, nothing unpaired among the digits
    assert not tree.xpath('//mark[contains(@class,"num") and contains(@class,"bad")]')
    assert len(set(tree.xpath('//mark[contains(@class,"num ok")]/@data-pair'))) == len(report.pairs)


def test_reference_brief_page_with_a_changed_number():
    def edit(english):
        english[2] = english[2].replace("about 11,000", "about 1,100")
        return english

    brief = reference_brief(edit)
    tree = parse(render_brief_html(brief, generated=DATE))
    verdict = text_of(tree.get_element_by_id("verdict"))
    assert "problem" in verdict and "block 3" in verdict
    bad = tree.xpath('//tr[@id="block-3"]//mark[contains(@class,"bad")]')
    assert [m.text_content() for m in bad] == ["11.000", "1,100"] and bad[0].get("data-pair") == bad[1].get("data-pair")
    nav = [text_of(li) for li in tree.xpath('//nav[@class="problems-nav"]//li')]
    assert nav == ["Block 3: Changed number — 11.000 became 1,100 (expected 11,000)"]
    # the summary's 3,000 lights up the German 3.000 it comes from (and that number's English partner)
    summary_marks = tree.xpath('//p[@class="summary"]//mark')
    first = summary_marks[0]
    assert first.text_content() == "3,000" and first.get("data-pair")
    partners = tree.xpath(f'//mark[@data-pair="{first.get("data-pair")}"]')
    assert {m.text_content() for m in partners} == {"3.000", "3,000"} and len(partners) >= 3
    # the summary's 11,000 is supported by the article, though the translation lost it
    assert "11,000" in [m.text_content() for m in summary_marks]


def test_check_page_of_texts_with_different_block_counts_is_one_row():
    sources = ["Es kamen 3.000 Menschen.", "Am 26. Februar."]
    candidates = ["3,000 people came on February 25."]
    report = check_blocks(sources, candidates)
    tree = parse(render_check_html(report, sources, candidates, generated=DATE))
    rows = tree.xpath('//table[contains(@class,"sbs")]/tbody/tr')
    assert len(rows) == 1
    assert text_of(rows[0].xpath("./td")[0]) == "Es kamen 3.000 Menschen.\n\nAm 26. Februar."
    assert "1 problem in text 1" in text_of(tree.get_element_by_id("verdict"))
    assert [m.text_content() for m in rows[0].xpath('.//mark[contains(@class,"bad")]')] == ["26. Februar", "February 25"]


# --- hostile text ------------------------------------------------------------------------------------


def hostile_translation() -> Translation:
    blocks = [
        TranslatedBlock("title", "<script>alert(1)</script>", "<script>alert(1)</script>", check_translation("", "")),
        TranslatedBlock("paragraph", HOSTILE_DE, HOSTILE_EN, check_translation(HOSTILE_DE, HOSTILE_EN, block=1)),
        TranslatedBlock("heading", "</h4></td><td>x", "\u202eevil\u202c", check_translation("x", "y", block=2), repair='<b onmouseover="x()">m</b>'),
    ]
    sig = {"model": '<img src=x onerror="alert(1)">', "revision": "</dd>", "backend": "javascript:alert(1)"}
    return Translation('"><script>alert(2)</script>', blocks, sig, source="<script>.txt")


def test_hostile_text_is_only_text():
    translation = hostile_translation()
    html = render_translation_html(translation, generated=DATE)
    tree = parse(html)
    assert_self_contained(tree, html)
    assert_rows_match_units(tree, units_of_translation(translation))
    assert not tree.xpath("//b | //img | //td/a | //table//table")
    rows = tree.xpath('//table[contains(@class,"sbs")]/tbody/tr')
    assert [len(r.xpath("./td")) for r in rows] == [3, 3, 3]
    # bidi overrides and control characters are shown, not obeyed
    labels = [text_of(s) for s in tree.xpath('//span[@class="ctl"]')]
    assert labels.count("⟨U+202E⟩") == 3 and labels.count("⟨U+202C⟩") == 3 and "⟨U+0007⟩" in labels
    assert "\u202e" not in html and "\x07" not in html
    assert text_of(tree.xpath("//h1")[0]) == "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" in text_of(tree.xpath("//title")[0])
    # numbers next to markup are still found and paired
    assert [m.text_content() for m in rows[1].xpath('./td[contains(@class,"de")]//mark')][:2] == ["3.000", "26. Februar"]


def test_pieces_separate_invisible_characters():
    assert pieces("a\u200bb") == ["a", pieces("\u200b")[0], "b"]
    assert pieces("plain") == ["plain"] and pieces("") == []
    assert pieces("x\u202ey")[1].label == "⟨U+202E⟩" and pieces("x\u202ey")[1].name == "RIGHT-TO-LEFT OVERRIDE"
    assert pieces("Zeile\nneu\tTab") == ["Zeile\nneu\tTab"]


# --- the CLI -------------------------------------------------------------------------------------------

runner = CliRunner()


@pytest.mark.slow
def test_cli_translate_and_brief_write_html(tiny_marian_dir, tiny_bart_dir, tmp_path):
    out = tmp_path / "page.html"
    common = ["--backend", "transformers", "--threads", "1", "--beams", "1", "--no-cache"]
    result = runner.invoke(app, ["translate", str(SEED), "--model", str(tiny_marian_dir), "--format", "html", "-o", str(out), *common])
    assert result.exit_code in (0, 1), result.output
    tree = parse(out.read_text(encoding="utf-8"))
    assert len(tree.xpath('//tr[contains(@class,"blk")]')) == len(read_document(SEED).blocks)
    assert ("ok" in tree.get_element_by_id("verdict").get("class")) == (result.exit_code == 0)
    out = tmp_path / "brief.html"
    result = runner.invoke(app, ["brief", str(SEED), "--model", str(tiny_marian_dir), "--summary-model", str(tiny_bart_dir),
                                 "--format", "html", "-o", str(out), *common])  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    tree = parse(out.read_text(encoding="utf-8"))
    assert tree.xpath('//h2[@id="summary-title"]') and tree.xpath('//table[@class="figures"]')


def test_cli_check_html(tmp_path):
    candidate = tmp_path / "en.txt"
    candidate.write_text(SEED_EN.read_text(encoding="utf-8").replace("February 26", "February 25"), encoding="utf-8")
    out = tmp_path / "check.html"
    result = runner.invoke(app, ["check", str(SEED), str(candidate), "--format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    tree = parse(out.read_text(encoding="utf-8"))
    rows = tree.xpath('//tr[contains(@class,"blk")]')
    assert len(rows) == len(read_document(SEED).blocks)
    assert rows[0].xpath("./td/h3") and rows[3].xpath("./td/h4")  # the source's title and headings
    assert text_of(tree.get_element_by_id("verdict")) .endswith("1 problem in block 15")
    # the JSON of the same check names the same spans the page marks
    data = json.loads(runner.invoke(app, ["check", str(SEED), str(candidate), "--format", "json"]).output)
    (problem,) = data["problems"]
    assert problem["block"] == 15  # the block the verdict names: one numbering
    bad = rows[block_index(problem["block"])].xpath('.//mark[contains(@class,"bad")]')
    assert [m.text_content() for m in bad] == [problem["source"], problem["candidate"]]
    lines = runner.invoke(app, ["check", str(SEED), str(candidate), "--lines", "--format", "html"])
    assert lines.exit_code in (0, 1, 2)
    summary = runner.invoke(app, ["check", str(SEED), str(candidate), "--mode", "summary", "--format", "html"])
    assert summary.exit_code == 1 and "English (summary)" in summary.output


def test_cli_check_refuses_unknown_format(tmp_path):
    result = runner.invoke(app, ["check", str(SEED), str(SEED_EN), "--format", "pdf"])
    assert result.exit_code == 2 and "html" in result.output


# --- packaging and speed -----------------------------------------------------------------------------


def test_templates_ship_in_the_wheel(tmp_path):
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling (the build backend, in the test extra) is not installed")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("summarise-*.whl")
    templates = sorted((ROOT / "summarise" / "output" / "html" / "templates").glob("*.j2"))
    assert len(templates) >= 6
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for t in templates:
            assert z.read(f"summarise/output/html/templates/{t.name}") == t.read_bytes()
        assert "summarise/output/html/page.py" in names


def test_rendering_the_seed_page_takes_under_50_ms():
    brief = reference_brief()
    render_brief_html(brief)  # templates compiled once per process
    times = {}
    for name, render in (("translation", lambda: render_translation_html(brief.translation)),
                         ("brief", lambda: render_brief_html(brief))):  # fmt: skip
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            render()
            runs.append(time.perf_counter() - start)
        times[name] = statistics.median(runs) * 1000
    print(f"\nseed article page render (median of 7): translation {times['translation']:.1f} ms, brief {times['brief']:.1f} ms")
    assert times["translation"] < 50 and times["brief"] < 50, times


def test_index_row_dataclass_and_mapping_render_alike():
    row = IndexRow("a.txt", "Title", "checks_failed", 4, 2, 1, "a.html")
    assert render_batch_index([row], generated=DATE) == render_batch_index([row.__dict__], generated=DATE)


def test_compiled_templates_are_cached_and_a_lost_cache_folder_is_harmless(tmp_path, monkeypatch):
    import shutil

    from summarise.output.html import page

    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "cache"))
    page.environment.cache_clear()
    page._assets.cache_clear()
    try:
        brief = reference_brief()
        first = render_translation_html(brief.translation, generated=DATE)
        cached = list((tmp_path / "cache" / "templates").glob("*.cache"))
        assert len(cached) >= 4
        # a fresh environment loads the compiled code and renders the same page
        page.environment.cache_clear()
        page._assets.cache_clear()
        assert render_translation_html(brief.translation, generated=DATE) == first
        shutil.rmtree(tmp_path / "cache")  # gone mid-run: the next template still compiles and renders
        assert render_brief_html(brief, generated=DATE).startswith("<!DOCTYPE html>")
    finally:
        page.environment.cache_clear()
        page._assets.cache_clear()


def test_pages_are_deterministic():
    """The same content gives the same bytes (pages can be diffed and kept next to goldens)."""
    assert render_brief_html(reference_brief(), generated=DATE) == render_brief_html(reference_brief(), generated=DATE)


def test_a_problem_is_written_by_one_macro():
    """The Check cells and the brief's summary show a problem the same way: one macro writes the <li>."""
    from summarise.output import html

    folder = Path(html.__file__).parent / "templates"
    writers = [p.name for p in folder.glob("*.j2") for _ in re.finditer(r'<li class="prob', p.read_text(encoding="utf-8"))]
    assert writers == ["_macros.html.j2"]
    brief = reference_brief(lambda e: [x.replace("3,000", "300", 1) for x in e])
    page = render_brief_html(brief)
    assert page.count('<li class="prob k-') >= 1
