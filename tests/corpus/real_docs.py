"""The shared REAL documents (../shared/real-docs beside the repository: Word, PDFCreator, pandoc/XeTeX
PDFs, news pages, Word files, each with a hand-made truth) scored in process with the set's own scorer
(measure.py's `score`), for tests/test_real_docs.py and bench/ingest.py.

They are read from ../shared at run time and never copied into the repository; `available()` says
whether they are there (tests skip with the reason when not)."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_DOCS = ROOT.parent / "shared" / "real-docs"
KINDS = ("pdf", "html", "docx")


def available() -> str | None:
    """None when the shared real documents are there, else why not."""
    if not (REAL_DOCS / "measure.py").is_file():
        return f"shared real documents not found at {REAL_DOCS} (../shared/real-docs from the repository root)"
    return None


def _measure():
    spec = importlib.util.spec_from_file_location("real_docs_measure", REAL_DOCS / "measure.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class RealResult:
    name: str
    kind: str
    exact: int
    blocks: int
    word_acc: float
    distance: int
    truth_words: int
    junk: list[str]
    error: str | None
    cpu_s: float
    pages: int
    detail: dict


def names() -> list[str]:
    return sorted(p.name[: -len(".truth.json")] for p in REAL_DOCS.glob("*.truth.json"))


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


PDF_TIMING_READS = 3  # a PDF is read this many times; its CPU time is the least of them


def run(only: list[str] | None = None) -> list[RealResult]:
    from summarise.errors import SummariseError
    from summarise.ingest import read_document

    measure = _measure()
    out = []
    warmed = False
    for name in names():
        if only and name not in only:
            continue
        truth = json.loads((REAL_DOCS / f"{name}.truth.json").read_text(encoding="utf-8"))
        path = REAL_DOCS / (truth.get("file") or f"{name}.{truth['kind']}")
        if not warmed and truth["kind"] == "pdf":
            # one untimed read first: imports and word lists load once per process, not per page
            with contextlib.suppress(Exception):  # a failure is scored below
                read_document(path)
            warmed = True
        cpu = time.process_time()
        try:
            blocks, error = [{"kind": b.kind, "text": b.text} for b in read_document(path).blocks], None
        except SummariseError as e:
            blocks, error = [], f"input error: {e}"
        except Exception as e:  # a crash is a result to report
            blocks, error = [], f"internal error: {type(e).__name__}: {e}"
        cpu = time.process_time() - cpu
        for _ in range(PDF_TIMING_READS - 1 if truth["kind"] == "pdf" and error is None else 0):
            # the least CPU time of a few reads: one read's time swings with what else the machine runs
            again = time.process_time()
            read_document(path)
            cpu = min(cpu, time.process_time() - again)
        blocks = [b for b in blocks if measure.norm(b["text"])]
        res = measure.score(truth, blocks)
        out.append(RealResult(
            name, truth["kind"], res["blocks_exact"], res["truth_blocks"], res["word_acc"],
            min(res["distance"], res["truth_words"]), res["truth_words"], res["junk"], error, cpu,
            _pages(path) if truth["kind"] == "pdf" else 0, res))
    return out


def totals(results: list[RealResult]) -> dict:
    blocks = sum(r.blocks for r in results)
    words = sum(r.truth_words for r in results)
    pages = sum(r.pages for r in results)
    return {
        "docs": len(results),
        "exact": sum(r.exact for r in results),
        "blocks": blocks,
        "blocks_exact": sum(r.exact for r in results) / blocks if blocks else float("nan"),
        "word_acc": 1 - sum(r.distance for r in results) / words if words else float("nan"),
        "junk": sum(len(r.junk) for r in results),
        "max_junk": max((len(r.junk) for r in results), default=0),
        "errors": sum(r.error is not None for r in results),
        "cpu_s_per_page": sum(r.cpu_s for r in results if r.pages) / pages if pages else None,
    }
