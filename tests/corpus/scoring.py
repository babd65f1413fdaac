"""Score a Document read from a corpus input against its ground truth (shared by bench/ingest.py and
tests/test_corpus_ingest.py).

- blocks exact: truth blocks found in the output with the same kind and the same text (whitespace runs
  collapsed), in order (difflib over the block sequences).
- word accuracy: difflib's 2·M / (T + O) over the whole word sequences, so lost words and extra words
  (boilerplate glued into a paragraph, a running head) both count against it.
- tolerated boilerplate: in printed web pages, navigation, byline, caption, "Lesen Sie auch" box and
  footer may survive as blocks of their own (never as the title, never glued into article text); such
  blocks — a stretch of the page's boilerplate texts, in page order, case aside — are left out before
  scoring.
- junk: an output block that is a bare page number ("2", "Seite 2", "1/2"), a browser print header or
  footer (date and time, file URL) or contains one of the truth's `junk` strings (running heads, the
  page title the browser prints, cookie banner, navigation of a saved page).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
ROUTES = ("pdf-typeset", "pdf-browser", "pdf-office", "pasted", "html", "docx")

_PAGE_NUMBER = re.compile(r"(?i)(seite\s*)?\d{1,3}(\s*(/|von|of)\s*\d{1,3})?")
_PRINT_HEADER = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}(\s*[AP]M)?|file:/|https?://")


def load_manifest(corpus: Path = CORPUS) -> dict:
    return json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))


def load_truth(entry: dict, corpus: Path = CORPUS) -> dict:
    return json.loads((corpus / entry["truth"]).read_text(encoding="utf-8"))


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def is_junk(text: str, junk: list[str]) -> bool:
    t = norm(text)
    if _PAGE_NUMBER.fullmatch(t) or _PRINT_HEADER.search(t):
        return True
    return any(j and norm(j) in t for j in junk)


@dataclass
class Score:
    truth_blocks: int
    exact_blocks: int = 0
    truth_words: int = 0
    out_words: int = 0
    matched_words: int = 0
    junk: list[str] = field(default_factory=list)  # junk blocks found in the output
    missed: list[tuple[str, str]] = field(default_factory=list)  # truth blocks not recovered exactly
    tolerated: int = 0  # boilerplate blocks left out before scoring

    @property
    def blocks_exact(self) -> float:
        return self.exact_blocks / self.truth_blocks if self.truth_blocks else 1.0

    @property
    def word_acc(self) -> float:
        total = self.truth_words + self.out_words
        return 2 * self.matched_words / total if total else 1.0


def score(truth: dict, blocks: list[tuple[str, str]] | None) -> Score:
    """Score output blocks [(kind, text)] against a truth dict; None (unreadable input) scores zero."""
    want = [(b["kind"], norm(b["text"])) for b in truth["blocks"]]
    s = Score(truth_blocks=len(want), truth_words=sum(len(t.split()) for _, t in want))
    if blocks is None:
        s.missed = want
        return s
    got = [(k, norm(t)) for k, t in blocks if norm(t)]
    junk_strings = truth.get("junk", [])
    s.junk = [t for _, t in got if is_junk(t, junk_strings)]
    boilerplate = norm(" ".join(truth.get("boilerplate", []))).casefold()
    wanted = set(want)
    kept = []
    for kind, text in got:
        if boilerplate and (kind, text) not in wanted and kind != "title" and text.casefold() in boilerplate:
            s.tolerated += 1
            continue
        kept.append((kind, text))
    matcher = difflib.SequenceMatcher(None, want, kept, autojunk=False)
    hit = set()
    for a, _, size in matcher.get_matching_blocks():
        hit.update(range(a, a + size))
    s.exact_blocks = len(hit)
    s.missed = [w for i, w in enumerate(want) if i not in hit]
    want_words = [w for _, t in want for w in t.split()]
    got_words = [w for _, t in kept for w in t.split()]
    s.out_words = len(got_words)
    words = difflib.SequenceMatcher(None, want_words, got_words, autojunk=False)
    s.matched_words = sum(size for _, _, size in words.get_matching_blocks())
    return s
