"""A tiny random MarianMTModel with a real SentencePiece tokenizer, built at test time.

It is saved exactly like a hub snapshot (config.json, generation_config.json, model.safetensors,
source.spm, target.spm, vocab.json, tokenizer_config.json), so it loads through
`summarise.models.hub.resolve_model` / `load_seq2seq` like any user's local model directory.
Its translations are random token soup: tests can check structure, order, splitting, caching and
repair control flow with it, never translation quality.

The input limit is deliberately small (MAX_INPUT_TOKENS) so that real sentences of the sample
articles exceed it and the long-sentence splitting runs through the real model path.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

MAX_INPUT_TOKENS = 48  # tokenizer model_max_length: longest input the tiny model accepts
MAX_POSITIONS = 64  # also caps the output: random weights never stop early, so this bounds test time
INIT_STD = 0.5

# English side of the tokenizer corpus: news English with the number forms the checker expects.
ENGLISH_TEXT = """\
North Korea sends 3,000 more troops to Russia's war in Ukraine.
North Korea has sent a further 3,000 soldiers to Russia to support the war effort in Ukraine, South Korea said.
This deepens the existing military cooperation between the two countries.
CNN reported that at least 3,000 additional soldiers were sent at the beginning of this year.
The reinforcements were sent in January and February, raising the total to about 11,000 soldiers.
About 4,000 of them are said to have been killed or wounded in combat.
North Korea also delivered around 220 self-propelled howitzers with 170-millimetre barrels.
Until February 26, about 400 North Korean soldiers had died and around 3,600 had been injured.
European leaders met in Paris on Thursday to discuss support for Ukraine and long-term stability.
The talks in Saudi Arabia this week ended with a pause on attacks on energy infrastructure.
Russia introduced far-reaching conditions for signing the partial 30-day ceasefire.
The economy grew by 2.5 percent and the deficit fell to 1.2 billion euros, the ministry said.
Prices rose by 5% in March, the highest level since 1990, according to the statistics office.
The first, second and third places went to teams from Berlin, Munich and Hamburg.
The president said on Monday that no country should have to go through something like this.
"""


def _corpus() -> list[str]:
    lines = [ln.strip() for p in sorted(SAMPLES.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    lines += ENGLISH_TEXT.splitlines()
    return [ln for ln in lines if ln]


def _train_spm(lines: list[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        # Marian's vocab.json holds the special tokens; the spm models only segment.
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def build_tiny_marian(directory: str | Path, *, seed: int = 0) -> Path:
    """Train the tokenizer, build the random model and save both into `directory`; return it."""
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    lines = _corpus()
    source_spm = _train_spm(lines, 600)
    target_spm = _train_spm(lines, 500)
    (out / "source.spm").write_bytes(source_spm)
    (out / "target.spm").write_bytes(target_spm)

    # Shared vocabulary as in opus-mt: </s> 0, <unk> 1, the pieces of both spm models, <pad> last.
    vocab = {"</s>": 0, "<unk>": 1}
    for blob in (source_spm, target_spm):
        sp = spm.SentencePieceProcessor(model_proto=blob)
        for i in range(sp.get_piece_size()):
            piece = sp.id_to_piece(i)
            if not sp.is_unknown(i) and piece not in vocab:
                vocab[piece] = len(vocab)
    pad_id = len(vocab)
    vocab["<pad>"] = pad_id
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "MarianTokenizer",
                "source_lang": "de",
                "target_lang": "en",
                "model_max_length": MAX_INPUT_TOKENS,
                "separate_vocabs": False,
                "unk_token": "<unk>",
                "eos_token": "</s>",
                "pad_token": "<pad>",
            },
            indent=1,
        ),
        encoding="utf-8",
    )

    # opus-mt-de-en's architecture choices (swish, scaled sinusoidal embeddings, shared vocab), tiny sizes.
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=MAX_POSITIONS,
        activation_function="swish",
        scale_embedding=True,
        pad_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        decoder_start_token_id=pad_id,
        dropout=0.0,
        # Larger than the default 0.02 so the random outputs depend on the input (order checks need that).
        init_std=INIT_STD,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad_id]],
        decoder_start_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad_id,
        num_beams=4,
        max_length=MAX_POSITIONS,
    )
    model.save_pretrained(out, safe_serialization=True)
    return out
