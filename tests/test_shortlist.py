"""The vocabulary shortlist: what it always keeps (numbers!), how it learns the rest, how it is stored."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarise.errors import InputError, ModelError
from summarise.models.hub import load_tokenizer, resolve_model
from summarise.models.shortlist import (
    MANIFEST,
    VMAP,
    ShortlistParams,
    build_map,
    build_shortlist,
    can_spell_number,
    load_shortlist,
    model_view,
    number_safe,
    read_vmap,
    shortlist_dir,
    write_vmap,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def english_number_forms() -> list[str]:
    """How English news text writes numbers, dates, times, units and money: every form the checker
    reads (summarise/numbers/english.py), generated rather than picked, so no fixture can be tuned."""
    from summarise.checking.numbers import lexicon as lx

    small = list(lx.ENGLISH_SMALL) + ["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    words = small + tens + [f"{t}-{u}" for t in tens for u in small[1:10]] + [f"{t} {u}" for t in tens for u in small[1:10]]
    words += list(lx.ENGLISH_NUMBER_WORDS) + list(lx.ENGLISH_SMALL_ORDINALS) + list(lx.ENGLISH_FRACTIONS)
    words += [f"{t[:-1]}ieth" for t in tens] + ["hundredth", "thousandth", "millionth", "fourteenth", "nineteenth"]
    words += list(lx.DECADE_WORDS_EN) + list(lx.ENGLISH_SCALES) + list(lx.ENGLISH_UNITS) + list(lx.ENGLISH_MONTHS)
    words += [w for w in lx.CURRENCIES if w.isascii()] + ["€", "$", "£", "¥", "US$", "%", "°C", "m²", "½", "¾"]
    words += ["percent", "per cent", "percentage points", "a.m.", "p.m.", "o'clock", "noon", "midnight"]
    forms = []
    for w in words:
        forms += [w, w.capitalize(), w.upper()]
    for n in list(range(0, 2101)) + [2500, 3000, 10_000, 11_000, 250_000, 1_000_000, 1_250_000_000]:
        forms += [str(n), f"{n:,}", f"{n:,}th"]
    for n in range(1, 32):
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        forms += [f"{n}{suffix}", f"February {n}", f"Feb. {n}, 2026", f"{n} March"]
    forms += [f"{a}.{b}" for a in range(0, 100, 7) for b in range(0, 100, 13)]
    forms += ["2:30 p.m.", "14:30", "9am", "€2.5bn", "$5m", "£40k", "3.5%", "5 percentage points", "-3°C",
              "170-millimetre", "30-day", "1990s", "'90s", "1,234.56", "(3,000)", "3,000,", "3,000."]  # fmt: skip
    return forms


def target_pieces(tokenizer, texts: list[str]) -> set[str]:
    special = set(tokenizer.all_special_tokens)
    pieces: set[str] = set()
    for ids in tokenizer(text_target=texts)["input_ids"]:
        pieces.update(t for t in tokenizer.convert_ids_to_tokens(ids) if t not in special)
    return pieces


def test_pieces_that_spell_numbers_dates_units_or_punctuation_are_recognised():
    for piece in ["▁3", "000", "▁1990", ",", ".", "▁%", "%", "€", "▁$", "£", "▁(", ")", "-", "°", "²", "½", "▁",
                  "▁thousand", "▁thous", "and", "teen", "▁Sept", "▁SEPTEMBER", "ember", "▁Feb", "▁km", "▁p", ".m.",
                  "▁twent", "ieth", "▁bn", "▁percent", "▁o", "'", "clock", "▁Monday"]:  # fmt: skip
        assert can_spell_number(piece), piece
    for piece in ["▁Merkel", "▁house", "▁Ukraine", "▁soldiers", "▁Korea", "▁the", "ung", "▁Russia"]:
        assert not can_spell_number(piece), piece


@pytest.fixture(scope="module")
def marian(tiny_marian_dir):
    model = resolve_model(str(tiny_marian_dir))
    tokenizer = load_tokenizer(model)
    return model, tokenizer, list(tokenizer.get_vocab())


def test_no_digit_number_word_unit_or_punctuation_piece_is_ever_removed(marian):
    """Whatever the parallel text and parameters, every piece of every way English writes a number is
    in the always-allowed line of the map CTranslate2 reads."""
    _, tokenizer, vocab = marian
    # Parallel text without a single number, and nothing else kept: only the guarantee is left.
    src = [["▁Hallo", "▁Welt"], ["▁gut"]]
    tgt = [["▁hello", "▁world"], ["▁good"]]
    params = ShortlistParams(top_frequent=0, per_source=0, method="cooc")
    always, per_source, _ = build_map(src, tgt, vocab, params)
    assert set(always) >= set(number_safe(vocab))
    needed = target_pieces(tokenizer, english_number_forms()) & set(vocab)
    assert needed, "the tokenizer wrote no known piece for the number forms"
    missing = sorted(needed - set(always))
    assert not missing, f"pieces of number forms missing from the always-allowed list: {missing[:20]}"
    # Every vocabulary piece with a digit or made only of punctuation/symbols is kept.
    for piece in vocab:
        core = piece.lstrip("▁")
        if re.search(r"\d", core) or (core and not any(c.isalnum() for c in core)):
            assert piece in always, piece


def test_number_safety_holds_for_any_vocabulary():
    """Pieces no tokenizer here produces, but another model's could: all kept, names not."""
    vocab = ["▁twent", "ieth", "▁Sept", "▁p.m.", "²", "½", "▁€", "▁CHF", "▁US$", "▁1.5", "ths", "▁Merkel", "▁Kanzler"]
    always, _, _ = build_map([["▁x"]], [["▁y"]], vocab, ShortlistParams(top_frequent=0, per_source=0, method="cooc"))
    assert set(always) == set(vocab) - {"▁Merkel", "▁Kanzler"}


def test_co_occurrence_learns_translations_and_keeps_copies_and_frequent_pieces():
    src = [["▁der", "▁Pferd"], ["▁die", "▁Katze"], ["▁der", "▁Pferd", "▁bellt"], ["▁Merkel", "▁sagt"]] * 5
    tgt = [["▁the", "▁horse"], ["▁the", "▁cat"], ["▁the", "▁horse", "▁barks"], ["▁Merkel", "▁says"]] * 5
    vocab = ["▁the", "▁horse", "▁cat", "▁barks", "▁Merkel", "▁says", "▁Pferd"]
    always, per_source, method = build_map(src, tgt, vocab, ShortlistParams(top_frequent=1, per_source=2, method="cooc"))
    assert method == "cooc"
    assert always == ["▁the"]  # the most frequent target piece (no number pieces in this vocabulary)
    assert per_source["▁Pferd"][:2] == ["▁Pferd", "▁horse"]  # its copy first, then the best co-occurrence
    assert "▁cat" in per_source["▁Katze"] and "▁horse" not in per_source["▁Katze"]
    assert "▁Merkel" in per_source["▁Merkel"]  # names: the copy
    assert all(t in vocab for ts in per_source.values() for t in ts)  # nothing outside the vocabulary


def test_eflomal_aligns_when_installed():
    pytest.importorskip("eflomal")
    src = [["▁der", "▁Hund", "▁bellt"], ["▁die", "▁Katze", "▁schläft"], ["▁der", "▁Hund", "▁schläft"],
           ["▁die", "▁Katze", "▁bellt"]] * 10  # fmt: skip
    tgt = [["▁the", "▁dog", "▁barks"], ["▁the", "▁cat", "▁sleeps"], ["▁the", "▁dog", "▁sleeps"],
           ["▁the", "▁cat", "▁barks"]] * 10  # fmt: skip
    vocab = sorted({p for t in tgt for p in t})
    _, per_source, method = build_map(src, tgt, vocab, ShortlistParams(top_frequent=0, per_source=1, method="eflomal"))
    assert method == "eflomal"
    assert per_source["▁Hund"] == ["▁dog"] and per_source["▁Katze"] == ["▁cat"] and per_source["▁bellt"] == ["▁barks"]


def test_vmap_file_round_trips_in_ctranslate2s_format(tmp_path):
    write_vmap(tmp_path / VMAP, ["▁3", ","], {"▁Hund": ["▁dog", "▁hound"], "▁leer": []})
    lines = (tmp_path / VMAP).read_text(encoding="utf-8").splitlines()
    assert lines == ["\t▁3 ,", "▁Hund\t▁dog ▁hound"]  # empty source: always allowed; an empty entry is dropped
    assert read_vmap(tmp_path / VMAP) == (["▁3", ","], {"▁Hund": ["▁dog", "▁hound"]})


def _parallel(tmp_path: Path) -> tuple[Path, Path]:
    from tiny_marian import ENGLISH_TEXT

    en = [ln for ln in ENGLISH_TEXT.splitlines() if ln.strip()]
    de = [ln for p in sorted(SAMPLES.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    n = min(len(en), len(de))
    (tmp_path / "src.de").write_text("\n".join(de[:n]) + "\n", encoding="utf-8")
    (tmp_path / "ref.en").write_text("\n".join(en[:n]) + "\n", encoding="utf-8")
    return tmp_path / "src.de", tmp_path / "ref.en"


def test_built_shortlist_is_stored_beside_the_conversions_and_verified(marian, tmp_path):
    model, tokenizer, vocab = marian
    src, ref = _parallel(tmp_path)
    built = build_shortlist(model, src, ref, tokenizer=tokenizer, vocabulary=vocab, params=ShortlistParams(method="cooc"))
    assert built.path == shortlist_dir(model)
    assert built.path.parent.name == "ct2" and built.path.name.endswith("--shortlist")
    info = json.loads((built.path / MANIFEST).read_text(encoding="utf-8"))
    assert info["revision"] == model.revision and info["params"]["method"] == "cooc"
    assert load_shortlist(model).digest == built.digest
    # A changed map is never used.
    with open(built.vmap, "a", encoding="utf-8") as f:
        f.write("▁x\t▁y\n")
    with pytest.raises(ModelError, match="checksum"):
        load_shortlist(model)


def test_missing_shortlist_and_bad_parallel_text_are_one_line_errors(marian, tmp_path):
    model, tokenizer, vocab = marian
    with pytest.raises(ModelError, match="summarise models shortlist"):
        load_shortlist(model)
    (tmp_path / "a.de").write_text("eins\nzwei\n", encoding="utf-8")
    (tmp_path / "b.en").write_text("one\n", encoding="utf-8")
    with pytest.raises(InputError, match="line-aligned"):
        build_shortlist(model, tmp_path / "a.de", tmp_path / "b.en", tokenizer=tokenizer, vocabulary=vocab)
    with pytest.raises(InputError, match="no such file"):
        build_shortlist(model, tmp_path / "nope.de", tmp_path / "b.en", tokenizer=tokenizer, vocabulary=vocab)


def test_model_view_links_the_conversion_and_the_map(marian, tmp_path):
    model, tokenizer, vocab = marian
    src, ref = _parallel(tmp_path)
    built = build_shortlist(model, src, ref, tokenizer=tokenizer, vocabulary=vocab, params=ShortlistParams(method="cooc"))
    conversion = tmp_path / "conv"
    conversion.mkdir()
    (conversion / "model.bin").write_bytes(b"weights")
    (conversion / "config.json").write_text("{}")
    view = model_view(conversion, built)
    assert sorted(p.name for p in view.iterdir()) == ["config.json", "model.bin", VMAP]
    assert (view / "model.bin").read_bytes() == b"weights"
    assert (view / VMAP).read_bytes() == built.vmap.read_bytes()
    assert model_view(conversion, built) == view  # reused while current


# --- end to end: the CLI builds it, CTranslate2 decodes over it ----------------------------------------


def test_cli_builds_the_shortlist_and_translate_uses_it(tiny_marian_dir, tmp_path):
    pytest.importorskip("ctranslate2")
    from ct2_tiny import build_peaked_marian
    from typer.testing import CliRunner

    from summarise.cli import app
    from summarise.models.backends import load_backend
    from summarise.models.backends.base import GenerationSettings

    peaked = build_peaked_marian(tiny_marian_dir, tmp_path / "peaked")
    src, ref = _parallel(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["models", "shortlist", str(peaked), "--parallel", str(src), str(ref), "--method", "cooc"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("shortlist\t") and "number-safe" in result.stdout

    # The peaked model writes copies of source pieces (numbers included): the shortlist keeps every
    # one, so decoding over it changes nothing, while the map really is in use (signature, options).
    sentences = [ln for ln in (SAMPLES / "nordkorea-truppen.txt").read_text(encoding="utf-8").splitlines() if ln.strip()][:8]
    settings = GenerationSettings(beams=2, max_new_tokens=12)
    full = load_backend(str(peaked), backend="ctranslate2", threads=1)
    short = load_backend(str(peaked), backend="ctranslate2", threads=1)
    short_backend = type(short)(short.model, "cpu", threads=1, shortlist=True)
    assert short_backend.decoding_options(10, settings)["use_vmap"] is True
    assert short_backend.signature()["shortlist"] == load_shortlist(short.model).digest
    assert "shortlist" not in full.signature()
    assert short_backend.generate(sentences, settings) == full.generate(sentences, settings)

    out = tmp_path / "out.json"
    result = runner.invoke(app, ["translate", str(SAMPLES / "nordkorea-truppen.txt"), "--model", str(peaked),
                                 "--backend", "ctranslate2", "--shortlist", "--beams", "1", "--format", "json", "-o", str(out)])  # fmt: skip
    assert result.exit_code in (0, 1), result.output  # 1: the random model's numbers fail checks, as without it
    assert json.loads(out.read_text(encoding="utf-8"))["signature"]["shortlist"] == short_backend.shortlist.digest


def test_shortlist_on_transformers_or_without_a_built_map_is_a_one_line_error(tiny_marian_dir):
    from typer.testing import CliRunner

    from summarise.cli import app

    article = str(SAMPLES / "nordkorea-truppen.txt")
    result = CliRunner().invoke(app, ["translate", article, "--model", str(tiny_marian_dir), "--backend", "transformers", "--shortlist"])
    assert result.exit_code == 2 and "--shortlist needs the ctranslate2 backend" in result.output
    pytest.importorskip("ctranslate2")
    result = CliRunner().invoke(app, ["translate", article, "--model", str(tiny_marian_dir), "--backend", "ctranslate2", "--shortlist"])
    assert result.exit_code == 2 and "summarise models shortlist" in result.output


def test_shortlist_and_conversions_share_the_model_key(marian):
    from summarise.models.convert import conversion_dir, model_key

    model, _, _ = marian
    key = model_key(model)
    assert key.endswith("--" + model.revision[:40])
    assert shortlist_dir(model).name == f"{key}--shortlist"
    assert {conversion_dir(model, q).name for q in ("int8", "float32")} == {f"{key}--int8", f"{key}--float32"}
    assert shortlist_dir(model).parent == conversion_dir(model, "int8").parent


def test_building_scans_the_vocabulary_for_number_safe_pieces_once(marian, tmp_path, monkeypatch):
    import summarise.models.shortlist as shortlist

    model, tokenizer, vocab = marian
    calls = []
    real = shortlist.number_safe
    monkeypatch.setattr(shortlist, "number_safe", lambda v: calls.append(1) or real(v))
    src, ref = _parallel(tmp_path)
    built = build_shortlist(model, src, ref, tokenizer=tokenizer, vocabulary=vocab, params=ShortlistParams(method="cooc"))
    assert len(calls) == 1
    info = json.loads((built.path / MANIFEST).read_text(encoding="utf-8"))
    assert info["number_safe"] == len(real(vocab)) > 0
    assert set(real(vocab)) <= set(read_vmap(built.vmap)[0])  # and they all made it into the map
