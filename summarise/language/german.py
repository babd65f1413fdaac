"""What summarise knows about written German: sentence ends, abbreviations, month names and the small
closed word classes that tell whether a line or clause goes on.

The paragraph rebuilder (summarise.ingest), the sentence splitter (summarise.language.sentences) and anything
else that reads German asks this module, so they cannot disagree about whether "Dr." or "26." ends a
sentence.
"""

from __future__ import annotations

import re

SENTENCE_END = ".!?:…"
# closing quotes and brackets that may follow the final punctuation: „… müssen.“
CLOSERS = "\"'“”»«’)]"
OPENERS = "„\"'»«(‚‘"
HYPHENS = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# German month names, the one list: standard names with Austrian "Jänner" and "Feber", and the short
# forms newspapers write ("3. Feb.", "Sept.", "Mrz."). Read by the paragraph rebuilder, the sentence
# splitter and the number checker (a date is a day and one of these).
MONTHS = (
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
)
MONTH_NUMBERS: dict[str, int] = {name: i for i, name in enumerate(MONTHS, 1)} | {"jänner": 1, "feber": 2}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "jän": 1, "feb": 2, "febr": 2, "mrz": 3, "mär": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
}  # fmt: skip
MONTH_NAMES = frozenset(MONTH_NUMBERS)

# Abbreviations that end in a period but (almost) never end a sentence. Single letters (z. B., u. a.,
# initials) and dotted forms (z.B., d.h., i.d.R.) are recognised by shape. "usw." and "etc." are left
# out on purpose: they often do end a sentence.
ABBREVIATIONS = frozenset(
    _words(
        """
    abs abzgl art bd bspw bzgl bzw ca dr ehem evtl exkl fr geb gegr gem gest ggf hr hrn inkl jh lt max min
    mio mrd nr prof rd s sog st stellv str tsd vgl zzgl
    mo di mi do sa
    mr mrs ms
    """
    )
) | frozenset(MONTH_ABBREVIATIONS)
# A line ending in one of these words stops mid-sentence whatever the layout says: articles, conjunctions
# and prepositions that never end a clause (a closed grammatical class, not a vocabulary table). Words
# that double as separable verb particles ("bricht ein", "nimmt zu", "zieht an") are left out.
CONNECTOR_WORDS = frozenset(
    _words(
        """
    der die den dem des eine einen einem einer eines und oder sowie sondern dass ob weil wenn zum zur von
    vom für im ins beim in seit ohne zwischen neben gegen als wie bis
    """
    )
)
# The word after a line-end hyphen that makes it elliptical ("Drogen- und Waffenhandel").
ELLIPSIS_WORDS = frozenset(
    ["und", "oder", "bzw", "sowie", "wie", "noch", "als", "bis", "u", "beziehungsweise", "respektive"]
)
# Clause boundaries for splitting long sentences: a conjunction opens a clause, an article or a
# preposition opens a phrase (a weaker boundary).
CONJUNCTIONS = _words(
    "und oder aber sondern denn doch jedoch während weil dass daß da nachdem obwohl obgleich wenn als "
    "bevor sobald solange sodass damit indem falls wobei wodurch womit wie ob"
)
PHRASE_STARTS = _words(
    "die der das dem den des welche welcher welches mit für nach von bei auf in an zu um gegen"
)

_SINGLE_LETTER = re.compile(r"[^\W\d_]\.")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
_ORDINAL = re.compile(r"\(?\d{1,2}\.")
# the words before a final period: "26. Feb." → "26. Feb", "z. B." → "z. B"
_LAST_WORDS = re.compile(r"(\w+(?:\.\s?\w+)*)\.$")


def is_abbreviation(token: str) -> bool:
    """Is `token` (one word with its final period, "Dr.", "z.B.", "B.") an abbreviation?"""
    core = token.lstrip(OPENERS)
    if _SINGLE_LETTER.fullmatch(core) or _DOTTED.fullmatch(core):
        return True
    return core[:-1].lower() in ABBREVIATIONS


def ends_with_abbreviation(text: str) -> bool:
    """Does `text` end with an abbreviation, also one written with spaces ("z. B.", "i. d. R.")?"""
    m = _LAST_WORDS.search(text)
    if not m:
        return False
    words = re.split(r"\.\s?", m.group(1).lower())
    if any(".".join(words[i:]) in ABBREVIATIONS for i in range(len(words))):
        return True
    # a single letter with its period is an initial or part of "z. B.", "u. a.", "i. d. R."
    return len(words[-1]) == 1 and words[-1].isalpha()


def is_month(word: str) -> bool:
    return word.lower().strip(OPENERS + CLOSERS + ",.") in MONTH_NAMES


def ends_sentence(line: str, next_word: str | None = None, gap: int = 0) -> bool:
    """Does `line` end a sentence? `next_word` (the word that follows, if any, after `gap` blank lines)
    settles ordinals: "bis zum 26." + "Februar" continues; "… Platz 3." at the end of a block ends."""
    core = line.rstrip().rstrip(CLOSERS)
    if not core or core[-1] not in SENTENCE_END:
        return False
    if core[-1] != ".":
        return True
    token = core.rsplit(" ", 1)[-1]
    if is_abbreviation(token):
        return False
    if _ORDINAL.fullmatch(token) and next_word is not None:
        # a one- or two-digit ordinal before a month or noun: "am 26. Februar", "im 3. Quartal";
        # only a paragraph gap (and no month) makes it the end of a sentence
        return bool(gap) and not is_month(next_word)
    return True
