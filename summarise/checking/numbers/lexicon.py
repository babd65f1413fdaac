"""The few word lists number extraction needs.

English month names come from Babel's CLDR data, German ones from summarise.language.german. The
rest are small hand-written tables, each kept short: no library we use covers them (text2num parses number words such as "zweiundzwanzig" or
"twenty-five" but knows nothing of scale abbreviations, currencies, German/English ordinals, or the
German "Billion" = English "trillion" trap), and matching them with one regex per language is what
keeps the checker fast.
"""

from __future__ import annotations

from babel.dates import get_month_names

from ...language.german import MONTH_ABBREVIATIONS, MONTH_NUMBERS


def _months(locales: tuple[str, ...], extra: dict[str, int]) -> dict[str, int]:
    names: dict[str, int] = {}
    for loc in locales:
        for width in ("wide", "abbreviated"):
            for num, name in get_month_names(width, locale=loc).items():
                names[name.rstrip(".").lower()] = num
    names.update(extra)
    return names


# German month names are language knowledge (summarise.language.german, with Austrian "Jänner"/"Feber"
# and the newspaper short forms), English ones come from CLDR.
GERMAN_MONTHS = MONTH_NUMBERS | MONTH_ABBREVIATIONS
ENGLISH_MONTHS = _months(("en",), {"sept": 9})
ENGLISH_MONTH_NAMES = {n: name.lower() for n, name in get_month_names("wide", locale="en").items()}
# Full month names (the abbreviations keep their dot in a span: "3. Feb.", "Feb. 3").
GERMAN_MONTH_WORDS = frozenset(MONTH_NUMBERS)
ENGLISH_MONTH_WORDS = frozenset(ENGLISH_MONTH_NAMES.values())

# Scale words multiply the number before them. German "Billion" is 10^12 (English "trillion"):
# the classic mistranslation the checker must catch, so the table follows each language's own scale.
GERMAN_SCALES = {
    "tausend": 1e3, "tsd": 1e3,
    "million": 1e6, "millionen": 1e6, "mio": 1e6, "mill": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "md": 1e9,
    "billion": 1e12, "billionen": 1e12, "bio": 1e12,
    "billiarde": 1e15, "billiarden": 1e15, "dutzend": 12,
}  # fmt: skip
ENGLISH_SCALES = {
    "thousand": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# Single-letter scales ("$5m", "€2bn", "£40k") are only scales right after a currency symbol:
# elsewhere "5m" is five metres.
ENGLISH_SHORT_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "mn": 1e6, "tn": 1e12}

# Currency words and symbols → ISO code. Only the unit is tolerated when comparing, so this
# serves display and the "currency" kind; a short list of the currencies news text mentions.
CURRENCIES = {
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR", "cent": "ct", "cents": "ct", "ct": "ct",
    "$": "USD", "us$": "USD", "us-$": "USD", "dollar": "USD", "dollars": "USD", "us-dollar": "USD", "usd": "USD",
    "£": "GBP", "pfund": "GBP", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP",
    "chf": "CHF", "franken": "CHF", "franc": "CHF", "francs": "CHF", "fr.": "CHF", "sfr.": "CHF",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rubel": "RUB", "rubles": "RUB", "roubles": "RUB",
    "kronen": "SEK", "kronor": "SEK", "krone": "DKK", "lira": "TRY", "rupien": "INR", "rupees": "INR",
}  # fmt: skip

# Units after a number: only shown in reports (a converted unit is a paraphrase, not an error).
GERMAN_UNITS = {
    "millimeter": "mm", "mm": "mm", "zentimeter": "cm", "cm": "cm", "meter": "m", "m": "m",
    "kilometer": "km", "km": "km", "quadratmeter": "m²", "qm": "m²", "m²": "m²", "hektar": "ha", "ha": "ha",
    "kilogramm": "kg", "kilo": "kg", "kg": "kg", "gramm": "g", "g": "g", "tonnen": "t", "tonne": "t", "t": "t",
    "liter": "l", "l": "l", "grad": "°", "°": "°", "°c": "°C", "prozentig": "%",
    "sekunden": "s", "sekunde": "s", "minuten": "min", "minute": "min", "min": "min",
    "stunden": "h", "stunde": "h", "std": "h", "tage": "day", "tagen": "day", "tag": "day", "tägig": "day",
    "tägige": "day", "tägigen": "day", "tägiger": "day", "monatige": "month", "monatigen": "month",
    "wochen": "week", "woche": "week", "monate": "month", "monaten": "month", "monat": "month",
    "jahre": "year", "jahren": "year", "jahr": "year", "jährig": "year", "jährige": "year", "jährigen": "year",
    "jähriger": "year", "km/h": "km/h", "kw": "kW", "mw": "MW", "ps": "hp",
}  # fmt: skip
ENGLISH_UNITS = {
    "millimetre": "mm", "millimeter": "mm", "millimetres": "mm", "millimeters": "mm", "mm": "mm",
    "centimetre": "cm", "centimeter": "cm", "centimetres": "cm", "centimeters": "cm", "cm": "cm",
    "metre": "m", "meter": "m", "metres": "m", "meters": "m", "m": "m", "kilometre": "km", "kilometer": "km",
    "kilometres": "km", "kilometers": "km", "km": "km", "mile": "mi", "miles": "mi", "hectares": "ha", "ha": "ha",
    "kilogram": "kg", "kilograms": "kg", "kilos": "kg", "kg": "kg", "grams": "g", "g": "g", "tonnes": "t",
    "tons": "t", "litres": "l", "liters": "l", "degrees": "°", "°": "°", "°c": "°C",
    "seconds": "s", "minutes": "min", "min": "min", "hours": "h", "hour": "h", "day": "day", "days": "day",
    "week": "week", "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year",
    "km/h": "km/h", "mph": "mph", "kw": "kW", "mw": "MW", "hp": "hp",
}  # fmt: skip

# Inflected and compound unit words both extractors also read (pint knows English names only).
GERMAN_UNITS.update({
    "millimetern": "mm", "zentimetern": "cm", "metern": "m", "kilometern": "km", "quadratmetern": "m²",
    "quadratkilometer": "km²", "quadratkilometern": "km²", "km²": "km²", "kubikmeter": "m³", "kubikmetern": "m³",
    "m³": "m³", "milligramm": "mg", "mg": "mg", "mikrogramm": "µg", "kilogramms": "kg", "grammen": "g",
    "litern": "l", "milliliter": "ml", "millilitern": "ml", "ml": "ml", "grad celsius": "°C",
    "grad fahrenheit": "°F", "°f": "°F", "kilometer pro stunde": "km/h", "kilometern pro stunde": "km/h",
    "stundenkilometer": "km/h", "stundenkilometern": "km/h", "meilen": "mi", "fuß": "ft", "zoll": "in",
    "kilowatt": "kW", "megawatt": "MW", "gigawatt": "GW", "gw": "GW", "kilowattstunden": "kWh", "kwh": "kWh",
    "megawattstunden": "MWh", "mwh": "MWh", "höhenmeter": "m", "höhenmetern": "m", "wochenstunden": "h", "stündig": "h",
    "minütig": "min", "wöchig": "week", "monatig": "month", "kilometerlang": "km", "meterlang": "m",
})  # fmt: skip
ENGLISH_UNITS.update({
    "square metres": "m²", "square meters": "m²", "square metre": "m²",
    "square meter": "m²", "sq m": "m²", "square kilometres": "km²", "square kilometers": "km²", "sq km": "km²",
    "km²": "km²", "m²": "m²", "cubic metres": "m³", "cubic meters": "m³", "m³": "m³", "milligrams": "mg",
    "milligram": "mg", "mg": "mg", "micrograms": "µg", "gram": "g", "kilogrammes": "kg", "tonne": "t",
    "ton": "t", "pounds": "lb", "lbs": "lb", "lb": "lb", "ounces": "oz", "oz": "oz", "litre": "l", "liter": "l",
    "millilitres": "ml", "milliliters": "ml", "ml": "ml", "gallons": "gal", "gallon": "gal", "feet": "ft",
    "foot": "ft", "ft": "ft", "inches": "in", "inch": "in", "yards": "yd", "acres": "acre", "acre": "acre",
    "hectare": "ha", "degrees celsius": "°C", "degrees fahrenheit": "°F", "degrees c": "°C", "degrees f": "°F",
    "°f": "°F", "fahrenheit": "°F", "celsius": "°C", "kilometres per hour": "km/h", "kilometers per hour": "km/h",
    "kph": "km/h", "miles per hour": "mph", "kilowatts": "kW", "megawatts": "MW", "gigawatts": "GW", "gw": "GW",
    "kilowatt hours": "kWh", "kilowatt-hours": "kWh", "kwh": "kWh", "megawatt hours": "MWh", "mwh": "MWh",
    "second": "s", "minute": "min",
})  # fmt: skip

# Words before digits that make the digits part of a name: "Formel 1", "Windows 11", "ICE 578",
# "Paragraf 218", "Hannover 96". Such numbers are matched like any other, but a name the translation
# renames or drops is no missing quantity (see `summarise.checking.numbers`).
GERMAN_NAME_WORDS = frozenset({
    "formel", "windows", "ice", "ic", "ec", "paragraf", "paragraph", "paragrafen",
    "paragraphen", "§", "§§", "artikel", "apollo", "boeing", "airbus", "linie", "flug", "gleis", "sojus",
    "ariane", "iphone", "galaxy", "playstation", "hannover", "darmstadt", "bundesstraße", "landesstraße",
    "kreisstraße", "bundesautobahn", "autobahn", "route", "kanal", "ps", "abschnitt", "absatz", "bahnsteig",
})  # fmt: skip
ENGLISH_NAME_WORDS = frozenset({
    "formula", "windows", "ice", "section", "sections", "article", "articles", "paragraph", "§", "apollo",
    "boeing", "airbus", "line", "flight", "platform", "soyuz", "ariane", "iphone", "galaxy", "playstation",
    "hanover", "hannover", "darmstadt", "route", "highway", "interstate", "channel", "clause", "chapter",
})  # fmt: skip

# German number-word atoms: text2num parses any concatenation of these ("zweitausenddreihundert"),
# the regex only has to find them. "sech"/"sieb" are the stems of sechzehn/siebzig.
GERMAN_NUMBER_ATOMS = (
    "null", "eins", "ein", "zwei", "zwo", "drei", "vier", "fünf", "sechs", "sech", "sieben", "sieb", "acht",
    "neun", "zehn", "elf", "zwölf", "zwanzig", "dreißig", "dreissig", "vierzig", "fünfzig", "sechzig",
    "siebzig", "achtzig", "neunzig", "hundert", "tausend", "und",
)  # fmt: skip
# Adjective endings glued to a number word ("dreijährige", "zweitägigen", "fünfmal"): the number
# inside them must still be seen, like the digit in "3-jährige".
GERMAN_WORD_SUFFIXES = (
    "jährig", "tägig", "wöchig", "monatig", "stündig", "minütig", "fach", "mal", "malig", "köpfig",
    "stöckig", "teilig", "seitig", "stellig", "spurig", "sitzig", "prozentig",
)  # fmt: skip
# German fractions (denominator words): "ein Drittel", "zwei Drittel".
GERMAN_FRACTIONS = {
    "halb": 2,
    "drittel": 3,
    "viertel": 4,
    "fünftel": 5,
    "sechstel": 6,
    "achtel": 8,
    "zehntel": 10,
}
ENGLISH_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                     "fifth": 5, "fifths": 5, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}  # fmt: skip

ENGLISH_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
    "trillion", "dozen",
)  # fmt: skip
# English ordinals that are not "cardinal + th" (text2num parses the cardinal once it is recovered).
ENGLISH_IRREGULAR_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fifth": 5,
    "eighth": 8,
    "ninth": 9,
    "twelfth": 12,
}
# Same for German: "erste" is not "ein" + "te"; "dritte", "siebte", "achte" drop or keep letters.
GERMAN_IRREGULAR_ORDINALS = {"erst": 1, "dritt": 3, "siebt": 7, "siebent": 7, "acht": 8}

# For rendering small numbers the way English text spells them (and for repair suggestions).
ENGLISH_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")  # fmt: skip
ENGLISH_SMALL_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                          "ninth", "tenth", "eleventh", "twelfth")  # fmt: skip
DECADE_WORDS_DE = {"zwanziger": 20, "dreißiger": 30, "dreissiger": 30, "vierziger": 40, "fünfziger": 50,
                   "sechziger": 60, "siebziger": 70, "achtziger": 80, "neunziger": 90}  # fmt: skip
DECADE_WORDS_EN = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                   "seventies": 70, "eighties": 80, "nineties": 90}  # fmt: skip

# Data sizes, kitchen and trade units (issue 25): "2 GB" is not "2 MB"; "2 EL" is two tablespoons.
_DATA = {"kb": "kB", "kilobyte": "kB", "kilobytes": "kB", "mb": "MB", "megabyte": "MB", "megabytes": "MB",
         "gb": "GB", "gigabyte": "GB", "gigabytes": "GB", "tb": "TB", "terabyte": "TB", "terabytes": "TB"}  # fmt: skip
GERMAN_UNITS.update(_DATA | {"el": "tbsp", "esslöffel": "tbsp", "tl": "tsp", "teelöffel": "tsp",
                             "zentner": "ztr", "promille": "‰"})  # fmt: skip
ENGLISH_UNITS.update(_DATA | {"tbsp": "tbsp", "tablespoon": "tbsp", "tablespoons": "tbsp", "tsp": "tsp",
                              "teaspoon": "tsp", "teaspoons": "tsp", "hundredweight": "ztr", "per mille": "‰",
                              "per mil": "‰"})  # fmt: skip

# "zigfach" / "many times higher": a factor said without a figure. It is a multiple with a value no
# written factor has, so the two pair with each other and differ from every exact one ("tenfold",
# "a hundred times"), which the source does not support.
VAGUE_MANY_TIMES = 1e12
