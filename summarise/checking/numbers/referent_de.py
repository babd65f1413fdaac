"""Whom a figure belongs to in a German source, in English words: the referent rule without a translation.

`summarise check --mode summary SOURCE.de SUMMARY.en` has no English text of the source, so the words
around a German figure (found as `referent.referents` finds them in English: its sentence's content words
between the previous figure and this one, else the words after it) are mapped to English candidates through
a German→English content-word lexicon, and `moved_from_german` compares those with the summary's words by
the rule of `referent.moved`, a little stricter (German orders its words otherwise): the figure itself is
matched with its whole clause, only figures of its kind and unit are "another figure", and a figure whose
words the lexicon cannot read is not judged.

The lexicon (data/referent_de_en.tsv.gz) was built by tools/build_referent_lexicon.py from a hand-written
seed of the subjects news figures belong to (tools/data/referent_seed_de_en.tsv) and eflomal word
alignments (the shortlist's aligner) of WMT newstest 2014-2019 German sources and their human English
references; provenance in data/referent_de_en.PROVENANCE.md. Keys are German words folded (`fold`: lower
case, umlauts folded, inflection endings stripped), values the English candidates (stemmed as
`referent` stems); a key without candidates is a word WMT shows often that names nothing. A word the
lexicon lacks is read as a compound (its modifier, then its longest known head: "Maisertrag" → maize,
yield); a capitalised word that is neither is kept as written (names: Graz, Linz). Measured by
bench/referent_lexicon.py (README, checker section).
"""
from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

from .number import Number
from .referent import _HEAD_REACH, _stem, assemble, windows

DATA = Path(__file__).parent / "data" / "referent_de_en.tsv.gz"

_WORD = re.compile(r"[^\W\d_]{3,}")
_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
_ENDINGS = ("ern", "en", "er", "es", "em", "e", "n", "s")
# Linking elements between the parts of a compound (Arbeit-s-markt, Preis-e-rhöhung, Student-en-zahl).
_LINKS = ("s", "es", "n", "en", "e", "er")
# German words that never name what a figure counts: articles, pronouns, prepositions, auxiliaries, the
# words of a figure itself (Prozent, Millionen, Euro) and of its change or hedge (stieg, rund). The
# lexicon drops most of them already (their English is a function word); these are kept out whatever
# the alignment says.
_NOT_REFERENT = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder", "aber", "auch", "als", "wie", "mit", "von", "vom", "zum", "zur", "für", "fur", "auf", "aus", "bei", "bis", "nach", "seit", "über", "uber", "unter", "vor", "hinter", "neben", "zwischen", "durch", "gegen", "ohne", "um", "im", "am", "ins", "ans", "beim", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "worden", "sein", "hat", "haben", "hatte", "hatten", "habe", "kann", "können", "konnte", "soll", "sollen", "sollte", "muss", "müssen", "will", "wollen", "dass", "daß", "sich", "sie", "er", "es", "wir", "ihr", "ihre", "ihren", "ihrem", "ihrer", "sein", "seine", "seinen", "seinem", "seiner", "dies", "diese", "dieser", "dieses", "diesen", "jetzt", "noch", "schon", "nur", "mehr", "weniger", "rund", "etwa", "knapp", "fast", "gut", "über", "circa", "zirka", "ungefähr", "mindestens", "höchstens", "insgesamt", "prozent", "prozentpunkte", "prozentpunkten", "promille", "million", "millionen", "milliarde", "milliarden", "mio", "mrd", "tausend", "hundert", "euro", "dollar", "franken", "pfund", "jahr", "jahre", "jahren", "jahres", "monat", "monate", "monaten", "woche", "wochen", "tag", "tage", "tagen", "stunde", "stunden", "vorjahr", "vergleich", "zeitraum", "gegenüber", "damit", "dabei", "davon", "demnach", "laut", "zufolge", "stieg", "stiegen", "steigt", "gestiegen", "sank", "sanken", "sinkt", "gesunken", "fiel", "fielen", "fällt", "gefallen", "legte", "legten", "zulegte", "zugelegt", "wuchs", "gewachsen", "erhöhte", "erhöht", "verringerte", "verringert", "ging", "gingen", "zurück", "lag", "lagen", "liegt", "beträgt", "betrug", "betrugen", "erreichte", "erreicht", "bekommen", "bekommt", "erhielt", "erhalten", "kostet", "kosten", "kostete", "zählte", "zählt", "gab", "gibt", "gebe", "plus", "minus", "neue", "neuen", "neuer", "nun", "heute", "gestern", "bereits", "inzwischen"]
)


def fold(word: str) -> str:
    """A German word's lexicon key: lower case, umlauts folded, up to two inflection endings stripped
    while four letters stay (Preise, Preisen → preis; Löhne → lohn; Verletzten → verletzt)."""
    w = word.lower().translate(_UMLAUT)
    for _ in range(2):
        for ending in _ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 4:
                w = w[: -len(ending)]
                break
        else:
            break
    return w


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """German key → English candidates, best first (read once, on first use)."""
    out: dict[str, tuple[str, ...]] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            key, _, english = line.rstrip("\n").partition("\t")
            out[key] = tuple(english.split())
    return out


def _split(word: str, lex: dict[str, tuple[str, ...]], *, known_modifier: bool) -> tuple[str, ...]:
    """A compound's English: its modifier's words, then its longest known head's (at least four letters):
    Weizenertrag → wheat, yield. `known_modifier`: only when the modifier is in the lexicon too (else an
    unknown modifier is kept as written: a name or a cognate, "Gaza-", "Solar-")."""
    w = word.lower()
    for i in range(3, len(w) - 3):
        head = lex.get(fold(w[i:]))
        if not head:
            continue
        modifier = w[:i]
        for link in ("", *_LINKS):
            stem = modifier[: len(modifier) - len(link)]
            if (link and not modifier.endswith(link)) or len(stem) < 3:
                continue
            found = lex.get(fold(stem))
            if found:
                return found + head
        if not known_modifier and len(modifier) >= 4:
            return (_stem(modifier), *head)
    return ()


@cache
def english(word: str) -> tuple[str, ...]:
    """English candidates (stemmed) for one German word; () for a word that names nothing."""
    if word.lower() in _NOT_REFERENT:
        return ()
    lex = lexicon()
    if "-" in word:  # "US-Exporte", "Corona-Hilfen": the parts
        return tuple(dict.fromkeys(e for part in word.split("-") for e in english(part)))
    whole = lex.get(fold(word))
    if whole == ():  # a word WMT shows often and never as a content word
        return ()
    if whole is None:
        parts = _split(word, lex, known_modifier=False) if len(word) >= 8 and word[:1].isupper() else ()
        return parts or ((_stem(word),) if word[:1].isupper() else ())
    # The aligner links a compound with one English word ("Strompreis" → price): both parts known say the
    # rest. A compound known well enough keeps to its own words (Grundschule is no Grund).
    noun = word[:1].isupper()
    parts = _split(word, lex, known_modifier=True) if noun and len(word) >= 8 and len(whole) < 2 else ()
    return tuple(dict.fromkeys(whole + parts))


class Candidates(frozenset):
    """English candidate words of a German referent; `label` is the one a message shows, `clause` the
    candidates of the figure's whole clause."""

    label: str | None = None
    clause: frozenset = frozenset()
    head: frozenset = frozenset()  # the English of the noun it counts (`referent.Referent.head`)
    subject: frozenset = frozenset()  # the English of `referent.Referent.subject`
    own_head: bool = False  # its head stands after it (not shared from a coordinated figure)
    group: int = 0  # `referent.Referent.group`


def _candidates(words: list[str]) -> Candidates:
    found = [english(w) for w in words]
    out = Candidates(e for group in found for e in group)
    out.label = next((group[0] for group in found if group), None)
    return out


def _heads(word: str | None) -> frozenset:
    return frozenset(english(word)) if word else frozenset()


_WORDS = re.compile(r"[^\W\d_][\w-]*[^\W\d_]")
# Where a German clause ends: a sentence end, a comma, a dash, "und" / "oder" / "sowie" between two
# statements ("Die Löhne stiegen um 5 Prozent, die Mieten um 8 Prozent").
_CLAUSE = re.compile(r"[.;:!?](?:\s|$)|,\s|\s[–—-]\s|\s(?:und|oder|sowie|während|aber)\s|\n")


_PREPOSITION = re.compile(r"\s(?:in|im|auf|an|am|bei|mit|für|von|vom|aus|pro|je|unter|zu|zum|zur)\s", re.I)


def _words(text: str, start: int, end: int) -> list[str]:
    return [w for w in _WORDS.findall(text, start, end) if len(w) >= 3 and english(w)]


def _clause_start(text: str, lo: int, position: int) -> int:
    for m in _CLAUSE.finditer(text, lo, position):
        lo = m.end()
    return lo


def _clause_end(text: str, position: int, hi: int) -> int:
    m = _CLAUSE.search(text, position, hi)
    return m.start() if m else hi


# Words that may stand between a German figure and the noun it counts ("4,2 Millionen Passagiere").
_SCALE = frozenset(["million", "millionen", "milliarde", "milliarden", "mio", "mrd", "tausend", "hundert", "neue", "neuen", "neuer", "weitere", "weiteren", "mehr", "zusätzliche", "zusätzlichen"])


def _head(text: str, start: int, end: int, after: list[str]) -> str | None:
    """The German noun a figure counts: a capitalised content word right after it (scale words between)."""
    if not after:
        return None
    for i, m in enumerate(_WORDS.finditer(text, start, end)):
        word = m.group()
        if i >= _HEAD_REACH:
            return None
        if word.lower() in _SCALE:
            continue
        return word if word == after[0] and word[:1].isupper() else None
    return None


def referent_words(numbers: list[Number], text: str) -> dict[int, list[str]]:
    """id(number) → its German referent words (a `referent.Referent`, `head` its German head noun), in the
    windows `referent.referents` reads in English (the summary's words are read so): up to four words
    before it and three after it, the words between two figures split at the first clause boundary
    ("4,2 Millionen Passagiere und 61.000 Flüge", "17 Menschen starben")."""
    return assemble(windows(numbers, text, _CLAUSE, _PREPOSITION), text, _words, _head, _shared, _placed)


_PLACE = re.compile(r"\s*(?:in|im|auf|an|am|bei|für|aus)\s+[A-ZÄÖÜ][\w-]*(?:\s+um)?\s*$")


def _placed(text: str, start: int, end: int) -> bool:
    """The words before a coordinated figure only place it, its subject left to the figure before ("Die
    Mieten stiegen in Zürich um 4,1 Prozent, in Bern um 2,3 Prozent")."""
    return bool(_PLACE.fullmatch(text, start, end))


def _shared(word: str, after: list[str]) -> bool:
    """German writes its nouns capitalised: a coordinated figure shares the nouns of its partner's words,
    and its verb only when it has none of its own after it ("Die Stadt baut 12 Schulen und 30
    Kindergärten"; but "Bei dem Brand starben 4 Menschen, 23 wurden verletzt": the fire, not the dying)."""
    return word[:1].isupper() or all(w[:1].isupper() for w in after)


# A part of the figure before: "drei davon", "zwei von ihnen", "darunter fünf".
_PARTITIVE_AFTER = re.compile(r"\s+(?:davon|von\s+ihnen|unter\s+ihnen)\b", re.I)
_PARTITIVE_BEFORE = re.compile(r"\b(?:darunter|davon|unter\s+ihnen)\s+(?:\w+\s+)?$", re.I)


class GermanReferents(dict):
    """id(number) → Candidates, and the index `moved_from_german` builds over them on first use."""

    index: _Index | None = None


def german_referents(numbers: list[Number], text: str) -> GermanReferents:
    """id(number) → the English candidates of its referent words, for German `text` and its `numbers`;
    each with the candidates of its clause besides, between the figures before and after it (`clause`:
    German puts a figure's verb and often its noun after it, "drei Menschen verletzt, in Seattle 16
    festgenommen", where English reads them before)."""
    words = referent_words(numbers, text)
    result = GermanReferents()
    ordered = sorted(numbers, key=lambda n: n.start)
    for i, n in enumerate(ordered):
        found = _candidates(list(words[id(n)]))
        found.head = _heads(words[id(n)].head)
        found.group = words[id(n)].group
        found.own_head = words[id(n)].head is not None and words[id(n)].head in words[id(n)].own
        found.subject = frozenset(e for w in words[id(n)].subject for e in english(w))
        lo = max(ordered[i - 1].end if i else 0, n.start - 300)
        lo = _clause_start(text, min(lo, n.start), n.start)
        hi = min(ordered[i + 1].start if i + 1 < len(ordered) else len(text), n.end + 300)
        hi = _clause_end(text, n.end, max(hi, n.end))
        found.clause = frozenset(e for w in _words(text, lo, hi) for e in english(w)) | found
        if i and (_PARTITIVE_AFTER.match(text, n.end) or _PARTITIVE_BEFORE.search(text, max(0, n.start - 20), n.start)):
            found.clause |= result[id(ordered[i - 1])]  # "sechs Hurrikane, drei davon": the three are hurricanes
        result[id(n)] = found
    return result


_ROUNDED_KINDS = ("cardinal", "percent", "currency")
# A figure or a word the source repeats more often than this: its first instances decide (as
# `checks._SUPPORT_CAP`); keeps the summary check of a pathological input linear.
_CAP = 32


class _Index:
    """The source figures' referents by value and, for the other figures, by (kind, unit, English word),
    so each summary figure looks up only the figures that share a word with it."""

    def __init__(self, source: list[Number], around: dict[int, Candidates]):
        self.by_value: dict[object, list[Candidates]] = {}
        self.by_word: dict[tuple, list[tuple[int, object, Candidates]]] = {}
        for i, s in enumerate(source):
            found = around[id(s)]
            same = self.by_value.setdefault(s.value, [])
            if len(same) < _CAP:
                same.append(found)
            if s.kind not in _ROUNDED_KINDS or s.soft:
                continue
            for word in found:
                others = self.by_word.setdefault((s.kind, s.unit, word), [])
                if len(others) < _CAP:
                    others.append((i, s.value, found))


def moved_from_german(
    n: Number, support: list[Number], source: list[Number], around: dict, around_summary: dict
) -> str | None:
    """ "belongs to: prices in the summary, unemployment in the source" for summary figure `n` supported by
    `support` (German source numbers), when the summary's words for it are the English of the words the
    source gives another figure of its kind (percent for percent, euros for euros, a count for a count).

    The rules of `referent.moved` (the summary's words, its subject alone, or the noun it counts, point to
    another figure rather than this one), stricter than the English path, as the lexicon guesses and German
    orders its words otherwise: this figure is matched with its whole clause; all its words are compared
    only with a figure of its own coordination ("4,2 Millionen Passagiere und 61.000 Flüge"); the noun it
    counts only where every instance of this figure has a noun of its own after it; a figure whose source
    words the lexicon cannot read is not judged; and only figures of the same kind and unit are "another
    figure"."""
    if n.kind not in _ROUNDED_KINDS:
        return None
    index = getattr(around, "index", None)
    if index is None:  # built on first use, once per check (`around` is this check's German referents)
        index = _Index(source, around)
        if isinstance(around, GermanReferents):
            around.index = index
    values = {s.value for s in support} | {n.value}
    same = [found for v in values for found in index.by_value.get(v, ())]
    if not any(same):
        return None
    summary_found = around_summary.get(id(n), frozenset())
    # the summary's own words: what an English figure shares with its partner sits elsewhere in German
    words = getattr(summary_found, "own", None) or summary_found
    best_same = max(len(words & found.clause) for found in same)
    head = getattr(summary_found, "own_head", None)
    subject = getattr(summary_found, "subject", None) or words
    clauses = set().union(*(found.clause for found in same))
    groups = {found.group for found in same}
    heads = set().union(*(found.head for found in same if found.own_head)) if all(found.own_head for found in same) else set()
    best_subject = max(len(subject & found.clause) for found in same)
    hits = {}
    for word in words:
        for i, value, found in index.by_word.get((n.kind, n.unit, word), ()):
            if value in values:
                continue
            if ((found.group in groups and len(words & found) > best_same)  # its words, within a coordination
                    or (word == head and head in found.head and heads and head not in heads)  # the noun it counts
                    or len(subject & found.subject) > best_subject):  # the words before it  # fmt: skip
                hits.setdefault(i, found)
    if not hits:
        return None
    shared = words & hits[min(hits)]
    mentioned = set().union(*same)
    word = head if head in shared and head not in clauses else sorted(shared - mentioned or shared)[0]
    theirs = next(found.label for found in same if found and found.label)
    return f"belongs to: {word} in the summary, {theirs} in the source ({n.text})"
