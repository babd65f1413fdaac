"""The English brief: headline, model summary with its numbers verified, key figures, checks.

Only the summary comes from a summarisation model. The headline is the translated title; the key
figures come from the checker's number extraction on the German source and the verified
translation, never from the model. A summary sentence with a number the article does not support
is regenerated with other decoding settings, or removed; the brief's notes say which.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from .. import __version__
from ..checking.report import CheckReport
from ..document import Document
from ..language import chunking
from ..language.english import plural
from ..models.backends.base import GenerationSettings
from ..signature import Signature
from .results import Brief, KeyFigure

log = logging.getLogger(__name__)

MAX_SUMMARY_SENTENCES = 5
NOT_FIGURES = frozenset({"month", "code", "vague"})  # checker kinds that are not key figures ("Tausende")
LEAD_SENTENCES = 3  # extractive fallback when no model sentence survives the number guard


def make_brief(doc: Document, translator, summariser) -> Brief:
    return make_briefs([doc], translator, summariser)[0]


def make_briefs(docs: list[Document], translator, summariser, progress=None) -> list[Brief]:
    """Briefs of several articles: translation batched across them, then summaries batched likewise."""
    return list(iter_briefs(docs, translator, summariser, progress))


def iter_briefs(docs: list[Document], translator, summariser, progress=None) -> Iterator[Brief]:
    """`make_briefs`, one Brief at a time, in order. The summaries are generated together (one batched
    run over all the articles' chunks); each article's number guard (its regenerations), key figures and
    checks then run on their own, and its Brief is yielded as soon as they are done."""
    translations = translator.translate_documents(docs, progress=progress)
    results = summariser.summarise_many([summary_input(t) for t in translations])
    for doc, translation, result in zip(docs, translations, results, strict=True):
        notes = chunking_notes(result, summariser)
        source = summary_source(translation)
        english = summary_input(translation)
        summary, guard_notes = guard_summary(result, source, summariser, english)
        summary, trim_notes = limit_sentences(summary)
        if not summary:
            summary = lead_summary(translation, source)
            guard_notes.append(_fallback_note(result.text, summary))
        yield Brief(
            headline=headline(translation),
            summary=summary,
            key_figures=key_figures(translation),
            translation=translation,
            summary_check=_check_summary(source, summary, english),
            notes=notes + guard_notes + trim_notes,
            signature=_signature(translator, summariser, translation),
            source=doc.source,
        )


# --- summary --------------------------------------------------------------------------------


def _body(translation) -> list:
    blocks = [b for b in translation.blocks if b.kind == "paragraph" and b.translation.strip()]
    return blocks or [b for b in translation.blocks if b.translation.strip()]


def summary_input(translation) -> str:
    """The translated article body the summariser reads (paragraphs; the title becomes the headline)."""
    return "\n\n".join(b.translation.strip() for b in _body(translation))


def summary_source(translation) -> str:
    """What the summary's numbers are checked against: the German article.

    The German is the authority: a number the translation got wrong must not be 'supported' by it.
    """
    return "\n\n".join(b.source for b in translation.blocks)


def _check_summary(source: str, summary: str, english: str | None = None) -> CheckReport:
    """The summary's numbers against the German article; `english`, the translation, decides whom each
    figure belongs to (English words compared with English words)."""
    from ..checking.checks import check_summary

    return check_summary(source, summary, translation=english)


def retry_settings(settings: GenerationSettings) -> list[tuple[str, GenerationSettings]]:
    """Other decoding settings for a summary that stated an unsupported number (tried in order)."""
    return [
        ("more beams, no repeated trigrams", settings.but(beams=max(2 * settings.beams, 4), no_repeat_ngram_size=3)),
        ("greedy decoding with a repetition penalty", settings.but(beams=1, repetition_penalty=1.3)),
    ]


def guard_summary(result, source: str, summariser, english: str | None = None) -> tuple[str, list[str]]:
    """The summary with no sentence stating a number the source does not support, and notes on what changed.

    The offending numbers are never repeated in the notes: they must not reach the brief at all.
    """
    bad = _unsupported_sentences(result.text, source, english)
    if not bad:
        return result.text, []
    count = plural(len(bad), "sentence")
    for label, settings in retry_settings(summariser.settings):
        candidate = summariser.regenerate(result, settings)
        if candidate.strip() and not _unsupported_sentences(candidate, source, english):
            return candidate, [
                f"the summary was regenerated ({label}): the first attempt had {count} with a number "
                "the article does not support"
            ]
    sentences = chunking.split_sentences(result.text)
    kept = " ".join(s for i, s in enumerate(sentences) if i not in bad)
    positions = ", ".join(str(i + 1) for i in sorted(bad))
    return kept, [
        f"removed summary {count} ({positions}) with a number the article does not support; "
        f"regenerating with {len(retry_settings(summariser.settings))} other decoding settings did not fix it"
    ]


def _unsupported_sentences(summary: str, source: str, english: str | None = None) -> set[int]:
    return {
        i
        for i, sentence in enumerate(chunking.split_sentences(summary))
        if not _check_summary(source, sentence, english).passed
    }


def limit_sentences(summary: str) -> tuple[str, list[str]]:
    sentences = chunking.split_sentences(summary)
    if len(sentences) <= MAX_SUMMARY_SENTENCES:
        return " ".join(sentences), []
    return " ".join(sentences[:MAX_SUMMARY_SENTENCES]), [
        f"the summariser wrote {len(sentences)} sentences; the brief keeps the first {MAX_SUMMARY_SENTENCES}"
    ]


def lead_summary(translation, source: str) -> str:
    """The first translated sentences whose numbers the article supports (extractive fallback)."""
    picked: list[str] = []
    for block in _body(translation):
        for sentence in chunking.split_sentences(block.translation):
            if _check_summary(source, sentence).passed:
                picked.append(sentence)
            if len(picked) == LEAD_SENTENCES:
                return " ".join(picked)
    return " ".join(picked)


def _fallback_note(model_summary: str, lead: str) -> str:
    if not lead:
        return "the article has no body text to summarise"
    why = "no model summary sentence was left" if model_summary.strip() else "the summariser wrote nothing"
    return f"{why}: the summary is the article's first {len(chunking.split_sentences(lead))} translated sentences"


def chunking_notes(result, summariser) -> list[str]:
    if result.chunks <= 1:
        return []
    return [
        f"the article ({result.input_tokens} tokens) is longer than the summariser's window "
        f"({summariser.max_input_tokens} tokens): it was summarised in {result.chunks} parts and the part "
        f"summaries condensed ({result.levels} rounds, {result.calls} model calls); nothing was cut off"
    ]


# --- headline and key figures --------------------------------------------------------------


def headline(translation) -> str:
    for kind in ("title", "heading"):
        for block in translation.blocks:
            if block.kind == kind and block.translation.strip():
                return " ".join(block.translation.split())
    for block in _body(translation):
        sentences = chunking.split_sentences(block.translation)
        if sentences:
            return sentences[0]
    return ""


def key_figures(translation) -> list[KeyFigure]:
    """Every distinct number of the article, in article order, with the English sentence it is in.

    A number repeated in the article is listed once. Its context is the first occurrence found in
    the translation, from the body rather than the title when both have it (a body sentence says more).
    Words the checker tracks that are not figures are left out: month names without a day ("im
    Januar"), names containing digits (G20) and ordinal words ("ersten").
    """
    from ..checking.numbers import extract_english, extract_german

    found: list[tuple[tuple[bool, bool], KeyFigure]] = []  # ((verified, in the body), figure)
    for block in translation.blocks:
        english_text = " ".join(block.translation.split())
        spans = _sentence_spans(english_text)
        english_numbers = extract_english(english_text)
        used: set[int] = set()
        source_len = max(len(block.source), 1)
        for number in extract_german(block.source):
            if not is_figure(number):
                continue
            match = _match(number, english_numbers, used)
            if match is not None:
                used.add(match)
                context = _sentence_at(spans, english_numbers[match].start)
            else:
                # Not in the translation (the checks report that): the sentence at the same relative place.
                context = _sentence_at_fraction(spans, number.start / source_len)
            figure = KeyFigure(
                source=number.text,
                english=number.english,
                value=number.value,
                context=context,
                kind=number.kind,
                verified=match is not None,
            )
            found.append(((figure.verified, block.kind == "paragraph"), figure))
    chosen: dict[str, tuple[tuple[bool, bool], KeyFigure]] = {}
    for rank, figure in found:
        current = chosen.get(figure.english)
        # Replacing a dict entry keeps its position: the list stays in order of first mention.
        if current is None or rank > current[0]:
            chosen[figure.english] = (rank, figure)
    return [figure for _, figure in chosen.values()]


def is_figure(number) -> bool:
    if number.kind in NOT_FIGURES:
        return False
    return not (getattr(number, "soft", False) and number.kind == "ordinal")


def _match(number, english_numbers: list, used: set[int]) -> int | None:
    """Index of the first unused English number that is the same number, preferring the same kind."""
    same = [i for i, e in enumerate(english_numbers) if i not in used and _same_number(number, e)]
    for i in same:
        if english_numbers[i].kind == number.kind:
            return i
    return same[0] if same else None


def _same_number(a, b) -> bool:
    # The checker's comparison keys know that "26. Februar" is "February 26" and 2,5 Mrd. is 2.5e9.
    keys_a, keys_b = getattr(a, "keys", None), getattr(b, "keys", None)
    if keys_a is not None and keys_b is not None:
        return bool(keys_a & keys_b)
    try:
        return abs(float(a.value) - float(b.value)) <= 1e-9 * max(1.0, abs(float(b.value)))
    except (TypeError, ValueError):
        return a.value == b.value


def _sentence_spans(text: str) -> list[tuple[int, int, str]]:
    spans, pos = [], 0
    for sentence in chunking.sentences(text):
        start = text.find(sentence, pos)
        if start < 0:
            start = pos
        end = start + len(sentence)
        spans.append((start, end, sentence))
        pos = end
    return spans


def _sentence_at(spans: list[tuple[int, int, str]], offset: int) -> str:
    for start, end, sentence in spans:
        if start <= offset < end:
            return sentence
    return spans[-1][2] if spans else ""


def _sentence_at_fraction(spans: list[tuple[int, int, str]], fraction: float) -> str:
    if not spans:
        return ""
    return spans[min(int(fraction * len(spans)), len(spans) - 1)][2]


# --- helpers ---------------------------------------------------------------------------------


def _signature(translator, summariser, translation) -> Signature:
    translation_sig = getattr(translation, "signature", None) or {}
    if not translation_sig and callable(getattr(translator, "signature", None)):
        translation_sig = translator.signature()
    return Signature(translation=Signature(translation_sig), summary=Signature(summariser.signature()), version=__version__)
