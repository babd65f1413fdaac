"""Finding glossary terms: every inflected German form in a source, the English term in a candidate.

German side. A term matches as a whole word (or words) in any of its inflected forms, built from the
term itself by the regular German endings that fit how the word ends:

- the head noun (the last word): genitive -s/-es, plural and dative -e/-er/-en/-n/-ern, with the
  umlaut of the last vowel for -e/-er/-ern/-en plurals (Land → Länder, Ländern), the feminine -in /
  -innen (Bundeskanzler → Bundeskanzlerin, Kollege → Kollegin), -um → -en (Zentrum → Zentren);
  only the endings that fit the word's own ending (a noun in -er takes -s/-n/-in/-innen, not -e/-en:
  "Minister" never matches "Ministeren"); a word of three letters or fewer gets no plain -e/-en
  (Rat must not match "Rate", "Raten"); acronyms and words with digits (SPD, G7) only -s;
- words before the head that carry an adjective ending (-e, -en, -er, -es, -em) take any of them:
  "Europäische Zentralbank" matches "der Europäischen Zentralbank";
- a genitive apostrophe after s/x/z/ß ("Bundeskanzlers'", "Merz'");
- a term written in lower case also with a capital first letter (a sentence may start with it); a
  capitalised term only capitalised (German nouns always are: "Land" never matches "landen"); whitespace between the words
  of a multi-word term may be any run of spaces or a line break.

Compounds: a term joined to another word by a hyphen counts (Bundeskanzler-Kandidat, Ex-Bundeskanzler,
G7-Gipfel: the hyphen is a word boundary); a term glued inside a closed compound does not ("Land" is
not in "Landwirtschaft" or "Bundesland", "Bundeskanzler" not in "Bundeskanzleramt"): a compound is a
word of its own with a meaning of its own, so replacing part of it would garble the sentence. Put the
compound in the glossary when it needs a fixed translation. Where two terms overlap, the longer wins.

English side. The target (the English term, or the German term when it is kept) as whole words, the
first letter of each word in either case, with a plural -s/-es (-y → -ies) and a
possessive 's/' — "Chancellor's", "states". A kept term also matches in its German inflected forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .glossary import GlossaryEntry

_FEMININE_SUFFIXES = ("ung", "heit", "keit", "schaft", "ion", "tät", "ik", "ur", "ei", "enz", "anz", "ismus")
_SIBILANTS = ("s", "ß", "x", "z")
# Feminine nouns of one syllable (and compounds ending in one: Bundestagswahl, Autobahn) take -e/-en
# plurals, never -er, -s or -in: without this, "Wahl" would match "Wähler" (voters), "Stadt" "Städter".
_FEMININE_WORDS = (
    "wahl", "stadt", "hand", "wand", "nacht", "macht", "kraft", "bahn", "zahl", "last", "lust", "angst",
    "bank", "kunst", "luft", "flucht", "sucht", "schuld", "frucht", "furcht", "gunst", "wurst",
    "front", "fahrt", "bucht", "frist", "post", "welt", "zeit", "frau", "form", "kost", "haut", "braut",
    "maus", "laus", "gans", "faust", "spur", "flut", "wut", "glut", "kuh", "kur", "tour", "schrift",
    "schicht", "pflicht", "sicht", "fracht", "tracht",
)
_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
_UMLAUT = {"au": "äu", "a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}
_APOSTROPHE = "['’]"


@dataclass
class TermOccurrence:
    """One place a term was found. Quacks like the checker's Number where pages mark spans."""

    entry: int  # index into the glossary's entries
    text: str  # the span as written
    start: int
    end: int
    side: str  # "de" | "en"
    block: int | None = None  # the number (from 1) of the block or line it is in
    kind: str = "term"

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "block": self.block}


def _umlauted(word: str) -> str | None:
    """`word` with its last a/o/u/au umlauted (Land → Länd, Haus → Häus), or None when it has none."""
    match = None
    for m in re.finditer(r"au|[aouAOU]", word):
        match = m
    if match is None:
        return None
    return word[: match.start()] + _UMLAUT[match.group()] + word[match.end() :]


def noun_forms(word: str) -> list[str]:
    """The inflected forms of a German noun that the matcher accepts (see the module docstring)."""
    if any(ch.isdigit() for ch in word) or (len(word) > 1 and word.isupper()):
        return [word, word + "s"]
    lower = word.lower()
    forms = [word]
    plural_umlaut = []
    if lower.endswith("in") and len(lower) > 4:  # Ministerin, Präsidentin; also a place (Berlin → Berlins)
        forms += [word + "nen", word + "s"]
    elif lower.endswith("e"):  # Behörde(n), Gebäude(s), Kollege → Kollegin
        forms += [word + "n", word + "s", word[:-1] + "in", word[:-1] + "innen"]
    elif lower.endswith(("er", "el")):  # Minister(s/n), Bundeskanzler(in/innen), Vater → Väter(n)
        forms += [word + "s", word + "n", word + "in", word + "innen"]
        plural_umlaut = ["", "n"]
    elif lower.endswith("en"):  # Wagen(s), Garten → Gärten
        forms += [word + "s"]
        plural_umlaut = [""]
    elif lower.endswith(_FEMININE_SUFFIXES):  # Regierung(en), Partei(en)
        forms += [word + "en"]
    elif lower.endswith("um") and len(lower) > 4:  # Zentrum(s) → Zentren
        forms += [word + "s", word[:-2] + "en"]
    elif lower.endswith(_FEMININE_WORDS):  # Wahl(en), Stadt → Städte(n): never -er, -s or -in
        forms += [word + "en"]
        plural_umlaut = ["e", "en"]
    elif lower.endswith(_SIBILANTS):  # Haus(es) → Häuser(n), Kurs(e/en)
        forms += [word + "es", word + "e", word + "en"]
        plural_umlaut = ["e", "er", "ern", "en"]
    else:  # Land(es/e) → Länder(n), Staat(s/en), Präsident(en/in/innen), Kind → Kinder
        forms += [word + "s", word + "es"]
        if len(lower) > 3:
            forms += [word + "e", word + "en", word + "in", word + "innen"]
        plural_umlaut = ["e", "er", "ern", "en"]
    if plural_umlaut and "er" in plural_umlaut and _umlauted(word) is None:
        forms += [word + "er", word + "ern"]  # an -er plural umlauts whenever it can (Länder, not "Lander")
    umlauted = _umlauted(word) if plural_umlaut else None
    if umlauted:
        forms += [umlauted + s for s in plural_umlaut if umlauted + s != word]
    return list(dict.fromkeys(forms))


def plural_forms(word: str) -> set[str]:
    """The forms of `noun_forms(word)` that can only be plural (Länder, Ländern, Bundeskanzlerinnen,
    Regierungen): their English term is restored in the plural. Forms that may be either (Minister,
    Kollegen) stay singular."""
    lower = word.lower()
    forms = {f for f in noun_forms(word) if f.endswith(("innen", "ern")) and not word.endswith(("innen", "ern"))}
    umlauted = _umlauted(word)
    if umlauted:
        forms |= {f for f in noun_forms(word) if f.startswith(umlauted)}
    if lower.endswith(_FEMININE_SUFFIXES):
        forms.add(word + "en")
    if lower.endswith("in") and len(lower) > 4:
        forms.add(word + "nen")
    if lower.endswith("um") and len(lower) > 4:
        forms.add(word[:-2] + "en")
    return forms


def english_plural(term: str) -> str:
    """"state" → "states", "party" → "parties", "European Central Bank" → "European Central Banks"."""
    if not term or term[-1].isdigit():
        return term
    lower = term.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return term + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return term[:-1] + "ies"
    return term + "s"


def replacement(entry: GlossaryEntry, written: str) -> str:
    """What a German occurrence `written` becomes: the English term (in the plural when the German form
    can only be plural), or the German term as the glossary writes it when it is kept."""
    if entry.keep:
        return entry.german
    head = entry.german.split()[-1].rpartition("-")[2]
    written_head = written.split()[-1].rpartition("-")[2].rstrip("'’")
    if written_head != head and written_head in plural_forms(head):
        return english_plural(entry.english)
    return entry.english


def _adjective_forms(word: str) -> list[str]:
    for ending in _ADJECTIVE_ENDINGS:
        stem = word[: -len(ending)]
        if word.lower().endswith(ending) and len(stem) >= 3 and stem[-1].isalpha():
            return [stem + e for e in ("e", "en", "er", "es", "em")]
    return [word]


def _first_letter_free(form: str, *, english: bool = False) -> str:
    """A regex for `form` whose first letter may be either case, when it is lower case (a capitalised
    German noun is capitalised everywhere: "Land" must not match the verb "landen")."""
    first = form[0]
    if (english or first.islower()) and first.upper() != first.lower():
        return f"[{re.escape(first.upper())}{re.escape(first.lower())}]" + re.escape(form[1:])
    return re.escape(form)


def _alternation(forms: list[str], *, free_case: bool = True, english: bool = False) -> str:
    forms = sorted(set(forms), key=lambda f: (-len(f), f))
    parts = [_first_letter_free(f, english=english) if free_case else re.escape(f) for f in forms]
    return "(?:" + "|".join(parts) + ")"


def _hyphen_parts(word: str, inflect, *, english: bool = False) -> str:
    """Inflect the last hyphen-joined part of a word (G7-Gipfel → G7-Gipfels); the rest stays."""
    head, sep, last = word.rpartition("-")
    if sep and last:
        return _first_letter_free(head, english=english) + "-" + _alternation(inflect(last), free_case=False)
    return _alternation(inflect(word), english=english)


def german_pattern(term: str) -> str:
    """The regex (no boundaries) of a German term in every accepted form."""
    words = term.split()
    parts = [_hyphen_parts(w, _adjective_forms) for w in words[:-1]]
    parts.append(_hyphen_parts(words[-1], noun_forms))
    body = r"\s+".join(parts)
    # A genitive apostrophe after a sibilant: "Bundeskanzlers'", "Merz'".
    return body + f"(?:(?<=[sßxzSXZ]){_APOSTROPHE})?"


def _english_forms(word: str) -> list[str]:
    if any(ch.isdigit() for ch in word) or (len(word) > 1 and word.isupper()):
        return [word, word + "s"]
    forms = [word, word + "s", word + "es"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.append(word[:-1] + "ies")
    return forms


def english_pattern(entry: GlossaryEntry) -> str:
    words = entry.target.split()
    # Every word's first letter in either case: "prime minister" = "Prime Minister" (a title before a name).
    parts = [_first_letter_free(w, english=True) for w in words[:-1]]
    parts.append(_hyphen_parts(words[-1], _english_forms, english=True))
    english = r"[\s-]+".join(parts) + f"(?:{_APOSTROPHE}s?)?"
    if entry.keep:  # kept as it is: English text may still carry the German ending ("des Bundesrates")
        return f"(?:{german_pattern(entry.german)}|{english})"
    return english


_BEFORE = r"(?<!\w)"
_AFTER = r"(?!\w)"


def _fast(terms: list[str], alternatives: list[str], *, english: bool) -> str:
    """One regex over all alternatives, word boundaries outside, and a lookahead for the letters a term
    can start with: most positions of a text fail at once instead of trying every term (3x faster on
    news sentences with 36 terms). The alternation backtracks past a shorter form that ends mid-word."""
    starts = set()
    for term in terms:
        first = term[0]
        starts.add(first)
        if english or first.islower():
            starts |= {first.upper(), first.lower()}
    lookahead = "(?=[" + "".join(re.escape(c) for c in sorted(starts)) + "])"
    return _BEFORE + lookahead + "(?:" + "|".join(alternatives) + ")" + _AFTER


class TermMatcher:
    """All entries of a glossary compiled into one regex per side (longest term first at any position)."""

    def __init__(self, entries: tuple[GlossaryEntry, ...]):
        self.entries = entries
        order = sorted(range(len(entries)), key=lambda i: -len(entries[i].german))
        self._german = re.compile(
            _fast(
                [entries[i].german for i in order],
                [f"(?P<g{i}>{german_pattern(entries[i].german)})" for i in order],
                english=False,
            )
        ) if entries else None
        # English: one alternative per distinct target; entries sharing a target share its occurrences.
        self.targets: list[str] = []
        self._target_of: dict[int, int] = {}
        english: dict[str, int] = {}
        for i, e in enumerate(entries):
            key = _target_key(e)
            if key not in english:
                english[key] = len(self.targets)
                self.targets.append(e.target)
            self._target_of[i] = english[key]
        patterns = {english[_target_key(e)]: english_pattern(e) for e in entries}
        by_length = sorted(patterns, key=lambda t: -len(self.targets[t]))
        self._english = re.compile(
            _fast([self.targets[t] for t in by_length] + [e.german for e in entries if e.keep],
                  [f"(?P<e{t}>{patterns[t]})" for t in by_length], english=True)  # fmt: skip
        ) if entries else None

    def target_of(self, entry: int) -> int:
        """The index of an entry's English target (entries with the same target share one)."""
        return self._target_of[entry]

    def find_german(self, text: str) -> list[TermOccurrence]:
        if self._german is None:
            return []
        return [
            TermOccurrence(int(m.lastgroup[1:]), m.group(), m.start(), m.end(), "de")
            for m in self._german.finditer(text)
        ]

    def find_english(self, text: str) -> list[TermOccurrence]:
        """Occurrences of the targets; `entry` holds the target's index (see `target_of`)."""
        if self._english is None:
            return []
        return [
            TermOccurrence(int(m.lastgroup[1:]), m.group(), m.start(), m.end(), "en")
            for m in self._english.finditer(text)
        ]


def _target_key(entry: GlossaryEntry) -> str:
    return ("keep:" + entry.german) if entry.keep else entry.english.lower()
