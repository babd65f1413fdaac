"""PDF geometry that holds for any producer (issue 23), on hand-written content streams
(tests/raw_pdf.py): fonts scaled by the text matrix, lines written out of reading order, letter
spacing, superscript footnote markers, paragraphs separated by vertical space alone, list items with
hanging lines, and paragraphs across page breaks."""

from __future__ import annotations

import random

import pytest
from raw_pdf import Line, Run, raw_pdf, wrap

from summarise.ingest import document_from_bytes
from summarise.ingest import pdf as pdf_route
from summarise.ingest.pdf_glyphs import Line as PdfLine

BODY = 11.0
STEP = 13.2
LEFT, WIDTH = 72.0, 430.0

PARAGRAPHS = [
    "Die Stadt investiert in den kommenden fünf Jahren rund 40 Millionen Euro in neue Radwege. Der "
    "Stadtrat hat das Programm am Montag mit großer Mehrheit beschlossen.",
    "Gebaut werden sollen vor allem Verbindungen zwischen den Vororten und der Innenstadt. Die ersten "
    "Abschnitte sollen im Frühjahr fertig sein, sagte die Baudezernentin.",
    "Kritik kam von den Anwohnern der Hauptstraße, die den Wegfall von Parkplätzen fürchten. Die "
    "Verwaltung will ihnen bis zum Sommer einen Vorschlag machen.",
]


def blocks(data: bytes) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in document_from_bytes(data, name="t.pdf").blocks]


def page_of(paragraphs: list[str], *, gap: float, scaled: bool = False, title: str | None = None) -> list[Line]:
    lines, y = [], 90.0
    if title:
        lines.append(Line.of(LEFT, y, 18, title, scaled=scaled))
        y += 36
    for text in paragraphs:
        for row in wrap(text, BODY, WIDTH):
            lines.append(Line.of(LEFT, y, BODY, row, scaled=scaled))
            y += STEP
        y += gap
    return lines


def test_fonts_set_at_one_point_and_scaled_by_the_matrix_and_written_out_of_order():
    """Word through some converters: every font at 1 pt, the size in the text matrix; the content
    stream draws the lines in no particular order. Words, lines and paragraphs still come back."""
    lines = page_of(PARAGRAPHS, gap=6, scaled=True, title="Mehr Radwege für die Stadt")
    random.Random(7).shuffle(lines)
    assert blocks(raw_pdf([lines])) == [("title", "Mehr Radwege für die Stadt")] + [
        ("paragraph", p) for p in PARAGRAPHS
    ]


@pytest.mark.parametrize("gap", [4.5, 6.0, 12.0])
def test_paragraphs_separated_by_vertical_space_alone(gap):
    """No indent, no short last line needed: a gap of 0.4 em or more between baselines' usual step
    separates paragraphs (LaTeX parskip, Word's space after)."""
    assert blocks(raw_pdf([page_of(PARAGRAPHS, gap=gap)])) == [("paragraph", p) for p in PARAGRAPHS]


def test_letter_spaced_words_are_rejoined():
    lines = [
        Line.of(LEFT, 90, BODY, "Beschluss", char_spacing=4),
        Line.of(LEFT, 120, BODY, "Im Namen des Volkes", char_spacing=3),
        *[Line.of(LEFT, 150 + k * STEP, BODY, row) for k, row in enumerate(wrap(PARAGRAPHS[0], BODY, WIDTH))],
    ]
    got = [t for _, t in blocks(raw_pdf([lines]))]
    assert got[:2] == ["Beschluss", "Im Namen des Volkes"]
    assert got[2] == PARAGRAPHS[0]


def test_numbers_in_spaced_columns_stay_apart():
    lines = [
        Line.of(LEFT, 90, BODY, "Stimmen: 1 2 3 4"),
        *[Line.of(LEFT, 120 + k * STEP, BODY, row) for k, row in enumerate(wrap(PARAGRAPHS[0], BODY, WIDTH))],
    ]
    assert "1 2 3 4" in " ".join(t for _, t in blocks(raw_pdf([lines])))


def test_footnote_markers_go_without_leaving_a_gap():
    """Superscript markers (smaller, raised) after a word, before a bracket or full stop, or before the
    next word: gone, with the spacing as if they had never been there."""
    runs = [
        Run("Das regeln die Mindestvorschriften"),
        Run("2", size=7, rise=4),
        Run("). Sie gelten ab 2020"),
        Run("5", size=7, rise=4),
        Run(" auch in Strafsachen des AEU-Vertrags"),
        Run("1", size=7, rise=4),
        Run("."),
    ]
    lines = [
        Line(LEFT, 90, BODY, runs),
        *[Line.of(LEFT, 90 + (k + 1) * STEP, BODY, row) for k, row in enumerate(wrap(PARAGRAPHS[1], BODY, WIDTH))],
    ]
    text = " ".join(t for _, t in blocks(raw_pdf([lines])))
    assert text.startswith(
        "Das regeln die Mindestvorschriften). Sie gelten ab 2020 auch in Strafsachen des AEU-Vertrags. Gebaut"
    )


def test_list_items_are_blocks_with_their_wrapped_lines_joined():
    """A bullet starts an item; lines hanging under the item's text continue it, even after a line
    that ends a sentence early (Word's manual line break inside an item)."""
    items = [
        ["Bin ich selber schuld, wenn ich durch illegales Herunterladen", "gleichzeitig Trojaner installiere?"],
        ["Darf ich das?", "(Ja: Ich bin verantwortlich, Nein: Ich habe genug getan)"],
    ]
    lines = [Line.of(LEFT, 90, BODY, "Einige weitere kritische Fragen, die gestellt werden können:")]
    y = 90 + STEP + 6
    for item in items:
        lines.append(Line(LEFT + 18, y, BODY, [Run("\xb7", font="F3")]))  # Symbol's bullet, then a tab
        lines.append(Line.of(LEFT + 36, y, BODY, item[0]))
        for row in item[1:]:
            y += STEP
            lines.append(Line.of(LEFT + 36, y, BODY, row))
        y += STEP + 3
    lines += [Line.of(LEFT, y + 6 + k * STEP, BODY, row) for k, row in enumerate(wrap(PARAGRAPHS[2], BODY, WIDTH))]
    got = [t for _, t in blocks(raw_pdf([lines]))]
    assert got == [
        "Einige weitere kritische Fragen, die gestellt werden können:",
        " ".join(items[0]),
        " ".join(items[1]),
        PARAGRAPHS[2],
    ]


# ----------------------------------------------------------------- across page breaks (line geometry)


def _line(text: str, page: int, y: float, x1: float) -> PdfLine:
    return PdfLine(text=text, page=page, x0=LEFT, x1=x1, y=y, size=BODY, bold=False,
                   first_word_width=len(text.split()[0]) * 5.5 + 3, chars=len(text))


def _justified_page(page: int, rows: list[str], last_x1: float) -> list[PdfLine]:
    right = LEFT + WIDTH
    return [_line(r, page, 100 + k * STEP, right if k < len(rows) - 1 else last_x1) for k, r in enumerate(rows)]


@pytest.mark.parametrize(
    ("last_x1", "next_start", "joined"),
    [
        (LEFT + WIDTH, "weiter geht es mit dem Satz.", True),  # full line, mid-sentence: one paragraph
        (LEFT + WIDTH, "Der nächste Satz folgt hier.", True),  # full line ending a sentence: a page cut it
        # stops short (but the next word would not have fitted) before the break: the paragraph ended
        (LEFT + WIDTH - 30, "Gleichzeitig beginnt ein neuer Absatz.", False),
    ],
)
def test_paragraphs_across_a_page_break(last_x1, next_start, joined):
    rows = ["Das ist eine volle Zeile im Blocksatz mit vielen Wörtern darin"] * 6
    last = "und das Ende der Seite kommt nun." if next_start[0].isupper() else "und das Ende der Seite kommt nun"
    first = _justified_page(0, [*rows, last], last_x1)
    second = _justified_page(1, [next_start, *rows], LEFT + 200)
    got = pdf_route.make_blocks(first + second, [], BODY)
    assert (len(got) == 1) == joined


@pytest.mark.parametrize("gap", [4.5, 6.0])
def test_full_last_lines_and_a_small_gap_still_separate_paragraphs(gap):
    """Every line full (justified, the last one too), so only the vertical space tells."""
    rows = ["Das ist eine volle Zeile im Blocksatz mit vielen Wörtern darin."] * 3
    lines, y = [], 100.0
    for _ in range(3):
        for row in rows:
            lines.append(_line(row, 0, y, LEFT + WIDTH))
            y += STEP
        y += gap
    got = pdf_route.make_blocks(lines, [], BODY)
    assert len(got) == 3


def test_footnotes_are_kept_apart_after_the_text():
    """A paragraph runs on across a page break, with a footnote at the foot of the first page: the
    paragraph stays whole, the note (its marker dropped) follows the article's text as its own block."""
    words = (PARAGRAPHS[0] + " " + PARAGRAPHS[1]).split()
    first_rows = wrap(" ".join(words[:24]), BODY, WIDTH)
    rest_rows = wrap(" ".join(words[24:]), BODY, WIDTH)
    page1 = [Line.of(LEFT, 90 + k * STEP, BODY, row) for k, row in enumerate(first_rows)]
    note = "Vgl. Beschluss des Stadtrats vom 3. März 2024, Drucksache 12/345."
    page1 += [Line(LEFT, 760, 6.5, [Run("1", size=6.5)]), Line.of(LEFT + 6, 764, 9, note)]
    page2 = [Line.of(LEFT, 90 + k * STEP, BODY, row) for k, row in enumerate(rest_rows)]
    got = [t for _, t in blocks(raw_pdf([page1, page2]))]
    assert got == [" ".join(words), note]


@pytest.mark.parametrize("form", ["- {n} -", "Seite {n}/3", "Seite {n} von 3", "{n}", "–{n}–"])
@pytest.mark.parametrize("where", [40.0, 800.0])
def test_page_numbers_in_every_form_go(form, where):
    """A page-number line at the head or foot of every page, in the forms offices use; the paragraph
    running on across the pages stays one."""
    words = " ".join(PARAGRAPHS * 2).split()
    thirds = [words[: len(words) // 3], words[len(words) // 3 : 2 * len(words) // 3], words[2 * len(words) // 3 :]]
    pages = []
    for n, part in enumerate(thirds, 1):
        rows = wrap(" ".join(part), BODY, WIDTH)
        lines = [Line.of(LEFT, 90 + k * STEP, BODY, row) for k, row in enumerate(rows)]
        lines.append(Line.of(280, where, 10, form.format(n=n)))
        pages.append(lines)
    got = blocks(raw_pdf(pages))
    text = " ".join(t for _, t in got)
    assert text.replace(" ", "") == " ".join(words).replace(" ", "")
