"""What the public forms share (the contact points' update form, the network's
registration): reading a sent form within bounds, and pages no cache keeps. German,
like the mails that lead to them."""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from sync_server.public.labels import words
from sync_server.public.rendering import render

MAX_FORM_BYTES = 64_000
LISTS = ("languages", "topic_keys", "kommune_keys")
"""Fields a form sends once for each box ticked."""
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
GERMAN = words("de")


@dataclass(frozen=True)
class Sent:
    """A form as sent: its fields (the first value of each) and the lists ticked."""

    fields: dict[str, str]
    lists: dict[str, list[str]]

    def ticked(self, name: str) -> list[str]:
        return self.lists.get(name, [])


async def sent_form(request: Request) -> Sent:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return Sent({"too_large": "ja"}, {})
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=300)
    except (UnicodeDecodeError, ValueError):
        return Sent({"unreadable": "ja"}, {})
    fields = {key: values[0][:20_000] for key, values in parsed.items() if key not in LISTS}
    lists = {key: [v[:64] for v in parsed[key]] for key in LISTS if key in parsed}
    return Sent(fields, lists)


SentForm = Annotated[Sent, Depends(sent_form)]


def private_page(
    request: Request, session: Session, template: str, status: int = 200, **values: object
) -> HTMLResponse:
    """A German page of a form: never cached, never indexed."""
    html = render(request, session, "de", template, is_found=False, **values)
    return HTMLResponse(html, status_code=status, headers=PRIVATE)


def notice(
    request: Request, session: Session, status: int, title_key: str, message_key: str
) -> HTMLResponse:
    """A page that says one thing: a spent form, a busy link."""
    title, message = GERMAN[title_key], GERMAN[message_key]
    return private_page(request, session, "notice", status, title=title, message=message)
