"""Name fidelity: the names of a German source against those of an English candidate.

A source name is found in the candidate when one of its English forms is there (exonym, convention,
acronym), or a word whose transliteration key equals or is close to the name's (case endings and
possessives removed). A candidate name is supported when the source holds it in any of those ways. What
is left is reported: a source name missing (paired, by position, with a left-over candidate name as
"altered": Bauer → Farmer, Söder → Seehofer), or a candidate name the source does not support ("added").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .find import COMMON_ENGLISH, Name, find_english, find_german, word_keys
from .lexicon import Lexicon, lexicon
from .normalise import close, english_stem, fold, german_stems, key

# English adds these without a German word for them ("Bundesregierung" → "the German government").
IMPLICIT = frozenset({"german", "germany", "germans", "federal", "english"})
# Translators add context names (a country, a team, a party) that the source implies; a person named
# with a title or given name, an acronym or a city's exonym is what a model invents.
ADDED_EVIDENCE = frozenset({"title", "acronym", "place"})
PERSON_EVIDENCE = frozenset({"title", "first-name"})
PAIRING_LIMIT = 10_000  # missing × unsupported names beyond which changes are not paired by position
# Relative position (share of the text) within which a missing and an added name are one change.
ALTERED_DISTANCE = 0.4


@dataclass
class NameIssue:
    kind: str  # missing | altered | added
    source: Name | None
    candidate: Name | None

    @property
    def message(self) -> str:
        s, c = self.source, self.candidate
        if self.kind == "altered":
            return f"the name {s.text} became {c.text} (expected {s.english[0]})"
        if self.kind == "missing":
            shown = f" ({s.english[0]})" if s.english[0] != s.text else ""
            return f"the name {s.text}{shown} is missing from the translation"
        return f"the name {c.text} is not in the source"


@dataclass
class NameReport:
    issues: list[NameIssue] = field(default_factory=list)
    source_names: list[Name] = field(default_factory=list)
    candidate_names: list[Name] = field(default_factory=list)
    pairs: list[tuple[Name, Name]] = field(default_factory=list)


def _boundary_find(haystack: str, needle: str) -> int:
    start = 0
    while True:
        i = haystack.find(needle, start)
        if i < 0:
            return -1
        before = haystack[i - 1] if i else " "
        after = haystack[i + len(needle)] if i + len(needle) < len(haystack) else " "
        if not before.isalnum() and not (after.isalnum() and after != "s"):
            return i
        start = i + 1


# A common English word (Fisher, Miller, Baker, Summer) that only resembles a German name is its
# translation as a word, not a spelling of it; transliterations (Navalny, Gorbachev, Zelensky) are rarer.
VARIANT_MAX_ZIPF = 3.5


def _variant_ok(written: str, form: str, lex: Lexicon) -> bool:
    """`written` may stand for `form` when it is the same spelling or not a common English word."""
    stem = english_stem(written)
    return (fold(stem) == fold(form) or lex.english_zipf(stem) < VARIANT_MAX_ZIPF
            or stem in lex.first_names)  # Vladimir/Wladimir  # fmt: skip


def _locate(name: Name, candidate: str, lowered: str, keys: dict, names: dict,
            lex: Lexicon) -> tuple[str, int, int] | None:  # fmt: skip
    """Where the candidate renders the source name: (text, start, end), or None."""
    for form in name.english:
        if " " in form or "." in form or not form[:1].isupper():
            i = _boundary_find(lowered, form.lower())
            if i >= 0:
                return candidate[i : i + len(form)], i, i + len(form)
            continue
        for hit in keys.get(key(form), ()):
            if _variant_ok(hit[3], form, lex):
                return hit[:3]
    for form in name.english if name.evidence == "gazetteer" else ():
        # The place's adjective or inhabitant word (Brasiliens → "the Brazilian Trump", Frankreichs →
        # "French", Demokraten → "Democratic"): English often turns a genitive or a noun into one.
        for derived in _derived(form, lex):
            for hit in keys.get(key(derived), ()):
                if fold(english_stem(hit[3])) == derived:
                    return hit[:3]
    for german in german_stems(name.text) if " " not in name.text else (name.text,):
        # The German form kept in English (Genf, Den Haag, Sachsen): a choice, not an error.
        if " " in german:
            i = _boundary_find(lowered, german.lower())
            if i >= 0:
                return candidate[i : i + len(german)], i, i + len(german)
        for hit in keys.get(key(german), ()):
            if fold(english_stem(hit[3])) == fold(german):
                return hit[:3]
    for form in dict.fromkeys((*name.english[:1], name.text)):
        k = key(form)
        for other, c in _bucket(names, k):
            if close(k, other) and _variant_ok(c.text, form, lex):
                return c.text, c.start, c.end
    if name.evidence not in PERSON_EVIDENCE:
        # A name that is also a common English word may be written in lower case ("the opposition
        # democrats", "a solo artist"); a person's surname written as a word is the error we look for.
        for form in dict.fromkeys((*name.english, name.text)):
            if form.isalpha() and lex.english_zipf(form) >= COMMON_ENGLISH:
                i = _boundary_find(lowered, form.lower())
                if i >= 0:
                    return candidate[i : i + len(form)], i, i + len(form)
    return None


# English adjective and inhabitant endings on a place's stem: Brazil-ian, German(y), Democrat-ic, Rom(e)-an.
_DERIVING = ("", "n", "an", "ian", "ese", "ish", "i", "ic", "er", "ns", "ans", "ians", "ers")
_derived_memo: dict[int, tuple[Lexicon, dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]] = {}


def _derived(form: str, lex: Lexicon) -> tuple[str, ...]:
    """Folded adjective and inhabitant forms of an English place or party name: those the tables pair
    with it (CLDR languages, demonyms.tsv, inhabitants.tsv: Britain ↔ British, France ↔ French) and the
    regular English derivations of its stem."""
    if not form[:1].isupper() or not form.isalpha():
        return ()
    entry = _derived_memo.get(id(lex))
    if entry is None or entry[0] is not lex:
        table: dict[str, set[str]] = {}
        groups = [*lex.adjectives.values(), *(lex.gazetteer[g] for g in lex.optional if g in lex.gazetteer)]
        for forms in groups:
            words = [fold(f) for f in forms if f.isalpha()]
            for w in words:
                table.setdefault(w, set()).update(x for x in words if x != w)
        entry = (lex, {k: tuple(v) for k, v in table.items()}, {})
        _derived_memo.clear()
        _derived_memo[id(lex)] = entry
    memo = entry[2]
    folded = fold(form)
    if folded not in memo:
        base = folded[:-1] if folded[-1] in "yaes" else folded
        out = dict.fromkeys(entry[1].get(folded, ()))
        if len(base) >= 3:
            out.update(dict.fromkeys(base + ending for ending in _DERIVING if base + ending != folded))
        memo[folded] = tuple(out)
    return memo[folded]


def _buckets(pairs) -> dict[str, list]:
    """(key, item) pairs by the key's first letter (s and z together): `close` only compares keys
    that start alike, so each name meets a few others, not all (linear on hostile input)."""
    out: dict[str, list] = {}
    seen = set()
    for k, item in pairs:
        if k and k not in seen:
            seen.add(k)
            out.setdefault("s" if k[0] == "z" else k[0], []).append((k, item))
    return out


# A real text has a handful of names per initial; past this many the rest are not compared fuzzily.
FUZZY_LIMIT = 50


def _bucket(buckets: dict, k: str) -> list:
    return buckets.get("s" if k[:1] == "z" else k[:1], [])[:FUZZY_LIMIT] if k else []


def compare_names(source: str, candidate: str, *, summary: bool = False, lex: Lexicon | None = None,
                  source_language: str = "de") -> NameReport:  # fmt: skip
    lex = lex or lexicon()
    src = find_german(source, lex) if source_language == "de" else find_english(source, lex)
    cand = find_english(candidate, lex)
    report = NameReport(source_names=src, candidate_names=cand)
    if not src and not cand:
        return report
    by_start = {c.start: c for c in cand}
    matched: set[int] = set()
    missing: list[Name] = []
    if not summary and src:
        keys = word_keys(candidate)
        lowered = candidate.lower()
        fuzzy = _buckets((key(english_stem(c.text)), c) for c in cand)
        located: dict[tuple, tuple | None] = {}
        for s in src:
            memo = (s.english, s.text)  # a name said many times is looked up once
            if memo not in located:
                located[memo] = _locate(s, candidate, lowered, keys, fuzzy, lex)
            hit = located[memo]
            if hit is None:
                if s.required:
                    missing.append(s)
                continue
            c = by_start.get(hit[1])
            if c is None:
                c = Name(hit[0], hit[1], hit[2], "match", (hit[0],), side="en")
                by_start[c.start] = c
                cand.append(c)
            matched.add(id(c))
            report.pairs.append((s, c))
        cand.sort(key=lambda c: c.start)
    # Only names with evidence beyond the word itself are reported as added: translators add context a
    # capitalised word alone cannot tell from a name ("Franconian", "Chancellery").
    support = _Support(source, src, lex)
    unsupported = [c for c in cand if id(c) not in matched and not support(c)]
    if summary:
        report.issues = [NameIssue("added", None, c) for c in unsupported if _inventable(c, lex)]
        return report
    # A left-over weak source name where an added name stands was replaced by it (Karlsruhe → Leipzig).
    found = {id(s) for s, _ in report.pairs}
    # An unmatched place adjective where an unsupported known place stands: Münchner → "Vienna police".
    left = [s for s in src if not s.required and id(s) not in found and s.side == "de"]
    places = [s for s in left if s.evidence == "gazetteer"]
    weak = [s for s in left if s.evidence != "gazetteer"]
    added = [c for c in unsupported if _inventable(c, lex) or (places and c.evidence == "known")]
    report.issues = _pair_changes(missing, unsupported, added, weak, places, len(source) or 1, len(candidate) or 1)
    return report


def _inventable(c: Name, lex: Lexicon) -> bool:
    """Whether an unsupported candidate name is reported as added. An acronym counts only when it names
    something the tables or the name list know (NATO, CDU, FIFA): an unknown one (BMX, RND, VZBV) is the
    translator's gloss of a German word, not an invented organisation."""
    if c.evidence != "acronym":
        return c.evidence in ADDED_EVIDENCE
    stem = english_stem(c.text)
    return stem.lower() in lex.english_known or stem in lex.known_names or stem in lex.gazetteer


class _Support:
    """Whether the source supports an English name; built once per check, each stem answered once."""

    def __init__(self, source: str, src: list[Name], lex: Lexicon) -> None:
        self.lex = lex
        self.keys = word_keys(source)
        self.lowered = source.lower()
        self._folded: str | None = None  # the source without umlauts, made when first needed
        self.forms = {f.lower() for s in src for f in s.english} | {w for s in src for f in s.english for w in _words(f)}
        self.fuzzy = _buckets((k, None) for k in self.keys)
        self.memo: dict[str, bool] = {}

    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.lowered)
        return self._folded

    def __call__(self, c: Name) -> bool:
        stem = english_stem(c.text)
        if stem not in self.memo:
            self.memo[stem] = self._supported(stem)
        return self.memo[stem]

    def _supported(self, stem: str) -> bool:
        lex, lower = self.lex, stem.lower()
        if lower in IMPLICIT or lower in self.forms:
            return True
        for german in lex.english_to_german.get(lower, ()):
            # Also inside compounds (Kremlkritiker → Kremlin) and derived words (spanische → Spain).
            head = german[: max(4, len(german) - 4)]
            if head in self.lowered or fold(head) in self.folded():  # niedersächsischen → Lower Saxony
                return True
        k = key(stem)
        if any(_variant_ok(stem, form, lex) for _, _, _, form in self.keys.get(k, ())):
            return True
        if lex.english_zipf(stem) >= VARIANT_MAX_ZIPF:
            return False
        return any(close(k, other) for other, _ in _bucket(self.fuzzy, k))


def _words(form: str) -> list[str]:
    return [w.lower() for w in re.split(r"[\s\-]+", form)]


def _pair_changes(missing: list[Name], unsupported: list[Name], added: list[Name], weak: list[Name],
                  places: list[Name], source_length: int, candidate_length: int) -> list[NameIssue]:  # fmt: skip
    """Missing names paired by position with any unsupported candidate word (altered); the rest missing.
    Added names (strong evidence) left over: paired with a weak source name nearby (altered) or added."""
    issues = []
    left = list(unsupported)
    if max(len(missing) * len(left), len(added) * (len(weak) + len(places))) > PAIRING_LIMIT:  # hostile: no pairing
        return [NameIssue("missing", s, None) for s in missing] + [NameIssue("added", None, c) for c in added]

    def nearest(name: Name, pool: list[Name], length: int, other_length: int) -> Name | None:
        if len(pool) == 1 and len(missing) <= 1:
            return pool[0]  # one name out, one in: a replacement wherever word order put it
        where = name.start / length
        best = min(pool, key=lambda c: abs(c.start / other_length - where), default=None)
        if best is not None and abs(best.start / other_length - where) <= ALTERED_DISTANCE:
            return best
        return None

    for s in missing:
        best = nearest(s, left, source_length, candidate_length)
        if best is not None:
            left.remove(best)
            issues.append(NameIssue("altered", s, best))
        else:
            issues.append(NameIssue("missing", s, None))
    weak, places = list(weak), list(places)
    for c in added:
        if c not in left:
            continue
        pool = places if c.evidence == "known" else weak + places
        s = nearest(c, pool, candidate_length, source_length)
        if s is not None:
            (places if s in places else weak).remove(s)
            issues.append(NameIssue("altered", s, c))
        elif c.evidence in ADDED_EVIDENCE:
            issues.append(NameIssue("added", None, c))
    return sorted(issues, key=lambda i: i.source.start if i.source else i.candidate.start)
