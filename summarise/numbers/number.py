"""The Number found in a text: its normalised value, where it is, and how English writes it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from babel.numbers import format_decimal

from .lexicon import ENGLISH_MONTH_NAMES, ENGLISH_SMALL, ENGLISH_SMALL_ORDINALS

KINDS = ("cardinal", "ordinal", "date", "month", "year", "time", "percent", "fraction", "currency", "decade")
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
_FRACTION_WORDS = {0.5: "half", 0.25: "a quarter", 0.75: "three quarters"}
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


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
    soft: bool = False  # spelled-out small number, ordinal word, vague word: see summarise.numbers
    month: int | None = None  # dates: the month of `value` (the day)
    spelled: bool = False  # written in words ("drei", "third")
    alts: tuple = ()  # further comparison keys: a date also stands for its bare day, 14.30 Uhr for "14.30"
    block: int | None = None  # set by the checks: the block or line the number is in
    scale: float = 1.0  # the scale word it was multiplied by (Millionen: 1e6), which "325 und" shares

    @property
    def key(self) -> tuple:
        """What must be equal for two numbers to be the same number (units like € are tolerated)."""
        kind = self.kind
        if kind == "date":
            return ("date", self.month, int(self.value))
        if kind == "time":
            return ("time", round(self.value * 60))
        if kind == "percent":
            return ("pp" if self.unit == "pp" else "pct", norm(self.value))
        if kind == "month":
            return ("month", int(self.value))
        if kind == "decade":
            return ("dec", int(self.value))
        return ("n", norm(self.value))

    @property
    def keys(self) -> frozenset:
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
        } | ({"block": self.block} if self.block is not None else {})


@lru_cache(maxsize=4096)
def format_number(value: float) -> str:
    """English digits: 3,000 / 1,234.56 / 2.5 billion."""
    if not math.isfinite(value) or abs(value) >= 1e21:  # degenerate MT output; babel's decimals overflow
        return f"{value:g}"
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


def render_english(n: Number) -> str:
    v, kind = n.value, n.kind
    if kind == "date":
        return f"{ENGLISH_MONTH_NAMES[n.month].title()} {int(v)}"
    if kind == "month":
        return ENGLISH_MONTH_NAMES[int(v)].title()
    if kind == "time":
        hours, minutes = divmod(round(v * 60), 60)
        return f"{hours}:{minutes:02d}"
    if kind == "percent":
        if n.unit == "pp":
            return f"{format_number(v)} percentage point{'' if v == 1 else 's'}"
        return f"{format_number(v)}%"
    if kind == "decade":
        return f"{int(v)}s" if v >= 100 else f"'{int(v):02d}s"
    if kind == "year":
        return str(int(v))
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
    elif kind in ("cardinal", "ordinal", "year", "fraction"):
        if _is_int(v):
            iv = int(v)
            if kind == "ordinal":
                forms.append(f"{iv}{_ordinal_suffix(iv)}")
                if iv <= 12:
                    forms.append(ENGLISH_SMALL_ORDINALS[iv])
            else:
                forms += [format_number(v), str(iv)]
                if iv <= 12:
                    forms.append(ENGLISH_SMALL[iv])
            if v >= 1e6:
                forms.append(format_decimal(iv, locale="en"))
        else:
            forms.append(format_number(v))
    seen: dict[str, None] = {}
    for form in forms:
        seen.setdefault(form, None)
    return list(seen)
