"""The command-line interface: a thin typer layer over the library (one module per command)."""

from __future__ import annotations

import sys

from .app import app

# Importing a command module registers its command on `app`.
from . import cmd_segment, cmd_check, cmd_translate, cmd_brief, cmd_batch, cmd_models, cmd_regress  # noqa: E402,F401,I001


def main() -> None:
    try:
        app(prog_name="summarise")
    except KeyboardInterrupt:
        print("summarise: error: interrupted", file=sys.stderr)
        sys.exit(130)
