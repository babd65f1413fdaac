"""The translation engine and what it builds on (placeholder protection for glossary terms and names)."""
