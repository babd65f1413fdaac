"""Checks of a candidate English text against its German source (numbers, names, glossary terms)."""
