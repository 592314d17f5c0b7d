"""What each Kommune has of its own: its two information sheets and its contact points."""

from typing import Any

from scripts.demo_data.ids import contact, phone, seat_of, uid, verified
from scripts.demo_data.places import KOMMUNEN


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
    return [contact(n * 10 + i, c) for i, c in enumerate(contacts)]
