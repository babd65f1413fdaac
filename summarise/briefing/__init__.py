"""Briefing: a translated article to an English brief (headline, summary, key figures)."""
