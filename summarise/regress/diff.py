"""One article's rerun against its golden: scores, drifted sentences, figures, checks, numbers, signature.

What counts as drift (the article fails): translation or summary chrF below the threshold (BLEU too
when a BLEU threshold is set); a block check or the summary check that passed in the golden and fails
now; a number the golden translation of a block had, that its German source supports, missing from
the new translation of that block; a key figure of the golden missing from the new brief; blocks that
no longer line up with the golden's (segmentation changed). Everything else is information: key
figures added, checks that now pass, a changed signature (it explains drift, it is not drift).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher

from ..document import block_number
from . import scores


@dataclass
class SentenceDrift:
    """A sentence (or run of sentences) whose new text differs from the golden's."""

    part: str  # translation | summary | roundtrip
    block: int | None  # 1-based block of the golden translation; None for the summary
    golden: str
    new: str
    chrf: float


@dataclass
class CheckChange:
    block: int | None  # 1-based block; None: the summary check
    kind: str  # the block's kind, or "summary"
    was_passing: bool
    now_passing: bool
    problems: list[str] = field(default_factory=list)  # the new run's problems, when it fails now

    @property
    def newly_failing(self) -> bool:
        return self.was_passing and not self.now_passing

    def describe(self) -> str:
        where = "summary check" if self.block is None else f"block {self.block} ({self.kind})"
        if not self.newly_failing:
            return f"{where} passes now (failed in the golden)"
        detail = "; ".join(self.problems[:3]) + (f"; and {len(self.problems) - 3} more" if len(self.problems) > 3 else "")
        return f"{where} newly failing: {detail}" if detail else f"{where} newly failing"


@dataclass
class LostNumber:
    """A number of the source that the golden translation of a block had and the new one has not."""

    block: int
    number: str  # as the golden translation writes it
    golden_sentence: str

    def describe(self) -> str:
        return f"block {self.block}: {self.number} is no longer in the translation (golden: {self.golden_sentence!r})"


@dataclass
class SignatureChange:
    field: str  # dotted path: translation.beams, versions.transformers...
    golden: object
    new: object

    def describe(self) -> str:
        return f"{self.field}: {show_value(self.golden)} → {show_value(self.new)}"


@dataclass
class ArticleResult:
    article: str
    translation_chrf: float
    translation_bleu: float
    summary_chrf: float
    summary_bleu: float
    min_chrf: float
    min_bleu: float | None = None
    drifted: list[SentenceDrift] = field(default_factory=list)  # worst (lowest chrF) first
    figures_lost: list[str] = field(default_factory=list)
    figures_added: list[str] = field(default_factory=list)
    check_changes: list[CheckChange] = field(default_factory=list)
    numbers_lost: list[LostNumber] = field(default_factory=list)
    signature_changes: list[SignatureChange] = field(default_factory=list)
    blocks_golden: int = 0
    blocks_new: int = 0
    seconds: float = 0.0  # this article's share of the rerun
    # The document written back in its own format, read back (only when its golden has that text).
    roundtrip_chrf: float | None = None
    roundtrip_blocks: tuple[int, int] | None = None  # (golden, new)

    @property
    def structure_changed(self) -> bool:
        return self.blocks_golden != self.blocks_new or any(
            d.part == "translation" and d.block is None for d in self.drifted
        )

    @property
    def newly_failing(self) -> list[CheckChange]:
        return [c for c in self.check_changes if c.newly_failing]

    @property
    def failures(self) -> list[str]:
        """Why this article drifted, one line each; empty when it is within thresholds."""
        out = []
        if self.translation_chrf < self.min_chrf:
            out.append(f"translation chrF {self.translation_chrf:.1f} < {self.min_chrf:g}")
        if self.summary_chrf < self.min_chrf:
            out.append(f"summary chrF {self.summary_chrf:.1f} < {self.min_chrf:g}")
        if self.min_bleu is not None:
            if self.translation_bleu < self.min_bleu:
                out.append(f"translation BLEU {self.translation_bleu:.1f} < {self.min_bleu:g}")
            if self.summary_bleu < self.min_bleu:
                out.append(f"summary BLEU {self.summary_bleu:.1f} < {self.min_bleu:g}")
        if self.structure_changed:
            out.append(
                f"the article's blocks no longer line up with the golden's ({self.blocks_golden} blocks then, "
                f"{self.blocks_new} now): ingestion or segmentation changed"
            )
        if self.roundtrip_chrf is not None and self.roundtrip_chrf < self.min_chrf:
            out.append(f"round-trip text chrF {self.roundtrip_chrf:.1f} < {self.min_chrf:g}")
        if self.roundtrip_blocks is not None and self.roundtrip_blocks[0] != self.roundtrip_blocks[1]:
            out.append(
                f"the round-trip document's blocks no longer line up with the golden's ({self.roundtrip_blocks[0]} "
                f"blocks then, {self.roundtrip_blocks[1]} now)"
            )
        out += [c.describe() for c in self.newly_failing]
        out += [f"number lost: {n.describe()}" for n in self.numbers_lost]
        out += [f"key figure lost: {f}" for f in self.figures_lost]
        return out

    @property
    def number_problems(self) -> int:
        return len(self.newly_failing) + len(self.numbers_lost)

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict:
        data = self._to_dict()
        if self.roundtrip_chrf is not None:  # absent for goldens without round-trip text: JSON as before
            data["scores"]["roundtrip"] = {"chrf": round(self.roundtrip_chrf, 2)}
            data["blocks"]["roundtrip"] = {"golden": self.roundtrip_blocks[0], "new": self.roundtrip_blocks[1]}
        return data

    def _to_dict(self) -> dict:
        return {
            "article": self.article,
            "passed": self.passed,
            "failures": self.failures,
            "scores": {
                "translation": {"chrf": round(self.translation_chrf, 2), "bleu": round(self.translation_bleu, 2)},
                "summary": {"chrf": round(self.summary_chrf, 2), "bleu": round(self.summary_bleu, 2)},
            },
            "drifted_sentences": [{**asdict(d), "chrf": round(d.chrf, 2)} for d in self.drifted],
            "key_figures": {"lost": self.figures_lost, "added": self.figures_added},
            "check_changes": [{**asdict(c), "newly_failing": c.newly_failing} for c in self.check_changes],
            "numbers_lost": [asdict(n) for n in self.numbers_lost],
            "signature_changes": [asdict(s) for s in self.signature_changes],
            "blocks": {"golden": self.blocks_golden, "new": self.blocks_new},
            "seconds": round(self.seconds, 3),
        }


def compare_article(golden: dict, new: dict, *, min_chrf: float = 95.0, min_bleu: float | None = None) -> ArticleResult:
    """Compare a rerun (`golden_data` of the new brief) with the article's golden."""
    gb = golden.get("translation", {}).get("blocks", [])
    nb = new.get("translation", {}).get("blocks", [])
    seg_golden: list[str] = []
    seg_new: list[str] = []
    drifted: list[SentenceDrift] = []
    check_changes: list[CheckChange] = []
    numbers_lost: list[LostNumber] = []
    matcher = SequenceMatcher(a=[b.get("source", "") for b in gb], b=[b.get("source", "") for b in nb], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            # Blocks that no longer line up: their text is compared as one run (block None marks it).
            g = " ".join(b.get("translation", "") for b in gb[i1:i2])
            n = " ".join(b.get("translation", "") for b in nb[j1:j2])
            seg_golden.append(g)
            seg_new.append(n)
            drifted.append(SentenceDrift("translation", None, g, n, scores.sentence_chrf(n, g)))
            continue
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            g_block, n_block = gb[i], nb[j]
            g, n = g_block.get("translation", ""), n_block.get("translation", "")
            number = block_number(i)  # of the golden's block
            seg_golden.append(g)
            seg_new.append(n)
            if g != n:
                drifted += _sentence_drift("translation", number, g, n)
                numbers_lost += [
                    LostNumber(number, text, sentence) for text, sentence in lost_numbers(g_block.get("source", ""), g, n)
                ]
            change = _check_change(number, g_block.get("kind", "block"), g_block.get("check"), n_block.get("check"))
            if change:
                check_changes.append(change)
    g_summary, n_summary = golden.get("summary", "") or "", new.get("summary", "") or ""
    if g_summary != n_summary:
        drifted += _sentence_drift("summary", None, g_summary, n_summary)
    change = _check_change(None, "summary", golden.get("summary_check"), new.get("summary_check"))
    if change:
        check_changes.append(change)
    roundtrip_chrf = roundtrip_blocks = None
    if isinstance(golden.get("roundtrip"), dict) and isinstance(new.get("roundtrip"), dict):
        from .roundtrip import compare_roundtrip

        roundtrip_chrf, changed, *counts = compare_roundtrip(golden["roundtrip"], new["roundtrip"])
        roundtrip_blocks = tuple(counts)
        drifted += [SentenceDrift("roundtrip", block, g, n, chrf) for block, g, n, chrf in changed]
    drifted.sort(key=lambda d: d.chrf)
    lost, added = _figure_changes(golden.get("key_figures", []), new.get("key_figures", []))
    return ArticleResult(
        article=str(new.get("article") or golden.get("article")),
        translation_chrf=scores.corpus_chrf(seg_new, seg_golden),
        translation_bleu=scores.corpus_bleu(seg_new, seg_golden),
        summary_chrf=scores.sentence_chrf(n_summary, g_summary),
        summary_bleu=scores.sentence_bleu(n_summary, g_summary),
        min_chrf=min_chrf,
        min_bleu=min_bleu,
        drifted=drifted,
        figures_lost=lost,
        figures_added=added,
        check_changes=check_changes,
        numbers_lost=numbers_lost,
        signature_changes=signature_changes(golden.get("signature") or {}, new.get("signature") or {}),
        blocks_golden=len(gb),
        blocks_new=len(nb),
        roundtrip_chrf=roundtrip_chrf,
        roundtrip_blocks=roundtrip_blocks,
    )


def _sentence_drift(part: str, block: int | None, golden: str, new: str) -> list[SentenceDrift]:
    pairs = scores.changed_pairs(scores.english_sentences(golden), scores.english_sentences(new))
    if not pairs:  # only whitespace moved: still show where
        pairs = [(golden, new)]
    return [SentenceDrift(part, block, g, n, scores.sentence_chrf(n, g)) for g, n in pairs]


def _passed(check) -> bool | None:
    if not isinstance(check, dict):
        return None
    if "passed" in check:
        return bool(check["passed"])
    return not check.get("problems")


def _check_change(block: int | None, kind: str, golden_check, new_check) -> CheckChange | None:
    was, now = _passed(golden_check), _passed(new_check)
    if was is None or now is None or was == now:
        return None
    problems = [str(p.get("message", p)) if isinstance(p, dict) else str(p) for p in (new_check.get("problems") or [])]
    return CheckChange(block, kind, was, now, problems if not now else [])


def lost_numbers(source: str, golden: str, new: str) -> list[tuple[str, str]]:
    """(number as the golden writes it, its golden sentence) for each number of `source` that the golden
    translation has and the new one lacks. Spelled-out small numbers are left out, as the checker does."""
    from ..checking.numbers import extract_english, extract_german

    source_keys = set().union(*(n.keys for n in extract_german(source))) if source else set()
    unused = list(extract_english(new))
    lost = []
    for number in extract_english(golden):
        match = next((m for m in unused if m.keys & number.keys), None)
        if match is not None:
            unused.remove(match)
        elif not number.soft and number.keys & source_keys:
            lost.append((number.text, _sentence_around(golden, number.start)))
    return lost


def _sentence_around(text: str, offset: int) -> str:
    pos = 0
    for sentence in scores.english_sentences(text):
        start = text.find(sentence, pos)
        if start < 0:
            continue
        if start <= offset < start + len(sentence):
            return sentence
        pos = start + len(sentence)
    return " ".join(text.split())


def _figure_changes(golden: list, new: list) -> tuple[list[str], list[str]]:
    def names(figures) -> list[str]:
        return [str(f.get("english") or f.get("source")) if isinstance(f, dict) else str(f) for f in figures]

    g, n = names(golden), names(new)
    return [x for x in g if x not in n], [x for x in n if x not in g]


def flatten(data, prefix: str = "") -> dict[str, object]:
    if isinstance(data, dict) and data:
        out: dict[str, object] = {}
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: data}


def signature_changes(golden: dict, new: dict) -> list[SignatureChange]:
    g, n = flatten(golden), flatten(new)
    return [SignatureChange(k, g.get(k), n.get(k)) for k in sorted(set(g) | set(n)) if g.get(k) != n.get(k)]


def show_value(value) -> str:
    if value is None:
        return "(none)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
