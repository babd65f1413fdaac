"""The number-repair loop's control flow, with scripted model doubles and the real checker.

The doubles drop a sentence's numbers on the first try; each is fixed by one named strategy (or by
none). Everything but the model call is real: splitting, batching, cache, checks, repair, CLI.
"""

from __future__ import annotations

import json

import pytest
from translate_doubles import PHRASES, NumberDroppingBackendDouble, PhrasebookBackendDouble, phrase_document
from typer.testing import CliRunner

from summarise.cli import app
from summarise.document import Block, Document
from summarise.models.backends.base import GenerationSettings
from summarise.translation.engine import Translator
from summarise.translation.repair import mask_numbers, unmask_numbers


def translate(backend, **kwargs):
    kwargs.setdefault("cache", False)
    return Translator(backend, GenerationSettings(beams=4), **kwargs).translate_document(phrase_document())


def test_a_correct_first_translation_needs_no_repair():
    backend = PhrasebookBackendDouble()
    t = translate(backend)
    assert t.passed
    assert [b.repair for b in t.blocks] == [None, None, None, None]
    assert t.blocks[1].translation == "North Korea has sent 3,000 soldiers. The situation is serious."
    assert len(backend.calls) == 1  # all sentences of all blocks in one batch


@pytest.mark.parametrize("strategy", ["beams", "masked", "biased"])
def test_a_dropped_number_is_repaired_and_the_strategy_recorded(strategy):
    backend = NumberDroppingBackendDouble(fixed_by=strategy)
    t = translate(backend)
    assert t.passed
    repaired = {i: b.repair for i, b in enumerate(t.blocks) if b.repair}
    assert repaired == {1: strategy, 3: strategy}  # the two blocks with numbers
    assert t.blocks[1].translation == "North Korea has sent 3,000 soldiers. The situation is serious."
    assert t.blocks[3].translation == "By February 26, 400 soldiers had died."
    assert t.to_dict()["blocks"][1]["repair"] == strategy


def test_only_failing_sentences_are_retranslated():
    backend = NumberDroppingBackendDouble(fixed_by="beams")
    translate(backend)
    retried = [texts for _, texts, settings, _ in backend.calls if settings.beams > 4]
    assert retried == [[PHRASES[4].source(), PHRASES[1].source()]]  # one batch, longest first; not "Die Lage ist ernst."


def test_sentence_by_sentence_comes_first_when_blocks_are_translated_whole():
    backend = NumberDroppingBackendDouble(fixed_by="sentences")
    t = translate(backend, split_sentences=False)
    assert t.passed
    assert t.blocks[1].repair == "sentences"
    assert t.blocks[3].repair is None  # one sentence: it never failed


def test_strategies_that_cannot_help_are_skipped_and_the_failure_is_kept():
    backend = NumberDroppingBackendDouble(fixed_by=None)
    t = translate(backend)
    assert not t.passed
    block = t.blocks[1]
    assert block.repair is None
    assert block.translation == "North Korea has sent soldiers. The situation is serious."
    assert any("3.000" in (p.source or "") for p in block.check.problems)
    assert "beams" in block.notes[-1] and "masked" in block.notes[-1]
    assert "biased" not in block.notes[-1]  # this double has no logits access


def test_a_repetition_loop_is_repaired_by_forbidding_repeats():
    from translate_doubles import ScriptedBackendDouble

    def script(text, settings):
        assert text == "Die Lage ist ernst."
        loop = "" if settings.no_repeat_ngram_size else " very very very very very"
        return f"The situation is{loop} serious."

    doc = Document([Block("paragraph", "Die Lage ist ernst.")])
    t = Translator(ScriptedBackendDouble(script), cache=False).translate_document(doc)
    assert t.passed and t.blocks[0].repair == "no-repeat"
    assert t.blocks[0].translation == "The situation is serious."


def test_an_omission_in_a_long_sentence_is_repaired_clause_by_clause():
    from translate_doubles import ScriptedBackendDouble

    first = "Nordkorea hat weitere Soldaten nach Russland geschickt,"
    second = "während europäische Führer in Paris über die Lage in der Ukraine beraten."
    answers = {
        first: "North Korea has sent more soldiers to Russia,",
        second: "while European leaders discuss the situation in Ukraine in Paris.",
        f"{first} {second}": "North Korea has sent.",  # the model gives up half-way
    }
    backend = ScriptedBackendDouble(lambda text, settings: answers[text])
    t = Translator(backend, cache=False).translate_document(Document([Block("paragraph", f"{first} {second}")]))
    assert t.passed and t.blocks[0].repair == "clauses"
    assert t.blocks[0].translation == f"{answers[first]} {answers[second]}"


def test_repair_can_be_switched_off():
    backend = NumberDroppingBackendDouble(fixed_by="beams")
    t = translate(backend, repair=False)
    assert not t.blocks[1].check.passed and t.blocks[1].repair is None
    assert len(backend.calls) == 1


def test_repairs_are_cached_too(tmp_path):
    from summarise.translation.cache import TranslationCache

    cache = TranslationCache(tmp_path / "cache.sqlite3")
    first = NumberDroppingBackendDouble(fixed_by="masked")
    t1 = translate(first, cache=cache)
    second = NumberDroppingBackendDouble(fixed_by="masked")
    t2 = translate(second, cache=cache)
    assert second.calls == []
    assert t2.to_dict()["blocks"] == t1.to_dict()["blocks"]


def test_mask_and_unmask_numbers():
    from summarise.checking.numbers import extract_german

    text = "Bis zum 26. Februar fielen 400 Soldaten."
    numbers = extract_german(text)
    assert mask_numbers(text, numbers) == "Bis zum NUM0 fielen NUM1 Soldaten."
    assert unmask_numbers("By NUM0, NUM1 soldiers had died.", numbers) == "By February 26, 400 soldiers had died."
    assert unmask_numbers("By Num 0, NUM1 soldiers died.", numbers) == "By February 26, 400 soldiers died."
    assert unmask_numbers("By NUM0, soldiers had died.", numbers) is None  # a placeholder was lost
    assert unmask_numbers("NUM0 NUM1 NUM2", numbers) is None  # or invented


# --- through the CLI -----------------------------------------------------------------------------


@pytest.fixture
def article(tmp_path):
    doc = phrase_document()
    path = tmp_path / "phrases.txt"
    path.write_text("\n\n".join(b.text for b in doc.blocks) + "\n", encoding="utf-8")
    return path


def run_cli(monkeypatch, backend, *args, tmp_path):
    """`summarise translate` with the model loading replaced by `backend` (the Runtime still resolves
    a model directory: a stand-in with a config and an empty safetensors file)."""
    import summarise.models.backends

    model = tmp_path / "stand-in-model"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "marian", "is_encoder_decoder": true}', encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"")
    monkeypatch.setattr(summarise.models.backends, "open_backend", lambda *a, **k: backend)
    return CliRunner().invoke(app, ["translate", *map(str, args), "--model", str(model), "--backend", "transformers"])


def test_cli_exit_0_and_repair_named_in_json(monkeypatch, article, tmp_path):
    result = run_cli(monkeypatch, NumberDroppingBackendDouble(fixed_by="masked"), article, "--format", "json", tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["passed"] is True
    assert [b["repair"] for b in data["blocks"]] == [None, "masked", None, "masked"]
    assert [b["kind"] for b in data["blocks"]] == ["title", "paragraph", "heading", "paragraph"]


def test_cli_exit_1_names_block_and_number_when_repair_fails(monkeypatch, article, tmp_path):
    result = run_cli(monkeypatch, NumberDroppingBackendDouble(fixed_by=None), article, tmp_path=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "North Korea sends troops"  # the output is still written
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("summarise: check failed")]
    assert any("block 2" in ln and "3.000" in ln for ln in errors), result.stderr
    assert any("block 4" in ln and "26. Februar" in ln for ln in errors), result.stderr


def test_biased_repair_without_logits_falls_back_for_the_failing_sentences_only():
    from translate_doubles import NoLogitsBackendDouble

    backend = NoLogitsBackendDouble()
    translator = Translator(backend, GenerationSettings(beams=4), cache=False)
    t = translator.translate_document(phrase_document())
    assert t.passed
    label = "biased (phrasebook-double fallback)"
    assert {i: b.repair for i, b in enumerate(t.blocks) if b.repair} == {1: label, 3: label}
    assert t.to_dict()["blocks"][1]["repair"] == label
    assert any("sentence 1 was retranslated on the phrasebook-double backend" in n for n in t.blocks[1].notes)
    assert t.blocks[1].translation == "North Korea has sent 3,000 soldiers. The situation is serious."
    # The document's own backend never got a biased call; the fallback got just the two failing
    # sentences, each with its own number, and was built once.
    assert all(kind == "generate" for kind, *_ in backend.calls)
    [fallback] = backend.fallbacks
    assert sorted((texts[0], tuple(boost)) for _, texts, _, boost in fallback.calls) == sorted(
        [(PHRASES[1].source(), ("3,000",)), (PHRASES[4].source(), ("February 26", "400"))]
    )
    assert translator.stats["fallback_calls"] == 2


def test_fallback_outputs_are_cached_apart_from_the_backends_own(tmp_path):
    from translate_doubles import NoLogitsBackendDouble

    from summarise.translation.cache import TranslationCache

    cache = TranslationCache(tmp_path / "cache.sqlite")
    first = Translator(NoLogitsBackendDouble(), GenerationSettings(beams=4), cache=cache).translate_document(phrase_document())
    again = NoLogitsBackendDouble()
    second = Translator(again, GenerationSettings(beams=4), cache=cache).translate_document(phrase_document())
    assert second.to_dict() == first.to_dict()
    assert again.fallbacks == []  # every biased output came from the cache: the fallback was never loaded


def test_batch_size_defaults_to_the_backends_preference():
    backend = PhrasebookBackendDouble()
    assert Translator(backend, cache=False).batch_size == 16
    backend.preferred_batch_size = 2
    translator = Translator(backend, GenerationSettings(beams=4), cache=False, repair=False)
    translator.translate_document(phrase_document())
    assert [len(texts) for _, texts, _, _ in backend.calls] == [2, 2, 1]  # 5 sentences
    assert Translator(backend, cache=False, batch_size=3).batch_size == 3
