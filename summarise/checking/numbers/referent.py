"""Whom a figure belongs to: the content words it quantifies, and whether a summary moved it.

The referent of a number is the content words it quantifies on either side, within its sentence: the
subject or predicate before it ("unemployment rose 4 %") and the noun phrase after it ("61,000 flights",
"4.2 million passengers"). The words between two figures of a sentence are split at the first clause
boundary between them (a comma, "and", "while"...): those before it are the first figure's noun phrase,
those after it the second figure's subject — "4.2 million passengers and 61,000 flights": {passengers}
and {flights}; "unemployment rose 4 % and prices 2 %": {unemployment}, {prices}. Without a boundary the
words between go to the second figure (its subject, as "from 4 % to 5 % of the vote"). Direction, hedge
and relation words are not referents (those are fields of their own). Words are compared by a crude stem
(lower case, plural s dropped), English with English: the brief has the translation at hand; a German
source is read through `referent_de` in the same windows.
"""

from __future__ import annotations

import re

from .number import Number

_WORD = re.compile(r"[^\W\d_]{3,}")
_ANY_WORD = re.compile(r"[^\W\d_]+")
_BOUNDARY = re.compile(r"[.;:!?]\s|[.;:!?]$|\n")
_NOT_REFERENT = frozenset(
    ["the", "and", "but", "for", "with", "from", "that", "this", "these", "those", "are", "was", "were", "been", "being", "has", "have", "had", "will", "would", "can", "could", "should", "its", "their", "his", "her", "they", "them", "she", "him", "not", "also", "than", "then", "there", "here", "into", "onto", "about", "over", "under", "after", "before", "more", "most", "some", "such", "very", "just", "only", "which", "who", "whom", "what", "when", "where", "while", "because", "our", "your", "you", "out", "off", "per", "via", "rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen", "increased", "increase", "increases", "grew", "grow", "growth", "gained", "gain", "climbed", "jumped", "surged", "dropped", "drop", "declined", "decline", "decreased", "decrease", "lost", "lose", "shrank", "slumped", "plunged", "sank", "down", "higher", "lower", "nearly", "almost", "around", "roughly", "approximately", "least", "less", "fewer", "above", "below", "percent", "per", "cent", "percentage", "points", "point", "million", "billion", "trillion", "thousand", "hundred", "year", "years", "month", "months", "day", "days", "week", "weeks", "last", "this", "next", "said", "says", "say", "according", "reached", "stood", "came", "total", "totalled", "compared", "same", "period", "previous", "another", "other", "whole", "new", "now", "still", "already", "again"]
)
# Common verbs of figures ("gets", "costs", "counted"): they tell nothing about whom a figure belongs to.
_NOT_REFERENT |= frozenset(
    ["get", "gets", "got", "getting", "give", "gives", "gave", "given", "receive", "receives", "received", "make", "makes", "made", "take", "takes", "took", "spend", "spends", "spent", "cost", "costs", "pay", "pays", "paid", "live", "lives", "lived", "count", "counts", "counted", "draw", "draws", "drew", "sell", "sells", "sold", "earn", "earns", "earned", "reach", "reaches", "is", "was", "be", "had", "having", "amount", "amounts", "amounted", "stand", "stands",
     # verbs of results and records ("the CDU won 31.2 percent", "ended up at 9.8 percent", "police recorded 17")
     "wins", "won", "winning", "ended", "ending", "finished", "landed", "scored", "secured", "posted", "recorded", "registered", "reported", "achieved", "obtained", "polled"]
)


def _stem(word: str) -> str:
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str, start: int, end: int) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text, start, end) if w.lower() not in _NOT_REFERENT]


# Where a clause ends inside an English sentence: the words after it no longer describe the figure before.
_CLAUSE = re.compile(r",\s|\s[–—-]\s|\s(?:and|or|while|whereas|but|compared\s+with|against|versus|vs\.?)\s|\(|\)")
# A subordinate clause after a figure is not its noun phrase ("23 were injured when a coach carrying 58 people
# left the road"), and one between two figures is the first's ("$10 million when he left, and Luke $26 million").
_SUBORDINATE = re.compile(r"\s(?:when|because|although|though|which|who|whose|where|unless)\s", re.I)
_CONTRAST = re.compile(r"(?:\(|\)|versus|vs\.?|against|compared\s+with|while|whereas|but|während|aber|gegenüber)", re.I)
_PREPOSITION = re.compile(r"\s(?:on|in|at|for|of|from|with|by|to|across|among|per)\s", re.I)
_DATING = ("month", "date", "year", "ordinal")
# The preposition before a change's new level, after its amount or old level ("rose 4 % to 5.2 billion"), or
# before the top of a range ("four to five years"): the figure after it is the same subject's.
_LEVEL = re.compile(r"to", re.I)
# At most this many content words before a figure and after it make its referent.
BEFORE, AFTER = 4, 3


def _figures(numbers: list) -> list:
    """The numbers that have referents of their own (not those dating another), in text order."""
    return sorted((n for n in numbers if n.kind not in _DATING), key=lambda n: n.start)


def windows(numbers: list, text: str, clause: re.Pattern, weak: re.Pattern | None = None,
            level_word: re.Pattern | None = None, subordinate: re.Pattern | None = None) -> dict[int, tuple]:
    """id(number) → the (start, end) spans of text before and after it that hold its referent words (the
    rule of this module's docstring; `clause` is the language's clause boundary, `weak` where a gap without
    one splits: the preposition after a figure's noun phrase; `level_word` those of them that lead to a
    change's new level; `subordinate` the words opening a subordinate clause, which ends a figure's words
    after it); the span up to the next figure or the
    sentence's end besides (read when both hold nothing); the id of the figure it is coordinated with (the
    one before it in its sentence, split from it at a clause boundary or a change's "to"), else None; and
    whether it is that figure's new level ("rose 4 percent to 71.6 billion": the same subject's figure).
    Linear: each gap between two neighbouring figures is read once."""
    out: dict[int, tuple] = {}
    for n in numbers:  # a month, a date, a year or an ordinal is read as words of the figure it dates
        if n.kind in _DATING:  # ("340 cases in July", "the second quarter of 2015 was at 3.6 percent")
            out[id(n)] = ((n.start, n.start), (n.end, n.end), (n.end, n.end), None, False)
    ordered = _figures(numbers)
    before_lo, coordinated, level = 0, None, False
    if ordered:  # the first figure's sentence
        for m in _BOUNDARY.finditer(text, 0, ordered[0].start):
            before_lo = m.end()
    for i, n in enumerate(ordered):
        hi = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
        hi = max(hi, n.end)
        sentence_end = _BOUNDARY.search(text, n.end, hi)
        after_hi, next_lo, follows, new_level = n.end, n.end, None, False
        sub = subordinate.search(text, n.end, hi) if subordinate else None
        if sentence_end:
            after_hi = sentence_end.start()
            m = clause.search(text, n.end, after_hi)
            if m:
                after_hi = m.start()
            if sub and sub.start() < after_hi:
                after_hi = sub.start()
            next_lo = sentence_end.end()
            for later in _BOUNDARY.finditer(text, sentence_end.end(), hi):
                next_lo = later.end()
        elif i + 1 < len(ordered) and sub and not clause.search(text, n.end, sub.start()):
            # a subordinate clause opens first: the first figure's words end there, the second's start after
            # the clause boundary that closes it, or inside it ("when a coach carrying 58 people")
            later = clause.search(text, sub.end(), hi)
            after_hi, next_lo = sub.start(), later.end() if later else sub.end()
            follows = id(n) if later and not _CONTRAST.fullmatch(later.group().strip()) else None
        elif i + 1 < len(ordered):
            m = clause.search(text, n.end, hi)
            if m:  # the gap splits at its first clause boundary; a bare "7.1 and 7.4" is one range
                after_hi, next_lo = m.start(), m.end()
                # a coordination shares what it leaves unsaid; a contrast ("35.6 versus 22 percent"), an aside
                # in brackets and a bare range ("7.1 and 7.4") do not
                bare = text[n.end : hi].strip(" ,;") in ("and", "or", "bis", "oder", "und")
                follows = None if bare or _CONTRAST.fullmatch(m.group().strip()) else id(n)
            elif weak and (found := list(weak.finditer(text, n.end, hi))):
                # the preposition before the second figure is its own: "4.2 million passengers on 61,000
                # flights", "39 on Friday to 43 on Saturday"; a change's "to" splits first, and the figure
                # after it is the same subject's new level: "wages rose 5.2 percent to an average of 4,100
                # euros", "um 0,4 Punkte auf 6,1 Prozent"
                levels = [m for m in found if level_word and level_word.fullmatch(m.group().strip())]
                after_hi = next_lo = (levels or found)[-1].start()
                if levels:
                    follows, new_level = id(n), True
        else:  # the last figure of the text
            m = clause.search(text, n.end, hi)
            after_hi = m.start() if m else hi
            if sub and sub.start() < after_hi:
                after_hi = sub.start()
        far = sentence_end.start() if sentence_end else hi
        out[id(n)] = ((before_lo, n.start), (n.end, after_hi), (n.end, far), coordinated, level)
        before_lo, coordinated, level = next_lo, follows, new_level
    return out


class Referent(frozenset):
    """A figure's referent words; `head` is the noun it counts, the first content word right after it
    ("850 teachers", "4.2 million flights"), else None; `subject` the words before it alone (or, when none
    stand there, those after it), read by `moved` on their own as well: "Linz has 295,000 residents" moves
    the figure from Graz whatever both say of residents."""

    head: str | None = None
    subject: frozenset = frozenset()
    head_word: str | None = None  # the word `head` was read from (German: the German noun)
    own_head: str | None = None  # `head` when it stands after the figure itself (not shared from a partner)
    own: frozenset = frozenset()  # its words without those shared from a coordinated figure
    group: int = 0  # the id of the first figure of its coordination ("48,000 families and 12,000 students")


# A figure's head noun stands at most this many words after it ("4.2 million passengers", "31 percent of
# the electricity").
_HEAD_REACH = 3


def assemble(spans: dict, text: str, words, head_of, shares=lambda word, after: True,
             gapped=lambda text, start, end: False) -> dict[int, Referent]:
    """id(number) → Referent from `windows` spans, `words(text, start, end)` reading a span's content words
    and `head_of(text, start, end, after_words)` its head. A coordinated figure without words of its own
    before it shares those of the figure it is coordinated with ("in the city live 48,000 families and
    12,000 students": the city is the students' as well), those of them that `shares(word, its words after
    it)`; also one whose words before it only place it (`gapped`: "in Bern um 2,3 Prozent"). A figure without a head noun of its own shares the noun its partner counts ("three passengers in
    the car and six in the van")."""
    out: dict[int, Referent] = {}
    before_of: dict[int, list] = {}
    for key, ((lo, start), (end, hi), far, coordinated, level) in spans.items():
        before = own = words(text, lo, start)[-BEFORE:]
        after = own_after = words(text, end, hi)[:AFTER]
        # "was at 3.6 percent, few expect that to last": without words of its own, those up to the next figure —
        # unless it is a change's new level, whose subject is its change's (shared below)
        far_after = words(text, *far)[:AFTER] if not before and not after else None
        if far_after is not None and not level:
            after = own_after = far_after
        partner = out.get(coordinated) if coordinated is not None else None
        if partner is not None and (not before or level or gapped(text, lo, start)):
            # "48,000 families and 12,000 students", "in Graz 295,000 people, in Linz 210,000", "revenue rose
            # 4 % to 71.6 billion": what the second figure leaves unsaid, it shares with the first
            before = before + [w for w in before_of[coordinated] if shares(w, own_after) and w not in before]
        if far_after is not None and level and not before:
            after = own_after = far_after
        head = head_of(text, end, hi, after)
        shared_head = False
        if partner is not None and head is None and partner.head_word is not None:
            # "drei Insassen im Auto und sechs im Transporter"
            after, head = [partner.head_word, *(w for w in after if w != partner.head_word)], partner.head
            shared_head = True
        before_of[key] = before
        found = Referent(before + [w for w in after if w not in before])
        found.head = head
        found.own_head = head if not shared_head else None
        found.head_word = after[0] if head is not None and after else None
        # a new level's subject is its change's ("unemployment rose 0.4 points to 6.1 percent in January")
        found.subject = frozenset(before if level else own or own_after)
        found.own = frozenset(own + own_after)
        found.group = partner.group if partner is not None else key
        out[key] = found
    return out


# Words that may stand between a figure and the noun it counts ("4.2 million", "850 new", "5 percent").
_SCALE = frozenset(["million", "billion", "trillion", "thousand", "hundred", "new", "more", "percent", "per", "cent", "some", "other", "additional", "further", "extra"])


def _head(text: str, start: int, end: int, after: list[str]) -> str | None:
    if not after:
        return None
    for i, m in enumerate(_ANY_WORD.finditer(text, start, end)):
        word = m.group().lower()
        if i >= _HEAD_REACH or (word in _NOT_REFERENT and word not in _SCALE) or len(word) < 3:
            return None  # a preposition or a verb first: "six in the van", "17 were hurt"
        if word not in _NOT_REFERENT:  # a participle is a predicate, not a noun: "17 injured", "3 missing"
            return None if word.endswith(("ed", "ing")) else _stem(word)
    return None


def referents(numbers: list[Number], text: str, levels: bool = True) -> dict[int, Referent]:
    """id(number) → its referent words, for English `text` and its `numbers`: up to four content words
    before it and three after it (`windows`, `assemble`). `levels`: a change's new level shares its
    subject ("rose 4 percent to 71.6 billion"; off to compare with German, read without it). A part of the
    figure before ("23 passengers were injured, seven of them seriously") has that figure's words too."""
    found = assemble(windows(numbers, text, _CLAUSE, _PREPOSITION, _LEVEL if levels else None, _SUBORDINATE), text,
                     _words, _head)
    ordered = _figures(numbers)
    for before, n in zip(ordered, ordered[1:], strict=False):
        if _PARTITIVE_AFTER.match(text, n.end) or _PARTITIVE_BEFORE.search(text, max(0, n.start - 20), n.start):
            found[id(n)] = _joined(found[id(n)], found[id(before)])
    return found


# A part of the figure before: "seven of them", "three of whom", "among them five".
_PARTITIVE_AFTER = re.compile(r"\s+(?:of\s+(?:them|whom|those|which)|among\s+them)\b", re.I)
_PARTITIVE_BEFORE = re.compile(r"\b(?:among\s+them|of\s+whom|of\s+which)\s+(?:\w+\s+)?$", re.I)


def _joined(part: Referent, whole: Referent) -> Referent:
    """`part`'s referent with the words of the figure it is a part of (its noun and subject as well)."""
    out = Referent(part | whole)
    out.head = part.head or whole.head
    out.head_word = part.head_word or whole.head_word
    out.own_head = part.own_head
    out.subject = part.subject | whole.subject
    out.own = part.own
    out.group = part.group
    return out


def moved(summary_words: frozenset[str], same: list[frozenset[str]], others: list[frozenset[str]]) -> str | None:
    """The word the summary gives a figure that the source gives another figure — when the summary's words
    share more with that other figure's words than with any instance of the same figure ("maize yield"
    for the wheat yield's 8 %), when the noun the summary's figure counts is the noun another figure
    counts and no word of this one ("850 teachers" where the source has 850 pupils and 62 teachers), or
    when its subject alone (`Referent.subject`, the words before it) shares more with another figure's
    subject ("Linz has 295,000 residents" for Graz's 295,000 residents) — else None."""
    if not summary_words:
        return None
    best_same = max((len(summary_words & words) for words in same), default=0)
    mentioned = set().union(*same)
    head = getattr(summary_words, "own_head", None)
    subject = frozenset(_subject(summary_words))
    best_subject = max((len(subject & _subject(words)) for words in same), default=0)
    for words in others:
        shared = summary_words & words
        if len(shared) > best_same:
            return sorted(shared - mentioned or shared)[0]
        if head and head not in mentioned and head == getattr(words, "head", None):
            return head
        shared = subject & _subject(words)
        if len(shared) > best_subject:
            return sorted(shared - mentioned or shared)[0]
    return None


def _subject(words: frozenset) -> frozenset:
    return getattr(words, "subject", None) or words
