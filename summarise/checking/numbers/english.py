"""Numbers in English text: digits in English notation (and German notation copied by MT), number
words, dates, times, percentages, currencies, signs, multiples, units, scores, names and vague
quantities — each notation one recogniser (see `.registry`)."""

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
    fold,
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
    DECADE_WORDS_EN,
    ENGLISH_FRACTIONS,
    ENGLISH_MONTH_WORDS,
    ENGLISH_MONTHS,
    ENGLISH_NAME_WORDS,
    ENGLISH_NUMBER_WORDS,
    ENGLISH_SCALES,
    ENGLISH_SHORT_SCALES,
    ENGLISH_UNITS,
    VAGUE_MANY_TIMES,
)
from .number import Number, norm
from .parsing import VULGAR_FRACTIONS, digit_tokens, english_ordinal_value, number_word_value, parse_digits
from .registry import Followers, Registry, TokenRegistry, WordRegistry, gated


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NOT_LETTER = r"(?![^\W\d_])"
_SEP = r"[\s\u00a0\u202f-]*"
# Month names are only months when capitalised ("may", "march" are verbs).
_MONTHS = _alt(m.title() for m in ENGLISH_MONTHS)
_MONTH_BEFORE = re.compile(rf"\b({_MONTHS})\.?,?\s+(?:the\s+)?$")
_MONTH_INITIALS = frozenset(m.title()[0] for m in ENGLISH_MONTHS)  # `_MONTHS` is case-sensitive
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\b\.?")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_DECADE = re.compile(r"'?s\b")
_AM_PM = re.compile(
    r"\s?(?:(a\.m\.|am\b)|(p\.m\.|pm\b)|o['’]clock\b)"
    r"(?:\s+(?:(in\s+the\s+morning)|(in\s+the\s+(?:afternoon|evening)|at\s+night|tonight)))?"
    r"|\s+(?:(in\s+the\s+morning)|(in\s+the\s+(?:afternoon|evening)|at\s+night|tonight))\b",
    re.I,
)
_NOON_AFTER = re.compile(r"\s+(noon|midday|midnight)\b", re.I)
_TIME_UNIT = re.compile(r"\s?(?:h\b|hrs\b|hours\b|GMT\b|CET\b|local time\b)")
_TIME_BEFORE = re.compile(
    r"\b(?:at|from|until|till|to|by|before|after|around|about|since|between|and)\s+$", re.I
)
_SCALE_WORDS = ["thousand", "million", "billion", "trillion", "millions", "billions", "bn", "mn", "mln", "tn", "trn"]
_SCALE = re.compile(rf"{_SEP}({'|'.join(_SCALE_WORDS)})\b", re.I)
_BARE_SCALE = re.compile(r"([mk])\b")
_SHORT_SCALE_WORDS = ["k", "m", "b", "bn", "mn", "tn"]
_SHORT_SCALE = re.compile(rf"({'|'.join(_SHORT_SCALE_WORDS)})\b", re.I)
_PERCENT_WORDS = [r"(percentage[\s-]points?|pp\b|ppts?\b)", r"%", r"percent\b", r"per\s?cent\b", r"pct\b"]
_PERCENT = re.compile(rf"{_SEP}(?:{'|'.join(_PERCENT_WORDS)})", re.I)
_CURRENCY_WORDS = [r"euros?", r"EUR", r"dollars?", r"USD", r"pounds?", r"GBP", r"(?:Swiss\s+)?francs?", r"CHF", r"yen", r"yuan",
                   r"roubles", r"rubles", r"cents?"]  # fmt: skip
_CURRENCY_AFTER = re.compile(rf"{_SEP}({'|'.join(_CURRENCY_WORDS)}){_NOT_LETTER}", re.I)
_CURRENCY_BEFORE = re.compile(r"(€|\$US|US\$|[ACS]\$|AU\$|HK\$|NZ\$|\$|£|¥|EUR|USD|CHF|GBP)\s?$")
_CURRENCY_SIGN_ENDS = frozenset("€$£¥SRDFP")  # the last characters of those signs


def _currency_before(text: str, start: int) -> re.Match | None:
    return _CURRENCY_BEFORE.search(text, max(0, start - 6), start) if sign_before(text, start, _CURRENCY_SIGN_ENDS) else None

_UNIT = re.compile(rf"{_SEP}({_alt(ENGLISH_UNITS)})(?![^\W_])", re.I)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})")
_CODE_BEFORE = re.compile(r"(?:[^\W\d_]|\b[A-Z]{1,5}-)$")
_SECOND_NOT_ORDINAL = re.compile(r"(?:per|a|one|split|each|every|\d)\s+$", re.I)
_A_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.I)

_NUM = f"(?:{trie_pattern(ENGLISH_NUMBER_WORDS)})"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_COMPOUND = re.compile(r"-[^\W\d_]")
_NOON = {"noon": 12.0, "midday": 12.0, "midnight": 0.0}
_MONTH_WORDS = ENGLISH_MONTH_WORDS
_TEENTHS = [f"{stem}teenth" for stem in ("thir", "four", "fif", "six", "seven", "eigh", "nine")]
_TIETHS = [f"{stem}tieth" for stem in ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")]
_JOINER = re.compile(r"\s*(?:,|and|to|or|-|–|from|and from)\s*")
# "four decades" is also "40 Jahre", "two thousand years" also "zwei Jahrtausende"
_SPAN_AFTER = re.compile(r"\s+(decades?|centuries|century|millenni(?:a|um))\b", re.I)
# The words those read after a number, the short scales of "5m", "$5bn" too: most numbers are followed by
# none of them (see `Followers`). "(?:Swiss\s+)?francs?" is read as its two ways of beginning.
_FOLLOWERS = Followers(
    [(w, False) for w in (*_SCALE_WORDS, *_PERCENT_WORDS, *_CURRENCY_WORDS) if w != r"(?:Swiss\s+)?francs?"]
    + [(r"Swiss\s+francs?", False), (r"francs?", False), (r"decades?", False), (r"centur", False), (r"millenni", False)]
    + [(w, True) for w in (*_SHORT_SCALE_WORDS, *map(re.escape, ENGLISH_UNITS))],
    re.I,
)
_SPAN_YEARS = {"decade": 10, "decades": 10, "century": 100, "centuries": 100, "millennia": 1000, "millennium": 1000}
# Context: signs, declines ("a 5 percent drop" is the German "ein Rückgang um 5 Prozent"), scores.
_SIGN_BEFORE = re.compile(r"(?:(?<![\d%)\]]\s)(?<![\w\d.,])[-−–]|(?<![/±])(?<!or\s)(?<!or-)\b(?:[Mm]inus|[Nn]egative)\s+)$")  # not "plus or minus 6%"
_SIGN_AFTER = re.compile(r"\s*(?:degrees?\s+(?:Celsius\s+|Fahrenheit\s+|C\s+|F\s+)?)?below\s+(?:zero|freezing)\b")
_DECLINE_BEFORE = re.compile(
    r"(?:\b(?:fell|fall|falls|falling|dropped|drop|drops|declined|decline|declines|decreased|decrease|shrank|"
    r"shrunk|shrinks|contracted|slipped|slid|lost|loses|losing|sank|plunged|plummeted|tumbled|slumped|eased|"
    r"cut|cuts|reduced|lowered|down|lower)\s+(?:by\s+)?(?:about|around|some|almost|nearly|roughly|more\s+than|over)?\s*"
    r"|\b(?:drop|decline|decrease|fall|loss|cut|reduction|contraction|minus)\s+of\s+(?:about|around|some|almost|nearly)?\s*)$",
    re.I,
)
_DECLINE_AFTER = re.compile(
    r"\s*(?:[^\W\d_]+\s+)?(?:drop|decline|decrease|fall|loss|cut|reduction|contraction|dip|slump|less|fewer|"
    r"lower|down|slide|plunge)\b",
    re.I,
)
# A part of every word `_DECLINE_BEFORE` reads (lower case, searched in folded text; see `declines`).
_DECLINE_TRIGGER = re.compile(trie_pattern((
    "fell", "fall", "drop", "declin", "decreas", "shrank", "shrunk", "shrink", "contract", "slipped", "slid",
    "lost", "lose", "losing", "loss", "sank", "plunged", "plummeted", "tumbled", "slumped", "eased", "cut",
    "reduc", "lower", "down", "minus")))  # fmt: skip
# The words a `_DECLINE_BEFORE` match ends with (its white space aside), lower case: a verb, "by", "of" or
# the word of an amount ("about", "more than").
_DECLINE_ENDINGS = (
    "fell", "fall", "falls", "falling", "dropped", "drop", "drops", "declined", "decline", "declines", "decreased",
    "decrease", "shrank", "shrunk", "shrinks", "contracted", "slipped", "slid", "lost", "loses", "losing", "sank",
    "plunged", "plummeted", "tumbled", "slumped", "eased", "cut", "cuts", "reduced", "lowered", "down", "lower",
    "by", "of", "about", "around", "some", "almost", "nearly", "roughly", "than", "over",
)  # fmt: skip
# The words `_DECLINE_AFTER` reads, lower case. Each stands right after the number's white space or after the
# next word and its white space (`_AFTER_WORDS` finds both places; the pattern, backtracking, tries no other).
_DECLINE_AFTER_WORDS = ("drop", "decline", "decrease", "fall", "loss", "cut", "reduction", "contraction", "dip",
                        "slump", "less", "fewer", "lower", "down", "slide", "plunge")  # fmt: skip
_AFTER_WORDS = re.compile(r"(\s*)(?:[^\W\d_]+\s+)?")


def _decline_may_follow(text: str, folded: str | None, end: int) -> bool:
    """False where `_DECLINE_AFTER` cannot match at `end`: no word of it where it reads one (looked for in
    `folded`, where the case-insensitive pattern's words are lower case)."""
    if folded is None:
        return True
    nxt = text[end : end + 1]
    if not nxt.isspace() and not nxt.isalnum():  # "5," or "5)": no white space and no word follows
        return False
    m = _AFTER_WORDS.match(text, end)
    return folded.startswith(_DECLINE_AFTER_WORDS, m.end(1)) or folded.startswith(_DECLINE_AFTER_WORDS, m.end())


_DURATION_JOINER = re.compile(r"\s*[^\W\d_]*,?\s+and\s+")
_SCORE_CONTEXT = re.compile(
    r"\b(?:won|win|wins|winning|beat|beats|beating|lost|lose|loses|losing|defeat\w*|victory|victories|draw|drew|"
    r"drawn|tied?|score[ds]?|scoreline|lead|leads|led|trail\w*|result|ended|finished|match|game|thrash\w*|"
    r"routed?|edged?|votes?|voted|majority|triumph\w*|loss|rout|thumping|goals?|sets?|ruling)\b",
    re.I,
)
# Searched in a window before a figure (or around it), each position tried: gated by their first characters.
_SIGN_BEFORE, _DECLINE_BEFORE, _SCORE_CONTEXT = gated(_SIGN_BEFORE), gated(_DECLINE_BEFORE), gated(_SCORE_CONTEXT)
_LOSS_CONTEXT = re.compile(
    r"\b(?:lost|lose|loses|losing|(?:was|were|been|be)\s+(?:defeated|beaten|thrashed|routed)|went\s+down|fell)\b[^.;]{0,25}$"
    r"|^[^.;]{0,12}\b(?:defeats?|loss|losses|reverse)\b",
    re.I,
)
_NAME_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'“]))([A-Z§][\w§-]*|§§?)\s$")
_MULTIPLE_AFTER = re.compile(
    r"(?:-?fold\b|\s+times\s+(?:as|more|less|higher|lower|larger|bigger|greater|faster|longer|the|over|that|what)\b)", re.I
)


def extract_english(text: str) -> list[Number]:
    """Every number in English `text`, in order of appearance (see the package docstring for the rules)."""
    numbers: list[Number] = []
    for tok, start, end in digit_tokens(text):
        TOKENS.first(text, tok, start, end, numbers)
    taken = Taken(numbers)
    covered = -1
    for m in candidate_words(text, _candidates(), _candidate_starts()):
        start = m.start()
        if start < covered:
            continue
        if m.group() in _MONTH_WORDS:
            word = text[start : m.end()]
            if word[0].isupper() and not taken.overlaps(start, m.end()) and not _in_double_name(text, m.end()):
                numbers.append(
                    Number(float(ENGLISH_MONTHS[word.lower()]), word, start, m.end(), "month", soft=True)
                )
                taken.add(numbers[-1])
            continue
        found = WORDS.match(text, start)
        if found and not taken.overlaps(start, found[1].end()):
            for number in WORDS.handler(found[0])(text, found[1]):
                numbers.append(number)
                taken.add(number)
                covered = max(covered, number.end)
    if "½" in text or "¼" in text or "¾" in text or "⅓" in text or "⅔" in text:
        _lone_fractions(text, numbers)
    return settle(numbers, text, _JOINER, CONTEXT)


_NAME_PART_AFTER = re.compile(r"-([A-Z][a-z]+)")


def _in_double_name(text: str, end: int) -> bool:
    """ "Norrie May-Welby", "Tom March-Phillips": a month word joined to a capitalised non-month is a name."""
    m = _NAME_PART_AFTER.match(text, end)
    return m is not None and m[1].lower() not in _MONTH_WORDS


_CANDIDATES: re.Pattern | None = None
# "a" and "an" start a number word only before these ("a third", "an hour and a half", "a few hundred", "a
# couple of thousand", "a three-quarters hour", "a tenfold rise", "a quarter past"): every word recogniser
# that may open with an article needs one of them next. Most articles are no number: a candidate at each
# made the word recognisers run at every "a" of a text (tests/test_check_fastpaths.py checks the list).
_ARTICLES = ("a", "an")
_AFTER_ARTICLE = (r"an?[\s-]+(?:half|halves|third|quarter|fifth|eighth|tenth|hour|year|day|week|month|few|couple|"
                  rf"three[\s-]+quarters|{_NUM}(?:-{_NUM})?-?fold)")


def _candidates() -> re.Pattern:
    """Where a number word may start: the word recognisers' start words and month names."""
    global _CANDIDATES
    if _CANDIDATES is None:
        _CANDIDATES = re.compile(
            rf"\b{trie_pattern(w for w in (*WORDS.starts(), *_MONTH_WORDS, *_TEENTHS, *_TIETHS) if w not in _ARTICLES)}\b"
            rf"|\b{_AFTER_ARTICLE}"
            r"|\b(?:several|few|some|couple|tens|hundreds|thousands|millions|billions|dozens|scores)\b"
            r"|\b(?:doubl|tripl|trebl|quadrupl|quintupl|halv|twice|goalless|scoreless|nil-)"
            rf"|\b(?:{trie_pattern(ENGLISH_NUMBER_WORDS)})(?=fold\b)"
        )
    return _CANDIDATES


_STARTS: re.Pattern | None = None


def _candidate_starts() -> re.Pattern:
    """The words `_candidates()` can start with ("a" for "a half", "an hour"), one trie after a word
    boundary: where none starts, it cannot match (see `candidate_words`). Scanning for it and matching
    `_candidates()` at its hits is faster than scanning with `_candidates()`, whose alternatives each
    start with their own \\b."""
    global _STARTS
    if _STARTS is None:
        _STARTS = re.compile(r"\b" + trie_pattern((
            *WORDS.starts(), *_MONTH_WORDS, *_TEENTHS, *_TIETHS, "a", "several", "few", "some", "couple", "tens",
            "hundreds", "thousands", "millions", "billions", "dozens", "scores", "doubl", "tripl", "trebl",
            "quadrupl", "quintupl", "halv", "twice", "goalless", "scoreless", "nil-", *ENGLISH_NUMBER_WORDS)))  # fmt: skip
    return _STARTS


def _lone_fractions(text: str, numbers: list[Number]) -> None:
    """ "½ an hour", "¾ of voters": a vulgar fraction without a whole number before it."""
    taken = Taken(numbers)
    for m in re.finditer("[½¼¾⅓⅔]", text):
        if not taken.overlaps(m.start(), m.end()):
            numbers.append(Number(VULGAR_FRACTIONS[m.group()], m.group(), m.start(), m.end(), "fraction"))


# --- digit tokens: tried in order, the first that takes the token wins ----------------------------

TOKENS = TokenRegistry("English digit token")

@TOKENS.register("name", "digits")
def _name(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "Formula 1", "Section 218", "ICE 578", "Hanover 96": digits of a name."""
    if not (tok.isdigit() and space_before(text, start)):
        return False
    word = name_before(text, start, "(\"'“")
    if word is not None and word not in ENGLISH_NAME_WORDS and not (len(tok) == 2 and tok[0] == "0"):
        return False  # neither a name word nor a club's number: the search below would end the same
    before = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    club = len(tok) == 2 and tok[0] == "0"
    if _PERCENT.match(text, end) or _CURRENCY_AFTER.match(text, end) or _SCALE.match(text, end):
        return False  # "Apollo 20 percent": a quantity after a name
    if before[1].lower() in ENGLISH_NAME_WORDS or club:
        name = before[1].upper()
        out.append(Number(float(tok), tok, start, end, "code", unit="HANNOVER" if name == "HANOVER" else name, soft=True))
        return True
    return False


@TOKENS.register("code")
def _code(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "A6", "G20", "COVID-19", "F-35": a name that contains digits (but "US$5" is money)."""
    if not (word_before(text, start) and _CODE_BEFORE.search(text, max(0, start - 8), start)) or _currency_before(
        text, start
    ):
        return False
    value = parse_digits(tok, "en")
    if value is not None:
        out.append(Number(value, tok, start, end, "code", unit=code_prefix(text, start), soft=True))
    return True


@TOKENS.register("multiple", after="-fF ")
def _digit_multiple(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "10-fold", "10 times as high", "3 times more": a factor written in digits."""
    m = _MULTIPLE_AFTER.match(text, end)
    value = parse_digits(tok, "en") if m else None  # "1.5 times as high" too
    if value is None:
        return False
    span_end = m.end() if "fold" in m.group().lower() else end + len(m.group().split("times")[0]) + 5
    out.append(multiple(value, text, start, span_end, soft=False))
    return True


@TOKENS.register("numeric date", "./")
def _numeric_date(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "04.05.2018" (day.month), "04/05/2018" (either way round: both readings count)."""
    m = _NUMERIC_DATE.fullmatch(tok)
    if not m:
        return False
    first, second = int(m[1]), int(m[3])
    year = int(m[4]) if len(m[4]) == 4 else full_year(int(m[4]))
    day, month = (first, second) if m[2] == "." or first > 12 else (second, first)
    if not valid_date(day, month):
        return False
    alts = [("n", float(day))]
    if m[2] == "/" and valid_date(month, day):
        alts.append(("date", day, month))
    date_end = start + m.start(4)  # the year is a number of its own
    out.append(Number(float(day), tok[: m.start(4)], start, date_end, "date", month=month, alts=tuple(alts)))
    out.append(Number(float(year), m[4], end - len(m[4]), end, "year"))
    return True


@TOKENS.register("slash", "/")
def _slash(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "9/11", "1/2" and "2 1/2" (fractions), "24/7" (numbers side by side)."""
    if "/" not in tok:
        return False
    if tok == "9/11":  # the attacks of 11 September 2001
        out.append(Number(11.0, tok, start, end, "date", month=9, alts=(("n", 11.0),)))
        return True
    parts = tok.split("/")
    if len(parts) == 2 and add_fraction(text, parts, start, end, out):
        return True
    _side_by_side(parts, start, out)
    return True


@TOKENS.register("colon", ":")
def _colon(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "2:30 p.m.", "at 14:30", "14:30 GMT" (times); "3:1" (a score or ratio, ordered)."""
    if ":" not in tok:
        return False
    parts = tok.split(":")
    clock = clock_parts(parts)
    ampm = _AM_PM.match(text, end)
    if clock:
        unit = _TIME_UNIT.match(text, end)
        if ampm or unit or parts[1] == "00" or _TIME_BEFORE.search(text, max(0, start - 12), start):
            span_end = (ampm or unit).end() if (ampm or unit) else end
            # "10:30h", "10:30 GMT": a 24-hour clock, so no evening reading
            meridiem = "24h" if unit and not ampm else _meridiem(ampm)
            out.append(_time(*clock, text[start:span_end], start, span_end, meridiem, tok))
            return True
    if len(parts) == 2 and all(p.isdigit() and len(p) <= 3 for p in parts):
        out.append(_score(float(parts[0]), float(parts[1]), text, start, end))
        return True
    _side_by_side(parts, start, out)
    return True


@TOKENS.register("score", "short", after="-–— ")
def _hyphen_score(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "won 3-1", "a 2–0 win", "drew 1-1": a score. "3-4 days" (ascending, no sport or vote around it)
    is a range and stays two numbers."""
    found = hyphen_score(text, tok, start, end, _SCORE_CONTEXT)
    if found is None:
        return False
    out.append(_score(found[0], found[1], text, start, found[2]))
    return True


_QUARTER_BEFORE = re.compile(r"\b(?:a\s+)?quarter[\s-]+(?P<qdir>past|after|to|before)[\s-]+$", re.I)


@TOKENS.register("quarter clock", "digits")
def _quarter_clock_digits(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "a quarter past 3" (3:15), "a quarter to 12" (11:45)."""
    if not tok.isdigit() or not 1 <= int(tok) <= 24:
        return False
    if "quarter" not in fold(text[max(0, start - 20) : start]):  # the cheap test for the word the search needs
        return False
    m = _QUARTER_BEFORE.search(text, max(0, start - 20), start)
    if m is None:
        return False
    value = int(tok) + (0.25 if m["qdir"].lower() in ("past", "after") else -0.25)
    value = value + 12 if value < 1 else value
    alts = (("time", round(value * 60) + 720),) if value < 12 else ()
    out.append(Number(value, text[m.start() : end], m.start(), end, "time", unit="h", alts=alts))
    return True


# "5ft 11in", "5 feet 11 inches", "6' 2\"": one height, in inches (so "1,80 Meter" converts to it).
_FEET_INCHES = re.compile(r"(\d)\s?(?:ft|feet|foot|')\s?(\d{1,2})\s?(?:in|inches|inch|\"|”)(?![^\W\d_])")


@TOKENS.register("feet and inches", "short", after="f' ")
def _feet_inches(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "5ft 11in" (71 inches): the inches' digits are part of the one measurement."""
    m = _FEET_INCHES.match(text, start) if len(tok) == 1 else None
    if m is None or int(m[2]) >= 12:
        return False
    out.append(Number(float(int(m[1]) * 12 + int(m[2])), m.group(), start, m.end(), "cardinal", unit="in"))
    return True


@TOKENS.register("clock", after="aApPoO ")
def _clock_word(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "2pm", "9.30 a.m.", "8 o'clock", "4 in the afternoon", "12 noon": a time."""
    noon = _NOON_AFTER.match(text, end) if tok == "12" else None
    if noon:  # one time, not a 12 beside a noon
        hours = 0 if noon[1].lower() == "midnight" else 12
        out.append(_time(hours, 0, text[start : noon.end()], start, noon.end(), None, tok))
        return True
    ampm = _AM_PM.match(text, end)
    if not ampm:
        return False
    hm = re.fullmatch(r"(\d{1,2})(?:\.(\d{2}))?", tok)
    if not (hm and valid_time(int(hm[1]), int(hm[2] or 0))):
        return False
    daypart = ampm[3] or ampm[4] or ampm[5] or ampm[6]
    if daypart and not hm[2] and not _TIME_BEFORE.search(text, max(0, start - 12), start):
        return False  # "3 in the morning" needs "at": "won 3 in the evening session" is no time
    out.append(_time(int(hm[1]), int(hm[2] or 0), text[start : ampm.end()], start, ampm.end(), _meridiem(ampm), tok))
    return True


@TOKENS.register("month date", "short")
def _month_date(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """ "February 26", "26 February", "Feb. 26th", "the 26th of February": a date."""
    if not (tok.isdigit() and len(tok) <= 2 and 1 <= int(tok) <= 31):
        return False
    window = text[max(0, start - 16) : start]  # a month before needs its capital initial there
    before = _MONTH_BEFORE.search(text, max(0, start - 16), start) if not _MONTH_INITIALS.isdisjoint(window) else None
    after = None if before else _MONTH_AFTER.match(text, end)
    if not (before or after):
        return False
    month = ENGLISH_MONTHS[(before or after)[1].lower()]
    if before:
        ordinal = _ORDINAL.match(text, end)
        span_start, span_end = before.start(), ordinal.end() if ordinal else end
    else:  # keep the dot of "Feb." but not a full stop after "February"
        span_start = start
        span_end = after.end(1) if after[1].lower() in _MONTH_WORDS else after.end()
    value = float(tok)
    out.append(Number(value, text[span_start:span_end], span_start, span_end, "date", month=month,
                      alts=(("n", value),)))  # fmt: skip
    return True


_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DOT_CLOCK = re.compile(r"(\d{1,2})\.(\d{2})")


@TOKENS.register("quantity")
def _digits(text: str, tok: str, start: int, end: int, out: list[Number]) -> bool:
    """Any other digits: English notation (or German notation left in, reported as `notation`), then
    scale, percent, currency, unit, year, ordinal, decade."""
    value = parse_digits(tok, "en")
    alts: tuple = ()
    foreign = None
    if value is None:
        value = parse_digits(tok, "de")  # German notation left in the English text: 1.234,56 / 1,5
        foreign = "value"
        if value is None:
            _side_by_side(re.split(r"[.,]", tok), start, out, text)  # "12.5.4", "1,2,3"
            return True
    if "." in tok and _DOT_GROUPED.fullmatch(tok):
        alts = (("n", float(tok.replace(".", ""))),)  # "3.000" copied from German notation
        foreign = "alt"
    hm = _DOT_CLOCK.fullmatch(tok) if "." in tok else None
    if hm and valid_time(int(hm[1]), int(hm[2])):
        minutes = int(hm[1]) * 60 + int(hm[2])
        alts = (*alts, ("time", minutes))  # "at 14.30", European style
        if 1 <= int(hm[1]) < 12:
            alts = (*alts, ("time", minutes + 720))  # "at 5.30" for 17.30 Uhr
    number = _quantity(text, tok, value, start, end)
    if foreign and number.scale != 1:
        alts = tuple((k[0], norm(k[1] * number.scale)) if k[0] == "n" else k for k in alts)
    number.alts = number.alts + alts
    number.foreign = foreign
    out.append(number)
    return True


def _side_by_side(parts: list[str], start: int, out: list[Number], text: str | None = None) -> None:
    pos = start
    for part in parts:
        value = parse_digits(part, "en") if part else None
        if value is not None:
            if text is not None:
                out.append(_quantity(text, part, value, pos, pos + len(part)))
            else:
                kind = "year" if len(part) == 4 and 1000 <= value <= 2100 else "cardinal"
                out.append(Number(value, part, pos, pos + len(part), kind))
        pos += len(part) + 1


def _score(a: float, b: float, text: str, start: int, end: int) -> Number:
    """English puts the winner's score first even after "lost" ("Dortmund lost 3-1"): then either
    order is the same score."""
    loss = _LOSS_CONTEXT.search(text, max(0, start - 40), start) or _LOSS_CONTEXT.match(text[end : end + 20])
    alts = (("score", b, a),) if a != b and loss else ()
    return score(a, b, text, start, end, alts=alts)


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
    if meridiem is None and 1 <= hours < 12 and not tok.startswith("0"):
        alts.append(("time", round(value * 60) + 720))  # "7:45" may be the evening; "07:45" is not
    return Number(value, span, start, end, "time", unit="h", alts=tuple(alts))


def _meridiem(match: re.Match | None) -> str | None:
    if match is None:
        return None
    if match[1] or match[3] or match[5]:
        return "am"
    if match[2] or match[4] or match[6]:
        return "pm"
    return None


def _quantity(text: str, tok: str, value: float, start: int, end: int, *, spelled: bool = False) -> Number:
    kind, unit, pos, alts, scaled = "cardinal", None, end, (), False
    currency_before = _currency_before(text, start)
    nxt = text[pos : pos + 1]  # the patterns below that open with a letter run only where it stands
    if not spelled:
        if nxt in "snrt" and (ordinal := _ORDINAL.match(text, pos)):
            return Number(value, text[start : ordinal.end()], start, ordinal.end(), "ordinal")
        decade = _DECADE.match(text, pos) if nxt in "'s" else None
        if decade and tok.isdigit() and (value >= 100 or value % 10 == 0) and (value >= 1000 or value < 100):
            pos = decade.end()
            alts = (
                (("n", value), ("n", value % 100), ("dec", value % 100)) if 1800 <= value < 2100 else (("n", value),)
            )
            span_start = start - 1 if text[start - 1 : start] in "'’" and start else start
            return Number(value, text[span_start:pos], span_start, pos, "decade", alts=alts)
    known = _FOLLOWERS.may(text, pos)  # else none of the patterns below reads the word there
    scale = _SCALE.match(text, pos) if known else None
    factor = 1.0
    if scale:
        factor = ENGLISH_SCALES[scale[1].lower()]
        pos, scaled = scale.end(), True
        known = _FOLLOWERS.may(text, pos)
    elif known and currency_before and (short := _SHORT_SCALE.match(text, pos)):
        factor = ENGLISH_SHORT_SCALES[short[1].lower()]
        pos, scaled = short.end(), True
        known = _FOLLOWERS.may(text, pos)
    elif known and nxt.isspace() and (span := _SPAN_AFTER.match(text, pos)):
        alts = (("n", value * _SPAN_YEARS[span[1].lower()]),)
    elif not spelled and nxt in "mk" and (bare := _BARE_SCALE.match(text, pos)) and _UNIT.match(text, bare.end()):
        factor = ENGLISH_SHORT_SCALES[bare[1].lower()]  # "2m tons", "5k km": a unit after it, so a scale
        pos, scaled = bare.end(), True
        known = _FOLLOWERS.may(text, pos)
    elif not spelled and nxt in "mk" and (bare := _BARE_SCALE.match(text, pos)):
        alts = (
            ("n", norm(value * ENGLISH_SHORT_SCALES[bare[1].lower()])),
        )  # "2m" may be millions, or metres
    value *= factor
    if known and (percent := _PERCENT.match(text, pos)):
        kind, unit, pos = "percent", ("pp" if percent[1] else "%"), percent.end()
        alts = (("n", value), ("n", value / 100))
    elif known and (currency := _CURRENCY_AFTER.match(text, pos)):
        word = currency[1].lower().split()[-1]
        kind, unit, pos = "currency", CURRENCIES.get(word, currency[1]), currency.end()
    elif currency_before:
        kind, unit = "currency", CURRENCIES.get(currency_before[1].lower(), currency_before[1])
        start = currency_before.start()
    else:
        if known and (unit_m := _UNIT.match(text, pos)):
            unit = ENGLISH_UNITS[" ".join(unit_m[1].lower().split())]
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


# --- number words: one regex fragment and one handler per notation, tried in this order ------------

WORDS = WordRegistry()


@WORDS.register("halfpast", r"half[\s-]+past[\s-]+(?P<hour>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")
def _half_past(text: str, m: re.Match) -> list[Number]:
    """ "at half past two"."""
    value = number_word_value(m["hour"], "en") + 0.5
    alts = (("time", round(value * 60) + 720),) if value < 12 else ()
    return [Number(value, m.group(), *m.span(), "time", unit="h", soft=True, spelled=True, alts=alts)]


_HOURS_EN = "twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one"


@WORDS.register("quarterclock", rf"(?:a\s+)?quarter[\s-]+(?P<qdir>past|after|to|before)[\s-]+(?P<qhour>{_HOURS_EN})\b",
                starts=("a", "quarter"))  # fmt: skip
def _quarter_clock(text: str, m: re.Match) -> list[Number]:
    """ "a quarter past three" (3:15), "a quarter to twelve" (11:45)."""
    value = number_word_value(m["qhour"], "en") + (0.25 if m["qdir"].lower() in ("past", "after") else -0.25)
    value = value + 12 if value < 1 else value
    alts = (("time", round(value * 60) + 720),) if value < 12 else ()
    return [Number(value, m.group(), *m.span(), "time", unit="h", soft=True, spelled=True, alts=alts)]


# British "half eight" is 8:30 (German "halb acht" is 7:30): read only after a time preposition and
# before the end of the phrase ("at half eight." / "at half eight on Monday"), never "half eight pupils".
_BRITISH_HALF_BEFORE = re.compile(r"\b(?:at|until|till|by|from|about|around|before|after)\s+$", re.I)
_BRITISH_HALF_AFTER = re.compile(r"\s*(?:$|[.,;:!?)]|(?:and|or|in|on|at|tonight|today|tomorrow|this|that|the|every|"
                                 r"sharp|when|before|after|until)\b)", re.I)


@WORDS.register("britishhalf", rf"half\s+(?P<bhour>{_HOURS_EN})\b", starts=("half",))
def _british_half(text: str, m: re.Match) -> list[Number]:
    if not _BRITISH_HALF_BEFORE.search(text, max(0, m.start() - 8), m.start()) or not _BRITISH_HALF_AFTER.match(text, m.end()):
        return []
    value = number_word_value(m["bhour"], "en") + 0.5
    alts = (("time", round(value * 60) + 720),) if value < 12 else ()
    return [Number(value, m.group(), *m.span(), "time", unit="h", soft=True, spelled=True, alts=alts)]


# How often: "hourly", "half-hourly", "every half hour", "every quarter of an hour" — the interval in hours
# (German "stündlich", "halbstündig", "viertelstündlich"); "every 30 minutes" converts to it. Soft: "hourly"
# is also said for a rate ("hourly wage") a German source names otherwise.
@WORDS.register("interval", r"(?:(?P<iq>half|quarter)[\s-]?)?hourly\b|(?:every|each)\s+(?:(?P<eq>half|quarter)[\s-]+(?:of\s+)?(?:an?\s+)?)?hour\b",
                starts=("hourly", "half", "quarter", "every", "each"))  # fmt: skip
def _interval(text: str, m: re.Match) -> list[Number]:
    part = (m["iq"] or m["eq"] or "").lower()
    value = 0.5 if part == "half" else 0.25 if part == "quarter" else 1.0
    return [Number(value, m.group(), *m.span(), "cardinal", unit="h", soft=True, spelled=True)]


# A part of an hour or a year: "half an hour", "a quarter of an hour", "three quarters of a year",
# "a half-hour": a duration in its unit, so that it converts to "30 minutes" or "nine months".
@WORDS.register("partunit", r"(?:(?:a|an)\s+)?(?:(?P<pthree>three[\s-]+quarters)|(?P<pquarter>quarter)|(?P<phalf>half))"
                r"(?:[\s-]+of)?(?:[\s-]+an?)?[\s-]+(?P<punit>hour|year)\b", starts=("a", "an", "three", "quarter", "half"))  # fmt: skip
def _part_unit(text: str, m: re.Match) -> list[Number]:
    value = 0.75 if m["pthree"] else 0.25 if m["pquarter"] else 0.5
    unit = "h" if m["punit"].lower() == "hour" else "year"
    # soft: "the first half year", "a quarter of an hour" are also periods a German source names otherwise
    return [Number(value, m.group(), *m.span(), "cardinal", unit=unit, spelled=True, soft=True)]


@WORDS.register("manytimes", r"many\s+times\s+(?:over|as|more|higher|larger|bigger|greater|the)\b|manifold\b",
                starts=("many", "manifold"))  # fmt: skip
def _many_times(text: str, m: re.Match) -> list[Number]:
    """ "many times higher", "manifold": a vague factor, the English of "zigfach"."""
    end = m.start() + len("many times") if m.group().lower().startswith("many") else m.end()
    return [Number(VAGUE_MANY_TIMES, text[m.start() : end], m.start(), end, "multiple", soft=True, spelled=True)]


_MULTIPLES = {"doubl": 2.0, "twice": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "quintupl": 5.0,
              "halv": 0.5, "half": 0.5}  # fmt: skip


@WORDS.register(
    "multiple",
    rf"(?:doubl(?:ed|ing|es|e)|tripl(?:ed|ing|es|e)|trebl(?:ed|ing|es|e)|quadrupl(?:ed|ing|es|e)|quintupl(?:ed|ing|e)"
    rf"|halv(?:ed|ing|es|e)|twice|half\s+as|(?:an?\s+)?(?P<nfold>{_NUM}(?:-{_NUM})?)-?fold"
    rf"|(?P<ntimes>{_NUM}(?:-{_NUM})?)\s+times\s+(?:as|more|less|higher|lower|larger|bigger|greater|faster|longer|the|over|that|what))\b",
    starts=("doubl", "tripl", "trebl", "quadrupl", "quintupl", "halv", "twice", "half", "a", "an"),
)
def _multiple_word(text: str, m: re.Match) -> list[Number]:
    """ "doubled", "tripled", "halved", "twice", "half as", "tenfold", "three times as"."""
    start, end = m.span()
    if m["nfold"] or m["ntimes"]:
        value = _phrase_value(m["nfold"] or m["ntimes"])
        if m["ntimes"]:
            end = m.start("ntimes") + len(m["ntimes"]) + len(" times")
    else:
        word = m.group().lower()
        value = next(v for k, v in _MULTIPLES.items() if word.startswith(k))
        if word in ("double", "triple", "treble") and not re.match(r"\s+(?:the|that|what|its|their|his|her)\b", text[end:]) \
                and not re.search(r"\b(?:pays?|paid|costs?|earns?|is|are|was|were|be)\s+$", text[max(0, start - 12):start]):
            return []  # "a double murder", "triple-A", "double standards": no factor
    if value is None or value == 1:
        return []
    return [multiple(value, text, start, end)]


_VAGUE = {"dozens": 12.0, "scores": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
          "dozen": 12.0, "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}  # fmt: skip


@WORDS.register(
    "vague",
    r"(?:(?:several|a\s+few|some|a\s+couple\s+of|few)\s+(?P<vq>dozen|hundred\s+thousand|hundred|thousand|million|billion)(?!\s+and\b)"
    r"|(?:(?P<vtens>tens|hundreds)\s+of\s+)?(?P<vw>dozens|hundreds|thousands|millions|billions)(?=\s+of\b|\s+(?:[a-z]+\s+)?(?:[a-z]+)\b|[.,;!?]|$)"
    r"|(?:tens|hundreds)\s+of\s+(?P<vof>thousands|millions|billions)"
    r"|scores(?=\s+of\b))\b",
    starts=("several", "few", "some", "couple", "tens", "hundreds", "thousands", "millions", "billions", "dozens", "scores"),
)
def _vague(text: str, m: re.Match) -> list[Number]:
    """ "hundreds", "thousands", "tens of thousands", "dozens", "several thousand", "millions"."""
    if m["vq"]:
        value = 1e5 if m["vq"].lower().startswith("hundred ") else _VAGUE[m["vq"].lower()]
    elif m["vw"]:
        value = _VAGUE[m["vw"].lower()]
        if m["vtens"]:
            value *= 10 if m["vtens"].lower() == "tens" else 100
    elif m["vof"]:
        value = _VAGUE[m["vof"].lower()] * (10 if m.group().lower().startswith("tens") else 100)
    else:
        value = 12.0
    return [Number(value, m.group(), *m.span(), "vague", soft=True, spelled=True)]


@WORDS.register("goalless", r"(?:goalless|scoreless|nil[\s-]+(?:nil|all))\b", starts=("goalless", "scoreless", "nil"))
def _goalless(text: str, m: re.Match) -> list[Number]:
    """ "goalless", "nil-nil": a 0:0."""
    return [score(0.0, 0.0, text, *m.span(), soft=True)]


@WORDS.register("halfa", r"half[\s-]+an?[\s-]+(?P<hscale>million|billion|trillion|dozen|thousand|hundred)\b")
def _half_a(text: str, m: re.Match) -> list[Number]:
    """ "half a million", "half a dozen"."""
    scale = m["hscale"].lower()
    value = 0.5 * (12 if scale == "dozen" else 100 if scale == "hundred" else ENGLISH_SCALES[scale])
    return [Number(value, m.group(), *m.span(), "cardinal", soft=spelled_soft(value), spelled=True)]


@WORDS.register("unithalf", r"(?:an?|one)\s+(?P<uunit>hour|year|day|week|month)\s+and\s+a\s+half\b",
                starts=("a", "an", "one"))  # fmt: skip
def _unit_and_half(text: str, m: re.Match) -> list[Number]:
    """ "an hour and a half", "a year and a half": 1.5 of the unit."""
    return [Number(1.5, m.group(), *m.span(), "cardinal", unit=ENGLISH_UNITS.get(m["uunit"].lower() + "s"),
                   soft=True, spelled=True)]  # fmt: skip


@WORDS.register("andhalf", rf"(?P<hwhole>{_NUM}(?:[\s-]+{_NUM})*)[\s-]+and[\s-]+a[\s-]+half\b")
def _and_a_half(text: str, m: re.Match) -> list[Number]:
    """ "two and a half" (years)."""
    whole = _phrase_value(m["hwhole"])
    if whole is None:
        return []
    return [_quantity(text, "", whole + 0.5, *m.span(), spelled=True)]


@WORDS.register("noon", r"(?:noon|midday|midnight)\b", starts=tuple(_NOON))
def _noon(text: str, m: re.Match) -> list[Number]:
    return [Number(_NOON[m.group().lower()], m.group(), *m.span(), "time", unit="h", soft=True, spelled=True)]


@WORDS.register("decade", r"decade\b", starts=("decade",))
def _decade_word(text: str, m: re.Match) -> list[Number]:
    return [Number(10.0, m.group(), *m.span(), "cardinal", unit="year", soft=True, spelled=True)]


@WORDS.register("frac", rf"(?:(?P<fnum>an?|one|{_NUM}(?:-{_NUM})?)[\s-]+)?(?P<fden>{_alt(ENGLISH_FRACTIONS)})\b",
                starts=tuple(ENGLISH_FRACTIONS))  # fmt: skip
def _fraction(text: str, m: re.Match) -> list[Number]:
    """ "a third", "two thirds", "three quarters", "half"; "the third" is an ordinal."""
    start, end = m.span()
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
        start = m.start("fden")  # "the third": an ordinal, not a fraction
        return [Number(float(denominator), m["fden"], start, end, "ordinal", soft=True, spelled=True)]
    alts = (("n", numerator),) if numerator > 1 else ()  # "three quarters" may be "drei Quartale"
    return [Number(numerator / denominator, m.group(), start, end, "fraction", soft=True, spelled=True, alts=alts)]


_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "hundredth", "thousandth", "millionth"]  # fmt: skip


@WORDS.register(
    "ord",
    rf"(?:(?:{_TENS})-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|[a-z]+teenth|[a-z]+tieth|hundredth|thousandth|millionth)\b",
    starts=tuple(_ORDINAL_WORDS),
)
def _ordinal_word(text: str, m: re.Match) -> list[Number]:
    """ "third", "twenty-first"; not "second" the unit of time ("per second", "a second")."""
    word, start = m.group(), m.start()
    if word.lower() == "second" and _SECOND_NOT_ORDINAL.search(text, max(0, start - 8), start):
        return []
    value = english_ordinal_value(word)
    if value is None:
        return []
    return [Number(value, word, *m.span(), "ordinal", soft=True, spelled=True)]


@WORDS.register("dec", rf"(?P<decw>{_alt(DECADE_WORDS_EN)})\b", starts=tuple(DECADE_WORDS_EN))
def _decade_name(text: str, m: re.Match) -> list[Number]:
    """ "the nineties"."""
    value = float(DECADE_WORDS_EN[m["decw"].lower()])
    return [Number(value, m.group(), *m.span(), "decade", soft=True, spelled=True, alts=(("n", value),))]


@WORDS.register("card", rf"{_NUM}(?:(?:\s+and\s+|[\s-]+){_NUM})*\b", starts=ENGLISH_NUMBER_WORDS)
def _cardinal_words(text: str, m: re.Match) -> list[Number]:
    """ "three", "twenty-two", "two thousand three hundred", "a hundred", "two million"."""
    start, end = m.span()
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


# --- context: what stands around the numbers found refines them, in this order --------------------

CONTEXT = Registry("English context")


@CONTEXT.register("sign")
def _signs(text: str, numbers: list[Number], lower: str) -> None:
    """ "-4 degrees", "minus 4", "−0.4%", "4 degrees below zero": a negative number."""
    signs(numbers, text, _SIGN_BEFORE, _SIGN_AFTER, ("inus", "egative"), "below")  # the sign words' common part


@CONTEXT.register("decline")
def _declines(text: str, numbers: list[Number], lower: str) -> None:
    """ "a 5 percent drop", "fell by 3%", "down 1.2 percent": the sign is in a word."""
    declines(numbers, text, _DECLINE_BEFORE, _DECLINE_AFTER, _DECLINE_TRIGGER, _decline_may_follow, lower,
             _DECLINE_ENDINGS)


@CONTEXT.register("duration")
def _durations(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "two years and six months" is 2.5 years."""
    return durations(numbers, text, _DURATION_JOINER)


# After a name, a Roman numeral of two or more letters ("Henry VIII", "Elizabeth II"); a single "I" is the
# pronoun unless a ruler's name or "War" stands before it and no verb follows ("World War I", "Henry I").
# A single "V" or "X" only after a ruler's name ("Henry V", "Pius X"; not "Generation X", "The X Factor").
_RULERS = (r"Henry|Edward|George|William|Richard|James|Charles|Elizabeth|Louis|John|Paul|Pius|Leo|Frederick|"
           r"Wilhelm|Napoleon|Peter|Catherine|Nicholas|Alexander|Francis|Benedict|Gregory|Clement|Innocent|Urban|"
           r"Boniface|Alfonso|Philip|Ludwig|Friedrich|Karl|Christian|Gustav|Carl|Haakon|Olav|Frederik")
# Names may carry umlauts ("Rot-Weiß II", "Wöllmarshausen II"); after a lower-case word ("regeneration area
# II", "type III") only numerals of I, V and X, so acronyms ("area CD", "size XL") are not read.
_REGNAL = re.compile(rf"\b[A-ZÄÖÜ][a-zäöüß]+\s(?P<roman>(?=[IVXLC]{{2}})(?:{ROMAN}))(?![\w'’])"
                     rf"|\b[a-z]+\s(?P<lower>(?=[IVX]{{2,}}(?![\w'’]))(?:{ROMAN}))(?![\w'’])"
                     rf"|\b(?:{_RULERS})\s(?P<vx>[VX])(?![\w'’])")
_REGNAL_ONE = re.compile(
    rf"\b(?:War|{_RULERS}|Part|Chapter|Volume|Phase|Stage|Act|Book|Category|Class|Level|Grade|"
    rf"(?i:area|category|type|phase|zone|stage|level|class))\s(?P<roman>I)(?=[.,;:)]|$|\s+(?:of|and)\b)"
)


@CONTEXT.register("regnal")
def _regnal(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "Henry VIII", "Pope John XXIII", "Elizabeth II", "World War I": a Roman number after a name."""
    return regnal(numbers, text, _REGNAL, _REGNAL_ONE)


_RANKED_ONE = re.compile(r"\b(?P<rank>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<period>quarter|half)\b", re.I)
_RANK_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


_DAY_JOINER = re.compile(r"(?:st|nd|rd|th)?\s*(?:and|or|to|through|until|/|[-–]|,)\s*(?:the\s+)?")


# "one in three", "1 in 5", "one out of four" (a count after "in") and "every third" (an ordinal)
_SHARE_BEFORE = re.compile(r"(?<![\w.,-])(?:(?:one|1)\s+(?P<per>in|out\s+of)|every)\s+$", re.I)


@CONTEXT.register("share")
def _shares(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "one in three", "1 in 5", "every fifth": a share of one in N (a third, a fifth)."""
    return shares(numbers, text, _SHARE_BEFORE, ("one in", "1 in", "one out", "1 out", "every"), lower)


@CONTEXT.register("day list")
def _day_lists(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "October 2 and 5", "4 to 14 September", "16/17 July": each day is a date of that month."""
    return share_months(numbers, text, _DAY_JOINER)


@CONTEXT.register("ranked")
def _ranked(text: str, numbers: list[Number], lower: str) -> list[Number]:
    """ "in the second quarter", "first half": a ranked period is a hard number."""
    if "quarter" not in lower and "half" not in lower:  # the period word every match needs
        return numbers
    return ranked(numbers, text, _RANKED_ONE, lambda word: _RANK_WORDS.get(word.lower()))
