"""The loading boundary: the Runtime resolves once, the backend registry picks and builds backends,
--threads reaches every backend a run creates, and the Signature type."""

from __future__ import annotations

import json

import pytest
from translate_doubles import PhrasebookBackendDouble, phrase_document
from typer.testing import CliRunner

import summarise.models.hub
from summarise.cli import app
from summarise.errors import BackendUnavailable
from summarise.models.backends import (
    Backend,
    backend_names,
    choose_backend,
    register_backend,
    unregister_backend,
)
from summarise.models.loading import load_models
from summarise.models.runtime import Runtime
from summarise.signature import Signature


def stand_in_model(tmp_path, name="stand-in-marian"):
    """A directory that resolves like a Marian model (config + safetensors) for backends that need no weights."""
    model = tmp_path / name
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "marian", "is_encoder_decoder": true}', encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"")
    return model


# --- a new backend is one class in one file ----------------------------------------------------


class RegisteredPhrasebookDouble(PhrasebookBackendDouble):
    """The phrasebook double, constructed the way the registry constructs every backend."""

    def __init__(self, model, device="cpu", *, threads=None, quantization=None):
        super().__init__()
        self.model, self.device, self.threads = model, device, threads


@pytest.fixture
def phrasebook_backend():
    register_backend("phrasebook-registered-double")(RegisteredPhrasebookDouble)
    yield "phrasebook-registered-double"
    unregister_backend("phrasebook-registered-double")


def test_a_backend_registered_from_a_test_file_runs_translate(phrasebook_backend, tmp_path):
    assert phrasebook_backend in backend_names()
    article = tmp_path / "article.txt"
    article.write_text("\n\n".join(b.text for b in phrase_document().blocks) + "\n", encoding="utf-8")
    args = ["translate", str(article), "--model", str(stand_in_model(tmp_path)), "--backend", phrasebook_backend]
    result = CliRunner().invoke(app, [*args, "--format", "json", "--threads", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["passed"] and data["signature"]["backend"] == phrasebook_backend
    assert data["blocks"][0]["translation"] == "North Korea sends troops"
    # auto never picks a backend without a priority: the built-in ones stay the default.
    assert choose_backend("auto", "cpu", "marian") != phrasebook_backend


def test_unknown_backend_is_refused_by_the_cli_with_the_registered_names(tmp_path):
    result = CliRunner().invoke(app, ["translate", str(tmp_path / "a.txt"), "--backend", "onnx"])
    assert result.exit_code == 2
    message = " ".join(result.output.replace("│", " ").split())  # unwrapped from typer's error box
    assert "'onnx' is not one of auto, transformers, ctranslate2" in message


def test_registering_a_taken_name_is_an_error():
    class OtherBackendDouble(RegisteredPhrasebookDouble):
        pass

    with pytest.raises(ValueError, match="already registered"):
        register_backend("transformers")(OtherBackendDouble)
    with pytest.raises(ValueError, match="not a backend name"):
        register_backend("auto")(OtherBackendDouble)


def test_auto_asks_the_registry_for_availability_architecture_and_kind(monkeypatch):
    pytest.importorskip("ctranslate2")
    assert choose_backend("auto", "cpu", "marian", "seq2seq") == "ctranslate2"
    assert choose_backend("auto", "cpu", "marian", "chat") == "transformers"  # ctranslate2 runs no chat models
    assert choose_backend("auto", "mps", "marian") == "transformers"  # ctranslate2: cpu or cuda only
    assert choose_backend("auto", "cpu", "led") == "transformers"  # an architecture auto does not trust it with
    with pytest.raises(BackendUnavailable, match="unknown backend 'onnx'"):
        choose_backend("onnx", "cpu")


# --- the runtime resolves once -------------------------------------------------------------------


def test_runtime_resolves_each_model_once(tiny_marian_dir, tiny_bart_dir, monkeypatch):
    calls = []
    real = summarise.models.hub._fingerprint
    monkeypatch.setattr(summarise.models.hub, "_fingerprint", lambda path: calls.append(path) or real(path))
    runtime = Runtime.resolve(
        str(tiny_marian_dir), str(tiny_bart_dir), backend="transformers", device="cpu", threads=1, beams=2
    )
    translator, summariser = load_models(runtime)
    assert len(calls) == 2  # one fingerprint per local model directory, for the whole load
    assert translator.backend.model is runtime.translation_model
    assert summariser.backend.model is runtime.summary_model
    assert translator.settings.beams == 2 and runtime.device == "cpu" and runtime.threads == 1
    with pytest.raises(AttributeError):
        runtime.beams = 4  # frozen: nothing downstream changes what the run resolved


def test_runtime_refuses_an_unknown_backend_before_looking_for_models():
    with pytest.raises(BackendUnavailable, match="unknown backend"):
        Runtime.resolve("no/such-model", backend="onnx")


# --- --threads reaches every backend -------------------------------------------------------------


@pytest.fixture
def created_backends(monkeypatch):
    """Every Backend constructed while the test runs, with torch's thread count right after."""
    import torch

    created: list[tuple[Backend, int]] = []
    real_init = Backend.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        created.append(self)

    monkeypatch.setattr(Backend, "__init__", spy)
    monkeypatch.setenv("SUMMARISE_THREADS", "3")  # what the backends would get without --threads
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield created
    torch.set_num_threads(before)


def test_threads_reach_every_backend_of_a_brief_run(created_backends, tiny_marian_dir, tiny_bart_dir, tmp_path):
    import torch

    article = tmp_path / "article.txt"
    article.write_text("Nordkorea schickte 3.000 Soldaten.\n\nDie Gesamtzahl liegt bei etwa 11.000.\n", encoding="utf-8")
    args = ["brief", str(article), "--model", str(tiny_marian_dir), "--summary-model", str(tiny_bart_dir)]
    result = CliRunner().invoke(app, [*args, "--backend", "transformers", "--beams", "1", "--threads", "1"])
    assert result.exit_code in (0, 1), result.output
    assert len(created_backends) == 2
    assert [b.threads for b in created_backends] == [1, 1]
    assert torch.get_num_threads() == 1


def test_threads_reach_the_biased_repair_fallback_of_ctranslate2(created_backends, tiny_marian_dir, monkeypatch):
    ctranslate2 = pytest.importorskip("ctranslate2")
    import torch

    from summarise.translation.engine import Translator

    opened = []
    real_translator = ctranslate2.Translator
    monkeypatch.setattr(ctranslate2, "Translator", lambda *a, **k: opened.append(k) or real_translator(*a, **k))
    runtime = Runtime.resolve(str(tiny_marian_dir), backend="ctranslate2", device="cpu", threads=1, beams=1, cache=False)
    translator = Translator.from_runtime(runtime)
    assert translator.backend.name == "ctranslate2" and [k["intra_threads"] for k in opened] == [1]
    translator.run(["Es waren 3.000 Soldaten."], boosts=[("3,000",)])  # biased: needs the transformers fallback
    assert translator.stats["fallback_calls"] == 1
    assert [(b.name, b.threads) for b in created_backends] == [("ctranslate2", 1), ("transformers", 1)]
    assert torch.get_num_threads() == 1


# --- the signature ---------------------------------------------------------------------------------


def test_signature_is_a_dict_that_formats_itself():
    sig = Signature(model="tiny", revision="local-0123456789abcdef", backend="ctranslate2", quantization="int8")
    sig = sig.but(beams=4, versions={"ctranslate2": "4.6.0"})
    assert json.loads(json.dumps(sig)) == dict(sig)  # serialises like the dicts older goldens hold
    assert sig.format() == (
        "model:tiny|rev:local-0123456789abcdef|backend:ctranslate2|q:int8|beams:4|versions[ctranslate2=4.6.0]"
    )
    assert str(sig) == "m:tiny|r:0123456|b:ct2|q:int8|n:4|versions[ctranslate2=4.6.0]"
    assert sig.but(beams=None) == sig.without("beams") and "beams" not in sig.without("beams")
    # The cache key depends on every setting and nothing else (key order does not matter).
    assert sig.key(boost=[]) == Signature(reversed(list(sig.items()))).key(boost=[])
    assert sig.key(boost=[]) != sig.but(beams=5).key(boost=[])


def test_chat_models_generate_through_a_registered_backend(tiny_causal_dir):
    from summarise.briefing.summary import summariser_from_runtime
    from summarise.models.backends import Backend as BackendInterface
    from summarise.models.backends.transformers_chat import TransformersChatBackend

    runtime = Runtime.resolve(None, str(tiny_causal_dir), device="cpu", threads=1)
    assert runtime.backend_for(runtime.summary_model) == "transformers"  # auto: ctranslate2 runs no chat models
    summariser = summariser_from_runtime(runtime)
    assert isinstance(summariser.backend, TransformersChatBackend) and isinstance(summariser.backend, BackendInterface)
    assert summariser.signature()["backend"] == "transformers" and summariser.kind == "chat"
    with pytest.raises(BackendUnavailable, match="transformers only"):
        summariser_from_runtime(runtime.but(backend="ctranslate2"))


def test_each_model_is_classified_once_per_load(tiny_marian_dir, tiny_bart_dir, monkeypatch):
    """model_kind (config.json read, maybe transformers' model maps) runs once per model, not once per
    backend choice, check and load."""
    calls = []
    real = summarise.models.hub.model_kind
    monkeypatch.setattr(summarise.models.hub, "model_kind", lambda config: calls.append(config) or real(config))
    runtime = Runtime.resolve(
        str(tiny_marian_dir), str(tiny_bart_dir), backend="auto", device="cpu", threads=1, beams=1, cache=False
    )
    load_models(runtime)
    assert len(calls) == 2
    assert (runtime.translation_model.kind, runtime.summary_model.kind) == ("seq2seq", "seq2seq")


# --- a local model's fingerprint: what decides its output, not who saved it ---------------------


def _resave_with_version(source, target, version):
    """A copy of `source` as another transformers version would save it: each config's
    transformers_version changed (and its keys in another order), every other byte the same."""
    import shutil

    shutil.copytree(source, target)
    for name in ("config.json", "generation_config.json"):
        f = target / name
        if f.exists():
            config = json.loads(f.read_text(encoding="utf-8"))
            config["transformers_version"] = version
            f.write_text(json.dumps(dict(reversed(list(config.items()))), indent=1), encoding="utf-8")
    return target


def test_a_model_saved_by_another_transformers_version_keeps_its_fingerprint(tiny_marian_dir, tmp_path):
    from summarise.models.hub import _fingerprint, resolve_model

    original = resolve_model(str(tiny_marian_dir)).revision
    newer = _resave_with_version(tiny_marian_dir, tmp_path / "newer", "99.1.0")
    assert json.loads((newer / "config.json").read_text())["transformers_version"] == "99.1.0"
    assert resolve_model(str(newer)).revision == original
    # ... while anything that changes what the model computes is a new model
    config = json.loads((newer / "generation_config.json").read_text())
    config["num_beams"] = config.get("num_beams", 1) + 1
    (newer / "generation_config.json").write_text(json.dumps(config), encoding="utf-8")
    assert _fingerprint(newer) != original
    weights = newer / "model.safetensors"
    (newer / "generation_config.json").write_bytes((tiny_marian_dir / "generation_config.json").read_bytes())
    assert _fingerprint(newer) == original
    data = weights.read_bytes()
    weights.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert _fingerprint(newer) != original
