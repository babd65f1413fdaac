"""Checking: a German source and an English candidate (text) to a report of problems."""
