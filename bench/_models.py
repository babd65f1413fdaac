"""Random-weight copies of the default models' exact architectures, for speed benchmarks.

Speed depends on the architecture (layers, widths, vocabulary size), not on the weight values, so a
model built from the real config with random weights runs as fast as the real one — without the
hub. Both are saved like hub snapshots (config, generation config, safetensors, tokenizer files) so
`summarise` loads them through its normal code path (``--model DIR``).

- opus-mt-de-en: MarianMTModel, d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary 58,101;
- distilbart-cnn-12-6: BartForConditionalGeneration, d_model 1024, 12 encoder + 6 decoder layers,
  16 heads, FFN 4096, vocabulary 50,264, 1,024 positions.

Tokenizers are trained here (SentencePiece for Marian, byte-level BPE for BART) on German/English
news text and padded to the real vocabulary sizes with English words (Marian) or made-up words
(BART), so the output layer has its real width and every id the random model emits decodes to a
word. Three deliberate changes make the random models behave like the real ones where it matters for
speed and for the checks:
- the translator may only write the filler words (English words from wordfreq) and end-of-sequence:
  every other token gets a -1e4 output bias, so its output holds no number and no German word that
  would send it through the repair loop (a real model's output passes the checks nearly always);
- its embeddings and feed-forward outputs are scaled up so that it writes varied words instead of
  one word over and over (which the repetition check rightly refuses), and the end-of-sequence bias
  is calibrated (4 beams, news sentences) so translations are as long as real ones on average:
  LENGTH_RATIO target tokens per source token, at least MIN_TRANSLATION_TOKENS. Lengths vary per
  sentence as a real model's do; the benchmarks report the words each path wrote;
- every token of the summariser that spells a number gets the -1e4 bias (no number-guard retries),
  and its generation config fixes the summary at SUMMARY_TOKENS tokens (min = max), keeping
  distilbart's 4 beams, length penalty 2.0 and no_repeat_ngram_size 3.

Built models are cached (default ``bench/out/models``, git-ignored); `model_dirs()` builds once.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import string
import struct
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = ROOT / "bench" / "out" / "models"
WMT = ROOT.parent / "shared" / "wmt"  # evaluation data next to the repository, when present

OPUS_MT_VOCAB = 58101
DISTILBART_VOCAB = 50264
OPUS_MT_DE_EN = dict(  # Helsinki-NLP/opus-mt-de-en's config.json, architecture keys
    vocab_size=OPUS_MT_VOCAB,
    decoder_vocab_size=OPUS_MT_VOCAB,
    d_model=512,
    encoder_layers=6,
    decoder_layers=6,
    encoder_attention_heads=8,
    decoder_attention_heads=8,
    encoder_ffn_dim=2048,
    decoder_ffn_dim=2048,
    max_position_embeddings=512,
    activation_function="swish",
    scale_embedding=True,
    static_position_embeddings=True,
    pad_token_id=OPUS_MT_VOCAB - 1,
    eos_token_id=0,
    forced_eos_token_id=0,
    decoder_start_token_id=OPUS_MT_VOCAB - 1,
    share_encoder_decoder_embeddings=True,
    tie_word_embeddings=True,
)
SUMMARY_TOKENS = 80  # distilbart-cnn writes 56..142; a fixed length in the middle
LENGTH_RATIO = 1.1  # target tokens per source token of a real opus-mt-de-en translation
MIN_TRANSLATION_TOKENS = 6
CALIBRATION_SENTENCES = 16
BEAM_SENTENCES = 8  # of them, decoded with 4 beams once to scale the greedy lengths
SLOW_STEP_S = 10.0  # a build step that takes longer says what it was doing
BUILD_VERSIONS = {"opus-mt-de-en": "5", "distilbart-cnn-12-6": "2"}  # bump one when its builder changes

NUMBER_WORDS = frozenset(
    (
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
        "million", "billion", "trillion", "dozen", "first", "second", "third", "fourth", "fifth", "sixth",
        "seventh", "eighth", "ninth", "tenth", "half", "quarter", "percent", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december",
    )
)


@contextmanager
def build_step(what: str):
    """Time one step of a model build; one that takes over SLOW_STEP_S says so on stderr, so a first
    run that spends minutes building is never silent about where they go."""
    start, cpu = time.perf_counter(), time.process_time()
    yield
    seconds = time.perf_counter() - start
    if seconds > SLOW_STEP_S:
        print(f"  model build: {what}: {seconds:.0f} s ({time.process_time() - cpu:.0f} s CPU)", file=sys.stderr, flush=True)


# --- text to train the tokenizers on ------------------------------------------------------------


def _wmt_lines(lang: str, limit: int = 12000) -> list[str]:
    lines: list[str] = []
    name = "src.de" if lang == "de" else "ref.en"
    for year in range(2014, 2022):
        path = WMT / f"newstest{year}" / name
        if path.exists():
            lines += path.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip()][:limit]


def _english_fallback() -> list[str]:
    return [
        "North Korea has sent a further 3,000 soldiers to Russia, South Korea said on Thursday.",
        "European leaders met in Paris to discuss support for Ukraine and long-term stability.",
        "The economy grew by 2.5 percent and the deficit fell to 1.2 billion euros.",
        "Prices rose by 5% in March, the highest level since 1990, according to the statistics office.",
        "The president said on Monday that no country should have to go through something like this.",
    ] * 40


def _lines(lang: str) -> list[str]:
    lines = _wmt_lines(lang)
    if len(lines) >= 1000:
        return lines
    if lang == "de":
        return [ln for p in sorted((ROOT / "samples").glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()] * 5
    return _english_fallback()


# --- made-up words that fill the vocabularies up -------------------------------------------------


def filler_words(n: int, taken: set[str]) -> list[str]:
    """`n` distinct pronounceable non-words ("zobaki") that are no English number word."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    out: list[str] = []
    if n <= 0:
        return out
    for length in itertools.count(2):
        for combo in itertools.product(syllables, repeat=length):
            word = "".join(combo)
            if word not in taken and word not in NUMBER_WORDS:
                out.append(word)
                if len(out) == n:
                    return out


def english_words(n: int, taken: set[str]) -> list[str]:
    """The `n` most frequent plain English words (wordfreq) not in `taken` and not about numbers."""
    from wordfreq import top_n_list

    out: list[str] = []
    if n <= 0:
        return out
    for word in top_n_list("en", 200_000):
        if re.fullmatch("[a-z]{3,}", word) and word not in taken and not any(word.startswith(w) for w in NUMBER_WORDS):
            out.append(word)
            if len(out) == n:
                return out
    raise ValueError(f"wordfreq has fewer than {n} usable English words")


def spells_number(text: str) -> bool:
    word = text.strip(" ▁Ġ").lower()
    return bool(re.search(r"\d", word)) or word.strip(string.punctuation) in NUMBER_WORDS


# --- SentencePiece (Marian) -------------------------------------------------------------------------


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
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=2,
        minloglevel=2,
    )
    return model.getvalue()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def add_spm_pieces(model_proto: bytes, pieces: list[str], score: float = -1000.0) -> bytes:
    """Append pieces to a serialized SentencePiece ModelProto (no protobuf library needed).

    Repeated protobuf fields may come in any order, so each piece is appended as one more
    `pieces` entry (field 1: piece string = 1, score float = 2, type NORMAL = 3:1). The very low
    score keeps encoding from ever choosing them; decoding knows them.
    """
    out = bytearray(model_proto)
    for piece in pieces:
        raw = piece.encode("utf-8")
        msg = b"\x0a" + _varint(len(raw)) + raw + b"\x15" + struct.pack("<f", score) + b"\x18\x01"
        out += b"\x0a" + _varint(len(msg)) + msg
    return bytes(out)


def build_opus_mt_de_en(directory: str | Path, *, seed: int = 0) -> Path:
    """opus-mt-de-en's exact architecture and generation config, random weights, trained tokenizer."""
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    with build_step("training the SentencePiece tokenizers (German, English; 8,000 pieces each)"):
        source = _train_spm(_lines("de"), 8000)
        target = _train_spm(_lines("en"), 8000)
    vocab = {"</s>": 0, "<unk>": 1}
    for blob in (source, target):
        sp = spm.SentencePieceProcessor(model_proto=blob)
        for i in range(sp.get_piece_size()):
            piece = sp.id_to_piece(i)
            if not sp.is_unknown(i) and piece not in vocab:
                vocab[piece] = len(vocab)
    # Fill up with English words: the translations the random model writes are then English words
    # (tokenised by the summariser at a realistic rate), never German, never numbers.
    fillers = ["▁" + w for w in english_words(OPUS_MT_VOCAB - 1 - len(vocab), {p.strip("▁") for p in vocab})]
    for piece in fillers:
        vocab[piece] = len(vocab)
    target = add_spm_pieces(target, fillers)
    pad_id = len(vocab)
    vocab["<pad>"] = pad_id
    assert len(vocab) == OPUS_MT_VOCAB
    (out / "source.spm").write_bytes(source)
    (out / "target.spm").write_bytes(target)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "MarianTokenizer",
                "source_lang": "de",
                "target_lang": "en",
                "model_max_length": 512,
                "separate_vocabs": False,
                "unk_token": "<unk>",
                "eos_token": "</s>",
                "pad_token": "<pad>",
            }
        ),
        encoding="utf-8",
    )
    assert pad_id == OPUS_MT_DE_EN["pad_token_id"]
    config = MarianConfig(**OPUS_MT_DE_EN, normalize_before=False, bos_token_id=0, dropout=0.1)
    torch.manual_seed(seed)
    with build_step("initialising opus-mt-de-en's architecture with random weights"):
        model = MarianMTModel(config).eval()
    with torch.no_grad():
        # Only the filler words (and end of sequence: see _calibrate_eos) may be written: no German
        # pieces, no numbers.
        writable = torch.zeros(OPUS_MT_VOCAB, dtype=torch.bool)
        writable[[vocab[p] for p in fillers]] = True
        model.final_logits_bias[0, ~writable] = -1e4
        # Random weights at their usual scale make a decoder that repeats one word forever, which the
        # repetition check (rightly) sends to the repair loop. Larger token embeddings and a strong
        # feed-forward path turn each step into a random function of the previous word and position:
        # varied output, like a real model's. Scaling weights changes no shapes and so no speed.
        model.model.shared.weight.mul_(3.0)
        model.model.shared.weight[pad_id].zero_()
        for layer in model.model.decoder.layers:
            layer.fc2.weight.mul_(20.0)
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad_id]],
        bos_token_id=0,
        decoder_start_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad_id,
        num_beams=4,
        max_length=512,
        min_length=MIN_TRANSLATION_TOKENS + 1,  # counts the decoder start token
    )
    _calibrate_eos(model, out)
    with build_step("saving opus-mt-de-en-random"):
        model.save_pretrained(out, safe_serialization=True)
    return out


def _calibrate_eos(model, directory: Path) -> None:
    """Give end-of-sequence the output bias at which 4-beam translations are as long as real ones.

    A real opus-mt translation has about 1.1 target tokens per source token. The random decoder
    picks its next word as a function of the previous one, so a bias on EOS makes a fixed share of
    words "final": lengths then scatter around a mean the bias sets (min_length stops very short
    outputs, which the omission check would send to the repair loop).

    Bisection ran a 4-beam `generate` of the full-size model per step (8 steps over 48 sentences: more
    than 25 minutes on a 2-core machine). Here greedy decoding answers every bias at once: with EOS
    suppressed, the words it writes do not depend on the bias, and at each step EOS would win exactly
    when bias > margin (best other score - EOS logit); so one greedy pass gives each sentence's length
    as a function of the bias, solved for the target in memory. One 4-beam pass at that bias then
    measures how much longer beams write, and the greedy target is scaled by it: two `generate`
    calls in all.
    """
    import torch
    from transformers import MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(directory)
    sentences = [s for s in _lines("de")[:400] if 40 <= len(s) <= 160][:CALIBRATION_SENTENCES]
    batch = tokenizer(sentences, return_tensors="pt", padding=True)
    target = LENGTH_RATIO * int(batch["attention_mask"].sum())
    eos, pad = model.config.eos_token_id, model.config.pad_token_id
    cap = int(1.6 * LENGTH_RATIO * int(batch["attention_mask"].sum(dim=1).max())) + 4
    steps: list = []

    class RecordMargins:
        """A logits processor: notes each step's margin, then keeps EOS out (the pass never stops)."""

        def __call__(self, input_ids, scores):
            eos_logit = scores[:, eos].clone()
            scores[:, eos] = float("-inf")
            steps.append((scores.max(dim=-1).values - eos_logit).float())
            return scores

    with torch.no_grad():
        model.final_logits_bias[0, eos] = 0.0
    what = f"end-of-sequence calibration: greedy pass over {len(sentences)} sentences"
    with build_step(what), torch.inference_mode():
        model.generate(**batch, num_beams=1, do_sample=False, max_new_tokens=cap, forced_eos_token_id=None,
                       logits_processor=[RecordMargins()])  # fmt: skip
    margins = torch.stack(steps, dim=1).numpy()  # [sentence, step]: the bias EOS needs to win there
    margins[:, :MIN_TRANSLATION_TOKENS] = float("inf")  # min_length: EOS is not allowed yet

    def greedy_total(bias: float, rows=margins) -> float:
        total = 0
        for row in rows:
            ends = (row < bias).nonzero()[0]
            total += int(ends[0]) if len(ends) else len(row)
        return total

    def solve(goal: float) -> float:
        low, high = -40.0, 40.0
        for _ in range(40):
            mid = (low + high) / 2
            low, high = (mid, high) if greedy_total(mid) > goal else (low, mid)
        return (low + high) / 2

    def set_bias(value: float) -> None:
        with torch.no_grad():
            model.final_logits_bias[0, eos] = value

    bias = solve(target)
    set_bias(bias)
    few = {k: v[:BEAM_SENTENCES] for k, v in batch.items()}
    what = f"end-of-sequence calibration: one 4-beam pass over {BEAM_SENTENCES} sentences (bias {bias:+.2f})"
    with build_step(what), torch.inference_mode():
        beams = model.generate(**few, num_beams=4, max_new_tokens=cap)
    beam_total = int(((beams != pad) & (beams != eos)).sum())
    greedy_few = greedy_total(bias, margins[:BEAM_SENTENCES])
    if beam_total and greedy_few:  # beams write beam_total / greedy_few times as much: aim greedy lower
        set_bias(solve(target * greedy_few / beam_total))


# --- byte-level BPE (BART) --------------------------------------------------------------------------


def build_distilbart_cnn_12_6(directory: str | Path, *, seed: int = 0) -> Path:
    """distilbart-cnn-12-6's exact architecture, random weights, a trained byte-level BPE tokenizer."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    special = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=DISTILBART_VOCAB,
        special_tokens=special,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    # The translator's filler words are in the training text, so the summariser reads its input at
    # about a token per word, as the real one reads real English (not 2-3 pieces per rare word).
    words = english_words(60000, set())
    word_lines = [" ".join(words[i : i + 20]) for i in range(0, len(words), 20)]
    with build_step("training the byte-level BPE tokenizer (50,264 entries)"):
        tok.train_from_iterator(_lines("en") + word_lines * 2, trainer)
    model_json = json.loads(tok.to_str())["model"]
    vocab: dict[str, int] = dict(model_json["vocab"])
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in model_json["merges"]]
    for word in filler_words(DISTILBART_VOCAB - len(vocab), {t.strip("Ġ") for t in vocab}):
        vocab["Ġ" + word] = len(vocab)
    assert len(vocab) == DISTILBART_VOCAB
    tokenizer = BartTokenizer(vocab=vocab, merges=merges, model_max_length=1024)
    config = BartConfig(
        vocab_size=DISTILBART_VOCAB,
        d_model=1024,
        encoder_layers=12,
        decoder_layers=6,
        encoder_attention_heads=16,
        decoder_attention_heads=16,
        encoder_ffn_dim=4096,
        decoder_ffn_dim=4096,
        max_position_embeddings=1024,
        activation_function="gelu",
        normalize_before=False,  # legacy key CTranslate2's converter reads
        add_final_layer_norm=False,
        normalize_embedding=True,
        scale_embedding=False,
        static_position_embeddings=False,
        extra_pos_embeddings=2,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        dropout=0.1,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config).eval()
    with torch.no_grad():
        for token, i in vocab.items():
            if spells_number(token):
                model.final_logits_bias[0, i] = -1e4
    # distilbart-cnn's decoding (4 beams, length penalty 2, no 3-gram repeats), output length fixed.
    model.generation_config.update(
        num_beams=4,
        length_penalty=2.0,
        no_repeat_ngram_size=3,
        early_stopping=True,
        min_length=SUMMARY_TOKENS + 1,
        max_length=SUMMARY_TOKENS + 1,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
    )
    with build_step("saving distilbart-cnn-12-6-random"):
        model.save_pretrained(out, safe_serialization=True)
        tokenizer.save_pretrained(out)
    return out


def _cached(directory: Path, build, version: str) -> Path:
    marker = directory / ".bench-build"
    if marker.exists() and marker.read_text() == version and any(directory.glob("*.safetensors")):
        return directory
    print(f"building {directory.name} (random weights, once; cached in {directory.parent}) ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    build(directory)
    marker.write_text(version)
    print(f"built {directory.name} in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return directory


def model_dirs(cache: str | Path | None = None) -> tuple[Path, Path]:
    """(opus-mt-de-en, distilbart-cnn-12-6) random-weight directories, built on first use."""
    root = Path(cache) if cache else DEFAULT_CACHE
    marian = _cached(root / "opus-mt-de-en-random", build_opus_mt_de_en, BUILD_VERSIONS["opus-mt-de-en"])
    bart = _cached(root / "distilbart-cnn-12-6-random", build_distilbart_cnn_12_6, BUILD_VERSIONS["distilbart-cnn-12-6"])
    return marian, bart


# --- smoke runs (--smoke): the test suite's tiny models --------------------------------------------

SMOKE_MODELS_ENV = "SUMMARISE_BENCH_TINY_MODELS"  # "MARIAN_DIR:BART_DIR": reuse models built already


def tiny_model_dirs(cache: str | Path | None = None) -> tuple[Path, Path]:
    """(translator, summariser): the tiny random models the tests build (tests/tiny_marian.py,
    tests/tiny_summarisers.py), for `--smoke` runs that prove a bench still runs end to end in seconds.

    $SUMMARISE_BENCH_TINY_MODELS (two directories joined by os.pathsep) names ones built already, as
    tests/test_benches.py does with its session fixtures; otherwise they are built once (a few seconds)
    into bench/out/models-tiny.
    """
    import os
    import sys

    given = os.environ.get(SMOKE_MODELS_ENV)
    if given:
        marian, bart = (Path(p) for p in given.split(os.pathsep))
        return marian, bart
    sys.path.insert(0, str(ROOT / "tests"))
    from tiny_marian import build_tiny_marian
    from tiny_summarisers import build_tiny_bart

    root = (Path(cache) if cache else DEFAULT_CACHE.parent) / "models-tiny"
    return _cached(root / "marian", build_tiny_marian, "1"), _cached(root / "bart", build_tiny_bart, "1")
