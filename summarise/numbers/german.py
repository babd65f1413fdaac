"""Numbers in German text: digits in German notation, number words, dates, times, percentages."""

from __future__ import annotations

import re

from .common import (
    add_fraction,
    candidate_words,
    clock_parts,
    expand_second_years,
    full_year,
    mid_sentence_capital,
    overlaps,
    share_units,
    spelled_soft,
    trie_pattern,
    valid_date,
    valid_time,
    without_overlaps,
)
from .lexicon import (
    CURRENCIES,
    DECADE_WORDS_DE,
    GERMAN_FRACTIONS,
    GERMAN_MONTH_WORDS,
    GERMAN_MONTHS,
    GERMAN_NUMBER_ATOMS,
    GERMAN_SCALES,
    GERMAN_UNITS,
    GERMAN_WORD_SUFFIXES,
)
from .number import Number
from .parsing import digit_tokens, german_ordinal_value, number_word_value, parse_digits


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
_SPAN_AFTER = re.compile(r"\s+(Jahrzehnt|Jahrhundert|Jahrtausend)")
_SPAN_YEARS = {"Jahrzehnt": 10, "Jahrhundert": 100, "Jahrtausend": 1000}
# Dotted abbreviations must keep their dot ("Bio." is 10^12, "Bio" is organic).
_SCALE = re.compile(
    rf"{_SEP}(Tausend|Tsd\.|Dutzend|Millionen|Million|Mio\.?|Mill\.|Milliarden|Milliarde|Mrd\.?|Md\.|Billionen|Billion|Bio\.|Billiarden|Billiarde){_NOT_LETTER}",
    re.I,
)
_PERCENT = re.compile(rf"{_SEP}(?:(Prozentpunkt[^\W\d_]*)|%|Prozent[^\W\d_]*|v\.\s?H\.)", re.I)
_CURRENCY_AFTER = re.compile(
    rf"{_SEP}(Euro|EUR|€|US-Dollar|Dollar|USD|US-\$|\$|Pfund|GBP|£|Franken|CHF|Yen|Yuan|Rubel|Cent|Kronen|Lira){_NOT_LETTER}",
    re.I,
)
_CURRENCY_BEFORE = re.compile(r"(€|US-\$|US\$|\$|£|¥|EUR|USD|CHF|GBP)\s?$")
_UNIT = re.compile(rf"{_SEP}({_alt(GERMAN_UNITS)}){_NOT_LETTER}", re.I)
_DECADE = re.compile(r"er(?:n\b|-?\s?Jahre[^\W\d_]*|\b)")
_ORDINAL_DOT = re.compile(r"\.[ \u00a0]+(?=[^\W\d_])")
_NUMERIC_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_DAY_DOT_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})")
_CODE_BEFORE = re.compile(r"(?:[^\W\d_]|\b[A-Z]{1,5}-)$")

_ATOMS = f"(?:{trie_pattern(GERMAN_NUMBER_ATOMS)})"
_WORDS = re.compile(
    rf"""\b(?:
      (?P<frac>(?:(?P<fnum>{_ATOMS}+|eine[mnrs]?)[\s-]+)?(?P<fden>{_alt(k for k in GERMAN_FRACTIONS if k != "halb")}))\b
    | (?P<half>(?:(?P<hnum>{_ATOMS}+?)ein)?halb(?:e[mnrs]?)?|anderthalb|Hälfte|Halbjahr[^\W\d_]*)\b
    | (?P<decade>Jahrzehnts?)\b
    | (?P<last16>Achtelfinal[^\W\d_]*)\b
    | (?P<ord>(?:erst|dritt|acht|siebt|siebent|{_ATOMS}+s?t)e[mnrs]?)\b
    | (?P<dec>{_alt(DECADE_WORDS_DE)})(?:jahre[^\W\d_]*|n)?\b
    | (?P<doz>Dutzend)\b
    | (?P<art>eine[mnrs]?)\s+(?=(?:halbe[mnr]?\s+)?(?:Million(?:en)?|Milliarden?|Billion(?:en)?)\b|Prozent)
    | (?P<card>{_ATOMS}+(?:(?:{_alt(GERMAN_WORD_SUFFIXES)})[^\W\d_]*)?)\b
    )""",
    re.I | re.X,
)
_HALF_YEAR = re.compile(r"\s+Jahr")  # "ein halbes Jahr" is often "six months"
_HALF_HOUR = re.compile(r"\s+(eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b")
# Words that can start a number word: the atoms (not "und"), ordinals, halves, decades.
_STARTS = tuple(a for a in GERMAN_NUMBER_ATOMS if a != "und") + (
    "erst", "dritt", "halb", "hälfte", "anderthalb", "dutzend", "jahrzehnt", "achtelfinal",
) + tuple(DECADE_WORDS_DE)  # fmt: skip
# Where a number word may start, found in the lower-cased text (month names: months without a day).
_MONTH_WORDS = GERMAN_MONTH_WORDS
_ABBREVIATED_MONTHS = frozenset(m for m in GERMAN_MONTHS if m not in _MONTH_WORDS)
_CANDIDATES = re.compile(rf"\b{trie_pattern((*_STARTS, *_MONTH_WORDS))}")
_WORD_SUFFIX = re.compile(f"({_alt(GERMAN_WORD_SUFFIXES)})[^\\W\\d_]*$", re.I)


def extract_german(text: str) -> list[Number]:
    """Every number in German `text`, in order of appearance (see the package docstring for the rules)."""
    numbers: list[Number] = []
    for tok, start, end in digit_tokens(text):
        _digit_number(text, tok, start, end, numbers)
    covered = -1
    for m in candidate_words(text, _CANDIDATES):
        start = m.start()
        if start < covered:
            continue
        if m.group() in _MONTH_WORDS and not text[m.end() : m.end() + 1].isalpha():
            word = text[start : m.end()]
            if word[0].isupper() and not overlaps(numbers, start, m.end()):
                numbers.append(
                    Number(float(GERMAN_MONTHS[word.lower()]), word, start, m.end(), "month", soft=True)
                )
            continue
        found = _WORDS.match(text, start)
        if found and not overlaps(numbers, start, found.end()):
            number = _word_number(text, found)
            if number is not None:
                numbers.append(number)
                covered = number.end
    numbers.sort(key=lambda n: n.start)
    numbers = without_overlaps(numbers, text)
    expand_second_years(numbers, text)
    share_units(numbers, text, _JOINER)
    return numbers


def _digit_number(text: str, tok: str, start: int, end: int, out: list[Number]) -> None:
    before = text[max(0, start - 8) : start]
    if _CODE_BEFORE.search(before):
        # "A6", "G20", "COVID-19", "F-35": a name that contains digits, not a quantity.
        value = parse_digits(tok, "de")
        if value is not None:
            out.append(Number(value, tok, start, end, "code", soft=True))
        return
    if ":" in tok or "/" in tok:
        _split_number(text, tok, start, end, out)
        return
    m = _NUMERIC_DATE.fullmatch(tok)
    if m and valid_date(int(m[1]), int(m[2])):
        out.append(
            Number(
                float(m[1]),
                tok[: m.start(3)],
                start,
                start + m.start(3),
                "date",
                month=int(m[2]),
                alts=(("n", float(m[1])),),
            )  # fmt: skip
        )
        year = int(m[3]) if len(m[3]) == 4 else full_year(int(m[3]))
        out.append(Number(float(year), m[3], end - len(m[3]), end, "year"))
        return
    m = _DAY_DOT_MONTH.fullmatch(tok)
    if m:
        hours, minutes = int(m[1]), int(m[2])
        timeish = len(m[2]) == 2 and valid_time(hours, minutes)
        uhr = _UHR.match(text, end)
        if timeish and (uhr or _TIME_BEFORE.search(text, max(0, start - 12), start)):
            span_end = uhr.end() if uhr else end
            out.append(_time(hours, minutes, text[start:span_end], start, span_end, tok))
            return
        if text.startswith(".", end) and valid_date(hours, minutes) and not text[end + 1 : end + 2].isdigit():
            out.append(
                Number(
                    float(hours),
                    tok + ".",
                    start,
                    end + 1,
                    "date",
                    month=minutes,
                    alts=(("n", float(hours)),),
                )
            )
            return
        value = parse_digits(tok, "de")
        if value is None:
            if timeish and not _PERCENT.match(text, end) and not _CURRENCY_AFTER.match(text, end):
                out.append(_time(hours, minutes, tok, start, end, tok))
                return
            value = float(tok)  # an English-style decimal point in German text
        out.append(_quantity(text, tok, value, start, end))
        return
    value = parse_digits(tok, "de")
    alts: tuple = ()
    if value is None and re.fullmatch(r"\d+\.\d{1,2}", tok):
        value = float(tok)  # an English-style decimal point ("104.1 MHz")
    if value is None:
        try:
            # Malformed grouping such as "60.0000": read the dots as grouping, as a German reader would.
            value = float(tok.replace(".", "").replace(",", "."))
        except ValueError:  # "12.5.4.4", "1,2,3": numbers side by side
            _split_number(text, tok, start, end, out)
            return
    elif re.fullmatch(r"\d{1,3},\d{3}", tok):
        alts = (("n", float(tok.replace(",", ""))),)  # "3,000" copied from English notation
    if tok.isdigit() and len(tok) <= 2:
        day_month = _DAY_MONTH.match(text, end)
        if day_month and valid_date(int(tok), 1):
            month = GERMAN_MONTHS[day_month[1].lower()]
            # keep the dot of "Feb." but not the full stop after "Februar"
            span_end = day_month.end() if day_month[1].lower() in _ABBREVIATED_MONTHS else day_month.end(1)
            out.append(Number(value, text[start:span_end], start, span_end, "date", month=month,
                              alts=(("n", value),)))  # fmt: skip
            return
    if tok.isdigit() and (uhr := _UHR.match(text, end)) and valid_time(int(tok), 0):
        out.append(_time(int(tok), 0, text[start : uhr.end()], start, uhr.end(), tok))
        return
    number = _quantity(text, tok, value, start, end)
    number.alts = number.alts + alts
    out.append(number)


def _time(hours: int, minutes: int, span: str, start: int, end: int, tok: str) -> Number:
    value = hours + minutes / 60
    alts = [("n", float(tok.replace(":", ".")))]
    if not minutes:
        alts += [("n", float(hours)), ("n", float(hours % 12 or 12))]  # "um 19 Uhr" / "at 7"
    if 1 <= hours < 12:
        alts.append(("time", round(value * 60) + 720))  # "8 Uhr" may be 8 p.m.
    return Number(value, span, start, end, "time", unit="h", alts=tuple(alts))


def _split_number(text: str, tok: str, start: int, end: int, out: list[Number]) -> None:
    """ "14:30 Uhr" is a time; "3:1", "2017/18", "24/7" are numbers side by side."""
    if tok == "9/11":  # the attacks of 11 September 2001, written the American way in German too
        out.append(Number(11.0, tok, start, end, "date", month=9, alts=(("n", 11.0),)))
        return
    sep = ":" if ":" in tok else "/" if "/" in tok else None
    parts = tok.split(sep) if sep else re.split(r"[.,]", tok)
    if sep == "/" and len(parts) == 2 and add_fraction(text, parts, start, end, out):
        return
    clock = clock_parts(parts) if sep == ":" else None
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
            out.append(_time(*clock, text[start:span_end], start, span_end, tok))
            return
    pos = start
    for part in parts:
        value = parse_digits(part, "de")
        if value is not None:
            kind = "year" if part.isdigit() and len(part) == 4 and 1000 <= value <= 2100 else "cardinal"
            out.append(Number(value, part, pos, pos + len(part), kind))
        pos += len(part) + 1


def _quantity(text: str, tok: str, value: float, start: int, end: int, *, spelled: bool = False) -> Number:
    """Read what follows a number: decade, scale word, percent, currency, unit."""
    kind, unit, pos, alts, scaled = "cardinal", None, end, (), False
    if not spelled and tok.isdigit():
        decade = _DECADE.match(text, pos)
        if decade and (value >= 100 or value % 10 == 0):
            kind, pos = "decade", decade.end()
            alts = (
                (("n", value), ("n", value % 100), ("dec", value % 100)) if value >= 100 else (("n", value),)
            )
            return Number(value, text[start:pos], start, pos, kind, soft=False, alts=alts)
    scale = _SCALE.match(text, pos)
    factor = 1.0
    if scale:
        factor = GERMAN_SCALES[scale[1].rstrip(".").lower()]
        value *= factor
        pos, scaled = scale.end(), True
    elif span := _SPAN_AFTER.match(text, pos):
        alts = (("n", value * _SPAN_YEARS[span[1]]),)
    if percent := _PERCENT.match(text, pos):
        kind, unit, pos = "percent", ("pp" if percent[1] else "%"), percent.end()
        alts = (("n", value), ("n", value / 100))
    elif currency := _CURRENCY_AFTER.match(text, pos):
        kind, unit, pos = "currency", CURRENCIES.get(currency[1].lower(), currency[1]), currency.end()
    elif currency := _CURRENCY_BEFORE.search(text, max(0, start - 6), start):
        kind, unit = "currency", CURRENCIES.get(currency[1].lower(), currency[1])
        start = currency.start()
    else:
        if unit_m := _UNIT.match(text, pos):
            unit = GERMAN_UNITS[unit_m[1].lower()]
        if not spelled and not scaled:
            if tok.isdigit() and len(tok) == 4 and 1000 <= value <= 2100 and unit is None:
                kind = "year"
            elif tok.isdigit() and _ORDINAL_DOT.match(text, end):
                kind = "ordinal"
    soft = spelled and spelled_soft(value, kind, scaled)
    return Number(value, text[start:pos], start, pos, kind, unit=unit, soft=soft, spelled=spelled, alts=alts,
                  scale=factor)  # fmt: skip


def _word_number(text: str, m: re.Match) -> Number | None:
    start, end = m.span()
    group = m.lastgroup
    if group == "frac":
        denominator = GERMAN_FRACTIONS[m["fden"].lower()]
        numerator = (
            1.0
            if not m["fnum"] or m["fnum"].lower().startswith("ein")
            else number_word_value(m["fnum"], "de")
        )
        if numerator is None:
            return None
        alts = (("n", numerator),) if numerator > 1 else ()  # "sieben Zehntel" / "seven tenths of a second"
        return Number(
            numerator / denominator, m.group(), start, end, "fraction", soft=True, spelled=True, alts=alts
        )
    if group == "decade":
        return Number(10.0, m.group(), start, end, "cardinal", unit="year", soft=True, spelled=True)
    if group == "last16":  # "Achtelfinale" is "the last 16" / "round of 16"
        return Number(16.0, m.group(), start, end, "cardinal", soft=True, spelled=True)
    if group == "half":
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
        return Number(
            value, m.group(), start, end, "fraction" if value < 1 else "cardinal", soft=True, spelled=True
        )
    if group == "ord":
        value = german_ordinal_value(m.group())
        if value is None:
            return None
        return Number(value, m.group(), start, end, "ordinal", soft=True, spelled=True)
    if group == "dec":
        value = float(DECADE_WORDS_DE[m["dec"].lower()])
        return Number(value, m.group(), start, end, "decade", soft=True, spelled=True, alts=(("n", value),))
    if group == "doz":
        return Number(12.0, m.group(), start, end, "cardinal", soft=True, spelled=True)
    if group == "art":
        half = re.match(r"\s*halbe[mnr]?", text[end:])
        number = _quantity(
            text, "", 0.5 if half else 1.0, start, end + (half.end() if half else 0), spelled=True
        )
        return number if number.value >= 1000 or number.kind == "percent" else None
    word = m.group()
    suffix = _WORD_SUFFIX.search(word)
    core = word[: suffix.start()] if suffix else word
    value = number_word_value(core, "de")
    if value is None or value == 1:
        return None  # "ein", "eine", "einmal", "einfach": an article or "once", not a count
    if suffix:
        # "dreifache", "Zehnjahresvertrag"-like compounds: English says "triple", "ten-year": soft
        return Number(value, word, start, end, "cardinal", unit=GERMAN_UNITS.get(suffix[1].lower()),
                      soft=True, spelled=True)  # fmt: skip
    number = _quantity(text, core, value, start, end, spelled=True)
    if mid_sentence_capital(text, start):
        number.soft = True
    return number
