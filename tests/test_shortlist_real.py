"""The shortlist on the real default models: `regress` output with and without it (`-m real_models`).

Its effect on quality can only be measured with real weights, so this test is what decides whether
`--shortlist` may ever become the default: on the project's samples, with the shortlist built from
WMT newstest2014-2020 (../shared/wmt), every article's translation must keep chrF >= 98 against the
same run without it, and no number may be lost. Skipped unless both default models are in the local
Hugging Face cache and the WMT sets are present; never downloads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from summarise.models.hub import DEFAULT_TRANSLATION_MODEL

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WMT = ROOT.parent / "shared" / "wmt"
MIN_CHRF = 98.0


@pytest.fixture
def real_models(user_hf_cache):
    if not (WMT / "newstest2014" / "src.de").exists():
        pytest.skip(f"no WMT newstest sets in {WMT} to build the shortlist from")


@pytest.mark.real_models
def test_shortlist_keeps_the_samples_translations(real_models, tmp_path):
    pytest.importorskip("ctranslate2")
    src, ref = [], []
    for year in range(2014, 2021):
        d = WMT / f"newstest{year}"
        src += (d / "src.de").read_text(encoding="utf-8").splitlines()
        ref += (d / "ref.en").read_text(encoding="utf-8").splitlines()
    (tmp_path / "src.de").write_text("\n".join(src) + "\n", encoding="utf-8")
    (tmp_path / "ref.en").write_text("\n".join(ref) + "\n", encoding="utf-8")
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [*map(str, args)])
        return result.exit_code, result.stdout + result.stderr

    code, output = run("models", "shortlist", DEFAULT_TRANSLATION_MODEL, "--parallel", tmp_path / "src.de",
                       tmp_path / "ref.en", "--offline")  # fmt: skip
    assert code == 0, output
    golden = tmp_path / "golden"
    code, output = run("regress", "record", SAMPLES, "--golden", golden, "--backend", "ctranslate2", "--offline")
    assert code in (0, 1), output
    code, output = run("regress", "compare", SAMPLES, "--golden", golden, "--shortlist", "--min-chrf", MIN_CHRF,
                       "--format", "json", "--offline")  # fmt: skip
    report = json.loads(output[output.index("{") :])
    articles = report["articles"]
    assert articles
    low = {a["article"]: a["scores"]["translation"]["chrf"] for a in articles if a["scores"]["translation"]["chrf"] < MIN_CHRF}
    assert not low, f"translation chrF below {MIN_CHRF} with --shortlist: {low}"
    lost = {a["article"]: a["numbers_lost"] for a in articles if a["numbers_lost"]}
    assert not lost, f"numbers lost with --shortlist: {lost}"
    assert "shortlist" in report["signature"]["translation"], "the compare run did not use the shortlist"
