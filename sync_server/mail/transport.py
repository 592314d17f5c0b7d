"""Handing a mail over: to the district's SMTP server, or into the mail folder as a file."""

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from sync_server.settings import Settings

TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class NotDelivered(Exception):
    """The mail server did not take the mail; `lasting`: it never will (an address it
    refuses), otherwise it is tried again later. `reason` is German, for the office."""

    reason: str
    lasting: bool = False


def send(message: EmailMessage, settings: Settings) -> None:
    """Deliver `message` to the mail server of `settings`; raises `NotDelivered`."""
    context = ssl.create_default_context()
    try:
        client: smtplib.SMTP
        if settings.smtp_security == "tls":
            client = smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS, context=context
            )
        else:
            client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS)
        with client:
            if settings.smtp_security == "starttls":
                client.starttls(context=context)
            if settings.smtp_user:
                client.login(settings.smtp_user, settings.smtp_password.get_secret_value())
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise NotDelivered(
            f"Der Mailserver nimmt die Adresse nicht an ({_code_text(codes)}).",
            lasting=all(code >= 500 for code in codes),
        ) from None
    except smtplib.SMTPAuthenticationError:
        raise NotDelivered(
            "Anmeldung am Mailserver fehlgeschlagen (WEGWEISER_SMTP_USER/-PASSWORD prüfen)."
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise NotDelivered(
            f"Der Mailserver lehnt ab ({exc.smtp_code}).", lasting=exc.smtp_code >= 500
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        # Down, unreachable, timed out, a broken TLS handshake: later, perhaps.
        raise NotDelivered(f"Mailserver nicht erreichbar ({type(exc).__name__}).") from None


def _code_text(codes: list[int]) -> str:
    return ", ".join(str(code) for code in codes)


def file(message: EmailMessage, folder: Path, name: str) -> Path:
    """Write `message` as `<folder>/<name>.eml`, readable by the server's user only (it
    holds a personal link), for the office to send by hand."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.eml"
    # Whole or not at all: whoever watches the folder (the office's mail program, a
    # test) must never read a mail half written.
    writing = folder / f".{name}.eml.part"
    writing.touch(mode=0o600)
    writing.write_bytes(bytes(message))
    os.replace(writing, path)
    return path
