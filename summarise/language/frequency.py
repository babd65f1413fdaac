"""Word frequencies from wordfreq's lists, read only as far as a check needs them.

wordfreq's `get_frequency_dict` holds every word of a language in memory (German and English: about a
million Python strings, ~100 MB and a second to load) and keeps them for the life of the process. The
untranslated-word check only asks about German words above a frequency and about those same words in
English: a few thousand entries. These functions stream the same files bucket by bucket and keep just
those entries, with wordfreq's own values (the same list per language, the same float per centibel
bucket), so every lookup answers exactly as the full dictionary would.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from collections.abc import Iterator
from pathlib import Path


def _wordlist(lang: str) -> Path:
    """The file wordfreq's "best" list of `lang` is read from: its large list, else its small one.
    Found without importing wordfreq, whose import pulls in ftfy and langcodes (~3 MB, 70 ms)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wordfreq is not installed: pip install wordfreq")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    for name in (f"large_{lang}.msgpack.gz", f"small_{lang}.msgpack.gz"):
        if (data / name).is_file():
            return data / name
    raise LookupError(f"wordfreq has no word list for {lang!r} in {data}")


def _buckets(lang: str) -> Iterator[tuple[float, list[str]]]:
    """(frequency, words) per centibel bucket of `lang`'s "best" list, most frequent first, as
    `wordfreq.get_frequency_dict` reads them (its `cB_to_freq`: 10 ** (cB / 100))."""
    import msgpack

    path = _wordlist(lang)
    with gzip.open(path, "rb") as f:
        unpacker = msgpack.Unpacker(f, raw=False)
        n = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unexpected wordfreq header in {path}: {header!r}")
        for index in range(n - 1):
            yield 10 ** (-index / 100), unpacker.unpack()


def frequencies_above(lang: str, min_zipf: float) -> dict[str, float]:
    """word -> frequency for every word of `lang` whose Zipf value (log10(frequency) + 9) is at least
    `min_zipf`; the rest of the list is never decoded."""
    table: dict[str, float] = {}
    for freq, words in _buckets(lang):
        zipf = math.log10(freq) + 9
        if zipf < min_zipf - 0.1:  # buckets only get rarer (0.1: far above float rounding)
            break
        if zipf >= min_zipf:
            for word in words:
                table[word] = freq
    return table


def frequencies_of(lang: str, words: set[str] | dict) -> dict[str, float]:
    """word -> frequency in `lang` for those of `words` the list has (a later bucket wins, as in
    `get_frequency_dict`)."""
    table: dict[str, float] = {}
    for freq, bucket in _buckets(lang):
        for word in bucket:
            if word in words:
                table[word] = freq
    return table
