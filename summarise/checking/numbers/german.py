"""Numbers in German text: digits in German notation, number words, dates, times, percentages, signs,
multiples, units, scores, names and vague quantities — each notation one recogniser (see `.registry`)."""

from __future__ import annotations

import re

from .common import (
    ROMAN,
    Taken,
    add_fraction,
    candidate_words,
    clock_parts,
    code_prefix,
    declines,
    durations,
    full_year,
    hyphen_score,
    mid_sentence_capital,
    multiple,
    name_before,
    ranked,
    regnal,
    score,
    settle,
    share_months,
    shares,
    sign_before,
    signs,
    space_before,
    spelled_soft,
    trie_pattern,
    valid_date,
    valid_time,
    word_before,
)
from .lexicon import (
    CURRENCIES,
    DECADE_WORDS_DE,
    GERMAN_FRACTIONS,
    GERMAN_MONTH_WORDS,
    GERMAN_MONTHS,
    GERMAN_NAME_WORDS,
    GERMAN_NUMBER_ATOMS,
    GERMAN_SCALES,
    GERMAN_UNITS,
    GERMAN_WORD_SUFFIXES,
    VAGUE_MANY_TIMES,
)
from .number import Number
from .parsing import digit_tokens, german_ordinal_value, number_word_value, parse_digits
from .registry import Followers, Registry, TokenRegistry, WordRegistry, gated, opening_chars


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NOT_LETTER = r"(?![^\W\d_])"
_SEP = r"[\s\u00a0\u202f-]*"
_MONTHS = _alt(GERMAN_MONTHS)
_DAY_MONTH = re.compile(rf"\.\s*({_MONTHS}){_NOT_LETTER}\.?", re.I)
_UHR = re.compile(r"\s*Uhr\b")
_TIME_BEFORE = re.compile(r"(?:\b(?:um|gegen|ab|bis|von|seit|zwischen|und)\s+|\d[:.]\d\d\s*[-–]\s*)$", re.I)
_TIME_RANGE = re.compile(r"\s*(?:bis|-|–)\s*\d{1,2}[:.]\d\d\s*Uhr")
_JOINER = re.compile(r"\s*(?:,|und|bis|oder|auf|-|–|zu|sowie)\s*")
# "vier Jahrzehnte" is also "40 years", "zwei Jahrtausende" also "two thousand years"
_SPAN_WORDS = ["Jahrzehnt", "Jahrhundert", "Jahrtausend"]
_SPAN_AFTER = re.compile(rf"\s+({'|'.join(_SPAN_WORDS)})")
_SPAN_YEARS = {"Jahrzehnt": 10, "Jahrhundert": 100, "Jahrtausend": 1000}
# Dotted abbreviations must keep their dot ("Bio." is 10^12, "Bio" is organic).
_SCALE_WORDS = [r"Tausend", r"Tsd\.", r"Dutzend", r"Millionen", r"Million", r"Mio\.?", r"Mill\.", r"Milliarden", r"Milliarde",
                r"Mrd\.?", r"Md\.", r"Billionen", r"Billion", r"Bio\.", r"Billiarden", r"Billiarde"]  # fmt: skip
_SCALE = re.compile(rf"{_SEP}({'|'.join(_SCALE_WORDS)}){_NOT_LETTER}", re.I)
_PERCENT_WORDS = [r"(Prozentpunkt[^\W\d_]*)", r"%", r"Prozent[^\W\d_]*", r"v\.\s?H\."]
_PERCENT = re.compile(rf"{_SEP}(?:{'|'.join(_PERCENT_WORDS)})", re.I)
_CURRENCY_WORDS = [r"Euro", r"EUR", r"€", r"US-Dollar", r"Dollar", r"USD", r"US-\$", r"\$", r"Pfund", r"GBP", r"£", r"Franken",
                   r"CHF", r"SFr\.", r"Fr\.", r"Yen", r"Yuan", r"Rubel", r"Cents?", r"Kronen", r"Lira"]  # fmt: skip
_CURRENCY_AFTER = re.compile(rf"{_SEP}({'|'.join(_CURRENCY_WORDS)}){_NOT_LETTER}", re.I)
_CURRENCY_BEFORE = re.compile(r"(€|US-\$|US\$|\$|£|¥|EUR|USD|CHF|GBP|[Ss]?Fr\.)\s?$")  # Swiss "Fr. 12.50"
_CURRENCY_SIGN_ENDS = frozenset("€$£¥RDFP.")  # the last characters of those signs


def _currency_before(text: str, start: int) -> re.Match | None:
    return _CURRENCY_BEFORE.search(text, max(0, start - 6), start) if sign_before(text, start, _CURRENCY_SIGN_ENDS) else None

_UNIT = re.compile(rf"{_SEP}({_alt(GERMAN_UNITS)})(?![^\W_])", re.I)
# The words those read after a number: most numbers are followed by none of them (see `Followers`).
_FOLLOWERS = Followers([*((w, False) for w in (*_SCALE_WORDS, *_PERCENT_WORDS, *_CURRENCY_WORDS, *_SPAN_WORDS)),
                        *((re.escape(u), True) for u in GERMAN_UNITS)], re.I)  # fmt: skip
_DECADE = re.compile(r"er(?:n\b|-?\s?Jahre[^\W\d_]*|\b)")
_ORDINAL_DOT = re.compile(r"\.[ \u00a0]+(?=[^\W\d_])")
_NUMERIC_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_DAY_DOT_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})")
_CODE_BEFORE = re.compile(r"(?:[^\W\d_]|\b[A-Z]{1,5}-)$")

_ATOMS = f"(?:{trie_pattern(GERMAN_NUMBER_ATOMS)})"
_HALF_YEAR = re.compile(r"\s+Jahr")  # "ein halbes Jahr" is often "six months"
_HALF_HOUR = re.compile(r"\s+(eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b")
_WORD_SUFFIX = re.compile(f"({_alt(GERMAN_WORD_SUFFIXES)})[^\\W\\d_]*$", re.I)
_MONTH_WORDS = GERMAN_MONTH_WORDS
# A month as the head of a compound that dates something ("Septemberwochenende", "Oktoberhälfte",
# "Septemberausgabe"); not "Mainz", "Juniorin", "Augustiner", "Oktoberfest".
_MONTH_COMPOUND = re.compile(
    r"(?:wochenende|woche|wochen|hälfte|mitte|anfang|ende|ausgabe|heft|hälfte|tag|tage|tagen|tages|nacht|"
    r"abend|morgen|sitzung|termin|wahl|wahlen|zahlen|bilanz|statistik|umfrage|prognose|quartal)(?:s|n|en)?\b"
)
_ABBREVIATED_MONTHS = frozenset(m for m in GERMAN_MONTHS if m not in _MONTH_WORDS)
# Context: signs, declines ("ein Rückgang um 5 Prozent" is the English "a 5 percent drop"), day parts.
_SIGN_BEFORE = re.compile(r"(?:(?<![\d%)\]]\s)(?<![\w\d.,])[-−–]|(?<![/±])(?<!oder\s)\bminus\s+|(?:^|(?<=[.!?:;]\s))Minus\s+)$")  # "das Minus 18 Prozent" is a decline
_SIGN_AFTER = re.compile(r"\s*(?:Grad\s+)?unter\s+(?:null|Null|dem\s+Gefrierpunkt)\b")
_DECLINE_BEFORE = re.compile(
    r"(?:\b(?:sank|sanken|sinkt|sinken|gesunken|fiel|fielen|fällt|fallen|gefallen|schrumpfte|schrumpft|"
    r"geschrumpft|verlor|verloren|verliert|Rückgang|Minus|Abnahme|Verlust|Einbruch|Abschlag|Kursverlust|"
    r"nachgegeben|gab|gaben|ging|gingen|rutschte|brach|brachen|reduziert|verringert|gesenkt|senkte|"
    r"Senkung|Kürzung|gekürzt|weniger)\b[^.;:!?]{0,25}?\b(?:um|von)\s+(?:rund|etwa|knapp|fast|gut|mehr\s+als|über)?\s*"
    r"|\b(?:im\s+Minus|Minus|Rückgang|Verlust)\s+(?:von\s+)?)$"
)
_DECLINE_AFTER = re.compile(
    r"[^.;:!?]{0,20}?\b(?:weniger|niedriger|zurück|Rückgang|Minus|Verlust|gesunken|gefallen|verloren|"
    r"geschrumpft|eingebrochen|nachgegeben|gesenkt|gekürzt|tiefer|unter\s+dem\s+Vorjahr)\b"
)
# A part of every word `_DECLINE_BEFORE` reads, case as written (see `declines`).
_DECLINE_TRIGGER = re.compile(trie_pattern((
    "sank", "sink", "gesunken", "fiel", "fällt", "fallen", "schrumpf", "verl", "Verl", "Rückgang", "Minus",
    "Abnahme", "Einbruch", "Abschlag", "nachgegeben", "gab", "ging", "rutschte", "brach", "reduziert",
    "verringert", "gesenkt", "senkte", "Senkung", "Kürzung", "gekürzt", "weniger")))  # fmt: skip
# The words a `_DECLINE_BEFORE` match ends with (its white space aside): a figure's "um", "von", "rund"…
_DECLINE_ENDINGS = ("um", "von", "rund", "etwa", "knapp", "fast", "gut", "als", "über", "Minus", "Rückgang", "Verlust")
# The words `_DECLINE_AFTER` reads, case as written ("unter" of "unter dem Vorjahr"): one starts in the 20
# characters after the number, so it lies within the 32 after it (the longest has 12 letters).
_DECLINE_AFTER_TRIGGER = re.compile(trie_pattern((
    "weniger", "niedriger", "zurück", "Rückgang", "Minus", "Verlust", "gesunken", "gefallen", "verloren",
    "geschrumpft", "eingebrochen", "nachgegeben", "gesenkt", "gekürzt", "tiefer", "unter")))  # fmt: skip


def _decline_may_follow(text: str, folded: str | None, end: int) -> bool:
    """False where `_DECLINE_AFTER` cannot match at `end`: none of its words in reach (or the sentence ends
    right there, "5." — the text's end included)."""
    return text[end : end + 1] not in ".;:!?" and _DECLINE_AFTER_TRIGGER.search(text, end, end + 32) is not None


# Searched in a window before a figure (or around it), each position tried: gated by their first characters.
_SIGN_BEFORE, _DECLINE_BEFORE = gated(_SIGN_BEFORE), gated(_DECLINE_BEFORE)
_DURATION_JOINER = re.compile(r"\s*[^\W\d_]*\s+und\s+")
_PM_AFTER = re.compile(r"\s+(?:(morgens|früh|vormittags|in\s+der\s+Früh)|(nachmittags|abends|nachts|am\s+Abend|am\s+Nachmittag|in\s+der\s+Nacht))\b")
_PM_BEFORE = re.compile(r"\b(?:(morgens|früh|vormittags|Morgen|Vormittag)|(nachmittags|abends|nachts|Abend|Nachmittag|Nacht))\s+(?:um|gegen|ab|bis)\s+$")
# Names carrying digits: "1. FC Köln", a two-digit club number with a leading zero ("Schalke 04"),
# digits after a name word ("Formel 1", "ICE 578", "Paragraf 218").
_CLUB_DOT = re.compile(r"\.\s?(?:FC|FSV|FFC|SC|SV|CfR|BC|FCK|FCN)\b")
_NAME_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(„\"']))([A-ZÄÖÜ§][\w§-]*|§§?)\s$")
_MULTIPLE_AFTER = re.compile(r"(?:-?fach(?:e[mnrs]?)?|-?mal\s+so|-?mal\s+(?:mehr|höher|größer|schneller|teurer))\b", re.I)


def _ver_factor(word: str) -> float | None:
    if word.startswith("verdopp"):
        return 2.0
    m = re.match(r"ver(.+?)fach", word)
    return number_word_value(m[1], "de") if m else None


def extract_german(text: str) -> list[Number]:
    """Every number in German `text`, in order of appearance (see the package docstring for the rules)."""
    numbers: list[Number] = []
    for tok, start, end in digit_tokens(text):
        TOKENS.first(text, tok, start, end, numbers)
    taken = Taken(numbers)
    covered = -1
    for m in candidate_words(text, _candidates()):
        start = m.start()
        if start < covered:
            continue
        if m.group() in _MONTH_WORDS and (not text[m.end() : m.end() + 1].isalpha() or _MONTH_COMPOUND.match(text, m.end())):
            word = text[start : m.end()]
            if word[0].isupper() and not taken.overlaps(start, m.end()):
                tail = _MONTH_COMPOUND.match(text, m.end())
                numbers.append(
                    Number(float(GERMAN_MONTHS[word.lower()]), word + (tail.group() if tail else ""), start,
                           tail.end() if tail else m.end(), "month", soft=True)
                )
                taken.add(numbers[-1])
            continue
        if m.group() == "ein" and _ARTICLE_ONLY.match(text, start):
            continue
        found = WORDS.match(text, start)
        if found and not taken.overlaps(start, found[1].end()):
            number = WORDS.handler(found[0])(text, found[1])
            if number is not None:
                numbers.append(number)
                taken.add(number)
                covered = number.end
    return settle(numbers, text, _JOINER, CONTEXT)


# "ein", "eine", "einem", … as a whole word reads as a number only before a fraction ("ein Drittel"), a scale or
# "Prozent" ("eine halbe Million"), or "paar" ("ein paar Hundert"); before anything else it is an article,
# where the word recognisers would run in vain (a few thousand times on the WMT pairs: every article is a
# candidate, as "ein" starts "einhundert" and "eineinhalb"). tests/test_check_fastpaths.py checks the list.
_ARTICLE_ONLY = re.compile(
    rf"ein(?:e[mnrs]?)?(?![^\W\d_])(?![\s-]+(?:million|milliard|billion|prozent|paar|{_alt(GERMAN_FRACTIONS)}))",
    re.I,
)
_CANDIDATES: re.Pattern | None = None


def _candidates() -> re.Pattern:
    """Where a number word may start: the word recognisers' start words and month names."""
    global _CANDIDATES
    if _CANDIDATES is None:
        _CANDIDATES = re.compile(rf"\b{trie_pattern((*WORDS.starts(), *_MONTH_WORDS))}")
    return _CANDIDATES


# --- digit tokens: tried in order, the first that takes the token wins ----------------------------

TOKENS = TokenRegistry("German digit token")

@TOKENS.register("name", "digits")
def _name(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "1. FC Nürnberg", "Schalke 04", "Formel 1", "ICE 578", "Paragraf 218": digits of a name."""
    if tok == "1" and _CLUB_DOT.match(text, end):
        out.append(Number(1.0, tok, start, end, "code", soft=True))
        return True
    if not (tok.isdigit() and space_before(text, start)):
        return False
    word = name_before(text, start, "(„\"'")
    if word is not None and word not in GERMAN_NAME_WORDS and not (len(tok) == 2 and tok[0] == "0"):
        return False  # neither a name word nor a club's number: the search below would end the same
    before = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    word = before[1].lower()
    club = len(tok) == 2 and tok[0] == "0" and before[1][0].isupper()
    if _PERCENT.match(text, end) or _CURRENCY_AFTER.match(text, end) or _SCALE.match(text, end):
        return False  # "Apollo 20 Prozent": a quantity after a name
    if word in GERMAN_NAME_WORDS or club:
        out.append(Number(float(tok), tok, start, end, "code", unit=before[1].upper(), soft=True))
        return True
    return False


@TOKENS.register("code")
def _code(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "A6", "G20", "COVID-19", "F-35": a name that contains digits, not a quantity."""
    if not (word_before(text, start) and _CODE_BEFORE.search(text[max(0, start - 8) : start])):
        return False
    value = parse_digits(tok, "de")
    if value is not None:
        out.append(Number(value, tok, start, end, "code", unit=code_prefix(text, start), soft=True))
    return True


@TOKENS.register("multiple", "digits", after=opening_chars(_MULTIPLE_AFTER.pattern, re.I))
def _digit_multiple(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "10-fach", "3-mal so hoch": a factor written in digits."""
    m = _MULTIPLE_AFTER.match(text, end)
    if m is None or not tok.isdigit():
        return False
    out.append(multiple(float(tok), text, start, m.end(), soft=False))
    return True


@TOKENS.register("slash", "/")
def _slash(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "9/11", "1/2" (a fraction), "2017/18" and "24/7" (numbers side by side)."""
    if "/" not in tok:
        return False
    if tok == "9/11":  # the attacks of 11 September 2001, written the American way in German too
        out.append(Number(11.0, tok, start, end, "date", month=9, alts=(("n", 11.0),)))
        return True
    parts = tok.split("/")
    if len(parts) == 2 and add_fraction(text, parts, start, end, out):
        return True
    _side_by_side(tok, parts, "/", start, out)
    return True


@TOKENS.register("colon", ":")
def _colon(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "14:30 Uhr" is a clock time; "3:1" and "21:13" are scores or ratios (ordered)."""
    if ":" not in tok:
        return False
    parts = tok.split(":")
    clock = clock_parts(parts)
    if clock:
        uhr = _UHR.match(text, end)
        # a score is "2:0" or "21:13"; "17:00" and "17:00 bis 17.30 Uhr" are times
        if (
            uhr
            or parts[1] == "00"
            or _TIME_BEFORE.search(text, max(0, start - 12), start)
            or _TIME_RANGE.match(text, end)
        ):
            span_end = uhr.end() if uhr else end
            out.append(_time(*clock, text, start, span_end, tok))
            return True
    if len(parts) == 2 and all(p.isdigit() and len(p) <= 3 for p in parts):
        out.append(score(float(parts[0]), float(parts[1]), text, start, end))
        return True
    _side_by_side(tok, parts, ":", start, out)
    return True


_SCORE_CONTEXT = re.compile(
    r"\b(?:gewann\w*|gewinn\w*|gewonnen|siegt\w*|Sieg\w*|verlor\w*|Niederlage\w*|unterlag\w*|Unentschieden|"
    r"remis|trennten|endete\w*|Spiel\w*|Partie|Tor\w*|Führung|führt\w*|Stand|stand|Stimmen|Ergebnis|Satz|Sätze)\b"
)


@TOKENS.register("score", "short", after="-–— ")
def _hyphen_score(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "6-1-Sieg" (German sports text writes scores with a colon, but not always)."""
    found = hyphen_score(text, tok, start, end, _SCORE_CONTEXT)
    if found is None:
        return False
    out.append(score(found[0], found[1], text, start, found[2]))
    return True


@TOKENS.register("numeric date", ".")
def _numeric_date(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "04.05.2018": day and month, and the year as a number of its own."""
    m = _NUMERIC_DATE.fullmatch(tok)
    if not (m and valid_date(int(m[1]), int(m[2]))):
        return False
    out.append(Number(float(m[1]), tok[: m.start(3)], start, start + m.start(3), "date", month=int(m[2]),
                      alts=(("n", float(m[1])),)))  # fmt: skip
    year = int(m[3]) if len(m[3]) == 4 else full_year(int(m[3]))
    out.append(Number(float(year), m[3], end - len(m[3]), end, "year"))
    return True


@TOKENS.register("dotted time or date", ".")
def _dotted(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "14.30 Uhr" / "um 14.30" (a time), "26.2." (a date), else a decimal such as "2.5"."""
    m = _DAY_DOT_MONTH.fullmatch(tok)
    if not m:
        return False
    hours, minutes = int(m[1]), int(m[2])
    timeish = len(m[2]) == 2 and valid_time(hours, minutes)
    uhr = _UHR.match(text, end)
    if timeish and (uhr or _TIME_BEFORE.search(text, max(0, start - 12), start)):
        out.append(_time(hours, minutes, text, start, uhr.end() if uhr else end, tok))
        return True
    if text.startswith(".", end) and valid_date(hours, minutes) and not text[end + 1 : end + 2].isdigit():
        out.append(Number(float(hours), tok + ".", start, end + 1, "date", month=minutes, alts=(("n", float(hours)),)))
        return True
    value = parse_digits(tok, "de")
    if value is None:
        # a Swiss price ("Fr. 12.50", "12.50 Fr.") is no time
        if timeish and not (_PERCENT.match(text, end) or _CURRENCY_AFTER.match(text, end)
                            or _currency_before(text, start)):
            out.append(_time(hours, minutes, text, start, end, tok))
            return True
        value = float(tok)  # an English-style decimal point in German text
    out.append(_quantity(text, tok, value, start, end))
    return True


@TOKENS.register("month date", "short", after=".")
def _month_date(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "26. Februar", "3. Feb.": a date."""
    if not (tok.isdigit() and len(tok) <= 2):
        return False
    day_month = _DAY_MONTH.match(text, end)
    if not (day_month and valid_date(int(tok), 1)):
        return False
    month = GERMAN_MONTHS[day_month[1].lower()]
    # keep the dot of "Feb." but not the full stop after "Februar"
    span_end = day_month.end() if day_month[1].lower() in _ABBREVIATED_MONTHS else day_month.end(1)
    value = float(tok)
    out.append(Number(value, text[start:span_end], start, span_end, "date", month=month, alts=(("n", value),)))
    return True


# "Viertel nach 3", "Viertel vor 12", "dreiviertel 9", "halb 8 (Uhr)": clock words before an hour in digits.
_CLOCK_WORD_BEFORE = re.compile(r"\b(?P<cq>drei\s*viertel|viertel|halb)\s+(?:(?P<cdir>nach|vor)\s+)?$", re.I)
_UHR_AFTER = re.compile(r"\s+Uhr\b")


@TOKENS.register("quarter clock", "digits")
def _quarter_clock_digits(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "Viertel nach 3" (3:15), "Viertel vor 12" (11:45), "dreiviertel 9" (8:45), "halb 8" (7:30)."""
    if not tok.isdigit() or not 1 <= int(tok) <= 24:
        return False
    # the cheap test for the clock word the search needs: "ertel" and "alb" of it stay as they are in lower
    # case wherever they are in `fold`'s ("vıertel" and "VİERTEL" too)
    window = text[max(0, start - 20) : start].lower()
    if "ertel" not in window and "alb" not in window:
        return False
    m = _CLOCK_WORD_BEFORE.search(text, max(0, start - 20), start)
    if m is None or _NO_NOUN_AFTER_RE.match(text, end) is None:
        return False
    value = clock_word_value(m["cq"], m["cdir"], float(tok))
    if value is None:
        return False
    uhr = _UHR_AFTER.match(text, end)
    span_end = uhr.end() if uhr else end
    alts = (("time", round(value * 60) + 720),) if value < 12 else ()
    out.append(Number(value, text[m.start() : span_end], m.start(), span_end, "time", unit="h", alts=alts))
    return True


@TOKENS.register("hour", "digits", after="U ")
def _hour(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "um 19 Uhr": a time on the hour."""
    uhr = _UHR.match(text, end) if tok.isdigit() else None
    if not (uhr and valid_time(int(tok), 0)):
        return False
    out.append(_time(int(tok), 0, text, start, uhr.end(), tok))
    return True


_POINT_DECIMAL = re.compile(r"\d+\.\d{1,2}")
_COMMA_GROUPED = re.compile(r"\d{1,3},\d{3}")


@TOKENS.register("quantity")
def _digits(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """Any other digits: German grouping and decimals, then scale, percent, currency, unit, year, ordinal."""
    value = parse_digits(tok, "de")
    alts: tuple = ()
    if value is None and _POINT_DECIMAL.fullmatch(tok):
        value = float(tok)  # an English-style decimal point ("104.1 MHz")
    if value is None:
        try:
            # Malformed grouping such as "60.0000": read the dots as grouping, as a German reader would.
            value = float(tok.replace(".", "").replace(",", "."))
        except ValueError:  # "12.5.4.4", "1,2,3": numbers side by side
            _side_by_side(tok, re.split(r"[.,]", tok), ".", start, out)
            return True
    elif "," in tok and _COMMA_GROUPED.fullmatch(tok):
        alts = (("n", float(tok.replace(",", ""))),)  # "3,000" copied from English notation
    number = _quantity(text, tok, value, start, end)
    number.alts = number.alts + alts
    out.append(number)
    return True


def _side_by_side(tok: str, parts: list[str], sep: str, start: int, out: list[Number]) -> None:
    pos = start
    for part in parts:
        value = parse_digits(part, "de")
        if value is not None:
            kind = "year" if part.isdigit() and len(part) == 4 and 1000 <= value <= 2100 else "cardinal"
            out.append(Number(value, part, pos, pos + len(part), kind))
        pos += len(part) + 1


def _time(hours: int, minutes: int, text: str, start: int, end: int, tok: str) -> Number:
    """German clock times are 24-hour: "7.15 Uhr" is 7:15 a.m. Only a bare hour ("um 8 Uhr") or a day
    part ("8 Uhr abends", "abends um 8") leaves room for the afternoon reading."""
    pm = _PM_AFTER.match(text, end)
    span_end = pm.end() if pm else end
    part = pm or _PM_BEFORE.search(text, max(0, start - 24), start)
    evening = part is not None and part[2] is not None and 1 <= hours < 12
    morning = part is not None and part[1] is not None
    if evening:
        hours += 12
    value = hours + minutes / 60
    alts = [("n", float(tok.replace(":", ".")))]
    if not minutes:
        alts += [("n", float(hours)), ("n", float(hours % 12 or 12))]  # "um 19 Uhr" / "at 7"
    if not evening and not minutes and not morning and 1 <= hours < 12:
        alts.append(("time", round(value * 60) + 720))  # "8 Uhr" may be 8 p.m.
    return Number(value, text[start:span_end], start, span_end, "time", unit="h", alts=tuple(alts))


def _quantity(text: str, tok: str, value: float, start: int, end: int, *, spelled: bool = False) -> Number:
    """Read what follows a number: decade, scale word, percent, currency, unit."""
    kind, unit, pos, alts, scaled = "cardinal", None, end, (), False
    if not spelled and tok.isdigit() and text.startswith("er", pos):  # where the decade pattern can match
        decade = _DECADE.match(text, pos)
        if decade and (value >= 100 or value % 10 == 0):
            kind, pos = "decade", decade.end()
            alts = (
                (("n", value), ("n", value % 100), ("dec", value % 100)) if 1800 <= value < 2100 else (("n", value),)
            )
            return Number(value, text[start:pos], start, pos, kind, soft=False, alts=alts)
    known = _FOLLOWERS.may(text, pos)  # else none of the patterns below reads the word there
    scale = _SCALE.match(text, pos) if known else None
    factor = 1.0
    if scale:
        factor = GERMAN_SCALES[scale[1].rstrip(".").lower()]
        value *= factor
        pos, scaled = scale.end(), True
        known = _FOLLOWERS.may(text, pos)
    elif known and text[pos : pos + 1].isspace() and (span := _SPAN_AFTER.match(text, pos)):
        alts = (("n", value * _SPAN_YEARS[span[1]]),)
    if known and (percent := _PERCENT.match(text, pos)):
        kind, unit, pos = "percent", ("pp" if percent[1] else "%"), percent.end()
        alts = (("n", value), ("n", value / 100))
    elif known and (currency := _CURRENCY_AFTER.match(text, pos)):
        kind, unit, pos = "currency", CURRENCIES.get(currency[1].lower(), currency[1]), currency.end()
    elif currency := _currency_before(text, start):
        kind, unit = "currency", CURRENCIES.get(currency[1].lower(), currency[1])
        start = currency.start()
    else:
        if known and (unit_m := _UNIT.match(text, pos)):
            unit = GERMAN_UNITS[" ".join(unit_m[1].lower().split())]
        if not spelled and not scaled:
            if tok.isdigit() and len(tok) == 4 and 1000 <= value <= 2100 and unit is None:
                kind = "year"
            elif tok.isdigit() and text.startswith(".", end) and _ORDINAL_DOT.match(text, end):
                kind = "ordinal"
    soft = spelled and spelled_soft(value, kind, scaled)
    return Number(value, text[start:pos], start, pos, kind, unit=unit, soft=soft, spelled=spelled, alts=alts,
                  scale=factor)  # fmt: skip


# --- number words: one regex fragment and one handler per notation, tried in this order ------------

WORDS = WordRegistry()
_FRACTION_WORDS = _alt(k for k in GERMAN_FRACTIONS if k != "halb")


_HOUR_WORDS = "zwölf|elf|zehn|neun|acht|sieben|sechs|fünf|vier|drei|zwei|eins"
# A capitalised word after the hour makes it a count of something ("drei Viertel vor zwei Jahren").
_NO_NOUN_AFTER = r"(?!(?-i:\s+(?!Uhr\b)[A-ZÄÖÜ]))"
_NO_NOUN_AFTER_RE = re.compile(_NO_NOUN_AFTER)


@WORDS.register("quarterclock", rf"(?P<cq>drei\s*viertel|viertel)\s+(?:(?P<cdir>nach|vor)\s+)?(?P<chour>{_HOUR_WORDS})\b"
                rf"{_NO_NOUN_AFTER}", starts=("viertel", "dreiviertel", "drei"))  # fmt: skip
def _quarter_clock(text: str, m: re.Match) -> Number | None:
    """ "Viertel nach drei" (3:15), "Viertel vor zwölf" (11:45), "dreiviertel neun" (8:45), "viertel neun"
    (8:15, eastern usage): a clock time, counted towards the next hour like "halb acht" (7:30)."""
    hour = number_word_value(m["chour"], "de")
    value = None if hour is None else clock_word_value(m["cq"], m["cdir"], hour)
    if value is None:
        return None
    alts = (("time", round(value * 60) + 720),) if value < 12 else ()
    return Number(value, m.group(), *m.span(), "time", unit="h", soft=True, spelled=True, alts=alts)


def clock_word_value(quarter: str, direction: str | None, hour: float) -> float | None:
    """The time "Viertel nach drei" (3:15), "Viertel vor zwölf" (11:45), "dreiviertel neun" (8:45), "viertel
    neun" (8:15, eastern usage) and "halb acht" (7:30) say: counted towards the next hour. None for "drei
    Viertel nach …" and "halb nach …", which are no clock readings."""
    quarter = quarter.lower()
    three, half = quarter.startswith("drei"), quarter == "halb"
    if (three or half) and direction:
        return None
    offset = -0.5 if half else {"nach": 0.25, "vor": -0.25}.get((direction or "").lower(), -0.25 if three else -0.75)
    value = hour + offset
    return value + 12 if value < 1 else value  # "viertel eins" is 12:15


# How often: "stündlich", "halbstündig", "halbstündlich", "viertelstündlich" — the interval in hours, as
# English "hourly", "every half hour" or "every 30 minutes" says it (an adjective, "die halbstündige Fahrt",
# is the same amount as a duration: "the half-hour drive").
@WORDS.register("interval", r"(?:(?P<iq>anderthalb|halb|viertel|dreiviertel)stündi(?:g|gl)\w*|(?P<ih>halb|viertel|dreiviertel)?stündlich\w*)",
                starts=("anderthalbstündi", "halbstündi", "viertelstündi", "dreiviertelstündi", "stündlich"))  # fmt: skip
def _interval(text: str, m: re.Match) -> Number:
    part = (m["iq"] or m["ih"] or "").lower()
    value = {"anderthalb": 1.5, "halb": 0.5, "viertel": 0.25, "dreiviertel": 0.75}.get(part, 1.0)
    start = m.start()
    if part == "halb" and (whole := _ANDERT_BEFORE.search(text, max(0, start - 8), start)):
        value, start = 1.5, whole.start()  # "andert­halbstündig" (a soft hyphen may split it): an hour and a half
    return Number(value, text[start : m.end()], start, m.end(), "cardinal", unit="h", soft=True, spelled=True)


_ANDERT_BEFORE = re.compile(r"andert[\u00ad-]?$", re.I)


# A part of an hour or a year as one word ("Dreivierteljahr", "Viertelstunde") or "eine halbe Stunde":
# a duration, the amount in its unit, so that "nine months" and "45 minutes" convert to it.
_PART_UNITS = {"jahr": "year", "stunde": "h"}


@WORDS.register("partunit", r"(?:(?P<pq>drei\s*viertel|viertel)(?P<pu>jahr|stunde)|(?P<ph>halbe[nr]?)\s+Stunde)(?:e?s|n)?\b",
                starts=("viertel", "dreiviertel", "halbe"))  # fmt: skip
def _part_unit(text: str, m: re.Match) -> Number | None:
    # ("ein halbes Jahr" is left to the "half" recogniser: also "six months")
    part = (m["pq"] or m["ph"]).lower()
    value = 0.75 if part.startswith("drei") else 0.5 if part.startswith("halb") else 0.25
    # A lone quarter is often a period, not an amount ("im kommenden Vierteljahr" / "next quarter", "die
    # zweite Viertelstunde" / "the second quarter of an hour"): let go when the translation has no figure.
    return Number(value, m.group(), *m.span(), "cardinal", unit=_PART_UNITS[(m["pu"] or "stunde").lower()], spelled=True,
                  soft=value == 0.25)  # fmt: skip


@WORDS.register("zig", r"zig(?:fach(?:e[mnrs]?)?|mal)\b", starts=("zig",))
def _zig(text: str, m: re.Match) -> Number:
    """ "zigfach", "zigmal": many times, a vague factor of its own (not "tenfold", not "a hundred times")."""
    return Number(VAGUE_MANY_TIMES, m.group(), *m.span(), "multiple", soft=True, spelled=True)


@WORDS.register("frac", rf"(?:(?P<fnum>{_ATOMS}+|eine[mnrs]?)[\s-]+)?(?P<fden>{_FRACTION_WORDS})\b",
                starts=tuple(GERMAN_FRACTIONS))  # fmt: skip
def _fraction(text: str, m: re.Match) -> Number | None:
    """ "ein Drittel", "zwei Drittel", "drei Viertel"."""
    start, end = m.span()
    denominator = GERMAN_FRACTIONS[m["fden"].lower()]
    fnum = m["fnum"]
    numerator = 1.0 if not fnum or fnum.lower().startswith("ein") else number_word_value(fnum, "de")
    if numerator is None:
        return None
    alts = (("n", numerator),) if numerator > 1 else ()  # "sieben Zehntel" / "seven tenths of a second"
    return Number(numerator / denominator, m.group(), start, end, "fraction", soft=True, spelled=True, alts=alts)


_MULT = (
    rf"ver(?:dopp|{_ATOMS}+fach)[^\W\d_]*|halbier[^\W\d_]*|Halbierung|Verdopp?elung|doppelt\s+so|Doppelte[mnrs]?"
    rf"|halb\s+so|anderthalb(?:mal|fach(?:e[mnrs]?)?)|(?P<mfach>{_ATOMS}+)fache?[mnrs]?|(?P<mmal>{_ATOMS}+)mal\s+(?:so|mehr|höher|größer|teurer)"
)


@WORDS.register("multiple", _MULT + r"\b", starts=("verdopp", "verdreif", "vervierf", "verfünff", "versechsf",
                "verzehnf", "verhundertf", "vertausendf", "halbier", "halb", "doppel", "anderthalb"))  # fmt: skip
def _multiple_word(text: str, m: re.Match) -> Number | None:
    """ "verdoppelt", "halbiert", "doppelt so", "das Doppelte", "dreimal so", "zehnfach", "halb so"."""
    word = m.group().lower()
    if word.startswith("ver") and not word.startswith("verdopp"):
        value = _ver_factor(word)
    elif word.startswith(("verdopp", "doppel")):
        value = 2.0
    elif word.startswith("anderthalb"):  # "anderthalbmal so hoch"
        value = 1.5
    elif word.startswith(("halbier", "halb")):
        value = 0.5
    else:
        value = number_word_value(m["mfach"] or m["mmal"], "de")
    if value is None or value == 1:
        return None  # "einfach", "vereinfacht", "einmal so": not a factor
    return multiple(value, text, *m.span())


_VAGUE_HEADS = {"dutzend": 12.0, "hundert": 100.0, "tausend": 1e3, "zehntausend": 1e4, "hunderttausend": 1e5,
                "million": 1e6, "millionen": 1e6, "milliarden": 1e9}  # fmt: skip


@WORDS.register("vague", r"(?:(?:einige|mehrere|ein\s+paar|etliche|wenige|viele)\s+(?P<vq>hunderttausend|zehntausend|hundert|tausend|Dutzend|Millionen|Milliarden)"
                r"|(?P<vw>Dutzende|Hunderte|Tausende|Zehntausende|Hunderttausende)n?(?:\s+(?P<vx>Millionen|Milliarden))?|(?P<vs>Millionen|Milliarden))\b",
                starts=("einige", "mehrere", "ein", "etliche", "wenige", "viele", "dutzend", "hundert", "tausend",
                        "zehntausend", "millionen", "milliarden"))  # fmt: skip
def _vague(text: str, m: re.Match) -> Number | None:
    """ "Hunderte", "Tausende", "Dutzende", "einige tausend", "Millionen": a quantity of its own kind
    ("Hunderte" is not "thousands", "einige tausend" is not 1,000)."""
    head = (m["vq"] or m["vw"] or m["vs"]).lower().rstrip("n")
    head = {"dutzende": "dutzend", "hunderte": "hundert", "tausende": "tausend", "zehntausende": "zehntausend",
            "hunderttausende": "hunderttausend", "millione": "millionen", "milliarde": "milliarden"}.get(head, head)  # fmt: skip
    value = _VAGUE_HEADS[head] * (_VAGUE_HEADS[m["vx"].lower()] if m["vx"] else 1)  # "Hunderte Millionen"
    return Number(value, m.group(), *m.span(), "vague", soft=True, spelled=True)


@WORDS.register("half", rf"(?:(?P<hnum>{_ATOMS}+?)ein)?halb(?:e[mnrs]?)?\b|anderthalb\b|Hälfte\b|Halbjahr[^\W\d_]*\b",
                starts=("halb", "hälfte", "anderthalb"))  # fmt: skip
def _half(text: str, m: re.Match) -> Number | None:
    """ "Hälfte", "halbe", "zweieinhalb", "anderthalb", "halb drei" (2:30), "ein halbes Jahr"."""
    start, end = m.span()
    word = m.group().lower()
    plain_half = not m["hnum"] and word not in ("anderthalb", "eineinhalb")
    if word.startswith("halbjahr") or (plain_half and _HALF_YEAR.match(text, end)):
        return Number(0.5, m.group(), start, end, "fraction", soft=True, spelled=True, alts=(("n", 6.0),))
    if word == "halb" and (hour := _HALF_HOUR.match(text, end)):  # "um halb drei" is 2:30
        value = number_word_value(hour[1], "de") - 0.5
        minutes = round(value * 60)
        return Number(value, text[start : hour.end()], start, hour.end(), "time", unit="h", soft=True,
                      spelled=True, alts=(("time", minutes + 720),))  # fmt: skip
    value = 1.5 if word in ("anderthalb", "eineinhalb") else 0.5
    if m["hnum"]:
        whole = number_word_value(m["hnum"], "de")
        if whole is None:
            return None
        value = whole + 0.5
    scale = _SCALE.match(text, end)
    if scale:
        value *= GERMAN_SCALES[scale[1].rstrip(".").lower()]
        return Number(value, text[start : scale.end()], start, scale.end(), "cardinal", spelled=True)
    if value >= 1:  # "zweieinhalb Jahre": a measurement like any other
        number = _quantity(text, "", value, start, end, spelled=True)
        number.soft = True
        return number
    article = _HALF_ARTICLE.search(text, max(0, start - 5), start) if word == "hälfte" else None
    if article:  # "mehr als die Hälfte": the relation stands before the article, as "more than half" does
        start = article.start()
    return Number(value, text[start:end], start, end, "fraction", soft=True, spelled=True)


_HALF_ARTICLE = re.compile(r"\b(?:die|der)\s+$", re.I)


@WORDS.register("decade", r"Jahrzehnts?\b", starts=("jahrzehnt",))
def _decade_word(text: str, m: re.Match) -> Number:
    return Number(10.0, m.group(), *m.span(), "cardinal", unit="year", soft=True, spelled=True)


@WORDS.register("last16", r"Achtelfinal[^\W\d_]*\b", starts=("achtelfinal",))
def _last16(text: str, m: re.Match) -> Number:
    """ "Achtelfinale" is "the last 16" / "round of 16"."""
    return Number(16.0, m.group(), *m.span(), "cardinal", soft=True, spelled=True)


@WORDS.register("goalless", r"torlos[^\W\d_]*\b", starts=("torlos",))
def _goalless(text: str, m: re.Match) -> Number:
    """ "torlos" is a 0:0."""
    return score(0.0, 0.0, text, *m.span(), soft=True)


@WORDS.register("ord", rf"(?:erstmal(?:s|ig[^\W\d_]*)|(?:erst|dritt|acht|siebt|siebent|{_ATOMS}+s?t)e[mnrs]?)\b",
                starts=("erst", "dritt"))  # fmt: skip
def _ordinal_word(text: str, m: re.Match) -> Number | None:
    """ "ersten", "dritte", "zweiundzwanzigsten", "erstmals" (for the first time)."""
    word = m.group()
    value = 1.0 if word.lower().startswith("erstmal") else german_ordinal_value(word)
    if value is None:
        return None
    return Number(value, word, *m.span(), "ordinal", soft=True, spelled=True)


@WORDS.register("dec", rf"(?P<decw>{_alt(DECADE_WORDS_DE)})(?:jahre[^\W\d_]*|n)?\b", starts=tuple(DECADE_WORDS_DE))
def _decade_name(text: str, m: re.Match) -> Number:
    """ "die Neunziger", "Achtzigerjahre"."""
    value = float(DECADE_WORDS_DE[m["decw"].lower()])
    return Number(value, m.group(), *m.span(), "decade", soft=True, spelled=True, alts=(("n", value),))


@WORDS.register("doz", r"Dutzend\b", starts=("dutzend",))
def _dozen(text: str, m: re.Match) -> Number:
    return Number(12.0, m.group(), *m.span(), "cardinal", soft=True, spelled=True)


_HALBE = re.compile(r"\s*halbe[mnr]?")


@WORDS.register("art", r"eine[mnrs]?\s+(?=(?:halbe[mnr]?\s+)?(?:Million(?:en)?|Milliarden?|Billion(?:en)?)\b|Prozent)")
def _article_scale(text: str, m: re.Match) -> Number | None:
    """ "eine Million", "eine halbe Milliarde", "ein Prozent"."""
    start, end = m.span()
    half = _HALBE.match(text, end)
    number = _quantity(text, "", 0.5 if half else 1.0, start, half.end() if half else end, spelled=True)
    return number if number.value >= 1000 or number.kind == "percent" else None


@WORDS.register("card", rf"{_ATOMS}+(?:(?:{_alt(GERMAN_WORD_SUFFIXES)})[^\W\d_]*)?\b",
                starts=tuple(a for a in GERMAN_NUMBER_ATOMS if a != "und"))  # fmt: skip
def _cardinal_word(text: str, m: re.Match) -> Number | None:
    """ "drei", "zweiundzwanzig", "Zweitausend", "dreijährige", "zweimal"."""
    start, end = m.span()
    word = m.group()
    suffix = _WORD_SUFFIX.search(word)
    core = word[: suffix.start()] if suffix else word
    value = number_word_value(core, "de")
    if value is None or value == 1:
        return None  # "ein", "eine", "einmal", "einfach": an article or "once", not a count
    if suffix:
        # "Zehnjahresvertrag"-like compounds and "zweimal": English says "ten-year", "twice": soft
        return Number(value, word, start, end, "cardinal", unit=GERMAN_UNITS.get(suffix[1].lower()),
                      soft=True, spelled=True)  # fmt: skip
    number = _quantity(text, core, value, start, end, spelled=True)
    if mid_sentence_capital(text, start):
        number.soft = True
    return number


# --- context: what stands around the numbers found refines them, in this order --------------------

CONTEXT = Registry("German context")


@CONTEXT.register("sign")
def _signs(text: str, numbers: list[Number], lower: str) -> None:
    """ "minus 4 Grad", "-0,7 Prozent", "−0,4", "4 Grad unter null": a negative number."""
    signs(numbers, text, _SIGN_BEFORE, _SIGN_AFTER, ("inus",), "unter")  # the sign words' common part


@CONTEXT.register("decline")
def _declines(text: str, numbers: list[Number], lower: str) -> None:
    """ "ein Rückgang um 5 Prozent", "sank um 3 Prozent": the sign is in a word; the number also reads
    as its negative (so "-5 %" in the translation is the same number)."""
    declines(numbers, text, _DECLINE_BEFORE, _DECLINE_AFTER, _DECLINE_TRIGGER, _decline_may_follow,
             endings=_DECLINE_ENDINGS)


@CONTEXT.register("duration")
def _durations(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "2 Jahre und 6 Monate" is 2.5 years."""
    return durations(numbers, text, _DURATION_JOINER)


# Two or more letters after any name; a single "I.", "V.", "X." only after a ruler's name ("Heinrich V.",
# "Pius X."; not "der Generation X.").
_RULERS = (r"Heinrich|Karl|Ludwig|Friedrich|Wilhelm|Johannes|Paul|Pius|Leo|Benedikt|Gregor|Klemens|Clemens|Innozenz|"
           r"Urban|Bonifatius|Eduard|Georg|Richard|Jakob|Elisabeth|Katharina|Nikolaus|Alexander|Franz|Peter|Philipp|"
           r"Gustav|Christian|Alfons|Otto|Konrad|Rudolf|Maximilian|Sixtus|Napoleon|Ferdinand|Leopold|Joseph|Josef")
# Labels numbered with a single Roman letter: "Kategorie I", "Teil V", "Sanierungsgebiet X".
_LABELS = r"Kategorie|Teil|Kapitel|Band|Phase|Stufe|Klasse|Gruppe|Abschnitt|Bauabschnitt|Sanierungsgebiet|Typ"
_REGNAL = re.compile(rf"\b[A-ZÄÖÜ][a-zäöüß]+\s(?P<roman>(?=[IVXLC]{{2}})(?:{ROMAN}))(?:\.|(?![\w.]))"
                     rf"|\b(?:{_RULERS})\s(?P<vx>[VXI])\.|\b(?:{_LABELS})\s(?P<lower>[IVX])\b"
                     rf"|\b(?:und|oder|bis|sowie)\s(?P<low>(?=[IVX]{{2,}}(?!\w))(?:{ROMAN}))(?:\.|(?![\w.]))")


@CONTEXT.register("regnal")
def _regnal(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "Heinrich VIII.", "Johannes XXIII.", "Elisabeth II.": a Roman number after a name."""
    return regnal(numbers, text, _REGNAL)


# "jeder Dritte", "jede vierte Schule", "jedes fünfte Kind": the share, not a rank. ("Einer von 11 Staaten" is
# mostly one among eleven, so "von" is left a count; English "one in 11" keeps that count as a reading.)
_SHARE_BEFORE = re.compile(r"\bjede[nmrs]?\s+$", re.I)


@CONTEXT.register("share")
def _shares(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "jeder Dritte", "jedes fünfte Kind": a share of one in N (a third, a fifth). The "1" of "1 von 5" is
    the article it stands for ("einer von fünf"), no more a number than "einer" is: English "1 in 5" reads
    as the share of the 5."""
    numbers = shares(numbers, text, _SHARE_BEFORE, ("jede",), lower)
    if " von " not in text and " aus " not in text:
        return numbers
    for n in numbers:  # "von" is in most texts, a "1" before it in few: the list is rebuilt only for one
        if n.text == "1" and _ONE_OF.match(text, n.end):
            return [n for n in numbers if not (n.text == "1" and _ONE_OF.match(text, n.end))]
    return numbers


_ONE_OF = re.compile(r"\s+(?:von|aus)\s+\d")


_DAY_JOINER = re.compile(r"\.?\s*(?:und|oder|bis(?:\s+(?:zum|einschließlich))?|/|[-–]|,)\s*")


@CONTEXT.register("day list")
def _day_lists(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "vom 4. bis 14. Oktober", "am 2. und 5. Oktober", "16./17. August": each day is a date of that month."""
    return share_months(numbers, text, _DAY_JOINER)


_RANKED_ONE = re.compile(r"\b(?P<rank>(?:erste|zweite|dritte|vierte)[nmrs]?|[1-4]\.)\s+(?P<period>Quartal|Halbjahr)\b")
_RANK_WORDS = {f"{word}{ending}": rank for rank, word in enumerate(("erste", "zweite", "dritte", "vierte"), 1)
               for ending in ("", "n", "m", "r", "s")} | {"1.": 1, "2.": 2, "3.": 3, "4.": 4}  # fmt: skip


@CONTEXT.register("ranked")
def _ranked(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "im dritten Quartal", "Platz drei": a ranked period or place is a hard number."""
    if "Quartal" not in text and "Halbjahr" not in text:  # the period word every match needs
        return numbers
    return ranked(numbers, text, _RANKED_ONE, _RANK_WORDS.get)

