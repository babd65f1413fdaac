"""Regenerate the real-document ingest corpus (tests/corpus/files, truth/, bad/, manifest.json).

Source text: German news documents of the WMT newstest 2020/2021 sets (document ids in `docids`),
grouped into title / subheadings / paragraphs. Each article is then produced by a real tool the way
a reader meets it: typeset with pdflatex (babel ngerman), printed from a news-like web page by headless
Chromium, exported from a .docx by LibreOffice, saved as a news-site .html page, written as a .docx,
or pasted out of a PDF (pdftotext without -layout). The ground truth of every input is the article's
logical structure: the blocks a perfect reader would rebuild.

Only regeneration needs the tools (pdflatex + texlive-lang-german, chromium, soffice, pdftotext,
python-docx, fpdf2, pypdf); tests and bench/ingest.py read the committed files.

    python tests/corpus/make_corpus.py [--wmt DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
TRUTH = HERE / "truth"
BAD = HERE / "bad"
MANIFEST = HERE / "manifest.json"

# A short line without sentence-final punctuation inside a WMT document is a subheading of the site.
_SENTENCE_END = re.compile(r"[.!?:;…\"“”)]$")
# Paragraph sizes (sentences) for the sentence-per-line 2021 set, cycled deterministically.
_PARAGRAPH_SIZES = (3, 2, 4, 3, 2, 3, 4)
SHY = "\u00ad"


# --------------------------------------------------------------------------------------------
# Articles from WMT documents


@dataclass
class Article:
    docid: str
    year: str
    blocks: list[tuple[str, str]]  # (kind, text), kind in title / heading / paragraph

    @property
    def title(self) -> str:
        return self.blocks[0][1]

    def truth(self, **extra) -> dict:
        out = {"source": f"newstest{self.year} {self.docid}", "blocks": [{"kind": k, "text": t} for k, t in self.blocks]}
        out.update(extra)
        return out


def load_documents(wmt: Path, year: str) -> dict[str, list[str]]:
    docids = (wmt / f"newstest{year}" / "docids").read_text(encoding="utf-8").splitlines()
    lines = (wmt / f"newstest{year}" / "src.de").read_text(encoding="utf-8").splitlines()
    docs: dict[str, list[str]] = {}
    for docid, line in zip(docids, lines, strict=True):
        docs.setdefault(docid, []).append(line)
    return docs


def _is_heading(line: str) -> bool:
    return len(line.split()) < 16 and not _SENTENCE_END.search(line.strip())


def _typographic(text: str, state: list[bool]) -> str:
    """German typesetting conventions: „…“ quotes, ’ apostrophes, – for a spaced dash."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text.replace(" - ", " – ")
    text = re.sub(r"(\w)'(\w)", "\\1’\\2", text)
    text = text.replace("'", "’")
    out = []
    for ch in text:
        if ch == '"':
            out.append("“" if state[0] else "„")
            state[0] = not state[0]
        else:
            out.append(ch)
    return "".join(out)


def build_article(docs: dict[str, list[str]], docid: str, year: str, sentence_lines: bool) -> Article:
    lines = docs[docid]
    quote = [False]
    blocks: list[tuple[str, str]] = [("title", _typographic(lines[0], quote))]
    pending: list[str] = []
    size_i = 0

    def flush():
        nonlocal pending
        if pending:
            blocks.append(("paragraph", " ".join(pending)))
            pending = []

    for line in lines[1:]:
        if _is_heading(line) and not quote[0]:
            flush()
            quote[0] = False
            blocks.append(("heading", _typographic(line, quote)))
            quote[0] = False
            continue
        pending.append(_typographic(line, quote))
        if not sentence_lines:
            if not quote[0]:
                flush()
            continue
        if len(pending) >= _PARAGRAPH_SIZES[size_i % len(_PARAGRAPH_SIZES)] and not quote[0]:
            size_i += 1
            flush()
    flush()
    if quote[0]:  # an unbalanced quote in the source: close it where it was opened
        raise SystemExit(f"{docid}: unbalanced quotes")
    return Article(docid, year, blocks)


# --------------------------------------------------------------------------------------------
# The corpus: which article goes through which producer


@dataclass
class Spec:
    name: str
    route: str  # pdf-typeset | pdf-browser | pdf-office | html | docx (pasted variants are derived)
    docid: str
    year: str
    options: dict = field(default_factory=dict)
    held_out: bool = False
    pasted: str | None = None  # also save a paste of this PDF: "default" or "raw" pdftotext mode
    pasted_held_out: bool = False


SPECS = [
    # pdflatex, one column (A5, running head, page number in the footer)
    Spec("ts-onecol-erdbeben", "pdf-typeset", "braunschweiger-zeitung.de.126892", "2020",
         {"layout": "onecol", "font": "times", "dash_break": True, "head": "Braunschweiger Zeitung · Panorama"},
         pasted="default"),
    Spec("ts-onecol-tanker", "pdf-typeset", "noz.de.25939", "2020", {"layout": "onecol", "font": "charter", "lead": True}),
    Spec("ts-onecol-thomascook", "pdf-typeset", "insuedthueringen.de.127511", "2020",
         {"layout": "onecol", "font": "palatino", "size": "12pt", "head": "Freies Wort · Wirtschaft"}),
    Spec("ts-onecol-whistleblower", "pdf-typeset", "wn.de.623840", "2020",
         {"layout": "onecol", "font": "times", "microtype": True, "head": "Westfälische Nachrichten"}, pasted="raw"),
    # pdflatex, two columns: \twocolumn and multicol
    Spec("ts-twocol-formel1", "pdf-typeset", "salzburg.com.306641", "2021",
         {"layout": "twocolumn", "font": "times", "size": "11pt"}, pasted="raw"),
    Spec("ts-twocol-komet", "pdf-typeset", "yahoo-de.127759", "2020",
         {"layout": "twocolumn", "font": "charter", "dash_break": True, "lead": True}),
    Spec("ts-multicol-autorennen", "pdf-typeset", "schwarzwaelder-bote.de.10836037", "2021",
         {"layout": "multicol", "font": "palatino", "dash_break": True, "dateline": True,
          "head": "Schwarzwälder Bote · Land"}),
    Spec("ts-multicol-petergreen", "pdf-typeset", "mittelbayerische.de.307290", "2021",
         {"layout": "multicol", "font": "times", "microtype": True, "dash_break": True}, held_out=True),
    # pdflatex, narrow 9 cm text block
    Spec("ts-narrow-uran", "pdf-typeset", "sz.87341", "2020", {"layout": "narrow", "font": "times"}),
    Spec("ts-narrow-hurrikan", "pdf-typeset", "tt.com.149061", "2021",
         {"layout": "narrow", "font": "charter", "dash_break": True, "dateline": True, "head": "Tiroler Tageszeitung"},
         pasted="raw"),
    Spec("ts-narrow-wework", "pdf-typeset", "n-tv.89677", "2020", {"layout": "narrow", "font": "palatino", "microtype": True, "dash_break": True}),
    Spec("ts-narrow-budget", "pdf-typeset", "nzz.ch.56875", "2020",
         {"layout": "narrow", "font": "times", "head": "Neue Zürcher Zeitung"}, held_out=True, pasted="default",
         pasted_held_out=True),
    # KOMA-Script (the German default class: sans-serif headings) and groff
    Spec("ts-koma-onecol-juventus", "pdf-typeset", "lampertheimer-zeitung.de.111397", "2021",
         {"layout": "onecol", "class": "scrartcl", "font": "charter", "size": "12pt", "dateline": True}),
    Spec("ts-koma-twocol-jlo", "pdf-typeset", "spiegel.103151", "2020",
         {"layout": "twocolumn", "class": "scrartcl", "font": "palatino", "lead": True, "size": "11pt"},
         held_out=True),
    Spec("ts-groff-ukraine", "pdf-typeset", "zeit.64402", "2020", {"layout": "groff-ms"}),
    # headless Chromium printing news-like pages
    Spec("web-print-komet", "pdf-browser", "soester-anzeiger.de.123983", "2020",
         {"site": 0, "header_footer": False, "shy": True, "lead": True, "dateline": True}),
    Spec("web-print-baumarten", "pdf-browser", "paz-online.de.75927", "2020",
         {"site": 1, "header_footer": True, "columns": True}, pasted="default"),
    Spec("web-print-ratssitzung", "pdf-browser", "pz-news.de.72354", "2021",
         {"site": 2, "header_footer": True, "shy": True}, held_out=True),
    Spec("web-print-fluglotsen", "pdf-browser", "lampertheimer-zeitung.de.111392", "2021",
         {"site": 1, "header_footer": False, "shy": True, "columns": True}),
    Spec("web-print-fotopanne", "pdf-browser", "wa.de.160576", "2020",
         {"site": 0, "header_footer": True, "sticky": True, "lead": True, "dateline": True, "mid_figure": True,
          "ad": True}),
    Spec("web-print-smartphone", "pdf-browser", "oe24.at.221275", "2020",
         {"site": 2, "header_footer": False, "sticky": True, "shy": True, "mid_figure": True, "ad": True},
         held_out=True),
    # LibreOffice export of a .docx
    Spec("office-doping", "pdf-office", "nzz.ch.56950", "2020", {"style": "indent", "hyphenate": True}, pasted="raw"),
    Spec("office-rakoczy", "pdf-office", "infranken.de.309607", "2021", {"style": "spaced"}),
    # LibreOffice Writer documents of its own (flat ODT): footnotes and a bullet list; a two-column
    # newsletter; and a Word-like letter layout (ragged right, space after paragraphs) from python-docx
    Spec("writer-notes-list", "pdf-office", "faz.79601", "2021", {"writer": True, "footnotes": 2, "list": True}),
    Spec("writer-newsletter", "pdf-office", "wn.de.700458", "2021",
         {"writer": True, "columns": 2, "list": True, "footnotes": 1}),
    Spec("office-wordlike", "pdf-office", "welt.263082", "2020", {"style": "word"}),
    # saved news pages
    Spec("html-superbowl", "html", "mittelbayerische.de.227669", "2020", {"site": 0}),
    Spec("html-monsun", "html", "euronews-de.199228", "2021", {"site": 1, "shy": True}),
    Spec("html-pavard", "html", "wn.de.700404", "2021", {"site": 2}, held_out=True),
    Spec("html-klimaproteste", "html", "goslarsche.de.12813", "2020", {"site": 0, "legacy": True}),
    # Word files
    Spec("docx-asyl", "docx", "n-tv.89652", "2020", {"title_style": "Title"}),
    Spec("docx-greta", "docx", "soester-anzeiger.de.151520", "2021", {"title_style": "Heading 1"}),
]


# --------------------------------------------------------------------------------------------
# pdflatex

# "Washington – ", "Garching/Washington – " at the start of a paragraph: the dateline of an agency text.
DATELINE = re.compile(r"^([A-ZÄÖÜ][\w./-]+(?: [A-ZÄÖÜ][\w.-]+)?) – ")
_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_FONTS = {"times": r"\usepackage{mathptmx}", "charter": r"\usepackage{charter}", "palatino": r"\usepackage{mathpazo}"}


def latex_escape(text: str) -> str:
    text = "".join(_LATEX_SPECIAL.get(c, c) for c in text)
    # T1 ligatures that would change the text: ,, << >> and babel's active " (none left after _typographic).
    return text.replace(",,", ",{},").replace("<<", "<{}<").replace(">>", ">{}>")


def latex_source(art: Article, opt: dict) -> str:
    layout = opt["layout"]
    size = opt.get("size", "10pt" if layout in ("twocolumn", "multicol") else "11pt")
    if layout == "onecol":
        geometry = "a5paper,top=18mm,bottom=20mm,left=16mm,right=16mm"
    elif layout == "narrow":
        geometry = "a4paper,textwidth=9cm,textheight=21cm,top=30mm"
    else:  # two columns on a small page, so a news article still runs over two pages
        geometry = "paperwidth=16cm,paperheight=22cm,top=18mm,bottom=20mm,left=14mm,right=14mm"
    twocol = ",twocolumn" if layout == "twocolumn" else ""
    head = opt.get("head")
    lines = [
        rf"\documentclass[{size}{twocol}]{{{opt.get('class', 'article')}}}",  # article or KOMA's scrartcl
        r"\usepackage[T1]{fontenc}",
        r"\usepackage[utf8]{inputenc}",
        _FONTS[opt.get("font", "times")],
        r"\usepackage[ngerman]{babel}",
        rf"\usepackage[{geometry}]{{geometry}}",
        r"\input{glyphtounicode}\pdfgentounicode=1",
        r"\setlength{\parskip}{0pt}",
        r"\setlength{\parindent}{1.2em}",
        r"\setlength{\columnsep}{6mm}",
    ]
    if opt.get("microtype"):
        lines.append(r"\usepackage{microtype}")
    if layout == "multicol":
        lines.append(r"\usepackage{multicol}")
    if head:
        lines += [r"\usepackage{fancyhdr}", r"\pagestyle{fancy}", r"\fancyhf{}",
                  rf"\fancyhead[L]{{\small {latex_escape(head)}}}", r"\fancyhead[R]{\small Seite \thepage}",
                  r"\renewcommand{\headrulewidth}{0.4pt}"]
    else:
        lines.append(r"\pagestyle{plain}")
    lines.append(r"\begin{document}")
    title_size = r"\LARGE" if layout != "narrow" else r"\Large"
    title = rf"{{{title_size}\bfseries\raggedright {latex_escape(art.title)}\par}}\vspace{{1.2em}}"
    if layout == "twocolumn":
        lines.append(rf"\twocolumn[{{{title}}}]")
        lines.append(r"\noindent")
    else:
        lines.append(title)
        if layout == "multicol":
            lines.append(r"\begin{multicols}{2}")
        lines.append(r"\noindent")
    dash = opt.get("dash_at")  # (paragraph number, character offset) of a forced break before " – "
    n_par = 0
    for kind, text in art.blocks[1:]:
        if kind == "heading":
            lines.append(rf"\subsection*{{{latex_escape(text)}}}")
            continue
        broken = dash and dash[0] == n_par
        if broken:
            # The break right before a spaced dash: the next line starts with "– und …" inside the paragraph.
            text = text[: dash[1]] + "\0" + text[dash[1] + 1:]
        body = latex_escape(text).replace("\0", r"\linebreak ")
        if opt.get("dateline"):  # the place name in bold, newspaper style: "**Washington** – Der erste …"
            body = DATELINE.sub(r"\\textbf{\1} – ", body, count=1)
        if opt.get("lead") and n_par == 0:  # the bold lead paragraph (Vorspann) under the title
            body = rf"\textbf{{{body}}}"
        if broken:
            # hbadness 0: the log reports every line's badness in this paragraph, to pick the best break
            lines.append(r"{\hbadness=0\relax " + body + "\\par}\n")
        else:
            lines.append(body + "\n")
        n_par += 1
    if layout == "multicol":
        lines.append(r"\end{multicols}")
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


# pdfTeX stamps these dates instead of now, so regenerating leaves unchanged PDFs byte-identical.
_REPRODUCIBLE = {**os.environ, "SOURCE_DATE_EPOCH": "1577836800", "FORCE_SOURCE_DATE": "1"}


def _dash_candidates(art: Article) -> list[tuple[int, int]]:
    pars = [t for k, t in art.blocks[1:] if k == "paragraph"]
    return [(i, m.start()) for i, t in enumerate(pars) for m in re.finditer(" – ", t) if m.start() > 60]


def _dash_line(pdf: Path) -> bool:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    return bool(re.search(r"(^|\s{2,})– \w", text, re.M))  # line start, also in the right column


def _dash_badness(tex: Path, log: Path) -> int:
    """The worst line badness TeX reported in the paragraph with the forced break."""
    src = tex.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(src, 1) if r"\linebreak" in line)
    worst = 0
    for m in re.finditer(r"(?:Underfull|Tight) \\hbox \(badness (\d+)\) in paragraph at lines (\d+)--(\d+)",
                         log.read_text(encoding="latin-1")):
        if int(m.group(2)) <= at <= int(m.group(3)):
            worst = max(worst, int(m.group(1)))
    return worst


def make_typeset(spec: Spec, art: Article, out: Path, work: Path) -> dict:
    tex = work / f"{spec.name}.tex"

    def run(opt: dict) -> None:
        tex.write_text(latex_source(art, opt), encoding="utf-8")
        subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                       cwd=work, check=True, capture_output=True, env=_REPRODUCIBLE)

    run(spec.options)
    if spec.options.get("dash_break"):
        # Break the line before a spaced dash where TeX can still set the paragraph well (it reflows the
        # lines before it), so the page looks as if TeX had chosen that break itself.
        best = None
        for cand in _dash_candidates(art):
            run({**spec.options, "dash_at": cand})
            bad = _dash_badness(tex, work / f"{spec.name}.log")
            if best is None or bad < best[0]:
                best = (bad, cand)
        if best is not None and best[0] <= 2000:  # TeX's own \tolerance is 200; 2000 still looks typeset
            run({**spec.options, "dash_at": best[1]})
        else:
            run(spec.options)
        print(f"  dash break {best}")
    shutil.copy(work / f"{spec.name}.pdf", out)
    junk = [spec.options["head"]] if spec.options.get("head") else []
    return {"junk": junk}


def groff_source(art: Article) -> str:
    """-ms with German hyphenation (-mden): indented paragraphs without a gap, justified, "- 2 -" page numbers."""

    def line(text: str) -> str:
        text = text.replace("\\", "\\e")
        return "\\&" + text if text[:1] in (".", "'") else text

    out = [".nr PS 11", ".nr VS 14", ".nr LL 12c", ".nr PD 0", ".nr PI 1.5m", ".pl 21c", ".nr HM 2c", ".nr FM 2c",
           ".TL", line(art.title), ".LP"]
    first = True
    for kind, text in art.blocks[1:]:
        if kind == "heading":
            out += [".SH", line(text)]
            first = True
            continue
        out += [".LP" if first else ".PP", line(text)]
        first = False
    return "\n".join(out) + "\n"


def make_groff(spec: Spec, art: Article, out: Path, work: Path) -> dict:
    src = work / f"{spec.name}.ms"
    src.write_text(groff_source(art), encoding="utf-8")
    pdf = subprocess.run(["groff", "-Kutf8", "-Tpdf", "-ms", "-mden", str(src)], check=True, capture_output=True,
                         env=_REPRODUCIBLE).stdout
    out.write_bytes(pdf)
    return {}


# --------------------------------------------------------------------------------------------
# News-like web pages (printed by Chromium, or saved as .html inputs)

SITES = [
    {"name": "Westfalen Kurier", "host": "www.westfalen-kurier.de", "section": "Panorama",
     "nav": ["Startseite", "Lokales", "Politik", "Wirtschaft", "Sport", "Kultur", "Panorama", "Ratgeber"],
     "author": "Von Katrin Behrens", "date": "27.09.2019, 14:32 Uhr"},
    {"name": "NordNachrichten", "host": "nordnachrichten.example", "section": "Nachrichten",
     "nav": ["Home", "Region", "Deutschland & Welt", "Sport", "Meinung", "Service", "E-Paper"],
     "author": "Thomas Lindner", "date": "Aktualisiert am 26.07.2020 um 18:05"},
    {"name": "Rheinpfalz Heute", "host": "www.rheinpfalz-heute.de", "section": "Region",
     "nav": ["Aktuell", "Region", "Politik", "Wirtschaft", "Sport", "Freizeit", "Anzeigen"],
     "author": "Von Susanne Adler und dpa", "date": "Fr., 24.07.2020 – 09:15"},
]
CAPTIONS = [
    "Einsatzkräfte am Ort des Geschehens. Foto: dpa",
    "Blick auf die Szene am Nachmittag. Foto: Archiv / Imago",
    "Die Lage ist weiter unübersichtlich. Foto: picture alliance",
]
FOOTER = ["Impressum", "Datenschutz", "AGB", "Kontakt", "Mediadaten", "Cookie-Einstellungen", "Abo-Service"]


def soft_hyphenate(text: str) -> str:
    """Insert U+00AD into long words at vowel–consonant–vowel joints, as CMS hyphenators do."""
    vowels = set("aeiouäöüyAEIOUÄÖÜ")

    def word(m: re.Match) -> str:
        w = m.group(0)
        if len(w) < 10:
            return w
        out, last = [], 0
        for i in range(3, len(w) - 3):
            if i - last >= 3 and w[i - 1] in vowels and w[i] not in vowels and w[i].isalpha() and w[i + 1] in vowels:
                out.append(w[last:i])
                last = i
        out.append(w[last:])
        return SHY.join(out)

    return re.sub(r"[A-Za-zÄÖÜäöüß]+", word, text)


def article_html(spec: Spec, art: Article, related: list[str], printable: bool) -> tuple[str, list[str], list[str]]:
    """A news page; returns (html, boilerplate texts that may survive as their own blocks, junk texts)."""
    opt = spec.options
    site = SITES[opt.get("site", 0)]
    esc = html.escape
    shy = soft_hyphenate if opt.get("shy") else (lambda t: t)
    caption = CAPTIONS[len(art.title) % len(CAPTIONS)]
    caption2 = CAPTIONS[(len(art.title) + 1) % len(CAPTIONS)]
    page_title = f"{art.title} | {site['name']}"
    css = """
body { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; margin: 0; color: #222; }
.site-header { display: flex; align-items: center; border-bottom: 3px solid #b00; padding: 8px 16px; }
.logo { font: bold 28px 'Liberation Serif', serif; color: #b00; margin-right: 24px; }
nav a { margin-right: 14px; color: #333; text-decoration: none; font-size: 14px; }
.breadcrumb { font-size: 12px; color: #666; padding: 6px 16px; }
main { max-width: 720px; margin: 0 auto; padding: 0 16px; }
h1 { font: bold 34px/1.15 'Liberation Serif', serif; margin: 10px 0; }
.byline { font-size: 13px; color: #555; }
figure { margin: 14px 0; } figcaption { font-size: 12px; color: #555; }
.body p { font: 17px/1.5 'Liberation Serif', serif; text-align: justify; margin: 0 0 0.8em 0; }
.body h2 { font: bold 21px 'DejaVu Sans', sans-serif; margin: 1em 0 0.4em; }
.related { border-top: 2px solid #b00; border-bottom: 1px solid #ccc; margin: 1em 0; padding: 6px 0; font-size: 14px;
  break-inside: avoid; }
.related strong { display: block; text-transform: uppercase; font-size: 12px; color: #b00; }
footer { margin-top: 30px; border-top: 1px solid #999; padding: 10px 16px; font-size: 12px; }
footer a { margin-right: 12px; color: #333; }
"""
    if opt.get("columns"):
        css += ".body { column-count: 2; column-gap: 24px; } .body h2 { break-after: avoid; }\n"
    if opt.get("sticky"):  # a fixed site header: Chromium prints it again at the top of every page
        css += (".site-header { position: fixed; top: 0; left: 0; right: 0; background: #fff; }\n"
                "main { padding-top: 70px; } .breadcrumb { margin-top: 60px; }\n")
    css += (".body p.lead { font: bold 19px/1.45 'DejaVu Sans', sans-serif; }\n"
            ".ad { border: 1px dashed #aaa; height: 90px; margin: 1em 0; font-size: 10px; color: #888; }\n")
    parts = [f'<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n<title>{esc(page_title)}</title>',
             f"<style>{css}</style>\n</head>\n<body>",
             f'<header class="site-header"><div class="logo">{esc(site["name"])}</div><nav>'
             + "".join(f'<a href="/{esc(n.lower())}">{esc(n)}</a>' for n in site["nav"]) + "</nav></header>",
             f'<div class="breadcrumb">Startseite › {esc(site["section"])} › {esc(art.title[:40])}…</div>',
             "<main><article>",
             f"<h1>{esc(shy(art.title))}</h1>",
             f'<p class="byline">{esc(site["author"])} · {esc(site["date"])}</p>',
             '<figure><svg width="680" height="220" xmlns="http://www.w3.org/2000/svg"><rect width="680" height="220" '
             'fill="#9ab"/><circle cx="520" cy="80" r="40" fill="#dde"/></svg>'
             f"<figcaption>{esc(caption)}</figcaption></figure>",
             '<div class="body">']
    related_box = ('<aside class="related"><strong>Lesen Sie auch</strong><ul>'
                   + "".join(f'<li><a href="#">{esc(r)}</a></li>' for r in related) + "</ul></aside>")
    n_par = 0
    for kind, text in art.blocks[1:]:
        if kind == "heading":
            parts.append(f"<h2>{esc(shy(text))}</h2>")
            continue
        body = esc(shy(text))
        if opt.get("dateline"):
            body = DATELINE.sub(r"<strong>\1</strong> – ", body, count=1)
        lead = ' class="lead"' if opt.get("lead") and n_par == 0 else ""
        parts.append(f"<p{lead}>{body}</p>")
        n_par += 1
        if n_par == 2:
            parts.append(related_box)
        if n_par == 3 and opt.get("ad"):
            parts.append('<div class="ad">Anzeige</div>')
        if n_par == 4 and opt.get("mid_figure"):  # a second photo inside the text, its caption under it
            parts.append('<figure><svg width="680" height="160" xmlns="http://www.w3.org/2000/svg"><rect width="680" '
                         f'height="160" fill="#cb9"/></svg><figcaption>{esc(caption2)}</figcaption></figure>')
    parts.append("</div></article></main>")
    parts.append("<footer>" + "".join(f'<a href="#">{esc(f)}</a>' for f in FOOTER)
                 + f"<p>© 2020 {esc(site['name'])} GmbH. Alle Rechte vorbehalten.</p></footer>")
    parts.append("</body>\n</html>\n")
    # In page order: an extractor that keeps neighbouring boilerplate together still matches a stretch.
    boilerplate = [site["name"], " ".join(site["nav"]), f"Startseite › {site['section']} › {art.title[:40]}…",
                   f"{site['author']} · {site['date']}", caption, "Lesen Sie auch", *related, "Anzeige", caption2,
                   " ".join(FOOTER), f"© 2020 {site['name']} GmbH. Alle Rechte vorbehalten."]
    junk = [page_title] if printable else []
    return "\n".join(parts), boilerplate, junk


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    raise SystemExit("chromium not found: apt-get install -y chromium")


def make_browser(spec: Spec, art: Article, out: Path, work: Path, related: list[str]) -> dict:
    page, boiler, junk = article_html(spec, art, related, printable=True)
    src = work / f"{spec.name}.html"
    src.write_text(page, encoding="utf-8")
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--print-to-pdf={out}"]
    if not spec.options.get("header_footer"):
        cmd.append("--no-pdf-header-footer")
    subprocess.run([*cmd, src.as_uri()], check=True, capture_output=True, timeout=120)
    if spec.options.get("header_footer"):
        junk.append(src.as_uri())
    return {"boilerplate": boiler, "junk": junk}


def saved_page(spec: Spec, art: Article, related: list[str]) -> tuple[str, list[str]]:
    """A saved news page: cookie banner, nav, teasers, JSON-LD, related list, newsletter box, footer."""
    site = SITES[spec.options.get("site", 0)]
    esc = html.escape
    shy = soft_hyphenate if spec.options.get("shy") else (lambda t: t)
    variant = spec.options.get("site", 0)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": art.title,
                     "datePublished": "2020-07-26T18:05:00+02:00", "author": {"@type": "Person", "name": site["author"]},
                     "publisher": {"@type": "Organization", "name": site["name"]}}, ensure_ascii=False)
    cookie = ("Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren und Werbung "
              "anzuzeigen. Mit Klick auf „Alle akzeptieren“ stimmen Sie dem zu.")
    teasers = related[:2]
    body = []
    for kind, text in art.blocks[1:]:
        if kind == "heading":
            body.append(f"<h2>{esc(shy(text))}</h2>" if variant != 2 else f'<h3 class="c-subhead">{esc(shy(text))}</h3>')
        elif variant == 1:
            body.append(f'<p class="article__text">{esc(shy(text))}</p>')
        else:
            body.append(f"<p>{esc(shy(text))}</p>")
    mid = min(3, len(body))
    body.insert(mid, '<div class="ad-slot"><span>Anzeige</span><div id="ad-2"></div></div>')
    if spec.options.get("legacy"):  # an older CMS: paragraphs of one text div separated by <br><br>
        body = []
        for kind, text in art.blocks[1:]:
            if kind == "heading":
                body.append(f"<h2>{esc(text)}</h2>")
            elif body and body[-1].startswith('<div class="text">'):
                body[-1] = body[-1][: -len("</div>")] + f"<br>\n<br>\n{esc(text)}</div>"
            else:
                body.append(f'<div class="text">{esc(text)}</div>')
    page = f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(art.title)} | {esc(site['name'])}</title>
<meta property="og:title" content="{esc(art.title)}">
<meta property="og:site_name" content="{esc(site['name'])}">
<link rel="canonical" href="https://{site['host']}/{esc(site['section'].lower())}/artikel-{len(art.title)}.html">
<script type="application/ld+json">{ld}</script>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"pageType": "article"}});</script>
<style>body {{ font-family: sans-serif; }} .cookie-banner {{ position: fixed; bottom: 0; }}</style>
</head>
<body>
<div id="cookie-consent" class="cookie-banner"><p>{esc(cookie)}</p><button>Alle akzeptieren</button> <button>Einstellungen</button></div>
<header><a class="logo" href="/">{esc(site['name'])}</a>
<nav class="main-nav"><ul>{''.join(f'<li><a href="/{esc(n.lower())}">{esc(n)}</a></li>' for n in site['nav'])}</ul></nav></header>
<ol class="breadcrumb"><li><a href="/">Startseite</a></li><li><a href="/{esc(site['section'].lower())}">{esc(site['section'])}</a></li></ol>
<main>
<article class="article">
<header class="article-header">
<span class="kicker">{esc(site['section'])}</span>
<h1 class="headline">{esc(shy(art.title))}</h1>
<div class="meta"><span class="author">{esc(site['author'])}</span> <time datetime="2020-07-26">{esc(site['date'])}</time></div>
</header>
<figure class="lead-image"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Symbolbild"><figcaption>{esc(CAPTIONS[variant])}</figcaption></figure>
<div class="article-body">
{chr(10).join(body)}
</div>
<div class="share"><a href="#">Teilen</a> <a href="#">Drucken</a> <a href="#">Merken</a></div>
<details class="info-box"><summary>Details</summary><p>Alle Angaben ohne Gewähr. Quelle: Agenturen.</p></details>
<section class="newsletter"><h3>Newsletter</h3><p>Die wichtigsten Nachrichten des Tages jeden Morgen in Ihrem Postfach.</p></section>
</article>
<aside class="related-articles"><h2>Mehr zum Thema</h2><ul>{''.join(f'<li><a href="#">{esc(r)}</a></li>' for r in related)}</ul></aside>
<section class="teasers"><h2>Meistgelesen</h2>{''.join(f'<div class="teaser"><h3><a href="#">{esc(t)}</a></h3><p>Weiterlesen</p></div>' for t in teasers)}</section>
</main>
<footer class="site-footer"><ul>{''.join(f'<li><a href="#">{esc(f)}</a></li>' for f in FOOTER)}</ul><p>© 2020 {esc(site['name'])} GmbH</p></footer>
</body>
</html>
"""
    junk = [cookie, "Alle akzeptieren", "Meistgelesen", "Newsletter", "Anzeige", "Weiterlesen", *related,
            " ".join(site["nav"]), "Impressum"]
    return page, junk


# --------------------------------------------------------------------------------------------
# Word files (python-docx) and LibreOffice


def make_docx(art: Article, out: Path, opt: dict) -> None:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = Docx()
    d.core_properties.title = art.title
    d.core_properties.language = "de-DE"
    if opt.get("hyphenate"):  # Word's automatic hyphenation, which LibreOffice honours on export
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        auto = OxmlElement("w:autoHyphenation")
        auto.set(qn("w:val"), "true")
        d.settings.element.append(auto)
        for style in ("Normal",):
            rpr = d.styles[style].element.get_or_add_rPr()
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "de-DE")
            rpr.append(lang)
    title_style = opt.get("title_style", "Title")
    heading_style = "Heading 1" if title_style == "Title" else "Heading 2"
    for kind, text in art.blocks:
        if kind == "title":
            d.add_paragraph(text, style=title_style)
        elif kind == "heading":
            d.add_paragraph(text, style=heading_style)
        else:
            p = d.add_paragraph(text)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if opt.get("style") == "indent":  # newspaper style: first-line indent, no gap
                p.paragraph_format.first_line_indent = Pt(14)
                p.paragraph_format.space_after = Pt(0)
            elif opt.get("style") == "word":  # Word's defaults: ragged right, 8 pt after, 1.08 lines
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                p.paragraph_format.space_after = Pt(8)
                p.paragraph_format.line_spacing = 1.08
    d.save(out)


def make_office(spec: Spec, art: Article, out: Path, work: Path) -> dict:
    if spec.options.get("writer"):
        source = work / f"{spec.name}.fodt"
        source.write_text(writer_source(art, spec.options), encoding="utf-8")
    else:
        source = work / f"{spec.name}.docx"
        make_docx(art, source, spec.options)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found: apt-get install -y libreoffice-writer-nogui")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo-profile", "--convert-to", "pdf",
                    "--outdir", str(work), str(source)], check=True, capture_output=True, timeout=180)
    shutil.copy(work / f"{spec.name}.pdf", out)
    return {}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„])", text) if s]


def writer_article(art: Article, opt: dict) -> tuple[Article, list[tuple[int, str]], set[int]]:
    """The article as a Writer document shows it: with a bullet list, one sentence an item, made of the
    first paragraph of three or more sentences after the lead (each item is a block of the truth), and
    footnotes after the first sentence of the first paragraphs (their texts follow the article in the
    truth: the reader keeps footnotes apart, after the text). Returns the article, (block index, note
    text) of every footnote, and the indices of list items."""
    blocks = list(art.blocks)
    items: set[int] = set()
    if opt.get("list"):
        at = next(i for i, (k, t) in enumerate(blocks) if i > 2 and k == "paragraph" and len(_sentences(t)) >= 3)
        parts = _sentences(blocks[at][1])
        blocks[at:at + 1] = [("paragraph", p) for p in parts]
        items = set(range(at, at + len(parts)))
    notes = []
    paragraphs = [i for i, (k, t) in enumerate(blocks) if k == "paragraph" and i not in items and len(_sentences(t)) >= 2]
    for i in paragraphs[: opt.get("footnotes", 0)]:
        notes.append((i, f"Vgl. newstest{art.year}, Dokument {art.docid}, Absatz {i}."))
    return Article(art.docid, art.year, blocks + [("paragraph", t) for _, t in notes]), notes, items


def writer_source(art: Article, opt: dict) -> str:
    """A flat ODT (LibreOffice Writer's XML) of the article: Title and Heading styles, justified body
    text, a bullet list, footnotes, optionally two columns."""
    shown, notes, items = writer_article(art, opt)
    n_blocks = len(shown.blocks) - len(notes)
    note_at = dict(notes)
    esc = html.escape
    body = []
    in_list = False
    for i, (kind, text) in enumerate(shown.blocks[:n_blocks]):
        if i in items and not in_list:
            body.append('<text:list text:style-name="Bullets">')
            in_list = True
        if i not in items and in_list:
            body.append("</text:list>")
            in_list = False
        if i in note_at:
            first, *rest = _sentences(text)
            cite = (f'<text:note text:id="n{i}" text:note-class="footnote"><text:note-citation>{len(body)}'
                    f'</text:note-citation><text:note-body><text:p text:style-name="Footnote">{esc(note_at[i])}'
                    "</text:p></text:note-body></text:note>")
            content = esc(first) + cite + " " + esc(" ".join(rest))
        else:
            content = esc(text)
        if kind == "title":
            body.append(f'<text:p text:style-name="Title">{content}</text:p>')
        elif kind == "heading":
            body.append(f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{content}</text:h>')
        elif i in items:
            body.append(f'<text:list-item><text:p text:style-name="Body">{content}</text:p></text:list-item>')
        else:
            body.append(f'<text:p text:style-name="Body">{content}</text:p>')
    if in_list:
        body.append("</text:list>")
    columns = opt.get("columns", 1)
    if columns > 1:  # the title over both columns, the rest in a two-column section
        body = [body[0], '<text:section text:style-name="Cols" text:name="Spalten">', *body[1:], "</text:section>"]
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ns} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties fo:language="de" fo:country="DE"
   fo:font-size="11pt" style:font-name="Liberation Serif"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"
   fo:margin-bottom="0.2cm" fo:line-height="115%"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.4cm"/>
   <style:text-properties fo:font-size="22pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm"/>
   <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="9pt"/></style:style>
 <text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
   <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.8cm"
     fo:text-indent="-0.5cm" fo:margin-left="0.8cm"/></style:list-level-properties>
 </text:list-level-style-bullet></text:list-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Cols" style:family="section"><style:section-properties>
   <style:columns fo:column-count="{columns}" fo:column-gap="0.6cm"/></style:section-properties></style:style>
</office:automatic-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
"""


# --------------------------------------------------------------------------------------------
# Pasted text and bad inputs


def pasted_text(pdf: Path, mode: str) -> str:
    """Text copied out of a PDF: pdftotext without -layout, form feeds dropped. "default" is pdftotext's
    reading order (it joins a hyphenated line with the next one inside a page); "raw" keeps the content
    stream's lines and their hyphens, as a PDF viewer's copy does."""
    cmd = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if mode == "raw" else []), str(pdf), "-"]
    text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return text.replace("\f", "")


def make_bad(work: Path) -> list[dict]:
    """Inputs that must fail cleanly; `expect`: the one-line error (file name left out) names one of these."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw
    from pypdf import PdfReader, PdfWriter

    BAD.mkdir(exist_ok=True)
    entries = []
    # Encrypted PDF (user password set): a real, readable PDF locked with a password.
    writer = PdfWriter(clone_from=PdfReader(FILES / "ts-narrow-uran.pdf"))
    writer.encrypt(user_password="geheim", owner_password="geheim-owner", algorithm="AES-128")
    with open(BAD / "encrypted.pdf", "wb") as f:
        writer.write(f)
    entries.append({"file": "bad/encrypted.pdf", "expect": ["encrypted", "password"], "exit": 2})
    # Scanned: an image of a text page and no text layer.
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    y = 120
    for line in ["Schweres Erdbeben nahe Istanbul", "", *["Lorem gesetzter Zeilentext einer gescannten Seite."] * 30]:
        draw.text((120, y), line, fill=0)
        y += 40
    png = work / "scan.png"
    img.save(png)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=595, h=842)
    pdf.output(str(BAD / "scanned.pdf"))
    entries.append({"file": "bad/scanned.pdf", "expect": ["no text layer: run OCR first"], "exit": 2})
    # Broken HTML: a saved page cut off inside the markup, with no article text left.
    (BAD / "broken.html").write_bytes(b'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>'
                                      b'Nachrichten</title></head><body><nav><a href="/">Start</a><a href="/p')
    entries.append({"file": "bad/broken.html", "expect": ["html", "web page"], "exit": 2})
    # A .docx that is really a zip of something else.
    import zipfile
    with zipfile.ZipFile(BAD / "not-word.docx", "w") as z:
        z.writestr("README.txt", "Urlaubsfotos 2019\n")
        z.writestr("fotos/liste.csv", "datei,ort\nimg_001.jpg,Rom\n")
    entries.append({"file": "bad/not-word.docx", "expect": ["word", "docx"], "exit": 2})
    return entries


# --------------------------------------------------------------------------------------------


def pdf_features(pdf: Path, art: Article) -> list[str]:
    """What makes this PDF hard, read back from its text (for the manifest)."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True).stdout.replace(SHY, "")
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    found = []
    if art.title not in lines and not any(art.title in line for line in lines):
        found.append("title over two lines")
    if any(re.match(r"– \w", line) for line in lines):
        found.append("line starting with a spaced dash")
    hyphens = sum(bool(re.search(r"\w-$", line)) for line in lines)
    if hyphens:
        found.append(f"{hyphens} lines ending in a hyphen")
    headings = sum(k == "heading" for k, _ in art.blocks)
    if headings:
        found.append(f"{headings} subheadings")
    return found


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def check_truth(spec_name: str, truth: dict) -> None:
    """Guard the ground truth: no junk string may occur in the article text itself."""
    text = "\n".join(b["text"] for b in truth["blocks"])
    for j in truth.get("junk", []):
        if j and j in text:
            raise SystemExit(f"{spec_name}: junk string {j!r} occurs in the article text")
    for b in truth["blocks"]:
        if b["text"] != unicodedata.normalize("NFC", b["text"]) or SHY in b["text"] or "  " in b["text"]:
            raise SystemExit(f"{spec_name}: truth text not normalised: {b['text'][:60]!r}")


def produce(spec: Spec, art: Article, related: list[str], work: Path) -> list[dict]:
    """Make one input (and its pasted variant); returns its manifest entries."""
    ext = {"html": ".html", "docx": ".docx"}.get(spec.route, ".pdf")
    out = FILES / f"{spec.name}{ext}"
    print(f"{spec.name} ({spec.route})", flush=True)
    if spec.route == "pdf-typeset" and spec.options["layout"] == "groff-ms":
        extra, producer = make_groff(spec, art, out, work), "groff -ms -mden (gropdf)"
    elif spec.route == "pdf-typeset":
        cls = spec.options.get("class", "article")
        extra, producer = make_typeset(spec, art, out, work), f"pdflatex {cls} (babel ngerman)"
    elif spec.route == "pdf-browser":
        extra, producer = make_browser(spec, art, out, work, related), "chromium --headless --print-to-pdf"
    elif spec.route == "pdf-office" and spec.options.get("writer"):
        extra, producer = make_office(spec, art, out, work), "LibreOffice Writer (flat ODT) --convert-to pdf"
        art = writer_article(art, spec.options)[0]
    elif spec.route == "pdf-office":
        extra, producer = make_office(spec, art, out, work), "python-docx + soffice --convert-to pdf"
    elif spec.route == "html":
        page, junk = saved_page(spec, art, related)
        if spec.options.get("legacy"):  # an older CMS: Windows-1252 bytes, declared in a meta tag
            out.write_bytes(page.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
        else:
            out.write_text(page, encoding="utf-8")
        extra, producer = {"junk": junk}, "saved news page (template)"
    else:
        make_docx(art, out, spec.options)
        extra, producer = {}, "python-docx"
    truth = art.truth(**extra)
    check_truth(spec.name, truth)
    truth_path = TRUTH / f"{spec.name}.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    entry = {"file": f"files/{out.name}", "route": spec.route, "producer": producer, "source": truth["source"],
             "options": spec.options, "held_out": spec.held_out, "truth": f"truth/{truth_path.name}"}
    if ext == ".pdf":
        entry["pages"] = page_count(out)
        entry["features"] = pdf_features(out, art)
    entries = [entry]
    if spec.pasted:
        txt = FILES / f"pasted-{spec.name}.txt"
        txt.write_text(pasted_text(out, spec.pasted), encoding="utf-8")
        ptruth_path = TRUTH / f"pasted-{spec.name}.json"
        ptruth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        entries.append({"file": f"files/{txt.name}", "route": "pasted",
                        "producer": f"pdftotext{' -raw' if spec.pasted == 'raw' else ''} (no -layout)",
                        "source": truth["source"], "options": {"from": entry["file"], "mode": spec.pasted},
                        "held_out": spec.pasted_held_out, "truth": f"truth/{ptruth_path.name}"})
    return entries


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wmt", type=Path, default=Path(os.environ.get("WMT_DIR", HERE.parents[2] / "shared" / "wmt")))
    ap.add_argument("--only", nargs="*", help="regenerate only these names, or 'bad' (other entries are kept)")
    args = ap.parse_args(argv)
    docs = {y: load_documents(args.wmt, y) for y in ("2020", "2021")}
    FILES.mkdir(exist_ok=True)
    TRUTH.mkdir(exist_ok=True)
    old = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {"inputs": [], "bad": []}
    entries = {e["file"]: e for e in old["inputs"]} if args.only else {}
    if not args.only:  # a full run leaves nothing behind of inputs that are gone
        for stale in [*FILES.iterdir(), *TRUTH.iterdir()]:
            stale.unlink()
    # Related-article headlines for the web pages: titles of other documents of the same sets.
    all_titles = [lines[0] for y in ("2020", "2021") for lines in docs[y].values()]
    # A fixed build folder: the file URL Chromium prints in its footer stays the same between runs.
    work = Path(tempfile.gettempdir()) / "summarise-corpus"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    for i, spec in enumerate(SPECS):
        if args.only and spec.name not in args.only:
            continue
        art = build_article(docs[spec.year], spec.docid, spec.year, sentence_lines=spec.year == "2021")
        related = [_typographic(t, [False]) for t in all_titles[(7 * i + 3) % 100: (7 * i + 3) % 100 + 3]]
        for e in produce(spec, art, [r for r in related if r != art.title], work):
            entries[e["file"]] = e
    bad = make_bad(work) if not args.only or "bad" in args.only else old.get("bad", [])
    order = {f"files/{s.name}": i for i, s in enumerate(SPECS)}

    def key(e):
        stem = e["file"].rsplit(".", 1)[0].replace("files/pasted-", "files/")
        return (e["route"] == "pasted", order.get(stem, 999), e["file"])

    manifest = {"about": "Real-document ingest corpus for issue 18; regenerate with tests/corpus/make_corpus.py",
                "inputs": sorted(entries.values(), key=key), "bad": bad}
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
