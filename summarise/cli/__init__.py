"""The command-line interface: a thin typer layer over the library (one module per command)."""

from __future__ import annotations

import sys

from .signals import sigterm_as_interrupt, stop_at_once_while_starting

stop_at_once_while_starting()  # before the heavy imports below

from typer import Abort  # noqa: E402

# typer raises the exceptions of the click it vendors (typer._click), not those of the click package.
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError  # noqa: E402

from ..fileio import DISK_FULL_ERRNOS, write_failed  # noqa: E402

# Importing a command module registers its command on `app`.
from . import cmd_batch, cmd_brief, cmd_check, cmd_models, cmd_regress, cmd_segment, cmd_translate  # noqa: E402,F401,I001
from .app import EXIT_BAD_INPUT, app, discard_stdout, flush_stdout  # noqa: E402


def usage_line(error: UsageError) -> str:
    """A usage error (unknown option, bad value, missing argument) as one line, with where to look."""
    message = " ".join(error.format_message().split()).rstrip(".")
    command = error.ctx.command_path if error.ctx is not None else "summarise"
    return f"summarise: error: {message} (see `{command} --help`)"


VERBOSE_FLAGS = ("-v", "--verbose")


def _value_options(command) -> set[str]:
    """Every option name of `command` and its subcommands that takes a value (its next word is that value)."""
    names: set[str] = set()
    for param in getattr(command, "params", []):
        if param.param_type_name == "option" and not getattr(param, "is_flag", False):
            names.update(param.opts)
    for sub in getattr(command, "commands", {}).values():
        names |= _value_options(sub)
    return names


def hoist_verbose(args: list[str]) -> list[str]:
    """`summarise translate f.txt -v` means `summarise -v translate f.txt`: the global -v/--verbose
    is accepted after the command too. A -v that is an option's value or follows `--` stays put."""
    if not any(arg in VERBOSE_FLAGS for arg in args[1:]):
        return args  # the usual case: no command tree to build
    import typer.main

    takes_value = _value_options(typer.main.get_command(app))
    kept, verbose, skip = [], [], False
    for i, arg in enumerate(args):
        if arg == "--":
            kept.extend(args[i:])
            break
        if skip:
            skip = False
        elif arg in VERBOSE_FLAGS and kept:  # kept: before the command it is already where typer wants it
            verbose.append(arg)
            continue
        elif arg in takes_value:
            skip = True
        kept.append(arg)
    return verbose[:1] + kept


def main() -> None:
    try:
        # standalone_mode=False: usage errors come here to be printed as one line instead of a
        # boxed panel; a command's exit code comes back as the return value.
        with sigterm_as_interrupt():  # every command: SIGTERM is Ctrl-C (exit 130, one line)
            code = app(args=hoist_verbose(sys.argv[1:]), prog_name="summarise", standalone_mode=False)
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
    except BrokenPipeError:  # `summarise --help | head`: the reader has what it wanted
        discard_stdout()
        sys.exit(0)
    except OSError as e:  # help or usage text on a full disk (commands report their own writes)
        if e.errno not in DISK_FULL_ERRNOS:
            raise
        discard_stdout()
        print(f"summarise: error: {write_failed('stdout', e)}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(flush_stdout() or (code if isinstance(code, int) else 0))
