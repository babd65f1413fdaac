"""`summarise` with model loading replaced by named doubles, for tests of the real CLI process.

Every command loads models through `summarise.models.loading.load_models` and finds them with
`summarise.models.runtime.resolve_model`; here those return `UppercaseTranslatorDouble` (a block's
"translation" is the block upper-cased, its number checks pass) and `FixedSummariserDouble` (one
sentence without numbers), so translate, brief, batch and regress run end to end in a fraction of a
second and deterministically. The real model path is tested with the tiny models.

    python tests/cli_doubles.py translate article.txt -o out.txt     # one run, like `summarise`
    python tests/cli_doubles.py --cases < cases.json > results.json  # many runs, one fork each

`--cases` imports everything once and runs each case in a forked child: its own process (own exit
status, stdin, stdout, stderr, signals), entering through `summarise.cli.main` exactly as the
console script does, without paying the ~0.4 s interpreter and import start-up per case. A case is
{"argv", "cwd", "env", "stdin" (text or null), "fifo" (a FIFO to read while it runs, or null),
"unprivileged" (drop root to uid 65534 first, so file permissions apply), "stdout_path" (a file to
write stdout to instead of capturing it, e.g. /dev/full; optional)}; a result is
{"code", "stdout", "stderr", "fifo"}.

CLI_DOUBLE_DELAY: seconds the translator double spends per document; CLI_DOUBLE_STARTED: a file it
creates when it starts translating (a test waits for it, then signals the process);
CLI_DOUBLE_LOADED: a file created when models are loaded (a test shows a check came before that).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_doubles import UppercaseTranslatorDouble  # noqa: E402
from brief_doubles import ScriptedSummariserDouble  # noqa: E402

SUMMARY = "The article reports on the events."


class FixedSummariserDouble(ScriptedSummariserDouble):
    """Answers every input with SUMMARY (no numbers, so the brief's number guard passes)."""

    def __init__(self):
        super().__init__(lambda text, settings, attempt: SUMMARY)


class SlowTranslatorDouble(UppercaseTranslatorDouble):
    """UppercaseTranslatorDouble that marks CLI_DOUBLE_STARTED when it starts translating."""

    stats: dict = {}  # `translate -v` logs the engine's counters

    def translate_documents(self, docs, progress=None):
        started = os.environ.get("CLI_DOUBLE_STARTED")
        if started:
            Path(started).touch()
        return super().translate_documents(docs, progress=progress)

    def translate_stream(self, doc, *, progress=None, planned=None, window=None):
        """`summarise translate` streams; the double translates the document at once, then yields."""
        if planned is not None:
            planned(len(doc.blocks))
        yield from self.translate_documents([doc], progress=progress)[0].blocks

    @property
    def backend(self):
        from types import SimpleNamespace

        return SimpleNamespace(model=SimpleNamespace(name=self.name))


def install() -> None:
    from summarise import loading, runtime
    from summarise.models.hub import ResolvedModel

    def resolve_model(name, offline=None, **_):
        return ResolvedModel(str(name), Path(str(name)), "double")

    def load_models(rt):
        loaded = os.environ.get("CLI_DOUBLE_LOADED")
        if loaded:
            Path(loaded).touch()
        translator = SlowTranslatorDouble(delay=float(os.environ.get("CLI_DOUBLE_DELAY", "0")))
        return loading.Models(translator, FixedSummariserDouble() if rt.summary_model is not None else None)

    runtime.resolve_model = resolve_model
    loading.load_models = load_models


def _preload() -> None:
    """Import what commands import lazily, so a child that dropped root can still run them (the
    interpreter's own files may not be readable by uid 65534)."""
    import codecs
    import fractions  # noqa: F401  (pydantic, behind typer's lazy option coercion)

    import rich.console  # noqa: F401
    import rich.progress  # noqa: F401
    import rich.table  # noqa: F401
    import typer._adapters  # noqa: F401

    import summarise.batch  # noqa: F401
    import summarise.briefing.brief  # noqa: F401
    import summarise.checking.checks  # noqa: F401
    import summarise.ingest  # noqa: F401
    import summarise.output.render  # noqa: F401
    import summarise.regress  # noqa: F401
    from summarise.ingest.encoding import LEGACY_ENCODINGS

    # The codecs decoding tries are imported on first use: look each up while still root.
    for name in ("utf-8-sig", "utf-16", "utf-32", "ascii", *LEGACY_ENCODINGS):
        codecs.lookup(name)

    from summarise.checking.checks import check_translation

    # One check runs every lazy import of the checkers (gzip under the name lexicon's word frequencies, ...).
    check_translation("Herr Bauer kam am 3. März mit 5 Kollegen nach Genf.", "Mr Bauer came to Geneva on March 3 with 5 colleagues.")

    from summarise.regress.golden import package_versions

    package_versions()  # importlib.metadata reads the installed packages' metadata lazily


def _child(case: dict, out_fd: int, err_fd: int) -> None:
    from summarise.cli import main

    code = 3
    try:
        os.chdir(case["cwd"])
        os.environ.update(case.get("env") or {})
        stdin = case.get("stdin")
        if stdin is None:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        else:
            r, w = os.pipe()
            os.write(w, stdin.encode("utf-8"))
            os.close(w)
            os.dup2(r, 0)
        if case.get("stdout_path"):  # e.g. /dev/full: stdout on a full disk
            os.dup2(os.open(case["stdout_path"], os.O_WRONLY), 1)
        else:
            os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        if case.get("unprivileged") and os.geteuid() == 0:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
        sys.argv = ["summarise", *case["argv"]]
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:  # the harness itself failed: show why (the CLI never gets here)
        import traceback

        traceback.print_exc()
        raise
    finally:
        try:
            import atexit

            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def run_case(case: dict) -> dict:
    import tempfile

    fifo_data: list[bytes] = []
    reader = None
    if case.get("fifo"):

        def read_fifo():
            with open(case["fifo"], "rb") as f:  # blocks until the child opens it for writing
                fifo_data.append(f.read())

        reader = threading.Thread(target=read_fifo, daemon=True)
        reader.start()
        time.sleep(0.01)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(case, out.fileno(), err.fileno())
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if reader is not None:
            reader.join(timeout=0.5)
            if reader.is_alive():  # the child never opened the FIFO: unblock the reader
                with open(case["fifo"], "wb"):
                    pass
                reader.join(timeout=5)
        out.seek(0)
        err.seek(0)
        return {
            "code": code,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
            "fifo": fifo_data[0].decode("utf-8", "replace") if fifo_data else None,
        }


def drive(cases: list[dict], timeout: float = 240) -> list[dict]:
    """Run `cases` (see the module docstring) in one `--cases` process; their results in order."""
    import subprocess

    run = subprocess.run(
        [sys.executable, __file__, "--cases"], input=json.dumps(cases).encode(), capture_output=True, timeout=timeout
    )
    if run.returncode != 0:
        raise RuntimeError(f"cli_doubles --cases failed:\n{run.stderr.decode()[-3000:]}")
    return json.loads(run.stdout)


def main() -> None:
    install()
    if sys.argv[1:2] == ["--cases"]:
        _preload()
        cases = json.load(sys.stdin)
        json.dump([run_case(c) for c in cases], sys.stdout)
        return
    from summarise.cli import main as cli_main

    sys.argv[0] = "summarise"
    cli_main()


if __name__ == "__main__":
    main()
