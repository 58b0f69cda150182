"""Generate a synthetic fact base in the real schema, for benchmarks.

    python benchmarks/generate.py --statements N --out DIR [--seed 0] [--dense]

writes DIR/data/facts.yaml (with `seeds_dir: "../seeds"`) and DIR/seeds/*.txt. The
base validates like the curated one: every evidence sentence is verbatim at its
offsets in its seed, every seed's sha256 is recorded, every reference resolves, and
every quote's text occurs in one of its evidence sentences.

Shape, chosen to resemble data/facts.yaml scaled up:
- one seed article per 200 statements (at least one), German news prose with a date
  line, a dateline such as `PARIS (dpa-AFX) - `, paragraphs, „typographic“ and "plain"
  quotation marks;
- ~50 countries (real ISO codes, German and English names, inflected aliases),
  ~500 people (first name x surname, umlauts, ß, diacritics; aliases: surname, genitive,
  umlaut-free spelling), ~100 organizations (with acronyms);
- statements of every kind (quote, claim, commitment, refusal, figure, event) in about
  the curated base's proportions, with `text`, `text_en`, 1-2 evidence sentences (about
  one in four is cited from a second article as well), dates, contributions, values.

With --dense the base is the hard case for a search engine instead: few distinct words
(about 400: 64 compound nouns, a dozen adjectives, ten verbs, 20 countries, no words of
the real articles), 10,000 people (one per 10 statements) whose names are made of 68 name
words (20 first names x 20 second names x 28 surnames, so every name word is in
thousands of records), and one role word common to everyone ("Politiker"). Every
posting list is then long, and a one-letter prefix matches most records.

Vocabulary (sparse, the default): a few thousand German words (compound nouns built from aligned German and
English parts, adjectives with their endings, verbs, adverbs) plus every word and many
clauses of the five real articles in seeds/, so that queries meant for the real base
also hit here. Deterministic for a given --seed. No third-party imports: the output is
written as YAML text directly (JSON string literals are valid YAML double-quoted
scalars), which keeps 100k statements to a few seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STATEMENTS_PER_SEED = 200

# -- vocabulary ------------------------------------------------------------------------

# (German compound prefix, English modifier)
PREFIXES = [
    ("Sicherheits", "security"),
    ("Grenz", "border"),
    ("Friedens", "peace"),
    ("Wirtschafts", "economic"),
    ("Verteidigungs", "defence"),
    ("Außen", "foreign"),
    ("Straßen", "road"),
    ("Energie", "energy"),
    ("Gas", "gas"),
    ("Öl", "oil"),
    ("Rüstungs", "arms"),
    ("Flüchtlings", "refugee"),
    ("Wiederaufbau", "reconstruction"),
    ("Haushalts", "budget"),
    ("Militär", "military"),
    ("Luft", "air"),
    ("See", "naval"),
    ("Küsten", "coastal"),
    ("Bündnis", "alliance"),
    ("Waffen", "weapons"),
    ("Truppen", "troop"),
    ("Übungs", "exercise"),
    ("Lösungs", "solution"),
    ("Prüf", "review"),
    ("Maßnahmen", "measures"),
    ("Fußball", "football"),
    ("Größen", "size"),
    ("Gemeinde", "municipal"),
    ("Bürger", "citizens'"),
    ("Minen", "mine"),
    ("Drohnen", "drone"),
    ("Raketen", "missile"),
    ("Panzer", "tank"),
    ("Munitions", "ammunition"),
    ("Ausbildungs", "training"),
    ("Versorgungs", "supply"),
    ("Überwachungs", "monitoring"),
    ("Waffenstillstands", "ceasefire"),
    ("Kriegs", "war"),
    ("Sanktions", "sanctions"),
    ("Hilfs", "aid"),
    ("Finanz", "financial"),
    ("Regierungs", "government"),
    ("Parlaments", "parliamentary"),
    ("Schutz", "protection"),
    ("Stromnetz", "power grid"),
    ("Getreide", "grain"),
    ("Häfen", "port"),
    ("Schiffs", "shipping"),
    ("Zoll", "customs"),
    ("Straf", "penal"),
    ("Justiz", "justice"),
    ("Gesundheits", "health"),
    ("Klima", "climate"),
    ("Bahn", "rail"),
    ("Brücken", "bridge"),
    ("Flughafen", "airport"),
    ("Cyber", "cyber"),
    ("Geheimdienst", "intelligence"),
    ("Kommando", "command"),
]
# (German head, English head)
HEADS = [
    ("garantie", "guarantee"),
    ("abkommen", "agreement"),
    ("truppe", "force"),
    ("mission", "mission"),
    ("gipfel", "summit"),
    ("verhandlung", "negotiation"),
    ("überwachung", "surveillance"),
    ("hilfe", "assistance"),
    ("grenze", "limit"),
    ("politik", "policy"),
    ("strategie", "strategy"),
    ("erklärung", "declaration"),
    ("fonds", "fund"),
    ("paket", "package"),
    ("plan", "plan"),
    ("gespräch", "talk"),
    ("zusage", "pledge"),
    ("beitrag", "contribution"),
    ("einsatz", "deployment"),
    ("ausrüstung", "equipment"),
    ("lieferung", "delivery"),
    ("maßnahme", "measure"),
    ("behörde", "authority"),
    ("ministerium", "ministry"),
    ("kommission", "commission"),
    ("rat", "council"),
    ("schutz", "protection"),
    ("kontrolle", "control"),
    ("führung", "leadership"),
    ("stab", "staff"),
    ("übung", "exercise"),
    ("präsenz", "presence"),
    ("verpflichtung", "obligation"),
    ("forderung", "demand"),
    ("kritik", "criticism"),
    ("anlage", "facility"),
    ("drehscheibe", "hub"),
    ("reform", "reform"),
    ("gesetz", "law"),
    ("vertrag", "treaty"),
    ("streit", "dispute"),
    ("lage", "situation"),
    ("ordnung", "order"),
    ("gebäude", "building"),
    ("straße", "road"),
    ("größe", "size"),
    ("bedarf", "need"),
    ("kosten", "costs"),
    ("einheit", "unit"),
    ("zentrum", "centre"),
    ("initiative", "initiative"),
]
# (German adjective stem, English adjective)
ADJECTIVES = [
    ("verbindlich", "binding"),
    ("militärisch", "military"),
    ("politisch", "political"),
    ("europäisch", "European"),
    ("wirtschaftlich", "economic"),
    ("gemeinsam", "joint"),
    ("neu", "new"),
    ("groß", "large"),
    ("weitreichend", "far-reaching"),
    ("zusätzlich", "additional"),
    ("langfristig", "long-term"),
    ("östlich", "eastern"),
    ("westlich", "western"),
    ("schwierig", "difficult"),
    ("fragil", "fragile"),
    ("möglich", "possible"),
    ("konkret", "concrete"),
    ("rechtlich", "legal"),
    ("dringend", "urgent"),
    ("umfassend", "comprehensive"),
    ("stabil", "stable"),
    ("regional", "regional"),
    ("künftig", "future"),
    ("öffentlich", "public"),
    ("ständig", "permanent"),
    ("übergeordnet", "overarching"),
    ("heikel", "delicate"),
    ("süß", "sweet"),
    ("maßgeblich", "decisive"),
    ("strategisch", "strategic"),
    ("humanitär", "humanitarian"),
    ("zivil", "civilian"),
    ("nuklear", "nuclear"),
    ("digital", "digital"),
    ("sozial", "social"),
    ("nördlich", "northern"),
    ("südlich", "southern"),
    ("schnell", "rapid"),
    ("bilateral", "bilateral"),
    ("multilateral", "multilateral"),
    ("vorläufig", "provisional"),
    ("endgültig", "final"),
    ("nächst", "next"),
    ("gefährlich", "dangerous"),
    ("erheblich", "considerable"),
    ("ausländisch", "foreign"),
    ("inländisch", "domestic"),
    ("bewaffnet", "armed"),
    ("unabhängig", "independent"),
    ("glaubwürdig", "credible"),
    ("tragfähig", "viable"),
    ("dauerhaft", "lasting"),
    ("gerecht", "just"),
]
ADJ_ENDINGS = ("e", "en", "er", "es", "em")
VERBS = [  # (infinitive, participle, English infinitive, English participle)
    ("stärken", "gestärkt", "strengthen", "strengthened"),
    ("sichern", "gesichert", "secure", "secured"),
    ("prüfen", "geprüft", "review", "reviewed"),
    ("ausbauen", "ausgebaut", "expand", "expanded"),
    ("finanzieren", "finanziert", "fund", "funded"),
    ("überwachen", "überwacht", "monitor", "monitored"),
    ("unterstützen", "unterstützt", "support", "supported"),
    ("verhandeln", "verhandelt", "negotiate", "negotiated"),
    ("begrenzen", "begrenzt", "limit", "limited"),
    ("beschließen", "beschlossen", "adopt", "adopted"),
    ("verlängern", "verlängert", "extend", "extended"),
    ("koordinieren", "koordiniert", "coordinate", "coordinated"),
    ("liefern", "geliefert", "deliver", "delivered"),
    ("garantieren", "garantiert", "guarantee", "guaranteed"),
    ("fördern", "gefördert", "promote", "promoted"),
    ("schützen", "geschützt", "protect", "protected"),
    ("vorbereiten", "vorbereitet", "prepare", "prepared"),
    ("genehmigen", "genehmigt", "approve", "approved"),
    ("stationieren", "stationiert", "station", "stationed"),
    ("aussetzen", "ausgesetzt", "suspend", "suspended"),
    ("erhöhen", "erhöht", "increase", "increased"),
    ("kürzen", "gekürzt", "cut", "cut"),
    ("überdenken", "überdacht", "reconsider", "reconsidered"),
    ("ablehnen", "abgelehnt", "reject", "rejected"),
    ("umsetzen", "umgesetzt", "implement", "implemented"),
    ("abschließen", "abgeschlossen", "conclude", "concluded"),
    ("einfrieren", "eingefroren", "freeze", "frozen"),
    ("gewährleisten", "gewährleistet", "ensure", "ensured"),
    ("ermöglichen", "ermöglicht", "enable", "enabled"),
    ("verschärfen", "verschärft", "tighten", "tightened"),
    ("aufstocken", "aufgestockt", "top up", "topped up"),
    ("bündeln", "gebündelt", "pool", "pooled"),
]
ADVERBS = [
    ("rasch", "quickly"),
    ("deutlich", "clearly"),
    ("gemeinsam", "jointly"),
    ("schrittweise", "gradually"),
    ("künftig", "in future"),
    ("dauerhaft", "permanently"),
    ("zügig", "swiftly"),
    ("außerdem", "also"),
    ("vorläufig", "provisionally"),
    ("größtenteils", "largely"),
    ("unverzüglich", "immediately"),
    ("frühestens", "at the earliest"),
    ("spätestens", "at the latest"),
    ("notfalls", "if necessary"),
    ("grundsätzlich", "in principle"),
    ("ausdrücklich", "expressly"),
    ("weiterhin", "still"),
    ("möglichst", "as far as possible"),
    ("nächste Woche", "next week"),
    ("im Frühjahr", "in spring"),
]
FIRST_NAMES = [
    "Jürgen",
    "Björn",
    "Jörg",
    "Günter",
    "Sören",
    "Zoë",
    "Mária",
    "Ólafur",
    "Łukasz",
    "Noël",
    "François",
    "Hélène",
    "Jens",
    "Annalena",
    "Friedrich",
    "Olaf",
    "Ursula",
    "Kaja",
    "Mette",
    "Petteri",
    "Ulf",
    "Giorgia",
    "Pedro",
    "Kyriakos",
    "Andrzej",
    "Radosław",
    "Viktor",
    "Robert",
    "Klaus",
    "Sabine",
    "Karin",
    "Ingrid",
    "Dörte",
    "Käthe",
    "Jérôme",
    "Søren",
    "Åsa",
    "Łucja",
    "Tomáš",
    "Miloš",
    "Zoltán",
    "Gábor",
    "Ilse",
    "Heiko",
    "Boris",
    "Nancy",
    "Christine",
    "Steffen",
    "Anton",
    "Wolodymyr",
    "Andrij",
    "Julija",
    "Mychajlo",
    "Oleksandr",
    "Dmytro",
    "Sergej",
    "Maria",
    "Keir",
    "Emmanuel",
    "Antonio",
    "Mark",
    "Pete",
    "Marco",
    "Jean-Noël",
    "José",
    "Inês",
    "João",
    "Niamh",
    "Siobhán",
    "Ævar",
    "Bjørn",
    "Grzegorz",
    "Ivana",
    "Daniela",
    "Thorsten",
    "Malte",
    "Lütfiye",
    "Çiğdem",
    "Ömer",
    "Gülşen",
    "Ayşe",
    "Elżbieta",
]
SURNAMES = [
    "Müller",
    "Schröder",
    "Weiß",
    "Groß",
    "Strauß",
    "Köhler",
    "Schäfer",
    "Böhm",
    "Krüger",
    "Jäger",
    "Hoffmann",
    "Schulze",
    "Becker",
    "Wagner",
    "Fischer",
    "Meyer",
    "Schmitz",
    "Lang",
    "Vogel",
    "Brandt",
    "Kowalski",
    "Nowak",
    "Dvořák",
    "Søndergaard",
    "Lindqvist",
    "Nieminen",
    "Häkkinen",
    "Ødegaard",
    "Kovács",
    "Horváth",
    "Novotný",
    "Wójcik",
    "Lewandowski",
    "Sikorski",
    "Tusk",
    "Macron",
    "Barrot",
    "Lecornu",
    "Starmer",
    "Healey",
    "Lammy",
    "Meloni",
    "Tajani",
    "Crosetto",
    "Sánchez",
    "Albares",
    "Mitsotakis",
    "Frederiksen",
    "Støre",
    "Kristersson",
    "Stubb",
    "Orbán",
    "Fico",
    "Nausėda",
    "Michal",
    "Rinkēvičs",
    "Sandu",
    "Selenskyj",
    "Sybiha",
    "Budanow",
    "Umjerow",
    "Jermak",
    "Schmyhal",
    "Swyrydenko",
    "Peskow",
    "Lawrow",
    "Sacharowa",
    "Uschakow",
    "Dmitrijew",
    "Witkoff",
    "Kushner",
    "Rubio",
    "Vance",
    "Hegseth",
    "Rutte",
    "Costa",
    "Kallas",
    "Pistorius",
    "Wadephul",
    "Merz",
    "Klingbeil",
    "Baerbock",
    "Scholz",
    "Steinmeier",
    "Söder",
    "Göring",
    "Öztürk",
    "Yılmaz",
    "Çelik",
    "Doğan",
    "Ærø",
    "Łęcki",
    "Großmann",
    "Weißenborn",
    "Fußmann",
    "Straßburger",
    "Kühn",
    "Lübke",
    "Römer",
    "Händel",
    "Grün",
    "Mößner",
    "Bräuer",
    "Schön",
    "Wölfle",
    "Süßmuth",
    "Gößling",
    "Dürr",
    "Förster",
    "Hölzl",
    "Kößler",
    "Oettinger",
    "Muench",
    "Schoenherr",
    "Baecker",
    "Faeser",
    "Roettgen",
    "Spahn",
    "Linnemann",
    "Dobrindt",
    "Reiche",
    "Bas",
    "Wüst",
    "Rhein",
    "Kretschmer",
    "Voigt",
    "Woidke",
    "Schwesig",
    "Günther",
    "Lies",
    "Le Pen",
    "Bardella",
    "de Villepin",
    "van der Bellen",
    "von Bülow",
    "zu Guttenberg",
    "d'Estaing",
]
ROLES = [  # (German, English, takes genitive of the country)
    ("Präsident", "President of", True),
    ("Präsidentin", "President of", True),
    ("Außenminister", "Foreign Minister of", True),
    ("Außenministerin", "Foreign Minister of", True),
    ("Verteidigungsminister", "Defence Minister of", True),
    ("Verteidigungsministerin", "Defence Minister of", True),
    ("Regierungschef", "Head of Government of", True),
    ("Regierungschefin", "Head of Government of", True),
    ("Botschafter", "Ambassador of", True),
    ("Botschafterin", "Ambassador of", True),
    ("Generalstabschef", "Chief of General Staff of", True),
    ("Regierungssprecher", "Government spokesman of", True),
    ("Staatssekretär", "State Secretary of", True),
    ("Finanzministerin", "Finance Minister of", True),
    ("Sondergesandter", "Special Envoy of", True),
    ("Oppositionsführer", "Opposition leader of", True),
    ("Parlamentspräsidentin", "Speaker of the Parliament of", True),
    ("Wirtschaftsminister", "Economy Minister of", True),
]
COUNTRIES = [  # id, German, English, genitive, adjective stem, English adjective
    ("DE", "Deutschland", "Germany", "Deutschlands", "deutsch", "German"),
    ("FR", "Frankreich", "France", "Frankreichs", "französisch", "French"),
    ("GB", "Großbritannien", "United Kingdom", "Großbritanniens", "britisch", "British"),
    ("IT", "Italien", "Italy", "Italiens", "italienisch", "Italian"),
    ("ES", "Spanien", "Spain", "Spaniens", "spanisch", "Spanish"),
    ("PT", "Portugal", "Portugal", "Portugals", "portugiesisch", "Portuguese"),
    ("NL", "Niederlande", "Netherlands", "der Niederlande", "niederländisch", "Dutch"),
    ("BE", "Belgien", "Belgium", "Belgiens", "belgisch", "Belgian"),
    ("LU", "Luxemburg", "Luxembourg", "Luxemburgs", "luxemburgisch", "Luxembourgish"),
    ("AT", "Österreich", "Austria", "Österreichs", "österreichisch", "Austrian"),
    ("CH", "Schweiz", "Switzerland", "der Schweiz", "schweizerisch", "Swiss"),
    ("PL", "Polen", "Poland", "Polens", "polnisch", "Polish"),
    ("CZ", "Tschechien", "Czechia", "Tschechiens", "tschechisch", "Czech"),
    ("SK", "Slowakei", "Slovakia", "der Slowakei", "slowakisch", "Slovak"),
    ("HU", "Ungarn", "Hungary", "Ungarns", "ungarisch", "Hungarian"),
    ("RO", "Rumänien", "Romania", "Rumäniens", "rumänisch", "Romanian"),
    ("BG", "Bulgarien", "Bulgaria", "Bulgariens", "bulgarisch", "Bulgarian"),
    ("GR", "Griechenland", "Greece", "Griechenlands", "griechisch", "Greek"),
    ("CY", "Zypern", "Cyprus", "Zyperns", "zyprisch", "Cypriot"),
    ("MT", "Malta", "Malta", "Maltas", "maltesisch", "Maltese"),
    ("SI", "Slowenien", "Slovenia", "Sloweniens", "slowenisch", "Slovenian"),
    ("HR", "Kroatien", "Croatia", "Kroatiens", "kroatisch", "Croatian"),
    ("RS", "Serbien", "Serbia", "Serbiens", "serbisch", "Serbian"),
    ("AL", "Albanien", "Albania", "Albaniens", "albanisch", "Albanian"),
    ("MK", "Nordmazedonien", "North Macedonia", "Nordmazedoniens", "nordmazedonisch", "North Macedonian"),
    ("ME", "Montenegro", "Montenegro", "Montenegros", "montenegrinisch", "Montenegrin"),
    ("DK", "Dänemark", "Denmark", "Dänemarks", "dänisch", "Danish"),
    ("SE", "Schweden", "Sweden", "Schwedens", "schwedisch", "Swedish"),
    ("NO", "Norwegen", "Norway", "Norwegens", "norwegisch", "Norwegian"),
    ("FI", "Finnland", "Finland", "Finnlands", "finnisch", "Finnish"),
    ("IS", "Island", "Iceland", "Islands", "isländisch", "Icelandic"),
    ("IE", "Irland", "Ireland", "Irlands", "irisch", "Irish"),
    ("EE", "Estland", "Estonia", "Estlands", "estnisch", "Estonian"),
    ("LV", "Lettland", "Latvia", "Lettlands", "lettisch", "Latvian"),
    ("LT", "Litauen", "Lithuania", "Litauens", "litauisch", "Lithuanian"),
    ("UA", "Ukraine", "Ukraine", "der Ukraine", "ukrainisch", "Ukrainian"),
    ("MD", "Moldau", "Moldova", "Moldaus", "moldauisch", "Moldovan"),
    ("BY", "Belarus", "Belarus", "von Belarus", "belarussisch", "Belarusian"),
    ("RU", "Russland", "Russia", "Russlands", "russisch", "Russian"),
    ("GE", "Georgien", "Georgia", "Georgiens", "georgisch", "Georgian"),
    ("TR", "Türkei", "Türkiye", "der Türkei", "türkisch", "Turkish"),
    ("US", "USA", "United States", "der USA", "amerikanisch", "American"),
    ("CA", "Kanada", "Canada", "Kanadas", "kanadisch", "Canadian"),
    ("AU", "Australien", "Australia", "Australiens", "australisch", "Australian"),
    ("NZ", "Neuseeland", "New Zealand", "Neuseelands", "neuseeländisch", "New Zealand"),
    ("JP", "Japan", "Japan", "Japans", "japanisch", "Japanese"),
    ("KR", "Südkorea", "South Korea", "Südkoreas", "südkoreanisch", "South Korean"),
    ("CN", "China", "China", "Chinas", "chinesisch", "Chinese"),
    ("IN", "Indien", "India", "Indiens", "indisch", "Indian"),
    ("BR", "Brasilien", "Brazil", "Brasiliens", "brasilianisch", "Brazilian"),
]
CITIES = [
    "Paris",
    "Berlin",
    "London",
    "Brüssel",
    "Kiew",
    "Warschau",
    "Rom",
    "Madrid",
    "Wien",
    "Genf",
    "München",
    "Düsseldorf",
    "Köln",
    "Straßburg",
    "Göteborg",
    "Malmö",
    "Kraków",
    "Łódź",
    "Zürich",
    "Den Haag",
    "Helsinki",
    "Tallinn",
    "Riga",
    "Vilnius",
    "Prag",
    "Budapest",
    "Bukarest",
    "Athen",
    "Ankara",
    "Washington",
    "New York",
    "Ottawa",
    "Oslo",
    "Kopenhagen",
    "Lissabon",
    "Lwiw",
    "Odessa",
]
OUTLETS = [
    None,
    "dpa-AFX",
    "BR24",
    "AFP",
    "Reuters",
    "tagesschau.de",
    "Deutsche Welle",
    "ZDFheute",
    "Süddeutsche Zeitung",
    "Frankfurter Allgemeine",
    "Der Spiegel",
    "Die Zeit",
    "ORF",
    "SRF",
]
WEEKDAYS = [
    ("Montag", "Monday"),
    ("Dienstag", "Tuesday"),
    ("Mittwoch", "Wednesday"),
    ("Donnerstag", "Thursday"),
    ("Freitag", "Friday"),
    ("Samstag", "Saturday"),
    ("Sonntag", "Sunday"),
]
ORG_KINDS = [
    ("Bundesamt für", "Federal Office for"),
    ("Institut für", "Institute for"),
    ("Stiftung für", "Foundation for"),
    ("Agentur für", "Agency for"),
    ("Zentrum für", "Centre for"),
    ("Verband für", "Association for"),
    ("Kommission für", "Commission for"),
    ("Rat für", "Council for"),
]
REAL_ORGS = [
    ("nato", "NATO", "NATO", ["Nato", "Nato-Staaten", "North Atlantic Treaty Organization"]),
    ("eu", "Europäische Union", "European Union", ["EU", "European Union"]),
    ("eu-kommission", "EU-Kommission", "European Commission", ["Kommission", "European Commission"]),
    ("uno", "Vereinte Nationen", "United Nations", ["UN", "UNO", "United Nations"]),
    ("osze", "OSZE", "OSCE", ["Organisation für Sicherheit und Zusammenarbeit in Europa", "OSCE"]),
    ("g7", "G7", "G7", ["Gruppe der Sieben", "Group of Seven"]),
    ("iwf", "Internationaler Währungsfonds", "International Monetary Fund", ["IWF", "IMF"]),
    ("weltbank", "Weltbank", "World Bank", ["World Bank"]),
    (
        "koalition-der-willigen",
        "Koalition der Willigen",
        "Coalition of the Willing",
        ["Koalition", "Coalition of the Willing"],
    ),
    ("cdu", "CDU", "CDU", ["Christlich Demokratische Union"]),
    ("spd", "SPD", "SPD", ["Sozialdemokratische Partei Deutschlands"]),
    ("bundeswehr", "Bundeswehr", "Bundeswehr", ["German Armed Forces"]),
]
CONTRIBUTIONS = {  # id -> (German phrase after "will"/"will nicht", English)
    "ground_troops_in_ukraine": ("Bodentruppen in die Ukraine entsenden", "send ground troops to Ukraine"),
    "forces_on_nato_territory": (
        "Soldaten auf Nato-Gebiet in der Nachbarschaft stationieren",
        "station soldiers on nearby NATO territory",
    ),
    "air": ("Luftunterstützung leisten", "provide air support"),
    "sea": ("Seeunterstützung im Schwarzen Meer leisten", "provide naval support in the Black Sea"),
    "training": ("die Ausbildung ukrainischer Soldaten übernehmen", "take on the training of Ukrainian soldiers"),
    "logistics": ("Logistik und Transport bereitstellen", "provide logistics and transport"),
    "weapons_and_funding": ("Waffen und Geld liefern", "deliver weapons and money"),
    "monitoring": ("die Überwachung eines Waffenstillstands übernehmen", "take on monitoring of a ceasefire"),
    "demining": ("bei der Minenräumung helfen", "help with demining"),
    "security_guarantees": ("Sicherheitsgarantien mittragen", "back security guarantees"),
    "undecided": ("sich noch nicht festlegen", "not commit yet"),
}
UNITS = [
    ("Soldaten", "soldiers", 100, 30000),
    ("Millionen Euro", "million euros", 5, 900),
    ("Milliarden Euro", "billion euros", 1, 90),
    ("Prozent", "percent", 1, 99),
    ("Brigaden", "brigades", 1, 12),
    ("Staaten", "states", 2, 40),
    ("Stunden", "hours", 2, 72),
    ("Kampfjets", "fighter jets", 2, 60),
    ("Drohnen", "drones", 50, 9000),
]
KIND_WEIGHTS = [("claim", 61), ("commitment", 36), ("event", 20), ("figure", 13), ("quote", 15), ("refusal", 15)]


def _slug(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue").replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def _ascii_twin(text: str) -> str:
    """The umlaut-free spelling a German would type: Müller -> Mueller, Weiß -> Weiss."""
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _real_material() -> tuple[list[str], list[str]]:
    """Words and clean clauses of the real articles, reused as filler."""
    words: set[str] = set()
    clauses: list[str] = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        words.update(w for w in re.findall(r"[^\W\d_]{4,}", text))
        for part in re.split(r"[,;:.!?\n]", text):
            part = part.strip()
            if 15 <= len(part) <= 80 and not re.search(r"[\"„“”()\[\]/–-]", part) and part[0].islower():
                clauses.append(part)
    return sorted(words), sorted(set(clauses))


DENSE_NOUN_PARTS = 8  # prefixes x heads: 64 compound nouns
DENSE_ADJECTIVES = 12
DENSE_VERBS = 10
DENSE_ADVERBS = 8
DENSE_COUNTRIES = 20
DENSE_CITIES = 12
DENSE_PEOPLE = 10_000
DENSE_SURNAMES = (
    "Müller",
    "Schröder",
    "Weiß",
    "Krüger",
    "Selenskyj",
    "Macron",
    "Merz",
    "Rutte",
    "Kowalski",
    "Dvořák",
    "Søndergaard",
    "Lewandowski",
    "Söder",
    "Strauß",
    "Budanow",
    "Sacharowa",
    "Witkoff",
    "Starmer",
    "Kallas",
    "Pistorius",
    "Meloni",
    "Tusk",
    "Orbán",
    "Großmann",
    "Kühn",
    "Schön",
    "Förster",
    "Wüst",
)
DENSE_ROLE = ("Politiker", "Politician of")


class Vocabulary:
    def __init__(self, rng: random.Random, dense: bool = False) -> None:
        self.rng = rng
        prefixes, heads = (PREFIXES[:DENSE_NOUN_PARTS], HEADS[:DENSE_NOUN_PARTS]) if dense else (PREFIXES, HEADS)
        self.nouns = [(p + h, f"{pe} {he}") for p, pe in prefixes for h, he in heads]
        self.nouns = [(n[0].upper() + n[1:], e) for n, e in self.nouns]
        self.adjectives = ADJECTIVES[:DENSE_ADJECTIVES] if dense else ADJECTIVES
        self.verbs = VERBS[:DENSE_VERBS] if dense else VERBS
        self.adverbs = ADVERBS[:DENSE_ADVERBS] if dense else ADVERBS
        self.cities = CITIES[:DENSE_CITIES] if dense else CITIES
        # A dense base keeps to its own few words: no clauses of the real articles.
        self.real_words, self.real_clauses = ([], []) if dense else _real_material()
        if not self.real_clauses and not dense:
            self.real_clauses = ["wie es aus Regierungskreisen hieß"]

    def noun(self) -> tuple[str, str]:
        return self.rng.choice(self.nouns)

    def adj(self, ending: str | None = None) -> tuple[str, str]:
        de, en = self.rng.choice(self.adjectives)
        return de + (ending if ending is not None else self.rng.choice(ADJ_ENDINGS)), en

    def size(self) -> int:
        return (
            len(self.nouns)
            + len(self.adjectives) * (1 + len(ADJ_ENDINGS))
            + 2 * len(self.verbs)
            + len(self.adverbs)
            + len(self.real_words)
        )


# -- the world -------------------------------------------------------------------------


class World:
    def __init__(self, rng: random.Random, statements: int, dense: bool = False) -> None:
        self.rng = rng
        # ~50 countries, ~500 people, ~100 organizations; fewer only for tiny bases.
        # Dense: 20 countries and one person per 10 statements (10,000 at 100k).
        n_people = max(20, min(DENSE_PEOPLE, statements // 10) if dense else min(500, statements // 2))
        n_orgs = max(len(REAL_ORGS), min(100, statements // 10))
        n_countries = DENSE_COUNTRIES if dense else len(COUNTRIES)
        self.countries = COUNTRIES[: max(10, min(n_countries, statements // 10))]
        self.people: list[dict] = []
        used: set[str] = set()
        while len(self.people) < n_people:
            name, last = self._name(dense)
            pid = _slug(name)
            if pid in used:
                continue
            used.add(pid)
            country = rng.choice(self.countries)
            role_de, role_en, _ = (*DENSE_ROLE, True) if dense else rng.choice(ROLES)
            aliases = [last, last + "s"]
            twin = _ascii_twin(name)
            if twin != name:
                aliases += [twin, _ascii_twin(last)]
            name_en = twin if rng.random() < 0.3 else name
            self.people.append(
                dict(
                    id=pid,
                    name=name,
                    name_en=name_en,
                    surname=last,
                    aliases=list(dict.fromkeys(aliases)),
                    role=f"{role_de} {country[3]}",
                    role_en=f"{role_en} {country[2]}",
                    role_short=role_de,
                    country=country[0] if rng.random() < 0.95 else None,
                )
            )
        _unique_aliases(self.people)
        self.orgs: list[dict] = [dict(id=i, name=n, name_en=e, aliases=a) for i, n, e, a in REAL_ORGS]
        while len(self.orgs) < n_orgs:
            kind_de, kind_en = rng.choice(ORG_KINDS)
            prefix, pe = rng.choice(PREFIXES)
            head, he = rng.choice(HEADS)
            topic = (prefix + head).capitalize()
            name = f"{kind_de} {topic}"
            oid = _slug(name)
            if any(o["id"] == oid for o in self.orgs):
                continue
            acronym = "".join(w[0] for w in kind_de.split()).upper() + topic[:2].upper()
            taken = {alias.casefold() for o in self.orgs for alias in o["aliases"]}
            if acronym.casefold() in taken:  # an alias must name one entity: number the twin
                acronym += str(next(n for n in range(2, 1000) if f"{acronym}{n}".casefold() not in taken))
            self.orgs.append(dict(id=oid, name=name, name_en=f"{kind_en} {pe} {he}", aliases=[acronym]))

    def _name(self, dense: bool) -> tuple[str, str]:
        """A full name and its surname: first and last name, or with --dense three of
        68 name words (20 first names, 20 second names, 28 surnames)."""
        if not dense:
            last = self.rng.choice(SURNAMES)
            return f"{self.rng.choice(FIRST_NAMES)} {last}", last
        first = self.rng.choice(FIRST_NAMES[:20])
        second = self.rng.choice(FIRST_NAMES[20:40])
        last = self.rng.choice(DENSE_SURNAMES)
        return f"{first} {second} {last}", last

    def person_mention(self, person: dict) -> str:
        r = self.rng.random()
        if r < 0.35:
            return person["name"]
        if r < 0.7:
            return f"{person['role_short']} {person['name']}"
        return person["surname"]


# -- sentences ---------------------------------------------------------------------------


class Writer:
    """Builds statement sentences (German, for the seed), `text` and `text_en`."""

    def __init__(self, rng: random.Random, vocab: Vocabulary, world: World) -> None:
        self.rng, self.v, self.w = rng, vocab, world

    def clause(self) -> tuple[str, str]:
        rng, v = self.rng, self.v
        n1, n2 = v.noun(), v.noun()
        adj_stem, adj_en = rng.choice(v.adjectives)
        inf, part, v_en, v_pp = rng.choice(v.verbs)
        adv, adv_en = rng.choice(v.adverbs)
        country = rng.choice(self.w.countries)
        city = rng.choice(v.cities)
        t = rng.randrange(6)
        if t == 0:
            de = f"die {adj_stem}e {n1[0]} müsse {adv} {part} werden"
            en = f"the {adj_en} {n1[1]} must be {v_pp} {adv_en}"
        elif t == 1:
            de = f"man werde die {adj_stem}en {n1[0]}en {adv} {inf}"
            en = f"they will {v_en} the {adj_en} {n1[1]}s {adv_en}"
        elif t == 2:
            de = f"{country[1]} wolle {n1[0]} im Rahmen der {n2[0]} {inf}"
            en = f"{country[2]} wants to {v_en} {n1[1]} as part of the {n2[1]}"
        elif t == 3:
            de = f"ohne {adj_stem}e {n1[0]} gebe es keine {n2[0]}"
            en = f"without {adj_en} {n1[1]} there is no {n2[1]}"
        elif t == 4:
            de = f"die Gespräche über die {n1[0]} in {city} seien {adj_stem} verlaufen"
            en = f"the talks on the {n1[1]} in {city} went {adj_en}"
        else:
            de = f"die {country[4]}e Regierung habe die {n1[0]} {adv} {part}"
            en = f"the {country[5]} government has {v_pp} the {n1[1]} {adv_en}"
        if v.real_clauses and rng.random() < 0.35:
            de += ", " + rng.choice(v.real_clauses)
        return de, en

    def dateline(self) -> str:
        city = self.rng.choice(self.v.cities)
        outlet = self.rng.choice(["dpa-AFX", "AFP", "Reuters", "dpa"])
        return f"{city.upper()} ({outlet}) - "

    def statement(self, kind: str, date: tuple[str, str]) -> dict:
        """One statement: its seed sentence(s), text, text_en and fields."""
        rng, w = self.rng, self.w
        person = rng.choice(w.people)
        country = rng.choice(w.countries)
        others = rng.sample(w.people, k=rng.randint(0, 2))
        orgs = [o["id"] for o in rng.sample(w.orgs, k=rng.randint(0, 2))]
        weekday = rng.choice(WEEKDAYS)[0]
        fields: dict = dict(kind=kind, countries=[country[0]], people=[p["id"] for p in others], organizations=orgs)
        mention = w.person_mention(person)
        if kind == "quote":
            de, en = self.clause()
            quote = de[0].upper() + de[1:]
            open_q, close_q = ("„", "“") if rng.random() < 0.7 else ('"', '"')
            form = rng.randrange(3)
            if form == 0:
                sentence = f"{open_q}{quote}{close_q}, sagte {mention} am {weekday}."
            elif form == 1:
                sentence = f"{mention} erklärte in {rng.choice(self.v.cities)}: {open_q}{quote}.{close_q}"
            else:
                sentence = f"{open_q}{quote}{close_q}, versprach {mention} – ohne ins Detail zu gehen."
            fields.update(speaker=person["id"], text=quote, text_en=en[0].upper() + en[1:])
            second = f"{person['name']} betonte, {de}." if rng.random() < 0.3 else None
        elif kind == "claim":
            de, en = self.clause()
            if rng.random() < 0.15:
                sentence = f"Aus Regierungskreisen in {rng.choice(self.v.cities)} hieß es am {weekday}, {de}."
                fields.update(
                    speaker=None, text=f"Aus Regierungskreisen hieß es, {de}.", text_en=f"Government sources said {en}."
                )
            else:
                sentence = f"{mention} sagte am {weekday}, {de}."
                fields.update(
                    speaker=person["id"],
                    text=f"{person['name']} sagte, {de}.",
                    text_en=f"{person['name_en']} said {en}.",
                )
            second = f"Nach Angaben von {person['surname']} {de.split(',')[0]}." if rng.random() < 0.25 else None
        elif kind in ("commitment", "refusal"):
            picked = rng.sample(sorted(CONTRIBUTIONS), k=rng.randint(1, 2))
            if kind == "refusal" and "undecided" in picked:
                picked.remove("undecided")
                picked = picked or ["ground_troops_in_ukraine"]
            de_parts = " und ".join(CONTRIBUTIONS[c][0] for c in picked)
            en_parts = " and ".join(CONTRIBUTIONS[c][1] for c in picked)
            neg, neg_en = ("nicht ", "not ") if kind == "refusal" else ("", "")
            sentence = (
                f"{country[1]} will nach einem Waffenstillstand {neg}{de_parts}, kündigte {mention} am {weekday} an."
            )
            fields.update(
                speaker=country[0] if rng.random() < 0.6 else person["id"],
                text=f"{country[1]} will {neg}{de_parts}.",
                text_en=f"{country[2]} will {neg_en}{en_parts}.",
                contributions=picked,
            )
            second = f"Auch {country[1]} will {neg}{de_parts}." if rng.random() < 0.25 else None
        elif kind == "figure":
            unit_de, unit_en, low, high = rng.choice(UNITS)
            value: float = rng.randint(low, high)
            shown = f"{int(value):,}".replace(",", ".")
            if rng.random() < 0.2:
                value = round(value + rng.choice((0.5, 0.25, 0.1)), 2)
                shown = f"{value}".replace(".", ",")
            n1 = self.v.noun()
            sentence = f"{country[1]} stellt nach Angaben von {mention} {shown} {unit_de} für die {n1[0]} bereit."
            fields.update(
                speaker=None,
                text=f"{country[1]} stellt {shown} {unit_de} für die {n1[0]} bereit.",
                text_en=f"{country[2]} provides {shown} {unit_en} for the {n1[1]}.",
                value=value,
                unit=unit_de,
            )
            second = None
        else:  # event
            place = rng.choice(self.v.cities)
            guests = [person, *others]
            names = ", ".join(p["name"] for p in guests[:-1])
            names = f"{names} und {guests[-1]['name']}" if names else guests[-1]["name"]
            n1 = self.v.noun()
            sentence = f"In {place} trafen sich am {weekday} {names} zu Beratungen über die {n1[0]}."
            fields.update(
                speaker=None,
                text=f"In {place} berieten {names} über die {n1[0]}.",
                text_en=f"In {place}, {', '.join(p['name_en'] for p in guests)} discussed the {n1[1]}.",
                place=place,
                people=[p["id"] for p in guests],
            )
            second = (
                f"Das Treffen in {place} über die {n1[0]} dauerte mehrere Stunden." if rng.random() < 0.25 else None
            )
        if fields.get("speaker") and fields["speaker"] == person["id"] and person["id"] not in fields["people"]:
            fields["people"] = [person["id"], *fields["people"]]
        fields["people"] = list(dict.fromkeys(fields["people"]))
        fields["date"], fields["date_basis"] = date
        if date[1] == "inferred":
            fields["date_note"] = "Article date (no date line; month inferred from the text)."
        if rng.random() < 0.05:
            fields["note"] = f"Synthetic note: compare the {self.v.noun()[0]} in other articles."
        return dict(fields=fields, sentence=sentence, second=second)


# -- seeds and output ----------------------------------------------------------------------


class Seed:
    def __init__(self, number: int, rng: random.Random) -> None:
        self.number = number
        self.id = f"s{number:05d}"
        self.file = f"{number:05d}_{rng.getrandbits(64):016x}.txt"
        year, month, day = rng.choice((2025, 2026)), rng.randint(1, 12), rng.randint(1, 28)
        self.outlet = rng.choice(OUTLETS)
        self.dated = rng.random() < 0.7
        self.published = f"{year}-{month:02d}-{day:02d}" if self.dated else f"{year}-{month:02d}"
        self.sentences: list[str] = []
        self.offsets: list[tuple[int, int]] = []
        self.text = ""
        self.sha256 = ""

    def add(self, sentence: str) -> int:
        self.sentences.append(sentence)
        return len(self.sentences) - 1

    def finish(self, rng: random.Random) -> None:
        parts: list[str] = []
        pos = 0

        def put(s: str) -> None:
            nonlocal pos
            parts.append(s)
            pos += len(s)

        if self.dated:
            put(f" date {self.published}\n\n")
        in_paragraph = 0
        for sentence in self.sentences:
            if in_paragraph and rng.random() < 0.35:
                put("\n\n")
                in_paragraph = 0
            elif in_paragraph:
                put(" ")
            self.offsets.append((pos, pos + len(sentence)))
            put(sentence)
            in_paragraph += 1
        if self.outlet == "dpa-AFX":
            put(" /evs/DP/nas")
        put("\n")
        self.text = "".join(parts)
        self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _evidence_lines(out: list[str], indent: str, refs: list[tuple[Seed, int]]) -> None:
    out.append(f"{indent}evidence:")
    for seed, index in refs:
        start, end = seed.offsets[index]
        out.append(f'{indent}  - source: "{seed.id}"')
        out.append(f"{indent}    start: {start}")
        out.append(f"{indent}    end: {end}")
        out.append(f"{indent}    sentence: {_q(seed.sentences[index])}")


def generate(n_statements: int, out_dir: Path, seed: int = 0, dense: bool = False) -> dict:
    rng = random.Random(seed)
    vocab = Vocabulary(rng, dense)
    world = World(rng, n_statements, dense)
    writer = Writer(rng, vocab, world)
    seeds = [Seed(i, rng) for i in range(max(1, -(-n_statements // STATEMENTS_PER_SEED)))]

    # Entity evidence: a sentence introducing each person with the role; some countries
    # and organizations get one too.
    person_ev: dict[str, list[tuple[Seed, int]]] = {}
    for person in world.people:
        s = rng.choice(seeds)
        noun = vocab.noun()[0]
        line = f"{person['role'].split(' ')[0]} {person['name']} äußerte sich am {rng.choice(WEEKDAYS)[0]} zur {noun}."
        person_ev[person["id"]] = [(s, s.add(line))]
    country_ev: dict[str, list[tuple[Seed, int]]] = {}
    for country in world.countries:
        if rng.random() < 0.8:
            s = rng.choice(seeds)
            line = f"{country[1]} gehört zu den Staaten, die über die {vocab.noun()[0]} beraten."
            country_ev[country[0]] = [(s, s.add(line))]
    org_ev: dict[str, list[tuple[Seed, int]]] = {}
    for org in world.orgs:
        if rng.random() < 0.5:
            s = rng.choice(seeds)
            line = (
                f"Die Organisation {org['name']} ({org['aliases'][0]}) legte einen Bericht zur {vocab.noun()[0]} vor."
            )
            org_ev[org["id"]] = [(s, s.add(line))]

    kinds = [k for k, _ in KIND_WEIGHTS]
    weights = [w for _, w in KIND_WEIGHTS]
    statements: list[tuple[dict, list[tuple[Seed, int]]]] = []
    previous: dict[int, tuple[int, dict]] = {}
    for number in range(n_statements):
        s = seeds[number * len(seeds) // max(n_statements, 1)]
        date = (s.published, "stated" if s.dated else "inferred")
        kind = rng.choices(kinds, weights)[0]
        st = writer.statement(kind, date)
        if not s.sentences or len(s.sentences) < 2 or rng.random() < 0.5:
            s.add(writer.dateline() + st["sentence"] if rng.random() < 0.1 else st["sentence"])
        else:
            s.add(st["sentence"])
        refs = [(s, len(s.sentences) - 1)]
        if st["second"]:
            # Never an article published before the statement's date (the validator's rule).
            other = rng.choice([o for o in seeds if o.published >= s.published] or [s])
            refs.append((other, other.add(st["second"])))
        elif kind in ("claim", "event") and s.number in previous and rng.random() < 0.1:
            # The same sentence supports a second statement, as in the curated base.
            refs.append(previous[s.number][1]["refs"][0])
        rec = dict(st["fields"], refs=refs)
        previous[s.number] = (number, rec)
        rec["id"] = f"{kind}-{s.id}-{number:06d}-{_slug(rec['text'].split()[0])[:12]}"
        statements.append((rec, refs))

    for s in seeds:
        s.finish(rng)

    (out_dir / "data").mkdir(parents=True, exist_ok=True)
    seeds_dir = out_dir / "seeds"
    seeds_dir.mkdir(parents=True, exist_ok=True)
    for old in seeds_dir.glob("*.txt"):
        old.unlink()
    for s in seeds:
        (seeds_dir / s.file).write_bytes(s.text.encode("utf-8"))

    out: list[str] = [
        f"# Synthetic factbrowser fact base: {n_statements} statements, generated by",
        f"# benchmarks/generate.py --statements {n_statements} --seed {seed}{' --dense' if dense else ''}."
        " Not real facts.",
        "schema_version: 1",
        'seeds_dir: "../seeds"',
        "",
        "sources:",
    ]
    for s in seeds:
        out += [
            f'  - id: "{s.id}"',
            f'    file: "{s.file}"',
            f'    sha256: "{s.sha256}"',
            f"    outlet: {_q(s.outlet)}",
            f'    published: "{s.published}"',
            f'    published_basis: "{"stated" if s.dated else "inferred"}"',
        ]
        note = "Date line of the article." if s.dated else "No date line; month inferred from the text."
        out.append(f"    published_note: {_q(note)}")
    out += ["", "countries:"]
    for cid, name, name_en, genitive, adj, adj_en in world.countries:
        aliases = [genitive, *(adj + e for e in ADJ_ENDINGS[:4]), name_en, adj_en]
        out += [
            f'  - id: "{cid}"',
            f"    name: {_q(name)}",
            f"    name_en: {_q(name_en)}",
            f"    aliases: {_q(list(dict.fromkeys(aliases)))}",
        ]
        if cid in country_ev:
            _evidence_lines(out, "    ", country_ev[cid])
    out += ["", "people:"]
    for p in world.people:
        out += [
            f'  - id: "{p["id"]}"',
            f"    name: {_q(p['name'])}",
            f"    name_en: {_q(p['name_en'])}",
            f"    aliases: {_q(p['aliases'])}",
            f"    role: {_q(p['role'])}",
            f"    role_en: {_q(p['role_en'])}",
            f"    country: {_q(p['country'])}",
        ]
        _evidence_lines(out, "    ", person_ev[p["id"]])
    out += ["", "organizations:"]
    for o in world.orgs:
        out += [
            f'  - id: "{o["id"]}"',
            f"    name: {_q(o['name'])}",
            f"    name_en: {_q(o['name_en'])}",
            f"    aliases: {_q(o['aliases'])}",
        ]
        if o["id"] in org_ev:
            _evidence_lines(out, "    ", org_ev[o["id"]])
    out += ["", "statements:"]
    for rec, refs in statements:
        out += [
            f'  - id: "{rec["id"]}"',
            f'    kind: "{rec["kind"]}"',
            f"    speaker: {_q(rec['speaker'])}",
            f"    text: {_q(rec['text'])}",
            f"    text_en: {_q(rec['text_en'])}",
            f"    countries: {_q(rec['countries'])}",
            f"    people: {_q(rec['people'])}",
            f"    organizations: {_q(rec['organizations'])}",
            f'    date: "{rec["date"]}"',
            f'    date_basis: "{rec["date_basis"]}"',
        ]
        for key in ("date_note", "contributions", "place", "unit", "note"):
            if key in rec:
                out.append(f"    {key}: {_q(rec[key])}")
        if "value" in rec:
            out.append(f"    value: {rec['value']}")
        _evidence_lines(out, "    ", refs)
    out.append("")
    facts = out_dir / "data" / "facts.yaml"
    facts.write_text("\n".join(out), encoding="utf-8", newline="")
    return dict(
        statements=n_statements,
        dense=dense,
        seeds=len(seeds),
        countries=len(world.countries),
        people=len(world.people),
        organizations=len(world.orgs),
        vocabulary=vocab.size(),
        facts=str(facts),
        facts_mb=round(facts.stat().st_size / 2**20, 1),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, required=True, help="number of statements")
    parser.add_argument("--out", type=Path, required=True, help="output folder (gets data/ and seeds/)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument(
        "--dense", action="store_true", help="few distinct words, 10,000 people of 68 name words, one role for all"
    )
    args = parser.parse_args(argv)
    if args.statements < 1:
        parser.error("--statements must be at least 1")
    began = time.perf_counter()
    summary = generate(args.statements, args.out, args.seed, args.dense)
    summary["seconds"] = round(time.perf_counter() - began, 2)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def _unique_aliases(people: list[dict]) -> None:
    """Drop every alias two people share: an alias must name one entity (the validator's
    rule). Dense bases keep their shared name words; only the short forms go."""
    from collections import Counter

    counts = Counter(alias.casefold() for person in people for alias in person["aliases"])
    for person in people:
        person["aliases"] = [alias for alias in person["aliases"] if counts[alias.casefold()] == 1]


if __name__ == "__main__":
    sys.exit(main())
