"""A contact point's phone numbers as people write them: "Zentrale: +49 3941 1234", one
number a line (or separated by ";" in a spreadsheet cell), a line without a label being
the "Telefon"."""

import re

DEFAULT_LABEL = "Telefon"


def phones_text(phones: list[dict[str, str]], separator: str = "; ") -> str:
    return separator.join(f"{p.get('label', '')}: {p.get('number', '')}" for p in phones or [])


def read_phones(text: str) -> list[dict[str, str]]:
    phones = []
    for part in re.split(r"[;\n]", text):
        if not part.strip():
            continue
        label, colon, number = part.partition(":")
        if not colon:
            label, number = DEFAULT_LABEL, part
        phones.append({"label": label.strip() or DEFAULT_LABEL, "number": number.strip()})
    return phones
