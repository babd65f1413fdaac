"""Real servers for the `summarise serve` tests: uvicorn on a free port of 127.0.0.1, either in a
thread of the test process (fast; the API tests) or as a `python -m summarise serve` subprocess
(signals, kill -9, restarts). Nothing here listens on or talks to any other address."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get_json(url: str, timeout: float = 30):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.load(r)


def wait_until_up(base: str, timeout: float = 120, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read() if process.stderr else ''}")
        try:
            get_json(base + "/health", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise TimeoutError(f"no server at {base} after {timeout} s")


class ThreadServer:
    """A real uvicorn server over `app` in a background thread."""

    def __init__(self, app, **config):
        from summarise.serve.config import ServeConfig
        from summarise.serve.server import uvicorn_server

        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        config.setdefault("drain_seconds", 5)
        self.server = uvicorn_server(app, ServeConfig(host=HOST, port=self.port, **config))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        wait_until_up(self.base, 60)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(30)


def serve_process(model: Path, cache: Path, *extra: str, port: int | None = None, summary: Path | None = None):
    """`python -m summarise serve` with the tiny models; returns (process, base url)."""
    port = port or free_port()
    env = dict(os.environ, SUMMARISE_CACHE_DIR=str(cache), HF_HUB_OFFLINE="1", SUMMARISE_THREADS="1", PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "summarise", "serve", "--model", str(model), "--backend", "transformers",
            "--beams", "1", "--host", HOST, "--port", str(port), *extra]  # fmt: skip
    if summary is not None:
        args += ["--summary-model", str(summary)]
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, f"http://{HOST}:{port}"
