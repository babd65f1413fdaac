"""The translation engine on the real model path: a tiny random Marian model loaded from disk like a
user's model directory, through the library and the CLI.

A random model cannot translate, so these tests check what the engine promises whatever the model
says: structure and order, one translation per block, no block lost, inputs within the model's
limit, batching, determinism, the cache, and the errors and exit codes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from translate_doubles import RecordingBackend
from typer.testing import CliRunner

from summarise.cli import app
from summarise.document import Block, Document
from summarise.ingest import read_document
from summarise.models.backends.base import GenerationSettings
from summarise.translation.engine import Translator

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "nordkorea-truppen.txt"
LONG_SENTENCE = (
    "Ein südkoreanischer Gesetzgeber berichtete, dass bis zum 26. Februar etwa 400 nordkoreanische Soldaten "
    "in Russland gefallen und rund 3.600 verletzt worden seien, während die Regierung in Seoul die Zahlen "
    "bestätigte und weitere Untersuchungen ankündigte."
)


@pytest.fixture(scope="module")
def backend(tiny_marian_dir):
    from summarise.models.backends import load_backend

    return load_backend(str(tiny_marian_dir), backend="transformers", device="cpu", threads=1)


@pytest.fixture(scope="module")
def sample():
    return read_document(SAMPLE)


def make_translator(backend, **kwargs) -> Translator:
    kwargs.setdefault("cache", False)
    return Translator(backend, GenerationSettings(beams=2), **kwargs)


def invoke(*args):
    return CliRunner().invoke(app, ["translate", *map(str, args), "--threads", "1", "--backend", "transformers"])


# --- library -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch_run(backend, sample):
    """The sample and a second document translated together once (no repair), model calls recorded."""
    recording = RecordingBackend(backend)
    other = Document([Block("title", "Nordkorea schickt Truppen"), Block("paragraph", sample.blocks[1].text)])
    results = make_translator(recording, repair=False, batch_size=8).translate_documents([sample, other])
    return recording, results


def test_one_translation_per_block_in_order(backend, sample, batch_run):
    t = batch_run[1][0]
    assert [(b.kind, b.source) for b in t.blocks] == [(b.kind, b.text) for b in sample.blocks]
    assert all(b.translation.strip() for b in t.blocks)
    assert t.model == str(backend.model.name)
    assert t.signature["backend"] == "transformers" and t.signature["revision"].startswith("local-")
    # the tiny model's limit is small: sentences that exceed it are split, and the notes say so
    assert any("longer than the model's limit" in n for b in t.blocks for n in b.notes)


def test_sentences_of_all_documents_are_batched_together_longest_first(backend, batch_run):
    recording, results = batch_run
    assert len(results) == 2 and results[1].blocks[1].translation == results[0].blocks[1].translation
    inputs = [text for call in recording.calls for text in call]
    assert len(inputs) == len(set(inputs))  # a sentence in both documents is translated once
    assert all(len(call) == 8 for call in recording.calls[:-1])  # full batches across the documents
    lengths = [backend.count_tokens(text) for text in inputs]
    assert lengths == sorted(lengths, reverse=True)
    assert max(lengths) <= backend.max_input_tokens


def test_long_sentences_are_split_to_fit_and_nothing_is_truncated(backend):
    recording = RecordingBackend(backend)
    limit = backend.max_input_tokens
    assert backend.count_tokens(LONG_SENTENCE) > limit  # the tiny model's limit is deliberately small
    out = make_translator(recording).translate_sentences([LONG_SENTENCE, "Kurzer Satz."])
    assert len(out) == 2 and all(out)
    inputs = [text for call in recording.calls for text in call]
    assert all(backend.count_tokens(text) <= limit for text in inputs)
    long_pieces = [text for text in inputs if text != "Kurzer Satz."]
    assert len(long_pieces) > 1
    assert " ".join(sorted(long_pieces, key=LONG_SENTENCE.index)) == LONG_SENTENCE  # every word went in


def test_output_is_deterministic(backend, sample):
    # Same input, model and settings: the same batches, so the same floating-point results.
    doc = Document(sample.blocks[:6])
    first = make_translator(backend, repair=False, batch_size=4).translate_document(doc)
    again = make_translator(backend, repair=False, batch_size=4).translate_document(doc)
    assert [b.translation for b in again.blocks] == [b.translation for b in first.blocks]


def test_a_second_run_is_served_from_the_cache(backend, sample):
    doc = Document([b for b in sample.blocks if any(c.isdigit() for c in b.text)][:2])
    first_backend, second_backend = RecordingBackend(backend), RecordingBackend(backend)
    first = make_translator(first_backend, cache=True).translate_document(doc)
    second = make_translator(second_backend, cache=True).translate_document(doc)
    assert len(first_backend.calls) > 1  # the model ran, repairs included
    assert second_backend.calls == []
    assert second.to_dict() == first.to_dict()
    # other generation settings are another cache entry
    third_backend = RecordingBackend(backend)
    Translator(third_backend, GenerationSettings(beams=1), cache=True, repair=False).translate_document(doc)
    assert third_backend.calls


def test_a_corrupt_cache_file_is_rebuilt(backend, sample):
    from summarise.paths import cache_dir
    from summarise.translation.cache import FILENAME

    path = cache_dir("translations") / FILENAME
    path.write_bytes(b"this is not a database" * 100)
    doc = Document(sample.blocks[:3])
    first = make_translator(backend, cache=True, repair=False).translate_document(doc)
    recording = RecordingBackend(backend)
    second = make_translator(recording, cache=True, repair=False).translate_document(doc)
    assert recording.calls == []  # the rebuilt cache works
    assert second.to_dict() == first.to_dict()
    assert path.read_bytes().startswith(b"SQLite format 3")


def test_too_long_input_never_reaches_the_model_silently(backend):
    from summarise.errors import ModelError

    with pytest.raises(ModelError, match="exceeds"):
        backend.generate([LONG_SENTENCE], GenerationSettings(beams=1))


def test_biased_generation_pulls_the_missing_number_in(backend, monkeypatch):
    monkeypatch.setattr(backend, "bias_start", 50.0)
    monkeypatch.setattr(backend, "bias_continue", 100.0)
    settings = GenerationSettings(beams=2)
    source = "Nordkorea hat 3.000 Soldaten geschickt."
    assert "3,000" not in backend.generate([source], settings)[0]
    assert "3,000" in backend.generate_biased(source, ["3,000"], settings)


def test_boost_processor_pushes_the_next_token_of_each_unfinished_sequence():
    import torch

    from summarise.models.backends.transformers_backend import BoostSequencesProcessor

    processor = BoostSequencesProcessor([[5, 6, 7]], start=1.0, cont=10.0)
    ids = torch.tensor([[0, 1, 2], [0, 5, 6], [5, 6, 7]])  # not started, half-way, complete
    scores = processor(ids, torch.zeros(3, 10))
    assert scores[0].tolist() == [0, 0, 0, 0, 0, 1.0, 0, 0, 0, 0]
    assert scores[1].tolist() == [0, 0, 0, 0, 0, 0, 0, 10.0, 0, 0]
    assert scores[2].tolist() == [0.0] * 10


def test_beam_search_without_cross_attention_reorder_gives_the_same_output(backend, sample, monkeypatch):
    from summarise.language.sentences import split_sentences

    texts = [s for b in sample.blocks[1:4] for s in split_sentences(b.text) if backend.count_tokens(s) <= 48][:6]
    settings = GenerationSettings(beams=3, max_new_tokens=12)
    ours = backend.generate(texts, settings)
    monkeypatch.setattr(backend, "_beam_cache", lambda: None)  # transformers' own cache
    assert backend.generate(texts, settings) == ours


def test_fixed_output_length_settings_are_obeyed(backend):
    out = backend.generate(["Nordkorea hat Soldaten geschickt."], GenerationSettings(beams=1, max_new_tokens=5, min_new_tokens=5))
    assert len(backend.tokenizer(text_target=out[0], add_special_tokens=False)["input_ids"]) <= 6


# --- backend selection ---------------------------------------------------------------------------


def test_unknown_backend_is_refused(tiny_marian_dir):
    from summarise.errors import BackendUnavailable
    from summarise.models.backends import load_backend

    with pytest.raises(BackendUnavailable, match="unknown backend"):
        load_backend(str(tiny_marian_dir), backend="onnx")


def test_ctranslate2_missing_is_a_clear_error(tiny_marian_dir, monkeypatch):
    import sys

    from summarise.errors import BackendUnavailable
    from summarise.models.backends import ctranslate2_available, load_backend

    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # as if not installed: its import fails
    assert not ctranslate2_available()
    with pytest.raises(BackendUnavailable, match="--backend transformers"):
        load_backend(str(tiny_marian_dir), backend="ctranslate2")
    assert load_backend(str(tiny_marian_dir), backend="auto", threads=1).name == "transformers"


# --- CLI -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory, sample):
    """The sample's first blocks (title, paragraphs, a heading) as an article file, and its Document."""
    path = tmp_path_factory.mktemp("excerpt") / "excerpt.txt"
    path.write_text("\n\n".join(b.text for b in sample.blocks[:5]) + "\n", encoding="utf-8")
    doc = read_document(path)
    assert {"title", "heading", "paragraph"} <= {b.kind for b in doc.blocks}
    return path, doc


def test_cli_json_keeps_every_block_in_order(tiny_marian_dir, excerpt):
    path, doc = excerpt
    result = invoke(path, "--model", tiny_marian_dir, "--format", "json", "--beams", "1", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert [(b["kind"], b["source"]) for b in data["blocks"]] == [(b.kind, b.text) for b in doc.blocks]
    assert all(b["translation"] for b in data["blocks"])
    assert all(set(b) >= {"kind", "source", "translation", "check", "repair"} for b in data["blocks"])
    assert all(set(b["check"]) >= {"passed", "problems"} for b in data["blocks"])
    assert data["passed"] == all(b["check"]["passed"] for b in data["blocks"])
    assert data["signature"]["beams"] == 1 and data["signature"]["backend"] == "transformers"
    failed = [i for i, b in enumerate(data["blocks"], 1) if not b["check"]["passed"]]
    assert result.exit_code == (1 if failed else 0)
    problems = [i for i, b in enumerate(data["blocks"], 1) for _ in b["check"]["problems"]]
    named = [ln for ln in result.stderr.splitlines() if ln.startswith("summarise: check failed: block ")]
    # stderr names each problem's block in order, the first 20 of them (issue 13), then how many more
    assert [int(ln.split()[4]) for ln in named] == problems[:20]
    if len(problems) > 20:
        assert result.stderr.splitlines()[-1] == f"summarise: check failed: … and {len(problems) - 20} more; --format json for all"


def test_cli_markdown_renders_title_and_headings_in_place(tiny_marian_dir, excerpt, tmp_path):
    path, doc = excerpt
    out = tmp_path / "out.md"
    result = invoke(path, "--model", tiny_marian_dir, "-f", "markdown", "-o", out, "--beams", "1")
    assert result.exit_code in (0, 1), result.output
    assert result.stdout == ""
    chunks = out.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    assert len(chunks) == len(doc.blocks)
    marks = ["# " if b.kind == "title" else "## " if b.kind == "heading" else "" for b in doc.blocks]
    for chunk, mark in zip(chunks, marks, strict=True):
        assert chunk.startswith(mark) if mark else not chunk.startswith("#")


def test_cli_reads_stdin(tiny_marian_dir):
    text = "Titel\n\nNordkorea hat Soldaten geschickt. Die Lage ist ernst.\n"
    result = CliRunner().invoke(
        app, ["translate", "-", "--model", str(tiny_marian_dir), "--beams", "1", "--threads", "1", "--backend", "transformers"], input=text
    )
    assert result.exit_code in (0, 1), result.output
    assert len(result.stdout.rstrip("\n").split("\n\n")) == 2


def test_cli_rerun_uses_the_cache_and_no_cache_bypasses_it(tiny_marian_dir, tmp_path, monkeypatch):
    from summarise.models.backends.transformers_backend import TransformersBackend

    calls = []
    real_generate = TransformersBackend.generate

    def counting_generate(self, texts, settings):
        calls.append(len(texts))
        return real_generate(self, texts, settings)

    monkeypatch.setattr(TransformersBackend, "generate", counting_generate)
    article = tmp_path / "a.txt"
    article.write_text("Lage\n\nDie Lage ist ernst. Sie bleibt ernst.\n", encoding="utf-8")
    args = (article, "--model", tiny_marian_dir, "--beams", "1", "-f", "json")
    first = invoke(*args)
    assert calls and first.exit_code in (0, 1), first.output
    calls.clear()
    second = invoke(*args)
    assert calls == [] and second.stdout == first.stdout
    third = invoke(*args, "--no-cache")
    assert calls and third.stdout == first.stdout


def test_cli_uncached_hub_model_offline_is_exit_2_with_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Nordkorea hat 3.000 Soldaten geschickt.\n", encoding="utf-8")
    result = invoke(article, "--model", "example-org/opus-mt-not-cached", "--offline")
    assert result.exit_code == 2
    assert result.stderr == (
        "summarise: error: model example-org/opus-mt-not-cached is not in the local cache and offline mode is on "
        "(--offline or HF_HUB_OFFLINE): run `summarise models download` with network access, or pass --model DIR\n"
    )


def test_cli_bad_input_is_exit_2(tmp_path):
    result = invoke(tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("summarise: error:") and "Traceback" not in result.output
    result = invoke(tmp_path / "missing.txt", "--beams", "0")
    assert result.exit_code == 2


def test_models_list_and_download_offline(tmp_path, monkeypatch):
    # huggingface_hub reads its cache path at import time: point the scanner at a fresh one
    hub = tmp_path / "hub"
    monkeypatch.setattr("huggingface_hub.utils._cache_manager.HF_HUB_CACHE", str(hub))
    runner = CliRunner()
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0 and "no models cached" in result.stdout
    # a cached snapshot laid out as huggingface_hub does: blobs, snapshot symlinks, refs
    repo = hub / "models--example-org--tiny"
    commit = "a" * 40
    (repo / "blobs").mkdir(parents=True)
    (repo / "snapshots" / commit).mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    for name, size in (("config.json", 100), ("model.safetensors", 2500)):
        blob = repo / "blobs" / f"{name}-blob"
        blob.write_bytes(b"0" * size)
        (repo / "snapshots" / commit / name).symlink_to(f"../../blobs/{blob.name}")
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["example-org/tiny", "2.6", "KB", "1", "revision"]
    result = runner.invoke(app, ["models", "download", "example-org/not-cached"])
    # issue 13: not the circular "run `summarise models download`", but why and how to copy it in
    assert result.exit_code == 2 and "cannot download example-org/not-cached: HF_HUB_OFFLINE is set" in result.stderr
    assert "copy its models--example-org--not-cached folder into" in result.stderr
