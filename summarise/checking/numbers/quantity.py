"""One typed `Quantity` per number, and one function that compares two of them field by field.

A recogniser finds a `Number` (value, span, kind, unit); `quantity(number, text, language)` reads the
rest of what the text says about it from the words around it — the direction of a change, the relation
the figure stands in, the currency, the rate's per-unit, the hedge, and the content words it quantifies —
into a `Quantity`. `compare(source, candidate, mode)` then applies one documented rule per field and
returns the first field that differs (`FieldDiff`, with a message for people), or None.

Rules (each field one rule; a field a side does not state is never a difference):

* value — translation mode: the pair was matched on the exact value already; summary mode: rounding is
  accepted when the source value rounds to the summary's figure at the precision the summary writes it
  (`precision`), and the hedge agrees with the direction of rounding ("nearly 4.5 million" for 4,46 Mio.,
  "more than 30 percent" for 31,6); a hedge that points the wrong way is `rounding`.
* kind — ordinal ≠ cardinal (a rank word, "Platz drei", reads as an ordinal), regnal, century, month. In
  translation mode only when the cardinal counts something (`counts`: "three places", "five times", "drei
  Plätze"): a proportion ("one in six" for "jeder sechste"), a label ("World War Two"), a tally ("the fourth
  in four games") or a bound ("up to six days") is how translators rewrite ranks.
* unit / per / currency — the same ISO currency (Franken = CHF = Fr.; a pound is money or weight), the
  same per-unit of a rate ("pro Stunde" / "an hour", "jährlich" / "a year"). A bare figure against the
  other side's explicit currency takes the currency its sentence names (`implied_currency`: "eine halbe
  Milliarde Dollar … 300 Millionen" / "€300 million" is dollars become euros).
* direction — up / down: "stieg", "legte zu", "ein Plus von" / "rose", "gained" against "fell", "lost".
* relation — by ("um") ≠ to ("auf"); a lower bound (at least, more than, over) ≠ an upper bound (up to,
  at most, under, nearly); "about" agrees with either.
* referent (summary mode, see `summarise.checking.numbers.referent`) — the words around the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import fold, space_before
from .lexicon import CURRENCIES, ENGLISH_SMALL_ORDINALS
from .number import Number
from .parsing import number_word_value
from .registry import gated

DIRECTIONS = ("up", "down")

# Direction words. German puts the verb last, so they are looked for on both sides of the figure within
# its clause; the nearest wins.
# "8,3 Prozent mehr als im Vorjahr", "5 Prozent weniger": a comparative is a direction, but not "mehr als 20"
# (a bound, see _RELATION), "nicht mehr" (no longer) or "immer mehr" (more and more, no figure's change).
_MORE_DE = (r"(?<!nicht\s)(?<!immer\s)(?<!nie\s){word}\b(?!\s+als\s+(?:\d|ein|zwei|drei|vier|fünf|sechs|sieben|acht|"
            r"neun|zehn|elf|zwölf|zwanzig|dreißig|hundert|tausend|doppelt|die\s+Hälfte))")
_UP_DE = (r"angestiegen|aufgestockt|aufstock\w*|aufzustock\w*|vergrößer\w*|ausgebaut|ausbau\w*|gesteigert|steigert\w*|"
          r"legte\w*\b(?:[^.;,!?]|[.,](?=\d)){0,60}?\bzu\b|nahm\w*\b(?:[^.;,!?]|[.,](?=\d)){0,60}?\bzu\b|stieg\w*|steig\w*|gestiegen|ansteig\w*|anstieg\w*|legte\w*\s+zu|zugelegt|zulegen|kletter\w*|geklettert|"
          r"Plus|Zuwachs\w*|Zunahme|nahm\w*\s+zu|zugenommen|wuchs|gewachsen|wächst|erhöh\w*|verteuer\w*|"
          r"höher|Anstieg\w*|zulegte\w*|sprang|gesprungen|verbessert\w*|Gewinn(?:e|s)?\b|Überschuss\w*|"
          r"[A-ZÄÖÜ]\w*(?:anstieg|zuwachs|zunahme|gewinn|plus|überschuss)(?:e|s|es|en)?\b|"  # Umsatzplus, Preisanstieg
          + _MORE_DE.format(word="mehr"))
_DOWN_DE = (r"gibt\b(?:[^.;,!?]|[.,](?=\d)){0,60}?\bab\b|gab\w*\b(?:[^.;,!?]|[.,](?=\d)){0,60}?\bab\b|"
            r"reduzier\w*|verbillig\w*|verringer\w*|abgebaut|abbau\w*|verkleiner\w*|abgestürzt|stürzte\w*|"
            r"brach\w*\b(?:[^.;,!?]|[.,](?=\d)){0,60}?\bein\b|ging\w*\b(?:[^.;,!?]|[.,](?=\d)){0,60}?\bzurück\b|nahm\w*\b(?:[^.;,!?]|[.,](?=\d)){0,60}?\bab\b|sank\w*|sinkt|gesunken|sinken|fiel\w*|gefallen|fällt|Minus|Rückgang\w*|ging\w*\s+zurück|"
            r"zurückgegangen|zurück|verlor\w*|verloren|Verlust\w*|gesenkt|senkt\w*|Abnahme|nahm\w*\s+ab|"
            r"abgenommen|schrumpf\w*|geschrumpft|brach\w*\s+ein|eingebrochen|Einbruch|billiger|niedriger|"
            r"gekürzt|kürzt\w*|verschlechtert\w*|Defizit\w*|"
            r"[A-ZÄÖÜ]\w*(?:rückgang|abnahme|einbruch|verlust|minus|defizit)(?:e|s|es|en)?\b|"  # Umsatzrückgang
            + _MORE_DE.format(word="weniger"))
# "29 percent less likely", "8 percent more than last year" (not "more than 20", "no more", "once more")
_MORE_EN = (r"(?<!no\s)(?<!any\s)(?<!once\s){word}\b(?!\s+than\s+(?:\d|a\b|an\b|one|two|three|four|five|six|seven|"
            r"eight|nine|ten|twenty|hundred|thousand|double|twice|half))")
_UP_EN = (r"rose|rise[sn]?|rising|increas\w*|grew|grows?|growing|grown|gain\w*|climb\w*|jump\w*|surg(?:e[sd]?|ing)|"
          r"soar\w*|higher|up(?=\s+(?:by|to|from|\d))|plus|boost\w*|raised?|rais\w*|improv\w*|expand\w*|profits?|"
          r"surplus\w*|"
          + _MORE_EN.format(word="more"))
_DOWN_EN = (r"fell|fall\w*|drop\w*|declin\w*|decreas\w*|lost|los[ei]\w*|shr[aiu]nk\w*|slump\w*|plung\w*|"
            r"sank|sunk|sink\w*|down(?=\s+(?:by|to|from|\d))|lower\w*|cut|cuts|minus|slid\w*|tumbl\w*|reduc\w*|worsen\w*|"
            r"loss|losses|deficits?|"
            + _MORE_EN.format(word="(?:less|fewer)"))
_DIRECTION = {
    "de": re.compile(rf"\b(?:(?P<up>{_UP_DE})|(?P<down>{_DOWN_DE}))\b"),
    "en": re.compile(rf"\b(?:(?P<up>{_UP_EN})|(?P<down>{_DOWN_EN}))\b", re.I),
}
# Relations, right before the figure (a hedge may stand between: "um knapp 5").
_RELATION = {
    "de": re.compile(
        r"(?:\b(?P<by>um)|\b(?P<to>auf)|\b(?P<from>von)|\b(?P<upto>bis\s+zu|höchstens|maximal)|"
        r"\b(?P<atleast>mindestens|wenigstens|zumindest|nicht\s+weniger\s+als)|\b(?P<over>mehr\s+als|über|gut|oberhalb\s+von)|"
        r"\b(?P<under>weniger\s+als|unter|knapp\s+unter|unterhalb\s+von)|\b(?P<nearly>knapp|fast|beinahe|nahezu)|"
        r"\b(?P<about>rund|etwa|ca\.|circa|zirka|ungefähr|annähernd|schätzungsweise))"
        r"\s+$",
        re.I,
    ),
    "en": re.compile(
        r"(?:\b(?P<by>by)|\b(?P<to>to)|\b(?P<from>from)|\b(?P<upto>up\s+to|at\s+most|a\s+maximum\s+of|no\s+more\s+than)|"
        r"\b(?P<atleast>at\s+least|a\s+minimum\s+of|no\s+fewer\s+than|no\s+less\s+than)|"
        r"\b(?P<over>more\s+than|over|above|upwards\s+of|just\s+over|a\s+good|in\s+excess\s+of|exceeding)|"
        r"\b(?P<under>less\s+than|fewer\s+than|under|below|just\s+under|just\s+below)|"
        r"\b(?P<nearly>nearly|almost|close\s+to|approaching|just\s+shy\s+of|not\s+quite)|"
        r"\b(?P<about>about|around|roughly|approximately|some|an\s+estimated|circa|ca\.|c\.|roughly))"
        r"\s+(?:\$|€|£)?$",
        re.I,
    ),
}


def _last_words(pattern: re.Pattern) -> tuple[str, ...]:
    """The last word of each alternative of `pattern`'s named groups (lower case): a relation word must
    end right before the figure's white space, so the text there must end with one of them."""
    words = set()
    for body in re.findall(r"\(\?P<\w+>([^()]*)\)", pattern.pattern):
        for alternative in body.split("|"):
            words.add(alternative.split(r"\s+")[-1].replace("\\.", ".").lower())
    return tuple(sorted(words))


_RELATION_ENDS = {language: _last_words(pattern) for language, pattern in _RELATION.items()}
# Searched across a clause or a window (each position tried): gated by their first characters (`gated`).
_DIRECTION = {language: gated(pattern) for language, pattern in _DIRECTION.items()}
_RELATION = {language: gated(pattern) for language, pattern in _RELATION.items()}


def _ends_with(text: str, start: int, reach: int, endings: tuple[str, ...], signs: str = "") -> bool:
    """Whether a pattern `\\b(?:…ending)\\s+[signs]?$` searched in text[start - reach : start] may match:
    the text before `start` — past a sign of `signs`, then white space (or a final newline, where `$`
    also matches) — ends with one of `endings`, folded as a case-insensitive regex compares it. The cheap
    test before the search, which tries every position of the window."""
    window = text[max(0, start - reach) : start]
    for tail in (window, window[:-1]) if window.endswith("\n") else (window,):
        if signs and tail[-1:] and tail[-1] in signs:
            tail = tail[:-1]
        if tail[-1:].isspace() and fold(tail.rstrip()).endswith(endings):
            return True
    return False


# Bounds a relation puts on the true value relative to the figure.
BOUND = {"atleast": "above", "over": "above", "upto": "below", "under": "below", "nearly": "below"}
RELATION_WORDS = {"by": "by", "to": "to", "from": "from", "upto": "up to", "atleast": "at least", "over": "over",
                  "under": "under", "nearly": "nearly", "about": "about"}  # fmt: skip
# Per-units of rates.
_PER = {
    "de": re.compile(
        r"\s*(?:(?:pro|je|in\s+der|im|am|an\s+einem)\s+(?P<unit>Stunde|Minute|Tag|Nacht|Woche|Monat|Jahr|Quartal|Kopf|"
        r"Einwohner\w*|Person|Kilo\w*|Megawattstunde|Liter|Quadratmeter|Barrel|Fass|Tonne|Feinunze|Unze|Gallone|"
        r"Aktie|Haushalt|Meile|Stück|Kind|Schüler\w*|Mitarbeiter\w*|Beschäftigte\w*|Patient\w*)\b"
        r"|(?P<adv>stündlich|täglich|wöchentlich|monatlich|jährlich))",
        re.I,
    ),
    "en": re.compile(
        r"\s*(?:(?:per|a|an|each|every|for\s+each)\s+(?P<unit>hour|minute|day|night|week|month|year|quarter|head|"
        r"capita|inhabitant|resident|person|(?:kilo|mega)watt[\s-]+hour|kilo\w*|litre|liter|square\s+metre|barrel|"
        r"tonne|ton|(?:troy\s+|fine\s+)?ounce|gallon|share|household|mile|piece|child|pupil|student|employee|"
        r"worker|patient)s?\b|(?P<adv>hourly|daily|weekly|monthly|"
        r"annually|yearly|a\s+year|per\s+annum))",
        re.I,
    ),
}
_PER_CANON = {
    "stunde": "hour", "stündlich": "hour", "tag": "day", "täglich": "day", "woche": "week", "wöchentlich": "week",
    "monat": "month", "monatlich": "month", "jahr": "year", "jährlich": "year", "quartal": "quarter",
    "kopf": "person", "einwohner": "person", "person": "person", "liter": "litre", "quadratmeter": "m²",
    "hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
    "a year": "year", "per annum": "year", "head": "person", "capita": "person", "inhabitant": "person",
    "resident": "person", "litre": "litre", "square metre": "m²", "kilogramm": "kg", "kilogram": "kg",
    "kilo": "kg", "minute": "minute", "nacht": "night", "night": "night",
    # trade and commodity rates ("71 Dollar je Barrel", "2.000 Euro pro Tonne", "Dividende je Aktie")
    "barrel": "barrel", "fass": "barrel", "tonne": "tonne", "ton": "tonne", "feinunze": "ounce", "unze": "ounce",
    "troy ounce": "ounce", "fine ounce": "ounce", "ounce": "ounce", "gallone": "gallon", "gallon": "gallon",
    "kilowattstunde": "kWh", "kilowatt hour": "kWh", "kilowatt-hour": "kWh", "megawattstunde": "MWh",
    "megawatt hour": "MWh", "megawatt-hour": "MWh", "kilometer": "km", "kilometre": "km", "meile": "mile",
    "mile": "mile", "aktie": "share", "share": "share", "haushalt": "household", "household": "household",
    "stück": "piece", "piece": "piece", "kind": "child", "child": "child", "schüler": "pupil", "pupil": "pupil",
    "student": "pupil", "mitarbeiter": "employee", "beschäftigte": "employee", "employee": "employee",
    "worker": "employee", "patient": "patient",
}  # fmt: skip
# Longest first: "kilowattstunde" is a kWh, not a "kilo"; "tonne" is not a "ton".
_PER_KEYS = sorted(_PER_CANON, key=len, reverse=True)
_CLAUSE_END = re.compile(r"[.;:!?]\s|[.;:!?]$|,\s|\s[–—-]\s|\n")
_CURRENCY_WORDS = {"CHF": "Swiss francs", "GBP": "pounds", "USD": "dollars", "EUR": "euros", "JPY": "yen",
                   "CNY": "yuan", "RUB": "roubles", "SEK": "kronor", "DKK": "kroner", "TRY": "lira", "INR": "rupees"}  # fmt: skip
# Words that make a cardinal a rank: "Platz drei" is third place.
_RANK_BEFORE = {
    "de": re.compile(r"\b(?:Platz|Rang|Position|Nummer|Nr\.|Stufe|Runde|Liga|Etappe|Tabellenplatz)\s+$", re.I),
    "en": re.compile(r"\b(?:place|rank|position|number|No\.|round|stage|league|tier)\s+$", re.I),
}
_RANK_BEFORE = {language: gated(pattern) for language, pattern in _RANK_BEFORE.items()}


# A cardinal that counts: followed by "times" / "Mal" or a plural noun ("three places", "drei Plätze"),
# perhaps past one adjective ("three consecutive titles"). A proportion ("one in six", "jeder sechste" is
# its ordinal form) or a label ("Kapitel 3", "number 3") does not count anything.
_NOT_PLURAL = ("is", "was", "has", "does", "as", "us", "its", "his", "hers", "this", "thus", "plus", "less", "unless",
               "yes", "across", "always", "perhaps", "whereas", "towards", "afterwards", "percent", "ones", "others",
               "pieces")  # fmt: skip
_COUNT_AFTER = {
    "en": re.compile(r"[\s-]+(?:(?P<times>times)\b|(?P<noun>[a-z]{2,})\b(?:[\s-]+(?P<second>[a-z]{2,})\b)?)"),
    "de": re.compile(r"[\s-]*(?:(?P<times>mal|Mal)\b|(?P<noun>[A-ZÄÖÜ][a-zäöüß]+)\b)"),
}
_PROPORTION_BEFORE = {
    # "up to six days" for "bis zum sechsten Tag" is a bound on a count, as the ordinal is
    "en": re.compile(r"\b(?:(?:one|a|\d+)\s+(?:in|out\s+of)|of\s+every|every|per|up\s+to|first|last|past|previous)\s+$", re.I),
    "de": re.compile(r"\b(?:(?:eine[rs]?|\d+)\s+(?:von|aus)|jede[mnrs]?|pro|alle)\s+$", re.I),
}
_WRITTEN_NUMBER = re.compile(r"[\d.,\s]+|[^\W\d_]+")


def _plural(word: str | None) -> bool:
    return bool(word) and word.endswith("s") and not word.endswith("ss") and word not in _NOT_PLURAL


GERMAN_ORDINAL_STEMS = ("null", "erste", "zweite", "dritte", "vierte", "fünfte", "sechste", "siebte", "achte", "neunte",
                        "zehnte", "elfte", "zwölfte")  # fmt: skip
_MATCH_MINUTE = re.compile(r"\b(?:on|after)\s+$")
_LABEL_BEFORE = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+\s+$")
_IN_BEFORE = {"en": re.compile(r"\bin\s+$"), "de": re.compile(r"\b(?:in|aus)\s+$")}


def _tally(n: Number, text: str, language: str) -> bool:
    """ "the fourth in four games", "for the seventh time in seven matches" (a rank out of a count, as
    translators write "der vierten im vierten Spiel"): the ordinal of the same value right before."""
    if not _IN_BEFORE[language].search(text, max(0, n.start - 5), n.start) or not 1 <= n.value <= 12:
        return False
    before = text[max(0, n.start - 50) : n.start].lower()
    value = int(n.value)
    if language == "en":
        return bool(re.search(rf"\b(?:{ENGLISH_SMALL_ORDINALS[value]}|{value}(?:st|nd|rd|th))\b", before))
    return bool(re.search(rf"\b{value}\.|\b{GERMAN_ORDINAL_STEMS[value]}", before))


def counts(n: Number, text: str, language: str) -> bool:
    """Whether the cardinal `n` counts things, periods or occurrences (see `_COUNT_AFTER`): "drei Plätze",
    "fünf Mal", "seven months", "three consecutive titles"; not a compound ("Achtelfinale"), a measure
    ("5 km") or a proportion ("one in six")."""
    if n.kind != "cardinal" or n.scale != 1 or (n.unit is not None and n.unit not in _TIME_UNITS):
        return False
    if n.unit is not None and (language == "de" or (n.unit == "min" and _MATCH_MINUTE.search(text, max(0, n.start - 8), n.start))):
        # German periods are rewritten as ranks ("seit drei Jahren" / "now in its third year", "Zehn Jahre
        # Festival" / "Tenth Anniversary"); "on 52 minutes" is the football minute, as "in der 52. Minute"
        return False
    if (n.text[:1].isupper() or n.text[:1].isdigit()) and _LABEL_BEFORE.search(text, max(0, n.start - 20), n.start):
        return False  # a label: "World War Two", "Chapter Three", "Category 2 riders"
    if not _WRITTEN_NUMBER.fullmatch(n.text) or (n.spelled and number_word_value(n.text, language) is None):
        return False
    if _PROPORTION_BEFORE[language].search(text, max(0, n.start - 20), n.start):
        return False
    m = _COUNT_AFTER[language].match(text, n.end)
    if m is None or _tally(n, text, language):
        return False
    if m["times"] or language == "de":
        return True
    return _plural(m["noun"]) or (m["noun"] not in _NOT_PLURAL and _plural(m["second"]))


_UNSET = object()


class Quantity:
    """A number with what its text says about it. `number` keeps the value, span, kind and unit.

    Each field is read from the text when first asked for: `compare` asks for a candidate's field only
    where the source states one ("rose" on one side, nothing on the other, is no difference), so most
    pairs never search for a candidate's direction, hedge or rate."""

    __slots__ = ("number", "text", "language", "_kind", "_relation_match", "_currency", "_per", "_direction",
                 "_preposition")  # fmt: skip

    def __init__(self, number: Number, text: str, language: str) -> None:
        self.number, self.text, self.language = number, text, language  # the text it stands in, and its language
        self._kind = self._relation_match = self._currency = self._per = _UNSET
        self._direction = self._preposition = _UNSET

    def __repr__(self) -> str:
        fields = ("kind", "currency", "per", "direction", "relation", "preposition")
        return f"Quantity({self.number.text!r}, " + ", ".join(f"{f}={getattr(self, f)!r}" for f in fields) + ")"

    @property
    def value(self) -> float:
        return self.number.value

    @property
    def kind(self) -> str:
        """The Number's kind, ordinal for a rank ("Platz drei")."""
        if self._kind is _UNSET:
            n, text = self.number, self.text
            rank = (n.kind == "cardinal" and n.unit is None and space_before(text, n.start)
                    and _RANK_BEFORE[self.language].search(text, max(0, n.start - 20), n.start))  # fmt: skip
            self._kind = "ordinal" if rank else n.kind
        return self._kind

    @property
    def currency(self) -> str | None:
        """ISO code: the number's own, or the one written after a range's second figure ("10 bis 25 Dollar")."""
        if self._currency is _UNSET:
            n = self.number
            currency = n.unit if n.kind == "currency" and n.unit not in (None, "ct") else None
            if currency is None and n.kind == "cardinal" and n.unit is None:
                currency = _range_currency(self.text, n.end)
            self._currency = currency
        return self._currency

    @property
    def per(self) -> str | None:
        """"hour", "year", "person", …: the per-unit of a rate."""
        if self._per is _UNSET:
            n = self.number
            self._per = (per_unit(self.text, n.end, self.language, n.unit is not None and n.kind == "cardinal")
                         if n.kind in ("cardinal", "currency", "percent") else None)  # fmt: skip
        return self._per

    @property
    def relation(self) -> str | None:
        """A key of RELATION_WORDS, None when the figure stands bare. Of the soft numbers only fractions have
        one ("mehr als die Hälfte" / "less than half"), whose bound is as much a claim as a digit's."""
        return _relation_name(self._relation())

    def _relation(self) -> re.Match | None:
        if self._relation_match is _UNSET:
            n = self.number
            found = n.kind in _CHANGE_KINDS and (not n.soft or n.kind == "fraction")
            self._relation_match = _relation_match(self.text, n.start, self.language) if found else None
        return self._relation_match

    @property
    def change(self) -> bool:
        """A change has an amount: a percentage, money, a measurement or a scaled figure ("der 17-Jährige",
        "nach 500 Tagen", "drei Trainer" next to "klettern" / "steigt ab" are not changes); a bare count only
        with a direction word and "um" / "auf" ("sank um 300"; not "es geht um 139 Kunden")."""
        n = self.number
        return n.kind in ("percent", "currency") or (
            n.kind in _CHANGE_KINDS and n.unit not in _TIME_UNITS and (n.unit is not None or n.scale != 1)
        ) or (n.kind == "fraction" and bool(_COMPARATIVE_AFTER[self.language].match(self.text, n.end)))

    def _said_preposition(self) -> str | None:
        """ "by" / "to" before the figure as written, past a hedge ("um knapp 5")."""
        m = self._relation()
        return _preposition(self.text, m, self.language) if _relation_name(m) else None

    @property
    def direction(self) -> str | None:
        """"up" | "down" | None (not said)."""
        if self._direction is _UNSET:
            n = self.number
            self._direction = (direction(self.text, n.start, n.end, self.language)
                               if self.change or self._said_preposition() else None)  # fmt: skip
        return self._direction

    @property
    def preposition(self) -> str | None:
        """ "by" | "to" (um / auf) of a change, also past a hedge: "um knapp 5"."""
        if self._preposition is _UNSET:
            n, prep = self.number, self._said_preposition()
            if prep and not self.change and self.direction is None:
                prep = None
            if prep and _FROM_BEFORE[self.language].search(self.text, _sentence_start(self.text, n.start), n.start):
                prep = None  # "von 23 % ... um 27 %" / "from 23% to 27%": the second figure of a from-to pair
            self._preposition = prep
        return self._preposition

    @property
    def precision(self) -> float:
        """Half the step of the last digit written ("4.5 million": 50,000); only summaries need it."""
        return precision(self.number)

    @property
    def bound(self) -> str | None:
        return BOUND.get(self.relation or "")

    @property
    def count(self) -> bool:
        """A cardinal that counts things or occurrences ("three places", "fünf Mal"): see `counts`."""
        return self.kind == "cardinal" and counts(self.number, self.text, self.language)

    @property
    def implied(self) -> str | None:
        """A bare figure's currency from its sentence ("2,1 Milliarden" after "2,3 Milliarden $")."""
        n = self.number
        if self.currency is not None or n.kind != "cardinal" or n.unit is not None:
            return None
        return implied_currency(self.text, n.start, n.end)


@dataclass(slots=True)
class FieldDiff:
    field: str  # value | rounding | kind | currency | per | direction | relation | belongs to
    message: str


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): up to the nearest sentence or clause boundary on either side."""
    left = max(0, start - 80)
    lo = left
    for m in _CLAUSE_END.finditer(text, left, start):
        lo = m.end()
    m = _CLAUSE_END.search(text, end, min(len(text), end + 80))
    return lo, (m.start() if m else min(len(text), end + 80))


# Nouns naming a state that points one way (a profit, a loss), not a movement: any verb in the clause wins.
_STATE_NOUN = re.compile(r"(?:gewinn|verlust|überschuss|defizit|profit|loss|surplus|deficit)\w*$", re.I)


def direction(text: str, start: int, end: int, language: str) -> str | None:
    lo, hi = _clause(text, start, end)
    best: tuple[int, str] | None = None
    pattern = _DIRECTION[language]
    for m in pattern.finditer(text, lo, hi):
        if start <= m.start() < end:
            continue
        distance = max(0, start - m.end()) if m.start() < start else m.start() - end
        if language == "en" and m.start() > end + 1:
            # English states the change before the figure ("rose 5 percent") or right after it ("a 5 percent
            # increase"); further after, the verb is another figure's
            distance += 15
        if m.group().lower() in ("zurück", "up", "down", "cut") and m.start() >= end:
            distance += 10  # particles after the figure belong to it only in German verb-final clauses
        if _STATE_NOUN.search(m.group()):
            distance += 60  # a profit or a loss is a state: a verb of the clause says how it moved ("Gewinn fiel")
        name = "up" if m.group("up") else "down"
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1] if best else None


def relation(text: str, start: int, language: str) -> str | None:
    """The relation word right before the figure; a hedge there ("um knapp 5", "to nearly 4.5") is what
    bounds the value, and the "by" / "to" before the hedge is kept apart (`Quantity.preposition`)."""
    return _relation_name(_relation_match(text, start, language))


def _relation_match(text: str, start: int, language: str) -> re.Match | None:
    if not _ends_with(text, start, 30, _RELATION_ENDS[language], "$€£" if language == "en" else ""):
        return None
    return _RELATION[language].search(text, max(0, start - 30), start)


def _relation_name(m: re.Match | None) -> str | None:
    return m.lastgroup if m else None  # one named group per relation, none inside another


def _preposition(text: str, m: re.Match | None, language: str) -> str | None:
    """ "by" or "to" ("um" / "auf") before the figure, past one hedge word, from the relation word's match
    `m` (None: no relation word)."""
    if m and m.group("by") is None and m.group("to") is None:
        inner = _RELATION[language].search(text, max(0, m.start() - 12), m.start())
        m = inner if inner and (inner.group("by") or inner.group("to")) else None
    if not m:
        return None
    return "by" if m.group("by") else "to" if m.group("to") else None


_UNIT_WORD = re.compile(r"\s*[^\W\d_]+\.?")


def per_unit(text: str, end: int, language: str, unit: bool = False) -> str | None:
    """The per-unit of a rate right after the figure — or after its unit word ("25 Stunden pro Woche")."""
    m = _PER[language].match(text, end)
    position = end
    for _ in range(2 if unit else 0):  # "Kilowattstunden jährlich", "kilowatt hours a month"
        if m:
            break
        word = _UNIT_WORD.match(text, position)
        if word is None:
            break
        position = word.end()
        m = _PER[language].match(text, position)
    if not m:
        return None
    word = (m.group("unit") or m.group("adv")).lower()
    word = re.sub(r"\s+", " ", word)
    for key in _PER_KEYS:
        if word.startswith(key):
            return _PER_CANON[key]
    return word


def precision(n: Number) -> float:
    """Half the step of the last digit the text writes ("4.5 million": 50,000; "70": 0.5; "1.23": 0.005)."""
    digits = re.search(r"\d[\d.,\s]*", n.text)
    if not digits:
        return 0.5 * (n.scale or 1.0)
    written = digits.group().strip()
    decimals = 0
    for sep in (".", ","):
        if sep in written:
            tail = written.rsplit(sep, 1)[1]
            if len(tail) != 3 or n.scale != 1:  # "3.000" is a thousands separator, "4.5 million" a decimal
                decimals = max(decimals, len(tail))
    return 0.5 * 10**-decimals * (n.scale or 1.0)


# "10 bis 25 US-Dollar", "von 4,2 auf 4,1 Milliarden Dollar", "325 and 340 million dollars": the first figure of
# a range or pair takes the currency written after the second.
_RANGE_CURRENCY = re.compile(
    r"\s*(?:bis|und|oder|auf|-|–|to|and|or)\s+[\d.,]+(?:\s+(?:Mio\.|Mrd\.|Millionen|Milliarden|million|billion|bn))?"
    r"\s+(?P<word>[^\W\d_][\w$-]*|[$€£¥])",
    re.I,
)


def _range_currency(text: str, end: int) -> str | None:
    m = _RANGE_CURRENCY.match(text, end)
    if not m:
        return None
    word = m["word"].lower()
    return CURRENCIES.get(word) or CURRENCIES.get(word.removeprefix("us-"))


# A currency named in the sentence of a bare figure: "325 Millionen australische Dollar", "von 2,3 Milliarden $
# auf 2,1 Milliarden", "0,8846 (0,8875) Euro". German writes the currency after the figures it counts, so
# the first one after the figure in its sentence is taken, else the nearest before it.
MONEY_WORD = re.compile(
    r"[$€£¥]|(?<![^\W\d_])(?:" + "|".join(sorted((re.escape(w) for w, code in CURRENCIES.items()
                                                 if code != "ct" and len(w) > 1 and w.isalpha()),
                                                key=len, reverse=True)) + r"|US-Dollar|US-\$)(?![^\W\d_])",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s+[^\W\d_])|\n")


def _sentence_start(text: str, start: int, reach: int = 160) -> int:
    lo = max(0, start - reach)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    return lo


def implied_currency(text: str, start: int, end: int) -> str | None:
    """The ISO code of the currency the sentence around [start, end) names (see `MONEY_WORD`), or None."""
    stop = _SENTENCE_END.search(text, end, min(len(text), end + 160))
    after = MONEY_WORD.search(text, end, stop.start() if stop else min(len(text), end + 160))
    if after is None:
        found = list(MONEY_WORD.finditer(text, _sentence_start(text, start), start))
        after = found[-1] if found else None
    if after is None:
        return None
    word = after.group().lower()
    return CURRENCIES.get(word) or CURRENCIES.get(word.removeprefix("us-")) or word.upper()


def quantity(n: Number, text: str, language: str) -> Quantity:
    """`n` with what `text` (in `language`) says about it; each field read when first asked for."""
    return Quantity(n, text, language)


_CHANGE_KINDS = ("cardinal", "percent", "currency", "fraction")
# A share that is a change: "ein Drittel weniger Unfälle", "a third more visitors".
_COMPARATIVE_AFTER = {"de": re.compile(r"\s+(?:mehr|weniger)\b", re.I),
                      "en": re.compile(r"\s+(?:more|less|fewer)\b", re.I)}
_TIME_UNITS = frozenset({"year", "month", "week", "day", "h", "min", "s"})
_FROM_BEFORE = {"de": gated(re.compile(r"\bvon\s+[\d.,]+")), "en": gated(re.compile(r"\bfrom\s+[\d.,]+"))}
# Per-units and currencies compared: the canonical ones (a per-word outside `_PER_CANON`, "je Ausgabe", is no claim).
_PERS = frozenset(_PER_CANON.values())
_ISO = frozenset({"EUR", "USD", "GBP", "CHF", "JPY", "CNY", "RUB", "SEK", "DKK", "TRY", "INR"})
# Currencies an implied reading compares: crowns are one family (German "Kronen" is Swedish, Danish, Norwegian
# or Czech), the rest by ISO code.
_MONEY_FAMILY = {code: ("crowns" if code in ("SEK", "DKK") else code) for code in _ISO}
_BY_TO = ("by", "to")


def _said(word: str | None) -> str:
    return RELATION_WORDS.get(word or "", word or "")


def compare(source: Quantity, candidate: Quantity, mode: str = "translation") -> FieldDiff | None:
    """The first field in which `candidate` says something else than `source` (None: they agree).
    `mode` is "translation" (values were matched exactly) or "summary" (values may be rounded)."""
    s, c = source, candidate
    if mode == "summary":
        wrong = rounding(s, c)
        if wrong:
            return wrong
    kinds = {s.kind, c.kind}
    # Translation mode lets an ordinal become a cardinal that counts nothing: human translators write "one
    # in six" for "jeder sechste", "number two" or "No. 2" for "Platz zwei" (WMT references); a count of
    # things or times ("three places" for "den dritten Platz", "five times" for "zum fünften Mal") is another
    # statement.
    if "ordinal" in kinds and "cardinal" in kinds and (mode == "summary" or s.count or c.count):
        return FieldDiff("kind", f"kind: {_kind_word(s)} {s.number.text} became {_kind_word(c)} {c.number.text}")
    if s.currency in _ISO and c.currency in _ISO and s.currency != c.currency:
        return FieldDiff("currency", f"currency: {_CURRENCY_WORDS.get(s.currency, s.currency)} became "
                                     f"{_CURRENCY_WORDS.get(c.currency, c.currency)} ({s.number.text} → {c.number.text})")  # fmt: skip
    # A bare figure in a sentence about one currency against the other side's explicit other currency
    # ("Milliarde Dollar ... 300 Millionen" / "€300 million"); two implied currencies are not compared.
    said_s = said_c = None
    if (s.currency in _ISO) != (c.currency in _ISO):  # one side explicit: read the other's from its sentence
        said_s, said_c = _MONEY_FAMILY.get(s.currency or s.implied), _MONEY_FAMILY.get(c.currency or c.implied)
    if said_s and said_c and said_s != said_c:
        return FieldDiff("currency", f"currency: {_CURRENCY_WORDS.get(said_s, said_s)} became "
                                     f"{_CURRENCY_WORDS.get(said_c, said_c)} ({s.number.text} → {c.number.text})")  # fmt: skip
    if s.per in _PERS and c.per in _PERS and s.per != c.per:
        return FieldDiff("per", f"per: {s.number.text} per {s.per} became per {c.per}")
    if s.direction and c.direction and s.direction != c.direction and s.number.value >= 0 and c.number.value >= 0:
        return FieldDiff("direction", f"direction: {_verb(s.direction)} became {_verb(c.direction)} "
                                      f"({s.number.text} → {c.number.text})")  # fmt: skip
    if s.preposition in _BY_TO and c.preposition in _BY_TO and s.preposition != c.preposition:
        return FieldDiff("relation", f"relation: {_said(s.preposition)} {s.number.text} became {_said(c.preposition)} "
                                     f"{c.number.text}")  # fmt: skip
    hard_or_fractions = not (s.number.soft or c.number.soft) or s.kind == c.kind == "fraction"
    # (a summary's hedge is judged against the source's value by `rounding`, unless both write the same figure:
    # "knapp neun Stunden" / "more than nine hours")
    same_figure = mode == "translation" or s.value == c.value
    if s.bound and c.bound and s.bound != c.bound and same_figure and hard_or_fractions:
        return FieldDiff("relation", f"relation: {_said(s.relation)} {s.number.text} became {_said(c.relation)} "
                                     f"{c.number.text}")  # fmt: skip
    return None


def _kind_word(q: Quantity) -> str:
    return "ordinal" if q.kind == "ordinal" else "count"


def _verb(direction: str) -> str:
    return "rose" if direction == "up" else "fell"


def rounding(s: Quantity, c: Quantity) -> FieldDiff | None:
    """Summary mode: `c` is `s` rounded at the precision `c` is written with, hedged the right way."""
    sv, cv = s.value, c.value
    if sv == cv:
        return None
    bound = c.bound
    if bound == "below" and sv > cv:
        return FieldDiff("rounding", f"rounded the wrong way: {_said(c.relation)} {c.number.text} for {s.number.english}")
    if bound == "above" and sv < cv:
        return FieldDiff("rounding", f"rounded the wrong way: {_said(c.relation)} {c.number.text} for {s.number.english}")
    return None


# How far from the figure a hedge may reach, as a share of it: "about" and "nearly" claim closeness
# ("nearly 10 percent" is not 9.4), a bound only a side ("more than 30 percent" for 31.6).
HEDGE_REACH = {"about": 0.05, "nearly": 0.05, "over": 0.1, "under": 0.1, "atleast": 0.1, "upto": 0.1}
# A hedge of closeness caps the reach a coarse figure's own rounding would give it (a tenth of the figure).
CLOSE_HEDGES = ("about", "nearly")
CLOSE_REACH = 0.1


def rounds_to(source_value: float, c: Quantity) -> bool:
    """Whether `source_value` is `c`'s figure at the precision `c` writes (a hedge widens it: "about 30"
    for 31.6, "nearly 70" for 69.8, up to a tenth of the figure)."""
    cv = c.value
    if source_value == cv:
        return True
    if (source_value < 0) != (cv < 0):
        return False
    step = c.precision
    if c.relation in HEDGE_REACH:
        zeros = _trailing_zero_step(c)
        step = max(step, min(zeros, HEDGE_REACH[c.relation] * abs(cv)))
    if c.relation in CLOSE_HEDGES:
        # "nearly 1 billion" claims closeness: not 555 million, though "1 billion" alone may be 0.5-1.5
        step = min(step, CLOSE_REACH * abs(cv))
    return abs(source_value - cv) <= step + 1e-9 * max(1.0, abs(cv))


def _trailing_zero_step(c: Quantity) -> float:
    """A round figure's step: "30" may stand for 25-35, "4.5 million" for 4.4-4.6 million."""
    v = abs(c.value) / (c.number.scale or 1.0)
    if v and float(v).is_integer():
        text = str(int(v))
        zeros = len(text) - len(text.rstrip("0"))
        return 10**zeros * (c.number.scale or 1.0) if zeros else 2 * c.precision
    return 2 * c.precision
