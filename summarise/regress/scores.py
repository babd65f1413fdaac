"""chrF and BLEU (sacrebleu) of a rerun against its golden, and sentence alignment for the drift list.

Identical texts score 100 by definition (sacrebleu scores two empty strings 0, which would report
an unchanged empty summary as total drift).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from ..errors import InputError


@lru_cache(maxsize=1)
def _metrics():
    try:
        from sacrebleu.metrics import BLEU, CHRF
    except ImportError as e:
        raise InputError(
            "`summarise regress compare` scores with sacrebleu, which is not installed: "
            "pip install 'summarise[regress]'"
        ) from e
    # Sentence BLEU needs effective order: a short sentence has no 4-grams to match.
    return CHRF(), BLEU(effective_order=True), BLEU()


def sentence_chrf(new: str, golden: str) -> float:
    return 100.0 if new == golden else _metrics()[0].sentence_score(new, [golden]).score


def sentence_bleu(new: str, golden: str) -> float:
    return 100.0 if new == golden else _metrics()[1].sentence_score(new, [golden]).score


def corpus_chrf(new: list[str], golden: list[str]) -> float:
    return 100.0 if new == golden else _metrics()[0].corpus_score(new, [golden]).score


def corpus_bleu(new: list[str], golden: list[str]) -> float:
    return 100.0 if new == golden else _metrics()[2].corpus_score(new, [golden]).score


def english_sentences(text: str) -> list[str]:
    from ..language.chunking import split_sentences

    return split_sentences(text)


def changed_pairs(golden: list[str], new: list[str]) -> list[tuple[str, str]]:
    """The (golden, new) pairs of segments that differ, aligned so an inserted sentence shifts nothing.

    Equal runs are skipped; a run replaced by as many segments pairs them one to one; anything else
    (a split, merge, insertion or deletion) becomes one pair of the joined runs.
    """
    pairs = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=golden, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            pairs.extend(zip(golden[i1:i2], new[j1:j2], strict=True))
        else:
            pairs.append((" ".join(golden[i1:i2]), " ".join(new[j1:j2])))
    return pairs
