"""Issue 23's classes outside the PDF geometry: news-page furniture (headline duplicates, kickers,
leads the extractor loses, captions and credits, author boxes, dateline fragments), Word cover pages
and credit lines, and the line rules every line-based source shares (lettered list items, URL
hyphens, a function word broken at a line end)."""

from __future__ import annotations

import io

import pytest

from summarise.ingest import document_from_bytes, segment_text
from summarise.ingest.lines import join_lines, line_end_hyphen, starts_continuation
from summarise.ingest.web_furniture import is_credit, is_web_furniture, strip_glued_credit

BODY = [
    "Die Gewerkschaft hat ihre Mitglieder für Mittwoch zu einem Streik aufgerufen, der bis zum 26. Februar "
    "dauern soll. Betroffen sind rund 3.000 Verbindungen im Fern- und Regionalverkehr.",
    "Die Verhandlungen sollen am 3. März um 14.30 Uhr fortgesetzt werden, sagte ein Sprecher der Bahn.",
    "Der Fahrgastverband Pro Bahn kritisierte den Zeitpunkt des Streiks als rücksichtslos gegenüber Pendlern.",
]
LEAD = "Millionen Pendler müssen sich auf einen weiteren Streiktag einstellen. Was Fahrgäste wissen müssen."


def page(article: str, head: str = "") -> bytes:
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>TB | Bahnstreik legt den Fernverkehr lahm</title>{head}</head><body>
<header><h1 class="logo">Tagesblatt – Ihre Zeitung für die Region</h1></header>
<main><article>{article}</article></main>
<footer>© 2024 Tagesblatt</footer></body></html>""".encode()


def blocks(data: bytes) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in document_from_bytes(data, name="p.html").blocks]


def paragraphs_html(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_headline_is_chosen_against_the_whole_title_and_its_kicker_copy_goes():
    article = (
        '<h1><span class="kicker">Verkehr</span> Bahnstreik legt den Fernverkehr lahm</h1>'
        '<div class="meta"><span class="dateline">-Aktualisiert am</span></div>'
        "<h2>Verkehr : Bahnstreik legt den Fernverkehr lahm</h2>" + paragraphs_html(BODY)
    )
    got = blocks(page(article))
    assert got == [("title", "Verkehr Bahnstreik legt den Fernverkehr lahm")] + [("paragraph", t) for t in BODY]


def test_captions_credits_author_boxes_and_dates_go():
    article = (
        "<h1>Bahnstreik legt den Fernverkehr lahm</h1>"
        '<div class="article-image"><p>Ein leerer Bahnsteig in Berlin. Bild: dpa</p></div>'
        f"<p>{BODY[0]}</p><p>{BODY[1]}</p><p>{BODY[2]}Foto: photocase.de</p>"
        '<div class="author-box"><p>Anna Schmidt</p><p>Redakteurin in der Wirtschaft.</p></div>'
        "<p>22.12.2018</p>"
    )
    got = blocks(page(article))
    assert got == [("title", "Bahnstreik legt den Fernverkehr lahm")] + [("paragraph", t) for t in BODY]


def test_a_lead_the_extractor_drops_comes_back_from_the_shown_description():
    head = f'<meta name="description" content="{LEAD}">'
    article = (
        "<header><h1>Bahnstreik legt den Fernverkehr lahm</h1>"
        f'<p class="article-header__lead">{LEAD}</p></header>' + paragraphs_html(BODY)
    )
    got = blocks(page(article, head))
    assert ("paragraph", LEAD) in got
    assert got.index(("paragraph", LEAD)) == 1
    assert [t for k, t in got].count(LEAD) == 1


def test_a_description_that_is_not_shown_on_the_page_is_not_a_lead():
    head = f'<meta name="description" content="{LEAD}">'
    got = blocks(page("<h1>Bahnstreik legt den Fernverkehr lahm</h1>" + paragraphs_html(BODY), head))
    assert LEAD not in [t for _, t in got]


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("-Aktualisiert am", True),
        ("Zuletzt aktualisiert am 12.03.2024, 10:45 Uhr", True),
        ("Auch Herbert Grönemeyer gehört zu den Unterstützern. Bild: dpa", True),
        ("22.12.2018", True),
        ("Die Zahl der Streiktage stieg (Quelle: Destatis) deutlich an.", False),
        ("Aktualisiert wird die Liste jeden Montag, sagte der Sprecher.", False),
    ],
)
def test_web_furniture_by_wording(text, furniture):
    assert is_web_furniture(text) == furniture


def test_glued_credits_and_credit_lines():
    assert strip_glued_credit("… vor den Kartellbehörden.Foto: photocase.de") == "… vor den Kartellbehörden."
    assert strip_glued_credit("Der Umsatz stieg. Quelle: Destatis. Das ist viel.").endswith("Das ist viel.")
    assert is_credit("Quelle: https://dribbble.com/tags/game-menu")
    assert not is_credit("Quelle der Zahlen ist das Statistische Bundesamt.")


# --------------------------------------------------------------------------- Word


def _docx_with_cover(title_parts: list[str], other: list[str], body: list[tuple[str, str]]) -> bytes:
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    v = 'xmlns:v="urn:schemas-microsoft-com:vml"'

    def para(text: str, half_points: int) -> str:
        return f'<w:p><w:r><w:rPr><w:sz w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'

    box = "".join(para(t, 72) for t in title_parts) + "".join(para(t, 32) for t in other)
    cover = parse_xml(
        f'<w:p {w} {v}><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{box}</w:txbxContent>'
        "</v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    document.element.body.insert(0, cover)
    for style, text in body:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_cover_page_title_from_its_text_box():
    data = _docx_with_cover(
        ["Internet Security, ", "Hacking, Cyber-Crime"],
        ["TGM Wien", "Polydor, Taschner, Weinberger"],
        [("Heading 1", "Internet Security"), (None, BODY[0]), (None, "Quelle: https://example.org/bild.png")],
    )
    got = [(b.kind, b.text) for b in document_from_bytes(data, name="d.docx").blocks]
    assert got == [
        ("title", "Internet Security, Hacking, Cyber-Crime"),
        ("heading", "Internet Security"),
        ("paragraph", BODY[0]),
    ]


# --------------------------------------------------------------------------- lines


def test_lettered_list_items_are_no_continuation():
    assert not starts_continuation("b) Da das Klagebegehren somit nicht über den Antrag hinausging,")
    assert not starts_continuation("aa) Strukturelle Parallelen")
    assert starts_continuation("bis zum Abend, sagte er.")
    text = (
        "a) Der Kläger hat die Klage entgegen der Auffassung des Beklagten nicht erweitert.\n\n"
        "b) Da das Klagebegehren somit nicht über den Antrag hinausging, hat das Gericht nichts übersehen."
    )
    assert len(segment_text(text, markdown=False).blocks) == 2


def test_urls_keep_their_hyphens_across_a_line_end():
    left = "http://www.philopedia.de/index.php/teilbereiche/utilitarismus#h2-1-das-"
    assert line_end_hyphen(left, "konsequenzprinzip") == "keep"
    assert join_lines([left, "konsequenzprinzip"]) == left + "konsequenzprinzip"
    assert line_end_hyphen("Mail an info@stadt-", "verwaltung.de schreiben") == "keep"


def test_a_function_word_broken_at_a_line_end_is_joined_but_ellipses_stay():
    assert join_lines(["Teilaspekte des RefE so-", "wie der Richtlinie"]) == "Teilaspekte des RefE sowie der Richtlinie"
    assert join_lines(["Mittel für die Kinder-", "und Jugendhilfe"]) == "Mittel für die Kinder- und Jugendhilfe"
