"""Language knowledge and text units: German rules and word frequencies, sentences, chunks."""
