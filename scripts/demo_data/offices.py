"""The offices with a seat in three towns, each serving the Kommunen around it: Jobcenter,
Migrationsberatung and Jugendmigrationsdienst (their fields; `contact` makes the records)."""

from typing import Any

from scripts.demo_data.ids import OFFICE_AREAS, phone
from scripts.demo_data.places import KOMMUNEN


def seat_offices() -> list[dict[str, Any]]:
    """The three offices of each seat, in the order of the seats."""
    contacts: list[dict[str, Any]] = []
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
    return contacts
