"""Language knowledge: one module per language, asked by every tool that needs it."""
