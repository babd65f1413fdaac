"""The command-line interface: a thin typer layer over the library (one module per command)."""

from __future__ import annotations

import sys

from .signals import sigterm_as_interrupt, stop_at_once_while_starting

stop_at_once_while_starting()  # before the heavy imports below

from typer import Abort  # noqa: E402

# typer raises the exceptions of the click it vendors (typer._click), not those of the click package.
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError  # noqa: E402

# Importing a command module registers its command on `app`.
from . import cmd_batch, cmd_brief, cmd_check, cmd_models, cmd_regress, cmd_segment, cmd_serve, cmd_translate  # noqa: E402,F401,I001
from .app import EXIT_BAD_INPUT, app  # noqa: E402


def usage_line(error: UsageError) -> str:
    """A usage error (unknown option, bad value, missing argument) as one line, with where to look."""
    message = " ".join(error.format_message().split()).rstrip(".")
    command = error.ctx.command_path if error.ctx is not None else "summarise"
    return f"summarise: error: {message} (see `{command} --help`)"


def main() -> None:
    try:
        # standalone_mode=False: usage errors come here to be printed as one line instead of a
        # boxed panel; a command's exit code comes back as the return value.
        with sigterm_as_interrupt():  # every command: SIGTERM is Ctrl-C (exit 130, one line)
            code = app(prog_name="summarise", standalone_mode=False)
    except KeyboardInterrupt:
        print("summarise: error: interrupted", file=sys.stderr)
        sys.exit(130)
    except NoArgsIsHelpError as e:  # `summarise models`: typer has printed the help, as the answer
        sys.exit(e.exit_code)
    except UsageError as e:
        print(usage_line(e), file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    except ClickException as e:
        print(f"summarise: error: {' '.join(e.format_message().split())}", file=sys.stderr)
        sys.exit(e.exit_code)
    except Abort:
        print("summarise: error: interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
