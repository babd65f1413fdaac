"""Name fidelity (issue 22): finding names in German and English text and comparing them."""

from .check import NameIssue, NameReport, compare_names
from .find import Name, find_english, find_german
from .lexicon import Lexicon, lexicon

__all__ = ["Lexicon", "Name", "NameIssue", "NameReport", "compare_names", "find_english", "find_german", "lexicon"]
