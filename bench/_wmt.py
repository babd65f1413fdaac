"""The benches' text pairs: WMT newstest (German source, human English reference) read from ../shared
at run time, and the sample article with its reference for `--smoke` runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WMT = ROOT.parent / "shared" / "wmt"
QUICK_SETS = ("newstest2019", "newstest2020", "newstest2021")


def load_pairs(wmt: Path, quick: bool) -> list[tuple[str, int, str, str]]:
    """(set name, line index, German, English) of every newstest set under `wmt` (`quick`: QUICK_SETS)."""
    pairs = []
    for folder in sorted(p for p in wmt.iterdir() if (p / "src.de").is_file() and (p / "ref.en").is_file()):
        if quick and folder.name not in QUICK_SETS:
            continue
        src = (folder / "src.de").read_text(encoding="utf-8").splitlines()
        ref = (folder / "ref.en").read_text(encoding="utf-8").splitlines()
        if len(src) != len(ref):
            raise SystemExit(f"{folder}: {len(src)} source lines but {len(ref)} reference lines")
        pairs += [(folder.name, i, s, r) for i, (s, r) in enumerate(zip(src, ref, strict=True))]
    return pairs


def documents(years: tuple[str, ...] = ("2021", "2020", "2019")) -> list[list[str]]:
    """The German source of every newstest document of `years` (those sets with document ids), as lines."""
    docs: list[list[str]] = []
    for year in years:
        folder = DEFAULT_WMT / f"newstest{year}"
        if not (folder / "docids").exists():
            continue
        lines = (folder / "src.de").read_text(encoding="utf-8").splitlines()
        ids = (folder / "docids").read_text(encoding="utf-8").splitlines()
        by_doc: dict[str, list[str]] = {}
        for doc_id, line in zip(ids, lines, strict=True):
            by_doc.setdefault(doc_id, []).append(line.strip())
        docs += list(by_doc.values())
    return docs


def has_number(sentence: str) -> bool:
    """Whether a German sentence holds a number the checker compares (soft numbers aside)."""
    from summarise.checking.numbers import extract_german

    return any(not n.soft for n in extract_german(sentence))


def smoke_pairs() -> list[tuple[str, int, str, str]]:
    """The sample article's blocks with the human reference translation (tests/data), block by block."""
    from summarise.ingest import read_document

    blocks = [b.text for b in read_document(ROOT / "samples" / "nordkorea-truppen.txt").blocks]
    reference = [ln for ln in (ROOT / "tests" / "data" / "nordkorea-truppen.en.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [("sample", i, s, r) for i, (s, r) in enumerate(zip(blocks, reference, strict=True))]
