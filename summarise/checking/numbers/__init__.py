"""Numbers in German and English text, and whether two texts carry the same ones.

`extract_german(text)` and `extract_english(text)` return `Number`s: the value normalised
("2,5 Milliarden" and "2.5 billion" are both 2.5e9), the span as written (a sign, percent sign and
currency included), a kind (cardinal, ordinal, date, month, year, time, percent, fraction, currency,
decade, code, score, multiple, vague) and a unit ("%", "pp", "EUR", "mm", "km/h", ...; for a code, the
name it belongs to). Each extractor is a registry of small recognisers, one per notation, tried in
order (`registry`; the lists are `german.TOKENS` / `WORDS` / `CONTEXT` and the same in `english`).
`compare_numbers(source, candidate)` pairs them up; `summarise.checking.checks` turns the result into problems.

Policy (what keeps the checker trustworthy on human translations as well as on MT):

* Digit-based numbers are *hard*: each must match a number on the other side exactly, after
  normalisation — German 3.000 / 3 000 / 1.234,56 / 1,5 read as 3000 / 3000 / 1234.56 / 1.5; English
  3,000 / 1,234.56 / 1.5; scale words multiply (Mio., Mrd., bn, German Billion = 10^12 = trillion).
  "3.000 → 300", "11.000 → 1,100", "Milliarde → trillion" all fail.
* Kinds that must agree: a percentage is not a percentage point; a date is month + day
  (26. Februar ≠ February 25); a time is hours and minutes (14.30 Uhr = 14:30 = 2:30 p.m.); German clock
  times are 24-hour ("7.15 Uhr" is not 7:15 p.m.; only a bare hour, "um 8 Uhr", or a day part, "8 Uhr
  abends", reads as the evening); a score is ordered ("3:1" = "3-1" = "3–1" ≠ "1-3", "0:0" = "goalless";
  English may put the winner first after a loss, "verlor 1:3" / "lost 3-1").
* Signs: "minus 4 Grad", "-0,7 Prozent", "−0,4" and "4 degrees below zero" are negative. A sign moved
  into a word is the same number ("ein Rückgang um 5 Prozent" / "a 5 percent drop" / "fell 5%").
* Units are part of the number: "35 Millimeter" ≠ "35 centimeters", "80 Cent" ≠ "80 euros", "30 Kilogramm"
  ≠ "30 kilometres"; a real conversion is the same number when the values agree within the rounding of
  how it is written ("5 km" = "3.1 miles", "30 Grad" = "86 degrees Fahrenheit", "30 Monate" = "two and a
  half years"; conversion factors from pint). Currency symbols and words are tolerated (€3.5 million =
  3,5 Mio. Euro); "2 Jahre und 6 Monate" is one duration, 2.5 years.
* German notation left in English ("12.345 euros", "1,5 percent") is the right number but a problem of
  its own, `notation`: an English reader takes 12.345 for twelve point three.
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
  sentence (names: "Sieben Linden", the network "Seven"), names containing digits (A6, G20,
  COVID-19, "1. FC", "Schalke 04", "Formel 1", "ICE 578", "Paragraf 218": a translation may rename
  them, but one name with another number is altered, "A3" / "A5"), factors (verdoppelt / doubled,
  halbiert / halved, dreimal so / three times as, zehnfach / tenfold: they conflict with another factor)
  and vague quantities of their own kind (Hunderte / hundreds, Tausende, Dutzende, Zehntausende,
  Millionen, einige tausend / several thousand: "Hunderte" is not "thousands" nor 100, "Dutzende" not
  24). Soft numbers match digits or words on the other side ("zwei" = "two" = "2"), but one
  with no counterpart is not an error: human translators write "both" for "zwei", "initial" for
  "ersten", "again" for "zum zweiten Mal". A soft number is reported only when it conflicts: an
  unmatched number of the same family sits near it on the other side ("zwei Drittel" → "a third").
* Never counted: ein / eine / einen / eins / einmal and one / a / once, which are articles and pronouns
  far more often than counts.
* Summaries: a summary number must be in the source; soft words are let go, except spelled counts from
  three and ordinals, factors, vague quantities and scores where the source has one of that kind with
  another value ("zum dritten Mal" / "for the second time").
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
