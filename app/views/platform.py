"""The platform's services a screen calls: file picker, sharing, opening links.

Each is a `ft.Service` the page holds once, created the first time a screen needs it and
kept across screens (a new one per screen would pile up on the page)."""

from typing import TypeVar

import flet as ft

S = TypeVar("S", bound=ft.Service)


def page_service(kind: type[S]) -> S:
    """The page's one service of `kind` (file picker, URL launcher, share sheet)."""
    page = ft.context.page
    for service in page.services:
        if isinstance(service, kind):
            return service
    created = kind()
    page.services.append(created)
    page.update()
    return created


def file_picker() -> ft.FilePicker:
    """The page's file picker: choosing files to upload, saving downloads."""
    return page_service(ft.FilePicker)
