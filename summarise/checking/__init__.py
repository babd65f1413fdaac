"""Checks of a candidate English text against its German source (names/ and, later, checks and numbers)."""
