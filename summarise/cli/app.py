"""The typer app and what every command shares: error handling, exit codes, output writing.

Exit codes (README documents them): 0 success / all checks passed, 1 output written but checks
failed (or drift found), 2 bad input, bad arguments or model not available, 130 interrupted,
3 internal error (a bug: rerun with -v for the traceback).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from pathlib import Path

import typer

from .. import __version__
from ..errors import SummariseError
from ..fileio import DISK_FULL_ERRNOS, check_output_file, write_failed, write_output  # noqa: F401  (check_output_file: re-exported)
from .options import CleanHelpGroup
from .signals import stop_requested

EXIT_OK, EXIT_CHECKS_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

EPILOG = """\
Examples:

  summarise translate article.txt > article.en.txt

  cat article.txt | summarise brief - --format markdown

  summarise check article.txt translation.txt

  summarise batch articles/ briefs/

  summarise models download

Exit codes: 0 ok, 1 output written but checks failed (or drift), 2 bad input, bad arguments or
model not available, 3 internal error (rerun with -v for the traceback), 130 interrupted.
"""

app = typer.Typer(
    name="summarise",
    help="German→English news translation and briefing, with every number checked.",
    epilog=EPILOG,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=CleanHelpGroup,  # help without <str>/<bool> type labels, brackets in help texts kept
)

_state = {"verbose": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarise {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Log progress and show tracebacks on stderr."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    _state["verbose"] = verbose
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="summarise: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if not verbose:
        # transformers / hub chatter is noise for a CLI user; -v brings it back.
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    typer.echo(f"summarise: error: {message}", err=True)
    return typer.Exit(code)


def handle_errors(func):
    """Turn library errors into one line on stderr and their exit code; never a traceback unless -v."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except SummariseError as e:
            if stop_requested():  # an interrupt that tore through a library surfaces as another error
                raise fail("interrupted", EXIT_INTERRUPTED) from None
            if _state["verbose"]:
                logging.getLogger("summarise").exception("details")
            raise fail(str(e), e.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # stdout closed early (| head): not an error worth a message
            discard_stdout()
            raise typer.Exit(0) from None
        except OSError as e:
            if e.errno not in DISK_FULL_ERRNOS:
                raise internal_error(e) from None
            discard_stdout()  # what stdout still buffers would fail again at exit
            raise fail(str(write_failed(e.filename or "the output", e))) from None
        except Exception as e:
            raise internal_error(e) from None

    return wrapper


def internal_error(e: BaseException) -> typer.Exit:
    if stop_requested():
        return fail("interrupted", EXIT_INTERRUPTED)
    if _state["verbose"]:
        logging.getLogger("summarise").exception("internal error")
    hint = "" if _state["verbose"] else " (rerun with -v for details)"
    return fail(f"internal error: {type(e).__name__}: {e}{hint}", EXIT_INTERNAL)


def discard_stdout() -> None:
    """Point stdout at /dev/null once writing it failed (reader gone, disk full): what it still
    buffers is dropped at exit instead of failing a second time with a traceback or exit 120."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (an embedding program, a test runner)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def flush_stdout() -> int | None:
    """Flush stdout before the interpreter does it unguarded at exit: a full disk is then one line and
    exit 2 (None: flushed fine, or nothing to flush)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
    except OSError as e:
        discard_stdout()
        if e.errno in DISK_FULL_ERRNOS:
            typer.echo(f"summarise: error: {write_failed('stdout', e)}", err=True)
            return EXIT_BAD_INPUT
        raise
    return None


def article_and_models(file: str, out: Path | None, max_chars: int, options):
    """What translate and brief do before any model work, in this order so bad input fails fast: check
    `-o`, read the article, check its length; then load the models, sized for its sentences.
    Returns (document, translator, summariser or None)."""
    from ..ingest import read_document
    from ..limits import check_length
    from ..models.threads import sentence_count

    check_output_file(out, inputs=[file])
    doc = read_document(file, max_chars=max_chars)
    check_length(doc, max_chars)
    translator, summariser = options.load(workload=sentence_count(doc))
    return doc, translator, summariser


def emit(text: str, out: Path | None = None) -> None:
    """Write a command's output to -o OUT (see `fileio.write_output`) or stdout."""
    if not text.endswith("\n"):
        text += "\n"
    if out is None or str(out) == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            e.filename = e.filename or "stdout"  # handle_errors names what could not be written
            raise
    else:
        write_output(out, text)


def emit_checked(text: str, out: Path | None, problems: list[str]) -> None:
    """Write the output, then name each failed check on stderr and exit 1: the output stands either way."""
    emit(text, out)
    exit_on_problems(problems)


def exit_on_problems(problems) -> None:
    """Name the failed checks on stderr and exit 1; none: return. `problems`: a list of lines (the
    first render.PROBLEM_LINES are shown, then how many more) or a render.ProblemLines."""
    from ..output.render import ProblemLines, cap_problems

    lines = problems.lines() if isinstance(problems, ProblemLines) else cap_problems(problems)
    if lines:
        for line in lines:
            typer.echo(f"summarise: check failed: {line}", err=True)
        raise typer.Exit(EXIT_CHECKS_FAILED)

