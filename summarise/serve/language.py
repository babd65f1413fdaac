"""Which language a text is in, for LibreTranslate's /detect and `source: auto`: German or English.

The server translates German only, so the question is "German, English, or neither": the share of
each language's commonest function words among the text's words answers it without a model.
LibreTranslate reports confidence in percent (0-100); so does this.
"""

from __future__ import annotations

import re

LANGUAGES = {"de": "German", "en": "English"}

_GERMAN = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder", "aber", "nicht", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte", "hatten", "sich", "mit", "von", "zu", "zum", "zur", "auf", "für", "bei", "nach", "aus", "über", "unter", "vor", "auch", "noch", "nur", "schon", "sehr", "als", "wie", "dass", "wenn", "im", "ins", "am", "an", "es", "er", "sie", "wir", "ihr", "ich", "du", "man", "kein", "keine", "dieser", "diese", "dieses", "jetzt", "heute", "gegen", "durch", "ohne", "seit", "mehr", "rund", "etwa", "bis", "vom", "beim", "sein", "seine", "ihre"]
)
_ENGLISH = frozenset(
    ["the", "a", "an", "and", "or", "but", "not", "is", "are", "was", "were", "will", "would", "be", "been", "being", "has", "have", "had", "it", "its", "he", "she", "they", "we", "you", "i", "of", "to", "in", "on", "at", "for", "with", "from", "by", "about", "into", "over", "under", "after", "before", "also", "only", "very", "as", "than", "that", "this", "these", "those", "which", "who", "what", "when", "where", "there", "their", "his", "her", "our", "more", "some", "any", "no", "one", "said", "says", "can", "could", "should", "may", "might"]
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> list[dict]:
    """LibreTranslate's detection shape: [{"language": code, "confidence": percent}], best first."""
    words = [w.lower() for w in _WORD.findall(text)]
    german = sum(w in _GERMAN for w in words) + 2 * sum(ch in "äöüß" for w in words for ch in w)
    english = sum(w in _ENGLISH for w in words)
    total = german + english
    if not total:
        return [{"language": "de", "confidence": 0.0}]  # nothing to go on: the language this server reads
    scores = {"de": german / total, "en": english / total}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"language": code, "confidence": round(100 * share, 1)} for code, share in ranked]
