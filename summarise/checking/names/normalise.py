"""Spelling keys under which a German name and its English rendering compare equal.

`key` folds what legitimately differs between the two languages' spellings of one name:
- German case endings on the German side (Macrons, Frankreichs, des Bundestages) and the possessive
  on the English side (Macron's, France's), by `stems`;
- transliteration: German renders Cyrillic, Arabic and other scripts by German sound rules, English by
  English ones (Nawalny/Navalny, Gorbatschow/Gorbachev, Selenskyj/Zelensky, Dschihad/Jihad). The key
  maps both spellings onto one skeleton (tsch/tch→ch, sch→sh, dsch/j→j/y, w→v, z/ts→s, y/j→i, ...),
  and `close` tolerates one or two remaining letters (Gorbachov/Gorbachev).
Keys are only ever compared, never shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "ë": "e", "á": "a", "à": "a", "ó": "o", "ñ": "n", "ç": "c", "ł": "l", "ń": "n", "ś": "s", "ź": "z", "ż": "z", "č": "c", "š": "s", "ž": "z", "ć": "c", "ř": "r", "ğ": "g", "ı": "i", "ş": "s"})  # fmt: skip
# Order matters: longer clusters first. Applied to the lower-cased word of either language.
_RULES = [
    (re.compile(r"dsch|dzh"), "j"),
    (re.compile(r"tsch|tch"), "ch"),
    (re.compile(r"sch|sh"), "s"),
    (re.compile(r"ch|kh|h"), "h"),  # Chodorkowski/Khodorkovsky; drop the h distinction altogether
    (re.compile(r"ow$|ov$|off$"), "ov"),
    (re.compile(r"ew$|ev$"), "ev"),
    (re.compile(r"ck|c(?=[aou])|q"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ts|tz|z"), "s"),
    (re.compile(r"j|y|ie$|ij"), "i"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"ae"), "a"),
    (re.compile(r"oe"), "o"),
    (re.compile(r"ue"), "u"),
    (re.compile(r"(.)\1"), r"\1"),  # doubled letters
    (re.compile(r"ii$|i$"), "i"),
]


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """The transliteration skeleton of one word (no endings removed)."""
    w = unicodedata.normalize("NFC", word).lower().translate(_UMLAUT)
    w = w.replace("’", "'")
    for pattern, repl in _RULES:
        w = pattern.sub(repl, w)
    return w


def fold(word: str) -> str:
    """Lower case without diacritics: Müller → muller, Liège → liege (the same spelling, not a variant)."""
    return word.lower().replace("ue", "u").replace("oe", "o").replace("ae", "a").translate(_UMLAUT)


_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’|')$")


@lru_cache(maxsize=65536)
def german_stems(word: str) -> tuple[str, ...]:
    """The word and its forms without a German case ending: Macrons→Macron, Bundestages→Bundestag,
    Bundesländern→Bundesländer. (Adjective endings -e/-er/-em are the adjective table's business.)"""
    out = [word]
    for ending in ("es", "s", "en", "n"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            out.append(word[: -len(ending)])
    return tuple(out)


def english_stem(word: str) -> str:
    """Macron's → Macron, Merkels' → Merkels."""
    return _POSSESSIVE.sub("", word)


def distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (limit + 1) once it exceeds `limit` (names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(value)
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous = current
    return previous[-1]


def close(a: str, b: str) -> bool:
    """Two keys of one name: equal, or (long enough that it is not another name) a letter or two apart.
    Short keys must be equal: Söder/Seehofer, FDP/FPÖ, Kohl/Kühl are different people and parties."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 5 or a[0] != b[0] and not (a[0] in "sz" and b[0] in "sz"):
        return False
    return distance(a, b, 1 if shorter < 8 else 2) <= (1 if shorter < 8 else 2)
