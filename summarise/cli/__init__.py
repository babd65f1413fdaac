"""The command-line interface: a thin typer layer over the library (one module per command)."""

from __future__ import annotations

import sys

# Importing a command module registers its command on `app`.
from . import cmd_batch, cmd_brief, cmd_check, cmd_models, cmd_regress, cmd_segment, cmd_translate  # noqa: E402,F401,I001
from .app import app
from .signals import sigterm_as_interrupt


def main() -> None:
    try:
        with sigterm_as_interrupt():  # every command: SIGTERM is Ctrl-C (exit 130, one line)
            app(prog_name="summarise")
    except KeyboardInterrupt:
        print("summarise: error: interrupted", file=sys.stderr)
        sys.exit(130)
