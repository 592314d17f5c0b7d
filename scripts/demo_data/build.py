"""Build `assets/demo/landkreis-harz.json`: python -m scripts.demo_data.build

Deterministic: ids are UUID5 of a readable slug, dates are fixed, so a rebuild only
changes what the generator changed. Every phone number has 0000 right after the area
code, which no real German number has; every e-mail address and website uses the
reserved `.example` domain (RFC 2606). Only the coordination office's public e-mail
address from the district's own text is real.
"""

import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from scripts.demo_data.places import KOMMUNEN, REGION, TOPIC_TRANSLATIONS, TOPICS
from scripts.demo_data.sheets_district import SHEETS, TRANSLATIONS
from scripts.demo_data.synonyms import SYNONYMS

NAMESPACE = uuid.UUID("5d0c1f3e-8a4b-4c2e-9f61-0b7d3a2e4c10")
OUTPUT = Path(__file__).resolve().parents[2] / "assets" / "demo" / "landkreis-harz.json"
TODAY = date(2026, 11, 1)
# Seats of the Jobcenter/MBE offices and the Kommunen each one serves.
OFFICE_AREAS = {
    "halberstadt": [
        "halberstadt",
        "huy",
        "nordharz",
        "vorharz",
        "ditfurt",
        "gross-quenstedt",
        "harsleben",
        "hedersleben",
        "schwanebeck",
        "selke-aue",
        "wegeleben",
        "osterwieck",
    ],
    "wernigerode": ["wernigerode", "ilsenburg", "oberharz", "blankenburg"],
    "quedlinburg": ["quedlinburg", "thale", "ballenstedt", "falkenstein", "harzgerode"],
}


def uid(slug: str) -> str:
    """A stable id for a readable slug."""
    return str(uuid.uuid5(NAMESPACE, slug))


def verified(n: int) -> str:
    """A spread of verification dates; every seventh entry is over a year old."""
    days = 420 + (n * 37) % 200 if n % 7 == 3 else (n * 53) % 330
    return (TODAY - timedelta(days=days)).isoformat()


def phone(area: str, n: int, label: str = "Telefon") -> dict[str, str]:
    return {"label": label, "number": f"+49 {area[1:]} 0000-{n:03d}"}


def build() -> dict[str, Any]:
    kommunen = {k[0]: k for k in KOMMUNEN}
    document: dict[str, Any] = {
        "format": "wegweiser-dataset",
        "format_version": 1,
        "meta": {
            "dataset_version": "2026.11.1",
            "title": "Wegweiser für ehrenamtliche Integrationslotsen – Landkreis Harz",
            "example_data": True,
            "created": TODAY.isoformat(),
            "note": (
                "Beispieldaten zum Ausprobieren. Namen von Einrichtungen sind angelehnt an "
                "übliche Angebote, alle Telefonnummern (0000 nach der Vorwahl), E-Mail-Adressen "
                "und Webseiten (.example) sind erfunden. Nicht für Beratung verwenden."
            ),
        },
        "region": {"id": uid("region"), **REGION},
        "kommunen": [
            {
                "id": uid(f"kommune/{key}"),
                "key": key,
                "ags": ags,
                "name": name,
                "kind": kind,
                "parent_key": parent,
                "latitude": lat,
                "longitude": lon,
            }
            for key, name, kind, parent, ags, lat, lon, _plz, _area in KOMMUNEN
        ],
        "topics": [
            {
                "id": uid(f"topic/{key}"),
                "key": key,
                "title": title,
                "icon": icon,
                "sort_order": i,
                "translations": TOPIC_TRANSLATIONS[key],
            }
            for i, (key, title, icon) in enumerate(TOPICS)
        ],
    }
    sheets = [
        {
            "id": uid(f"sheet/{slug}"),
            "topic_key": topic,
            "kommune_key": None,
            "title": title,
            "body": body,
            "language": "de",
            "last_verified": verified(i),
        }
        for i, (slug, topic, title, body) in enumerate(SHEETS)
    ]
    sheets += [
        {
            "id": uid(f"sheet/{slug}/{lang}"),
            "topic_key": next(t for s, t, _, _ in SHEETS if s == slug),
            "kommune_key": None,
            "title": title,
            "body": body,
            "language": lang,
            "translation_of": uid(f"sheet/{slug}"),
            "last_verified": verified(i),
        }
        for i, (slug, lang, title, body) in enumerate(TRANSLATIONS)
    ]
    contacts = district_contacts()
    offers: list[dict[str, Any]] = []
    partners: list[dict[str, Any]] = []
    for n, row in enumerate(KOMMUNEN):
        sheets += local_sheets(row, n)
        local = local_contacts(row, n, kommunen)
        contacts += local
        offers += local_offers(row, n, local)
        partners += local_partners(row, n)
    document["sheets"] = sheets
    document["contact_points"] = contacts
    document["offers"] = offers
    document["partners"] = partners
    document["synonyms"] = [
        {"id": uid(f"synonym/{term}"), "term": term, "words": words} for term, words in SYNONYMS
    ]
    return document


def seat_of(key: str) -> str:
    return next(seat for seat, area in OFFICE_AREAS.items() if key in area)


def district_contacts() -> list[dict[str, Any]]:
    """Offices of the district and services for all Kommunen."""
    hz = {"postal_code": "38820", "city": "Halberstadt"}
    contacts: list[dict[str, Any]] = [
        {
            "slug": "auslaenderbehoerde",
            "name": "Ausländerbehörde des Landkreises Harz",
            "organisation": "Landkreis Harz, Ordnungsamt",
            "description": "Aufenthaltstitel, Verlängerungen, Fiktionsbescheinigungen, "
            "Verpflichtungserklärungen. Termine nach Vereinbarung, in dringenden Fällen "
            "offene Sprechzeit am Dienstag.",
            "street": "Friedrich-Ebert-Straße 42",
            **hz,
            "latitude": 51.8946,
            "longitude": 11.0521,
            "phones": [phone("03941", 201, "Terminvergabe"), phone("03941", 202, "Fax")],
            "email": "auslaenderbehoerde@landkreis-harz.example",
            "opening_hours": "Mo,Th 08:30-12:00; Tu 08:30-12:00,13:00-17:30; PH off",
            "languages": ["de", "en"],
            "topic_keys": ["aufenthalt", "ankommen"],
            "target_groups": ["Erwachsene", "Familien"],
            "appointment_required": True,
            "accessibility": "Aufzug vorhanden, barrierefreies WC im Erdgeschoss",
            "costs": "Gebühren nach Aufenthaltsverordnung",
        },
        {
            "slug": "sozialamt-asylblg",
            "name": "Sozialamt – Leistungen nach dem AsylbLG",
            "organisation": "Landkreis Harz, Sozialamt",
            "description": "Leistungen nach dem Asylbewerberleistungsgesetz, Behandlungsscheine, "
            "Bezahlkarte.",
            "street": "Friedrich-Ebert-Straße 42",
            **hz,
            "latitude": 51.8946,
            "longitude": 11.0521,
            "phones": [phone("03941", 210)],
            "email": "asylblg@landkreis-harz.example",
            "opening_hours": "Tu 09:00-12:00,13:00-17:00; Th 09:00-12:00; PH off",
            "languages": ["de"],
            "topic_keys": ["geld", "gesundheit"],
            "appointment_required": False,
        },
        {
            "slug": "koordinierungsstelle",
            "name": "Koordinierungsstelle für Migration und Ehrenamt",
            "organisation": "Landkreis Harz, Sozialamt, Sachgebiet Integration und Inklusion",
            "description": "Begleitet die ehrenamtlichen Integrationslotsen, pflegt den "
            "Wegweiser und nimmt Änderungen von Anlaufstellen entgegen. Vermittelt "
            "Sprachmittlung und Schulungen.",
            "street": "Friedrich-Ebert-Straße 42",
            **hz,
            "latitude": 51.8946,
            "longitude": 11.0521,
            "phones": [phone("03941", 100)],
            "email": "integration&inklusion@kreis-hz.de",
            "website": "https://www.kreis-hz.de",
            "opening_hours": "Mo-Th 08:00-15:30; Fr 08:00-12:00; PH off",
            "languages": ["de", "en"],
            "topic_keys": ["freizeit", "beratung"],
            "target_groups": ["Ehrenamtliche", "Netzwerkpartner"],
        },
        {
            "slug": "gesundheitsamt",
            "name": "Gesundheitsamt Landkreis Harz",
            "organisation": "Landkreis Harz",
            "description": "Kinder- und Jugendärztlicher Dienst: Schuleingangsuntersuchung, "
            "Impfberatung und Impfungen für Kinder. Tuberkulose-Vorsorge für "
            "Neuankommende.",
            "street": "Friedrich-Ebert-Straße 42",
            **hz,
            "latitude": 51.8946,
            "longitude": 11.0521,
            "phones": [phone("03941", 230)],
            "email": "gesundheitsamt@landkreis-harz.example",
            "opening_hours": "Mo-Th 08:00-12:00,13:00-15:00; Fr 08:00-12:00; PH off",
            "languages": ["de", "en", "ru"],
            "topic_keys": ["gesundheit", "kita-schule"],
            "appointment_required": True,
        },
        {
            "slug": "fahrerlaubnis",
            "name": "Fahrerlaubnisbehörde",
            "organisation": "Landkreis Harz, Straßenverkehrsamt",
            "description": "Umschreibung ausländischer Führerscheine, Prüfaufträge.",
            "street": "Schlachthofstraße 5",
            **hz,
            "latitude": 51.8990,
            "longitude": 11.0600,
            "phones": [phone("03941", 240)],
            "email": "fahrerlaubnis@landkreis-harz.example",
            "opening_hours": "Mo,We 08:00-12:00; Tu 08:00-12:00,13:00-18:00; Th 13:00-16:00",
            "languages": ["de"],
            "topic_keys": ["mobilitaet"],
            "appointment_required": True,
        },
        {
            "slug": "wohngeld",
            "name": "Wohngeldstelle",
            "organisation": "Landkreis Harz",
            "description": "Wohngeld für Menschen mit eigenem Einkommen; Antragsformulare und "
            "Beratung.",
            "street": "Friedrich-Ebert-Straße 42",
            **hz,
            "latitude": 51.8946,
            "longitude": 11.0521,
            "phones": [phone("03941", 250)],
            "email": "wohngeld@landkreis-harz.example",
            "opening_hours": "Tu 09:00-12:00,13:00-17:00; Th 09:00-12:00",
            "languages": ["de"],
            "topic_keys": ["wohnen", "geld"],
        },
        {
            "slug": "familienkasse",
            "name": "Familienkasse Sachsen-Anhalt Süd – Sprechstunde Halberstadt",
            "organisation": "Bundesagentur für Arbeit",
            "description": "Kindergeld und Kinderzuschlag. Anträge auch online; Sprechstunde "
            "in der Agentur für Arbeit.",
            "street": "Schwanebecker Straße 14",
            **hz,
            "latitude": 51.9010,
            "longitude": 11.0590,
            "phones": [phone("03941", 260)],
            "email": "familienkasse@arbeitsagentur.example",
            "opening_hours": "We 08:00-12:00",
            "languages": ["de", "en"],
            "topic_keys": ["geld", "familie"],
            "appointment_required": True,
        },
        {
            "slug": "agentur-fuer-arbeit",
            "name": "Agentur für Arbeit Halberstadt",
            "organisation": "Bundesagentur für Arbeit",
            "description": "Arbeitsvermittlung, Berufsberatung, Berufssprachkurse für Menschen "
            "ohne Bürgergeld.",
            "street": "Schwanebecker Straße 14",
            **hz,
            "latitude": 51.9010,
            "longitude": 11.0590,
            "phones": [phone("03941", 270)],
            "email": "halberstadt@arbeitsagentur.example",
            "opening_hours": "Mo-We 08:00-12:30; Th 08:00-18:00; Fr 08:00-12:30; PH off",
            "languages": ["de", "en", "ar"],
            "topic_keys": ["arbeit", "sprache"],
            "appointment_required": True,
        },
        {
            "slug": "psz",
            "name": "Psychosoziales Zentrum für Geflüchtete Harz",
            "organisation": "Beispiel-Netzwerk Psychosoziale Hilfe e. V.",
            "description": "Kostenlose psychosoziale Beratung und Vermittlung in Therapie, mit "
            "Sprachmittlung. Auch Beratung für Lotsinnen und Lotsen.",
            "street": "Westendorf 26",
            "postal_code": "06484",
            "city": "Quedlinburg",
            "latitude": 51.7900,
            "longitude": 11.1380,
            "phones": [phone("03946", 300)],
            "email": "psz-harz@beispiel-verein.example",
            "opening_hours": 'Mo-Th 09:00-16:00 "Termine nach Vereinbarung"',
            "languages": ["de", "en", "ar", "fa", "uk"],
            "topic_keys": ["gesundheit", "beratung"],
            "target_groups": ["Geflüchtete", "Familien", "Ehrenamtliche"],
            "appointment_required": True,
            "costs": "kostenlos",
        },
        {
            "slug": "anerkennungsberatung",
            "name": "Anerkennungsberatung Harz",
            "organisation": "Beispiel-Bildungswerk gGmbH",
            "description": "Beratung zur Anerkennung ausländischer Berufs- und Studienabschlüsse.",
            "street": "Hoher Weg 8",
            **hz,
            "latitude": 51.8960,
            "longitude": 11.0440,
            "phones": [phone("03941", 310)],
            "email": "anerkennung@bildungswerk.example",
            "opening_hours": "Tu,Th 09:00-15:00",
            "languages": ["de", "en", "ru"],
            "topic_keys": ["arbeit"],
            "appointment_required": True,
            "costs": "kostenlos",
        },
        {
            "slug": "kvhs",
            "name": "Kreisvolkshochschule Harz",
            "organisation": "Landkreis Harz",
            "description": "Integrationskurse, Alphabetisierungskurse, Einbürgerungstest und "
            "Test Leben in Deutschland.",
            "street": "Hoher Weg 2",
            **hz,
            "latitude": 51.8955,
            "longitude": 11.0450,
            "phones": [phone("03941", 320)],
            "email": "kvhs@landkreis-harz.example",
            "opening_hours": "Mo-Th 08:00-16:00; Fr 08:00-12:00",
            "languages": ["de", "en"],
            "topic_keys": ["sprache", "aufenthalt"],
        },
        {
            "slug": "hilfetelefon",
            "name": "Frauenschutzhaus Harz (Adresse geschützt)",
            "organisation": "Beispiel-Frauenhilfe e. V.",
            "description": "Schutz und Unterkunft für Frauen und Kinder bei häuslicher Gewalt. "
            "Die Adresse wird nicht veröffentlicht. Rund um die Uhr erreichbar; bundesweit "
            "auch das Hilfetelefon 116016.",
            "phones": [phone("03941", 330, "Tag und Nacht")],
            "opening_hours": "24/7",
            "languages": ["de", "en", "ar", "ru"],
            "topic_keys": ["notfall", "beratung", "familie"],
            "target_groups": ["Frauen", "Kinder"],
            "costs": "kostenlos",
        },
        {
            "slug": "hvb",
            "name": "Kundencenter Harzer Verkehrsbetriebe",
            "organisation": "Harzer Verkehrsbetriebe",
            "description": "Fahrkarten, Deutschlandticket, Rufbus-Bestellung, Fahrpläne.",
            "street": "Bahnhofstraße 1",
            **hz,
            "latitude": 51.9040,
            "longitude": 11.0480,
            "phones": [phone("03941", 340, "Rufbus")],
            "email": "kundencenter@hvb.example",
            "opening_hours": "Mo-Fr 07:00-18:00; Sa 08:00-12:00; PH off",
            "languages": ["de"],
            "topic_keys": ["mobilitaet"],
        },
        {
            "slug": "schuldnerberatung",
            "name": "Schuldner- und Insolvenzberatung",
            "organisation": "Beispiel-Diakonie Harz",
            "description": "Hilfe bei Schulden, Handyverträgen und Mahnungen.",
            "street": "Domplatz 10",
            **hz,
            "latitude": 51.8962,
            "longitude": 11.0520,
            "phones": [phone("03941", 350)],
            "email": "schuldnerberatung@diakonie-harz.example",
            "opening_hours": "Mo,We 09:00-12:00; Th 13:00-17:00",
            "languages": ["de"],
            "topic_keys": ["beratung", "geld"],
            "appointment_required": True,
            "costs": "kostenlos",
        },
        {
            "slug": "schwangerschaftsberatung",
            "name": "Schwangerschafts- und Familienberatung",
            "organisation": "Beispiel-Familienhilfe e. V.",
            "description": "Beratung rund um Schwangerschaft, Geburt und Anträge bei der "
            "Bundesstiftung Mutter und Kind.",
            "street": "Breiter Weg 30",
            "postal_code": "06484",
            "city": "Quedlinburg",
            "latitude": 51.7880,
            "longitude": 11.1470,
            "phones": [phone("03946", 360)],
            "email": "familienberatung@beispiel.example",
            "opening_hours": "Mo-Th 08:30-15:30",
            "languages": ["de", "en", "ar"],
            "topic_keys": ["familie", "gesundheit", "beratung"],
            "target_groups": ["Schwangere", "Familien"],
            "appointment_required": True,
            "costs": "kostenlos",
        },
    ]
    for seat, area in OFFICE_AREAS.items():
        row = next(k for k in KOMMUNEN if k[0] == seat)
        _, name, _, _, _, lat, lon, plz, code = row
        common = {
            "postal_code": plz,
            "city": name,
            "latitude": lat + 0.002,
            "longitude": lon - 0.003,
            "kommune_keys": area,
        }
        contacts.append(
            {
                "slug": f"jobcenter/{seat}",
                "name": f"Jobcenter Landkreis Harz – Standort {name}",
                "organisation": "Jobcenter Landkreis Harz",
                "description": "Bürgergeld, Arbeitsvermittlung, Integrationskurse und "
                "Berufssprachkurse für Leistungsberechtigte. Eingangszone ohne Termin für Anträge "
                "und Abgabe von Unterlagen.",
                "street": "Bahnhofstraße 20",
                **common,
                "phones": [phone(code, 400, "Servicetelefon")],
                "email": f"jobcenter-{seat}@jobcenter-harz.example",
                "opening_hours": (
                    "Mo-We 08:00-12:00; Th 08:00-12:00,13:00-17:00; Fr 08:00-12:00; PH off"
                ),
                "languages": ["de", "en", "ar", "uk"],
                "topic_keys": ["arbeit", "geld", "sprache"],
                "target_groups": ["Erwachsene"],
                "accessibility": "stufenloser Eingang",
            }
        )
        contacts.append(
            {
                "slug": f"mbe/{seat}",
                "name": f"Migrationsberatung für Erwachsene – {name}",
                "organisation": "Beispiel-Caritasverband im Harz",
                "description": "Beratung für Zugewanderte ab 27 Jahren zu Aufenthalt, Arbeit, "
                "Wohnen, Familie und Behördenschreiben. Vertraulich und kostenlos.",
                "street": "Kirchstraße 5",
                **common,
                "phones": [phone(code, 410)],
                "email": f"mbe-{seat}@caritas-harz.example",
                "opening_hours": "Mo 13:00-16:00; We 09:00-12:00; Th 09:00-12:00,13:00-16:00",
                "languages": ["de", "en", "ar", "fa", "ru"],
                "topic_keys": ["beratung", "aufenthalt", "geld"],
                "target_groups": ["Erwachsene ab 27"],
                "appointment_required": True,
                "costs": "kostenlos",
            }
        )
        contacts.append(
            {
                "slug": f"jmd/{seat}",
                "name": f"Jugendmigrationsdienst {name}",
                "organisation": "Beispiel-Jugendwerk Harz",
                "description": "Beratung und Gruppenangebote für junge Menschen von 12 bis 26 "
                "Jahren: Schule, Ausbildung, Sprache, Freizeit.",
                "street": "Marktstraße 3",
                **common,
                "phones": [phone(code, 420)],
                "email": f"jmd-{seat}@jugendwerk.example",
                "opening_hours": "Tu,Th 10:00-17:00",
                "languages": ["de", "en", "ar", "uk"],
                "topic_keys": ["beratung", "kita-schule", "arbeit"],
                "target_groups": ["Jugendliche", "junge Erwachsene"],
                "costs": "kostenlos",
            }
        )
    return [_contact(i, c) for i, c in enumerate(contacts)]


def _contact(n: int, fields: dict[str, Any]) -> dict[str, Any]:
    slug = fields.pop("slug")
    record: dict[str, Any] = {
        "id": uid(f"contact/{slug}"),
        "kommune_keys": [],
        "languages": ["de"],
        "topic_keys": [],
        "target_groups": [],
        "last_verified": verified(n),
    }
    record.update(fields)
    return record


def local_sheets(row: tuple[Any, ...], n: int) -> list[dict[str, Any]]:
    key, name, _kind, _parent, _ags, _lat, _lon, plz, code = row
    office = _office_phrase(row)
    seat = seat_of(key)
    seat_name = next(k[1] for k in KOMMUNEN if k[0] == seat)
    arrive = f"""# Ankommen in {name}

## Anmeldung

Die Anmeldung des Wohnsitzes erfolgt im {office}. Bitte einen Termin vereinbaren und
Pass, Ankunftsnachweis und Wohnungsgeberbestätigung mitbringen.

## Zuständige Stellen

- **Jobcenter**: Standort {seat_name}
- **Migrationsberatung**: Sprechstunde in {seat_name}, Hausbesuche nach Absprache
- **Ausländerbehörde**: Landkreis Harz in Halberstadt

## Vor Ort

Die Postleitzahl ist {plz}, die Vorwahl {code}. Die nächste Bushaltestelle mit
Anschluss an den Bahnhof steht in der Ortsmitte.
"""
    help_here = f"""# Hilfe vor Ort in {name}

- **Tafel und Kleiderkammer**: siehe Anlaufstellen dieser Kommune
- **Sprachcafé**: Treffpunkt für Deutsch im Alltag, ohne Anmeldung
- **Hausaufgabenhilfe** für Schulkinder, ehrenamtlich organisiert

Ehrenamtliche Gruppen in {name} sind im Partnerverzeichnis *Ehrenamtsgruppen im Netzwerk*
aufgeführt. Neue Gruppen melden sich bei der Koordinierungsstelle.
"""
    return [
        {
            "id": uid(f"sheet/{key}/ankommen"),
            "topic_key": "ankommen",
            "kommune_key": key,
            "title": f"Ankommen in {name}: Anmeldung und erste Wege",
            "body": arrive,
            "language": "de",
            "last_verified": verified(n * 2),
        },
        {
            "id": uid(f"sheet/{key}/hilfe"),
            "topic_key": "alltag",
            "kommune_key": key,
            "title": f"Hilfe vor Ort in {name}",
            "body": help_here,
            "language": "de",
            "last_verified": verified(n * 2 + 1),
        },
    ]


def _office_phrase(row: tuple[Any, ...]) -> str:
    key, name, kind, parent = row[0], row[1], row[2], row[3]
    if parent == "vorharz" or key == "vorharz":
        return "Bürgerbüro der Verbandsgemeinde Vorharz in Wegeleben"
    if kind == "gemeinde":
        return f"Bürgerbüro der Gemeinde {name}"
    return f"Bürgerbüro der Stadt {name}"


def local_contacts(
    row: tuple[Any, ...], n: int, kommunen: dict[str, tuple[Any, ...]]
) -> list[dict[str, Any]]:
    key, name, kind, parent, _ags, lat, lon, plz, code = row
    here = {"postal_code": plz, "city": name.split(" (")[0], "kommune_keys": [key]}
    contacts: list[dict[str, Any]] = []
    if parent is None:
        contacts.append(
            {
                "slug": f"{key}/buergerbuero",
                "name": _office_phrase(row),
                "organisation": name if key != "vorharz" else "Verbandsgemeinde Vorharz",
                "description": "Anmeldung und Abmeldung des Wohnsitzes, Meldebescheinigungen, "
                "Fundsachen, Anträge für Kita-Plätze.",
                "street": "Markt 1",
                **here,
                "kommune_keys": [key]
                if key != "vorharz"
                else ["vorharz", *[k for k, r in kommunen.items() if r[3] == "vorharz"]],
                "latitude": lat,
                "longitude": lon,
                "phones": [phone(code, 110)],
                "email": f"buergerbuero@{key}.example",
                "website": f"https://www.{key}.example",
                "opening_hours": "Mo 09:00-12:00; Tu 09:00-12:00,13:00-18:00; Th 09:00-12:00,"
                "13:00-16:00; Fr 09:00-12:00; PH off",
                "topic_keys": ["ankommen"],
                "appointment_required": n % 2 == 0,
                "accessibility": "barrierefrei" if n % 3 else "Eingang mit zwei Stufen, Klingel",
            }
        )
    contacts.append(
        {
            "slug": f"{key}/tafel",
            "name": f"Tafel {name}" if kind != "verbandsgemeinde" else "Tafel Vorharz",
            "organisation": "Beispiel-Tafel Harz e. V.",
            "description": "Lebensmittelausgabe gegen einen kleinen Beitrag. Bitte "
            "Leistungsbescheid mitbringen und eine Tasche.",
            "street": f"Gartenstraße {3 + n}",
            **here,
            "latitude": lat + 0.004,
            "longitude": lon + 0.002,
            "phones": [phone(code, 120)],
            "opening_hours": "Tu,Fr 10:00-13:00" if n % 2 else "We 14:00-17:00",
            "topic_keys": ["alltag"],
            "costs": "2 Euro pro Einkauf",
        }
    )
    contacts.append(
        {
            "slug": f"{key}/kleiderkammer",
            "name": f"Kleiderkammer {name}",
            "organisation": "Beispiel-Kirchengemeinde" if n % 2 else "Beispiel-Rotkreuz-Ortsverein",
            "description": "Gut erhaltene Kleidung für Erwachsene und Kinder, Bettwäsche und "
            "Spielzeug. Spenden werden zu den Öffnungszeiten angenommen.",
            "street": f"Kirchplatz {1 + n % 4}",
            **here,
            "latitude": lat - 0.003,
            "longitude": lon + 0.001,
            "phones": [phone(code, 130)],
            "opening_hours": "Mo 14:00-17:00; Th 09:00-12:00",
            "languages": ["de", "ru"] if n % 3 == 0 else ["de"],
            "topic_keys": ["alltag"],
            "costs": "kostenlos",
        }
    )
    if kind != "verbandsgemeinde":
        contacts.append(
            {
                "slug": f"{key}/hausarzt",
                "name": f"Hausarztpraxis am Markt {name.split(' (')[0]}",
                "organisation": "Beispiel-Gemeinschaftspraxis",
                "description": "Allgemeinmedizin, Vorsorge, Impfungen. Neue Patientinnen und "
                "Patienten nach telefonischer Absprache.",
                "street": f"Marktstraße {10 + n}",
                **here,
                "latitude": lat + 0.001,
                "longitude": lon - 0.002,
                "phones": [phone(code, 140, "Praxis")],
                "email": f"praxis@{key}-hausarzt.example",
                "opening_hours": "Mo,Tu,Th 08:00-12:00,15:00-18:00; We,Fr 08:00-12:00; PH off",
                "languages": ["de", "en"] if n % 2 else ["de", "ru"],
                "topic_keys": ["gesundheit"],
                "appointment_required": True,
                "accessibility": "ebenerdig" if n % 2 else None,
            }
        )
        contacts.append(
            {
                "slug": f"{key}/kita",
                "name": f"Kita Sonnenschein {name.split(' (')[0]}",
                "organisation": name,
                "description": "Kindertagesstätte für Kinder von 1 bis 6 Jahren, Hort bis zur "
                "4. Klasse. Plätze über die Kommune.",
                "street": f"Schulstraße {2 + n}",
                **here,
                "latitude": lat - 0.002,
                "longitude": lon - 0.004,
                "phones": [phone(code, 150)],
                "opening_hours": "Mo-Fr 06:00-17:00; PH off",
                "topic_keys": ["kita-schule", "familie"],
                "target_groups": ["Kinder", "Familien"],
            }
        )
    if kind == "stadt" and parent is None:
        contacts.append(
            {
                "slug": f"{key}/grundschule",
                "name": f"Grundschule {name.split(' (')[0]}",
                "organisation": "Land Sachsen-Anhalt",
                "description": "Grundschule mit Sprachfördergruppe für Kinder ohne "
                "Deutschkenntnisse. Anmeldung im Sekretariat.",
                "street": f"Schulstraße {4 + n}",
                **here,
                "latitude": lat + 0.003,
                "longitude": lon - 0.001,
                "phones": [phone(code, 160, "Sekretariat")],
                "email": f"grundschule@{key}.example",
                "opening_hours": "Mo-Fr 07:30-13:00; PH off",
                "topic_keys": ["kita-schule"],
                "target_groups": ["Kinder"],
            }
        )
        contacts.append(
            {
                "slug": f"{key}/bibliothek",
                "name": f"Stadtbibliothek {name.split(' (')[0]}",
                "organisation": name,
                "description": "Bücher in vielen Sprachen, Lernplätze, freies WLAN. Ausweis für "
                "Kinder kostenlos.",
                "street": f"Breite Straße {20 + n}",
                **here,
                "latitude": lat - 0.001,
                "longitude": lon + 0.003,
                "phones": [phone(code, 170)],
                "email": f"bibliothek@{key}.example",
                "opening_hours": "Tu,Th 10:00-18:00; We,Fr 10:00-16:00; Sa 10:00-12:00",
                "languages": ["de", "en"],
                "topic_keys": ["freizeit", "sprache"],
                "costs": "Jahresausweis 10 Euro, Kinder frei",
            }
        )
    return [_contact(n * 10 + i, c) for i, c in enumerate(contacts)]


OFFER_TEMPLATES = [
    (
        "sprachcafe",
        "Sprachcafé",
        "sprache",
        "Deutsch sprechen bei Kaffee und Tee, mit Ehrenamtlichen aus dem Ort. Alle Niveaus "
        "willkommen, Kinder dürfen mitkommen.",
        "jeden Mittwoch 16:00–18:00",
        "kostenlos",
        False,
    ),
    (
        "frauenkurs",
        "Deutschkurs für Frauen mit Kinderbetreuung",
        "sprache",
        "Alltagsdeutsch in kleiner Gruppe, während die Kinder nebenan betreut werden.",
        "Montag und Donnerstag 09:00–11:30",
        "kostenlos",
        True,
    ),
    (
        "hausaufgaben",
        "Hausaufgabenhilfe",
        "kita-schule",
        "Ehrenamtliche helfen Schulkindern bei Hausaufgaben und beim Lesen.",
        "Dienstag bis Donnerstag 14:00–16:00, nicht in den Ferien",
        "kostenlos",
        False,
    ),
    (
        "fahrrad",
        "Fahrradwerkstatt zum Mitmachen",
        "mobilitaet",
        "Gespendete Fahrräder gemeinsam reparieren; wer mitschraubt, bekommt ein Rad.",
        "Samstag 10:00–13:00",
        "kostenlos, Ersatzteile gegen Spende",
        False,
    ),
    (
        "naehcafe",
        "Nähcafé",
        "freizeit",
        "Nähmaschinen und Stoffe stehen bereit; Reparieren, Nähen lernen, Kontakte knüpfen.",
        "14-täglich freitags 15:00–18:00",
        "kostenlos",
        False,
    ),
    (
        "sport",
        "Offener Sporttreff",
        "freizeit",
        "Fußball und Volleyball für Jugendliche und Erwachsene, Sportzeug wird gestellt.",
        "Sonntag 14:00–16:00 in der Sporthalle",
        "kostenlos",
        False,
    ),
    (
        "bewerbung",
        "Bewerbungswerkstatt",
        "arbeit",
        "Lebenslauf am Computer schreiben, Bewerbungsgespräche üben.",
        "Donnerstag 17:00–19:00",
        "kostenlos",
        True,
    ),
]


def local_offers(row: tuple[Any, ...], n: int, local: list[dict[str, Any]]) -> list[dict[str, Any]]:
    key, name = row[0], row[1]
    count = 4 if row[2] == "stadt" and row[3] is None else 2
    offers = []
    for i in range(count):
        slug, title, topic, text, schedule, costs, registration = OFFER_TEMPLATES[
            (n + i * 3) % len(OFFER_TEMPLATES)
        ]
        host = local[(n + i) % len(local)]
        offers.append(
            {
                "id": uid(f"offer/{key}/{slug}"),
                "title": f"{title} {name.split(' (')[0]}",
                "description": text,
                "contact_point_id": host["id"] if i % 2 == 0 else None,
                "kommune_key": key,
                "topic_keys": [topic],
                "schedule": schedule,
                "languages": ["de", "en"] if i % 2 else ["de"],
                "costs": costs,
                "registration_required": registration,
                "last_verified": verified(n * 4 + i),
            }
        )
    return offers


PARTNER_TEMPLATES = [
    (
        "Willkommensinitiative",
        "Begleitet neu Zugezogene zu Ämtern und Ärzten, organisiert "
        "Begegnungsfeste und vermittelt Patenschaften.",
        ["ankommen", "freizeit"],
    ),
    (
        "Deutsch-Paten",
        "Ehrenamtliche üben einzeln Deutsch mit Erwachsenen, auch zu Hause.",
        ["sprache"],
    ),
    (
        "Interkultureller Garten",
        "Gemeinschaftsgarten, in dem Familien aus vielen Ländern gemeinsam gärtnern.",
        ["freizeit"],
    ),
]


ALSO_ACTIVE_IN = {("Deutsch-Paten", "thale"): ["quedlinburg"]}
"""Partners active beyond their own town, as many are."""


def local_partners(row: tuple[Any, ...], n: int) -> list[dict[str, Any]]:
    key, name = row[0], row[1]
    count = 2 if row[2] == "stadt" and row[3] is None else 1
    partners = []
    for i in range(count):
        label, text, topics = PARTNER_TEMPLATES[(n + i) % len(PARTNER_TEMPLATES)]
        consent = (n + i) % 3 != 0
        partner: dict[str, Any] = {
            "id": uid(f"partner/{key}/{i}"),
            "name": f"{label} {name.split(' (')[0]}",
            "kommune_keys": [key, *ALSO_ACTIVE_IN.get((label, key), [])],
            "description": text,
            "topic_keys": topics,
            "contact_consent": consent,
            # Some show their contact to the guides only, as a registration may choose.
            "contact_public": consent and (n + i) % 3 == 1,
        }
        if consent:
            partner.update(
                {
                    "contact_name": f"Ansprechperson {label} (Beispiel)",
                    "contact_phone": phone(row[8], 500 + i)["number"],
                    "contact_email": f"kontakt@{key}-ehrenamt.example",
                }
            )
        partners.append(partner)
    return partners


def main() -> None:
    document = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {
        name: len(document[name])
        for name in (
            "kommunen",
            "topics",
            "synonyms",
            "sheets",
            "contact_points",
            "offers",
            "partners",
        )
    }
    print(f"{OUTPUT}: {counts}")


if __name__ == "__main__":
    main()
