"""A mail as the district sends it: German plain text with an HTML twin, from (and
replies to) the coordination office.

Everything a stranger may have typed (an entry's name, a reason) is text here: escaped
in the HTML, flattened to one line in a header, and the only link is the one the server
made, under its own public address.
"""

import html
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sync_server.settings import Settings
from wegweiser.addresses import email_problem
from wegweiser.model import Region


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def one_line(text: str, limit: int = 150) -> str:
    """Header text: no line breaks (they would start a header of their own), bounded."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def base_url(settings: Settings) -> str:
    """Where a mail's links lead: the public base URL, or this server's own address."""
    return settings.public_base_url.rstrip("/") or f"http://{settings.host}:{settings.port}"


def compose(
    settings: Settings,
    region: Region | None,
    recipient: str,
    subject: str,
    paragraphs: list[str],
    link: Link | None = None,
) -> EmailMessage:
    """The mail; raises ValueError for a recipient that is not one plain address."""
    problem = email_problem(recipient)
    if problem is not None:
        raise ValueError(problem)
    office = region.coordination_email if region else settings.mail_from
    sender = settings.mail_from or office
    message = EmailMessage()
    message["From"] = _address(region.coordination_name if region else "", sender)
    message["Reply-To"] = office
    message["To"] = recipient
    message["Subject"] = one_line(subject)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    signature = _signature(region)
    text_parts = [*paragraphs]
    if link is not None:
        text_parts.insert(1, f"{link.label}:\n{link.url}")
    message.set_content("\n\n".join([*text_parts, signature]) + "\n")
    message.add_alternative(_html(paragraphs, link, signature), subtype="html")
    return message


def _address(name: str, address: str) -> Address:
    user, _, domain = address.partition("@")
    return Address(display_name=one_line(name, 70), username=user, domain=domain)


def _signature(region: Region | None) -> str:
    if region is None:
        return "-- \nWegweiser"
    lines = [region.coordination_name, region.coordination_address]
    if region.coordination_phone:
        lines.append(f"Telefon {region.coordination_phone}")
    lines.append(region.coordination_email)
    return "-- \n" + "\n".join(one_line(line, 300) for line in lines)


def _html(paragraphs: list[str], link: Link | None, signature: str) -> str:
    blocks = [f"<p>{_escaped(text)}</p>" for text in paragraphs]
    if link is not None:
        button = (
            f'<p><a href="{html.escape(link.url, quote=True)}" '
            'style="display:inline-block;padding:12px 20px;background:#0b5394;'
            f'color:#ffffff;text-decoration:none;border-radius:6px">{html.escape(link.label)}'
            "</a></p>"
        )
        blocks.insert(1, button)
    blocks.append(f'<p style="color:#555555">{_escaped(signature)}</p>')
    body = "\n".join(blocks)
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"></head>'
        f'<body style="font-family:sans-serif;line-height:1.5">{body}</body></html>\n'
    )


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>\n")


def with_reason(
    settings: Settings,
    region: Region | None,
    recipient: str,
    subject: str,
    opening: str,
    reason: str,
    *more: str,
) -> EmailMessage:
    """A decision's mail: what it is about, the office's reason in its own words, and
    where to ask."""
    paragraphs = [opening, reason, "Bei Fragen antworten Sie einfach auf diese E-Mail.", *more]
    return compose(settings, region, recipient, subject, paragraphs)
