"""Character-level clean-up every source gets before words and lines are rebuilt."""

from __future__ import annotations

import re
import unicodedata

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# Characters that take no room on the page. A soft hyphen marks where a word *may* break, the others
# separate or join glyphs; left in, they split a word into pieces for the model ("Gren\xadze").
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_chars(text: str) -> str:
    """NFC (PDFs may give "a" + combining diaeresis for "ä"), ligature glyphs spelled out, invisible
    characters removed."""
    return unicodedata.normalize("NFC", text).translate(LIGATURES).translate(_DROP_INVISIBLE)


def normalise_text(text: str) -> str:
    """Line endings to \\n, form feeds to a page-break gap, soft hyphens resolved, spaces collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n")
    # A soft hyphen at a line end is a typesetting break by definition: join the word, even across a page.
    text = re.sub(r"\u00ad[ \t]*\n\s*", "", text)
    text = clean_chars(text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def one_line(text: str) -> str:
    """An element's text (a web page's or Word document's paragraph, cell, title) as one clean line."""
    return collapse_spaces(clean_chars(text).replace("\n", " "))
