"""Conversion cache, corrupt-conversion recovery, quantization choice and --backend selection."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise import convert as conv
from summarise.cli import app
from summarise.errors import BackendUnavailable, ModelError
from summarise.models.backends import auto_backend, ctranslate2_available, load_backend
from summarise.models.hub import ResolvedModel, resolve_model

ctranslate2 = pytest.importorskip("ctranslate2")

CPU_TYPES = {"float32", "int8", "int8_float32"}
GPU_TYPES = {"float32", "float16", "bfloat16", "int8", "int8_float32", "int8_float16", "int8_bfloat16"}
PASCAL_GPU_TYPES = {"float32", "int8", "int8_float32"}  # no fast float16


def snapshot(directory):
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in directory.iterdir()}


# --- quantization choice (GPU cases need no GPU: the supported types are passed in) -------------


@pytest.mark.parametrize(
    ("asked", "device", "supported", "expected"),
    [
        (None, "cpu", CPU_TYPES, "int8"),
        ("auto", "cpu", CPU_TYPES, "int8"),
        ("auto", "cuda", GPU_TYPES, "int8_float16"),
        ("auto", "cuda", PASCAL_GPU_TYPES, "int8_float32"),
        ("auto", "cuda", {"float32"}, "float32"),
        ("float32", "cpu", CPU_TYPES, "float32"),
        ("int8_float16", "cuda", GPU_TYPES, "int8_float16"),
        ("auto", "mps", CPU_TYPES, "int8"),  # CTranslate2 has no mps: it would run on the CPU
    ],
)
def test_quantization_choice(asked, device, supported, expected):
    assert conv.choose_quantization(asked, device, supported) == expected


@pytest.mark.parametrize(
    ("asked", "device", "supported"),
    [("int8_float16", "cpu", CPU_TYPES), ("float16", "cuda", PASCAL_GPU_TYPES), ("int4", "cpu", CPU_TYPES)],
)
def test_unsupported_quantization_is_a_clear_error(asked, device, supported):
    with pytest.raises(ModelError, match=asked):
        conv.choose_quantization(asked, device, supported)


def test_quantization_on_cuda_asks_ctranslate2_and_reports_a_build_without_cuda(monkeypatch):
    asked = []

    def types(device):
        asked.append(device)
        if device == "cuda":
            raise RuntimeError("CUDA driver version is insufficient")
        return list(CPU_TYPES)

    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", types)
    assert conv.choose_quantization("auto", "cpu") == "int8"
    with pytest.raises(BackendUnavailable, match="cannot use cuda"):
        conv.choose_quantization("auto", "cuda")
    assert asked == ["cpu", "cuda"]


# --- backend selection ---------------------------------------------------------------------------


def test_auto_picks_ctranslate2_on_cpu_and_on_gpu_only_with_cuda_support(monkeypatch):
    assert auto_backend("cpu") == "ctranslate2"
    assert auto_backend("mps") == "transformers"
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert auto_backend("cuda") == "transformers"
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    assert auto_backend("cuda") == "ctranslate2"
    assert auto_backend("cpu", "marian") == auto_backend("cpu", "bart") == auto_backend("cpu", "t5") == "ctranslate2"
    assert auto_backend("cpu", "led") == "transformers"  # an architecture CTranslate2 cannot convert


def test_auto_loads_ctranslate2_when_installed(tiny_marian_dir):
    backend = load_backend(str(tiny_marian_dir), backend="auto", device="cpu", threads=1)
    assert backend.name == "ctranslate2"
    assert backend.quantization == "int8"  # auto on CPU


def test_without_ctranslate2_auto_falls_back_and_explicit_choice_fails(tiny_marian_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # `import ctranslate2` now raises ImportError
    assert not ctranslate2_available()
    assert load_backend(str(tiny_marian_dir), backend="auto", device="cpu", threads=1).name == "transformers"
    with pytest.raises(BackendUnavailable, match=r"^ctranslate2 is not installed: pip install 'summarise\[fast\]'"):
        load_backend(str(tiny_marian_dir), backend="ctranslate2", device="cpu")


def test_cli_backend_ctranslate2_without_the_package_exits_2_with_one_line(tiny_marian_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    article = tmp_path / "a.txt"
    article.write_text("Nordkorea hat 3.000 Soldaten geschickt.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["translate", str(article), "--model", str(tiny_marian_dir), "--backend", "ctranslate2", "--offline"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "summarise: error: ctranslate2 is not installed: pip install 'summarise[fast]' or use --backend transformers"
    ]


# --- conversion cache and recovery ---------------------------------------------------------------


def test_conversion_is_cached_and_reused_untouched(tiny_marian_dir):
    model = resolve_model(str(tiny_marian_dir))
    first = conv.convert(model, "int8")
    assert first.converted and conv.verify(first.path) is None
    manifest = json.loads((first.path / conv.MANIFEST).read_text())
    assert (manifest["model"], manifest["revision"], manifest["quantization"]) == (model.name, model.revision, "int8")
    assert manifest["files"]["model.bin"]["size"] == (first.path / "model.bin").stat().st_size
    before = snapshot(first.path)
    again = conv.convert(model, "int8")
    assert not again.converted and again.path == first.path
    assert snapshot(first.path) == before  # a no-op: nothing rewritten
    # keyed by quantization too, and nothing but finished conversions is left in the cache
    other = conv.convert(model, "float32")
    assert other.path != first.path and other.converted
    assert sorted(p.name for p in first.path.parent.iterdir()) == sorted([first.path.name, other.path.name])


def _truncate(path):
    model_bin = path / "model.bin"
    model_bin.write_bytes(model_bin.read_bytes()[: model_bin.stat().st_size // 2])


def _flip_a_byte(path):
    data = bytearray((path / "model.bin").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (path / "model.bin").write_bytes(bytes(data))


def _drop_manifest(path):
    (path / conv.MANIFEST).unlink()


def _drop_vocabulary(path):
    next(path.glob("*vocabulary*")).unlink()


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (_truncate, "model.bin has"),
        (_flip_a_byte, "checksum"),
        (_drop_manifest, "no completion manifest"),
        (_drop_vocabulary, "missing"),
    ],
)
def test_corrupt_or_partial_conversion_is_detected_and_redone(tiny_marian_dir, damage, problem):
    model = resolve_model(str(tiny_marian_dir))
    good = conv.convert(model, "int8")
    reference = (good.path / "model.bin").read_bytes()
    damage(good.path)
    assert problem in conv.verify(good.path)
    redone = conv.convert(model, "int8")
    assert redone.converted and redone.path == good.path
    assert conv.verify(redone.path) is None
    assert (redone.path / "model.bin").read_bytes() == reference


def test_conversion_that_passes_its_manifest_but_fails_to_load_is_redone(tiny_marian_dir):
    model = resolve_model(str(tiny_marian_dir))
    good = conv.convert(model, "float32")
    # garbage with a matching manifest: only loading can tell
    (good.path / "model.bin").write_bytes(b"not a ctranslate2 model")
    conv._write_manifest(good.path, model, "float32")
    assert conv.verify(good.path) is None
    backend = load_backend(str(tiny_marian_dir), backend="ctranslate2", quantization="float32", threads=1)
    assert backend.conversion.converted
    assert conv.verify(backend.conversion.path) is None
    assert len(backend.generate(["Es waren 3.000 Soldaten."], backend_settings())) == 1


def backend_settings():
    from summarise.models.backends import GenerationSettings

    return GenerationSettings(beams=1, max_new_tokens=6)


def test_interrupted_conversion_leftovers_are_never_used(tiny_marian_dir):
    model = resolve_model(str(tiny_marian_dir))
    target = conv.conversion_dir(model, "int8")
    # what a conversion killed half way leaves: a temp dir, or a target without its manifest
    stale = target.parent / f".tmp-{target.name}-old"
    recent = target.parent / f".tmp-{target.name}-new"  # maybe another process converting right now
    for leftover in (stale, recent):
        (leftover / "model").mkdir(parents=True)
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    target.mkdir()
    (target / "model.bin").write_bytes(b"half")
    result = conv.convert(model, "int8")
    assert result.converted and conv.verify(result.path) is None
    assert not stale.exists() and recent.exists()


def test_conversion_dirs_are_keyed_by_model_revision_and_quantization(tiny_marian_dir, tmp_path):
    model = resolve_model(str(tiny_marian_dir))
    hub = ResolvedModel("Helsinki-NLP/opus-mt-de-en", tiny_marian_dir, "0" * 40)
    other_rev = ResolvedModel("Helsinki-NLP/opus-mt-de-en", tiny_marian_dir, "1" * 40)
    names = {conv.conversion_dir(m, q).name for m in (model, hub, other_rev) for q in ("int8", "float32")}
    assert len(names) == 6
    assert conv.conversion_dir(hub, "int8").name == f"Helsinki-NLP--opus-mt-de-en--{'0' * 40}--int8"


def test_a_local_model_named_by_a_relative_path_reuses_the_conversion(tiny_marian_dir, monkeypatch):
    import os

    absolute = resolve_model(str(tiny_marian_dir))
    monkeypatch.chdir(tiny_marian_dir.parent)
    relative = resolve_model(os.path.join(".", tiny_marian_dir.name))
    assert relative.name != absolute.name
    assert conv.conversion_dir(relative, "int8") == conv.conversion_dir(absolute, "int8")


# --- `summarise models convert` ------------------------------------------------------------------


def test_models_convert_command(tiny_marian_dir):
    runner = CliRunner()
    first = runner.invoke(app, ["models", "convert", str(tiny_marian_dir), "--quantization", "float32"])
    assert first.exit_code == 0, first.output
    status, name, quantization, path = first.stdout.strip().split("\t")
    assert (status, name, quantization) == ("converted", str(tiny_marian_dir), "float32")
    assert conv.verify(Path(path)) is None
    second = runner.invoke(app, ["models", "convert", str(tiny_marian_dir), "-q", "float32"])
    assert second.stdout.startswith("up to date\t")
    forced = runner.invoke(app, ["models", "convert", str(tiny_marian_dir), "-q", "float32", "--force"])
    assert forced.stdout.startswith("converted\t")
    auto = runner.invoke(app, ["models", "convert", str(tiny_marian_dir), "--device", "cpu"])
    assert auto.stdout.split("\t")[2] == "int8"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quantization", "int3"], "unknown quantization 'int3'"),
        (["--device", "cpu", "-q", "int8_float16"], "not supported on cpu"),
    ],
)
def test_models_convert_bad_arguments_exit_2(tiny_marian_dir, args, message):
    result = CliRunner().invoke(app, ["models", "convert", str(tiny_marian_dir), *args])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_models_convert_unknown_model_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["models", "convert", "nobody/no-such-model", "--offline"])
    assert result.exit_code == 2
    assert "not in the local cache" in result.stderr


def test_ctranslate2_path_never_imports_torch(tiny_marian_dir, tiny_bart_dir, tmp_path):
    """torch costs ~2 s of import and ~190 MB: a CPU brief on CTranslate2 (conversions cached) must not
    load it, not for the tokenizers, the device choice or the summariser's kind."""
    import os
    import subprocess
    import sys

    from summarise.models.backends import load_backend

    for model in (tiny_marian_dir, tiny_bart_dir):
        load_backend(str(model), backend="ctranslate2", device="cpu", threads=1)  # converts (imports torch)
    code = (
        "import sys\n"
        "from summarise.models.backends import load_backend\n"
        "from summarise.briefing.summary import load_summariser\n"
        "from summarise.translation.engine import Translator\n"
        "t = Translator(load_backend(sys.argv[1], backend='auto', device='cpu', threads=1), cache=False)\n"
        "s = load_summariser(sys.argv[2], backend='auto', device='cpu', threads=1)\n"
        "assert t.backend.name == 'ctranslate2', t.backend.name\n"
        "t.translate_sentences(['Nordkorea hat 3.000 Soldaten geschickt.'])\n"
        "s.summarise('North Korea has sent 3,000 soldiers to Russia.')\n"
        "print('torch' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tiny_marian_dir), str(tiny_bart_dir)],
        capture_output=True, text=True, env=os.environ.copy(), timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_tokenizer_is_the_class_autotokenizer_would_pick(tiny_marian_dir, tiny_bart_dir, tiny_t5_dir):
    from transformers import AutoTokenizer

    from summarise.models.hub import load_tokenizer, resolve_model

    text = "Nordkorea hat laut Südkorea weitere 3.000 Soldaten geschickt. North Korea sent 3,000."
    for model in (tiny_marian_dir, tiny_bart_dir, tiny_t5_dir):
        ours, auto = load_tokenizer(resolve_model(str(model))), AutoTokenizer.from_pretrained(model)
        assert type(ours) is type(auto)
        assert ours(text)["input_ids"] == auto(text)["input_ids"]
        assert ours.model_max_length == auto.model_max_length


def test_ctranslate2_batches_more_hypotheses_for_short_inputs(tiny_marian_dir):
    from summarise.models.backends import GenerationSettings, load_backend
    from summarise.models.backends.ctranslate2_backend import HYPOTHESIS_TOKENS, MAX_HYPOTHESES

    ct2 = load_backend(str(tiny_marian_dir), backend="ctranslate2", device="cpu", threads=1, quantization="float32")
    assert ct2.preferred_batch_size == 64
    for beams, n_tokens in ((1, 30), (4, 30), (4, 60), (4, 700)):
        options = ct2.decoding_options(n_tokens, GenerationSettings(beams=beams))
        rows = options["max_batch_size"] * beams
        assert rows <= MAX_HYPOTHESES and (rows * n_tokens <= HYPOTHESIS_TOKENS or options["max_batch_size"] == 1)
    assert ct2.decoding_options(30, GenerationSettings(beams=4))["max_batch_size"] == 32
    assert ct2.decoding_options(700, GenerationSettings(beams=4))["max_batch_size"] == 2


def _age(path, seconds: float = 10.0):
    """Make every file of a conversion look `seconds` old (a stamp is only written for settled files)."""
    import os
    import time

    for p in path.iterdir():
        t = time.time() - seconds
        os.utime(p, (t, t))


def test_verified_files_are_not_hashed_again_until_they_change(tiny_marian_dir, monkeypatch):
    model = resolve_model(str(tiny_marian_dir))
    done = conv.convert(model, "int8")
    assert conv.verify(done.path) is None
    assert not (done.path / conv.STAMP).exists()  # files written just now: never stamped
    _age(done.path)
    assert conv.verify(done.path) is None  # hashed, then stamped
    assert (done.path / conv.STAMP).exists()
    hashed = []
    real_sha256 = conv.sha256_file
    monkeypatch.setattr(conv, "sha256_file", lambda p: hashed.append(p.name) or real_sha256(p))
    assert conv.verify(done.path) is None and hashed == []  # unchanged: the stamp stands
    assert conv.convert(model, "int8").converted is False and hashed == []
    # a same-size corruption rewrites the file: its mtime moves, so it is hashed and caught
    _flip_a_byte(done.path)
    assert "checksum" in conv.verify(done.path)
    assert "model.bin" in hashed
