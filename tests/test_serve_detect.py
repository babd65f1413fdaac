"""Language detection for /detect and `source: auto` (summarise.serve.language): any of LibreTranslate's
languages, ranked with confidences in percent, German (the server's source) favoured only where a
short line is ambiguous. The real py3langid model, shipped in its wheel."""

from __future__ import annotations

import pytest

pytest.importorskip("py3langid")

from summarise.serve.language import detect_language  # noqa: E402

SENTENCES = {
    "de": "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
    "en": "The federal government approved a new law on Wednesday to promote renewable energy.",
    "fr": "Le gouvernement fédéral a adopté mercredi une nouvelle loi pour promouvoir les énergies renouvelables.",
    "es": "El gobierno federal aprobó el miércoles una nueva ley para fomentar las energías renovables.",
    "it": "Il governo federale ha approvato mercoledì una nuova legge per promuovere le energie rinnovabili.",
    "nl": "De federale regering heeft woensdag een nieuwe wet aangenomen om hernieuwbare energie te bevorderen.",
    "pl": "Rząd federalny przyjął w środę nową ustawę wspierającą odnawialne źródła energii.",
    "ru": "В среду федеральное правительство приняло новый закон о поддержке возобновляемой энергетики.",
    "tr": "Federal hükümet çarşamba günü yenilenebilir enerjiyi teşvik eden yeni bir yasa kabul etti.",
    "ja": "連邦政府は水曜日、再生可能エネルギーを促進する新しい法律を承認した。",
    "nb": "Den føderale regjeringen vedtok onsdag en ny lov for å fremme fornybar energi.",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_each_language_is_detected_first_with_a_ranked_confidence_list(language):
    result = detect_language(SENTENCES[language])
    assert result[0]["language"] == language, result
    assert result[0]["confidence"] > 50
    confidences = [c["confidence"] for c in result]
    assert confidences == sorted(confidences, reverse=True) and all(0 <= c <= 100 for c in confidences)
    assert sum(confidences) <= 100.05 and len({c["language"] for c in result}) == len(result)


@pytest.mark.parametrize("text", ["Der Minister kam.", "Erste Zeile.\n\nDritte Zeile.", "Rund 3.000 Soldaten."])
def test_short_german_lines_stay_german(text):
    assert detect_language(text)[0]["language"] == "de"


def test_text_without_words_is_the_servers_language_with_no_confidence():
    assert detect_language("3.000 / 12,5 %") == [{"language": "de", "confidence": 0.0}]
