"""The check framework (reports, blocks, lines, summaries, the text checks) and `summarise check`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarise.checking.checks import (
    CheckReport,
    Problem,
    check_blocks,
    check_lines,
    check_omission,
    check_repetition,
    check_summary,
    check_texts,
    check_translation,
    check_untranslated,
    german_words,
)
from summarise.cli import app
from summarise.errors import InputError

# --------------------------------------------------------------------------- reports


def test_report_to_dict_shape():
    report = check_translation(
        "Es kamen 3.000 Menschen am 26. Februar.", "300 people came on February 26.", block=2
    )
    data = report.to_dict()
    assert set(data) == {"passed", "problems", "numbers", "pairs", "names"}  # names: issue 22
    assert data["passed"] is False
    assert data["problems"] == [
        {
            "field": "value",  # issue 25: which field of the quantity differs
            "kind": "altered",
            "source": "3.000",
            "candidate": "300",
            "value": 3000,
            "block": 2,
            "message": "3.000 became 300 (expected 3,000)",
            "source_start": 9,
            "source_end": 14,
            "candidate_start": 0,
            "candidate_end": 3,
        }
    ]
    assert [n["text"] for n in data["numbers"]["source"]] == ["3.000", "26. Februar"]
    assert [n["english"] for n in data["numbers"]["candidate"]] == ["300", "February 26"]
    assert [(n["start"], n["end"]) for n in data["numbers"]["source"]] == [(9, 14), (27, 38)]
    assert data["pairs"] == [{"source": 1, "candidate": 1, "match": "26. Februar = February 26"}]
    assert all(n["block"] == 2 for n in data["numbers"]["source"])
    json.dumps(data)  # serialisable as it is


def test_merge_and_combine():
    a = CheckReport([Problem("missing", "m", "3", None, 3, 0)], ["n1"], ["n2"])
    b = CheckReport([], ["n3"], [])
    merged = CheckReport.combine([a, b])
    assert merged.problems == a.problems
    assert merged.source_numbers == ["n1", "n3"]
    assert not merged.passed
    assert a.merge(CheckReport()) is a


def test_problem_line_has_both_spans():
    line = Problem("altered", "3.000 became 300", "3.000", "300", 3000, 4).line()
    assert line == "block 4: altered: «3.000» → «300»: 3.000 became 300"
    assert Problem("missing", "gone", "5", None).line().startswith("text: missing: «5» → —")


# --------------------------------------------------------------------------- spans and pairs

SPAN_CASES = [
    # source, candidate: every number's span must cut out exactly the text the number was read from
    ("Es kamen rund 3.000 Soldaten am 26. Februar.", "About 3,000 soldiers came on February 26."),
    ("2,5 Milliarden Euro und 14.30 Uhr und drei Tage.", "€2.5 billion and 2:30 p.m. and three days."),
    ("Die Quote stieg um 5 Prozent auf 17,5 Prozent.", "The rate rose by 5 percent to 17.5%."),
]


@pytest.mark.parametrize(("source", "candidate"), SPAN_CASES)
def test_number_spans_cut_out_the_number_text(source, candidate):
    report = check_translation(source, candidate)
    data = report.to_dict()
    for text, numbers in ((source, data["numbers"]["source"]), (candidate, data["numbers"]["candidate"])):
        assert numbers
        for n in numbers:
            assert text[n["start"] : n["end"]] == n["text"]
    assert report.passed
    # every hard number is paired, each index once, and the match names both spellings
    assert len(data["pairs"]) == len(data["numbers"]["source"])
    for pair in data["pairs"]:
        s, c = data["numbers"]["source"][pair["source"]], data["numbers"]["candidate"][pair["candidate"]]
        assert pair["match"].startswith(f"{s['text']} = {c['text']}")
    assert len({p["source"] for p in data["pairs"]}) == len(data["pairs"])
    assert len({p["candidate"] for p in data["pairs"]}) == len(data["pairs"])


def test_problem_spans_point_at_the_numbers():
    source = "Es kamen 3.000 Menschen und 40 Hunde."
    candidate = "300 people came and 12 cats."
    report = check_translation(source, candidate)
    cut = [
        (p.kind, source[p.source_start : p.source_end], candidate[p.candidate_start : p.candidate_end])
        for p in report.problems
    ]
    assert cut == [("altered", "3.000", "300"), ("altered", "40", "12")]
    missing = check_translation("Es kamen 3.000 Menschen.", "People came.").problems[0]
    assert (missing.kind, missing.source_start, missing.source_end, missing.candidate_start) == ("missing", 9, 14, None)
    candidate = "People came at 9 o'clock."
    unexpected = check_translation("Menschen kamen.", candidate).problems[0]
    assert (unexpected.kind, unexpected.source_start, unexpected.source_end) == ("unexpected", None, None)
    assert candidate[unexpected.candidate_start : unexpected.candidate_end] == unexpected.candidate == "9 o'clock"


def test_repetition_problem_spans_the_loop():
    candidate = "The army sent military military military military units."
    (problem,) = check_repetition("Die Armee schickte Einheiten.", candidate)
    assert candidate[problem.candidate_start : problem.candidate_end] == "military military military military"


def test_pairs_survive_merging_with_indexes_into_the_merged_lists():
    report = check_blocks(
        ["Es kamen 3.000 Menschen.", "Am 26. Februar kamen 40 mehr."],
        ["3,000 people came.", "On February 26, 40 more came."],
    )
    data = report.to_dict()
    matched = [
        (data["numbers"]["source"][p["source"]]["text"], data["numbers"]["candidate"][p["candidate"]]["text"])
        for p in data["pairs"]
    ]
    assert matched == [("3.000", "3,000"), ("26. Februar", "February 26"), ("40", "40")]
    blocks = [(data["numbers"]["source"][p["source"]]["block"]) for p in data["pairs"]]
    assert blocks == [1, 2, 2]


def test_summary_check_pairs_supported_numbers_with_their_source():
    summary = "About 3,000 people came, 3,000 in all, and 5 dogs."
    report = check_summary("Es kamen 3.000 Menschen.", summary)
    data = report.to_dict()
    assert [(p["source"], p["candidate"]) for p in data["pairs"]] == [(0, 0), (0, 1)]
    (problem,) = report.problems
    assert (problem.kind, problem.candidate_start, problem.candidate_end) == ("unsupported", summary.index("5 dogs"), summary.index(" dogs"))


# --------------------------------------------------------------------------- units


def test_blocks_are_checked_one_by_one_when_counts_match():
    report = check_blocks(
        ["Es kamen 3.000 Menschen.", "Am 26. Februar."], ["3,000 people came.", "On February 25."]
    )
    assert [(p.kind, p.block) for p in report.problems] == [("altered", 2)]


def test_blocks_fall_back_to_whole_text_when_counts_differ():
    # the translation merged two paragraphs: compared as a whole, nothing is lost
    report = check_blocks(
        ["Es kamen 3.000 Menschen.", "Am 26. Februar."], ["3,000 people came on February 26."]
    )
    assert report.passed
    report = check_blocks(["Es kamen 3.000 Menschen.", "Am 26. Februar."], ["People came on February 26."])
    assert [(p.kind, p.block) for p in report.problems] == [("missing", None)]


def test_check_texts_splits_on_blank_lines():
    source = "Es kamen 3.000 Menschen.\n\nAm 26. Februar war es kalt."
    candidate = "3,000 people came.\n\nOn February 26 it was cold."
    assert check_texts(source, candidate).passed
    report = check_texts(source, candidate.replace("26", "27"))
    assert [(p.kind, p.block) for p in report.problems] == [("altered", 2)]


def test_lines_use_the_line_number_from_1_as_block():
    report = check_lines(["Ein Satz.", "Es waren 5 Prozent."], ["A sentence.", "It was 6 percent."])
    assert [(p.kind, p.block) for p in report.problems] == [("altered", 2)]


def test_lines_with_different_counts_are_bad_input():
    with pytest.raises(InputError, match="2 lines and the candidate 1"):
        check_lines(["a", "b"], ["a"])


def test_summary_only_needs_support():
    source = "Es kamen 3.000 Menschen. Der Eintritt kostete 5 Euro."
    assert check_summary(source, "3,000 people came.").passed
    report = check_summary(source, "3,000 people paid €6.")
    assert [(p.kind, p.candidate) for p in report.problems] == [("unsupported", "€6")]


def test_summary_against_english_source():
    assert check_summary("It cost €5 million.", "It cost 5 million euros.", source_language="en").passed


# --------------------------------------------------------------------------- text checks


def test_omission_ratio():
    source = "Die Regierung hat am Dienstag ein neues Gesetz beschlossen, das die Windkraft fördern soll."
    assert check_omission(source, "On Tuesday the government passed a new law to promote wind power.") == []
    (problem,) = check_omission(source, "A new law.", block=3)
    assert (problem.kind, problem.block) == ("omission", 3)
    assert problem.value < 0.45


def test_omission_ignores_short_and_empty_sources():
    assert check_omission("Ja.", "Yes.") == []
    assert check_omission("", "") == []
    assert [p.kind for p in check_omission("Seite 123", "")] == ["omission"]


def test_repetition_loop_is_found():
    (problem,) = check_repetition("Die militärischen Kräfte.", "The military military military forces.")
    assert problem.kind == "repetition"
    assert problem.value == 3
    assert "military" in problem.message


def test_repetition_of_the_source_is_allowed():
    assert check_repetition("Nein, nein, nein!", "No, no, no!") == []


def test_two_repeats_are_not_a_loop():
    assert check_repetition("Sehr, sehr gut.", "Very, very good.") == []


def test_untranslated_words():
    assert german_words("They werden nicht come.") == ["werden", "nicht"]
    assert german_words("The Bundestag voted.") == []
    assert german_words('The film "Der geilste Tag" ran.') == []
    (problem,) = check_untranslated("x", "Die Regierung hat das Gesetz nicht beschlossen.")
    assert problem.kind == "untranslated"


# --------------------------------------------------------------------------- CLI

runner = CliRunner()
GERMAN = "Es kamen 3.000 Menschen.\n\nAm 26. Februar stieg die Quote um 5 Prozent.\n"
GOOD = "3,000 people came.\n\nOn February 26 the rate rose by 5 percent.\n"
BAD = "300 people came.\n\nOn February 25 the rate rose by 5 percentage points.\n"


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in {"de.txt": GERMAN, "good.txt": GOOD, "bad.txt": BAD}.items():
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_cli_passes_with_exit_0(files):
    result = runner.invoke(app, ["check", str(files["de.txt"]), str(files["good.txt"])])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("passed: 3 numbers in the source, 3 in the candidate; 2 blocks")


def test_cli_text_output_lists_problems_with_both_spans(files):
    result = runner.invoke(app, ["check", str(files["de.txt"]), str(files["bad.txt"])])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "block 1: altered: «3.000» → «300»: 3.000 became 300 (expected 3,000)"
    assert lines[1].startswith("block 2: altered: «26. Februar» → «February 25»")
    assert lines[2].startswith("block 2: altered: «5 Prozent» → «5 percentage points»")
    assert lines[-1].startswith("FAILED: 3 problems")


def test_cli_json_shape(files):
    result = runner.invoke(app, ["check", str(files["de.txt"]), str(files["bad.txt"]), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["passed"] is False
    assert {"passed", "problems", "numbers"} <= set(data)
    assert [p["kind"] for p in data["problems"]] == ["altered"] * 3
    assert set(data["problems"][0]) == {"kind", "source", "candidate", "value", "block", "message",
                                        "source_start", "source_end", "candidate_start", "candidate_end", "field"}  # fmt: skip
    assert [n["text"] for n in data["numbers"]["source"]] == ["3.000", "26. Februar", "5 Prozent"]


def test_cli_reads_candidate_from_stdin(files):
    result = runner.invoke(app, ["check", str(files["de.txt"]), "-"], input=GOOD)
    assert result.exit_code == 0, result.output


def test_cli_reads_source_from_stdin(files):
    result = runner.invoke(app, ["check", "-", str(files["bad.txt"])], input=GERMAN)
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "-"], "only one of SOURCE and CANDIDATE"),
        (["missing.txt", "GOOD"], "no such file"),
        (["DE", "GOOD", "--mode", "poem"], "'poem' is not one of translation, summary"),
        (["DE", "GOOD", "--format", "xml"], "'xml' is not one of text, json"),
    ],
)
def test_cli_bad_input_exits_2(files, args, message):
    args = [str(files["de.txt"]) if a == "DE" else str(files["good.txt"]) if a == "GOOD" else a for a in args]
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_lines_mode(tmp_path):
    (tmp_path / "src.de").write_text("Es waren 5 Prozent.\nEin Satz.\nAm 26. Februar.\n", encoding="utf-8")
    (tmp_path / "hyp.en").write_text("It was 5 percent.\nA sentence.\nOn February 27.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(tmp_path / "src.de"), str(tmp_path / "hyp.en"), "--lines", "-f", "json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(p["kind"], p["block"]) for p in data["problems"]] == [("altered", 3)]
    assert data["units"] == 3


def test_cli_lines_count_mismatch_exits_2(tmp_path):
    (tmp_path / "src.de").write_text("Eins.\nZwei.\n", encoding="utf-8")
    (tmp_path / "hyp.en").write_text("One.\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "src.de"), str(tmp_path / "hyp.en"), "--lines"])
    assert result.exit_code == 2
    assert "the source has 2 lines and the candidate 1" in result.output


def test_cli_summary_mode(files, tmp_path):
    summary = tmp_path / "summary.txt"
    summary.write_text("3,000 people came.", encoding="utf-8")
    assert (
        runner.invoke(app, ["check", str(files["de.txt"]), str(summary), "--mode", "summary"]).exit_code == 0
    )
    summary.write_text("3,000 people came and 40 left.", encoding="utf-8")
    result = runner.invoke(app, ["check", str(files["de.txt"]), str(summary), "--mode", "summary"])
    assert result.exit_code == 1
    assert "unsupported: — → «40»" in result.output


def test_cli_help_has_examples():
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "summarise check artikel.txt translation.txt" in result.output
