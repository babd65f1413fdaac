"""English wording for people: counts with their noun ("1 problem", "3 problems")."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """`n` and `word`, plural unless n is 1. Regular nouns only: every caller's word takes an -s."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
