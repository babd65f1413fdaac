"""Output: translations and briefs as text, Markdown, JSON and HTML review pages; documents written
back in their own format (`writers`: DOCX, HTML, Markdown)."""
