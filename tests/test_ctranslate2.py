"""The CTranslate2 backend against the transformers reference, on the tiny test models.

Conversions happen at test time (no network). Reference outputs come from `transformers.generate`
on the same model with the settings the transformers backend uses; both sides are compared as token
sequences, not just as decoded text.
"""

from __future__ import annotations

import pytest

pytest.importorskip("ctranslate2")

from ct2_tiny import build_peaked_marian, sample_pieces, with_legacy_generation_keys  # noqa: E402

from summarise.models.backends import GenerationSettings, load_backend  # noqa: E402

FIXED = 20  # output length forced on both backends (min == max), as the benchmarks do
INT8_AGREEMENT_GOAL = 0.9


@pytest.fixture(scope="module")
def ct2_cache(tmp_path_factory):
    """One conversion cache for the whole module (the autouse fixture gives each test its own)."""
    return tmp_path_factory.mktemp("ct2-cache")


def _load(model_dir, backend, cache, **kwargs):
    # One thread: the models are tiny, and OpenMP threads spin badly on a busy 2-core machine.
    kwargs.setdefault("threads", 1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SUMMARISE_CACHE_DIR", str(cache))
        return load_backend(str(model_dir), backend=backend, **kwargs)


def reference_tokens(hf, texts: list[str], settings: GenerationSettings, batch: int = 256) -> list[list[str]]:
    """transformers.generate's output tokens: the decoder start token, trailing EOS and padding removed."""
    import torch

    net, tok = hf.net, hf.tokenizer
    eos, pad = net.generation_config.eos_token_id, net.generation_config.pad_token_id
    outputs = []
    for i in range(0, len(texts), batch):
        enc = tok(texts[i : i + batch], return_tensors="pt", padding=True)
        kwargs = {
            "num_beams": settings.beams,
            "do_sample": False,
            "max_new_tokens": settings.max_new_tokens,
            # the transformers backend passes these, so they override the model's generation config
            "length_penalty": settings.length_penalty,
            "repetition_penalty": settings.repetition_penalty,
            "no_repeat_ngram_size": settings.no_repeat_ngram_size,
        }
        if settings.min_new_tokens is not None:
            kwargs["min_new_tokens"] = settings.min_new_tokens
        with torch.inference_mode():
            sequences = net.generate(**enc, **kwargs)
        for row in sequences.tolist():
            row = row[1:]
            end = next((k for k, t in enumerate(row) if t in (eos, pad)), len(row))
            outputs.append(tok.convert_ids_to_tokens(row[:end]))
    return outputs


def agreement(a: list[list[str]], b: list[list[str]]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


@pytest.fixture(scope="module")
def marian_pair(tiny_marian_dir, ct2_cache):
    hf = _load(tiny_marian_dir, "transformers", ct2_cache)
    return hf, _load(tiny_marian_dir, "ctranslate2", ct2_cache, quantization="float32")


@pytest.fixture(scope="module")
def peaked_marian_dir(tiny_marian_dir, tmp_path_factory):
    return build_peaked_marian(tiny_marian_dir, tmp_path_factory.mktemp("peaked-marian"))


def test_float32_greedy_equals_transformers_token_for_token_on_the_sample_articles(marian_pair):
    hf, ct2 = marian_pair
    pieces = sample_pieces(hf.max_input_tokens, hf.count_tokens)
    assert len(pieces) > 100
    settings = GenerationSettings(beams=1, max_new_tokens=FIXED, min_new_tokens=FIXED)
    expected = reference_tokens(hf, pieces, settings)
    got = ct2.generate_tokens(pieces, settings)
    mismatches = [(p, e, g) for p, e, g in zip(pieces, expected, got, strict=True) if e != g]
    assert not mismatches, f"{len(mismatches)}/{len(pieces)} differ, first: {mismatches[0]}"
    # forced EOS: transformers spends the last of the FIXED steps on </s>, which is not content
    assert {len(t) for t in got} == {FIXED - 1}
    # and the backends' public output is the same text
    assert ct2.generate(pieces[:16], settings) == hf.generate(pieces[:16], settings)


def test_int8_agrees_with_float32_transformers_on_most_sentences(peaked_marian_dir, ct2_cache):
    hf = _load(peaked_marian_dir, "transformers", ct2_cache)
    pieces = sample_pieces(hf.max_input_tokens, hf.count_tokens)
    settings = GenerationSettings(beams=1, max_new_tokens=FIXED, min_new_tokens=FIXED)
    expected = reference_tokens(hf, pieces, settings)
    assert len({tuple(t) for t in expected}) >= 10, "the peaked model's output must depend on its input"
    f32 = _load(peaked_marian_dir, "ctranslate2", ct2_cache, quantization="float32")
    assert f32.generate_tokens(pieces, settings) == expected
    int8 = _load(peaked_marian_dir, "ctranslate2", ct2_cache, quantization="int8")
    assert int8.signature()["quantization"] == "int8"
    figure = agreement(expected, int8.generate_tokens(pieces, settings))
    print(f"\nint8 CTranslate2 vs float32 transformers, greedy, {len(pieces)} sentences: {figure:.1%} identical")
    assert figure >= INT8_AGREEMENT_GOAL


def test_beam_search_matches_on_a_confident_model(peaked_marian_dir, ct2_cache):
    hf = _load(peaked_marian_dir, "transformers", ct2_cache)
    ct2 = _load(peaked_marian_dir, "ctranslate2", ct2_cache, quantization="float32")
    pieces = sample_pieces(hf.max_input_tokens, hf.count_tokens)[::4]
    settings = GenerationSettings(beams=4, max_new_tokens=FIXED, min_new_tokens=FIXED)
    assert ct2.generate_tokens(pieces, settings) == reference_tokens(hf, pieces, settings)


def _eos_eager(model_dir, directory, eos_id: int):
    """The model with a large bias on </s>: it stops as soon as it is allowed to, so output lengths
    show whether minimum lengths, forced BOS and forced EOS are counted as transformers counts them."""
    import shutil

    from safetensors.torch import load_file, save_file

    shutil.copytree(model_dir, directory, dirs_exist_ok=True)
    weights = load_file(directory / "model.safetensors")
    # Large enough to win every unconstrained step, small enough that log-softmax keeps the other
    # tokens' order exact in float32 (a 1e3 bias rounds them into ties).
    weights["final_logits_bias"][0, eos_id] = 50.0
    save_file(weights, directory / "model.safetensors", metadata={"format": "pt"})
    return directory


@pytest.mark.parametrize("kind", ["marian", "bart", "bart-legacy-config"])
def test_lengths_follow_transformers_rules(kind, tiny_marian_dir, tiny_bart_dir, tmp_path, ct2_cache):
    source = {"marian": tiny_marian_dir, "bart": tiny_bart_dir}.get(kind)
    if kind == "bart-legacy-config":
        source = with_legacy_generation_keys(tiny_bart_dir, tmp_path / "legacy")
    eos = 0 if kind == "marian" else 2  # </s> in both tokenizers' vocabularies
    eager = _eos_eager(source, tmp_path / "eager", eos)
    hf = _load(eager, "transformers", ct2_cache)
    ct2 = _load(eager, "ctranslate2", ct2_cache, quantization="float32")
    texts = ["Nordkorea hat 3.000 Soldaten geschickt.", "Die Preise stiegen um 5 Prozent."]
    seen = set()
    for settings in (
        GenerationSettings(beams=1, max_new_tokens=12),
        GenerationSettings(beams=1, max_new_tokens=12, min_new_tokens=4),
        GenerationSettings(beams=1, max_new_tokens=12, min_new_tokens=9),
        GenerationSettings(beams=1, max_new_tokens=8, min_new_tokens=8),
        GenerationSettings(beams=2, max_new_tokens=12, min_new_tokens=7),
    ):
        expected = reference_tokens(hf, texts, settings)
        got = ct2.generate_tokens(texts, settings)
        if settings.beams == 1:
            assert got == expected, settings
        else:  # beam search on a random model may rank hypotheses differently; lengths must agree
            assert [len(t) for t in got] == [len(t) for t in expected], settings
        seen.add(len(expected[0]))
    assert len(seen) >= 4  # the settings really changed the lengths
    if kind == "bart-legacy-config":
        assert ct2.rules.prefix == ("<s>",)  # forced BOS read from config.json, as transformers does


def test_bart_float32_greedy_equals_transformers(tiny_bart_dir, ct2_cache):
    hf = _load(tiny_bart_dir, "transformers", ct2_cache)
    ct2 = _load(tiny_bart_dir, "ctranslate2", ct2_cache, quantization="float32")
    english = [
        "North Korea has sent another 3,000 soldiers to Russia, according to South Korea.",
        "About 4,000 of them are said to have been killed or wounded in battle.",
        "European leaders meet in Paris on Thursday to discuss support for Ukraine.",
    ]
    settings = GenerationSettings(beams=1, max_new_tokens=FIXED, min_new_tokens=FIXED)
    assert ct2.generate_tokens(english, settings) == reference_tokens(hf, english, settings)
    assert ct2.generate(english, settings) == hf.generate(english, settings)


def test_t5_float32_greedy_equals_transformers(tiny_t5_dir, tmp_path, ct2_cache):
    import shutil

    from safetensors.torch import load_file, save_file

    # The tiny random T5 writes nothing but <pad> (id 0, also its decoder start) on either backend; a
    # zero <pad> embedding (a zero logit) lets real tokens win, so the comparison says something.
    model_dir = tmp_path / "t5"
    shutil.copytree(tiny_t5_dir, model_dir)
    weights = load_file(model_dir / "model.safetensors")
    weights["shared.weight"][0] = 0.0
    save_file(weights, model_dir / "model.safetensors", metadata={"format": "pt"})
    hf = _load(model_dir, "transformers", ct2_cache)
    ct2 = _load(model_dir, "ctranslate2", ct2_cache, quantization="float32")
    texts = ["summarize: North Korea has sent another 3,000 soldiers to Russia.", "summarize: Prices rose by 5%."]
    for settings in (GenerationSettings(beams=1, max_new_tokens=12), GenerationSettings(beams=1, max_new_tokens=9, min_new_tokens=9)):
        expected = reference_tokens(hf, texts, settings)
        assert all(expected) and ct2.generate_tokens(texts, settings) == expected
        assert ct2.generate(texts, settings) == hf.generate(texts, settings)


def test_limits_and_token_counts_match_the_transformers_backend(marian_pair):
    hf, ct2 = marian_pair
    assert ct2.max_input_tokens == hf.max_input_tokens
    text = "Nordkorea hat laut Südkorea weitere 3.000 Soldaten nach Russland geschickt."
    assert ct2.count_tokens(text) == hf.count_tokens(text)
    from summarise.errors import ModelError

    with pytest.raises(ModelError, match="split it first"):
        ct2.generate([" ".join([text] * 10)], GenerationSettings(beams=1))


def test_biased_repair_falls_back_to_a_transformers_backend_for_the_same_model(marian_pair):
    _, ct2 = marian_pair
    assert not ct2.supports_bias
    fallback = ct2.bias_backend()
    assert fallback.name == "transformers" and fallback.supports_bias
    assert fallback.model == ct2.model
    assert ct2.bias_backend() is fallback  # built once
    out = fallback.generate_biased("Es waren 3.000 Soldaten.", ["3,000"], GenerationSettings(beams=1, max_new_tokens=8))
    assert isinstance(out, str)


def _at_once(fn, n: int) -> tuple[list, list[str]]:
    """`fn()` in `n` threads released together: (results, errors as repr)."""
    import threading

    barrier = threading.Barrier(n)
    got, errors = [], []

    def run():
        barrier.wait()
        try:
            got.append(fn())
        except Exception as e:  # collected: the caller's assertion names it
            errors.append(repr(e))

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return got, errors


def test_the_fallback_loads_once_when_request_threads_need_it_together(tiny_marian_dir, ct2_cache):
    """A server's request threads reached the biased-repair fallback at once and each loaded the
    transformers model: transformers' meta-device init is process-wide, so one of them got meta tensors
    ("Cannot copy out of meta tensor"), a 500, and the bench's server hung on its unread log."""
    ct2 = _load(tiny_marian_dir, "ctranslate2", ct2_cache, quantization="float32")
    got, errors = _at_once(ct2.bias_backend, 6)
    assert errors == []
    assert len(got) == 6 and all(b is got[0] for b in got)
    out = got[0].generate_biased("Es waren 3.000 Soldaten.", ["3,000"], GenerationSettings(beams=1, max_new_tokens=8))
    assert isinstance(out, str)


def test_loads_of_different_models_from_several_threads_all_get_real_weights(tiny_marian_dir):
    """Loads at once with no shared backend object: the load itself is one at a time."""
    from summarise.models.hub import load_seq2seq, resolve_model

    got, errors = _at_once(lambda: load_seq2seq(resolve_model(str(tiny_marian_dir), offline=True))[0], 4)
    assert errors == []
    assert len(got) == 4
    assert not any(p.is_meta for net in got for p in net.parameters())


def test_threads_and_signature(tiny_marian_dir, ct2_cache):
    ct2 = _load(tiny_marian_dir, "ctranslate2", ct2_cache, quantization="float32", threads=1)
    assert ct2.threads == 1
    assert ct2.translator.num_translators == 1  # inter_threads: one batch at a time, all cores on it
    assert ct2.translator.compute_type == "float32"
    sig = ct2.signature()
    assert (sig["backend"], sig["quantization"], sig["device"]) == ("ctranslate2", "float32", "cpu")
    assert "ctranslate2" in sig["versions"]


def only_3000_checker_double(source, candidate, *, block=None):
    """A checker double that only asks for "3,000" (a random model's English is otherwise nonsense)."""
    from summarise.checking.report import CheckReport, Problem

    if "3.000" in source and "3,000" not in candidate:
        return CheckReport(problems=[Problem("missing", "3.000 is missing", source="3.000", value=3000.0, block=block)])
    return CheckReport(problems=[])


def test_the_repair_loop_on_ctranslate2_runs_biased_retries_on_transformers(marian_pair, monkeypatch):
    from summarise.document import Block, Document
    from summarise.models.backends.transformers_backend import TransformersBackend
    from summarise.translation.engine import Translator

    _, ct2 = marian_pair
    # A random model only writes "3,000" when pulled hard (as in test_translate's biased test).
    monkeypatch.setattr(TransformersBackend, "bias_start", 50.0)
    monkeypatch.setattr(TransformersBackend, "bias_continue", 100.0)
    doc = Document([Block("paragraph", "Die Lage ist ernst. Nordkorea hat 3.000 Soldaten geschickt.")])
    translator = Translator(ct2, GenerationSettings(beams=2), cache=False, check=only_3000_checker_double)
    [block] = translator.translate_document(doc).to_dict()["blocks"]
    assert block["check"]["passed"], block
    assert block["repair"] == "biased (transformers fallback)"
    assert "3,000" in block["translation"]
    assert any("sentence 2 was retranslated on the transformers backend" in n for n in block["notes"])
    assert translator.stats["fallback_calls"] == 1  # the failing sentence only


def test_translation_cache_serves_ctranslate2_runs_apart_from_transformers(marian_pair, tmp_path):
    from translate_doubles import RecordingBackend

    from summarise.document import Block, Document
    from summarise.translation.cache import TranslationCache
    from summarise.translation.engine import Translator

    hf, ct2 = marian_pair
    doc = Document([Block("paragraph", "Die Lage ist ernst. Nordkorea schickt Truppen nach Russland.")])
    cache = TranslationCache(tmp_path / "cache.sqlite")
    settings = GenerationSettings(beams=2)
    first = Translator(ct2, settings, cache=cache, repair=False).translate_document(doc)
    recording = RecordingBackend(ct2)
    again = Translator(recording, settings, cache=cache, repair=False).translate_document(doc)
    assert recording.calls == [] and again.to_dict() == first.to_dict()
    other = RecordingBackend(hf)  # the same model on another backend is not served CTranslate2's outputs
    Translator(other, settings, cache=cache, repair=False).translate_document(doc)
    assert len(other.calls) == 1


def test_cli_translate_on_ctranslate2(tiny_marian_dir, tmp_path):
    import json

    from typer.testing import CliRunner

    from summarise.cli import app

    article = tmp_path / "artikel.txt"
    article.write_text("Truppen\n\nDie Lage ist ernst. Nordkorea hat 3.000 Soldaten geschickt.\n", encoding="utf-8")
    args = ["translate", str(article), "--model", str(tiny_marian_dir), "--backend", "ctranslate2",
            "--threads", "1", "--beams", "2", "--format", "json"]  # fmt: skip
    r = CliRunner().invoke(app, args)
    assert r.exit_code in (0, 1), r.output  # 1: the random model fails the number check (said on stderr)
    data = json.loads(r.stdout)
    assert (data["signature"]["backend"], data["signature"]["quantization"]) == ("ctranslate2", "int8")
    assert [b["source"] for b in data["blocks"]] == ["Truppen", "Die Lage ist ernst. Nordkorea hat 3.000 Soldaten geschickt."]
    repair = data["blocks"][1]["repair"]
    assert repair is None or "biased" not in repair or repair.endswith("(transformers fallback)")
