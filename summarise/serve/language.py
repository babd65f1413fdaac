"""Which language a text is in, for LibreTranslate's /detect and `source: auto`.

The server translates German to English only, but LibreTranslate clients ask /detect about any text
(French, Spanish, Russian...) and expect a ranked confidence list; a /translate with `source: auto`
whose text is detected as another language gets LibreTranslate's 400 "xx is not supported".

Detection is py3langid (langid.py's maintained fork: a naive Bayes model over byte n-grams shipped in
the wheel, nothing downloaded), restricted to the languages LibreTranslate offers. The server's own
source language gets a prior twice the others': a short, ambiguous line is more likely German here
(on 400 WMT lines under 60 characters, German misdetected: 7 -> 2, English: 16 -> 17). Confidence is
in percent (0-100), as LibreTranslate reports it.
"""

from __future__ import annotations

import re
import threading

LANGUAGES = {"de": "German", "en": "English"}  # what this server translates (source de, target en)
SOURCE = "de"
SOURCE_PRIOR = 2.0

# LibreTranslate's languages (its Argos models) that langid.py knows; langid's "no" is LibreTranslate's "nb".
DETECTABLE = ["ar", "az", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fr", "ga", "gl", "he", "hi", "hu", "id", "it", "ja", "ko", "ky", "lt", "lv", "ms", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "th", "tl", "tr", "uk", "ur", "vi", "zh"]
_CODES = {"no": "nb"}
MAX_CANDIDATES = 5
MIN_CONFIDENCE = 1.0  # percent: candidates below this are noise, left out (the best one is always given)
_LETTER = re.compile(r"[^\W\d_]")

_identifier = None
_lock = threading.Lock()


def identifier():
    """The langid model, loaded once (~5 s: the server warms it at start, see app.lifespan)."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            model.set_languages(DETECTABLE)
            _identifier = model
        return _identifier


def detect_language(text: str) -> list[dict]:
    """LibreTranslate's detection shape: [{"language": code, "confidence": percent}], best first."""
    if not _LETTER.search(text):
        return [{"language": SOURCE, "confidence": 0.0}]  # no words to go on: the language this server reads
    scores = dict(identifier().rank(text))
    scores[SOURCE] = scores.get(SOURCE, 0.0) * SOURCE_PRIOR
    total = sum(scores.values()) or 1.0
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
    out = [{"language": _CODES.get(code, code), "confidence": round(100 * p / total, 1)} for code, p in ranked]
    return [out[0]] + [c for c in out[1:] if c["confidence"] >= MIN_CONFIDENCE]
