"""Test models and helpers for the CTranslate2 backend tests.

Why a "peaked" Marian: the int8 test asks whether int8 CTranslate2 keeps the decisions the float32
model makes. A trained translation model is confident — its top token usually leads by several nats,
far more than int8 rounding (about 1% of a logit) moves anything — so int8 rarely changes its output.
Random weights have no such margins: their logits are nearly flat (or chaotic with a large init), the
argmax flips under any rounding, and the agreement figure would measure the random model's
indecision instead of the conversion. So the peaked model is built by hand to decide with wide
margins while still depending on its input: the encoder passes the source token embeddings through,
one cross-attention head with a constant query picks the source token that scores highest on a random
direction (a sharp softmax), and the tied output projection ranks that token's own embedding far
above every other. Every step of every sentence still runs through the whole network (embeddings,
positions, layer norms, both attentions, the FFNs and the projection) and its output differs from
sentence to sentence.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

PEAKED_D_MODEL = 64
QUERY_SCALE = 20.0  # sharpness of the cross-attention's choice of source token
COPY_GAIN = 10.0  # how strongly the chosen source token dominates the decoder state


def build_peaked_marian(tiny_marian: Path, directory: Path, *, seed: int = 0) -> Path:
    """A Marian with the tiny Marian's tokenizer and generation config whose choices have wide margins."""
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    directory = Path(directory)
    shutil.copytree(tiny_marian, directory, dirs_exist_ok=True)
    d = PEAKED_D_MODEL
    config = MarianConfig.from_pretrained(tiny_marian)
    config.update(
        {
            "d_model": d,
            "encoder_layers": 1,
            "decoder_layers": 1,
            "encoder_attention_heads": 1,
            "decoder_attention_heads": 1,
            "encoder_ffn_dim": 2 * d,
            "decoder_ffn_dim": 2 * d,
        }
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:  # the sinusoidal positions stay as they are
                p.zero_()
        for module in model.modules():
            if isinstance(module, torch.nn.LayerNorm):
                module.weight.fill_(1.0)
        embeddings = model.model.shared.weight  # tied: encoder, decoder and output projection
        embeddings.normal_(0.0, 1.0)
        embeddings[config.pad_token_id].zero_()  # the decoder starts from <pad>: a zero embedding
        direction = torch.randn(d)
        cross = model.model.decoder.layers[0].encoder_attn
        cross.q_proj.bias.copy_(QUERY_SCALE * direction / direction.norm())
        cross.k_proj.weight.copy_(torch.eye(d))
        cross.v_proj.weight.copy_(torch.eye(d))
        cross.out_proj.weight.copy_(COPY_GAIN * torch.eye(d))
    model.generation_config = GenerationConfig.from_pretrained(tiny_marian)
    model.save_pretrained(directory)
    return directory


def with_legacy_generation_keys(bart: Path, directory: Path) -> Path:
    """The tiny BART saved like distilbart-cnn on the hub: generation settings (forced BOS, minimum
    length...) in config.json and no generation_config.json."""
    import json

    directory = Path(directory)
    shutil.copytree(bart, directory, dirs_exist_ok=True)
    generation = json.loads((directory / "generation_config.json").read_text(encoding="utf-8"))
    (directory / "generation_config.json").unlink()
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    for key in ("min_length", "max_length", "no_repeat_ngram_size", "num_beams", "forced_eos_token_id"):
        if key in generation:
            config[key] = generation[key]
    config["forced_bos_token_id"] = config.get("bos_token_id", 0)
    (directory / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    return directory


def sample_pieces(max_tokens: int, count_tokens) -> list[str]:
    """Every sentence of the sample articles, split (as the engine does) to fit the model."""
    from summarise.ingest import read_document
    from summarise.language.sentences import split_sentences, split_to_fit

    pieces = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for block in read_document(path).blocks:
            for sentence in split_sentences(block.text):
                pieces += split_to_fit(sentence, max_tokens, count_tokens)
    return pieces
