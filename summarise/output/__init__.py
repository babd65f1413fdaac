"""Output: translations and briefs as text, Markdown, JSON and HTML review pages."""
