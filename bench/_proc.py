"""What every benchmark measures about its own process."""

from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    """This process's peak RSS. Not ru_maxrss: Linux carries it over from the parent across fork and
    exec, so a measured child would report at least its parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next(int(ln.split()[1]) for ln in f if ln.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
