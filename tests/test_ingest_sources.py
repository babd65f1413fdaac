"""Web pages, Word files, detection by content, pasted PDF text and mixed encodings."""

from __future__ import annotations

import io
import logging
import zipfile

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from summarise.errors import InputError
from summarise.ingest import decode_text, document_from_bytes, read_document, segment_text, sniff

runner = CliRunner()


def blocks_of(doc) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


# --------------------------------------------------------------------------- HTML

NEWS_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Bahn streikt erneut | Tagesblatt</title></head>
<body>
<div id="cookie-banner">Wir verwenden Cookies. <button>Akzeptieren</button></div>
<header><div class="logo">Tagesblatt</div>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav></header>
<div class="breadcrumb">Startseite › Wirtschaft › Bahn</div>
<main><article>
<h1>Bahn&shy;streik legt den Fern&shy;verkehr lahm</h1>
<p class="byline">Von Anna Schmidt · 12.03.2024, 10:45 Uhr</p>
<figure><img src="zug.jpg"><figcaption>Ein leerer Bahnsteig in Berlin. Foto: dpa</figcaption></figure>
<p>Die Gewerkschaft hat ihre Mitglieder für Mittwoch zu einem Streik aufgerufen, der bis zum 26. Februar
dauern soll. Betroffen sind rund 3.000 Verbindungen im Fern- und Regionalverkehr.</p>
<aside class="related"><strong>Lesen Sie auch</strong><ul><li><a href="/a">Was Fahrgäste jetzt wissen müssen</a></li>
<li><a href="/b">GDL-Chef im Porträt</a></li></ul></aside>
<h2>Wie geht es weiter?</h2>
<p>Die Verhandlungen sollen am 3. März um 14.30 Uhr fortgesetzt werden, sagte ein Sprecher der Bahn in Berlin.</p>
<p>Der Fahrgastverband Pro Bahn kritisierte den Zeitpunkt des Streiks als rücksichtslos gegenüber Pendlern.</p>
</article></main>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a> © 2024 Tagesblatt</footer>
</body></html>
"""


def test_html_news_page():
    doc = document_from_bytes(NEWS_PAGE.encode("utf-8"), name="bahn.html", suffix=".html")
    blocks = blocks_of(doc)
    assert blocks[0] == ("title", "Bahnstreik legt den Fernverkehr lahm")
    assert ("heading", "Wie geht es weiter?") in blocks
    paragraphs = [t for k, t in blocks if k == "paragraph"]
    assert (
        paragraphs[0].startswith("Die Gewerkschaft hat ihre Mitglieder")
        and "26. Februar dauern" in paragraphs[0]
    )
    assert paragraphs[-1].startswith("Der Fahrgastverband Pro Bahn")
    text = doc.text
    for boilerplate in ("Cookies", "Startseite", "Impressum", "Lesen Sie auch", "Foto: dpa", "Anna Schmidt"):
        assert boilerplate not in text
    assert "\u00ad" not in text


def test_html_detected_by_content_not_name(tmp_path):
    path = tmp_path / "artikel"  # saved without a suffix
    path.write_bytes(NEWS_PAGE.encode("utf-8"))
    assert sniff(path.read_bytes()) == "html"
    assert read_document(path).title == "Bahnstreik legt den Fernverkehr lahm"


def test_text_mentioning_tags_stays_text():
    text = b"Der Titel\n\nIm Quelltext stand <p> und <div>, sagte der Entwickler.\n"
    assert sniff(text, ".txt") == "text"
    assert document_from_bytes(text, name="a.txt", suffix=".txt").blocks[1].text.startswith("Im Quelltext")


def test_broken_html_is_one_line_exit_2(tmp_path):
    path = tmp_path / "kaputt.html"
    path.write_bytes(b"<!DOCTYPE html><html><head><title>x</title></head><body><nav><a>Start</a></nav>")
    result = runner.invoke(app, ["segment", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "web page without article text" in lines[0] and "kaputt.html" in lines[0]


# --------------------------------------------------------------------------- Word


def make_docx(paragraphs: list[tuple[str, str]]) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("title_style", ["Title", "Heading 1"])
def test_docx_headings_from_styles(title_style):
    data = make_docx(
        [
            (title_style, "Haushalt 2026 beschlossen"),
            ("Normal", "Der Bundestag hat den Haushalt mit 387 Stimmen verabschiedet."),
            ("Heading 2", "Kritik der Opposition"),
            ("Normal", "Die Opposition spricht von einem Haushalt auf Pump.\u00ad"),
            ("Normal", ""),
        ]
    )
    doc = document_from_bytes(data, name="haushalt.docx", suffix=".docx")
    assert blocks_of(doc) == [
        ("title", "Haushalt 2026 beschlossen"),
        ("paragraph", "Der Bundestag hat den Haushalt mit 387 Stimmen verabschiedet."),
        ("heading", "Kritik der Opposition"),
        ("paragraph", "Die Opposition spricht von einem Haushalt auf Pump."),
    ]


def test_docx_detected_by_content(tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_bytes(make_docx([("Title", "Titel"), ("Normal", "Ein Absatz mit 3 Zahlen.")]))
    assert read_document(path).title == "Titel"


def test_renamed_zip_is_not_a_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("README.txt", "Fotos vom Termin")
    path = tmp_path / "bericht.docx"
    path.write_bytes(buf.getvalue())
    result = runner.invoke(app, ["segment", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a Word document" in lines[0] and "bericht.docx" in lines[0]


def test_damaged_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not xml")
        z.writestr("[Content_Types].xml", "<broken")
    with pytest.raises(InputError, match="docx"):
        document_from_bytes(buf.getvalue(), name="x.docx")


# --------------------------------------------------------------------------- pasted PDF text


def test_page_number_lines_are_dropped_also_inside_a_hyphenated_word():
    text = (
        "Die Regierung legte am Montag die Ergeb-\n2\nnisse der Untersuchung vor, die\n"
        "seit März lief. Ein Sprecher sagte, man sei zufrieden.\n"
    )
    doc = segment_text(text)
    assert blocks_of(doc) == [
        (
            "paragraph",
            "Die Regierung legte am Montag die Ergebnisse der Untersuchung vor, die seit März lief. "
            "Ein Sprecher sagte, man sei zufrieden.",
        )
    ]


def test_page_number_line_is_not_a_heading():
    text = (
        "Streik bei der Bahn\n\nDie Gewerkschaft ruft für Mittwoch zum Streik auf, der bis zum\n"
        "Abend dauern soll.\n\nSeite 2\n\nBetroffen sind nach Angaben der Bahn rund 3.000 Verbindungen.\n"
    )
    assert [k for k, _ in blocks_of(segment_text(text))] == ["title", "paragraph", "paragraph"]


def test_running_heads_of_a_paste_are_dropped():
    page = (
        "Tagesblatt · Politik\nSeite {n}\nDie Regierung legte am Montag die Ergebnisse der Untersuchung\n"
        "vor, die seit März lief. Ein Sprecher sagte, man sei zufrieden mit dem\n"
        "Verlauf der Gespräche und erwarte eine Einigung.\n"
    )
    text = "Titel der Meldung\n" + "".join(page.format(n=n) for n in (1, 2, 3))
    doc = segment_text(text)
    assert "Tagesblatt" not in doc.text and "Seite" not in doc.text
    assert doc.blocks[0] == ("title", "Titel der Meldung") or doc.blocks[0].text == "Titel der Meldung"


@pytest.mark.parametrize("dash", ["-", "–"])
def test_line_starting_with_a_dash_continues_the_sentence(dash):
    text = (
        "Ob die Regierung bei ihrem Kurs bleibt, ist offen. Wird sie nachgeben\n"
        f"{dash} und wird es dabei bleiben? Das wollte der Sprecher nicht sagen.\n"
    )
    assert len(segment_text(text).blocks) == 1


def test_dash_bullets_after_a_colon_stay_a_list():
    text = "Die Gewerkschaft fordert:\n\n- mehr Lohn für alle\n- eine kürzere Woche\n"
    assert len(segment_text(text).blocks) == 3


# --------------------------------------------------------------------------- mixed encodings (issue 13)


def test_mixed_utf8_and_cp1252_keeps_the_utf8_umlauts(caplog):
    utf8 = "Nordkorea verstärkt Russlands Truppen – „Größte Sorge“ in Seoul.\n".encode()
    cp1252 = "Die Behörden prüfen die Überweisung über 3.000 €.\n".encode("cp1252")
    data = utf8 + cp1252 + "Übrigens: Straße für Straße wird geräumt.\n".encode()
    with caplog.at_level(logging.WARNING, logger="summarise"):
        text = decode_text(data, "gemischt.txt")
    assert text.splitlines() == [
        "Nordkorea verstärkt Russlands Truppen – „Größte Sorge“ in Seoul.",
        "Die Behörden prüfen die Überweisung über 3.000 €.",
        "Übrigens: Straße für Straße wird geräumt.",
    ]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "gemischt.txt" in warnings[0].getMessage()
    assert "1 of 4 lines" in warnings[0].getMessage() and "cp1252" in warnings[0].getMessage()


def test_mixed_encoding_warns_once_on_the_cli(tmp_path):
    path = tmp_path / "gemischt.txt"
    path.write_bytes(
        "Titel mit Umlaut ä\n\n".encode()
        + "Die Prüfung läuft.\n".encode("cp1252")
        + "Größer wird es nicht.\n".encode()
    )
    result = runner.invoke(app, ["segment", str(path)])
    assert result.exit_code == 0
    assert "Titel mit Umlaut ä" in result.stdout and "Die Prüfung läuft." in result.stdout
    assert "Ã" not in result.stdout


def test_pure_legacy_file_is_not_called_mixed(caplog):
    data = "Größe\nASCII line\nÜbung\n".encode("cp1252")
    with caplog.at_level(logging.WARNING, logger="summarise"):
        assert decode_text(data) == "Größe\nASCII line\nÜbung\n"
    assert not [r for r in caplog.records if "mixes" in r.getMessage()]


def test_docx_table_rows_are_kept_in_order():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Wahlergebnis", style="Title")
    document.add_paragraph("Die Parteien kamen auf folgende Anteile:")
    table = document.add_table(rows=2, cols=2)
    for r, (party, share) in enumerate([("CDU", "31,2 Prozent"), ("SPD", "25,7 Prozent")]):
        table.cell(r, 0).text, table.cell(r, 1).text = party, share
    document.add_paragraph("Die Wahlbeteiligung lag bei 76 Prozent.")
    out = io.BytesIO()
    document.save(out)
    doc = document_from_bytes(out.getvalue(), name="wahl.docx")
    assert [b.text for b in doc.blocks] == [
        "Wahlergebnis",
        "Die Parteien kamen auf folgende Anteile:",
        "CDU | 31,2 Prozent",
        "SPD | 25,7 Prozent",
        "Die Wahlbeteiligung lag bei 76 Prozent.",
    ]


def test_html_logo_in_an_h1_is_not_the_title():
    page = NEWS_PAGE.replace('<div class="logo">Tagesblatt</div>', "<h1>Tagesblatt</h1>")
    doc = document_from_bytes(page.encode("utf-8"), name="bahn.html")
    assert doc.title == "Bahnstreik legt den Fernverkehr lahm"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_html_without_a_declared_charset_keeps_its_umlauts(encoding):
    page = (
        "<html><head><title>Maßnahmen</title></head><body><article><h1>Größere Maßnahmen für Übergänge</h1>"
        "<p>Die Öko-Prämie beträgt 3,5 Millionen Euro und wird ab März ausgezahlt, sagte die Ministerin.</p>"
        "<p>Kritiker halten die Summe für viel zu gering und fordern mehr Geld für die Länder.</p>"
        "</article></body></html>"
    )
    doc = document_from_bytes(page.encode(encoding), name="seite.html")
    assert doc.title == "Größere Maßnahmen für Übergänge"
    assert doc.blocks[1].text.startswith("Die Öko-Prämie beträgt") and len(doc.blocks) == 3


def test_repeated_speaker_names_in_an_interview_stay():
    text = (
        "Interview mit der Ministerin\n\nSPIEGEL\n\nWie geht es weiter mit dem Haushalt?\n\n"
        "Müller\n\nWir sparen, wo es geht.\n\nSPIEGEL\n\nUnd die Schulen?\n\nMüller\n\nDie bekommen mehr.\n"
    )
    assert segment_text(text).text.count("SPIEGEL") == 2


def test_running_head_with_its_page_number_on_one_line_is_dropped():
    body = (
        "Die Regierung legte am Montag die Ergebnisse der Untersuchung vor, die seit\n"
        "März lief. Ein Sprecher sagte, man sei zufrieden mit dem Verlauf der Gespräche\n"
    )
    text = "".join(f"Tagesblatt Politik Seite {n}\n{body}" for n in (1, 2, 3))
    doc = segment_text("Titel der Meldung\n\n" + text)
    assert "Tagesblatt" not in doc.text and "Seite" not in doc.text
