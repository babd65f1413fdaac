"""Checks of a candidate English text against its German source: Problems and CheckReports.

One unit (a block, a line, a whole text) is checked by `check_translation`:
- numbers: every number of the source is in the candidate and vice versa (`summarise.checking.numbers`
  explains what counts as the same number); kinds `missing`, `unexpected`, `altered`, and `notation`
  (the number is there but in German notation, "12.345 euros", which an English reader misreads);
- `omission`: the candidate is much shorter than the source (a sentence or clause left out; on short
  segments only when content words are missing too);
- `repetition`: the candidate loops ("militärischen militärischen militärischen ...");
- `untranslated`: German words left in the English text;
- `name`: a name of the source missing or altered in the candidate, or a name the candidate adds
  (`summarise.checking.names`: exonyms, case endings, transliterations and compounds are accepted).
`check_summary` checks that every number of a summary is supported by the source (`unsupported`), and
every name (`name`).

The thresholds were calibrated on the WMT newstest 2014-2021 German-English human references
(bench/checker.py) so that faithful human translations pass.
"""

from __future__ import annotations

import bisect
import collections
import math
import re
from functools import lru_cache
from operator import and_, eq

from ..document import numbered
from ..errors import InputError
from .names import compare_names
from .numbers import Number, compare_numbers, extract_english, extract_german, unsupported_numbers
from .numbers.quantity import compare as compare_quantities
from .numbers.quantity import quantity, rounds_to
from .numbers.referent import moved, referents
from .numbers.referent_de import german_referents, moved_from_german
from .report import CheckReport, Problem

# Omission: English runs at about 0.92 the characters of its German source (median over the WMT
# references); under 0.5 % of human references fall below 0.6, and those are condensed rewrites.
OMISSION_MIN_SOURCE_CHARS = 30
OMISSION_RATIO = 0.45
# A short segment is often translated shorter still ("Die Europäische Zentralbank erhöht den Leitzins auf
# 4,5 Prozent." / "ECB raises rate to 4.5%."): under this many source characters the length ratio alone
# is no evidence, and an omission needs the content words to be missing too (fewer than half as many).
OMISSION_SHORT_CHARS = 160
OMISSION_CONTENT_RATIO = 0.5
# Repetition: the same 1-6 word sequence three times in a row, which the source does not do.
REPETITION_RUN = 3
REPETITION_MAX_N = 6
# Untranslated: a word far more frequent in German than in English (wordfreq Zipf scale).
GERMAN_ZIPF_MIN = 3.0
ENGLISH_ZIPF_MAX = 3.0
ZIPF_GAP = 2.0
NOUN_GERMAN_ZIPF_MIN = 4.0  # a capitalised word must be a common German word, not a place or name
NOUN_ENGLISH_ZIPF_MAX = 1.5


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


# --- numbers ---------------------------------------------------------------------------------

# Articles and "one" are not counted as numbers, but a bare "1" may translate one of them.
# Each starts with a letter class and checks the word start after it (not with \b): the regex engine then
# jumps from one candidate letter to the next instead of trying every position of the text.
_GERMAN_ONE = re.compile(r"[Ee](?<!\w[Ee])in(?:s|e[mnrs]?|zige\w*)?\b")
_ENGLISH_ONE = re.compile(r"[OoSs](?<!\w[OoSs])(?:(?<=[Oo])(?:ne|nce)|(?<=[Ss])ingle)\b")


def check_numbers(source: str, candidate: str, *, block: int | None = None) -> CheckReport:
    src, cand = extract_german(source), extract_english(candidate)
    diff = compare_numbers(
        src,
        cand,
        source_length=len(source),
        candidate_length=len(candidate),
        source_ones=lambda: len(_GERMAN_ONE.findall(source)),
        candidate_ones=lambda: len(_ENGLISH_ONE.findall(candidate)),
    )
    problems = []
    for s, c in diff.altered:
        problems.append(Problem("altered", f"{_shown(s, s.text, c)} became {_shown(c, c.text, s)} (expected "
                                f"{_shown(s, s.english, c)})", s.text, c.text,
                                _plain(s.value), block, *_span(s), *_span(c),
                                field="unit" if s.value == c.value and s.unit != c.unit else "value"))  # fmt: skip
    for s in diff.missing:
        problems.append(Problem("missing", f"{s.text} ({s.english}) is missing from the translation", s.text, None,
                                _plain(s.value), block, *_span(s)))  # fmt: skip
    for c in diff.unexpected:
        problems.append(Problem("unexpected", f"{c.text} is not in the source", None, c.text, _plain(c.value),
                                block, None, None, *_span(c)))  # fmt: skip
    for s, c in diff.notation:
        problems.append(Problem("notation", f"{c.text} is German notation: English readers read it as "
                                f"{_english_reading(c)} (write {s.english})", s.text, c.text, _plain(s.value),
                                block, *_span(s), *_span(c)))  # fmt: skip
    kept_pairs = []
    for s, c, differs in _repaired(diff.matched, source, candidate):
        if differs is None:
            kept_pairs.append((s, c))
        else:
            problems.append(Problem("altered", differs.message, s.text, c.text, _plain(s.value), block,
                                    *_span(s), *_span(c), field=differs.field))  # fmt: skip
    diff.matched = kept_pairs
    first_source = {n.text: n.start for n in reversed(src)}
    first_candidate = {n.text: n.start for n in reversed(cand)}
    problems.sort(key=lambda p: first_source.get(p.source, first_candidate.get(p.candidate, 0)))
    pairs = sorted(diff.matched, key=lambda pair: pair[0].start)
    return CheckReport(problems, _tag(src, block), _tag(cand, block), pairs)


_FIELD_KINDS = ("cardinal", "percent", "currency", "fraction")
SWAP_SLACK = 0.15  # how much further apart (shares of the texts) swapped pairs may stand than the exact pass's


def _repaired(matched: list[tuple], source: str, candidate: str) -> list[tuple]:
    """(source, candidate, FieldDiff or None) for the matched pairs, with candidates of one value swapped
    between pairs where that makes both agree field by field ("1000 Euro, 1000 US-Dollar, 1000 Pfund" /
    "1000 euros, 1000 dollars, 1000 pounds": the exact pass pairs equal values in any order)."""
    quantities: dict[int, object] = {}

    def q(n: Number, text: str, language: str):
        if id(n) not in quantities:
            quantities[id(n)] = quantity(n, text, language)
        return quantities[id(n)]

    def fields(s: Number, c: Number):
        if s.kind not in _FIELD_KINDS and c.kind not in _FIELD_KINDS:
            return None  # dates, years, times, names: their value and kind were matched, no other field
        return compare_quantities(q(s, source, "de"), q(c, candidate, "en"))

    def place(s: Number, c: Number) -> float:  # how far apart the two stand, as shares of their texts
        return abs(s.start / max(len(source), 1) - c.start / max(len(candidate), 1))

    pairs = [(s, c, fields(s, c)) for s, c in matched]
    for i, (s, c, differs) in enumerate(pairs):
        if differs is None:
            continue
        for j, (s2, c2, _) in enumerate(pairs):
            # a swap must not pair numbers across the texts ("drei Wochen … drei Mannschaftswagen" / "three
            # weeks … the third van": the van's three stays the van's)
            if (j != i and c2.key == c.key and place(s, c2) + place(s2, c) <= place(s, c) + place(s2, c2) + SWAP_SLACK
                    and fields(s, c2) is None and fields(s2, c) is None):
                pairs[i], pairs[j] = (s, c2, None), (s2, c, None)
                break
    return pairs


def _english_reading(n: Number) -> str:
    digits = re.search(r"[\d.,]*\d", n.text)
    return f"{n.value:g}" if n.foreign == "alt" else f"{digits.group() if digits else n.text} (not a number)"


def _span(n: Number) -> tuple[int, int]:
    return n.start, n.end


def _shown(n: Number, text: str, other: Number) -> str:
    """`text` with `n`'s unit added when the unit is what differs and the span does not show it
    ("42 km became 42 mi", not "42 became 42")."""
    if n.unit and n.unit != other.unit and not any(ch.isalpha() for ch in text):
        return f"{text} {n.unit}"
    return text


def _tag(numbers: list[Number], block: int | None) -> list[Number]:
    for n in numbers:
        n.block = block
    return numbers


# --- omission --------------------------------------------------------------------------------


def check_omission(source: str, candidate: str, *, block: int | None = None) -> list[Problem]:
    src, cand = " ".join(source.split()), " ".join(candidate.split())
    if not any(ch.isalnum() for ch in src):
        return []
    if not cand:
        return [Problem("omission", "the translation is empty", _clip(src), "", 0.0, block)]
    ratio = len(cand) / len(src)
    if len(src) >= OMISSION_MIN_SOURCE_CHARS and ratio < OMISSION_RATIO and not _content_kept(src, cand):
        return [Problem("omission", f"the translation is {ratio:.0%} of the source's length: text may have been left out",
                        _clip(src), _clip(cand), round(ratio, 3), block)]  # fmt: skip
    return []


_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_GERMAN_STOP = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "und", "oder", "aber", "auf", "aus", "bei", "mit", "nach", "von", "vom", "zum", "zur", "für", "über", "unter", "vor", "neben", "zwischen", "gegen", "ohne", "durch", "bis", "seit", "wegen", "als", "wie", "auch", "noch", "nur", "schon", "sehr", "mehr", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte", "hatten", "sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer", "sich", "nicht", "kein", "keine", "keinen", "dass", "sie", "er", "es", "wir", "ich", "man", "ins", "ans", "beim", "diese", "dieser", "dieses", "diesen", "alle", "allen", "dann", "denn", "doch", "mal", "hier", "dort", "was", "wer", "wenn", "weil", "sowie", "bereits", "etwa", "rund"])
_ENGLISH_STOP = frozenset(["the", "and", "but", "for", "with", "from", "that", "this", "these", "those", "are", "was", "were", "been", "being", "has", "have", "had", "will", "would", "can", "could", "should", "its", "their", "his", "her", "they", "them", "she", "him", "not", "also", "than", "then", "there", "here", "into", "onto", "about", "over", "under", "after", "before", "more", "most", "some", "such", "very", "just", "only", "which", "who", "whom", "what", "when", "where", "while", "because", "our", "your", "you", "out", "off", "per", "via"])


def _content_kept(source: str, candidate: str) -> bool:
    """A short segment whose content words are mostly there (any number problems are reported apart)."""
    if len(source) >= OMISSION_SHORT_CHARS:
        return False
    src = [w for w in _CONTENT_WORD.findall(source) if w.lower() not in _GERMAN_STOP]
    cand = [w for w in _CONTENT_WORD.findall(candidate) if w.lower() not in _ENGLISH_STOP]
    return bool(src) and len(cand) / len(src) >= OMISSION_CONTENT_RATIO


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- repetition ------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
# The same matches on ASCII text, several times faster: a Unicode category is tested per character.
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")


def _words(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def _longest_loop(words: list[str]) -> tuple[int, int, int]:
    """(repeats, n, start) of the longest run of one n-gram repeated back to back."""
    best = (1, 0, 0)
    count = len(words)
    for n in range(1, REPETITION_MAX_N + 1):
        i = 0
        while i + 2 * n <= count:
            run = 1
            while i + (run + 1) * n <= count and words[i + run * n : i + (run + 1) * n] == words[i : i + n]:
                run += 1
            if run > best[0] or (run == best[0] and run > 1 and n > best[1]):
                best = (run, n, i)
            i += max(1, (run - 1) * n) if run > 1 else 1
    return best


def _may_loop(words: list[str]) -> bool:
    """Cheap test (C-level maps): some word recurs at the same distance twice, as any loop of three needs."""
    if len(words) - len(set(words)) < REPETITION_RUN - 1:
        return False  # a loop of three repeats every word of its n-gram twice: two repeated words at least
    for n in range(1, REPETITION_MAX_N + 1):
        same = list(map(eq, words, words[n:]))
        if same.count(True) > 1 and any(map(and_, same, same[n:])):  # two recurrences at least, else none twice
            return True
    return False


def check_repetition(source: str, candidate: str, *, block: int | None = None) -> list[Problem]:
    words = _words(candidate.lower())
    if not _may_loop(words):
        return []
    repeats, n, start = _longest_loop(words)
    if repeats < REPETITION_RUN or (n == 1 and len(words[start]) < 2):
        return []
    source_words = _words(source.lower())
    source_repeats = _longest_loop(source_words)[0] if _may_loop(source_words) else 1
    if source_repeats >= REPETITION_RUN:
        return []  # the source repeats itself ("Nein, nein, nein"): so may the translation
    phrase = " ".join(words[start : start + n])
    loop = words[start : start + n * repeats]
    found = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, loop)) + r"(?!\w)", candidate, re.IGNORECASE)
    span = found.span() if found else (None, None)
    return [Problem("repetition", f"“{phrase}” is repeated {repeats} times in a row", None,
                    _clip(" ".join(loop)), repeats, block, None, None, *span)]  # fmt: skip


# --- untranslated ----------------------------------------------------------------------------

_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")  # `_LETTERS` on ASCII text, faster (see `_words`)
# Quoted titles and names ("Schöne Münchnerin"), bracketed glosses and web addresses are often kept in
# German on purpose; _MAY_QUOTE is the cheap test for whether there is any to remove. `_without_quoted`
# removes them in one pass: a regex of these spans backtracks quadratically on a long token (issue 27).
_MAY_QUOTE = re.compile(r'["“„«»‘(]|www\.|https?:|\.(?:de|com|org|net)\b')
_OPENERS = re.compile(r'["“„«»‘(]')
_CLOSERS = {'"': '"', "“": "”", "„": "“”", "«": "»", "»": "«", "‘": "’", "(": ")"}
_DOMAIN = re.compile(r"\.(?:de|com|org|net)")
_SPACE = re.compile(r"\s")


def _closing(text: str, opener: str, start: int) -> int:
    """Where the quote opened at `start` closes (-1: nowhere after it)."""
    found = [i for i in (text.find(ch, start + 1) for ch in _CLOSERS[opener]) if i >= 0]
    return min(found) if found else -1


def _without_quoted(text: str) -> str:
    """`text` with quoted spans, bracketed glosses and web-address tokens blanked, leftmost first (as the
    regex `"[^"]*"|“[^”]*”|…|\\S+\\.(?:de|com|org|net)\\S*|\\([^)]*\\)` would), in linear time: a quote
    that never closes means no later quote of its kind closes either, and a web address is the whole
    whitespace-delimited token around its ".de"."""
    parts: list[str] = []
    dead: set[str] = set()  # openers with no closer left in the text
    pos = 0
    opener = _OPENERS.search(text)
    domain = _DOMAIN.search(text)
    while opener or domain:
        while opener and (opener.group() in dead or opener.start() < pos):
            opener = _OPENERS.search(text, max(pos, opener.start() + 1))
        while domain and domain.start() < pos:
            domain = _DOMAIN.search(text, pos)
        token_start = None
        while domain:  # the token holding ".de" must have a character before the dot
            space = max(text.rfind(" ", pos, domain.start()), text.rfind("\n", pos, domain.start()),
                        text.rfind("\t", pos, domain.start()))  # fmt: skip
            token_start = max(pos, space + 1)
            if token_start < domain.start():
                break
            domain = _DOMAIN.search(text, domain.start() + 1)
            token_start = None
        # at one position the quotes come before a web address, and a web address before a bracket
        if opener and (token_start is None or opener.start() < token_start or (
            opener.start() == token_start and opener.group() != "(")):
            close = _closing(text, opener.group(), opener.start())
            if close < 0:
                dead.add(opener.group())
                continue
            span = (opener.start(), close + 1)
        elif token_start is not None:
            end = _SPACE.search(text, domain.end())
            span = (token_start, end.start() if end else len(text))
        else:
            break
        parts += (text[pos : span[0]], " ")
        pos = span[1]
    parts.append(text[pos:])
    return "".join(parts)


@lru_cache(maxsize=1)
def _frequencies() -> tuple[dict, dict]:
    """German words frequent enough to count (a rarer one is level 0 whatever its English frequency)
    and those words' English frequencies: wordfreq's values, without its full lists (~100 MB, 1 s)."""
    from ..language.frequency import frequencies_above, frequencies_of

    german = frequencies_above("de", min(GERMAN_ZIPF_MIN, NOUN_GERMAN_ZIPF_MIN))
    return german, frequencies_of("en", german)


_LEVELS: dict[str, int] = {}  # word → _german_level, a plain dict: looked up for every word checked


def _german_only(word: str) -> int:
    level = _german_level(word)
    if len(_LEVELS) < 200_000:
        _LEVELS[word] = level
    return level


def _german_level(word: str) -> int:
    """0: not German-only; 1: a German-only word; 2: a common German-only word (as a noun would be)."""
    if len(word) < 3:
        return 0
    german, english = _frequencies()
    lower = word.lower()
    de = math.log10(german[lower]) + 9 if lower in german else 0.0
    en = math.log10(english[lower]) + 9 if lower in english else 0.0
    if de >= NOUN_GERMAN_ZIPF_MIN and en < NOUN_ENGLISH_ZIPF_MAX:
        return 2
    return 1 if de >= GERMAN_ZIPF_MIN and en < ENGLISH_ZIPF_MAX and de - en >= ZIPF_GAP else 0


def german_words(candidate: str) -> list[str]:
    """German words left in English text, ignoring quoted titles and capitalised names.

    A lower-case German-only word ("nicht", "werden", "neuen"; not "und" or "die", which English text
    uses too often) is evidence; a capitalised one counts only when it is a common German word. At
    least two are needed, one of them lower-case: on the WMT references, capitalised words alone are
    names human translators keep ("Freie Wähler", "Sparkasse", "Landtag"), so a single untranslated
    noun is not reported.
    """
    text = _without_quoted(candidate) if _MAY_QUOTE.search(candidate) else candidate
    lower, capital = [], []
    for word in (_ASCII_LETTERS if text.isascii() else _LETTERS).findall(text):
        level = _LEVELS.get(word)
        if level is None:
            level = _german_only(word)
        if not level:
            continue
        if word[0].islower():
            lower.append(word)
        elif level == 2:
            capital.append(word)
    if lower and len(lower) + len(capital) >= 2:
        return sorted(set(lower + capital), key=(lower + capital).index)
    return []


def check_untranslated(source: str, candidate: str, *, block: int | None = None) -> list[Problem]:
    words = german_words(candidate)
    if not words:
        return []
    shown = ", ".join(words[:8]) + (", …" if len(words) > 8 else "")
    return [
        Problem(
            "untranslated", f"German words left in the translation: {shown}", None, shown, len(words), block
        )
    ]


# --- units of checking -----------------------------------------------------------------------


def check_translation(source: str, candidate: str, *, block: int | None = None, glossary=None) -> CheckReport:
    """All checks for one unit (a block, a line or a whole text); `glossary` (a
    summarise.checking.terms.Glossary) adds the `term` check."""
    report = check_numbers(source, candidate, block=block)
    report.problems += check_omission(source, candidate, block=block)
    report.problems += check_repetition(source, candidate, block=block)
    report.problems += check_untranslated(source, candidate, block=block)
    _add_names(report, compare_names(source, candidate), block)
    if glossary is not None:
        report.merge(glossary.check(source, candidate, block=block))
    return report


def _add_names(report: CheckReport, names, block: int | None, *, summary: bool = False) -> None:
    """Name problems (kind `name`, `value` says missing / altered / added), names and pairs into `report`."""
    for n in (*names.source_names, *names.candidate_names):
        n.block = block
    report.source_names += names.source_names
    report.candidate_names += names.candidate_names
    report.name_pairs += names.pairs
    for issue in names.issues:
        s, c = issue.source, issue.candidate
        message = f"the name {c.text} in the summary is not in the source" if summary else issue.message
        report.problems.append(
            Problem("name", message, s.text if s else None, c.text if c else None, issue.kind, block,
                    s.start if s else None, s.end if s else None, c.start if c else None, c.end if c else None)  # fmt: skip
        )


def check_blocks(sources: list[str], candidates: list[str], *, glossary=None) -> CheckReport:
    """Block by block when both have as many blocks, else the whole texts at once (block None)."""
    if len(sources) == len(candidates):
        return CheckReport.combine(
            check_translation(s, c, block=number, glossary=glossary)
            for number, (s, c) in numbered(zip(sources, candidates, strict=True))
        )
    return check_translation("\n\n".join(sources), "\n\n".join(candidates), glossary=glossary)


def check_lines(source_lines: list[str], candidate_lines: list[str], *, glossary=None) -> CheckReport:
    """Line-aligned test sets (sacrebleu style): each line is its own unit; block = its line number (from 1)."""
    if len(source_lines) != len(candidate_lines):
        raise InputError(
            f"the source has {len(source_lines)} lines and the candidate {len(candidate_lines)}: "
            "--lines needs line-aligned files (one segment per line)"
        )
    return CheckReport.combine(
        check_translation(s, c, block=number, glossary=glossary)
        for number, (s, c) in numbered(zip(source_lines, candidate_lines, strict=True))
    )


def split_blocks(text: str) -> list[str]:
    """The paragraph blocks of a text: split at blank lines. Checks take text; reading a document's own
    layout (PDF, web page, wrapped lines) is the caller's job (`summarise.ingest`, as `summarise check` does)."""
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def check_texts(source: str, candidate: str, *, glossary=None) -> CheckReport:
    """Two whole texts: split into blocks at blank lines, then `check_blocks`."""
    return check_blocks(split_blocks(source), split_blocks(candidate), glossary=glossary)


def check_summary(
    source: str,
    summary: str,
    *,
    source_language: str = "de",
    block: int | None = None,
    translation: str | None = None,
) -> CheckReport:
    """Every number in the (English) summary must be supported by the source; omissions are fine.
    `source_language="en"` checks a summary against an English text (the translation).

    A supported number is compared field by field with its source (`numbers.quantity.compare`, summary
    mode): a figure rounded at the precision the summary writes is supported when its hedge points the right
    way ("nearly 4.5 million" for 4,46 Mio.); direction, currency, rate and kind must agree. With an English
    text at hand (`translation`, or an English source) the words around the figure must match those around
    the same figure there (`numbers.referent`): a figure moved to another subject is reported. Without one,
    a German source's words are read in English through a lexicon (`numbers.referent_de`)."""
    src = extract_german(source) if source_language == "de" else extract_english(source)
    cand = extract_english(summary)
    unsupported = unsupported_numbers(src, cand)
    bad = {id(n) for n in unsupported}
    english_text = source if source_language == "en" else translation
    english = src if source_language == "en" else (extract_english(translation) if translation else [])
    around = referents(english, english_text) if english else {}
    german = not english and source_language == "de"  # no English text: the lexicon reads the German
    # read as the source is: with a change's new level as its subject's only where the source is English too
    around_summary = referents(cand, summary, levels=not german) if english or german else {}
    if german:
        around = german_referents(src, source)
    src_q = {id(n): quantity(n, source, source_language) for n in src}
    index = _SourceIndex(src)
    referent_index = _ReferentIndex(english, around) if english else None
    problems, pairs = [], []
    for n in cand:
        qn = quantity(n, summary, "en")
        if id(n) in bad and _CENTURY.match(summary, n.end) and n.kind == "ordinal":
            # "the 15th century" for 1462: a year of that century supports it
            support = index.of_century(n.value)
        elif id(n) in bad:
            support = index.rounding_to(n, qn) if n.kind in _ROUNDED_KINDS else []
        else:
            support = index.same(n)
        diffs = [compare_quantities(src_q[id(s)], qn, "summary") for s in support]
        good = [s for s, d in zip(support, diffs, strict=True) if d is None]
        if good:
            pairs.append((good[0], n))
            where = (moved_from_german(n, good, src, around, around_summary) if german
                     else _moved(n, good, referent_index, around_summary))  # fmt: skip
            if where:
                problems.append(Problem("unsupported", where, None, n.text, _plain(n.value), block, None, None,
                                        *_span(n), field="belongs to"))  # fmt: skip
        elif diffs:
            problems.append(Problem("unsupported", diffs[0].message, None, n.text, _plain(n.value), block, None,
                                    None, *_span(n), field=diffs[0].field))  # fmt: skip
        elif id(n) in bad:
            problems.append(Problem("unsupported", f"{n.text} in the summary is not in the source", None, n.text,
                                    _plain(n.value), block, None, None, *_span(n), field="value"))  # fmt: skip
    report = CheckReport(problems, _tag(src, block), _tag(cand, block), pairs)
    _add_names(report, compare_names(source, summary, summary=True, source_language=source_language), block, summary=True)
    return report


_ROUNDED_KINDS = ("cardinal", "percent", "currency")
# A figure the source repeats more often than this: its first instances decide. Articles never come
# near it; it keeps a summary check of a pathological input (one figure thousands of times) linear.
_SUPPORT_CAP = 32


class _SourceIndex:
    """The source's numbers looked up by key, by alternative key, by kind and value and by century, so
    each summary figure finds its possible support without scanning every source number."""

    def __init__(self, src: list[Number]):
        self.src = src
        self._by_key: dict[tuple, list[int]] = collections.defaultdict(list)
        self._by_alt: dict[tuple, list[int]] = collections.defaultdict(list)
        self._years: dict[int, list[int]] = collections.defaultdict(list)
        by_kind: dict[object, list[tuple[float, int]]] = collections.defaultdict(list)
        self._unsorted: dict[object, list[int]] = collections.defaultdict(list)
        for i, s in enumerate(src):
            self._by_key[s.key].append(i)
            for k in s.keys:
                self._by_alt[k].append(i)
            if s.kind == "year":
                self._years[(int(s.value) - 1) // 100 + 1].append(i)
            if isinstance(s.value, int | float):
                by_kind[s.key[0]].append((float(s.value), i))
            else:
                self._unsorted[s.key[0]].append(i)
        self._values = {k: sorted(v) for k, v in by_kind.items()}

    def _numbers(self, *lists: list[int]) -> list[Number]:
        """The first instances (in source order) of the numbers at these indices; each list is in source
        order already, so only its head is read."""
        found = sorted({i for found in lists for i in found[:_SUPPORT_CAP]})
        return [self.src[i] for i in found[:_SUPPORT_CAP]]

    def same(self, n: Number) -> list[Number]:
        """Source numbers equal to `n` (its key, or one of its alternative keys either way). A name's number
        ("A9", "COVID-19") supports only a bare figure, not a measure ("the A9" is no "nine hours")."""
        found = self._numbers(
            self._by_key.get(n.key, []), self._by_alt.get(n.key, []), *(self._by_key.get(k, []) for k in n.keys)
        )
        if n.unit is not None and n.kind != "code":
            found = [s for s in found if s.kind != "code"]
        return found

    def _by_kind_all(self, kind) -> list[int]:
        return [i for _, i in self._values.get(kind, [])] + self._unsorted.get(kind, [])

    def of_century(self, century) -> list[Number]:
        return self._numbers(self._years.get(century, []))

    def rounding_to(self, n: Number, qn) -> list[Number]:
        """Source numbers of `n`'s kind that `qn` rounds (within its precision, or its hedge's reach); a bare
        count of "points" also rounds percentage points ("a loss of more than 5 points" for 5,3 Prozentpunkte)."""
        kinds = (n.key[0], "pp") if n.key[0] == "n" and _POINTS.match(qn.text, n.end) else (n.key[0],)
        try:
            cv = float(qn.value)
        except (TypeError, ValueError):  # not a plain figure: every source number of its kind is a candidate
            found = sorted(i for kind in kinds for i in self._by_kind_all(kind))
            return [s for s in self._numbers(found) if rounds_to(s.value, qn)]
        reach = max(qn.precision, 0.1 * abs(cv)) + 1e-9 * max(1.0, abs(cv))
        found, unsorted = [], []
        for kind in kinds:
            values = self._values.get(kind, [])
            lo = bisect.bisect_left(values, (cv - reach, -1))
            hi = bisect.bisect_right(values, (cv + reach, len(self.src)))
            found += (i for _, i in values[lo : min(hi, lo + _SUPPORT_CAP)])
            unsorted += self._unsorted.get(kind, [])
        return [s for s in self._numbers(sorted(found), sorted(unsorted)) if rounds_to(s.value, qn)]


_POINTS = re.compile(r"\s+(?:percentage\s+)?points?\b", re.I)
_CENTURY = re.compile(r"\s+century\b", re.I)


class _ReferentIndex:
    """The English text's figures looked up by value and by referent word, so that a summary figure's
    "belongs to" check reads only the figures of its own value and those sharing one of its words — not
    every figure of the text (which made the summary check O(summary × translation))."""

    def __init__(self, english: list[Number], around: dict):
        self._by_value: dict[float, list[int]] = collections.defaultdict(list)
        self._by_word: dict[str, list[int]] = collections.defaultdict(list)
        self._words = [around[id(e)] for e in english]
        self._values = [e.value for e in english]
        for i, e in enumerate(english):
            self._by_value[e.value].append(i)
            if e.kind in _ROUNDED_KINDS:
                for word in self._words[i]:
                    self._by_word[word].append(i)

    def same(self, values: set) -> list[frozenset]:
        """The referents of the text's instances of these values (the first `_SUPPORT_CAP` of each), in text order."""
        found = sorted(i for v in values for i in self._by_value.get(v, [])[:_SUPPORT_CAP])
        return [self._words[i] for i in found]

    def others(self, words: frozenset, values: set) -> list[frozenset]:
        """The referents of the text's figures of other values that share a word with `words`, in text order:
        a figure sharing none can never be the one the summary moved this figure from."""
        found: set[int] = set()
        for word in words:  # a word's first figures decide (a pathological text repeats one thousands of times)
            found.update(i for i in self._by_word.get(word, ())[: 4 * _SUPPORT_CAP] if self._values[i] not in values)
        return [self._words[i] for i in sorted(found)]


def _moved(n: Number, support: list[Number], index: _ReferentIndex | None, around_summary: dict) -> str | None:
    """ "belongs to: prices in the summary, unemployment in the source" when the summary gives the figure
    to words the English text gives another figure (and no instance of this figure)."""
    if index is None or n.kind not in _ROUNDED_KINDS:
        return None
    values = {s.value for s in support} | {n.value}
    same = index.same(values)
    if not same:
        return None
    words = around_summary.get(id(n), frozenset())
    word = moved(words, same, index.others(words, values))
    if word is None:
        return None
    theirs = next((sorted(w)[0] for w in same if w), "another subject")
    return f"belongs to: {word} in the summary, {theirs} in the source ({n.text})"
