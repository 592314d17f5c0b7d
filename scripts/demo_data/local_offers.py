"""The offers and the partners (initiatives, volunteer groups) of each Kommune."""

from typing import Any

from scripts.demo_data.ids import phone, uid, verified

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
