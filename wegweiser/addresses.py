"""What an e-mail address and a website field may hold.

Both become links a guide taps beside a newcomer: `mailto:` and a browser. An address like
`a@b?bcc=x@y` would copy the newcomer's mail to someone they never see; a website of
`javascript:` or plain `http://` is no place to send anyone. The app's editor, the server
and the dataset loader apply the same rules (`wegweiser.edits.value_problem`).
"""

import re

# Deliberately plain: one address, no display name, no query, no comments. Local part and
# domain in the characters real addresses of the district use (Unicode letters allowed).
_EMAIL = re.compile(r"[\w.!#$%&'*+/=^`{|}~-]+@(?:[\w-]+\.)+[\w-]{2,}")
_HOST = re.compile(r"(?:[\w-]+\.)+[\w-]{2,}(?::\d{1,5})?")
_URL_CHARACTERS = re.compile(r"[\w\-._~:/?#\[\]@!$&'()*+,;=%]*")


def email_problem(value: str) -> str | None:
    """Why `value` is not one plain e-mail address, in German; None if it is."""
    if not _EMAIL.fullmatch(value):
        return f"„{value[:60]}“ ist keine einzelne E-Mail-Adresse (z. B. beratung@kreis-hz.de)."
    return None


def website_problem(value: str) -> str | None:
    """Why `value` is not a complete https address, in German; None if it is."""
    scheme, separator, rest = value.partition("://")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if (
        not separator
        or scheme.lower() != "https"
        or not _HOST.fullmatch(host)
        or not _URL_CHARACTERS.fullmatch(rest)
    ):
        return (
            f"„{value[:60]}“ ist keine vollständige https-Adresse (z. B. https://www.kreis-hz.de)."
        )
    return None
