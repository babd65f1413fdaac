"""Numbers in English text: digits in English notation (and German notation copied by MT), number
words, dates, times, percentages, currencies."""

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
    DECADE_WORDS_EN,
    ENGLISH_FRACTIONS,
    ENGLISH_MONTH_WORDS,
    ENGLISH_MONTHS,
    ENGLISH_NUMBER_WORDS,
    ENGLISH_SCALES,
    ENGLISH_SHORT_SCALES,
    ENGLISH_UNITS,
)
from .number import Number, norm
from .parsing import digit_tokens, english_ordinal_value, number_word_value, parse_digits


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NOT_LETTER = r"(?![^\W\d_])"
_SEP = r"[\s\u00a0\u202f-]*"
# Month names are only months when capitalised ("may", "march" are verbs).
_MONTHS = _alt(m.title() for m in ENGLISH_MONTHS)
_MONTH_BEFORE = re.compile(rf"\b({_MONTHS})\.?,?\s+(?:the\s+)?$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\b\.?")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_DECADE = re.compile(r"'?s\b")
_AM_PM = re.compile(r"\s?(?:(a\.m\.|am\b)|(p\.m\.|pm\b)|o['’]clock\b)", re.I)
_TIME_UNIT = re.compile(r"\s?(?:h\b|hrs\b|hours\b|GMT\b|CET\b|local time\b)")
_TIME_BEFORE = re.compile(
    r"\b(?:at|from|until|till|to|by|before|after|around|about|since|between|and)\s+$", re.I
)
_SCALE = re.compile(rf"{_SEP}(thousand|million|billion|trillion|millions|billions|bn|mn|mln|tn|trn)\b", re.I)
_BARE_SCALE = re.compile(r"([mk])\b")
_SHORT_SCALE = re.compile(r"(k|m|b|bn|mn|tn)\b", re.I)
_PERCENT = re.compile(
    rf"{_SEP}(?:(percentage[\s-]points?|pp\b|ppts?\b)|%|percent\b|per\s?cent\b|pct\b)", re.I
)
_CURRENCY_AFTER = re.compile(
    rf"{_SEP}(euros?|EUR|dollars?|USD|pounds?|GBP|(?:Swiss\s+)?francs?|CHF|yen|yuan|roubles|rubles|cents?){_NOT_LETTER}",
    re.I,
)
_CURRENCY_BEFORE = re.compile(r"(€|\$US|US\$|[ACS]\$|AU\$|HK\$|NZ\$|\$|£|¥|EUR|USD|CHF|GBP)\s?$")
_UNIT = re.compile(rf"{_SEP}({_alt(ENGLISH_UNITS)}){_NOT_LETTER}", re.I)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})")
_CODE_BEFORE = re.compile(r"(?:[^\W\d_]|\b[A-Z]{1,5}-)$")
_SECOND_NOT_ORDINAL = re.compile(r"(?:per|a|one|split|each|every|\d)\s+$", re.I)
_A_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.I)

_NUM = f"(?:{trie_pattern(ENGLISH_NUMBER_WORDS)})"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDS = re.compile(
    rf"""\b(?:
      (?P<halfpast>half[\s-]+past[\s-]+(?P<hour>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\b
    | (?P<halfa>half[\s-]+an?[\s-]+(?P<hscale>million|billion|trillion|dozen|thousand|hundred))\b
    | (?P<andhalf>{_NUM}(?:[\s-]+{_NUM})*)[\s-]+and[\s-]+a[\s-]+half\b
    | (?P<noon>noon|midday|midnight)\b
    | (?P<decade>decade)\b
    | (?P<frac>(?:(?P<fnum>an?|one|{_NUM}(?:-{_NUM})?)[\s-]+)?(?P<fden>{_alt(ENGLISH_FRACTIONS)}))\b
    | (?P<ord>(?:(?:{_TENS})-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth
               |[a-z]+teenth|[a-z]+tieth|hundredth|thousandth|millionth))\b
    | (?P<dec>{_alt(DECADE_WORDS_EN)})\b
    | (?P<card>{_NUM}(?:(?:\s+and\s+|[\s-]+){_NUM})*)\b
    )""",
    re.I | re.X,
)
_COMPOUND = re.compile(r"-[^\W\d_]")
_NOON = {"noon": 12.0, "midday": 12.0, "midnight": 0.0}
# Words that can start a number word (the detailed regex runs only there).
_STARTS = (
    [*ENGLISH_NUMBER_WORDS, *ENGLISH_FRACTIONS, *DECADE_WORDS_EN, *_NOON, "decade"]
    + "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth hundredth thousandth millionth".split()  # noqa: SIM905
)
# Where a number word may start, found in the lower-cased text (month names: months without a day).
_MONTH_WORDS = ENGLISH_MONTH_WORDS
_TEENTHS = [f"{stem}teenth" for stem in ("thir", "four", "fif", "six", "seven", "eigh", "nine")]
_TIETHS = [f"{stem}tieth" for stem in ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")]
_CANDIDATES = re.compile(
    rf"\b{trie_pattern((*_STARTS, *_MONTH_WORDS, *_TEENTHS, *_TIETHS))}\b|\ban?[\s-]+(?:half|third|quarter|fifth|eighth|tenth)"
)
_JOINER = re.compile(r"\s*(?:,|and|to|or|-|–|from|and from)\s*")
# "four decades" is also "40 Jahre", "two thousand years" also "zwei Jahrtausende"
_SPAN_AFTER = re.compile(r"\s+(decades?|centuries|century|millenni(?:a|um))\b", re.I)
_SPAN_YEARS = {
    "decade": 10,
    "decades": 10,
    "century": 100,
    "centuries": 100,
    "millennia": 1000,
    "millennium": 1000,
}


def extract_english(text: str) -> list[Number]:
    """Every number in English `text`, in order of appearance (see the package docstring for the rules)."""
    numbers: list[Number] = []
    for tok, start, end in digit_tokens(text):
        _digit_number(text, tok, start, end, numbers)
    covered = -1
    for m in candidate_words(text, _CANDIDATES):
        start = m.start()
        if start < covered:
            continue
        if m.group() in _MONTH_WORDS:
            word = text[start : m.end()]
            if word[0].isupper() and not overlaps(numbers, start, m.end()):
                numbers.append(
                    Number(float(ENGLISH_MONTHS[word.lower()]), word, start, m.end(), "month", soft=True)
                )
            continue
        found = _WORDS.match(text, start)
        if found and not overlaps(numbers, start, found.end()):
            for number in _word_numbers(text, found):
                numbers.append(number)
                covered = max(covered, number.end)
    numbers.sort(key=lambda n: n.start)
    numbers = without_overlaps(numbers, text)
    expand_second_years(numbers, text)
    share_units(numbers, text, _JOINER)
    return numbers


def _time(
    hours: int, minutes: int, span: str, start: int, end: int, meridiem: str | None, tok: str
) -> Number:
    if meridiem == "pm" and hours < 12:
        hours += 12
    elif meridiem == "am" and hours == 12:
        hours = 0
    value = hours + minutes / 60
    alts = [("n", float(tok.replace(":", ".")))]
    if not minutes:
        alts += [("n", float(hours)), ("n", float(hours % 12 or 12))]
    if meridiem is None and 1 <= hours < 12:
        alts.append(("time", round(value * 60) + 720))
    return Number(value, span, start, end, "time", unit="h", alts=tuple(alts))


def _meridiem(match: re.Match | None) -> str | None:
    if match is None:
        return None
    return "am" if match[1] else "pm" if match[2] else None


def _digit_number(text: str, tok: str, start: int, end: int, out: list[Number]) -> None:
    if _CODE_BEFORE.search(text, max(0, start - 8), start) and not _CURRENCY_BEFORE.search(
        text, max(0, start - 6), start
    ):
        value = parse_digits(tok, "en")
        if value is not None:
            out.append(Number(value, tok, start, end, "code", soft=True))
        return
    m = _NUMERIC_DATE.fullmatch(tok)
    if m:
        first, second = int(m[1]), int(m[3])
        year = int(m[4]) if len(m[4]) == 4 else full_year(int(m[4]))
        # 04.05.2018 is German day.month; 04/05/2018 may be either, so both readings count.
        day, month = (first, second) if m[2] == "." or first > 12 else (second, first)
        if valid_date(day, month):
            alts = [("n", float(day))]
            if m[2] == "/" and valid_date(month, day):
                alts.append(("date", day, month))
            date_end = start + m.start(4)  # the year is a number of its own
            out.append(
                Number(float(day), tok[: m.start(4)], start, date_end, "date", month=month, alts=tuple(alts))
            )
            out.append(Number(float(year), m[4], end - len(m[4]), end, "year"))
            return
    ampm = _AM_PM.match(text, end)
    if tok == "9/11":  # the attacks of 11 September 2001
        out.append(Number(11.0, tok, start, end, "date", month=9, alts=(("n", 11.0),)))
        return
    if ":" in tok or "/" in tok:
        parts = tok.split(":" if ":" in tok else "/")
        if "/" in tok and len(parts) == 2 and add_fraction(text, parts, start, end, out):
            return
        clock = clock_parts(parts) if ":" in tok else None
        if clock:
            unit = _TIME_UNIT.match(text, end)
            if ampm or unit or parts[1] == "00" or _TIME_BEFORE.search(text, max(0, start - 12), start):
                span_end = (ampm or unit).end() if (ampm or unit) else end
                out.append(_time(*clock, text[start:span_end], start, span_end, _meridiem(ampm), tok))
                return
        pos = start
        for part in parts:
            value = parse_digits(part, "en")
            if value is not None:
                kind = "year" if len(part) == 4 and 1000 <= value <= 2100 else "cardinal"
                out.append(Number(value, part, pos, pos + len(part), kind))
            pos += len(part) + 1
        return
    if ampm and ampm.group().strip().lower().startswith(("a", "p", "o")):
        hm = re.fullmatch(r"(\d{1,2})(?:\.(\d{2}))?", tok)
        if hm and valid_time(int(hm[1]), int(hm[2] or 0)):
            out.append(
                _time(
                    int(hm[1]),
                    int(hm[2] or 0),
                    text[start : ampm.end()],
                    start,
                    ampm.end(),
                    _meridiem(ampm),
                    tok,
                )
            )
            return
    value = parse_digits(tok, "en")
    alts: tuple = ()
    if value is None:
        value = parse_digits(tok, "de")  # German notation left in the English text: 1.234,56 / 1,5
        if value is None:
            pos = start
            for part in re.split(r"[.,]", tok):  # "12.5.4", "1,2,3": numbers side by side
                part_value = parse_digits(part, "en") if part else None
                if part_value is not None:
                    out.append(_quantity(text, part, part_value, pos, pos + len(part)))
                pos += len(part) + 1
            return
    if re.fullmatch(r"\d{1,3}\.\d{3}", tok):
        alts = (("n", float(tok.replace(".", ""))),)  # "3.000" copied from German notation
    hm = re.fullmatch(r"(\d{1,2})\.(\d{2})", tok)
    if hm and valid_time(int(hm[1]), int(hm[2])):
        minutes = int(hm[1]) * 60 + int(hm[2])
        alts = (*alts, ("time", minutes))  # "at 14.30", European style
        if 1 <= int(hm[1]) < 12:
            alts = (*alts, ("time", minutes + 720))  # "at 5.30" for 17.30 Uhr
    if tok.isdigit() and len(tok) <= 2 and 1 <= value <= 31:
        before = _MONTH_BEFORE.search(text, max(0, start - 16), start)
        after = None if before else _MONTH_AFTER.match(text, end)
        if before or after:
            month = ENGLISH_MONTHS[(before or after)[1].lower()]
            if before:
                ordinal = _ORDINAL.match(text, end)
                span_start, span_end = before.start(), ordinal.end() if ordinal else end
            else:  # keep the dot of "Feb." but not a full stop after "February"
                span_start = start
                span_end = after.end(1) if after[1].lower() in _MONTH_WORDS else after.end()
            out.append(
                Number(
                    value,
                    text[span_start:span_end],
                    span_start,
                    span_end,
                    "date",
                    month=month,
                    alts=(("n", value),),
                )
            )
            return
    number = _quantity(text, tok, value, start, end)
    number.alts = number.alts + alts
    out.append(number)


def _quantity(text: str, tok: str, value: float, start: int, end: int, *, spelled: bool = False) -> Number:
    kind, unit, pos, alts, scaled = "cardinal", None, end, (), False
    currency_before = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if not spelled:
        if _ORDINAL.match(text, pos):
            ordinal = _ORDINAL.match(text, pos)
            return Number(value, text[start : ordinal.end()], start, ordinal.end(), "ordinal")
        decade = _DECADE.match(text, pos)
        if decade and tok.isdigit() and (value >= 100 or value % 10 == 0) and (value >= 1000 or value < 100):
            pos = decade.end()
            alts = (
                (("n", value), ("n", value % 100), ("dec", value % 100)) if value >= 100 else (("n", value),)
            )
            span_start = start - 1 if text[start - 1 : start] in "'’" and start else start
            return Number(value, text[span_start:pos], span_start, pos, "decade", alts=alts)
    scale = _SCALE.match(text, pos)
    factor = 1.0
    if scale:
        factor = ENGLISH_SCALES[scale[1].lower()]
        pos, scaled = scale.end(), True
    elif currency_before and (short := _SHORT_SCALE.match(text, pos)):
        factor = ENGLISH_SHORT_SCALES[short[1].lower()]
        pos, scaled = short.end(), True
    elif span := _SPAN_AFTER.match(text, pos):
        alts = (("n", value * _SPAN_YEARS[span[1].lower()]),)
    elif not spelled and (bare := _BARE_SCALE.match(text, pos)):
        alts = (
            ("n", norm(value * ENGLISH_SHORT_SCALES[bare[1].lower()])),
        )  # "2m tons" may be millions, or metres
    value *= factor
    if percent := _PERCENT.match(text, pos):
        kind, unit, pos = "percent", ("pp" if percent[1] else "%"), percent.end()
        alts = (("n", value), ("n", value / 100))
    elif currency := _CURRENCY_AFTER.match(text, pos):
        word = currency[1].lower().split()[-1]
        kind, unit, pos = "currency", CURRENCIES.get(word, currency[1]), currency.end()
    elif currency_before:
        kind, unit = "currency", CURRENCIES.get(currency_before[1].lower(), currency_before[1])
        start = currency_before.start()
    else:
        if unit_m := _UNIT.match(text, pos):
            unit = ENGLISH_UNITS[unit_m[1].lower()]
        if (
            not spelled
            and not scaled
            and tok.isdigit()
            and len(tok) == 4
            and 1000 <= value <= 2100
            and unit is None
        ):
            kind = "year"
    soft = spelled and spelled_soft(value, kind, scaled)
    return Number(value, text[start:pos], start, pos, kind, unit=unit, soft=soft, spelled=spelled, alts=alts,
                  scale=factor)  # fmt: skip


def _phrase_value(phrase: str) -> float | None:
    words = phrase.lower()
    head, _, last = words.rpartition(" ")
    if last in ("million", "billion", "trillion"):
        factor = number_word_value(head, "en") if head else 1.0
        return None if factor is None else factor * ENGLISH_SCALES[last]
    if "dozen" in words:
        rest = words.replace("dozen", "").strip(" -")
        factor = number_word_value(rest, "en") if rest else 1.0
        return None if factor is None else factor * 12
    return number_word_value(words, "en")


def _word_numbers(text: str, m: re.Match) -> list[Number]:
    start, end = m.span()
    group = m.lastgroup
    if group == "halfpast":  # "at half past two"
        value = number_word_value(m["hour"], "en") + 0.5
        alts = (("time", round(value * 60) + 720),) if value < 12 else ()
        return [Number(value, m.group(), start, end, "time", unit="h", soft=True, spelled=True, alts=alts)]
    if group == "halfa":
        scale = m["hscale"].lower()
        value = 0.5 * (12 if scale == "dozen" else 100 if scale == "hundred" else ENGLISH_SCALES[scale])
        return [Number(value, m.group(), start, end, "cardinal", soft=spelled_soft(value), spelled=True)]
    if group == "decade":
        return [Number(10.0, m.group(), start, end, "cardinal", unit="year", soft=True, spelled=True)]
    if group == "noon":
        value = _NOON[m.group().lower()]
        return [Number(value, m.group(), start, end, "time", unit="h", soft=True, spelled=True)]
    if group == "andhalf":
        whole = _phrase_value(m["andhalf"])
        if whole is None:
            return []
        return [_quantity(text, "", whole + 0.5, start, end, spelled=True)]
    if group == "frac":
        den_word = m["fden"].lower()
        denominator = ENGLISH_FRACTIONS[den_word]
        fnum = (m["fnum"] or "").lower()
        plural = den_word.endswith("s") and den_word != "halves"
        if denominator == 2:
            return [Number(0.5, m.group(), start, end, "fraction", soft=True, spelled=True)]
        if fnum in ("a", "an") and not plural:
            # "a third agreed" or "a third term": a fraction that may also be read as the ordinal
            return [Number(1 / denominator, m.group(), start, end, "fraction", soft=True, spelled=True,
                           alts=(("n", float(denominator)),))]  # fmt: skip
        if plural and fnum:
            numerator = 1.0 if fnum in ("a", "an", "one") else _phrase_value(fnum)
        else:
            numerator = 1.0 if fnum == "one" else None
        if numerator is None:
            if plural or denominator == 4:
                return []
            # "the third": an ordinal, not a fraction
            start = m.start("fden")
            return [Number(float(denominator), m["fden"], start, end, "ordinal", soft=True, spelled=True)]
        alts = (("n", numerator),) if numerator > 1 else ()  # "three quarters" may be "drei Quartale"
        return [
            Number(
                numerator / denominator, m.group(), start, end, "fraction", soft=True, spelled=True, alts=alts
            )
        ]
    if group == "ord":
        word = m.group()
        if word.lower() == "second" and _SECOND_NOT_ORDINAL.search(text, max(0, start - 8), start):
            return []
        value = english_ordinal_value(word)
        if value is None:
            return []
        return [Number(value, word, start, end, "ordinal", soft=True, spelled=True)]
    if group == "dec":
        value = float(DECADE_WORDS_EN[m["dec"].lower()])
        return [Number(value, m.group(), start, end, "decade", soft=True, spelled=True, alts=(("n", value),))]
    phrase = m.group()
    value = _phrase_value(phrase)
    if value is None:
        # "two and three", "five six": several numbers side by side
        out = []
        for part in re.finditer(_NUM + r"(?:-" + _NUM + ")?", phrase, re.I):
            part_value = _phrase_value(part.group())
            if part_value is not None and part_value != 1:
                s = start + part.start()
                out.append(_quantity(text, "", part_value, s, s + len(part.group()), spelled=True))
        return out
    first = phrase.split()[0].lower().split("-")[0]
    if first in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
        article = _A_BEFORE.search(text, max(0, start - 4), start)
        if article:
            start = article.start()
        elif first in ("million", "billion", "trillion"):
            return []  # "million" alone is not a count ("millions of" is not matched at all)
    if value == 1:
        return []  # "one" is a pronoun or an article far more often than a count
    number = _quantity(text, "", value, start, end, spelled=True)
    if _COMPOUND.match(text, number.end) or mid_sentence_capital(text, start):
        number.soft = True  # "three-month period" (German "Dreimonatszeitraum"), "Seven" the network
    return [number]
