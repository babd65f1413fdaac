"""A regression report as text (for people), JSON (for tools) or JUnit XML (for CI test views)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..language.english import plural
from .diff import ArticleResult, flatten, show_value
from .run import RegressionReport

REPORT_FORMATS = ("text", "json", "junit")
TOP_SENTENCES = 5
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_report(report: RegressionReport, fmt: str = "text", *, top: int = TOP_SENTENCES) -> str:
    if fmt == "text":
        return render_text(report, top=top)
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if fmt == "junit":
        return render_junit(report, top=top)
    raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(REPORT_FORMATS)}")


def verdict(report: RegressionReport) -> str:
    n = len(report.articles)
    if report.passed:
        return f"no drift: {plural(n, 'article')} within thresholds (chrF ≥ {report.min_chrf:g})"
    names = ", ".join(a.article for a in report.failed)
    return f"DRIFT in {len(report.failed)} of {n} articles: {names}"


def _scores(a: ArticleResult) -> str:
    return (
        f"translation chrF {a.translation_chrf:.1f} BLEU {a.translation_bleu:.1f} · "
        f"summary chrF {a.summary_chrf:.1f} BLEU {a.summary_bleu:.1f}"
    )


def _where(d) -> str:
    if d.part == "summary":
        return "summary"
    return "translation, blocks realigned" if d.block is None else f"block {d.block}"


def article_text(a: ArticleResult, *, top: int = TOP_SENTENCES) -> list[str]:
    """The lines about one article: scores, why it drifted, what else changed, its worst sentences."""
    lines = [f"{'ok  ' if a.passed else 'FAIL'} {a.article}  {_scores(a)}"]
    lines += [f"  ✗ {reason}" for reason in a.failures]
    passing_now = [c.describe() for c in a.check_changes if not c.newly_failing]
    lines += [f"  · {line}" for line in passing_now]
    if a.figures_added:
        lines.append(f"  · key figures added: {', '.join(a.figures_added)}")
    if a.drifted and top > 0:
        shown = a.drifted[:top]
        lines.append(f"  worst-drifted sentences ({len(shown)} of {len(a.drifted)}, golden vs new):")
        for d in shown:
            lines.append(f"    [{_where(d)} · chrF {d.chrf:.1f}]")
            lines.append(f"      golden: {d.golden or '(nothing)'}")
            lines.append(f"      new:    {d.new or '(nothing)'}")
    return lines


def render_text(report: RegressionReport, *, top: int = TOP_SENTENCES) -> str:
    thresholds = f"chrF ≥ {report.min_chrf:g}" + (f", BLEU ≥ {report.min_bleu:g}" if report.min_bleu is not None else "")
    lines = [f"summarise regress: {report.samples_dir} against {report.golden_dir} ({thresholds})"]
    if report.signature_changes:
        lines.append("signature changed since recording (explains drift; not drift by itself):")
        lines += [f"  {c}" for c in report.signature_changes]
    if report.orphans:
        lines.append(f"goldens without a sample (not compared): {', '.join(report.orphans)}")
    lines.append("")
    # Drifted articles first: they are what the reader is looking for.
    for a in report.failed + [a for a in report.articles if a.passed]:
        lines += article_text(a, top=top)
    lines += ["", verdict(report)]
    return "\n".join(lines) + "\n"


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def render_junit(report: RegressionReport, *, top: int = TOP_SENTENCES) -> str:
    """JUnit XML: one testsuite, one testcase per article, a <failure> on the drifted ones."""
    counts = {
        "tests": str(len(report.articles)),
        "failures": str(len(report.failed)),
        "errors": "0",
        "skipped": "0",
        "time": f"{report.seconds:.3f}",
    }
    suites = ET.Element("testsuites", {"name": "summarise regress", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "summarise regress", **counts})
    properties = ET.SubElement(suite, "properties")
    for key, value in flatten(report.signature).items():
        ET.SubElement(properties, "property", {"name": key, "value": _clean(show_value(value))})
    classname = "regress." + (Path(report.samples_dir).name or "samples")
    for a in report.articles:
        case = ET.SubElement(suite, "testcase", {"classname": classname, "name": a.article, "time": f"{a.seconds:.3f}"})
        details = "\n".join(article_text(a, top=top))
        if not a.passed:
            failure = ET.SubElement(
                case,
                "failure",
                {"message": _clean("; ".join(a.failures)), "type": "number" if a.number_problems else "drift"},
            )
            failure.text = _clean(details)
        else:
            ET.SubElement(case, "system-out").text = _clean(details)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
