"""Each number recogniser on its own: which one takes a notation, and the Number it makes.

The extractors are registries of small recognisers tried in order (`summarise.checking.numbers.registry`):
digit tokens, number words and context. Every registered recogniser has rows here (a test checks it),
so a new notation is one recogniser plus one row. Spans are checked against the text every time: the
check report and the review page point at them.
"""

from __future__ import annotations

import pytest

from summarise.checking.numbers import english, extract_english, extract_german, german
from summarise.checking.numbers.lexicon import VAGUE_MANY_TIMES
from summarise.checking.numbers.parsing import digit_tokens

# (language, recogniser, text, span, value, kind, unit)
TOKEN_CASES = [
    ("de", "name", "Der 1. FC Nürnberg verlor.", "1", 1, "code", None),
    ("de", "name", "Schalke 04 gewann.", "04", 4, "code", "SCHALKE"),
    ("de", "name", "Es geht um Paragraf 218.", "218", 218, "code", "PARAGRAF"),
    ("de", "code", "Stau auf der A7.", "7", 7, "code", "A"),
    ("de", "code", "Er hatte COVID-19.", "19", 19, "code", "COVID"),
    ("de", "multiple", "Der Wert ist 10-fach höher.", "10-fach", 10, "multiple", None),
    ("de", "score", "Nach dem 6-1-Sieg jubelten sie.", "6-1", 6, "score", None),
    ("de", "slash", "Die Saison 2017/18 begann.", "2017", 2017, "year", None),
    ("de", "colon", "Bayern gewann 3:1.", "3:1", 3, "score", None),
    ("de", "colon", "Es begann 14:30 Uhr.", "14:30 Uhr", 14.5, "time", "h"),
    ("de", "numeric date", "Am 04.05.2018 kam er.", "04.05.", 4, "date", None),
    ("de", "dotted time or date", "Um 7.15 Uhr fuhr er.", "7.15 Uhr", 7.25, "time", "h"),
    ("de", "month date", "Er kam am 26. Februar.", "26. Februar", 26, "date", None),
    ("de", "hour", "Um 8 Uhr abends ging es los.", "8 Uhr abends", 20, "time", "h"),
    ("de", "quarter clock", "Wir treffen uns um Viertel nach 3.", "Viertel nach 3", 3.25, "time", "h"),
    ("de", "quarter clock", "Er kam um Viertel vor 12 Uhr.", "Viertel vor 12 Uhr", 11.75, "time", "h"),
    ("de", "quarter clock", "Der Zug fährt um halb 8.", "halb 8", 7.5, "time", "h"),
    ("de", "quantity", "Es fielen 35 Millimeter Regen.", "35", 35, "cardinal", "mm"),
    ("de", "quantity", "Das kostet 2,5 Mio. Euro.", "2,5 Mio. Euro", 2.5e6, "currency", "EUR"),
    ("en", "name", "It is about Section 218.", "218", 218, "code", "SECTION"),
    ("en", "code", "Traffic on the A9 was slow.", "9", 9, "code", "A"),
    ("en", "multiple", "Demand rose 10-fold.", "10-fold", 10, "multiple", None),
    ("en", "multiple", "It is 1.5 times as high.", "1.5 times", 1.5, "multiple", None),
    ("en", "numeric date", "On 04/05/2018 he came.", "04/05/", 5, "date", None),
    ("en", "slash", "He ate 1/2 of it.", "1/2", 0.5, "fraction", None),
    ("en", "colon", "It starts at 2:30 p.m. today.", "2:30 p.m.", 14.5, "time", "h"),
    ("en", "colon", "The ratio was 16:9.", "16:9", 16, "score", None),
    ("en", "score", "Bayern won 3-1 in Mainz.", "3-1", 3, "score", None),
    ("en", "clock", "The bakery opens at 6.30 in the evening.", "6.30 in the evening", 18.5, "time", "h"),
    ("en", "quarter clock", "We meet at a quarter past 3.", "a quarter past 3", 3.25, "time", "h"),
    ("en", "feet and inches", "He is about 5ft 11in tall.", "5ft 11in", 71, "cardinal", "in"),
    ("en", "month date", "He came on Feb. 26.", "Feb. 26", 26, "date", None),
    ("en", "quantity", "The route is 3.1 miles long.", "3.1", 3.1, "cardinal", "mi"),
    ("en", "quantity", "It costs 1,5 euros.", "1,5 euros", 1.5, "currency", "EUR"),
]

WORD_CASES = [
    ("de", "quarterclock", "Wir treffen uns um Viertel nach drei.", "Viertel nach drei", 3.25, "time", "h"),
    ("de", "quarterclock", "Er kam um Viertel vor zwölf.", "Viertel vor zwölf", 11.75, "time", "h"),
    ("de", "quarterclock", "Der Zug fährt um dreiviertel neun.", "dreiviertel neun", 8.75, "time", "h"),
    ("de", "partunit", "Es dauerte ein Dreivierteljahr.", "Dreivierteljahr", 0.75, "cardinal", "year"),
    ("de", "partunit", "Warten Sie eine Viertelstunde.", "Viertelstunde", 0.25, "cardinal", "h"),
    ("de", "partunit", "Das dauert eine halbe Stunde.", "halbe Stunde", 0.5, "cardinal", "h"),
    ("de", "zig", "Die Zahl ist zigfach höher.", "zigfach", VAGUE_MANY_TIMES, "multiple", None),
    ("de", "multiple", "Es ist anderthalbmal so hoch.", "anderthalbmal", 1.5, "multiple", None),
    ("de", "multiple", "Sie zahlt den dreifachen Betrag.", "dreifachen", 3, "multiple", None),
    ("de", "frac", "Zwei Drittel blieben.", "Zwei Drittel", 2 / 3, "fraction", None),
    ("de", "multiple", "Die Zahl hat sich verdoppelt.", "verdoppelt", 2, "multiple", None),
    ("de", "multiple", "Die Kosten haben sich vervierfacht.", "vervierfacht", 4, "multiple", None),
    ("de", "multiple", "Strom ist dreimal so teuer.", "dreimal so", 3, "multiple", None),
    ("de", "multiple", "Das Ticket ist halb so teuer.", "halb so", 0.5, "multiple", None),
    ("de", "vague", "Hunderte Menschen kamen.", "Hunderte", 100, "vague", None),
    ("de", "half", "Er blieb zweieinhalb Jahre.", "zweieinhalb", 2.5, "cardinal", "year"),
    ("de", "decade", "Seit einem Jahrzehnt.", "Jahrzehnt", 10, "cardinal", "year"),
    ("de", "last16", "Im Achtelfinale verlor er.", "Achtelfinale", 16, "cardinal", None),
    ("de", "goalless", "Das Spiel blieb torlos.", "torlos", 0, "score", None),
    ("de", "ord", "Zum dritten Mal gewann er.", "dritten", 3, "ordinal", None),
    ("de", "ord", "Erstmals sank die Zahl.", "Erstmals", 1, "ordinal", None),
    ("de", "dec", "In den Neunzigern.", "Neunzigern", 90, "decade", None),
    ("de", "doz", "Ein Dutzend Eier.", "Dutzend", 12, "cardinal", None),
    ("de", "art", "Das kostet eine Milliarde Euro.", "eine Milliarde Euro", 1e9, "currency", "EUR"),
    ("de", "card", "Zweiundzwanzig Tore fielen.", "Zweiundzwanzig", 22, "cardinal", None),
    ("en", "halfpast", "We met at half past two.", "half past two", 2.5, "time", "h"),
    ("en", "quarterclock", "It starts at a quarter past three.", "a quarter past three", 3.25, "time", "h"),
    ("en", "quarterclock", "It ends at quarter to twelve.", "quarter to twelve", 11.75, "time", "h"),
    ("en", "britishhalf", "The bus leaves at half eight.", "half eight", 8.5, "time", "h"),
    ("en", "partunit", "It takes half an hour.", "half an hour", 0.5, "cardinal", "h"),
    ("en", "interval", "The bus runs every half hour.", "every half hour", 0.5, "cardinal", "h"),
    ("en", "interval", "Readings are sent half-hourly.", "half-hourly", 0.5, "cardinal", "h"),
    ("en", "interval", "The ferry leaves hourly.", "hourly", 1, "cardinal", "h"),
    ("de", "interval", "Der Bus fährt halbstündig.", "halbstündig", 0.5, "cardinal", "h"),
    ("de", "interval", "Die Werte kommen viertelstündlich.", "viertelstündlich", 0.25, "cardinal", "h"),
    ("de", "interval", "Die Fähre fährt stündlich.", "stündlich", 1, "cardinal", "h"),
    ("de", "interval", "Die anderthalbstündige Führung beginnt.", "anderthalbstündige", 1.5, "cardinal", "h"),
    ("en", "partunit", "It took three quarters of a year.", "three quarters of a year", 0.75, "cardinal", "year"),
    ("en", "manytimes", "Requests are many times higher.", "many times", VAGUE_MANY_TIMES, "multiple", None),
    ("en", "multiple", "Sales have tripled.", "tripled", 3, "multiple", None),
    ("en", "multiple", "It is three times as expensive.", "three times", 3, "multiple", None),
    ("en", "multiple", "Demand rose tenfold.", "tenfold", 10, "multiple", None),
    ("en", "vague", "Tens of thousands took to the streets.", "Tens of thousands", 1e4, "vague", None),
    ("en", "goalless", "It ended in a goalless draw.", "goalless", 0, "score", None),
    ("en", "halfa", "Half a million people came.", "Half a million", 5e5, "cardinal", None),
    ("en", "unithalf", "It lasted an hour and a half.", "an hour and a half", 1.5, "cardinal", "h"),
    ("en", "andhalf", "It lasted two and a half years.", "two and a half", 2.5, "cardinal", "year"),
    ("en", "noon", "It starts at noon.", "noon", 12, "time", "h"),
    ("en", "decade", "For a decade.", "decade", 10, "cardinal", "year"),
    ("en", "frac", "Two thirds agreed.", "Two thirds", 2 / 3, "fraction", None),
    ("en", "ord", "For the twenty-first time.", "twenty-first", 21, "ordinal", None),
    ("en", "dec", "Back in the nineties.", "nineties", 90, "decade", None),
    ("en", "card", "Twenty-two goals.", "Twenty-two", 22, "cardinal", None),
]

# (language, recogniser, text, span, value, kind, unit): what context makes of a number
CONTEXT_CASES = [
    ("de", "sign", "Es wird minus 4 Grad kalt.", "minus 4", -4, "cardinal", "°"),
    ("de", "sign", "Die Prognose liegt bei -0,7 Prozent.", "-0,7 Prozent", -0.7, "percent", "%"),
    ("de", "sign", "Es waren 5 Grad unter null.", "5", -5, "cardinal", "°"),
    ("de", "decline", "Ein Rückgang um 5 Prozent.", "5 Prozent", 5, "percent", "%"),
    ("de", "duration", "Er bekam 2 Jahre und 6 Monate.", "2 Jahre und 6", 2.5, "cardinal", "year"),
    ("en", "sign", "It was −0.4 percent.", "−0.4 percent", -0.4, "percent", "%"),
    ("en", "sign", "It was 4 degrees below zero.", "4", -4, "cardinal", "°"),
    ("en", "decline", "There was a 5 percent drop.", "5 percent", 5, "percent", "%"),
    ("en", "duration", "He got two years and six months.", "two years and six", 2.5, "cardinal", "year"),
    ("de", "regnal", "Heinrich VIII. hatte sechs Frauen.", "VIII", 8, "ordinal", None),
    ("de", "regnal", "Papst Pius X. starb 1914.", "X", 10, "ordinal", None),
    ("de", "regnal", "In Kategorie II wohnen sie in Hütten.", "II", 2, "ordinal", None),
    ("en", "regnal", "They play Rot-Weiß II today.", "II", 2, "ordinal", None),
    ("en", "regnal", "The subsidy in regeneration area III was cut.", "III", 3, "ordinal", None),
    ("de", "day list", "Die Messe läuft vom 4. bis 14. Oktober.", "4", 4, "date", None),
    ("de", "day list", "Gesperrt am 16./17. August.", "16", 16, "date", None),
    ("en", "day list", "The fair runs from October 4 to 14.", "14", 14, "date", None),
    ("en", "day list", "Closed on 16/17 August.", "17 August", 17, "date", None),
    ("de", "regnal", "Papst Johannes XXIII. starb 1963.", "XXIII", 23, "ordinal", None),
    ("de", "ranked", "Im dritten Quartal sank der Gewinn.", "dritten", 3, "ordinal", "quarter"),
    ("en", "regnal", "Henry VIII had six wives.", "VIII", 8, "ordinal", None),
    ("en", "regnal", "It ended World War I.", "I", 1, "ordinal", None),
    ("en", "ranked", "Profit fell in the third quarter.", "third", 3, "ordinal", "quarter"),
    ("de", "share", "Heute lebt jeder Dritte unter der Armutsgrenze.", "jeder Dritte", 1 / 3, "fraction", None),
    ("de", "share", "Jedes fünfte Kind ist arm.", "Jedes fünfte", 1 / 5, "fraction", None),
    ("en", "share", "One in three Egyptians is poor.", "One in three", 1 / 3, "fraction", None),
    ("en", "share", "It hits 1 in 5 children.", "1 in 5", 1 / 5, "fraction", None),
    ("en", "share", "Every fourth school lacks teachers.", "Every fourth", 1 / 4, "fraction", None),
]

_MODULES = {"de": (german, extract_german), "en": (english, extract_english)}


def _the(text: str, span: str, numbers):
    found = [n for n in numbers if n.text == span]
    assert len(found) == 1, [(n.text, n.kind) for n in numbers]
    n = found[0]
    assert text[n.start : n.end] == n.text
    return n


def _check(n, value, kind, unit):
    assert (n.kind, n.unit) == (kind, unit)
    assert n.value == pytest.approx(value)


@pytest.mark.parametrize(("lang", "name", "text", "span", "value", "kind", "unit"), TOKEN_CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in TOKEN_CASES])  # fmt: skip
def test_token_recogniser(lang, name, text, span, value, kind, unit):
    module, extract = _MODULES[lang]
    start = text.index(span)
    tok, tok_start, tok_end = next(t for t in digit_tokens(text) if t[1] <= start < t[2] or t[1] >= start)
    assert module.TOKENS.first(text, tok, tok_start, tok_end, []) == name
    _check(_the(text, span, extract(text)), value, kind, unit)


@pytest.mark.parametrize(("lang", "name", "text", "span", "value", "kind", "unit"), WORD_CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in WORD_CASES])  # fmt: skip
def test_word_recogniser(lang, name, text, span, value, kind, unit):
    module, extract = _MODULES[lang]
    found = module.WORDS.match(text, text.index(span))
    assert found is not None and found[0] == name
    _check(_the(text, span, extract(text)), value, kind, unit)


@pytest.mark.parametrize(("lang", "name", "text", "span", "value", "kind", "unit"), CONTEXT_CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in CONTEXT_CASES])  # fmt: skip
def test_context_recogniser(lang, name, text, span, value, kind, unit):
    module, extract = _MODULES[lang]
    assert name in module.CONTEXT.names()
    n = _the(text, span, extract(text))
    _check(n, value, kind, unit)
    if name == "decline":  # the sign moved into a word: the number also reads as its negative
        assert ("pct", -value) in n.alts


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_recogniser_has_its_own_rows(lang):
    module, _ = _MODULES[lang]
    tables = {"tokens": TOKEN_CASES, "words": WORD_CASES, "context": CONTEXT_CASES}
    for registry, table in (("TOKENS", "tokens"), ("WORDS", "words"), ("CONTEXT", "context")):
        covered = {c[1] for c in tables[table] if c[0] == lang}
        missing = set(getattr(module, registry).names()) - covered
        assert not missing, f"{lang} {registry} recognisers without a test row: {sorted(missing)}"


def test_recognisers_are_tried_in_a_documented_order():
    assert german.TOKENS.names()[:2] == ["name", "code"] and german.TOKENS.names()[-1] == "quantity"
    assert english.TOKENS.names()[-1] == "quantity"
    # specific word notations come before the plain number words they contain ("dreimal so" before "drei")
    assert german.WORDS.names().index("multiple") < german.WORDS.names().index("card")
    assert english.WORDS.names().index("multiple") < english.WORDS.names().index("card")


def test_registering_a_name_twice_is_an_error():
    with pytest.raises(ValueError, match="twice"):
        german.TOKENS.register("quantity")(lambda *a: False)


def test_every_span_points_at_its_text_in_the_case_tables():
    from test_check_cases import SUMMARY_CASES, TRANSLATION_CASES

    for _, german_text, english_text, *_ in TRANSLATION_CASES + SUMMARY_CASES:
        for text, extract in ((german_text, extract_german), (english_text, extract_english)):
            for n in extract(text):
                assert text[n.start : n.end] == n.text, (text, n)


# --- units: magnitude conflicts and real conversions (pint) ---------------------------------------

UNIT_PAIRS = [
    # (German, English, same number?)
    ("5 Kilometer", "3.1 miles", True),
    ("10 Kilometer", "6 miles", True),  # written to the mile: 6.2 rounds to 6
    ("5 Kilometer", "5 miles", False),
    ("100 Kilometer pro Stunde", "62 mph", True),
    ("30 Grad Celsius", "86 degrees Fahrenheit", True),
    ("30 Grad", "86 degrees", True),  # "degrees" may be Fahrenheit in English
    ("20 Kilogramm", "44 pounds", True),
    ("550 Meter", "1,806 feet", False),  # 1,804 feet: the last digit is wrong
    ("30 Monate", "two and a half years", True),
]


@pytest.mark.parametrize(("german_text", "english_text", "same"), UNIT_PAIRS)
def test_conversions_agree_within_the_written_rounding(german_text, english_text, same):
    from summarise.checking.numbers.units import converted_equal

    (s,), (c,) = extract_german(german_text), extract_english(english_text)
    assert converted_equal(s, c) is same


@pytest.mark.parametrize(
    ("german_text", "english_text", "conflict"),
    [("35 Millimeter", "35 centimetres", True), ("80 Cent", "80 euros", True), ("30 Kilogramm", "30 kilometres", True),
     ("35 Millimeter", "35 mm", False), ("80 Euro", "80 dollars", False), ("5 Pfund", "5 pounds", False)],
)  # fmt: skip
def test_equal_numbers_in_other_units_conflict(german_text, english_text, conflict):
    from summarise.checking.numbers.units import units_conflict

    (s,), (c,) = extract_german(german_text), extract_english(english_text)
    assert units_conflict(s, c) is conflict


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "Drei Viertel vor zwei Jahren befragten Bürger stimmten zu."), ("de", "Ein Viertel nach drei Runden."),
     ("en", "Half eight pupils failed."), ("en", "They sold half eight hundred tickets."),
     ("en", "We met at half eight pupils."), ("en", "A quarter of the staff left.")],
)  # fmt: skip
def test_clock_words_do_not_read_counts_as_times(lang, text):
    extract = extract_german if lang == "de" else extract_english
    assert all(n.kind != "time" for n in extract(text)), extract(text)
