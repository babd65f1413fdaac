"""What a plain-text brief keeps out of its process: optional readers and libraries load only for the
inputs and checks that need them, and the untranslated-word check holds a few thousand wordfreq
entries, not the full lists (~100 MB), with exactly the full lists' answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Each costs memory and start-up time, and none is needed for a .txt article: readers for other
# formats, the units library (only when two units differ), the HTML page renderer (jinja2 itself is
# also imported by transformers' tokenizer code, so the test names our module), the shortlist
# aligner, torch (CTranslate2 path), and wordfreq's full lists.
NOT_FOR_TEXT = (
    "pint", "trafilatura", "lxml", "pypdfium2", "docx", "eflomal", "torch", "ray", "wordfreq",
    "summarise.output.html", "summarise.ingest.pdf", "summarise.ingest.docx", "summarise.ingest.html",
)  # fmt: skip


def _run(code: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=os.environ.copy(), timeout=300
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_text_brief_imports_no_optional_module(tiny_marian_dir, tiny_bart_dir):
    pytest.importorskip("ctranslate2")
    from summarise.models.backends import load_backend

    for model in (tiny_marian_dir, tiny_bart_dir):
        load_backend(str(model), backend="ctranslate2", device="cpu", threads=1)  # converts (imports torch)
    code = (
        "import json, sys\n"
        "from summarise.briefing.brief import make_brief\n"
        "from summarise.ingest import read_document\n"
        "from summarise.models.loading import load_models\n"
        "from summarise.output.render import render_brief\n"
        "from summarise.models.runtime import Runtime\n"
        "from summarise.models.threads import sentence_count\n"
        "doc = read_document(sys.argv[1])\n"
        "runtime = Runtime.resolve(sys.argv[2], sys.argv[3], backend='ctranslate2', beams=1,\n"
        "                          workload=sentence_count(doc), cache=False)\n"
        "translator, summariser = load_models(runtime)\n"
        # The tiny random model drops numbers; their biased repair loads transformers (torch) by design.
        "translator.repair = False\n"
        "brief = make_brief(doc, translator, summariser)\n"
        "assert brief.summary and len(brief.translation.blocks) > 10\n"
        "for fmt in ('text', 'markdown', 'json'):\n"
        "    render_brief(brief, fmt)\n"
        f"print(json.dumps({{'loaded': [m for m in {NOT_FOR_TEXT!r} if m in sys.modules],\n"
        "                  'tokenizer_released': translator.backend._tokenizer is None}))\n"
    )
    result = _run(code, str(SAMPLES / "nordkorea-truppen.txt"), str(tiny_marian_dir), str(tiny_bart_dir))
    assert result["loaded"] == []
    # The translation model's tokenizer went with its weights when the summariser loaded.
    assert result["tokenizer_released"]


def test_units_library_loads_only_when_units_differ():
    code = (
        "import json, sys\n"
        "from summarise.checking.checks import check_translation\n"
        "same = check_translation('Der Stau war 35 Kilometer lang.', 'The traffic jam was 35 kilometres long.')\n"
        "before = 'pint' in sys.modules\n"
        "other = check_translation('Die Schraube ist 35 Millimeter lang.', 'The screw is 35 centimetres long.')\n"
        "print(json.dumps({'same': same.passed, 'before': before, 'other': other.passed,\n"
        "                  'after': 'pint' in sys.modules}))\n"
    )
    result = _run(code)
    assert result == {"same": True, "before": False, "other": False, "after": True}


def test_readers_load_only_for_their_format(tmp_path):
    page = tmp_path / "artikel.html"
    page.write_text(
        "<html><head><title>Nordkorea schickt Soldaten</title></head><body><article><h1>Nordkorea schickt "
        "Soldaten</h1><p>Nordkorea hat laut Südkorea weitere 3.000 Soldaten nach Russland geschickt. Das "
        "meldete der Geheimdienst am Montag in Seoul.</p></article></body></html>",
        encoding="utf-8",
    )
    code = (
        "import json, sys\n"
        "from summarise.ingest import read_document\n"
        "read_document(sys.argv[1])\n"
        "text = [m for m in ('trafilatura', 'lxml', 'pypdfium2', 'docx') if m in sys.modules]\n"
        "read_document(sys.argv[2])\n"
        "print(json.dumps({'text': text, 'html': 'trafilatura' in sys.modules}))\n"
    )
    result = _run(code, str(SAMPLES / "nordkorea-truppen.txt"), str(page))
    assert result == {"text": [], "html": True}


def test_untranslated_check_answers_as_the_full_wordfreq_lists(monkeypatch):
    """The trimmed tables give every word the level the full dictionaries give it."""
    from wordfreq import get_frequency_dict

    from summarise import checks

    german, english = checks._frequencies()
    full_de, full_en = get_frequency_dict("de"), get_frequency_dict("en")
    assert 10_000 < len(german) < len(full_de) // 5  # trimmed, not empty
    assert all(full_de[w] == f for w, f in german.items())
    assert {w for w in german if w in full_en} == set(english)
    assert all(full_en[w] == f for w, f in english.items())

    # Every German word down to well below the cut (and English ones, capitalised too).
    words = [w for w, f in full_de.items() if f >= 1e-7] + [w for w, f in full_en.items() if f >= 1e-6]
    words += [w.capitalize() for w in words[:20_000]]
    trimmed = {w: checks._german_level(w) for w in words}
    monkeypatch.setattr(checks, "_frequencies", lambda: (full_de, full_en))
    full = {w: checks._german_level(w) for w in words}
    assert trimmed == full
    assert sum(1 for v in full.values() if v) > 1_000  # the comparison covers German-only words
