"""Numbers in German and English text, and whether two texts carry the same ones.

`extract_german(text)` and `extract_english(text)` return `Number`s: the value normalised
("2,5 Milliarden" and "2.5 billion" are both 2.5e9), the span as written, a kind (cardinal, ordinal,
date, month, year, time, percent, fraction, currency, decade, code) and a unit ("%", "pp", "EUR", ...).
`compare_numbers(source, candidate)` pairs them up; `summarise.checks` turns the result into problems.

Policy (what keeps the checker trustworthy on human translations as well as on MT):

* Digit-based numbers are *hard*: each must match a number on the other side exactly, after
  normalisation — German 3.000 / 3 000 / 1.234,56 / 1,5 read as 3000 / 3000 / 1234.56 / 1.5; English
  3,000 / 1,234.56 / 1.5; scale words multiply (Mio., Mrd., bn, German Billion = 10^12 = trillion).
  "3.000 → 300", "11.000 → 1,100", "Milliarde → trillion" all fail.
* Kinds that must agree: a percentage is not a percentage point; a date is month + day
  (26. Februar ≠ February 25); a time is hours and minutes (14.30 Uhr = 14:30 = 2:30 p.m.).
  Units are tolerated: €3.5 million = 3,5 Mio. Euro = 3.5 million euros; 170-Millimeter = 170mm.
* Tolerated readings (they are paraphrases, not errors): a date also matches its bare day ("the 26th"),
  a percentage its bare number in a range ("von 5 auf 7 Prozent" / "from 5 percent to 7 percent") and
  its fraction ("50 Prozent" / "half"), "2017/18" matches "2017-2018", a decade "90er Jahre" matches
  "1990s" / "'90s" / "nineties", an "h.mm" time matches "h:mm", German notation copied into English
  ("3.000") matches its German reading.
* Spelled-out counts from three up are hard too ("acht Prozent" must become "8%" or "eight percent",
  "drei" → "four" is an error). *Soft* numbers are the rest of the words: zwei / two, plain hundert /
  tausend / Dutzend / dozen, ordinal words (ersten / first), fractions in words (Hälfte / half /
  ein Drittel / a third), month names without a day, decade words, number words inside compounds
  (dreifach, Zehnjahresvertrag / three-year-old, ten-year), capitalised number words inside a
  sentence (names: "Sieben Linden", the network "Seven"), and names containing digits (A6, G20,
  COVID-19). Soft numbers match digits or words on the other side ("zwei" = "two" = "2"), but one
  with no counterpart is not an error: human translators write "both" for "zwei", "initial" for
  "ersten", "again" for "zum zweiten Mal". A soft number is reported only when it conflicts: an
  unmatched number of the same family sits near it on the other side ("zwei Drittel" → "a third").
* Never counted: ein / eine / einen / eins / einmal and one / a / once, which are articles and pronouns
  far more often than counts; vague plurals (Millionen, Tausende, Dutzende / millions, dozens).
"""

from __future__ import annotations

from .compare import NumberDiff, compare_numbers, unsupported_numbers
from .english import extract_english
from .german import extract_german
from .number import KINDS, Number, english_forms, format_number

__all__ = [
    "KINDS",
    "Number",
    "NumberDiff",
    "compare_numbers",
    "english_forms",
    "extract_english",
    "extract_german",
    "format_number",
    "unsupported_numbers",
]
