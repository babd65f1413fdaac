"""OUTPUT_DIR/manifest.jsonl: one line per finished article, appended as each finishes (by the
driver only, whatever the engine), compacted to one line per article at the start and end of a run,
and read back to decide what a rerun may skip."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..fileio import append_line, write_atomic
from .articles import Article
from .outputs import output_name

MANIFEST_NAME = "manifest.jsonl"
STATUSES = ("ok", "checks_failed", "error")
DONE_STATUSES = ("ok", "checks_failed")  # an `error` is always retried on a rerun


@dataclass
class BatchItem:
    """What happened to one article; one manifest line."""

    path: str
    sha256: str | None
    status: str  # ok | checks_failed | error
    numbers_checked: int = 0
    problems: int = 0
    seconds: float = 0.0
    error: str | None = None
    outputs: list[str] = field(default_factory=list)  # relative to OUTPUT_DIR
    mode: str = "brief"  # brief | translation
    settings: str = ""  # fingerprint of models and settings: a change redoes the article
    finished: str = ""  # ISO time
    retries: int = 0  # times the article was handed to another worker because its worker died
    retry_reason: str | None = None  # why the last retry happened
    title: str = ""  # the English headline or title (batch index.html)
    repaired: int = 0  # blocks fixed by the repair loop (batch index.html)
    skipped: bool = False  # done by an earlier run; not part of the manifest line

    def to_manifest(self) -> dict:
        data = asdict(self)
        del data["skipped"]
        return data

    @classmethod
    def from_manifest(cls, data: dict) -> BatchItem:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "skipped"}
        return cls(**known)


def read_manifest(path: Path) -> dict[str, BatchItem]:
    """The last complete entry per article. A partial last line (killed mid-write) or a line that is
    not a valid entry is ignored, never fatal."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return {}
    entries: dict[str, BatchItem] = {}
    lines = data.split(b"\n")
    for raw in lines[:-1]:  # what follows the last newline is empty or a line cut short
        try:
            obj = json.loads(raw)
            item = BatchItem.from_manifest(obj)
        except (ValueError, TypeError):
            continue
        if isinstance(item.path, str) and item.status in STATUSES:
            entries[item.path] = item
    return entries


def append_entry(path: Path, item: BatchItem) -> None:
    append_line(path, json.dumps(item.to_manifest(), ensure_ascii=False))


def _manifest_text(entries: dict[str, BatchItem]) -> str:
    return "".join(json.dumps(entries[k].to_manifest(), ensure_ascii=False) + "\n" for k in sorted(entries))


def compact_manifest(path: Path, entries: dict[str, BatchItem]) -> None:
    """Rewrite the manifest as exactly one line per article (a run appends; reruns leave duplicates)."""
    text = _manifest_text(entries)
    try:
        if Path(path).read_text(encoding="utf-8") == text:
            return
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    write_atomic(path, text)


def _output_valid(path: Path) -> bool:
    if path.suffix.lower() == ".docx":  # a round-trip Word file: a zip with its main part
        import zipfile

        try:
            with zipfile.ZipFile(path) as z:
                return "word/document.xml" in z.namelist()
        except (OSError, zipfile.BadZipFile):
            return False
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if path.suffix == ".json":
        try:
            return isinstance(json.loads(text), dict)
        except ValueError:
            return False
    return bool(text.strip())


def is_complete(
    item: BatchItem | None, article: Article, output_root: Path, formats: Sequence[str], mode: str, settings: str
) -> bool:
    """True when an earlier run finished `article` with these settings and its outputs are all there."""
    if item is None or item.status not in DONE_STATUSES or item.sha256 != article.sha256:
        return False
    if item.mode != mode or item.settings != settings:
        return False
    wanted = {name for f in formats if (name := output_name(article.rel, f)) is not None}
    if not wanted.issubset(item.outputs):
        return False
    return all(_output_valid(output_root / rel) for rel in wanted)
