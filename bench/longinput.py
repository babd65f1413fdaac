"""Long single inputs: peak memory of `summarise translate` at 1, 5 and 20 MB, streamed vs buffered.

Each size is a synthetic German article of distinct sentences (numbers in German notation, so the
checker has work) translated by `summarise translate --format json -o OUT` in a fresh process, its
peak RSS (VmHWM) read at exit. The model is `PhrasebookTemplateBackendDouble`, a backend registered
like any other (`@register_backend`) that translates the article's sentence templates instantly, so
the figures are the pipeline's own memory (ingest, sentence splitting, batching, checks, repair,
rendering, writing) without a model's weights; everything but the model call is the real code path.
Side by side, in the same run: the buffered path the CLI took before streaming (translate_document,
then render the whole JSON, then write), through the same library calls.

Also: one 50,000-character line without punctuation through the whole command (seconds).

    .venv/bin/python bench/longinput.py            # 1, 5, 20 MB
    .venv/bin/python bench/longinput.py --quick    # 0.25, 0.5, 1 MB (under a minute)

Last line: peak_rss_mb_1mb=… peak_rss_mb_5mb=… peak_rss_mb_20mb=… (streamed; --quick: its sizes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _proc import peak_rss_mb  # noqa: E402

from summarise.models.threads import cpu_model  # noqa: E402

BACKEND = "longinput-template-double"

# German sentence templates and their English: {n} integers, {t} thousands (12.500 / 12,500),
# {d} decimals (2,5 / 2.5), {y} years. Every output passes the number checker.
TEMPLATES = [
    ("Im Jahr {y} meldete die Stadt {n} neue Wohnungen.", "In {y}, the city reported {n} new flats."),
    ("Die Regierung will {t} Euro für Schulen ausgeben.", "The government wants to spend {t} euros on schools."),
    ("Der Preis stieg um {d} Prozent.", "The price rose by {d} percent."),
    ("Nach Angaben der Polizei wurden {n} Menschen verletzt.", "According to the police, {n} people were injured."),
    ("Die Firma beschäftigt rund {t} Mitarbeiter in {n} Ländern.", "The company employs around {t} staff in {n} countries."),
    ("Der Zug hatte {n} Minuten Verspätung.", "The train was {n} minutes late."),
    ("Die Arbeitslosenquote lag bei {d} Prozent.", "The unemployment rate was {d} percent."),
    ("Seit {y} hat sich die Zahl der Besucher verdoppelt.", "Since {y}, the number of visitors has doubled."),
]
_SLOTS = {"n": r"(\d+)", "t": r"(\d{1,3}(?:\.\d{3})+)", "d": r"(\d+,\d)", "y": r"((?:19|20)\d\d)"}


def _pattern(german: str) -> tuple[re.Pattern, list[str]]:
    slots = re.findall(r"\{(\w)\}", german)
    regex = re.escape(german)
    for s in slots:
        regex = regex.replace(re.escape("{" + s + "}"), _SLOTS[s], 1)
    return re.compile(regex), slots


def _english_number(kind: str, text: str) -> str:
    if kind == "t":
        return text.replace(".", ",")
    if kind == "d":
        return text.replace(",", ".")
    return text


def _value(rng: random.Random, kind: str) -> str:
    if kind == "t":
        return f"{rng.randint(1, 99)}.{rng.randint(0, 999):03d}"
    if kind == "d":
        return f"{rng.randint(1, 19)},{rng.randint(1, 9)}"
    if kind == "y":
        return str(rng.randint(1990, 2025))
    return str(rng.randint(2, 999))


def make_article(chars: int, seed: int = 0) -> str:
    """Paragraphs of 3-8 template sentences with random numbers, about `chars` characters."""
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < chars:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            german, _ = rng.choice(TEMPLATES)
            sentences.append(re.sub(r"\{(\w)\}", lambda m: _value(rng, m.group(1)), german))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def register_double() -> None:
    from summarise.models.backends import Backend, register_backend

    patterns = [(_pattern(g), e) for g, e in TEMPLATES]

    @register_backend(BACKEND)
    class PhrasebookTemplateBackendDouble(Backend):
        """Translates the template sentences of `make_article` (numbers carried over in English
        notation); any other word passes through (the 50,000-character line). Counts a token a word."""

        preferred_batch_size = 64

        def __init__(self, model, device="cpu", *, threads=None, quantization=None):
            super().__init__(model, device, threads=threads)

        @property
        def max_input_tokens(self) -> int:
            return 512

        def count_tokens(self, text: str) -> int:
            return len(text.split()) + 1

        def _one(self, text: str) -> str:
            out, rest = [], text.strip()
            while rest:
                for (regex, slots), english in patterns:
                    m = regex.match(rest)
                    if m:
                        numbers = iter(_english_number(k, v) for k, v in zip(slots, m.groups(), strict=True))
                        out.append(re.sub(r"\{\w\}", lambda _m, numbers=numbers: next(numbers), english))
                        rest = rest[m.end() :].strip()
                        break
                else:
                    out.append(rest)
                    break
            return " ".join(out)

        def generate(self, texts, settings):
            return [self._one(t) for t in texts]


def stand_in_model(directory: Path) -> Path:
    """A directory that resolves like a Marian model (config + safetensors) for a backend without weights."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config.json").write_text('{"model_type": "marian", "is_encoder_decoder": true}', encoding="utf-8")
    (directory / "model.safetensors").write_bytes(b"")
    return directory


def child(mode: str, article: str, out: str, model: str) -> None:
    """One measured run in this (fresh) process; prints a JSON line with its peak RSS and time."""
    register_double()
    t0 = time.perf_counter()
    code = 0
    if mode == "streamed":
        from summarise.cli import main

        sys.argv = ["summarise", "translate", article, "--model", model, "--backend", BACKEND, "--format", "json",
                    "-o", out, "--no-cache", "--threads", "1", "--max-chars", "100000000"]  # fmt: skip
        try:
            main()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 0
    else:  # the buffered path translate took before streaming: whole translation, whole JSON, one write
        from summarise.fileio import write_output
        from summarise.ingest import read_document
        from summarise.models.runtime import Runtime
        from summarise.output.render import render_translation
        from summarise.translation.engine import Translator

        doc = read_document(article)
        runtime = Runtime.resolve(model, backend=BACKEND, device="cpu", threads=1, cache=False)
        translation = Translator.from_runtime(runtime).translate_document(doc)
        write_output(out, render_translation(translation, "json"))
    print(json.dumps({"peak_rss_mb": round(peak_rss_mb(), 1), "seconds": round(time.perf_counter() - t0, 2), "code": code}))


def measure(mode: str, article: Path, out: Path, model: Path) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "SUMMARISE_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(article), str(out), str(model)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(f"{mode} run failed: {proc.stderr[-2000:]}")
    result = json.loads(lines[-1])
    if result["code"] not in (0, 1):
        raise RuntimeError(f"{mode} run exited {result['code']}: {proc.stderr[-2000:]}")
    with open(out, encoding="utf-8") as f:
        data = json.load(f)  # the streamed JSON is one valid document
    result["blocks"] = len(data["blocks"])
    result["passed"] = data["passed"]
    return result


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:6])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="0.25, 0.5 and 1 MB (under a minute)")
    parser.add_argument("--smoke", action="store_true", help="one 0.05 MB article, streamed only, and a 5,000-character line (proves the bench runs)")
    parser.add_argument("--no-buffered", action="store_true", help="skip the buffered baseline")
    parser.add_argument("--sizes", type=float, nargs="+", help="input sizes in MB (default 1 5 20)")
    args = parser.parse_args()
    sizes = args.sizes or ((0.05,) if args.smoke else (0.25, 0.5, 1.0) if args.quick else (1.0, 5.0, 20.0))
    args.no_buffered = args.no_buffered or args.smoke
    line_chars = 5_000 if args.smoke else 50_000
    print(f"cpu: {cpu_model()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print("model: PhrasebookTemplateBackendDouble (instant template translations; real ingest, splitting, checks, rendering)")
    streamed = {}
    with tempfile.TemporaryDirectory(prefix="summarise-longinput-") as tmp:
        tmp_path = Path(tmp)
        model = stand_in_model(tmp_path / "stand-in-model")
        for mb in sizes:
            article = tmp_path / f"article-{mb}mb.txt"
            article.write_text(make_article(int(mb * 1_000_000)), encoding="utf-8")
            rows = {"streamed": measure("streamed", article, tmp_path / f"streamed-{mb}.json", model)}
            if not args.no_buffered:
                rows["buffered"] = measure("buffered", article, tmp_path / f"buffered-{mb}.json", model)
            for mode, r in rows.items():
                print(f"{mb:g} MB {mode:9} peak {r['peak_rss_mb']:7.1f} MB  {r['seconds']:6.1f} s  "
                      f"{r['blocks']} blocks  passed={r['passed']}")  # fmt: skip
            streamed[mb] = rows["streamed"]["peak_rss_mb"]
            article.unlink()
            for out in tmp_path.glob("*.json"):
                out.unlink()
        line = tmp_path / "line.txt"
        words = ["Regierung", "Haus", "Stadt", "Bericht", "Zeit", "Woche", "Wasser", "Land", "Leute", "Ergebnis", "Politik", "Wirtschaft"]
        rng = random.Random(1)
        line.write_text(" ".join(rng.choice(words) for _ in range(9000))[:line_chars] + "\n", encoding="utf-8")
        r = measure("streamed", line, tmp_path / "line.json", model)
        print(f"one {line_chars:,}-character line without punctuation: {r['seconds']:.1f} s, peak {r['peak_rss_mb']:.1f} MB")
    print(" ".join(f"peak_rss_mb_{mb:g}mb={v:.0f}" for mb, v in streamed.items()))


if __name__ == "__main__":
    main()
