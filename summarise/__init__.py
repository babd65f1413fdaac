"""summarise: German→English news translation and briefing with number-fidelity checks.

Pipeline: ingest → segment → translate → check/repair → summarise → render.
"""

__version__ = "0.1.0"
