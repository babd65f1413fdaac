"""Tiny random summarisers with real tokenizers, built at test time and saved like hub snapshots.

Three kinds, one per code path in summarise/summary.py:
- BART (plain seq2seq: takes the text directly) with a byte-level BPE tokenizer;
- T5 (text-to-text: takes a prompt) with a SentencePiece-style Unigram tokenizer;
- a Llama-architecture decoder-only chat model with a BPE tokenizer and a chat template.

Tokenizers are trained on the sample articles plus some English, so they tokenise what the tests feed
them (the tiny Marian's output and English fixtures). Weights are random: outputs are gibberish but
deterministic, which is all the tests need to exercise loading, prompting, chunking and generation.
Everything is saved as safetensors and loaded back through the same functions users go through.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ENGLISH = """\
North Korea has sent another 3,000 soldiers to Russia, according to South Korea.
The troops were sent in January and February and bring the total to about 11,000.
About 4,000 of them are said to have been killed or wounded in battle.
European leaders meet in Paris on Thursday to discuss support for Ukraine.
The United States said both sides had agreed to stop the violence in the Black Sea.
Summarise the following news article in 3 to 5 short sentences of plain English.
The company reported revenue of 2.5 billion euros, up 12% on the previous year.
On February 26, 2025, the parliament voted by 420 votes to 180.
"""

CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def training_lines() -> list[str]:
    lines = ENGLISH.splitlines()
    for sample in sorted((ROOT / "samples").glob("*")):
        if sample.suffix in {".txt", ".md"}:
            lines += sample.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if line.strip()] * 2


def _train_bpe(special: list[str], vocab_size: int):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=special,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(training_lines(), trainer)
    return tok


def _vocab_and_merges(tok) -> tuple[dict[str, int], list]:
    model = json.loads(tok.to_str())["model"]
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in model["merges"]]
    return model["vocab"], merges


def _seed() -> None:
    import torch

    torch.manual_seed(0)


def build_tiny_bart(directory: str | Path, *, max_positions: int = 256) -> Path:
    """A BART summariser (distilbart's family) with a trained byte-level BPE tokenizer."""
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    directory = Path(directory)
    vocab, merges = _vocab_and_merges(_train_bpe(["<s>", "<pad>", "</s>", "<unk>", "<mask>"], 600))
    tokenizer = BartTokenizer(vocab=vocab, merges=merges, model_max_length=max_positions)
    config = BartConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=max_positions,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=0,
    )
    _seed()
    model = BartForConditionalGeneration(config).eval()
    # Like distilbart-cnn: a summary of a bounded length, decoded with beams.
    model.generation_config.update(min_length=6, max_length=24, num_beams=2, no_repeat_ngram_size=3)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_tiny_t5(directory: str | Path, *, max_length: int = 512) -> Path:
    """A flan-t5-style text-to-text model with a Unigram (SentencePiece-style) tokenizer."""
    import sentencepiece as spm
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    directory = Path(directory)
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_lines()),
        model_writer=buffer,
        vocab_size=1000,
        model_type="unigram",
        hard_vocab_limit=False,
        character_coverage=1.0,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_proto=buffer.getvalue())
    vocab = [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]
    vocab[:3] = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0, model_max_length=max_length)
    config = T5Config(
        vocab_size=len(vocab),
        d_model=32,
        d_kv=8,
        d_ff=64,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=False,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
    )
    _seed()
    model = T5ForConditionalGeneration(config).eval()
    model.generation_config.update(min_length=4, max_length=20)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_tiny_causal(directory: str | Path, *, max_positions: int = 512) -> Path:
    """A decoder-only chat model (Llama architecture, Qwen-style chat template)."""
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    directory = Path(directory)
    special = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    tok = _train_bpe(special, 600)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        bos_token=None,
        model_max_length=max_positions,
        chat_template=CHAT_TEMPLATE,
    )
    config = LlamaConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=max_positions,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=None,
        tie_word_embeddings=True,
    )
    _seed()
    model = LlamaForCausalLM(config).eval()
    model.generation_config.update(max_new_tokens=20, pad_token_id=config.pad_token_id, eos_token_id=config.eos_token_id)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
