"""Finding names in German and English text by stacked evidence; linear in the text, no model.

German capitalises every noun, so a capitalised word is a name only with evidence, strongest first:
  gazetteer   a country, territory or language (CLDR), a curated exonym, institution or party, a phrase
              ("Vereinigte Staaten", "Deutsche Bank"), a glossary term
  acronym     two or more capitals (CDU, FPÖ, EZB), minus units and legal forms
  title       a title or role before it (Herr, Frau, Dr., Kanzlerin, Bundesgesundheitsminister, Trainer)
  first-name  a given name before it (Thomas Müller: "Müller" is then a surname, not a miller)
  known       a name of WMT 2014-2017 (data/wmt_names.txt)
  lexicon     not a German common word: rare in German and not a compound of a German word, or used as
              much in English as in German (international names) without being shared vocabulary
  repeated    a lexicon word that recurs in the text
English: capitalised words that do not open a sentence, acronyms; a common English word ("Farmer",
"Bird") only after a title or a given name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ENGLISH_NOT_NAMES,
    ENGLISH_TITLES,
    GERMAN_NOT_NAMES,
    GERMAN_ROLE_ENDINGS,
    GERMAN_TITLES,
    NOT_ACRONYMS,
    Lexicon,
)  # fmt: skip
from .normalise import english_stem, german_stems, key

_TOKEN = re.compile(r"[^\W_](?:[\w’'\-.]*[^\W_])?|[.!?:;]")
_ACRONYM = re.compile(r"(?:[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,3}[A-ZÄÖÜ]|[A-ZÄÖÜ]{2,6})(?:s|\d{1,2})?")
_ABBREVIATIONS = frozenset(["dr", "prof", "st", "nr", "bzw", "ca", "vgl", "z", "b", "u", "a", "mr", "mrs", "ms", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp"])
_BOUNDARY = frozenset(".!?:;")
_ROLE_TAILS = frozenset(["general", "elect", "designate", "emeritus"])
# English abbreviations of things, not names.
ENGLISH_NOT_ACRONYMS = frozenset(["CEO", "CFO", "COO", "CTO", "GDP", "PMI", "IPO", "VAT", "HIV", "AIDS", "DNA", "SUV", "LED", "USB", "PDF", "FAQ", "OK", "TV", "PC", "AM", "PM", "AD", "BC", "MP", "MEP", "ID", "IT", "PR", "HR", "CO2", "NGO", "ATM", "GPS", "SMS", "USD", "EUR"])  # fmt: skip
_CURRENCY_HEADS = frozenset(["dollar", "dollars", "cent", "cents", "pfund", "franken", "yuan", "yen", "rubel", "lira", "kronen", "krone"])
_NOUN_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "tion", "ismus", "ität", "nis", "tum", "ling", "chen", "ment", "ierung", "isten", "logie", "ionen", "ern", "erin", "innen")  # fmt: skip
_PARTICLES = frozenset(["von", "van", "de", "del", "da", "di", "zu", "la", "le", "bin", "al", "el"])
_AFTER_PARTICLE = frozenset(["der", "den", "dem", "de", "la"])  # von der Leyen, van der Bellen
# A German word after one of these is used as a noun ("die Krise", "im Alter"), not as a person's name.
_DETERMINERS = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "im", "am", "zum", "zur", "vom", "beim", "ins", "kein", "keine", "keinen", "keiner", "dieser", "diese", "dieses", "diesem", "diesen", "jeder", "jede", "jedes", "sein", "seine", "seiner", "seinen", "seinem", "ihr", "ihre", "ihrem", "meinem", "meinen", "unserem", "ihrer", "ihren", "unsere", "unserer", "viele", "vielen", "einige", "einigen", "mehrere", "alle", "allen", "andere", "anderen", "beide", "beiden", "zwei", "drei", "vier", "fünf", "zahlreiche"])  # fmt: skip
_ADJECTIVE_ENDINGS = ("ischen", "ische", "ischer", "ischem", "lichen", "liche", "licher", "igen", "ige", "iger")
MAX_NAME_LENGTH = 40  # longer "words" are no names (and are not split into compound parts)
SHOUTED_WORD = 4.5  # a word in capitals this common in German is shouting, not an acronym ("WAS")
FUNCTION_WORD = 5.0  # a gazetteer word opening a sentence this common in German is a word ("Oder", "Main")
COMMON_NOUN_ZIPF = 3.5  # a known or lexicon word this common in German needs no determiner before it
# The lexicon rule's thresholds (Zipf scale), calibrated on WMT 2014-2017 with bench/names.py.
COMMON_GERMAN = 3.0  # at or above: a German word (unless English uses it about as much)
SHARED_WORD = 4.3  # at or above in both languages: shared vocabulary (Film, Team, Hand), not a name
ENGLISH_GAP = 2.4  # German Zipf - English Zipf at or below: used internationally, a name (Karlsruhe,
ENGLISH_SEEN = 1.0  # Söder, Habeck); a German noun English never writes lies further apart (Rathaus 2.6)
COMMON_ENGLISH = 3.5  # an English word this common is a name only with a title or given name before it
ENGLISH_WORD = 2.5  # ... and one this common only with a title, a given name or a gazetteer entry
# Evidence strong enough that the name must be in the translation; "lexicon" and "repeated" names are
# paired when found and support English names, but a common noun among them may be translated.
REQUIRED = frozenset({"gazetteer", "acronym", "title", "first-name", "known"})


@dataclass(eq=False)
class Name:
    text: str  # as written
    start: int
    end: int
    evidence: str
    english: tuple[str, ...]  # acceptable English forms (the first is the one repair writes)
    side: str = "de"
    required: bool = True  # False: supports English names but need not appear (adjectives)
    block: int | None = None  # the number (from 1) of the block or line it is in

    def __post_init__(self) -> None:
        if self.evidence not in REQUIRED:
            self.required = False

    @property
    def kind(self) -> str:
        """What a review page marks it as (numbers carry their kind the same way)."""
        return "name"

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "evidence": self.evidence,
                "english": self.english[0] if self.side == "de" else None}  # fmt: skip


def _tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """(word, start, end, opens a sentence) for each word; punctuation only marks sentence starts."""
    out = []
    boundary = True
    previous = ""
    for m in _TOKEN.finditer(text):
        word = m.group()
        if word in _BOUNDARY:
            if word == "." and previous.lower() in _ABBREVIATIONS:
                continue
            boundary = True
            continue
        if word.endswith(".") and len(word) > 1:  # "Dr." "z.B." "U.S." as one token
            if word[:-1].lower() in _ABBREVIATIONS or "." in word[:-1]:
                out.append((word, m.start(), m.end(), boundary))
                boundary, previous = False, word
                continue
            out.append((word[:-1], m.start(), m.end() - 1, boundary))
            boundary, previous = True, word[:-1]
            continue
        out.append((word, m.start(), m.end(), boundary))
        boundary, previous = False, word
    return out


def is_acronym(word: str) -> bool:
    return len(word) <= 8 and _ACRONYM.fullmatch(word) is not None and word.upper() not in NOT_ACRONYMS


def _acronym_name(word: str, lex: Lexicon, language: str) -> bool:
    """An acronym that names something: three letters or more, or one the gazetteer knows (EU, UN);
    not a word in capitals ("NIE", "CEO")."""
    if not is_acronym(word):
        return False
    stem = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
    if stem in lex.gazetteer or stem in lex.known_names:
        return True
    if len(stem) < 3:
        return False
    if language == "en":
        return stem.upper() not in ENGLISH_NOT_ACRONYMS
    de = lex.german_zipf(stem)  # not a German word in capitals ("NIE", "WAS"); CNN, NATO are in English too
    return de < 3.0 or (de < SHOUTED_WORD and lex.english_zipf(stem) >= de - 1.0)


def _surname(word: str, lex: Lexicon) -> bool:
    """A word after a title or given name that can be a surname: a known name, or a word English also
    uses (Bauer, Vogel, Müller) or German seldom does; not a German noun alone (Gespräche, Gedanken)."""
    if not word.replace("-", "").isalpha():
        return False
    return (word in lex.known_names or word in lex.first_names or lex.english_zipf(word) > 0.5
            or lex.german_zipf(word) < 4.0)  # fmt: skip


def _is_title(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return lower in GERMAN_TITLES or lower.endswith(GERMAN_ROLE_ENDINGS)


def _gazetteer(word: str, lex: Lexicon) -> tuple[str, ...] | None:
    for stem in german_stems(word):
        forms = lex.gazetteer.get(stem)
        if forms:
            return forms
    return None


def _adjective(word: str, lex: Lexicon) -> tuple[str, ...] | None:
    lower = word.lower()
    for ending in ("", "e", "en", "er", "es", "em"):
        if lower.endswith(ending):
            forms = lex.adjectives.get(lower[: len(lower) - len(ending)] if ending else lower)
            if forms:
                return forms
    return None


_UMLAUT_BACK = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def _place_adjective(word: str, lex: Lexicon) -> tuple[str, ...] | None:
    """The -er adjective of a place the gazetteer knows (Schwarzwälder → Schwarzwald, Londoner → London,
    Pariser → Paris): its forms, or None. Rows of the tables (Münchner, Wiener) are found before this."""
    if not word.isalpha() or len(word) < 6:
        return None
    for ending in ("ern", "er"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            cut = max(stem.rfind(u) for u in "äöü")  # the inhabitant's umlaut: Wälder ← Wald
            for place in dict.fromkeys((stem, stem[:cut] + stem[cut:].translate(_UMLAUT_BACK) if cut >= 0 else stem)):
                if len(place) >= 4 and place in lex.gazetteer and place in lex.german_places:
                    return lex.gazetteer[place]
            return None
    return None


def _compound(lower: str, lex: Lexicon) -> bool:
    """A German compound or derived noun: ends in a noun suffix or in a common German word."""
    if lower.endswith(_NOUN_ENDINGS):
        return True
    for cut in range(3, len(lower) - 3):
        tail = lower[cut:]
        if lex.german_zipf(tail) >= COMMON_GERMAN:
            return True
    return False


def german_lexicon_name(word: str, lex: Lexicon) -> bool:
    """The lexicon rule: a capitalised German word that is not a German common word."""
    if not word.isalpha() or not 3 <= len(word) <= MAX_NAME_LENGTH or word.lower() in GERMAN_NOT_NAMES:
        return False  # (the length cap also keeps the compound test linear on hostile input)
    de, en = lex.german_zipf(word), lex.english_zipf(word)
    if de >= SHARED_WORD and en >= SHARED_WORD:
        return False
    if de >= COMMON_GERMAN + 0.5:
        return en >= ENGLISH_SEEN and de - en <= ENGLISH_GAP
    return not _compound(word.lower(), lex)


def find_german(text: str, lex: Lexicon) -> list[Name]:
    tokens = _tokens(text)
    names: list[Name] = []
    weak: dict[str, list[Name]] = {}
    i, n = 0, len(tokens)
    while i < n:
        word, start, end, initial = tokens[i]
        if not word[0].isupper():
            if word[0].isalpha() and word[0].islower() and len(word) > 4:
                forms = _adjective(word, lex)
                if forms:
                    names.append(Name(word, start, end, "gazetteer", forms, required=False))
            i += 1
            continue
        # Phrases of the gazetteer ("Vereinigte Staaten", "Den Haag", "Deutsche Bank").
        phrases = lex.phrases.get(word)
        if phrases:
            hit = _phrase(tokens, i, phrases)
            if hit:
                words = " ".join(hit)
                last = tokens[i + len(hit) - 1]
                names.append(Name(text[start : last[2]], start, last[2], "gazetteer", lex.gazetteer[words]))
                i += len(hit)
                continue
        forms = _gazetteer(word, lex)
        if forms and not (initial and lex.german_zipf(word) >= FUNCTION_WORD and word not in lex.known_names):  # "Oder"
            names.append(Name(word, start, end, "gazetteer", forms, required=word not in lex.optional))
            i += 1
            continue
        forms = _place_adjective(word, lex)
        if forms:  # Schwarzwälder Museum → "Black Forest museum", Londoner → "London": supports, optional
            names.append(Name(word, start, end, "gazetteer", forms, required=False))
            i += 1
            continue
        if "-" in word:
            names.extend(_compound_parts(word, start, lex))
            i += 1
            continue
        if _acronym_name(word, lex, "de"):
            stem = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
            names.append(Name(word, start, end, "acronym", lex.gazetteer.get(stem) or (stem,)))
            i += 1
            continue
        previous = tokens[i - 1][0] if i else ""
        if i and _is_title(previous) and not initial and _surname(word, lex):
            j = _person_end(tokens, i, lex)
            last = tokens[j - 1]
            names.append(_person(text, start, last, "title"))
            i = j
            continue
        if word in lex.first_names and i + 1 < n and not tokens[i + 1][3] and _capital(tokens[i + 1]) and _surname(tokens[i + 1][0], lex):
            j = _person_end(tokens, i + 1, lex)
            last = tokens[j - 1]
            names.append(_person(text, start, last, "first-name"))
            i = j
            continue
        if word.isalpha() and word.lower() not in GERMAN_NOT_NAMES and not _is_title(word) and not (
            (previous.lower() in _DETERMINERS or previous.endswith(_ADJECTIVE_ENDINGS) or previous.isdigit())
            and lex.german_zipf(word) >= COMMON_NOUN_ZIPF
        ):
            stems = german_stems(word)
            # Only a genitive s comes off a known name (Merkels); "Krisen" is not "Kris".
            known = next((s for s in stems[:1] + tuple(x for x in stems[1:] if len(x) == len(word) - 1 and word.endswith("s"))
                          if s in lex.known_names), None)  # fmt: skip
            if known and (initial and lex.german_zipf(word) >= COMMON_NOUN_ZIPF or
                          lex.german_zipf(word) >= 4.0 and lex.english_zipf(word) < 3.0):  # fmt: skip
                known = None  # a German word English keeps inside names ("Mitte", "Spiegel")
            if known:
                names.append(Name(word, start, end, "known", (known,)))
            elif not initial and german_lexicon_name(word, lex):
                name = Name(word, start, end, "lexicon", (stems[1] if len(stems) > 1 and word.endswith("s") and german_lexicon_name(stems[1], lex) else word,))
                names.append(name)
                weak.setdefault(word, []).append(name)
        i += 1
    for found in weak.values():
        if len(found) > 1:
            for name in found:
                name.evidence = "repeated"
    return names


def _capital(token: tuple[str, int, int, bool]) -> bool:
    return token[0][0].isupper() and token[0].replace("-", "").isalpha()


def _person_end(tokens: list, i: int, lex: Lexicon) -> int:
    """The index after a person's name starting at token i: given names, particles, then the surname."""
    j = i
    n = len(tokens)
    while j + 1 < n and not tokens[j + 1][3]:
        if tokens[j][0] in lex.first_names and _capital(tokens[j + 1]) and _surname(tokens[j + 1][0], lex):
            j += 1
            continue
        if tokens[j + 1][0] in _PARTICLES:  # von Weizsäcker, von der Leyen, de Maizière
            k = j + 2
            if k < n and tokens[k][0] in _AFTER_PARTICLE:
                k += 1
            surname = tokens[k][0] if k < n else ""
            if surname and _capital(tokens[k]) and not surname.isupper() and (
                surname in lex.known_names or german_lexicon_name(surname, lex)
            ):
                j = k
                continue
        break
    return j + 1


def _person(text: str, start: int, last: tuple, evidence: str) -> Name:
    surname = last[0]
    stems = german_stems(surname)
    # A genitive s on a surname (Merkels) is an ending; "Hans" or "Weiss" keep theirs.
    match = stems[1] if surname.endswith("s") and len(stems) > 1 and not surname.endswith(("ss", "us", "is", "os")) else surname
    return Name(text[start : last[2]], start, last[2], evidence, (match,))


def _phrase(tokens: list, i: int, phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    for phrase in phrases:
        if i + len(phrase) <= len(tokens) and all(tokens[i + k][0] == w for k, w in enumerate(phrase)):
            return phrase
    return None


def _compound_parts(word: str, start: int, lex: Lexicon) -> list[Name]:
    """Names inside a hyphenated compound: Biden-Regierung → Biden, CDU-Chef → CDU, EU-Gipfel → EU."""
    out = []
    offset = start
    parts = word.split("-")
    if parts[-1].lower() in _CURRENCY_HEADS:
        return out  # US-Dollar, Hongkong-Dollar: a currency, checked as a unit by the number check
    if len(parts[0]) == 1:
        return out  # S-Bahn, U-Bahn-Zug, E-Mail, T-Shirt: a common noun, whatever its parts
    taken: set[int] = set()
    for k in range(1, len(parts)):
        if parts[k - 1].lower() in _PARTICLES and parts[k][:1].isupper() and k - 1 not in taken:
            # Bin-Laden-Gruppe → "Binladin Group", de-Gaulle-Platz: the particle is part of the name.
            at = start + len("-".join(parts[: k - 1])) + (1 if k > 1 else 0)
            end = at + len(parts[k - 1]) + 1 + len(parts[k])
            joined = parts[k - 1].capitalize() + parts[k].lower()
            out.append(Name(word[at - start : end - start], at, end, "known", (joined, f"{parts[k - 1]} {parts[k]}")))
            taken.update((k - 1, k))
    for k, part in enumerate(parts):
        if part and part[0].isupper() and k not in taken:
            last = k == len(parts) - 1
            forms = _gazetteer(part, lex)
            if forms and not (last and len(parts) > 1 and lex.german_zipf(part) >= 4.5 and part not in lex.known_names):
                # A place as a compound's modifier (US-Präsident, US-Konzern) is often left to the context
                # ("the President", "the group"): it supports, and a place put in its stead still pairs.
                out.append(Name(part, offset, offset + len(part), "gazetteer", forms,
                                required=last or part not in lex.german_places))
            elif _acronym_name(part, lex, "de"):
                out.append(Name(part, offset, offset + len(part), "acronym", lex.gazetteer.get(part) or (part,)))
            elif not last and (part in lex.known_names or part in lex.first_names or german_lexicon_name(part, lex)):
                out.append(Name(part, offset, offset + len(part), "known" if part in lex.known_names else "lexicon", (part,)))
        offset += len(part) + 1
    return out


def find_english(text: str, lex: Lexicon) -> list[Name]:
    tokens = _tokens(text)
    names: list[Name] = []
    for i, (word, start, end, initial) in enumerate(tokens):
        if not word[0].isupper():
            continue
        stem = english_stem(word)
        lower = stem.lower()
        if lower in ENGLISH_NOT_NAMES or lower in lex.english_adjectives or lower in ENGLISH_TITLES and not is_acronym(stem):
            continue
        previous = tokens[i - 1][0] if i else ""
        after_title = bool(previous) and not initial and (
            previous.rstrip(".").lower() in ENGLISH_TITLES or previous in lex.first_names
        )
        if after_title and lower in _ROLE_TAILS:
            continue  # Attorney General, Secretary General, President-elect: part of the role
        if _acronym_name(stem, lex, "en"):
            evidence = "acronym"
        elif is_acronym(stem):
            continue
        elif after_title and stem.replace("-", "").isalpha():
            evidence = "title"
        elif stem in lex.english_places and not initial:
            evidence = "place"  # an exonym (Munich, Vienna): translators seldom add a city
        elif lower in lex.english_known or (stem in lex.known_names and not (
            initial and lex.english_zipf(stem) >= COMMON_ENGLISH
        )):
            evidence = "known"
        elif stem in lex.first_names and not initial:
            evidence = "first-name"  # translators add given names: supports, is never "added"
        elif initial or not stem.replace("-", "").replace("'", "").isalpha():
            continue
        else:
            en = lex.english_zipf(stem)
            if lex.german_zipf(stem) >= COMMON_GERMAN + 0.5 and en < 1.5:
                continue  # untranslated German (Mittwoch): the untranslated check's business
            # A common English word capitalised (Government, Shanghai, Lille) may or may not be a name:
            # it can stand in for a source name ("altered") but is never reported as added by itself.
            evidence = "capitalised" if en >= ENGLISH_WORD else "lexicon"
        names.append(Name(word, start, end, evidence, (stem,), side="en"))
    return names


def word_keys(text: str) -> dict[str, list[tuple[str, int, int, str]]]:
    """key → [(word, start, end, form)] for every capitalised word of `text` under its own key, its
    German stems' and English possessive stem's (form: the one keyed), and the parts of hyphenated
    words: what a name is looked up in."""
    out: dict[str, list[tuple[str, int, int, str]]] = {}
    for word, start, end, _ in _tokens(text):
        if not word[0].isupper():
            continue  # names are capitalised; "an" must not stand for Hahn
        forms = {word, english_stem(word), *german_stems(word)}
        if "-" in word:
            offset = start
            for part in word.split("-"):
                if part:
                    for form in (part, *german_stems(part)):
                        out.setdefault(key(form), []).append((part, offset, offset + len(part), form))
                offset += len(part) + 1
        for form in forms:
            out.setdefault(key(form), []).append((word, start, end, form))
    return out
