"""Glossaries and do-not-translate terms: loading (`glossary`), matching German inflections and the
English term (`matching`), and the `term` check (`check`). The engine enforces them with placeholders
(summarise.translation.protect); this package only reads and verifies."""

from .check import TermPair, check_terms, missed_terms
from .glossary import Glossary, GlossaryEntry, GlossaryError, load_glossary, parse_glossary
from .matching import TermMatcher, TermOccurrence, noun_forms

__all__ = [
    "Glossary", "GlossaryEntry", "GlossaryError", "TermMatcher", "TermOccurrence", "TermPair", "check_terms",
    "load_glossary", "missed_terms", "noun_forms", "parse_glossary",
]
