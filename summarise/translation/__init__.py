"""Translation: German blocks to checked English blocks."""
