"""The name check's word lists, loaded once per process and kept as frozen sets and plain dicts.

- titles and roles that put a name after them (German and English);
- given names (data/first_names.txt, hand-compiled) and names seen in WMT 2014-2017 (data/wmt_names.txt);
- the gazetteer: German form → English forms, from CLDR via Babel (every territory and language name in
  German and English) and the curated tables data/exonyms.tsv, demonyms.tsv, inhabitants.tsv;
- word frequencies (wordfreq, read as far as needed by `summarise.lang.frequency`).

A glossary (issue 22, part 3) is one more gazetteer: `Lexicon.with_terms` adds German → English rows
that the same matcher then requires and accepts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Words before a name. German: lower-cased, matched as a whole word or as the end of a compound
# ("Bundesgesundheitsminister", "Ex-Kanzlerin", "Nationaltrainer").
GERMAN_TITLES = frozenset(["herr", "herrn", "frau", "dr", "dr.", "prof", "prof.", "professor", "professorin"])
GERMAN_ROLE_ENDINGS = (
    "kanzler", "kanzlerin", "minister", "ministerin", "präsident", "präsidentin", "präsidenten",
    "trainer", "trainerin", "chef", "chefin", "sprecher", "sprecherin", "vorsitzende", "vorsitzender",
    "vorsitzenden", "bürgermeister", "bürgermeisterin", "richter", "richterin", "anwalt", "anwältin",
    "staatsanwalt", "kommissar", "kommissarin", "botschafter", "botschafterin", "direktor", "direktorin",
    "senator", "senatorin", "abgeordnete", "abgeordneten", "gouverneur", "papst", "könig", "königin",
    "prinz", "prinzessin", "sänger", "sängerin", "schauspieler", "schauspielerin", "regisseur",
    "regisseurin", "autor", "autorin", "stürmer", "torwart", "torhüter", "kapitän", "manager",
    "managerin", "kandidat", "kandidatin", "premier", "premierminister", "premierministerin", "general",
    "kollege", "kollegin", "generalsekretär", "generalsekretärin", "oppositionsführer", "fraktionschef",
    "parteichef", "ministerpräsident", "ministerpräsidentin", "sprecherin", "ceo", "coach", "spieler",
    "spielerin", "fahrer", "fahrerin", "weltmeister", "weltmeisterin", "verteidiger", "verteidigerin",
    "angeklagte", "angeklagten", "zeuge", "zeugin", "komponist", "dirigent", "dirigentin", "künstler",
    "künstlerin", "architekt", "architektin", "bischof", "kardinal", "rabbi", "imam", "diktator", "amtskollege",
    "amtskollegin", "vize", "ex-kanzler", "ex-präsident", "herausforderer", "herausforderin",
)  # fmt: skip
ENGLISH_TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "lady", "lord", "chancellor", "president", "minister", "secretary", "senator", "governor", "mayor", "judge", "justice", "coach", "manager", "king", "queen", "prince", "princess", "pope", "bishop", "cardinal", "captain", "striker", "goalkeeper", "midfielder", "defender", "director", "chairman", "chairwoman", "chair", "ceo", "spokesman", "spokeswoman", "spokesperson", "leader", "premier", "ambassador", "commissioner", "prosecutor", "attorney", "rabbi", "imam", "singer", "actor", "actress", "author", "composer", "conductor", "colleague", "counterpart", "candidate", "challenger", "deputy", "rep", "representative", "sen", "gov", "mp", "mep"]
)
# Capitalised in English without being names.
ENGLISH_NOT_NAMES = frozenset(
    ["i", "i'm", "i've", "i'll", "i'd", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms", "dr", "prof", "st"]
)
GERMAN_NOT_NAMES = frozenset(
    ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "sonnabend"]
)
# Upper-case words that are not names: units, legal forms, Roman numerals, shouting.
NOT_ACRONYMS = frozenset(
    ["AG", "SE", "KG", "GMBH", "GMBH.", "OK", "TV", "PS", "CO", "CO2", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "KW", "MW", "GW", "KWH", "PC", "CD", "DVD", "SMS", "GPS", "USD", "EUR", "CHF", "GBP", "JPY", "PKW", "LKW", "KFZ", "ICH", "ES", "UND", "DER", "DIE", "DAS", "NR", "ID", "FAQ", "PDF", "URL", "VS", "DPA", "AFP", "AP", "SID", "KNA", "EPD", "REUTERS"]
)
# German acronyms English writes differently (the rest are kept as they are: CDU, SPD, NATO, WHO).
ACRONYMS = {
    "EZB": ("ECB", "European Central Bank"), "IWF": ("IMF", "International Monetary Fund"),
    "BIP": ("GDP", "gross domestic product"), "WM": ("World Cup", "world championship", "World Championship", "Worlds", "FIFA World Cup", "world champion"),
    "EM": ("European Championship", "Euro", "European Championships", "Euros", "UEFA European Championship"),
    "DDR": ("GDR", "East Germany", "East German"), "BRD": ("FRG", "Federal Republic", "West Germany", "Germany"),
    "USA": ("USA", "US", "U.S.", "United States", "America", "American"),
    "UdSSR": ("USSR", "Soviet Union"), "EuGH": ("ECJ", "European Court of Justice"), "UNO": ("UN", "United Nations", "UNO"),
    "ÖVP": ("ÖVP", "OVP", "Austrian People's Party", "People's Party"), "FPÖ": ("FPÖ", "FPO", "Freedom Party"),
    "SPÖ": ("SPÖ", "SPO", "Social Democrats", "Social Democratic Party"), "SVP": ("SVP", "Swiss People's Party", "People's Party"),
    "AKW": ("nuclear power plant", "nuclear plant", "nuclear power station"), "KI": ("AI", "artificial intelligence"),
    "UKW": ("FM",), "NRW": ("NRW", "North Rhine-Westphalia"), "EWG": ("EEC",), "OSZE": ("OSCE",),
    "BVB": ("BVB", "Dortmund", "Borussia Dortmund"), "HSV": ("HSV", "Hamburg"), "DFB": ("DFB", "German Football Association", "German FA"),
    "COVID": ("COVID", "Covid", "coronavirus", "corona", "pandemic"), "Covid": ("Covid", "COVID", "coronavirus", "corona", "pandemic"),
    "Corona": ("coronavirus", "corona", "Covid", "COVID", "pandemic", "epidemic", "virus"),
    "Eurozone": ("eurozone", "euro zone", "euro area", "Eurozone"), "Twitter": ("Twitter", "tweet", "tweets", "tweeted"),
    "UN": ("UN", "U.N.", "United Nations"), "US": ("US", "U.S.", "USA", "American", "United States", "America"),
    "Franziskus": ("Francis", "Franziskus"),
    "DGB": ("DGB", "Confederation of German Trade Unions"), "BKA": ("BKA", "Federal Criminal Police Office"),
}  # fmt: skip
# Which parties and organisations are the same thing under another acronym or name in English.
PARTY_NAMES = {
    "CDU": ("CDU", "Christian Democrats", "Christian Democratic Union", "conservatives"),
    "CSU": ("CSU", "Christian Social Union", "Bavarian sister party"),
    "SPD": ("SPD", "Social Democrats", "Social Democratic Party", "Social Democrat"),
    "FDP": ("FDP", "Free Democrats", "Free Democratic Party", "liberals", "Liberals"),
    "AfD": ("AfD", "Alternative for Germany", "Alternative für Deutschland"),
}


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _words(name: str) -> frozenset[str]:
    out: set[str] = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            out.update(line.split())
    return frozenset(out)


@dataclass
class Lexicon:
    first_names: frozenset[str]
    known_names: frozenset[str]
    # German form (one or more words, as written) → English forms; first-word index for phrases.
    gazetteer: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # first word → phrases (word tuples), longest first
    adjectives: dict[str, tuple[str, ...]]  # lower-case German adjective stem → English forms
    english_known: frozenset[str]  # lower-cased English forms of all gazetteer entries (single words)
    english_to_german: dict[str, tuple[str, ...]]  # lower-cased English form or word → German forms
    optional: frozenset[str]  # German forms that need not appear in English (Münchner, Wiener)
    english_adjectives: frozenset[str]  # lower-cased English adjectives of places (Polish, Viennese)
    english_places: frozenset[str]  # English exonyms of cities, regions, rivers (Munich)
    german_freq: dict[str, float] = field(repr=False, default_factory=dict)
    english_freq: dict[str, float] = field(repr=False, default_factory=dict)
    # German names of countries (CLDR), cities, regions, rivers: a compound's place modifier is optional.
    german_places: frozenset[str] = frozenset()

    def german_zipf(self, word: str) -> float:
        f = self.german_freq.get(word.casefold())
        return math.log10(f) + 9 if f else 0.0

    def english_zipf(self, word: str) -> float:
        f = self.english_freq.get(word.casefold())
        return math.log10(f) + 9 if f else 0.0

    def with_terms(self, terms: dict[str, tuple[str, ...]]) -> Lexicon:
        """This lexicon plus German → English rows (a glossary): matched like the gazetteer."""
        gazetteer = {**self.gazetteer, **terms}
        return Lexicon(self.first_names, self.known_names, gazetteer, _phrase_index(gazetteer), self.adjectives,
                       *_english_index(gazetteer, self.adjectives, self.english_freq), self.optional,
                       self.english_adjectives, self.english_places, self.german_freq, self.english_freq,
                       self.german_places)  # fmt: skip


def _phrase_index(gazetteer: dict[str, tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for german in gazetteer:
        words = tuple(german.split())
        if len(words) > 1:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


# Words of multi-word English forms that are too common to stand for the name alone ("The Hague").
_COMMON_FORM_WORD = 3.0


def _english_index(gazetteer: dict, adjectives: dict, english_freq: dict) -> tuple[frozenset[str], dict]:
    """The English forms as name words (lower case), and English form or word → German forms."""
    known: set[str] = set()
    back: dict[str, set[str]] = {}
    common = 10 ** (_COMMON_FORM_WORD - 9)
    for german, forms in (*gazetteer.items(), *adjectives.items()):
        for form in forms:
            lower = form.lower()
            words = lower.split()
            for w in (lower, *words) if len(words) > 1 else (lower,):
                if w == lower or english_freq.get(w, 0.0) < common:
                    known.add(w)
                    back.setdefault(w, set()).add(german.lower())
    return frozenset(known), {k: tuple(sorted(v)) for k, v in back.items()}


def _cldr() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Territory names (Frankreich → France) and language adjectives (polnisch → Polish) from CLDR."""
    from babel import Locale

    de, en = Locale("de"), Locale("en")
    places: dict[str, tuple[str, ...]] = {}
    for code, german in de.territories.items():
        english = en.territories.get(code)
        if english and not code.isdigit() and german[0].isupper():
            forms = [english]
            short = en.territories.get(code)  # "United States" etc. get their short forms from the table
            if short not in forms:
                forms.append(short)
            places.setdefault(german, tuple(forms))
    adjectives: dict[str, tuple[str, ...]] = {}
    for code, german in de.languages.items():
        english = en.languages.get(code)
        if english and german.isalpha() and german.endswith("isch") and " " not in english:
            adjectives.setdefault(german.lower(), (english,))
    return places, adjectives


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    from ...language.frequency import frequencies_above

    places, adjectives = _cldr()
    gazetteer: dict[str, tuple[str, ...]] = dict(places)
    # CLDR's English names are formal ("United States", "Czechia"): everyday forms are also right.
    extra = {"Vereinigte Staaten": ("United States", "US", "U.S.", "USA", "America"),
             "Vereinigten Staaten": ("United States", "US", "U.S.", "USA", "America"),
             "Großbritannien": ("Britain", "Great Britain", "UK", "United Kingdom"),
             "Vereinigtes Königreich": ("United Kingdom", "UK", "Britain"), "Russland": ("Russia",),
             "Tschechien": ("Czech Republic", "Czechia"), "Türkei": ("Turkey", "Türkiye"),
             "Niederlande": ("Netherlands", "Holland"), "Holland": ("Holland", "Netherlands"),
             "Deutschland": ("Germany",), "Amerika": ("America", "US", "United States"),
             "Europa": ("Europe",), "Afrika": ("Africa",), "Asien": ("Asia",), "Südamerika": ("South America", "Latin America"),
             "Nordkorea": ("North Korea",), "Südkorea": ("South Korea",), "Weißrussland": ("Belarus",),
             "Elfenbeinküste": ("Ivory Coast", "Côte d'Ivoire"), "Kongo": ("Congo",), "Myanmar": ("Myanmar", "Burma")}  # fmt: skip
    for german, forms in extra.items():
        gazetteer[german] = tuple(dict.fromkeys((*forms, *gazetteer.get(german, ()))))
    optional = set()
    places_en = set()
    places_de = set(places) | {"US", "USA", "EU", "UN", "UNO"}
    for german, forms, kind in _rows("exonyms.tsv"):
        gazetteer[german] = tuple(forms.split("|"))
        if kind in ("city", "region", "river", "island", "water", "mountains"):
            places_en.update(f for f in forms.split("|") if " " not in f and f != german)
            places_de.add(german)
        if kind in ("adjective", "ruler"):  # a ruler's name is an everyday given name too: accepted, not required
            optional.add(german)
    for german, forms in _rows("inhabitants.tsv"):
        if german not in gazetteer:  # inhabitants may become a country, a team, "the Dutch side": optional
            gazetteer[german] = tuple(forms.split("|"))
            optional.add(german)
    for german, forms in {**ACRONYMS, **PARTY_NAMES}.items():
        gazetteer[german] = forms
    for stem, forms in _rows("demonyms.tsv"):
        adjectives[stem] = tuple(forms.split("|"))
    # An adjective also supports its country: französische Truppen → "French troops" or "France's troops".
    for stem, forms in list(adjectives.items()):
        country = next((english for german, english in places.items() if german[:4].lower() == stem[:4]), None)
        if country and len(stem) >= 4 and country[0] not in forms:
            adjectives[stem] = (*forms, country[0])
    german_freq = frequencies_above("de", 2.5)
    english_freq = frequencies_above("en", 2.0)
    known, back = _english_index(gazetteer, adjectives, english_freq)
    return Lexicon(
        first_names=_words("first_names.txt"),
        known_names=_words("wmt_names.txt"),
        gazetteer=gazetteer,
        phrases=_phrase_index(gazetteer),
        adjectives=adjectives,
        english_known=known,
        english_to_german=back,
        optional=frozenset(optional),
        english_places=frozenset(places_en),
        english_adjectives=frozenset(
            f.lower() for forms in adjectives.values() for f in forms if f.lower() not in {g.lower() for v in gazetteer.values() for g in v}
        ),
        german_freq=german_freq,
        english_freq=english_freq,
        german_places=frozenset(places_de),
    )
