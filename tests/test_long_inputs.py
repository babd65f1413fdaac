"""Issue 13 item 5: long single inputs. translate streams (bounded windows, blocks written as they
complete, a valid JSON document), --max-chars refuses a runaway input before any model loads,
splitting a 50,000-character line is linear, and the progress bar appears on a terminal only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from translate_doubles import PhrasebookBackendDouble, phrase_document

from summarise.document import Block, Document
from summarise.language.sentences import normalise_space, split_to_fit
from summarise.limits import MAX_CHARS
from summarise.output.render import render_translation, stream_translation
from summarise.translation.engine import Translator

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "SUMMARISE_THREADS": "1", "PYTHONPATH": str(ROOT)}


def long_document(copies: int) -> Document:
    blocks = [b for _ in range(copies) for b in phrase_document().blocks]
    return Document([Block(b.kind, b.text) for b in blocks], source="long.txt")


class RecordingPhrasebookDouble(PhrasebookBackendDouble):
    """The phrasebook double that notes how many model inputs it has seen so far."""

    def __init__(self):
        super().__init__()
        self.seen = 0

    def generate(self, texts, settings):
        self.seen += len(texts)
        return super().generate(texts, settings)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_item5_streamed_output_equals_the_buffered_render(fmt):
    doc = long_document(6)
    whole = Translator(PhrasebookBackendDouble(), cache=False).translate_document(doc)
    streamer = Translator(PhrasebookBackendDouble(), cache=False)
    pieces = list(
        stream_translation(streamer.translate_stream(doc, window=3), fmt, model=whole.model, signature=whole.signature, source=doc.source)
    )
    assert "".join(pieces) == render_translation(whole, fmt)
    if fmt in ("text", "markdown", "json"):
        assert len(pieces) > len(doc.blocks) // 2  # written block by block, not at the end
    if fmt == "json":
        assert json.loads("".join(pieces))["passed"] is True


def test_item5_json_stream_of_an_empty_document_is_valid_json():
    translator = Translator(PhrasebookBackendDouble(), cache=False)
    empty = Document([], source="empty.txt")
    whole = translator.translate_document(empty)
    stream = translator.translate_stream(empty)
    text = "".join(stream_translation(stream, "json", model=whole.model, signature=whole.signature, source="empty.txt"))
    assert json.loads(text)["blocks"] == [] and text == render_translation(whole, "json")


def test_item5_stream_sends_bounded_windows_and_yields_before_the_end():
    backend = RecordingPhrasebookDouble()
    translator = Translator(backend, cache=False)
    doc = long_document(20)  # 80 blocks, 100 sentences
    estimates = []
    stream = translator.translate_stream(doc, window=10, planned=estimates.append)
    first = next(stream)
    assert first.translation == "North Korea sends troops"
    assert backend.seen <= 12  # one window (whole blocks, about 10 inputs), not the document
    seen_first = backend.seen
    rest = list(stream)
    assert len(rest) + 1 == len(doc.blocks) and backend.seen >= 8 * seen_first  # the other windows, later
    assert estimates[-1] == 100  # the planned total becomes exact once every block is split


def test_item5_max_chars_is_the_one_limit_batch_uses_too():
    from summarise.batch import MAX_CHARS as BATCH_MAX_CHARS

    assert BATCH_MAX_CHARS is MAX_CHARS and MAX_CHARS == 5_000_000


@pytest.mark.parametrize("command", ["translate", "brief"])
def test_item5_max_chars_exits_2_with_one_line_before_any_model_loads(tmp_path, command):
    article = tmp_path / "lang.txt"
    article.write_text("Die Lage ist ernst. " * 50 + "\n", encoding="utf-8")
    # The model does not exist: reaching model loading would say so instead.
    result = subprocess.run(
        [sys.executable, "-m", "summarise", command, str(article), "--max-chars", "100", "--model", str(tmp_path / "nope")],
        capture_output=True, text=True, env=ENV, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"summarise: error: {article} has 999 characters of text, more than the limit of 100 (--max-chars): "
        "split it, or raise --max-chars"
    ]


def test_item5_fifty_thousand_characters_without_punctuation_split_in_linear_work():
    words = ["Regierung", "Haus", "Stadt", "Bericht", "Zeit", "Woche", "Wasser", "Land", "Leute", "Ergebnis"]
    line = " ".join(words[i * 7 % len(words)] for i in range(9000))[:50_000]
    counted = []

    def count(text):
        counted.append(len(text))
        return len(text.split()) + 1

    t0 = time.perf_counter()
    pieces = split_to_fit(line, 512, count)
    assert time.perf_counter() - t0 < 5
    # Linear: the tokenizer sees the line, each word and each piece a few times, never once per join
    # (which was 9,000 words x up to 512 tokens: about 100 times the line).
    assert sum(counted) < 6 * len(line)
    assert " ".join(pieces) == normalise_space(line) and all(count(p) <= 512 for p in pieces)


def test_item5_one_overlong_token_is_cut_in_linear_work():
    token = "x" * 50_000
    counted = []

    def count(text):
        counted.append(len(text))
        return len(text) // 4 + 1

    pieces = split_to_fit(token, 100, count)
    assert sum(counted) < 40 * len(token)  # was quadratic: bisection over the whole rest per piece
    assert "".join(pieces) == token and all(count(p) <= 100 for p in pieces)


# --- the progress bar: on a terminal only ----------------------------------------------------------

DRIVER = """
import sys
sys.path.insert(0, {bench!r})
from longinput import register_double
register_double()
from summarise.cli import main
sys.argv = ["summarise", *sys.argv[1:]]
main()
"""


def _run(args, *, tty: bool, driver: list[str], stdout=subprocess.DEVNULL):
    """Run a command with stderr on a pseudo-terminal (tty) or a pipe; returns (code, stderr text)."""
    if not tty:
        proc = subprocess.run([*driver, *args], capture_output=True, text=True, env=ENV, check=False)
        return proc.returncode, proc.stderr
    import pty

    master, slave = pty.openpty()
    env = {**ENV, "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen([*driver, *args], stdin=subprocess.DEVNULL, stdout=stdout, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def _article(tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from longinput import make_article

    article = tmp_path / "artikel.txt"
    article.write_text(make_article(20_000), encoding="utf-8")
    return article


def test_item5_translate_shows_progress_on_a_tty_only(tmp_path):
    article = _article(tmp_path)
    from longinput import BACKEND, stand_in_model  # bench/ is on the path after _article

    model = stand_in_model(tmp_path / "model")
    driver = [sys.executable, "-c", DRIVER.format(bench=str(ROOT / "bench"))]
    args = ["translate", str(article), "--model", str(model), "--backend", BACKEND, "--no-cache"]
    with open(tmp_path / "stdout.txt", "w", encoding="utf-8") as stdout:  # stdout is not the terminal
        code, stderr = _run(args, tty=True, driver=driver, stdout=stdout)
    assert code == 0, stderr
    assert "translate" in stderr and "sentences" in stderr and "eta" in stderr
    assert "The government wants to spend" not in stderr  # the translation never goes through the bar
    code, stderr = _run([*args, "-o", str(tmp_path / "out.txt")], tty=False, driver=driver)
    assert code == 0 and stderr == ""
    translated = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "The government wants to spend" in translated or "According to the police" in translated
    assert (tmp_path / "stdout.txt").read_text(encoding="utf-8") == translated


@pytest.mark.parametrize("command", ["brief", "regress record"])
def test_item5_brief_and_regress_record_show_progress_on_a_tty_only(tmp_path, command):
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text("Die Lage ist ernst. Es kamen 300 Soldaten.\n\nDer Zug fährt.\n", encoding="utf-8")
    args = ["brief", str(samples / "a.txt"), "-o", str(tmp_path / "brief.txt")] if command == "brief" else [
        "regress", "record", str(samples), "--golden", str(tmp_path / "golden")]  # fmt: skip
    driver = [sys.executable, str(TESTS / "cli_doubles.py")]
    code, stderr = _run(args, tty=True, driver=driver)
    assert code == 0, stderr
    assert command.split()[0] in stderr and "sentences" in stderr and "eta" in stderr
    code, stderr = _run(args, tty=False, driver=driver)
    assert code == 0 and "sentences" not in stderr
