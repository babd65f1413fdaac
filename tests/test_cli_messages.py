"""Issue 13 items 6-8 through the real CLI process: --backend auto falls back to transformers when
the CTranslate2 conversion fails, model errors name the real problem and the right option, usage
errors are one line, a long list of failed checks is capped, --help has no type labels."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "SUMMARISE_THREADS": "1", "PYTHONPATH": str(ROOT)}


def summarise(*args, env=None, doubles=False):
    """`summarise ARGS` in its own process (with the CLI doubles instead of models when `doubles`)."""
    entry = [str(TESTS / "cli_doubles.py")] if doubles else ["-m", "summarise"]
    return subprocess.run(
        [sys.executable, *entry, *map(str, args)], capture_output=True, text=True, env={**ENV, **(env or {})}, check=False
    )


# --- item 6: auto falls back when the conversion fails ---------------------------------------------


@pytest.fixture(scope="module")
def unconvertible_marian(tiny_marian_dir, tmp_path_factory):
    """The tiny Marian model with <pad> moved off the end of its vocabulary: transformers runs it, but
    CTranslate2's converter (which drops a trailing <pad>) ends up with mismatched vocabulary sizes."""
    model = tmp_path_factory.mktemp("unconvertible") / "marian"
    shutil.copytree(tiny_marian_dir, model)
    vocab = json.loads((model / "vocab.json").read_text(encoding="utf-8"))
    last = max(vocab.values())
    other = next(t for t, i in vocab.items() if i == last - 1)
    vocab["<pad>"], vocab[other] = last - 1, last
    (model / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return model


@pytest.mark.slow
def test_item6_auto_falls_back_to_transformers_with_one_warning(unconvertible_marian, tmp_path):
    pytest.importorskip("ctranslate2")
    article = tmp_path / "a.txt"
    article.write_text("Die Lage ist ernst.\n", encoding="utf-8")
    args = ["translate", article, "--model", unconvertible_marian, "--beams", "1", "--format", "json", "--no-cache"]
    auto = summarise(*args, "--backend", "auto", env={"SUMMARISE_CACHE_DIR": str(tmp_path / "cache")})
    assert auto.returncode in (0, 1), auto.stderr  # a random model may fail its checks
    warnings = [ln for ln in auto.stderr.splitlines() if "WARNING" in ln]
    assert len(warnings) == 1
    assert f"cannot convert {unconvertible_marian} to CTranslate2" in warnings[0]
    assert warnings[0].endswith(f"running {unconvertible_marian} on transformers instead")
    assert json.loads(auto.stdout)["signature"]["backend"] == "transformers"

    named = summarise(*args, "--backend", "ctranslate2", env={"SUMMARISE_CACHE_DIR": str(tmp_path / "cache")})
    assert named.returncode == 2 and named.stdout == ""
    [line] = named.stderr.splitlines()
    assert line.startswith(f"summarise: error: cannot convert {unconvertible_marian} to CTranslate2: ")
    assert line.endswith(": use --backend transformers (or --backend auto, which falls back to it)")

    convert = summarise("models", "convert", unconvertible_marian, env={"SUMMARISE_CACHE_DIR": str(tmp_path / "cache")})
    assert convert.returncode == 2
    [line] = convert.stderr.splitlines()
    assert "--backend transformers" not in line  # models convert has no --backend option
    assert line.endswith("it still runs on transformers: translate / brief with --backend auto (the default) fall back to it")


# --- item 7: model errors say what is wrong and name the right option ---------------------------------


def test_item7_a_missing_model_directory_is_named_as_such(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Die Lage ist ernst.\n", encoding="utf-8")
    result = summarise("translate", article, "--model", "./no-such-marian")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "summarise: error: --model ./no-such-marian: no such directory "
        "(a model is a local directory or a hub id such as Helsinki-NLP/opus-mt-de-en)"
    ]


def test_item7_a_bad_summary_model_names_summary_model(tiny_marian_dir, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Die Lage ist ernst.\n", encoding="utf-8")
    result = summarise("brief", article, "--model", tiny_marian_dir, "--summary-model", "nobody/no-such-summariser", "--offline")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "summarise: error: model nobody/no-such-summariser is not in the local cache and offline mode is on "
        "(--offline or HF_HUB_OFFLINE): "
        "run `summarise models download` with network access, or pass --summary-model DIR"
    ]
    missing = summarise("brief", article, "--model", tiny_marian_dir, "--summary-model", tmp_path / "gone")
    assert missing.stderr.startswith(f"summarise: error: --summary-model {tmp_path / 'gone'}: no such directory")


def test_item7_models_download_offline_says_the_hub_is_unreachable_and_how_to_copy_a_model_in(tmp_path):
    result = summarise("models", "download", "example-org/tiny", env={"HF_HUB_CACHE": str(tmp_path / "hub")})
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("summarise: error: cannot download example-org/tiny: HF_HUB_OFFLINE is set")
    assert f"copy its models--example-org--tiny folder into {tmp_path / 'hub'}" in line
    assert "run `summarise models download` with network access, or" not in line  # not the circular advice


def test_item7_models_convert_rejects_an_unknown_device(tiny_marian_dir):
    result = summarise("models", "convert", tiny_marian_dir, "--device", "foo")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "summarise: error: Invalid value for --device: 'foo' is not one of auto, cpu, cuda "
        "(see `summarise models convert --help`)"
    ]


# --- item 8: noise ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["translate", "a.txt", "--bogus"], "No such option: --bogus (see `summarise translate --help`)"),
        (["translate"], "Missing argument 'FILE|-' (see `summarise translate --help`)"),
        (["brief", "a.txt", "--format", "pdf"], "Invalid value for --format: 'pdf' is not one of text, markdown, json, html"),
        (["segment", "a.txt", "--format", "xml"], "Invalid value for --format: 'xml' is not one of text, json"),
        (["translate", "a.txt", "--beams", "0"], "Invalid value for '--beams': Input should be greater than or equal to 1"),
        (["nonsense"], "No such command 'nonsense' (see `summarise --help`)"),
    ],
)
def test_item8_usage_errors_are_one_line_with_a_hint_to_help(args, message):
    result = summarise(*args)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("summarise: error: ") and message in line and "--help`)" in line
    assert "╭" not in result.stderr and "Usage:" not in result.stderr


@pytest.mark.parametrize("command", ["translate", "brief"])
def test_item8_failed_checks_are_capped_at_twenty_lines(tmp_path, command):
    article = tmp_path / "a.txt"
    # ZAHLENDREHER: the CLI double fails this block's number check (tests/batch_doubles.py).
    paragraphs = (f"Im Absatz {i} steht ein ganzer Satz mit ZAHLENDREHER, der länger ist als eine kurze Zeile." for i in range(50))
    article.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    result = summarise(command, article, "--format", "json", doubles=True)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert all(ln.startswith("summarise: check failed: block ") for ln in lines[:20])
    assert lines[20] == "summarise: check failed: … and 30 more; --format json for all"
    data = json.loads(result.stdout)
    blocks = data["blocks"] if command == "translate" else data["translation"]["blocks"]
    assert sum(1 for b in blocks if not b["check"]["passed"]) == 50


def test_item8_warnings_are_printed_once(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes("Grüße aus Köln.\n\nDer Zug fährt um 3 Uhr.\n\n".encode() + "Gr\xfc\xdfe.\n".encode("cp1252"))
    for command in ("translate", "brief"):
        result = summarise(command, article, doubles=True, env={"SUMMARISE_CACHE_DIR": "/proc/no-such-cache"})
        warnings = [ln for ln in result.stderr.splitlines() if "WARNING" in ln]
        assert warnings and len(warnings) == len(set(warnings)), result.stderr


COMMANDS = [["translate"], ["brief"], ["check"], ["segment"], ["batch"], ["regress", "record"], ["regress", "compare"],
            ["models", "download"], ["models", "list"], ["models", "convert"], []]  # fmt: skip


def test_item8_help_has_no_type_labels_and_keeps_bracketed_defaults():
    for command in COMMANDS:
        result = summarise(*command, "--help", env={"COLUMNS": "200"})
        assert result.returncode == 0, (command, result.stderr)
        panels = "\n".join(ln for ln in result.stdout.splitlines() if ln.startswith("│"))  # the option tables
        for label in ("<bool>", "<str>", "<int", "<path>", "<float"):
            assert label not in panels, (command, label)
        assert not re.search(r"\w \.(\s|$)", result.stdout), command  # "call ." where rich ate "[default: ...]"
        if command in (["translate"], ["batch"]):
            assert "[default: 64 on ctranslate2, 16 on transformers]" in result.stdout
        if command == ["translate"]:
            assert "--max-chars" in result.stdout and "[default: 5,000,000]" in result.stdout


def test_item8_batch_summary_rows_add_up_to_the_articles(tmp_path):
    articles, out = tmp_path / "in", tmp_path / "out"
    articles.mkdir()
    for i in range(3):
        (articles / f"a{i}.txt").write_text(f"Die Lage ist ernst. Meldung {i}.\n", encoding="utf-8")
    batch = [sys.executable, str(TESTS / "batch_doubles.py"), "batch", str(articles), str(out), "--translate-only"]
    assert subprocess.run(batch, capture_output=True, text=True, env=ENV, check=False).returncode == 0
    (articles / "neu.txt").write_text("Eine neue Meldung.\n", encoding="utf-8")  # the rerun does one, skips three
    result = subprocess.run([*batch], capture_output=True, text=True, env={**ENV, "COLUMNS": "100"}, check=False)
    assert result.returncode == 0, result.stderr
    rows = dict(re.findall(r"│ ([a-z ()]+?) +│ +(\d+) │", result.stderr))
    assert "summarise batch: 4 of 4 articles" in result.stderr
    assert rows["ok"] == "1" and rows["done earlier (skipped)"] == "3"  # was ok 4 + skipped 3: "7 of 4"
    assert sum(int(rows[k]) for k in ("ok", "checks failed", "errors", "done earlier (skipped)")) == 4
