"""The name check (issue 22): a table of German sources and English candidates across politics,
business, sport, culture, courts and places; each pair passes as written, and written-out edits of the
English side must fail with the expected problem (missing / altered / added) or pass (accepted
variants). Held-out cases live in tests/test_names_heldout.py."""

from __future__ import annotations

import json

import pytest
from names_cases import ADDED, ALTERED, MISSING, OK, ids, ok, swap

from summarise.checking.checks import check_summary, check_translation
from summarise.checking.names import compare_names, find_english, find_german, lexicon
from summarise.checking.names.normalise import close, german_stems, key

P = {
    # politics
    "pol1": ("Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron.",
             "Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday."),
    "pol2": ("CSU-Chef Markus Söder lehnt die Pläne der Ampel ab.", "CSU leader Markus Söder rejects the coalition's plans."),
    "pol3": ("Die FDP will der Reform im Bundestag nicht zustimmen.", "The FDP does not want to approve the reform in the Bundestag."),
    "pol4": ("Macrons Regierung geriet wegen der Rentenreform unter Druck.", "Macron's government came under pressure over the pension reform."),
    "pol5": ("Die Biden-Regierung verhängte neue Sanktionen gegen Russland.", "The Biden administration imposed new sanctions on Russia."),
    "pol6": ("Der Kremlkritiker Nawalny starb in einem Straflager.", "Kremlin critic Navalny died in a prison camp."),
    "pol7": ("Gorbatschow wurde in Moskau beigesetzt.", "Gorbachev was buried in Moscow."),
    "pol8": ("Außenministerin Annalena Baerbock reiste nach Kiew.", "Foreign Minister Annalena Baerbock travelled to Kyiv."),
    "pol9": ("Die Grünen und die SPD verloren in Hessen deutlich.", "The Greens and the SPD lost heavily in Hesse."),
    "pol10": ("Frankreichs Präsident warnte vor einer Eskalation in Nahost.", "France's president warned of an escalation in the Middle East."),
    "pol11": ("Der Bundesrat billigte das Gesetz am Freitag.", "The upper house approved the law on Friday."),
    "pol12": ("Die polnische Regierung kritisierte die Entscheidung aus Brüssel.", "The Polish government criticised the decision from Brussels."),
    "pol13": ("Herr Bauer von der CDU sprach im Landtag.", "Mr Bauer of the CDU spoke in the state parliament."),
    "pol14": ("Die AfD scheiterte mit ihrer Klage.", "The AfD failed with its lawsuit."),
    "pol15": ("Präsident Selenskyj dankte den Vereinten Nationen.", "President Zelensky thanked the United Nations."),
    # business
    "biz1": ("Die EZB erhöhte den Leitzins, teilte die Notenbank in Frankfurt mit.", "The ECB raised its key rate, the central bank said in Frankfurt."),
    "biz2": ("Volkswagen-Chef Oliver Blume kündigte Einsparungen an.", "Volkswagen CEO Oliver Blume announced savings."),
    "biz3": ("Die Aktie von Siemens stieg in Frankfurt deutlich.", "Siemens shares rose sharply in Frankfurt."),
    "biz4": ("Der Internationale Währungsfonds senkte seine Prognose für Deutschland.", "The International Monetary Fund cut its forecast for Germany."),
    "biz5": ("Lufthansa streicht Flüge nach Mailand und Genf.", "Lufthansa is cancelling flights to Milan and Geneva."),
    "biz6": ("Frau Vogel leitet die Filiale in Köln.", "Ms Vogel runs the branch in Cologne."),
    "biz7": ("Der Chemiekonzern BASF baut in Ludwigshafen Stellen ab.", "Chemicals group BASF is cutting jobs in Ludwigshafen."),
    "biz8": ("Die Deutsche Bank meldete einen Gewinn.", "Deutsche Bank reported a profit."),
    "biz9": ("Herr Fischer übernimmt den Vorsitz des Aufsichtsrats.", "Mr Fischer is taking over as chairman of the supervisory board."),
    "biz10": ("Die Weltbank warnte vor einer Schuldenkrise in Afrika.", "The World Bank warned of a debt crisis in Africa."),
    # sport
    "spo1": ("Trainer Thomas Tuchel lobte seine Mannschaft nach dem Sieg in Dortmund.", "Coach Thomas Tuchel praised his team after the win in Dortmund."),
    "spo2": ("Bayern München gewann in der Champions League gegen Neapel.", "Bayern Munich won against Napoli in the Champions League."),
    "spo3": ("Stürmer Thomas Müller traf zweimal.", "Striker Thomas Müller scored twice."),
    "spo4": ("Die deutsche Nationalmannschaft reist zur WM nach Katar.", "The German national team travels to the World Cup in Qatar."),
    "spo5": ("Torhüter Manuel Neuer fehlt verletzt.", "Goalkeeper Manuel Neuer is out injured."),
    "spo6": ("Alexander Zverev erreichte in Wimbledon das Halbfinale.", "Alexander Zverev reached the semi-finals at Wimbledon."),
    "spo7": ("Borussia Dortmund verpflichtet einen Spieler aus Lissabon.", "Borussia Dortmund is signing a player from Lisbon."),
    "spo8": ("Die Olympischen Spiele in Paris beginnen im Juli.", "The Olympic Games in Paris begin in July."),
    "spo9": ("Herr Braun trainiert den Verein seit zwei Jahren.", "Mr Braun has coached the club for two years."),
    "spo10": ("Der Radprofi fuhr von Lüttich nach Brüssel.", "The cyclist rode from Liège to Brussels."),
    # culture
    "cul1": ("Die Sängerin Helene Fischer tritt in Wien auf.", "Singer Helene Fischer performs in Vienna."),
    "cul2": ("Der Film von Wim Wenders läuft auf der Berlinale.", "The film by Wim Wenders is showing at the Berlinale."),
    "cul3": ("Die Wiener Philharmoniker spielten Beethoven.", "The Vienna Philharmonic played Beethoven."),
    "cul4": ("Der Autor Daniel Kehlmann las in Zürich aus seinem Roman.", "Author Daniel Kehlmann read from his novel in Zurich."),
    "cul5": ("Das Museum in Florenz zeigt Werke von Michelangelo.", "The museum in Florence shows works by Michelangelo."),
    "cul6": ("Die Dirigentin Joana Mallwitz gastiert in Venedig.", "Conductor Joana Mallwitz is performing in Venice."),
    "cul7": ("Das Oktoberfest in München zog Millionen Besucher an.", "The Oktoberfest in Munich drew millions of visitors."),
    "cul8": ("Frau Koch eröffnete die Ausstellung in Dresden.", "Ms Koch opened the exhibition in Dresden."),
    "cul9": ("Der Schauspieler Christoph Waltz drehte in Prag.", "Actor Christoph Waltz was filming in Prague."),
    "cul10": ("Die Band spielte vor dem Kölner Dom.", "The band played in front of Cologne Cathedral."),
    # courts
    "crt1": ("Das Bundesverfassungsgericht in Karlsruhe kippte das Gesetz.", "The Federal Constitutional Court in Karlsruhe struck down the law."),
    "crt2": ("Richterin Anna Weber verurteilte den Angeklagten.", "Judge Anna Weber sentenced the defendant."),
    "crt3": ("Der Europäische Gerichtshof in Luxemburg gab der Kommission recht.", "The European Court of Justice in Luxembourg sided with the Commission."),
    "crt4": ("Herr Schmidt legte Berufung beim Bundesgerichtshof ein.", "Mr Schmidt appealed to the Federal Court of Justice."),
    "crt5": ("Das Landgericht Hamburg verhandelt den Fall ab Dienstag.", "The Hamburg regional court will hear the case from Tuesday."),
    "crt6": ("Staatsanwalt Peter Klein erhob Anklage gegen drei Männer.", "Prosecutor Peter Klein charged three men."),
    "crt7": ("Der Internationale Strafgerichtshof in Den Haag erließ einen Haftbefehl.", "The International Criminal Court in The Hague issued an arrest warrant."),
    "crt8": ("Die Verteidigerin von Herrn Wolf beantragte Freispruch.", "Mr Wolf's defence lawyer asked for an acquittal."),
    # places
    "pla1": ("Das Hochwasser am Rhein erreichte Köln.", "The flooding on the Rhine reached Cologne."),
    "pla2": ("Die Donau trat in Passau über die Ufer.", "The Danube burst its banks in Passau."),
    "pla3": ("Der Zug von München nach Nürnberg fiel aus.", "The train from Munich to Nuremberg was cancelled."),
    "pla4": ("In Bayern und Sachsen schneite es.", "It snowed in Bavaria and Saxony."),
    "pla5": ("Touristen strömen nach Venedig und Neapel.", "Tourists are flocking to Venice and Naples."),
    "pla6": ("Die Fähre fährt von Danzig nach Kopenhagen.", "The ferry runs from Gdansk to Copenhagen."),
    "pla7": ("Warschau und Prag schlossen ein Abkommen.", "Warsaw and Prague concluded an agreement."),
    "pla8": ("Die Krim wurde 2014 von Russland annektiert.", "Crimea was annexed by Russia in 2014."),
    "pla9": ("Ein Sturm traf die Nordsee-Küste bei Bremen.", "A storm hit the North Sea coast near Bremen."),
    "pla10": ("Die Weltgesundheitsorganisation in Genf warnte vor Masern.", "The World Health Organization in Geneva warned of measles."),
}

CASES = [
    *(ok(f"{k}-ok", v) for k, v in P.items()),
    # politics
    swap("pol1-similar", P["pol1"], "Scholz", "Schulz", ALTERED),
    swap("pol1-dropped", P["pol1"], "Chancellor Olaf Scholz met", "The chancellor met", MISSING),
    swap("pol1-city", P["pol1"], "Berlin", "Bonn", ALTERED),
    swap("pol1-added", P["pol1"], "on Monday", "on Monday with Mr Lindner", ADDED),
    swap("pol1-surname-only", P["pol1"], "Emmanuel Macron", "Macron", OK),
    swap("pol2-similar", P["pol2"], "Söder", "Seehofer", ALTERED),
    swap("pol2-no-umlaut", P["pol2"], "Söder", "Soeder", OK),
    swap("pol2-party", P["pol2"], "CSU leader", "CDU leader", ALTERED),
    swap("pol3-party", P["pol3"], "FDP", "FPÖ", ALTERED),
    swap("pol3-english-party", P["pol3"], "The FDP", "The Free Democrats", OK),
    swap("pol3-parliament", P["pol3"], "the Bundestag", "parliament", OK),
    swap("pol3-dropped", P["pol3"], "The FDP does", "They do", MISSING),
    swap("pol4-dropped", P["pol4"], "Macron's government", "The government", MISSING),
    swap("pol4-similar", P["pol4"], "Macron's", "Marcon's", OK),  # one letter in a long name: tolerated as a typo
    swap("pol4-other", P["pol4"], "Macron's", "Merkel's", ALTERED),
    swap("pol5-other", P["pol5"], "Biden", "Trump", ALTERED),
    swap("pol5-country", P["pol5"], "Russia", "Belarus", ALTERED),
    swap("pol5-dropped", P["pol5"], "The Biden administration", "Washington", MISSING),
    swap("pol6-german-spelling", P["pol6"], "Navalny", "Nawalny", OK),
    swap("pol6-other", P["pol6"], "Navalny", "Khodorkovsky", ALTERED),
    swap("pol6-dropped", P["pol6"], "critic Navalny died", "critic died", MISSING),
    swap("pol7-german-spelling", P["pol7"], "Gorbachev", "Gorbatschow", OK),
    swap("pol7-city", P["pol7"], "Moscow", "Minsk", ALTERED),
    swap("pol7-dropped", P["pol7"], " in Moscow", "", MISSING),
    swap("pol8-city", P["pol8"], "Kyiv", "Kiev", OK),
    swap("pol8-other-city", P["pol8"], "Kyiv", "Kharkiv", ALTERED),
    swap("pol8-similar", P["pol8"], "Baerbock", "Habeck", ALTERED),
    swap("pol9-region", P["pol9"], "Hesse", "Hessen", OK),
    swap("pol9-other-region", P["pol9"], "Hesse", "Bavaria", ALTERED),
    swap("pol9-party", P["pol9"], "SPD", "SPÖ", ALTERED),
    swap("pol9-greens", P["pol9"], "The Greens", "The Green Party", OK),
    swap("pol10-country", P["pol10"], "France's", "Italy's", ALTERED),
    swap("pol10-mideast", P["pol10"], "Middle East", "Near East", ALTERED),
    swap("pol11-kept", P["pol11"], "The upper house", "The Bundesrat", OK),
    swap("pol11-english", P["pol11"], "The upper house", "The Federal Council", OK),
    swap("pol11-dropped", P["pol11"], "The upper house approved", "They approved", MISSING),
    swap("pol12-country", P["pol12"], "Polish", "Czech", OK),  # adjectives are compared loosely
    swap("pol12-city", P["pol12"], "Brussels", "Berlin", ALTERED),
    swap("pol13-farmer", P["pol13"], "Mr Bauer", "Mr Farmer", ALTERED),
    swap("pol13-party", P["pol13"], "CDU", "CSU", ALTERED),
    swap("pol13-dropped", P["pol13"], "Mr Bauer of the CDU spoke", "A CDU member spoke", MISSING),
    swap("pol14-party", P["pol14"], "AfD", "NPD", ALTERED),
    swap("pol14-english", P["pol14"], "The AfD", "The Alternative for Germany", OK),
    swap("pol15-transliteration", P["pol15"], "Zelensky", "Zelenskyy", OK),
    swap("pol15-german-spelling", P["pol15"], "Zelensky", "Selenskyj", OK),
    swap("pol15-other", P["pol15"], "Zelensky", "Poroshenko", ALTERED),
    swap("pol15-un", P["pol15"], "the United Nations", "the UN", OK),
    swap("pol15-un-dropped", P["pol15"], "thanked the United Nations", "said thanks", MISSING),
    # business
    swap("biz1-acronym", P["biz1"], "The ECB", "The EZB", OK),
    swap("biz1-english", P["biz1"], "The ECB", "The European Central Bank", OK),
    swap("biz1-other", P["biz1"], "The ECB", "The Fed", ALTERED),
    swap("biz1-city", P["biz1"], "Frankfurt", "Paris", ALTERED),
    swap("biz2-similar", P["biz2"], "Blume", "Blum", ALTERED),
    swap("biz2-flower", P["biz2"], "Oliver Blume", "Oliver Flower", ALTERED),
    swap("biz2-company", P["biz2"], "Volkswagen CEO", "VW CEO", OK),
    swap("biz2-other-company", P["biz2"], "Volkswagen CEO", "BMW CEO", ALTERED),
    swap("biz3-possessive", P["biz3"], "Siemens shares", "Siemens' shares", OK),
    swap("biz3-dropped", P["biz3"], "Siemens shares", "Shares", MISSING),
    swap("biz4-acronym", P["biz4"], "The International Monetary Fund", "The IMF", OK),
    swap("biz4-country", P["biz4"], "Germany", "Austria", ALTERED),
    swap("biz4-dropped", P["biz4"], " for Germany", "", MISSING),
    swap("biz5-exonym", P["biz5"], "Milan", "Munich", ALTERED),
    swap("biz5-german-name", P["biz5"], "Geneva", "Genf", OK),
    swap("biz5-other", P["biz5"], "Geneva", "Zurich", ALTERED),
    swap("biz5-dropped", P["biz5"], " and Geneva", "", MISSING),
    swap("biz6-bird", P["biz6"], "Ms Vogel", "Ms Bird", ALTERED),
    swap("biz6-city", P["biz6"], "Cologne", "Bonn", ALTERED),
    swap("biz6-german-city", P["biz6"], "Cologne", "Köln", OK),
    swap("biz7-acronym", P["biz7"], "BASF", "BSAF", ALTERED),
    swap("biz7-city", P["biz7"], "Ludwigshafen", "Mannheim", ALTERED),
    swap("biz8-dropped", P["biz8"], "Deutsche Bank reported", "The bank reported", MISSING),
    swap("biz8-other", P["biz8"], "Deutsche Bank", "Commerzbank", MISSING),  # Commerzbank: no evidence of its own
    swap("biz9-fisher", P["biz9"], "Mr Fischer", "Mr Fisher", ALTERED),
    swap("biz9-other", P["biz9"], "Mr Fischer", "Mr Meyer", ALTERED),
    swap("biz10-continent", P["biz10"], "Africa", "Asia", ALTERED),
    swap("biz10-dropped", P["biz10"], "The World Bank warned", "It warned", MISSING),
    # sport
    swap("spo1-similar", P["spo1"], "Tuchel", "Tucher", ALTERED),
    swap("spo1-city", P["spo1"], "Dortmund", "Dresden", ALTERED),
    swap("spo1-added", P["spo1"], "his team", "his team and Mr Nagelsmann", ADDED),
    swap("spo2-exonym", P["spo2"], "Napoli", "Naples", OK),
    swap("spo2-german-club", P["spo2"], "Bayern Munich", "Bayern München", OK),
    swap("spo2-short-club", P["spo2"], "Bayern Munich", "Bayern", OK),
    swap("spo2-other", P["spo2"], "Napoli", "Milan", ALTERED),
    swap("spo3-miller", P["spo3"], "Thomas Müller", "Thomas Miller", ALTERED),
    swap("spo3-no-umlaut", P["spo3"], "Müller", "Mueller", OK),
    swap("spo3-dropped", P["spo3"], "Striker Thomas Müller scored", "The striker scored", MISSING),
    swap("spo4-cup", P["spo4"], "the World Cup", "the European Championship", MISSING),
    swap("spo4-country", P["spo4"], "Qatar", "Kuwait", ALTERED),
    swap("spo5-similar", P["spo5"], "Neuer", "Neumann", ALTERED),
    swap("spo5-dropped", P["spo5"], "Goalkeeper Manuel Neuer is", "The goalkeeper is", MISSING),
    swap("spo6-similar", P["spo6"], "Zverev", "Sverev", OK),  # transliteration: Swerew / Zverev / Sverev
    swap("spo6-other", P["spo6"], "Zverev", "Federer", ALTERED),
    swap("spo7-exonym", P["spo7"], "Lisbon", "Lissabon", OK),
    swap("spo7-city", P["spo7"], "Lisbon", "Porto", ALTERED),
    swap("spo7-club", P["spo7"], "Borussia Dortmund", "Dortmund", OK),
    swap("spo8-english", P["spo8"], "The Olympic Games", "The Olympics", OK),
    swap("spo8-city", P["spo8"], "Paris", "Rome", ALTERED),
    swap("spo9-brown", P["spo9"], "Mr Braun", "Mr Brown", ALTERED),
    swap("spo9-added", P["spo9"], "the club", "the club with Ms Petrova", ADDED),
    swap("spo10-exonym", P["spo10"], "Liège", "Liege", OK),
    swap("spo10-german-name", P["spo10"], "Liège", "Lüttich", OK),
    swap("spo10-wrong", P["spo10"], "Liège", "Lille", ALTERED),
    swap("spo10-brussels", P["spo10"], "Brussels", "Bruges", ALTERED),
    # culture
    swap("cul1-fisher", P["cul1"], "Helene Fischer", "Helene Fisher", ALTERED),
    swap("cul1-city", P["cul1"], "Vienna", "Venice", ALTERED),
    swap("cul1-german-city", P["cul1"], "Vienna", "Wien", OK),
    swap("cul2-festival", P["cul2"], "Berlinale", "Cannes festival", ALTERED),
    swap("cul2-dropped", P["cul2"], "by Wim Wenders", "by the director", MISSING),
    swap("cul3-adjective", P["cul3"], "Vienna Philharmonic", "Viennese Philharmonic", OK),
    swap("cul3-wrong-city", P["cul3"], "Vienna Philharmonic", "Berlin Philharmonic", ALTERED),
    swap("cul4-exonym", P["cul4"], "Zurich", "Zürich", OK),
    swap("cul4-city", P["cul4"], "Zurich", "Basel", ALTERED),
    swap("cul4-similar", P["cul4"], "Kehlmann", "Kellermann", ALTERED),
    swap("cul5-exonym", P["cul5"], "Florence", "Firenze", ALTERED),
    swap("cul5-city", P["cul5"], "Florence", "Venice", ALTERED),
    swap("cul6-city", P["cul6"], "Venice", "Vienna", ALTERED),
    swap("cul6-added", P["cul6"], "is performing", "and Mr Thielemann are performing", ADDED),
    swap("cul7-city", P["cul7"], "Munich", "Stuttgart", ALTERED),
    swap("cul7-dropped", P["cul7"], " in Munich", "", MISSING),
    swap("cul8-cook", P["cul8"], "Ms Koch", "Ms Cook", ALTERED),
    swap("cul8-city", P["cul8"], "Dresden", "Leipzig", ALTERED),
    swap("cul9-city", P["cul9"], "Prague", "Budapest", ALTERED),
    swap("cul9-german-city", P["cul9"], "Prague", "Prag", OK),
    swap("cul10-city", P["cul10"], "Cologne Cathedral", "Aachen Cathedral", ALTERED),
    # courts
    swap("crt1-english", P["crt1"], "The Federal Constitutional Court", "The Constitutional Court", OK),
    swap("crt1-city", P["crt1"], "Karlsruhe", "Leipzig", ALTERED),
    swap("crt1-dropped", P["crt1"], "The Federal Constitutional Court in Karlsruhe", "The court in Karlsruhe", MISSING),
    swap("crt2-weaver", P["crt2"], "Anna Weber", "Anna Weaver", ALTERED),
    swap("crt2-added", P["crt2"], "the defendant", "the defendant, Mr Kowalski", ADDED),
    swap("crt3-acronym", P["crt3"], "The European Court of Justice", "The ECJ", OK),
    swap("crt3-country", P["crt3"], "Luxembourg", "Strasbourg", ALTERED),
    swap("crt4-smith", P["crt4"], "Mr Schmidt", "Mr Smith", ALTERED),
    swap("crt4-dropped", P["crt4"], "Mr Schmidt appealed", "He appealed", MISSING),
    swap("crt5-city", P["crt5"], "Hamburg", "Bremen", ALTERED),
    swap("crt6-small", P["crt6"], "Peter Klein", "Peter Small", ALTERED),
    swap("crt6-dropped", P["crt6"], "Prosecutor Peter Klein charged", "The prosecutor charged", MISSING),
    swap("crt7-hague", P["crt7"], "The Hague", "Den Haag", OK),
    swap("crt7-city", P["crt7"], "The Hague", "Geneva", ALTERED),
    swap("crt8-wolf", P["crt8"], "Mr Wolf's", "Mr Wolff's", OK),  # one letter in a surname: a spelling variant
    swap("crt8-other", P["crt8"], "Mr Wolf's", "Mr Fuchs'", ALTERED),
    # places
    swap("pla1-river", P["pla1"], "Rhine", "Rhein", OK),
    swap("pla1-other-river", P["pla1"], "Rhine", "Main", ALTERED),
    swap("pla1-city", P["pla1"], "Cologne", "Bonn", ALTERED),
    swap("pla2-river", P["pla2"], "Danube", "Inn", ALTERED),
    swap("pla2-dropped", P["pla2"], " in Passau", "", MISSING),
    swap("pla3-exonym", P["pla3"], "Nuremberg", "Nürnberg", OK),
    swap("pla3-wrong", P["pla3"], "Nuremberg", "Augsburg", ALTERED),
    swap("pla3-munich", P["pla3"], "Munich", "Milan", ALTERED),
    swap("pla4-region", P["pla4"], "Saxony", "Sachsen", OK),
    swap("pla4-other-region", P["pla4"], "Saxony", "Thuringia", ALTERED),
    swap("pla4-dropped", P["pla4"], "Bavaria and ", "", MISSING),
    swap("pla5-naples", P["pla5"], "Naples", "Napoli", OK),
    swap("pla5-wrong", P["pla5"], "Naples", "Nice", ALTERED),
    swap("pla6-gdansk", P["pla6"], "Gdansk", "Gdańsk", OK),
    swap("pla6-danzig", P["pla6"], "Gdansk", "Danzig", OK),
    swap("pla6-wrong", P["pla6"], "Copenhagen", "Stockholm", ALTERED),
    swap("pla7-warsaw", P["pla7"], "Warsaw", "Warschau", OK),
    swap("pla7-wrong", P["pla7"], "Warsaw", "Vienna", ALTERED),
    swap("pla8-crimea", P["pla8"], "Crimea", "the Crimea", OK),
    swap("pla8-country", P["pla8"], "Russia", "Ukraine", ALTERED),
    swap("pla9-sea", P["pla9"], "North Sea", "Baltic Sea", ALTERED),
    swap("pla9-city", P["pla9"], "Bremen", "Hamburg", ALTERED),
    swap("pla10-acronym", P["pla10"], "The World Health Organization", "The WHO", OK),
    swap("pla10-british", P["pla10"], "Organization", "Organisation", OK),
    swap("pla10-city", P["pla10"], "Geneva", "Vienna", ALTERED),
    swap("pla10-dropped", P["pla10"], "The World Health Organization in Geneva warned", "Officials in Geneva warned", MISSING),
    # names inside compounds and with case endings
    ("compound-ok", "Die EU-Kommission prüft den Merkel-Plan.", "The European Commission is examining the Merkel plan.", OK),
    ("compound-missing", "Die EU-Kommission prüft den Merkel-Plan.", "The European Commission is examining the plan.", MISSING),
    ("genitive-ok", "Deutschlands Exporte sanken.", "Germany's exports fell.", OK),
    ("genitive-wrong", "Deutschlands Exporte sanken.", "Austria's exports fell.", ALTERED),
    ("dative-plural-ok", "Den Niederlanden droht eine Flut.", "The Netherlands faces a flood.", OK),
    ("currency-ok", "Das kostet 100 US-Dollar.", "That costs 100 dollars.", OK),
    ("common-nouns-ok", "Der Bauer verkaufte den Vogel auf dem Markt.", "The farmer sold the bird at the market.", OK),
    ("fischer-noun-ok", "Die Fischer fuhren trotz des Sturms hinaus.", "The fishermen went out despite the storm.", OK),
    ("weekday-ok", "Am Mittwoch tagt der Ausschuss.", "The committee meets on Wednesday.", OK),
    # Renderings human translators use (bench/names.py false flags, by class), and their failing twins.
    ("place-adjective-ok", 'Der "Trump Brasiliens" liegt in den Umfragen vorne.', "The 'Brazilian Trump' is ahead in the polls.", OK),
    ("place-adjective-germany-ok", "Deutschland exportierte mehr Autos.", "German exports of cars rose.", OK),
    ("place-adjective-other", 'Der "Trump Brasiliens" liegt in den Umfragen vorne.', "The 'Argentinian Trump' is ahead in the polls.", MISSING),
    ("party-lower-case-ok", "Die Demokraten im Senat protestierten.", "The democrats in the Senate protested.", OK),
    ("numeral-noun-ok", "Zehn Tage zuvor wurden 161 Fischer aus Nordkorea festgenommen.",
     "Ten days earlier, 161 fishermen from North Korea had been arrested.", OK),
    ("compound-place-modifier-ok", "Der US-Konzern aus Beaverton steigerte den Umsatz.", "The group from Beaverton raised sales.", OK),
    ("compound-place-modifier-swapped", "Der US-Konzern aus Beaverton steigerte den Umsatz.",
     "The Chinese group from Beaverton raised sales.", ALTERED),
    ("compound-organisation-dropped", "Volkswagen-Chef Oliver Blume kündigte Einsparungen an.",
     "The CEO Oliver Blume announced savings.", MISSING),
    ("place-er-adjective-ok", "Das Schwarzwälder Freilichtmuseum öffnet wieder.", "The Black Forest open-air museum reopens.", OK),
    ("particle-compound-ok", "König Salman sagte, die Bin-Laden-Gruppe habe Fehler gemacht.",
     "King Salman said the Binladin Group had made mistakes.", OK),
    ("particle-compound-dropped", "König Salman sagte, die Bin-Laden-Gruppe habe Fehler gemacht.",
     "King Salman said the construction group had made mistakes.", MISSING),
    ("letter-compound-ok", "Die Plakate hängen in den U-Bahn-Zügen.", "The posters hang in the tube trains.", OK),
    ("adjective-umlaut-support-ok", "CDU und FDP hätten 69 Sitze im niedersächsischen Landtag.",
     "The CDU and the FDP would have 69 seats in the Lower Saxony State Parliament.", OK),
    ("acronym-gloss-ok", "Der Skateboarder Tony Hawk zeigte einen Trick.", "The BMX and skateboard star Tony Hawk showed a trick.", OK),
    ("acronym-known-added", "Der Trainer lobte die Mannschaft.", "The coach praised the team, the CDU said.", ADDED),
    ("role-tail-ok", "Der Justizminister Merrick Garland kündigte Ermittlungen an.",
     "Attorney General Merrick Garland announced an investigation.", OK),
]


# Known gaps, kept in the table so a fix shows (strict): the name has only lexicon evidence (a surname
# opening a sentence, a transliteration German does not otherwise use), or a weakly evidenced city is
# replaced by a known one, or the other name is one letter away (tolerated as a spelling variant).
GAPS = {
    "pol4-dropped": "Macrons opens the sentence: lexicon evidence only, not required",
    "pol4-other": "Macrons opens the sentence: lexicon evidence only, not required",
    "pol6-dropped": "Nawalny: lexicon evidence only, not required",
    "pol6-other": "Nawalny: lexicon evidence only; Khodorkovsky has no evidence of its own",
    "biz7-city": "Ludwigshafen ends in a German word: not found as a name",
    "cul8-city": "Dresden: lexicon evidence only; a known city replacing it is not reported alone",
    "crt1-city": "Karlsruhe: lexicon evidence only; a known city replacing it is not reported alone",
    "pla9-city": "Bremen: lexicon evidence only; a known city replacing it is not reported alone",
    "spo1-similar": "Tuchel/Tucher: one letter apart, tolerated as a spelling variant",
}
TABLE = [pytest.param(*c, marks=pytest.mark.xfail(strict=True, reason=GAPS[c[0]])) if c[0] in GAPS else c for c in CASES]


@pytest.mark.parametrize(("case", "german", "english", "expected"), TABLE, ids=ids(CASES))
def test_name_case(case, german, english, expected):
    report = check_translation(german, english)
    found = {p.value for p in report.problems if p.kind == "name"}
    assert found == set(expected), [p.line() for p in report.problems]


def test_the_table_is_large_and_covers_every_domain():
    assert len(CASES) >= 200
    for domain in ("pol", "biz", "spo", "cul", "crt", "pla"):
        kinds = {frozenset(c[3]) for c in CASES if c[0].startswith(domain)}
        assert OK in kinds and ALTERED in kinds and MISSING in kinds, domain


# --- the pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("german", "english"),
    [("Nawalny", "Navalny"), ("Gorbatschow", "Gorbachev"), ("Selenskyj", "Zelensky"), ("Chodorkowski", "Khodorkovsky"),
     ("Tschaikowsky", "Tchaikovsky"), ("Janukowitsch", "Yanukovych"), ("Dschihad", "Jihad"), ("Medwedew", "Medvedev")],
)  # fmt: skip
def test_transliterations_share_a_key(german, english):
    assert close(key(german), key(english))


@pytest.mark.parametrize(("a", "b"), [("Söder", "Seehofer"), ("FDP", "FPÖ"), ("Kohl", "Kühl"), ("Merz", "Marx"), ("CDU", "CSU")])
def test_different_names_are_not_close(a, b):
    assert not close(key(a), key(b))


def test_german_case_endings_are_stripped():
    assert "Macron" in german_stems("Macrons")
    assert "Bundestag" in german_stems("Bundestages")


def test_finder_evidence():
    lex = lexicon()
    found = {n.text: n.evidence for n in find_german("Herr Bauer sprach mit Angela Merkel und der CDU in Mailand über Scholz.", lex)}
    assert found["Bauer"] == "title"
    assert found["Angela Merkel"] == "first-name"
    assert found["CDU"] == "acronym" or found["CDU"] == "gazetteer"
    assert found["Mailand"] == "gazetteer"
    assert "Scholz" in found
    english = {n.text: n.evidence for n in find_english("Yesterday Mr Farmer met the Government in Milan.", lex)}
    assert english["Farmer"] == "title" and "Yesterday" not in english
    assert english["Government"] == "capitalised"  # the weakest evidence: never reported as added alone


def test_a_glossary_list_is_matched_like_the_gazetteer():
    lex = lexicon().with_terms({"Ampel": ("traffic-light coalition",)})
    good = compare_names("Die Ampel streitet.", "The traffic-light coalition is quarrelling.", lex=lex)
    bad = compare_names("Die Ampel streitet.", "The government is quarrelling.", lex=lex)
    assert good.issues == [] and [i.kind for i in bad.issues] == ["missing"]


def test_json_has_kind_spans_names_and_pairs():
    german = "Herr Bauer reiste nach Mailand."
    english = "Mr Farmer travelled to Milan."
    data = json.loads(json.dumps(check_translation(german, english, block=3).to_dict()))
    [problem] = [p for p in data["problems"] if p["kind"] == "name"]
    assert problem["value"] == "altered"
    assert german[problem["source_start"] : problem["source_end"]] == "Bauer"
    assert english[problem["candidate_start"] : problem["candidate_end"]] == "Farmer"
    names = data["names"]
    assert [n["text"] for n in names["source"]] == ["Bauer", "Mailand"]
    [pair] = names["pairs"]
    assert names["source"][pair["source"]]["text"] == "Mailand" and names["candidate"][pair["candidate"]]["text"] == "Milan"
    assert pair["match"] == "Mailand = Milan" and names["source"][pair["source"]]["block"] == 3


def test_summary_mode_reports_only_unsupported_names():
    source = "Bundeskanzler Olaf Scholz traf in Berlin Emmanuel Macron."
    assert check_summary(source, "Scholz met Macron.").passed  # omissions are fine in a summary
    report = check_summary(source, "Chancellor Scholz met Mr Sunak.")
    assert [(p.kind, p.value, p.candidate) for p in report.problems] == [("name", "added", "Sunak")]


@pytest.mark.parametrize(("de", "en", "passes"), [
    ("Papst Benedikt XVI. trat 2013 zurück.", "Pope Benedict XVI resigned in 2013.", True),
    ("Heinrich VIII. hatte sechs Frauen.", "Henry VIII had six wives.", True),
    ("Papst Franziskus traf Benedikt XVI.", "Pope Francis met Gregory XVI.", False),
    ("Benedikt Höwedes spielte für Schalke.", "Benedikt Höwedes played for Schalke.", True),
    ("Dick las die Offenbarung des Johannes.", "Dick read the Book of Revelation.", True),
])
def test_rulers_names_in_their_english_form(de, en, passes):
    """Popes' and monarchs' names English writes its own way are accepted, never required: they are everyday
    given names too (a WMT reference writes "the Book of Revelation" for "Offenbarung des Johannes")."""
    report = check_translation(de, en)
    assert report.passed is passes, [p.message for p in report.problems]
