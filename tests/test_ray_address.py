"""A Ray address where nothing answers (issue 27 item 8): `--ray-address 127.0.0.1:1` made ray.init retry
for minutes with 29 raw warning lines. The address is probed with a short TCP connect first: one line,
exit 2, within seconds, before any model is looked up and before Ray starts anything."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarise.batch.ray_engine import address_endpoint, probe_address
from summarise.errors import InputError

ROOT = Path(__file__).resolve().parent.parent


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("address", "endpoint"),
    [
        ("127.0.0.1:1", ("127.0.0.1", 1)),
        ("head.example.org", ("head.example.org", 6379)),
        ("ray://head:10002", ("head", 10002)),
        ("ray://head", ("head", 10001)),
        ("[::1]:6380", ("::1", 6380)),
        ("auto", None),
        ("local", None),
    ],
)
def test_the_endpoint_of_each_address_form(address, endpoint):
    assert address_endpoint(address) == endpoint


@pytest.mark.parametrize("address", ["head:port", ":6379", "ray://:10001"])
def test_a_malformed_address_is_an_input_error(address):
    with pytest.raises(InputError, match="--ray-address"):
        address_endpoint(address)


def test_a_closed_port_is_refused_at_once():
    port = _closed_port()
    start = time.perf_counter()
    with pytest.raises(InputError, match=f"cannot connect to the Ray cluster at 127.0.0.1:{port}: connection refused"):
        probe_address(f"127.0.0.1:{port}")
    assert time.perf_counter() - start < 2


def test_a_listening_port_passes_the_probe():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        probe_address(f"127.0.0.1:{server.getsockname()[1]}")


def test_an_unknown_host_says_so():
    with pytest.raises(InputError, match="unknown host 'no-such-host.invalid'"):
        probe_address("no-such-host.invalid:6379")


@pytest.mark.parametrize("via", ["option", "RAY_ADDRESS"])
def test_batch_with_an_unreachable_address_fails_in_one_line_within_seconds(tmp_path, via):
    pytest.importorskip("ray")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Nordkorea schickt Truppen\n\nRund 3.000 Soldaten.\n", encoding="utf-8")
    address = f"127.0.0.1:{_closed_port()}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "summarise", "batch", str(src), str(tmp_path / "out"), "--engine", "ray",
            "--model", "not-looked-up/model"]  # fmt: skip
    if via == "option":
        argv += ["--ray-address", address]
    else:
        env["RAY_ADDRESS"] = address
    start = time.process_time()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime  # the suite's earlier children count too
    run = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, run.stderr
    assert lines == [f"summarise: error: cannot connect to the Ray cluster at {address}: connection refused"]
    assert not (tmp_path / "out" / "manifest.jsonl").exists()
    # Bounded: the child's CPU time is its imports (Ray's included), no retry loop. Wall time is not
    # asserted: on a loaded 2-core machine it says more about the neighbours than about this code.
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before < 60
    assert time.process_time() - start < 5
