"""Optional API keys with per-key rate limits, and the same limit per client address without keys.

The keys file has one key per line, optionally followed by its own limit in requests per minute
(`KEY 120`); blank lines and `#` comments are skipped. With a keys file every API request needs a key
(LibreTranslate's `api_key` field, or an `Authorization: Bearer KEY` / `X-API-Key` header); the page
and /health, /metrics, /languages and /frontend/settings stay open.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from pathlib import Path

from ..errors import InputError


class Denied(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def read_keys(path: str | Path) -> dict[str, int | None]:
    """KEY [requests per minute] per line; InputError (exit 2 in the CLI) for an unreadable or bad file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"--api-keys {p}: cannot read it ({getattr(e, 'strerror', None) or e})") from None
    keys: dict[str, int | None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) > 2 or (len(fields) == 2 and not fields[1].isdigit()):
            raise InputError(f"--api-keys {p}: line {number}: expected KEY [REQUESTS_PER_MINUTE]")
        keys[fields[0]] = int(fields[1]) if len(fields) == 2 else None
    if not keys:
        raise InputError(f"--api-keys {p}: no keys in it")
    return keys


class Access:
    def __init__(self, keys: dict[str, int | None] | None = None, rate_limit: int | None = None):
        self.keys = keys  # None: no key needed
        self.rate_limit = rate_limit  # requests per minute per key (or per address without keys); None: none
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    @property
    def key_required(self) -> bool:
        return self.keys is not None

    def check(self, key: str | None, client: str) -> str:
        """Who is asking (the key, or the address); Denied(403) for a bad key, Denied(429) over the limit."""
        limit = self.rate_limit
        if self.keys is not None:
            if not key or key not in self.keys:
                raise Denied("Invalid API key", 403)
            who = f"key:{key}"
            limit = self.keys[key] if self.keys[key] is not None else limit
        else:
            who = f"addr:{client}"
        if limit:
            now = time.monotonic()
            with self._lock:
                seen = self._seen.setdefault(who, deque())
                while seen and now - seen[0] >= 60:
                    seen.popleft()
                if len(seen) >= limit:
                    raise Denied(f"Slowdown: {limit} per 1 minute", 429)
                seen.append(now)
        return who
