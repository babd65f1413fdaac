"""Round-trip text of a sample (`regress record|compare --roundtrip`): the DOCX, HTML or Markdown sample
written back in its own format by summarise.output.writers, then read back with the project's own
ingest of that format, block by block. The golden keeps it under "roundtrip"; goldens recorded
without --roundtrip have no such key and are compared exactly as before.
"""

from __future__ import annotations

from ..document import numbered
from ..errors import InputError, SummariseError
from . import scores
from .golden import Sample


def roundtrip_format(sample: Sample) -> str | None:
    """docx, html or markdown: the format the sample is written back in; None for text and PDF."""
    from ..batch.outputs import roundtrip_format as batch_roundtrip_format

    return batch_roundtrip_format(sample.rel, "roundtrip")


def roundtrip_text(sample: Sample, translator) -> dict | None:
    """{"format", "blocks": [text of each block read back]} of the sample's round trip, or None."""
    own = roundtrip_format(sample)
    if own is None:
        return None
    from ..ingest import document_from_bytes
    from ..output.writers import translate_document_bytes

    try:
        result = translate_document_bytes(
            sample.path.read_bytes(), translator, own, name=sample.rel, source=sample.rel, suffix=sample.path.suffix
        )
        doc = document_from_bytes(result.data, name=f"{sample.rel} written back", suffix=sample.path.suffix)
    except OSError as e:
        raise InputError(f"sample {sample.rel}: cannot read it ({e.strerror or e})") from e
    except SummariseError as e:
        raise InputError(f"sample {sample.rel}: round trip: {e}") from e
    return {"format": own, "blocks": [block.text for block in doc.blocks]}


def compare_roundtrip(golden: dict, new: dict) -> tuple[float, list[tuple[int | None, str, str, float]], int, int]:
    """(chrF of the new round-trip text against the golden's, [(block, golden, new, chrF) of each block
    that changed; block None: the blocks no longer line up], golden block count, new block count)."""
    gb = [str(b) for b in golden.get("blocks") or []]
    nb = [str(b) for b in new.get("blocks") or []]
    if len(gb) != len(nb):
        g, n = "\n".join(gb), "\n".join(nb)
        chrf = scores.sentence_chrf(n, g)
        return chrf, [(None, g, n, chrf)], len(gb), len(nb)
    changed = [(number, g, n, scores.sentence_chrf(n, g)) for number, (g, n) in numbered(zip(gb, nb, strict=True)) if g != n]
    return scores.corpus_chrf(nb, gb), changed, len(gb), len(nb)
