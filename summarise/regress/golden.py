"""Golden files: which samples there are, what one golden holds, and reading and writing them.

One golden per article, ``<golden dir>/<article path below SAMPLES_DIR>.json``: plain JSON with
sorted keys, two-space indents, real UTF-8 and a trailing newline, so a re-record shows up in a
code review as a readable diff. It holds everything `compare` needs without the models: the
article's hash, the signature of the run, the translation block by block with its checks, the brief
(headline, summary, summary check, notes) and the key figures.
"""

from __future__ import annotations

import importlib.metadata
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..fileio import write_atomic
from ..ingest.source import SUFFIX_LIST
from ..language.english import plural
from ..signature import Signature

GOLDEN_FORMAT = 1
GOLDEN_SUFFIX = ".json"
DEFAULT_GOLDEN_DIRNAME = "golden"
# Packages whose version can change what the models write (ctranslate2 only when a backend uses it).
VERSIONED_PACKAGES = ("summarise", "transformers", "torch", "tokenizers", "sentencepiece", "pysbd")
RECORD_HINT = "run `summarise regress record SAMPLES_DIR` to record goldens"


@dataclass(frozen=True)
class Sample:
    """An article under SAMPLES_DIR."""

    path: Path
    rel: str  # POSIX path below SAMPLES_DIR: the article's name in goldens and reports
    sha256: str


def default_golden_dir(samples_dir: str | Path) -> Path:
    return Path(samples_dir) / DEFAULT_GOLDEN_DIRNAME


def golden_path(golden_dir: str | Path, rel: str) -> Path:
    return Path(golden_dir) / (rel + GOLDEN_SUFFIX)


def find_samples(samples_dir: str | Path, golden_dir: str | Path | None = None) -> list[Sample]:
    """The articles (every suffix of ingest.ARTICLE_SUFFIXES) under `samples_dir`, found exactly as `summarise batch` finds them."""
    from ..batch.articles import find_articles, sha256_article

    root = Path(samples_dir)
    if not root.exists():
        raise InputError(f"SAMPLES_DIR {samples_dir} does not exist")
    if not root.is_dir():
        raise InputError(f"SAMPLES_DIR {samples_dir} is not a folder")
    golden_dir = Path(golden_dir) if golden_dir is not None else default_golden_dir(root)
    articles, _ignored = find_articles(root, golden_dir)
    if not articles:
        raise InputError(f"SAMPLES_DIR {samples_dir} has no articles ({SUFFIX_LIST})")
    # An unreadable sample hashes to "": reading it fails with the reason (record skips it, compare stops).
    return [Sample(a.path, a.rel, sha256_article(a) or "") for a in articles]


def package_versions(backends: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    names = list(VERSIONED_PACKAGES) + (["ctranslate2"] if "ctranslate2" in backends else [])
    versions = {}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions


def _signature_of(obj) -> Signature:
    sig = getattr(obj, "signature", None)
    return Signature(sig()) if callable(sig) else Signature(model=type(obj).__name__)


def run_signature(translator, summariser) -> Signature:
    """What identifies a run's output: both models (id, revision, backend, quantization, settings) and versions.

    The per-model version lists are merged into one top-level ``versions``, so an upgrade shows up
    once in a signature diff, not once per model.
    """
    translation = _signature_of(translator).without("versions")
    summary = _signature_of(summariser).without("versions")
    backends = {str(translation.get("backend")), str(summary.get("backend"))}
    return Signature(translation=translation, summary=summary, versions=package_versions(backends))


def golden_data(sample: Sample, brief, signature: dict) -> dict:
    """The golden of one article from its Brief, as plain JSON types (goldens and reruns compare alike)."""
    b = brief.to_dict()
    translation = b.get("translation") or {}
    data = {
        "format": GOLDEN_FORMAT,
        "article": sample.rel,
        "sha256": sample.sha256,
        "signature": signature,
        "headline": b.get("headline", ""),
        "summary": b.get("summary", ""),
        "key_figures": b.get("key_figures", []),
        "translation": {
            "blocks": [{**block, "check": _check(block.get("check"))} for block in translation.get("blocks", [])],
            "passed": translation.get("passed"),
        },
        "summary_check": _check(b.get("summary_check")),
        "notes": b.get("notes", []),
        "passed": b.get("passed"),
    }
    return json.loads(dumps(data))


def _check(report) -> dict:
    """A check as the JSON contract has it: passed and problems (the number lists are derivable noise)."""
    report = report if isinstance(report, dict) else {}
    return {"passed": report.get("passed", not report.get("problems")), "problems": report.get("problems", [])}


def dumps(data: dict) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, default=_jsonable) + "\n"


def _jsonable(obj):
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return str(obj)


def write_golden(golden_dir: str | Path, data: dict) -> Path:
    path = golden_path(golden_dir, data["article"])
    try:
        write_atomic(path, dumps(data))
    except OSError as e:
        raise InputError(f"cannot write golden {path}: {e.strerror or e}") from e
    return path


def read_golden(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"cannot read golden {path}: {e.strerror or e}") from e
    except ValueError as e:
        raise InputError(f"golden {path} is not valid JSON ({e}): fix it or re-record it") from e
    if not isinstance(data, dict) or not isinstance(data.get("translation"), dict) or "summary" not in data:
        raise InputError(f"{path} is not a summarise regress golden: re-record it ({RECORD_HINT})")
    if data.get("format") != GOLDEN_FORMAT:
        raise InputError(
            f"golden {path} has format {data.get('format')!r}, this version reads format {GOLDEN_FORMAT}: re-record it"
        )
    return data


def load_goldens(samples: list[Sample], golden_dir: str | Path) -> dict[str, dict]:
    """The golden of every sample, by article; raises InputError when one is missing or out of date."""
    golden_dir = Path(golden_dir)
    if not golden_dir.is_dir():
        what = "is not a folder" if golden_dir.exists() else "does not exist"
        raise InputError(f"golden folder {golden_dir} {what}: {RECORD_HINT} (or pass --golden DIR)")
    missing = [s.rel for s in samples if not golden_path(golden_dir, s.rel).is_file()]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise InputError(f"no golden in {golden_dir} for {plural(len(missing), 'sample')} ({shown}): {RECORD_HINT}")
    goldens = {s.rel: read_golden(golden_path(golden_dir, s.rel)) for s in samples}
    changed = [s.rel for s in samples if goldens[s.rel].get("sha256") != s.sha256]
    if changed:
        # Scores against a golden of other text would be noise: the golden must be re-recorded.
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        raise InputError(
            f"{plural(len(changed), 'sample')} changed since {'its' if len(changed) == 1 else 'their'} golden was "
            f"recorded ({shown}): review the change, then {RECORD_HINT}"
        )
    return goldens


def orphan_goldens(samples: list[Sample], golden_dir: str | Path) -> list[str]:
    """Goldens whose article is gone from SAMPLES_DIR (reported, never deleted)."""
    golden_dir = Path(golden_dir)
    if not golden_dir.is_dir():
        return []
    expected = {golden_path(golden_dir, s.rel).resolve() for s in samples}
    return sorted(
        p.relative_to(golden_dir).as_posix()
        for p in golden_dir.rglob("*" + GOLDEN_SUFFIX)
        if p.is_file() and not p.name.startswith(".") and p.resolve() not in expected
    )


@dataclass(frozen=True)
class RecordedSettings:
    """The models and settings the goldens were recorded with (None where goldens disagree or lack it)."""

    model: str | None = None
    summary_model: str | None = None
    backend: str | None = None
    beams: int | None = None


def recorded_settings(goldens: dict[str, dict]) -> RecordedSettings:
    """What `compare` reruns with unless told otherwise: the goldens' models, backend and beams."""

    def common(*keys):
        values = set()
        for g in goldens.values():
            value = g.get("signature") or {}
            for k in keys:
                value = value.get(k) if isinstance(value, dict) else None
            values.add(json.dumps(value))
        return json.loads(values.pop()) if len(values) == 1 else None

    backend = common("translation", "backend")
    beams = common("translation", "beams")
    return RecordedSettings(
        model=common("translation", "model"),
        summary_model=common("summary", "model"),
        backend=backend if backend in ("transformers", "ctranslate2") else None,
        beams=beams if isinstance(beams, int) and beams > 0 else None,
    )


def recorded_glossary(goldens: dict[str, dict]) -> str | None:
    """The digest of the glossary the goldens were translated with (None: none, or not the same one)."""
    digests = {((g.get("signature") or {}).get("translation") or {}).get("glossary") for g in goldens.values()}
    return digests.pop() if len(digests) == 1 else None
