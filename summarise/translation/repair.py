"""The repair loop: blocks whose check fails are retranslated with other strategies until they pass.

Strategies, in order (each one only where it can change something):

- ``terms``      a glossary term the translation lacks (the model lost its placeholder): the sentence
                 is retranslated with the English term written into the German in its place (a kept
                 term stays masked) and a wider search
- ``sentences``  a unit holding several sentences is translated sentence by sentence
- ``beams``      more beams (a wider search often keeps what greedy-ish search dropped)
- ``no-repeat``  repeated n-grams forbidden (for repetition loops)
- ``masked``     the German numbers are replaced by placeholders (NUM0, NUM1, ...) the model copies
                 through; their English forms are put back afterwards
- ``masked-names`` the same for the names the name check reports missing or altered, with the
                 glossary's placeholders (``protect``: ZXT0, ZXT1, ... with a tag absent from the
                 sentence): restored as the name's English form (Mailand → Milan, Herr Bauer → Bauer);
                 a lost, invented or left-over placeholder rejects the retry
- ``biased``     a logits bias towards the tokens of the missing numbers. Backends without logits
                 access (CTranslate2) hand just the failing sentence to a transformers backend for the
                 same model; the record then reads ``biased (transformers fallback)`` and a note says
                 which sentence
- ``clauses``    the sentence translated clause by clause (omissions in long sentences)

Only the sentences that fail their own check are retranslated (all of the block's sentences when
none fails alone). After each strategy the block is checked again: it passes → the strategy is
recorded in ``repair``; it still fails → sentence translations that now pass on their own are kept
(the record then reads e.g. ``beams+masked``) and the next strategy runs. All retries of one
strategy across all failing blocks go to the model as one batched call, through the cache.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..checking.report import CheckReport
from ..language.sentences import clause_pieces, split_sentences
from ..models.backends.base import GenerationSettings
from ..progress import announce
from .protect import protect, restore
from .work import BlockWork, Engine, Unit

log = logging.getLogger(__name__)

STRATEGIES = ("terms", "sentences", "beams", "no-repeat", "masked", "biased", "clauses", "masked-names")
NUMBER_PROBLEMS = {"missing", "altered"}

PLACEHOLDER = "NUM{}"
# Models may space or recase a placeholder ("NUM 0", "Num0"); all of those count as a copy.
_PLACEHOLDER_RE = re.compile(r"\bNUM\s?(\d+)\b", re.IGNORECASE)
_PERSON_EVIDENCE = frozenset({"title", "first-name", "known", "lexicon", "repeated"})


@dataclass(eq=False)
class Retry:
    """What one strategy sends to the model for one unit, and how its outputs become a translation."""

    unit: Unit
    texts: list[str]
    settings: GenerationSettings
    finish: Callable[[list[str]], str | None]  # None: the strategy failed for this unit
    boosts: list[tuple[str, ...] | None] | None = None
    sub_units: list[Unit] | None = None  # `sentences`: the unit becomes these units when adopted


# --- numbers -------------------------------------------------------------------------------------


def german_numbers(text: str) -> list:
    """Numbers in German text, in order, without overlaps (empty when the extractor is unavailable)."""
    try:
        from ..checking.numbers import extract_german
    except ImportError:  # pragma: no cover - the checker ships with the package
        return []
    out, end = [], -1
    for n in sorted(extract_german(text), key=lambda n: n.start):
        if n.start >= end:
            out.append(n)
            end = n.end
    return out


def _english(number) -> str:
    return getattr(number, "english", None) or number.text


def mask_numbers(text: str, numbers: list) -> str:
    """`text` with each number span replaced by its placeholder (NUM0 for numbers[0], ...)."""
    for i in range(len(numbers) - 1, -1, -1):
        n = numbers[i]
        text = text[: n.start] + PLACEHOLDER.format(i) + text[n.end :]
    return text


def unmask_numbers(translation: str, numbers: list) -> str | None:
    """Put the English forms back; None when a placeholder was lost or invented by the model."""
    found = [int(m.group(1)) for m in _PLACEHOLDER_RE.finditer(translation)]
    if sorted(set(found)) != list(range(len(numbers))):
        return None
    return _PLACEHOLDER_RE.sub(lambda m: _english(numbers[int(m.group(1))]), translation)


def numbers_in_problems(numbers: list, report: CheckReport) -> list:
    """The source numbers a report says are missing or altered."""
    wanted = []
    for p in report.problems:
        if p.kind not in NUMBER_PROBLEMS:
            continue
        for n in numbers:
            same_text = p.source and (p.source == n.text or n.text in p.source or p.source in n.text)
            if (same_text or (p.value is not None and p.value == n.value)) and n not in wanted:
                wanted.append(n)
    return wanted


def _has(report: CheckReport, kinds: set[str]) -> bool:
    return any(p.kind in kinds for p in report.problems)


# --- strategies: each returns a Retry for one unit, or None where it cannot help ------------------


def _join(outputs: list[str]) -> str:
    return " ".join(o for o in outputs if o)


def _sentences(tr: Engine, unit: Unit, report: CheckReport) -> Retry | None:
    sentences = split_sentences(unit.source)
    if len(sentences) < 2:
        return None
    subs = [Unit(s, tr.fit(s)) for s in sentences]
    return Retry(unit, [p for s in subs for p in s.pieces], tr.settings, _join, sub_units=subs)


def _beams(tr: Engine, unit: Unit, report: CheckReport) -> Retry | None:
    return Retry(unit, list(unit.pieces), tr.settings.but(beams=max(2 * tr.settings.beams, 8)), _join)


def _no_repeat(tr: Engine, unit: Unit, report: CheckReport) -> Retry | None:
    if not _has(report, {"repetition"}):
        return None
    return Retry(unit, list(unit.pieces), tr.settings.but(no_repeat_ngram_size=3), _join)


def _masked(tr: Engine, unit: Unit, report: CheckReport) -> Retry | None:
    # Digit numbers, and any number the check complains about; spelled-out small counts ("drei")
    # rarely go wrong and read better translated in context.
    numbers = german_numbers(unit.source)
    named = numbers_in_problems(numbers, report)
    numbers = [n for n in numbers if not getattr(n, "soft", False) or n in named]
    if not numbers:
        return None
    return Retry(unit, tr.fit(mask_numbers(unit.source, numbers)), tr.settings, lambda o: unmask_numbers(_join(o), numbers))


def names_in_problems(source: str, report: CheckReport) -> list[tuple[int, int, str]]:
    """(start, end, English form) of the source names a report says are missing or altered, in order,
    without overlaps. Spans are the report's when they cut the name out of `source`, else found by text."""
    from ..checking.names import find_german, lexicon

    wanted = [p for p in report.problems if p.kind == "name" and p.source]
    if not wanted:
        return []
    found = {(n.start, n.end): n for n in find_german(source, lexicon())}
    out = []
    for p in wanted:
        start, end = p.source_start, p.source_end
        if start is None or source[start:end] != p.source:
            start = source.find(p.source)
            end = start + len(p.source)
        if start < 0:
            continue
        name = found.get((start, end))
        english = p.source
        if name is not None:
            person = name.evidence in _PERSON_EVIDENCE and not name.text.endswith("s")
            english = name.text if person else name.english[0]
        out.append((start, end, english))
    out.sort()
    return [span for i, span in enumerate(out) if i == 0 or span[0] >= out[i - 1][1]]


def _masked_names(tr: Engine, unit: Unit, report: CheckReport) -> Retry | None:
    spans = names_in_problems(unit.source, report)
    plan = protect(unit.source, spans)
    if not plan.masked:  # no name to mask (or every placeholder tag occurs in the sentence)
        return None
    return Retry(unit, tr.fit(plan.text), tr.settings, lambda o: restore(_join(o), plan))


def _biased(tr: Engine, unit: Unit, report: CheckReport) -> Retry | None:
    if not tr.backend.can_bias():
        return None
    numbers = german_numbers(unit.source)
    wanted = numbers_in_problems(numbers, report) or numbers
    if not wanted:
        return None
    if len(unit.pieces) == 1:
        boosts = [tuple(_english(n) for n in wanted)]
    else:  # a long sentence: each piece is pulled only towards its own numbers
        boosts = [tuple(_english(n) for n in wanted if n.text in piece) or None for piece in unit.pieces]
    return Retry(unit, list(unit.pieces), tr.settings, _join, boosts=boosts)


def _terms(tr: Engine, unit: Unit, report: CheckReport) -> Retry | None:
    glossary = getattr(tr, "glossary", None)
    if glossary is None or not _has(report, {"term"}):
        return None
    from ..checking.terms import missed_terms
    from ..checking.terms.matching import replacement

    missed = missed_terms(unit.source, unit.translation, glossary)
    if not missed:
        return None
    text = unit.source
    for o in reversed(missed):
        text = text[: o.start] + replacement(glossary.entries[o.entry], o.text) + text[o.end :]
    return Retry(unit, tr.fit(text), tr.settings.but(beams=max(2 * tr.settings.beams, 8)), _join)


def _clauses(tr: Engine, unit: Unit, report: CheckReport) -> Retry | None:
    clauses = clause_pieces(unit.source)
    if len(clauses) < 2:
        return None
    return Retry(unit, [p for c in clauses for p in tr.fit(c)], tr.settings, _join)


_STRATEGY = {
    "terms": _terms,
    "sentences": _sentences,
    "beams": _beams,
    "no-repeat": _no_repeat,
    "masked": _masked,
    "masked-names": _masked_names,
    "biased": _biased,
    "clauses": _clauses,
}


# --- the loop ------------------------------------------------------------------------------------


@dataclass(eq=False)
class _State:
    work: BlockWork
    original: tuple  # (units, translations, report) to fall back on
    used: list[str]
    tried: list[str]


def _targets(tr: Engine, work: BlockWork) -> list[tuple[Unit, CheckReport, bool]]:
    """The units to retranslate, with the report to act on and whether the unit fails its own check:
    the units failing their own check, or all units when none fails alone."""
    checked = [(u, tr.check(u.source, u.translation)) for u in work.units]
    failing = [(u, r, True) for u, r in checked if not r.passed]
    if failing:
        return failing
    # The block fails as a whole (e.g. an omission across sentences): its problems apply to every unit.
    return [(u, work.report, False) for u in work.units]


def _adopt(work: BlockWork, retry: Retry, outputs: list[str], translation: str) -> None:
    if retry.sub_units is None:
        retry.unit.translation = translation
        return
    it = iter(outputs)
    for sub in retry.sub_units:
        sub.translation = _join([next(it) for _ in sub.pieces])
    i = work.units.index(retry.unit)
    work.units[i : i + 1] = retry.sub_units


def repair_blocks(tr: Engine, works: list[BlockWork], progress=None) -> None:
    """Run the strategies over the failing blocks (BlockWork) in place; record what fixed each one.

    `progress` (the engine's progress callback) counts the retries' model inputs; each strategy's
    are announced to it (`queued`) before they run, so a bar's total grows with the repairs."""
    states = [_State(w, (list(w.units), [u.translation for u in w.units], w.report), [], []) for w in works]
    for name in STRATEGIES:
        pending = [s for s in states if not s.work.report.passed]
        if not pending:
            break
        plans: list[tuple[_State, list[tuple[Retry, bool]]]] = []
        for s in pending:
            targets = _targets(tr, s.work)
            retries = [(r, alone) for u, rep, alone in targets if (r := _STRATEGY[name](tr, u, rep))]
            if retries:
                plans.append((s, retries))
        if not plans:
            continue
        outputs = _run_retries(tr, [r for _, rs in plans for r, _ in rs], progress)
        label = _label(tr, name)
        for s, retries in plans:
            s.tried.append(label)
            _evaluate(tr, s, label, [(r, alone, outputs[r]) for r, alone in retries])
    for s in states:
        _finish(tr, s)


def _label(tr: Engine, name: str) -> str:
    """The strategy's name as recorded: says when it ran on another backend than the document's."""
    if name == "biased" and not tr.backend.supports_bias:
        return f"biased ({tr.backend.bias_fallback} fallback)"
    return name


def _fallback_note(tr: Engine, work: BlockWork, adopted: list[Retry], label: str) -> None:
    if label == "biased" or label != _label(tr, "biased"):  # ran on the document's own backend
        return
    indices = [str(work.units.index(r.unit) + 1) for r in adopted if r.unit in work.units]
    if not indices:
        return
    which = f"sentence {indices[0]} was" if len(indices) == 1 else f"sentences {', '.join(indices)} were"
    work.notes.append(
        f"{which} retranslated on the {tr.backend.bias_fallback} backend: biased repair needs "
        f"the model's logits, which the {tr.backend.name} backend does not expose"
    )


def _run_retries(tr: Engine, retries: list[Retry], progress=None) -> dict[Retry, list[str]]:
    """All retries of a strategy in as few model calls as possible (grouped by settings)."""
    announce(progress, sum(len(r.texts) for r in retries))
    groups: dict[str, list[Retry]] = {}
    for r in retries:
        groups.setdefault(r.settings.key(), []).append(r)
    out: dict[Retry, list[str]] = {}
    for group in groups.values():
        texts = [t for r in group for t in r.texts]
        boosts = [b for r in group for b in (r.boosts or [None] * len(r.texts))]
        it = iter(tr.run(texts, group[0].settings, boosts=boosts if any(boosts) else None, progress=progress))
        for r in group:
            out[r] = [next(it) for _ in r.texts]
    return out


def _evaluate(tr: Engine, s: _State, name: str, results: list[tuple[Retry, bool, list[str]]]) -> None:
    work = s.work
    new = {}
    for retry, _, outputs in results:
        translation = retry.finish(outputs)
        if translation is not None:
            new[retry] = (outputs, translation)
    if not new:
        return
    by_unit = {r.unit: t for r, (_, t) in new.items()}
    candidate = " ".join(t for t in (by_unit.get(u, u.translation) for u in work.units) if t)
    report = tr.check(work.source, candidate, block=work.number)
    if report.passed:
        _fallback_note(tr, work, list(new), name)
        for retry, (outputs, translation) in new.items():
            _adopt(work, retry, outputs, translation)
        work.report = report
        work.repair = "+".join([*s.used, name])
        return
    # Not fixed yet: keep the sentences this strategy fixed on their own, and go on from there.
    adopted = []
    for retry, failed_alone, _ in results:
        if retry not in new or not failed_alone:
            continue
        outputs, translation = new[retry]
        if tr.check(retry.unit.source, translation).passed:
            adopted.append(retry)
    _fallback_note(tr, work, adopted, name)
    for retry in adopted:
        _adopt(work, retry, *new[retry])
    if adopted:
        s.used.append(name)
        work.report = tr.check(work.source, work.translation, block=work.number)
        if work.report.passed:
            work.repair = "+".join(s.used)


def _finish(tr: Engine, s: _State) -> None:
    work = s.work
    if work.report.passed:
        if work.repair:
            log.info("block %d repaired by %s", work.number, work.repair)
        return
    units, translations, report = s.original
    if len(work.report.problems) > len(report.problems):
        # The kept sentence fixes made the block worse as a whole: the first translation stands.
        for u, t in zip(units, translations, strict=True):
            u.translation = t
        work.units[:] = units
        work.report = report
    if s.tried:
        work.notes.append(f"the check still fails after the repair strategies {', '.join(s.tried)}")
