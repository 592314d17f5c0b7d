"""Build `assets/demo/landkreis-harz.json`: python -m scripts.demo_data.build

Deterministic: ids are UUID5 of a readable slug, dates are fixed, so a rebuild only
changes what the generator changed. Every phone number has 0000 right after the area
code, which no real German number has; every e-mail address and website uses the
reserved `.example` domain (RFC 2606). Only the coordination office's public e-mail
address from the district's own text is real.
"""

import json
from pathlib import Path
from typing import Any

from scripts.demo_data.contacts_district import district_contacts
from scripts.demo_data.ids import TODAY, uid, verified
from scripts.demo_data.local import local_contacts, local_sheets
from scripts.demo_data.local_offers import local_offers, local_partners
from scripts.demo_data.places import KOMMUNEN, REGION, TOPIC_TRANSLATIONS, TOPICS
from scripts.demo_data.sheets_district import SHEETS
from scripts.demo_data.sheets_translated import TRANSLATIONS
from scripts.demo_data.synonyms import SYNONYMS

OUTPUT = Path(__file__).resolve().parents[2] / "assets" / "demo" / "landkreis-harz.json"


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
