"""Every benchmark still runs (issue 27 item 16): `python bench/NAME.py --smoke` for each bench/*.py
(modules starting with _ are the benches' helpers), on the tiny test models or the bench's smallest
workload, must exit 0 with its headline figure(s) on the last line as `name=value`.

The contract (README, Benchmarks): a bench accepts --smoke and finishes in seconds on tiny models; a
new bench joins this test by being a file in bench/. The tiny models are this session's fixtures,
handed over through $SUMMARISE_BENCH_TINY_MODELS, so no bench builds its own.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHES = sorted(p for p in (ROOT / "bench").glob("*.py") if not p.name.startswith("_"))
NEEDS = {"scale": "ray"}  # a bench that needs an optional extra is skipped without it
HEADLINE = re.compile(r"^[a-z][\w.]*=\S+( [a-z][\w.]*=\S+)*$")


def test_the_benches_are_found():
    assert {"batch", "brief", "checker", "translate"} <= {p.stem for p in BENCHES}


@pytest.mark.parametrize("bench", BENCHES, ids=lambda p: p.stem)
def test_bench_smoke_run_ends_with_its_headline(bench, tiny_marian_dir, tiny_bart_dir, tmp_path):
    extra = NEEDS.get(bench.stem)
    if extra and importlib.util.find_spec(extra) is None:
        pytest.skip(f"bench/{bench.name} needs {extra}")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "SUMMARISE_BENCH_TINY_MODELS": os.pathsep.join([str(tiny_marian_dir), str(tiny_bart_dir)]),
        "SUMMARISE_THREADS": "1",
        "TRANSFORMERS_VERBOSITY": "error",
    }
    env.pop("RAY_ADDRESS", None)
    run = subprocess.run(
        [sys.executable, str(bench), "--smoke"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, f"bench/{bench.name} --smoke exited {run.returncode}:\n{run.stderr[-3000:]}"
    lines = run.stdout.strip().splitlines()
    assert lines and HEADLINE.match(lines[-1]), f"last line is not `name=value`: {lines[-3:]}"
    assert "Traceback" not in run.stderr
