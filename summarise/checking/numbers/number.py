"""The Number found in a text: its normalised value, where it is, and how English writes it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from babel.numbers import format_decimal

from .lexicon import ENGLISH_MONTH_NAMES, ENGLISH_SMALL, ENGLISH_SMALL_ORDINALS, VAGUE_MANY_TIMES

KINDS = (
    "cardinal", "ordinal", "date", "month", "year", "time", "percent", "fraction", "currency", "decade",
    "code", "score", "multiple", "vague",
)  # fmt: skip
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
_FRACTION_WORDS = {0.5: "half", 0.25: "a quarter", 0.75: "three quarters"}
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_MULTIPLE_WORDS = {0.5: "half", 2.0: "twice", 3.0: "three times", 4.0: "four times", 10.0: "tenfold",
                   VAGUE_MANY_TIMES: "many times"}
_VAGUE_WORDS = {12.0: "dozens", 100.0: "hundreds", 1e3: "thousands", 1e4: "tens of thousands",
                1e5: "hundreds of thousands", 1e6: "millions", 1e9: "billions"}  # fmt: skip


def norm(value: float) -> float:
    """Round away float noise so 2,5 × 10^9 and 2500000000 compare equal."""
    return float(f"{value:.9g}")


@dataclass(slots=True, eq=False)
class Number:
    value: float  # normalised: 2.5e9 for "2,5 Milliarden"; the day for a date; hours (14.5) for a time
    text: str  # the span as written
    start: int
    end: int
    kind: str = "cardinal"  # one of KINDS
    unit: str | None = None  # "%", "pp", "EUR", "mm", "day", ...
    soft: bool = False  # spelled-out small number, ordinal word, vague word: see summarise.checking.numbers
    month: int | None = None  # dates: the month of `value` (the day)
    spelled: bool = False  # written in words ("drei", "third")
    alts: tuple = ()  # further comparison keys: a date also stands for its bare day, 14.30 Uhr for "14.30"
    block: int | None = None  # set by the checks: the number (from 1) of the block or line it is in
    scale: float = 1.0  # the scale word it was multiplied by (Millionen: 1e6), which "325 und" shares
    second: float | None = None  # scores and ratios: the second number ("3:1" is value 3, second 1)
    # English text in German notation ("12.345 euros", "1,5"): "value" when the value is the German
    # reading, "alt" when the German reading is only an alternative; compared numbers then report `notation`
    foreign: str | None = None

    @property
    def key(self) -> tuple:
        """What must be equal for two numbers to be the same number (units like € are tolerated)."""
        kind = self.kind
        if kind == "date":
            return ("date", self.month, int(self.value))
        if kind == "time":  # minutes of the day: "24 Uhr" is midnight, "0:00" and "12 am"
            return ("time", round(self.value * 60) % 1440)
        if kind == "percent":
            return ("pp" if self.unit == "pp" else "pct", norm(self.value))
        if kind == "month":
            return ("month", int(self.value))
        if kind == "decade":
            return ("dec", int(self.value))
        if kind == "score":
            return ("score", norm(self.value), norm(self.second or 0.0))
        if kind == "multiple":
            return ("mult", norm(self.value))
        if kind == "vague":
            return ("vague", norm(self.value))
        if kind == "code":
            return ("code", norm(self.value))
        return ("n", norm(self.value))

    @property
    def keys(self) -> frozenset:
        if self.kind == "code":  # a name's number also matches the bare number ("COVID-19" / "Covid 19")
            return frozenset((self.key, ("n", norm(self.value)), *self.alts))
        return frozenset((self.key, *self.alts))

    @property
    def family(self) -> str:
        """Numbers of one family can be a mistranslation of each other (a date of a date, ...)."""
        return self.kind if self.kind in ("date", "time", "month") else "number"

    @property
    def english(self) -> str:
        return render_english(self)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "value": self.value,
            "kind": self.kind,
            "unit": self.unit,
            "english": self.english,
            "start": self.start,
            "end": self.end,
            "soft": self.soft,
        } | ({"block": self.block} if self.block is not None else {}) | (
            {"second": self.second} if self.second is not None else {}
        )


@lru_cache(maxsize=4096)
def format_number(value: float) -> str:
    """English digits: 3,000 / 1,234.56 / 2.5 billion."""
    if not math.isfinite(value) or abs(value) >= 1e21:  # degenerate MT output; babel's decimals overflow
        return f"{value:g}"
    if value < 0:  # "-2.1 billion", not "-2,100,000,000"
        return "-" + format_number(-value)
    if value >= 1e6:
        for scale, word in _SCALE_WORDS:
            mantissa = value / scale
            if mantissa >= 1 and abs(round(mantissa, 3) - mantissa) < 1e-9:
                return f"{format_decimal(round(mantissa, 3), format='#,##0.###', locale='en')} {word}"
    return format_decimal(norm(value), format="#,##0.######", locale="en")


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _is_int(value: float) -> bool:
    return float(value).is_integer()


_INTERVAL_WORDS = {1.0: "hourly", 0.5: "every half hour", 0.25: "every quarter of an hour",
                   0.75: "every three quarters of an hour"}


def render_english(n: Number) -> str:
    v, kind = n.value, n.kind
    if kind == "date":
        return f"{ENGLISH_MONTH_NAMES[n.month].title()} {int(v)}"
    if kind == "month":
        return ENGLISH_MONTH_NAMES[int(v)].title()
    if kind == "time":
        hours, minutes = divmod(round(v * 60), 60)
        return f"{hours}:{minutes:02d}"
    if n.unit == "h" and n.spelled and v in _INTERVAL_WORDS and "stünd" in n.text.lower():
        return _INTERVAL_WORDS[v]  # "halbstündig": every half hour
    if kind == "percent":
        if n.unit == "pp":
            return f"{format_number(v)} percentage point{'' if v == 1 else 's'}"
        return f"{format_number(v)}%"
    if kind == "decade":
        return f"{int(v)}s" if v >= 100 else f"'{int(v):02d}s"
    if kind == "year":
        return str(int(v))
    if kind == "score":
        return f"{format_number(v)}-{format_number(n.second or 0.0)}"
    if kind == "multiple":
        return _MULTIPLE_WORDS.get(v) or f"{format_number(v)} times"
    if kind == "vague":
        return _VAGUE_WORDS.get(v) or f"{format_number(v)}s"
    if kind == "fraction":
        if v in _FRACTION_WORDS:
            return _FRACTION_WORDS[v]
        for denom, word in ((3, "third"), (4, "quarter"), (5, "fifth"), (8, "eighth"), (10, "tenth")):
            num = v * denom
            if abs(num - round(num)) < 1e-6 and round(num) >= 1:
                num = round(num)
                return f"a {word}" if num == 1 else f"{ENGLISH_SMALL[num] if num <= 12 else num} {word}s"
        return format_number(v)
    if kind == "ordinal":
        if _is_int(v) and 0 <= v <= 12 and n.spelled:
            return ENGLISH_SMALL_ORDINALS[int(v)]
        return f"{format_number(v)}{_ordinal_suffix(int(v))}" if _is_int(v) else format_number(v)
    if kind == "currency":
        symbol = _SYMBOLS.get(n.unit or "")
        return f"{symbol}{format_number(v)}" if symbol else f"{format_number(v)} {n.unit}"
    if n.spelled and _is_int(v) and 0 <= v <= 12:
        return ENGLISH_SMALL[int(v)]
    return format_number(v)


def english_forms(n: Number) -> list[str]:
    """Surface forms an English translation may use for `n`, most usual first (for repair prompts)."""
    forms = [n.english]
    v, kind = n.value, n.kind
    if kind == "date":
        name = ENGLISH_MONTH_NAMES[n.month].title()
        day = int(v)
        forms += [f"{day} {name}", f"{name[:3]}. {day}", f"{name} {day}{_ordinal_suffix(day)}"]
    elif kind == "time":
        hours, minutes = divmod(round(v * 60), 60)
        half = "a.m." if hours < 12 else "p.m."
        h12 = hours % 12 or 12
        forms += [f"{h12}:{minutes:02d} {half}", f"{h12}:{minutes:02d}{half.replace('.', '')}"]
        if minutes == 0:
            forms += [f"{h12} {half}", f"{h12}{half.replace('.', '')}"]
    elif kind == "percent":
        num = format_number(v)
        forms += (
            [f"{num} percentage points", f"{num} points"]
            if n.unit == "pp"
            else [f"{num} percent", f"{num} per cent"]
        )
    elif kind == "currency":
        num = format_number(v)
        word = {"EUR": "euros", "USD": "dollars", "GBP": "pounds", "CHF": "Swiss francs"}.get(n.unit or "")
        if word:
            forms.append(f"{num} {word}")
        forms.append(f"{n.unit} {num}")
    elif kind == "score":
        a, b = format_number(v), format_number(n.second or 0.0)
        forms += [f"{a}:{b}", f"{a}–{b}"] + (["goalless", "nil-nil"] if v == n.second == 0 else [])
    elif kind == "multiple":
        forms += {2.0: ["doubled", "double", "two times"], 3.0: ["tripled", "three times"],
                  4.0: ["quadrupled", "four times"], 0.5: ["halved", "half"]}.get(v, [f"{format_number(v)}-fold"])  # fmt: skip
    elif kind == "vague":
        forms.append(f"{n.english} of")
    elif kind in ("cardinal", "ordinal", "year", "fraction"):
        if _is_int(v):
            iv = int(v)
            if kind == "ordinal":
                forms.append(f"{iv}{_ordinal_suffix(iv)}")
                if 0 <= iv <= 12:
                    forms.append(ENGLISH_SMALL_ORDINALS[iv])
            else:
                forms += [format_number(v), str(iv)]
                if 0 <= iv <= 12:
                    forms.append(ENGLISH_SMALL[iv])
            if v >= 1e6:
                forms.append(format_decimal(iv, locale="en"))
        else:
            forms.append(format_number(v))
    if v < 0 and kind in ("cardinal", "percent", "currency"):  # "-4" is also "minus 4"
        forms += [f"minus {f.lstrip('-')}" for f in forms if f.startswith("-")]
    seen: dict[str, None] = {}
    for form in forms:
        seen.setdefault(form, None)
    return list(seen)
