"""Regression tests on sample articles: record goldens, rerun, and report drift.

    from summarise.regress import record, compare, render_report
    record("samples", translator=t, summariser=s)             # samples/golden/<article>.json
    report = compare("samples", translator=t, summariser=s)   # RegressionReport; .exit_code 0 or 1
    print(render_report(report, "text"))                      # or "json", "junit"

Modules: golden (sample discovery, the golden file format, run signatures), scores (chrF / BLEU,
sentence alignment), diff (one article against its golden: ArticleResult), run (record / compare
through the normal brief pipeline), report (text, JSON, JUnit XML).
"""

from __future__ import annotations

from .diff import ArticleResult, CheckChange, LostNumber, SentenceDrift, SignatureChange, compare_article
from .golden import (
    GOLDEN_FORMAT,
    RecordedSettings,
    Sample,
    default_golden_dir,
    find_samples,
    golden_data,
    golden_path,
    load_goldens,
    read_golden,
    recorded_settings,
    run_signature,
)
from .report import REPORT_FORMATS, render_junit, render_report, render_text, verdict
from .run import RegressionReport, compare, record, run_samples

__all__ = [
    "GOLDEN_FORMAT",
    "REPORT_FORMATS",
    "ArticleResult",
    "CheckChange",
    "LostNumber",
    "RecordedSettings",
    "RegressionReport",
    "Sample",
    "SentenceDrift",
    "SignatureChange",
    "compare",
    "compare_article",
    "default_golden_dir",
    "find_samples",
    "golden_data",
    "golden_path",
    "load_goldens",
    "read_golden",
    "record",
    "recorded_settings",
    "render_junit",
    "render_report",
    "render_text",
    "run_samples",
    "run_signature",
    "verdict",
]
