"""A number-safe vocabulary shortlist for CTranslate2 (`use_vmap`): fewer output candidates per step.

Most of a decoder step on CPU is the output projection over the whole target vocabulary (58,101
entries for opus-mt-de-en). CTranslate2 can restrict it to the pieces a vocabulary map allows for the
source tokens of the batch (`vmap.txt` in the model directory: ``source-piece<TAB>target pieces``;
the line with an empty source is always allowed). This module builds that map from parallel text:

- per source piece, the target pieces it is aligned with most often (eflomal when it is installed,
  else sentence co-occurrence ranked by Dice; `bench`-measured: at the same candidate count eflomal
  covers ~1.5 points more of held-out reference pieces, but takes ~8x longer to build);
- a copy of the source piece itself (names, codes, placeholders the repair loop puts in the source);
- always: the top-N most frequent target pieces, and every piece that can spell a number, a date, a
  unit, a currency sign or punctuation (`number_safe`), whatever the parallel text contains — so the
  shortlist can never take away a way of writing a number the checker would accept.

The map is keyed like the CTranslate2 conversion cache (model + revision; it does not depend on the
quantization) and stored beside the conversions: ``cache_dir("ct2")/<model>--<revision>--shortlist``,
with a manifest (parameters, the parallel files' hashes, the map's SHA-256). CTranslate2 reads the
map from the model directory, so a loaded shortlist is served through a view directory of links to
the verified conversion plus vmap.txt (`model_view`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from ..errors import InputError, ModelError
from ..fileio import sha256_file
from .hub import ResolvedModel

log = logging.getLogger(__name__)

VMAP = "vmap.txt"
MANIFEST = "shortlist.json"
VERSION = 1
METHODS = ("auto", "eflomal", "cooc")


@dataclass(frozen=True)
class ShortlistParams:
    # Chosen by measurement (newstest2014-2020 -> 2021 held out, opus-mt-style SentencePiece, batches
    # of 32 sentences): eflomal K=20 + top 500 covers 96.8 % of the reference pieces with ~3,300
    # candidates per batch (Dice co-occurrence needs ~4,500 for the same coverage).
    top_frequent: int = 500  # most frequent target pieces, always allowed
    per_source: int = 20  # best-aligned target pieces kept per source piece
    min_count: int = 1  # alignments (or co-occurrences) a pair needs to be kept
    method: str = "auto"  # auto (eflomal when installed) | eflomal | cooc


@dataclass(frozen=True)
class Shortlist:
    """A built, verified shortlist: its directory, the map file and what identifies it."""

    path: Path
    digest: str  # SHA-256 of vmap.txt, first 16 hex digits (signatures, cache keys)
    info: dict

    @property
    def vmap(self) -> Path:
        return self.path / VMAP


# --- what must never be cut ----------------------------------------------------------------------


def _number_lexicon() -> frozenset[str]:
    """English words (lower case) that write numbers, dates, times, units and currencies."""
    from babel.dates import get_day_names, get_month_names

    from ..checking.numbers import lexicon as lx

    words: set[str] = set()
    words |= set(lx.ENGLISH_NUMBER_WORDS) | set(lx.ENGLISH_SMALL_ORDINALS) | set(lx.ENGLISH_IRREGULAR_ORDINALS)
    words |= set(lx.ENGLISH_FRACTIONS) | set(lx.DECADE_WORDS_EN) | set(lx.ENGLISH_SCALES)
    words |= set(lx.ENGLISH_SHORT_SCALES) | set(lx.ENGLISH_MONTHS) | set(lx.ENGLISH_UNITS) | set(lx.CURRENCIES)
    # Ordinals of every cardinal word (fourteenth, twentieth, hundredth, millionth), and plurals (dozens).
    for w in lx.ENGLISH_NUMBER_WORDS:
        stem = w[:-1] + "ie" if w.endswith("y") else w
        words |= {stem + "th", w + "s", stem + "ths"}
    for width in ("wide", "abbreviated"):
        words |= {n.lower().rstrip(".") for n in get_month_names(width, locale="en").values()}
        words |= {n.lower().rstrip(".") for n in get_day_names(width, locale="en").values()}
    words |= {
        "st", "nd", "rd", "th", "percent", "per", "cent", "percentage", "points", "point", "a.m.", "p.m.", "am",
        "pm", "o'clock", "o’clock", "noon", "midday", "midnight", "hrs", "gmt", "cet", "utc", "decade", "decades",
        "century", "centuries", "millennium", "millennia", "hundreds", "thousands", "millions", "billions",
        "quadrillion", "kwh", "mwh", "gw", "gwh", "°f", "fahrenheit", "celsius", "ounces", "pounds", "feet",
        "foot", "inch", "inches", "yards", "acres", "square", "cubic", "gallons", "barrels", "litre", "liter",
        "gram", "ton", "tonne", "metric", "no.", "nos.", "nr.", "vs.", "x",
    }  # fmt: skip
    return frozenset(w.lower() for w in words if w)


@cache
def _lexicon_parts() -> tuple[frozenset[str], frozenset[str]]:
    """Every substring and every prefix of the lexicon's words (one set lookup per piece)."""
    lexicon = _number_lexicon()
    substrings = frozenset(w[i:j] for w in lexicon for i in range(len(w)) for j in range(i + 1, len(w) + 1))
    return substrings, frozenset(w[:j] for w in lexicon for j in range(1, len(w) + 1))


_WORD_START = ("▁", "Ġ")  # SentencePiece / byte-level BPE mark for "a new word starts here"


def can_spell_number(piece: str) -> bool:
    """Whether `piece` can be part of how English writes a number, date, time, unit, currency or punctuation.

    Generous on purpose: a piece counts when it has a digit (or any numeric character: ½, ², Ⅻ), is
    made only of punctuation and symbols (%, €, $, °, ".", ","), or is any part of a number / date /
    unit word in any segmentation the model could choose ("▁thous" + "and", "teen", "▁Sept").
    """
    starts_word = piece.startswith(_WORD_START)
    core = piece[1:] if starts_word else piece
    core = core.strip()
    if not core:
        return True  # the bare word-start piece: needed between any two words
    if any(unicodedata.category(c)[0] == "N" for c in core):
        return True
    if all(unicodedata.category(c)[0] in "PS" for c in core):
        return True
    substrings, prefixes = _lexicon_parts()
    low = core.lower()
    return low in prefixes if starts_word else low in substrings


def number_safe(vocabulary: Iterable[str]) -> list[str]:
    """The pieces of `vocabulary` that a shortlist must always keep (see `can_spell_number`)."""
    return sorted(p for p in vocabulary if can_spell_number(p))


# --- building the map ------------------------------------------------------------------------------


def _read_parallel(source: Path, reference: Path) -> tuple[list[str], list[str]]:
    try:
        src = Path(source).read_text(encoding="utf-8").splitlines()
        ref = Path(reference).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise InputError(f"{e.filename}: no such file") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the parallel text: {e}") from e
    if len(src) != len(ref):
        raise InputError(f"{source} has {len(src)} lines but {reference} has {len(ref)}: the parallel text must be line-aligned")
    pairs = [(s.strip(), r.strip()) for s, r in zip(src, ref, strict=True) if s.strip() and r.strip()]
    if not pairs:
        raise InputError(f"{source} and {reference} have no non-empty line pairs")
    return [p[0] for p in pairs], [p[1] for p in pairs]


def tokenize_parallel(tokenizer, sources: Sequence[str], references: Sequence[str]) -> tuple[list[list[str]], list[list[str]]]:
    """Both sides as the model's pieces (special tokens dropped), as CTranslate2 sees them."""
    special = set(getattr(tokenizer, "all_special_tokens", ()) or ())
    src_ids = tokenizer(list(sources))["input_ids"]
    tgt_ids = tokenizer(text_target=list(references))["input_ids"]
    src = [[t for t in tokenizer.convert_ids_to_tokens(ids) if t not in special] for ids in src_ids]
    tgt = [[t for t in tokenizer.convert_ids_to_tokens(ids) if t not in special] for ids in tgt_ids]
    return src, tgt


def _eflomal_available() -> bool:
    try:
        import eflomal  # noqa: F401
    except ImportError:
        return False
    return True


def _pair_counts_eflomal(src: list[list[str]], tgt: list[list[str]]) -> Counter:
    """Alignment links (union of both directions) per (source piece, target piece)."""
    from eflomal import Aligner

    keep = [i for i in range(len(src)) if src[i] and tgt[i]]
    with tempfile.TemporaryDirectory(prefix="summarise-eflomal-") as tmp:
        fwd, rev = Path(tmp) / "fwd", Path(tmp) / "rev"
        Aligner().align(
            [" ".join(src[i]) for i in keep], [" ".join(tgt[i]) for i in keep],
            links_filename_fwd=str(fwd), links_filename_rev=str(rev), quiet=True,
        )  # fmt: skip
        counts: Counter = Counter()
        with open(fwd, encoding="utf-8") as f, open(rev, encoding="utf-8") as r:
            for i, fl, rl in zip(keep, f, r, strict=True):
                links = {tuple(map(int, x.split("-"))) for x in (fl.split() + rl.split())}
                s, t = src[i], tgt[i]
                counts.update((s[a], t[b]) for a, b in links if a < len(s) and b < len(t))
    return counts


def _pair_counts_cooc(src: list[list[str]], tgt: list[list[str]]) -> Counter:
    """Sentences in which each (source piece, target piece) pair occurs together."""
    counts: Counter = Counter()
    for s, t in zip(src, tgt, strict=True):
        ts = set(t)
        counts.update((a, b) for a in set(s) for b in ts)
    return counts


def build_map(
    src: list[list[str]],
    tgt: list[list[str]],
    target_vocabulary: Iterable[str],
    params: ShortlistParams = ShortlistParams(),
    *,
    source_vocabulary: Iterable[str] = (),
    safe: Iterable[str] | None = None,
) -> tuple[list[str], dict[str, list[str]], str]:
    """(always-allowed pieces, source piece -> allowed target pieces, method used).

    Every target piece is checked against `target_vocabulary` (a piece outside it would map to <unk>).
    Source pieces of `source_vocabulary` that are not in the parallel text still get their copy.
    `safe`: `number_safe(target_vocabulary)` when the caller has it already.
    """
    vocab = set(target_vocabulary)
    method = params.method
    if method == "auto":
        method = "eflomal" if _eflomal_available() else "cooc"
    if method not in ("eflomal", "cooc"):
        raise InputError(f"unknown shortlist method {method!r}: use one of {', '.join(METHODS)}")
    if method == "eflomal" and not _eflomal_available():
        raise ModelError("eflomal is not installed: pip install 'summarise[shortlist]' or pass --method cooc")
    pairs = _pair_counts_eflomal(src, tgt) if method == "eflomal" else _pair_counts_cooc(src, tgt)
    src_count = Counter(p for s in src for p in set(s))
    tgt_count = Counter(p for t in tgt for p in set(t))
    ranked: dict[str, list[tuple[float, str]]] = {}
    if method == "eflomal":
        links = Counter()
        for (a, _), c in pairs.items():
            links[a] += c
    for (a, b), c in pairs.items():
        if c < params.min_count or b not in vocab:
            continue
        # eflomal: p(t | s) from the links; co-occurrence: Dice, which discounts pieces that occur everywhere.
        score = c / links[a] if method == "eflomal" else 2 * c / (src_count[a] + tgt_count[b])
        ranked.setdefault(a, []).append((score, b))
    per_source: dict[str, list[str]] = {}
    for a, cands in ranked.items():
        cands.sort(key=lambda x: (-x[0], x[1]))
        per_source[a] = [b for _, b in cands[: params.per_source]]
    # Copies: the source piece itself wherever the target vocabulary has it (a shared vocabulary).
    for a in set(src_count) | set(source_vocabulary):
        if a in vocab and a not in per_source.get(a, ()):
            per_source.setdefault(a, []).insert(0, a)
    frequency = Counter(p for t in tgt for p in t if p in vocab)
    always = {p for p, _ in frequency.most_common(params.top_frequent)} | set(number_safe(vocab) if safe is None else safe)
    return sorted(always), per_source, method


def write_vmap(path: Path, always: Iterable[str], per_source: dict[str, list[str]]) -> None:
    """The map in CTranslate2's format: ``<TAB>always...`` first, then ``source<TAB>targets``."""

    def clean(pieces):  # a piece with a space or tab would break the format (SentencePiece has none)
        return [p for p in pieces if p and not any(c in p for c in " \t\n")]

    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t" + " ".join(clean(always)) + "\n")
        for source in sorted(per_source):
            targets = clean(per_source[source])
            if clean([source]) and targets:
                f.write(f"{source}\t{' '.join(targets)}\n")


def read_vmap(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """(always, per source) as CTranslate2 reads the file (tests and `models shortlist` reports)."""
    always: list[str] = []
    per_source: dict[str, list[str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        key, _, targets = line.partition("\t")
        pieces = targets.split(" ") if targets else []
        if key == "":
            always += pieces
        else:
            per_source[key] = pieces
    return always, per_source


# --- where it lives --------------------------------------------------------------------------------


def shortlist_dir(model: ResolvedModel) -> Path:
    """Beside the model's conversions, keyed the same way (model + revision; any quantization)."""
    from ..paths import cache_dir
    from .convert import model_key

    return cache_dir("ct2", create=False) / f"{model_key(model)}--shortlist"


def target_vocabulary(conversion_path: Path, tokenizer=None) -> list[str]:
    """The converted model's target vocabulary (what `use_vmap` indexes)."""
    for name in ("target_vocabulary.json", "shared_vocabulary.json"):
        path = Path(conversion_path) / name
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    for name in ("target_vocabulary.txt", "shared_vocabulary.txt"):
        path = Path(conversion_path) / name
        if path.exists():
            return path.read_text(encoding="utf-8").splitlines()
    if tokenizer is not None:
        return list(tokenizer.get_vocab())
    raise ModelError(f"{conversion_path} has no vocabulary file")


def build_shortlist(
    model: ResolvedModel,
    source: Path,
    reference: Path,
    *,
    tokenizer,
    vocabulary: Iterable[str],
    params: ShortlistParams = ShortlistParams(),
) -> Shortlist:
    """Build the shortlist of `model` from line-aligned parallel text and store it (atomically)."""
    start = time.perf_counter()
    sources, references = _read_parallel(source, reference)
    src, tgt = tokenize_parallel(tokenizer, sources, references)
    vocab = list(vocabulary)
    safe = number_safe(vocab)
    always, per_source, method = build_map(src, tgt, vocab, params, source_vocabulary=vocab, safe=safe)
    target = shortlist_dir(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{target.name}-", dir=target.parent))
    try:
        write_vmap(tmp / VMAP, always, per_source)
        info = {
            "version": VERSION,
            "model": model.name,
            "revision": model.revision,
            "params": {**asdict(params), "method": method},
            "parallel": {
                str(Path(p).resolve()): {"sha256": sha256_file(Path(p)), "lines": n}
                for p, n in ((source, len(sources)), (reference, len(references)))
            },
            "pairs": len(sources),
            "always": len(always),
            "number_safe": len(safe),
            "source_entries": len(per_source),
            "vocabulary": len(vocab),
            "vmap_sha256": sha256_file(tmp / VMAP),
            "build_s": round(time.perf_counter() - start, 1),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        (tmp / MANIFEST).write_text(json.dumps(info, indent=1, sort_keys=True), encoding="utf-8")
        old = target.with_name(f".trash-{target.name}-{os.getpid()}-{time.monotonic_ns()}")
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.info("shortlist of %s: %d always-allowed pieces, %d source entries (%s) in %s",
             model.name, len(always), len(per_source), method, target)  # fmt: skip
    return Shortlist(target, info["vmap_sha256"][:16], info)


def load_shortlist(model: ResolvedModel) -> Shortlist:
    """The stored shortlist of `model`, verified against its manifest; a one-line error when missing."""
    directory = shortlist_dir(model)
    hint = f"run `summarise models shortlist {model.name} --parallel SRC.de REF.en` first, or drop --shortlist"
    try:
        info = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{model.name} has no vocabulary shortlist yet: {hint}") from None
    except (OSError, ValueError) as e:
        raise ModelError(f"the shortlist of {model.name} in {directory} is unreadable ({e}): {hint}") from e
    if info.get("version") != VERSION or info.get("revision") != model.revision:
        raise ModelError(f"the shortlist in {directory} was built for another version or revision: {hint}")
    try:
        digest = sha256_file(directory / VMAP)
    except OSError:
        raise ModelError(f"the shortlist in {directory} has no {VMAP}: {hint}") from None
    if digest != info.get("vmap_sha256"):
        raise ModelError(f"the shortlist in {directory} does not match its checksum: {hint}")
    return Shortlist(directory, digest[:16], info)


def model_view(conversion_path: Path, shortlist: Shortlist) -> Path:
    """A model directory CTranslate2 can load with the map: links to the conversion's files + vmap.txt.

    It lives inside the shortlist directory (one per quantization) and is rebuilt when a link is
    missing or points elsewhere; the conversion itself is never touched, so its manifest stays valid.
    """
    conversion_path = Path(conversion_path).resolve()
    view = shortlist.path / "views" / conversion_path.name
    wanted = {p.name: p for p in conversion_path.iterdir() if p.is_file() and p.name != VMAP}
    wanted[VMAP] = shortlist.vmap.resolve()

    def current() -> bool:
        try:
            return all((view / n).is_symlink() and (view / n).resolve() == t.resolve() for n, t in wanted.items())
        except OSError:
            return False

    if view.is_dir() and current():
        return view
    view.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{view.name}-", dir=view.parent))
    try:
        for name, target in wanted.items():
            try:
                (tmp / name).symlink_to(target)
            except OSError:  # no symlinks here (some Windows set-ups): a hard link, else a copy
                try:
                    os.link(target, tmp / name)
                except OSError:
                    shutil.copy2(target, tmp / name)
        if view.exists():
            shutil.rmtree(view, ignore_errors=True)
        os.replace(tmp, view)
    except OSError:
        if not (view.is_dir() and current()):  # another process made the same view first: theirs is fine
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return view
