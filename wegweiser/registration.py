"""Im Netzwerk mitmachen: what a volunteer group or person says of itself when asking to
be listed, the two consents it gives, and how long its confirmation link is good for.

The entry a registration becomes is an ordinary partner, each field checked by the same
rulebook as every edit (`wegweiser.edits`); the server's public form and the office's
review both read these rules.
"""

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from wegweiser.edits import EditRefused, build
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.model import NetworkPartner, Publication

FROM_NETWORK = "5e1f5e1f-0000-4000-8000-a00000000002"
"""The account of the reports registrations become: the review queue names them, and a
rejection's reason is mailed back."""
FROM_NETWORK_NAME = "Netzwerk (Anmeldung)"

CONFIRM_HOURS = 72
"""How long the link that confirms the e-mail address is good for; an unconfirmed
registration is forgotten after it."""
PER_EMAIL_PER_DAY = 3
"""Registrations one e-mail address may send in a day (each sends it a mail)."""
MIN_FILL_SECONDS = 4
"""Nobody reads and fills the form faster; a script does."""


class ContactShown(StrEnum):
    """The second consent: who may see the contact details."""

    EVERYONE = "alle"
    GUIDES = "lotsen"
    OFFICE = "buero"
    """Nobody but the coordination office."""


TEXT_FIELDS = ("name", "contact_name", "contact_email", "contact_phone", "description")
REQUIRED = {
    "name": "Bitte den Namen der Initiative oder Ihren Namen angeben.",
    "contact_email": "Bitte eine E-Mail-Adresse angeben: an sie geht der Bestätigungslink.",
    "description": "Bitte kurz beschreiben, was Sie anbieten.",
}
_FIELD_PREFIX = re.compile(r"^Feld „[^“]*“: ")


@dataclass(frozen=True)
class Signup:
    """The registration form's values as text, as typed, with a German problem at each
    field that breaks a rule."""

    texts: dict[str, str]
    kommune_keys: tuple[str, ...]
    """None ticked: the whole district."""
    languages: tuple[str, ...]
    topic_keys: tuple[str, ...]
    listed: bool
    """The first consent: to be listed in the partner directory."""
    shown: str
    """The second consent, a `ContactShown` value ("" when none was chosen)."""
    errors: dict[str, str] = field(default_factory=dict)


def empty() -> Signup:
    return Signup({name: "" for name in TEXT_FIELDS}, (), (), (), False, "")


def read(
    form: dict[str, str], languages: list[str], topics: list[str], kommunen: list[str]
) -> Signup:
    """What was sent (unknown keys ignored; languages in the app's order)."""
    return Signup(
        texts={name: form.get(name, "").strip() for name in TEXT_FIELDS},
        kommune_keys=tuple(dict.fromkeys(kommunen)),
        languages=tuple(code for code in LANGUAGE_NAMES if code in languages),
        topic_keys=tuple(dict.fromkeys(topics)),
        listed=form.get("listed") == "ja",
        shown=form.get("shown", ""),
    )


def checked(signup: Signup) -> Signup:
    """`signup` with its problems; none means `partner_values` may be stored."""
    errors: dict[str, str] = {}
    values = partner_values(signup)
    for name, value in values.items():
        try:
            build(NetworkPartner, {"name": "x", name: value})
        except EditRefused as exc:
            errors.setdefault(_form_field(name), _FIELD_PREFIX.sub("", str(exc)))
    for name, problem in REQUIRED.items():
        if not signup.texts[name]:
            errors[name] = problem
    if not signup.listed:
        errors["listed"] = "Ohne diese Einwilligung können wir Sie nicht aufnehmen."
    if signup.shown not in tuple(ContactShown):
        errors["shown"] = "Bitte wählen Sie, wer Ihre Kontaktdaten sehen darf."
    return replace(signup, errors=errors)


def partner_values(signup: Signup) -> dict[str, Any]:
    """The partner's fields a registration proposes, its consents included, published
    once the office accepts."""
    return {
        "name": signup.texts["name"],
        "kommune_keys": list(signup.kommune_keys),
        "description": signup.texts["description"],
        "topic_keys": list(signup.topic_keys),
        "languages": list(signup.languages),
        "contact_name": signup.texts["contact_name"] or None,
        "contact_phone": signup.texts["contact_phone"] or None,
        "contact_email": signup.texts["contact_email"] or None,
        "contact_consent": signup.shown in (ContactShown.EVERYONE, ContactShown.GUIDES),
        "contact_public": signup.shown == ContactShown.EVERYONE,
        "status": Publication.PUBLISHED.value,
    }


WITHDRAWN_CONSENT = {"contact_consent": False, "contact_public": False}
"""What withdrawing the consent to show the contact details sets, at once."""


def _form_field(name: str) -> str:
    return "shown" if name in ("contact_consent", "contact_public") else name
