"""The region, its Kommunen and the topics of the Wegweiser (the district's own split)."""

REGION = {
    "key": "landkreis-harz",
    "name": "Landkreis Harz",
    "state": "ST",
    "coordination_name": (
        "Koordinierungsstelle für Migration und Ehrenamt – Landkreis Harz, Sozialamt, "
        "Sachgebiet Integration und Inklusion"
    ),
    "coordination_email": "integration&inklusion@kreis-hz.de",
    "coordination_phone": "+49 3941 0000-100",
    "coordination_address": (
        "Landkreis Harz, Sozialamt, Friedrich-Ebert-Straße 42, 38820 Halberstadt"
    ),
    "website": "https://www.kreis-hz.de",
}

# key, name, kind, parent, AGS (only where verified), latitude, longitude, postal code, area code
KOMMUNEN = [
    ("ballenstedt", "Ballenstedt", "stadt", None, None, 51.7190, 11.2330, "06493", "039483"),
    ("blankenburg", "Blankenburg (Harz)", "stadt", None, None, 51.7900, 10.9550, "38889", "03944"),
    ("falkenstein", "Falkenstein/Harz", "stadt", None, None, 51.6830, 11.2630, "06463", "034743"),
    ("halberstadt", "Halberstadt", "stadt", None, "15085135", 51.8960, 11.0470, "38820", "03941"),
    ("harzgerode", "Harzgerode", "stadt", None, None, 51.6420, 11.1430, "06493", "039484"),
    ("ilsenburg", "Ilsenburg (Harz)", "stadt", None, None, 51.8670, 10.6780, "38871", "039452"),
    (
        "oberharz",
        "Oberharz am Brocken",
        "stadt",
        None,
        "15085228",
        51.7390,
        10.8490,
        "38875",
        "039454",
    ),
    ("osterwieck", "Osterwieck", "stadt", None, None, 51.9690, 10.7100, "38835", "039421"),
    ("quedlinburg", "Quedlinburg", "stadt", None, None, 51.7890, 11.1410, "06484", "03946"),
    ("thale", "Thale", "stadt", None, None, 51.7480, 11.0420, "06502", "03947"),
    ("wernigerode", "Wernigerode", "stadt", None, None, 51.8350, 10.7850, "38855", "03943"),
    ("huy", "Huy", "gemeinde", None, None, 51.9800, 10.9800, "38838", "039425"),
    ("nordharz", "Nordharz", "gemeinde", None, None, 51.9200, 10.8500, "38871", "039458"),
    (
        "vorharz",
        "Verbandsgemeinde Vorharz",
        "verbandsgemeinde",
        None,
        None,
        51.8830,
        11.1700,
        "38828",
        "039423",
    ),
    ("ditfurt", "Ditfurt", "gemeinde", "vorharz", None, 51.8340, 11.1970, "06484", "03946"),
    (
        "gross-quenstedt",
        "Groß Quenstedt",
        "gemeinde",
        "vorharz",
        None,
        51.9270,
        11.1180,
        "38822",
        "03941",
    ),
    ("harsleben", "Harsleben", "gemeinde", "vorharz", None, 51.8680, 11.1000, "38829", "03941"),
    (
        "hedersleben",
        "Hedersleben",
        "gemeinde",
        "vorharz",
        None,
        51.8660,
        11.2670,
        "06458",
        "039481",
    ),
    (
        "schwanebeck",
        "Schwanebeck",
        "gemeinde",
        "vorharz",
        None,
        51.9660,
        11.1210,
        "39397",
        "039424",
    ),
    ("selke-aue", "Selke-Aue", "gemeinde", "vorharz", None, 51.8600, 11.3000, "06458", "034741"),
    ("wegeleben", "Wegeleben", "stadt", "vorharz", None, 51.8830, 11.1700, "38828", "039423"),
]

# key, title, Material icon name
TOPICS = [
    ("ankommen", "Ankommen und Behörden", "account_balance"),
    ("aufenthalt", "Aufenthalt und Einbürgerung", "badge"),
    ("wohnen", "Wohnen", "home"),
    ("gesundheit", "Gesundheit", "local_hospital"),
    ("kita-schule", "Kita und Schule", "school"),
    ("sprache", "Sprache und Integrationskurse", "translate"),
    ("arbeit", "Arbeit und Ausbildung", "work"),
    ("geld", "Geld und Leistungen", "euro"),
    ("beratung", "Beratung", "support_agent"),
    ("familie", "Familie und Kinder", "family_restroom"),
    ("mobilitaet", "Mobilität", "directions_bus"),
    ("alltag", "Alltag und Einkaufen", "shopping_basket"),
    ("freizeit", "Freizeit und Ehrenamt", "volunteer_activism"),
    ("notfall", "Notfall", "emergency"),
]
