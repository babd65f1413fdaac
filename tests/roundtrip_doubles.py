"""A word-for-word backend double for the round-trip writers: it translates every German word of its
vocabulary into English and passes every other token through unchanged, so a test can prove that every
text run reached the model (no vocabulary word left in the output) and check where formatted words went
(the English of a bold word is known). The real model path is tested with the tiny Marian model."""

from __future__ import annotations

import re
from pathlib import Path

from summarise.models.backends.base import Backend, GenerationSettings
from summarise.models.hub import ResolvedModel

VOCABULARY = {
    "und": "and", "der": "the", "die": "the", "das": "the", "dem": "the", "den": "the", "des": "of the",
    "ist": "is", "sind": "are", "nicht": "not", "mit": "with", "von": "of", "für": "for", "auf": "on",
    "ein": "a", "eine": "a", "einen": "a", "einer": "a", "sich": "itself", "wird": "will", "werden": "become",
    "auch": "also", "zu": "to", "im": "in the", "es": "it", "bei": "at", "nach": "after", "oder": "or",
    "wie": "how", "aus": "from", "dass": "that", "noch": "still", "nur": "only", "über": "about",
    "kann": "can", "hat": "has", "haben": "have", "wurde": "was", "wurden": "were", "sie": "they",
    "wir": "we", "ich": "I", "zum": "to the", "zur": "to the", "vom": "from the", "durch": "through",
    "unter": "under", "sehr": "very", "mehr": "more", "diese": "these", "dieser": "this", "dieses": "this",
    "Bericht": "report", "Tabelle": "table", "Fußnote": "footnote", "Kopfzeile": "header",
    "Fußzeile": "footer", "Textfeld": "text box", "fett": "bold", "kursiv": "italic", "Verweis": "link",
    "Liste": "list", "Punkt": "item", "wichtig": "important", "wichtige": "important", "Ergebnis": "result",
    "Jahr": "year", "Menschen": "people", "Millionen": "million", "Zelle": "cell", "Seite": "page",
    "Bild": "picture", "Beschreibung": "description", "Titel": "title", "Zahlen": "figures",
    "Unterpunkt": "sub-item", "Absatz": "paragraph", "Kasten": "box", "neue": "new", "neuen": "new",
    "Stadt": "city", "Haus": "house", "Preis": "price", "Preise": "prices", "Zug": "train",
}  # fmt: skip
# German words that are also English words: never counted as "left untranslated".
_SHARED = {"die", "es", "in", "an", "so", "hat", "ich", "was"}
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+", re.U)
_LOWER = {k.lower(): v for k, v in VOCABULARY.items()}


def german_left(text: str) -> list[str]:
    """Vocabulary words of the double still in `text` (what the double would have translated)."""
    return [w for w in re.findall(r"\w+", text) if w.lower() in _LOWER and w.lower() not in _SHARED]


def wordbook_translate(text: str) -> str:
    out = []
    for token in _TOKEN.findall(text):
        english = _LOWER.get(token.lower())
        if english is None:
            out.append(token)
        else:
            out.append(english[:1].upper() + english[1:] if token[:1].isupper() and not out else english)
    return "".join(out)


class WordbookBackendDouble(Backend):
    """Translates word for word from VOCABULARY; every other token (names, numbers) passes through."""

    name = "wordbook-double"

    def __init__(self):
        super().__init__(ResolvedModel("wordbook-double", Path("."), "double-1"), "cpu")
        self.inputs: list[str] = []

    @property
    def max_input_tokens(self) -> int:
        return 400

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def generate(self, texts: list[str], settings: GenerationSettings) -> list[str]:
        self.inputs.extend(texts)
        return [wordbook_translate(t) for t in texts]
