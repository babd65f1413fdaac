"""`summarise regress record|compare`: goldens of sample articles, and drift against them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ..fileio import check_output_dir
from ..ingest.source import SUFFIX_LIST
from ..language.english import plural
from ..regress.report import REPORT_FORMATS
from .app import EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, app, check_output_file, emit, handle_errors
from .options import DEFAULT_SUMMARY_MODEL, OutputOpt, RuntimeOptions, format_option, with_runtime_options
from .progress import SentenceProgress

HELP = """\
Regression tests on your own sample articles: record goldens once, then compare after an upgrade,
a backend or model switch, or a prompt edit, and see at once what drifted and whether every number
still survives."""

RECORD_EPILOG = """\
Examples:

  summarise regress record samples/                        # goldens in samples/golden/

  summarise regress record articles/ --golden ci/golden --model ./my-marian --backend transformers

  summarise regress record samples/ --summary-model google/flan-t5-base --offline

Every article (.txt, .md, .pdf, .html, .docx, found as `summarise batch` finds them) is translated and briefed
exactly as `summarise brief` does, and one golden per article is written:
GOLDEN_DIR/<article>.json with the translation (block by block, with its checks), the brief
(headline, summary, summary check), the key figures and the signature (models, revisions,
backend, quantization, beams, package versions). Goldens are sorted, indented JSON, easy to
review in a diff; re-recording replaces them.
With --roundtrip, the golden of each DOCX, HTML or Markdown sample also holds "roundtrip": the sample written back in its own format (as `translate
-o x.en.docx` / `batch --formats roundtrip` write it), read back with summarise's own reader of
that format, block by block. Goldens recorded without it are unchanged.
The translation cache is bypassed unless --cache is given, so a golden is what the code writes
now, never an older version's cached output.
Exit codes: 0 goldens written, 1 goldens written but some articles fail their checks (their
failing blocks cannot be flagged as newly failing later), 2 bad input or model not available.
"""

COMPARE_EPILOG = """\
Examples:

  summarise regress compare samples/                       # text report, exit 1 on drift

  summarise regress compare samples/ --format junit -o regress.xml   # one CI test case per article

  summarise regress compare samples/ --backend ctranslate2 --min-chrf 90   # what does switching cost?

  summarise regress compare articles/ --golden ci/golden --format json -o drift.json

Every article is rerun with the models, backend and beams recorded in the goldens (options
override them) and compared with its golden: chrF and BLEU (sacrebleu) of the translation and the
summary, the worst-drifted sentences side by side, key figures lost or added, checks that newly
fail, numbers the golden translation had and the new one lost, and the signature fields that
changed (they explain drift; a changed signature alone is not drift).
A golden that holds round-trip text (recorded with --roundtrip) has it compared too: its chrF, the
changed blocks among the drifted sentences ("round trip, block N"), drift when below --min-chrf or
when its blocks no longer line up. --roundtrip also requires that text in the golden of every
DOCX/HTML/Markdown sample (exit 2 otherwise).
Drift (exit 1): chrF below --min-chrf (BLEU below --min-bleu when given), a block or summary
check passing in the golden and failing now, a source number lost from a block's translation, a
key figure lost, or blocks that no longer line up. The translation cache is bypassed unless
--cache is given, so the rerun measures today's code.
Exit codes: 0 within thresholds, 1 drift, 2 bad input (no SAMPLES_DIR, no golden folder, a sample
without a golden or changed since recording: run `summarise regress record`) or model not available.
"""

regress_app = typer.Typer(
    name="regress",
    help=HELP,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(regress_app, name="regress")



SamplesArg = Annotated[Path, typer.Argument(metavar="SAMPLES_DIR", help=f"Folder of German sample articles ({SUFFIX_LIST}), read recursively.")]
GoldenOpt = Annotated[Path | None, typer.Option("--golden", help="Golden folder (default: SAMPLES_DIR/golden).")]
ReportFormatOpt = format_option(REPORT_FORMATS)
RoundtripOpt = Annotated[bool, typer.Option("--roundtrip", help="Each DOCX/HTML/Markdown sample also written back in its own format: its text, read back, is recorded / compared.")]


@regress_app.command("record", epilog=RECORD_EPILOG)
@handle_errors
@with_runtime_options(summary=True, cache_default=False)
def record_command(samples_dir: SamplesArg, golden: GoldenOpt = None, roundtrip: RoundtripOpt = False, *, options: RuntimeOptions) -> None:
    """Record goldens: translate and brief every sample article and store the results as JSON."""
    from ..regress import default_golden_dir, find_samples, read_golden, record

    golden_dir = golden or default_golden_dir(samples_dir)
    find_samples(samples_dir, golden_dir)  # bad SAMPLES_DIR fails before seconds of model loading
    check_output_dir(golden_dir, label="golden folder")
    errors: list[str] = []
    with SentenceProgress("regress record") as bar:
        paths = record(
            samples_dir,
            golden_dir,
            runtime=options.runtime(summary_model=DEFAULT_SUMMARY_MODEL),
            progress=bar,
            planned=bar.total,
            roundtrip=roundtrip,
            errors=errors,
        )
    failing = [data["article"] for data in map(read_golden, paths) if data.get("passed") is False]
    lines = [f"recorded {p}" for p in paths]
    lines.append(f"{plural(len(paths), 'golden')} in {golden_dir}")
    emit("\n".join(lines), None)
    for error in errors:  # the others are recorded: one bad sample never stops the run
        typer.echo(f"summarise: error: {error} (no golden recorded)", err=True)
    if errors:
        raise typer.Exit(EXIT_BAD_INPUT)
    if failing:
        typer.echo(
            f"summarise: check failed: {len(failing)} of {len(paths)} articles fail their checks in the goldens "
            f"({', '.join(failing)}): `regress compare` cannot flag those failing blocks as newly failing",
            err=True,
        )
        raise typer.Exit(EXIT_CHECKS_FAILED)


@regress_app.command("compare", epilog=COMPARE_EPILOG)
@handle_errors
@with_runtime_options(summary=True, recorded=True, cache_default=False)
def compare_command(
    samples_dir: SamplesArg,
    golden: GoldenOpt = None,
    min_chrf: Annotated[float, typer.Option("--min-chrf", min=0, max=100, help="Lowest chrF (0-100) of translation and summary that is not drift.")] = 95.0,
    min_bleu: Annotated[float | None, typer.Option("--min-bleu", min=0, max=100, help="Also require this BLEU (default: BLEU is reported only).")] = None,
    fmt: ReportFormatOpt = "text",
    out: OutputOpt = None,
    top: Annotated[int, typer.Option("--top", min=0, help="Worst-drifted sentences shown per article.")] = 5,
    roundtrip: RoundtripOpt = False,
    *,
    options: RuntimeOptions,
) -> None:
    """Rerun the sample articles and compare with their goldens: scores, drifted sentences, numbers, checks."""
    from ..regress import (
        compare,
        default_golden_dir,
        find_samples,
        load_goldens,
        recorded_settings,
        render_report,
        verdict,
    )
    from ..regress.golden import recorded_glossary
    from ..regress.run import require_roundtrip_text

    golden_dir = golden or default_golden_dir(samples_dir)
    # Every input problem (no folder, no golden, a changed sample, a bad -o) fails before any model loads.
    samples = find_samples(samples_dir, golden_dir)
    goldens = [(p, "a golden file") for p in Path(golden_dir).rglob("*.json")] if Path(golden_dir).is_dir() else []
    check_output_file(out, inputs=[s.path for s in samples], protected=goldens)
    goldens_data = load_goldens(samples, golden_dir)
    if roundtrip:
        require_roundtrip_text(samples, goldens_data, golden_dir)
    recorded = recorded_settings(goldens_data)
    glossary_digest = recorded_glossary(goldens_data)
    if glossary_digest and options.glossary is None:
        raise InputError(
            f"the goldens in {golden_dir} were translated with a glossary (digest {glossary_digest}): "
            "pass it with --glossary FILE, or record them again without one"
        )
    runtime = options.runtime(
        model=recorded.model,
        summary_model=recorded.summary_model or DEFAULT_SUMMARY_MODEL,
        backend=recorded.backend,
        beams=recorded.beams,
    )
    report = compare(
        samples_dir, golden_dir, runtime=runtime, min_chrf=min_chrf, min_bleu=min_bleu, roundtrip=roundtrip
    )
    emit(render_report(report, fmt, top=top), out)
    if fmt != "text" or (out is not None and str(out) != "-"):
        typer.echo(f"summarise regress: {verdict(report)}", err=True)
    if report.exit_code:
        raise typer.Exit(report.exit_code)
