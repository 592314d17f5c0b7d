"""Wegweiser zum Weitergeben: the kept PDFs of the device's Kommunen, to share or save,
and the button that fetches them again while online."""

from collections.abc import Awaitable, Callable
from functools import partial

import flet as ft

from app.i18n import t
from app.services.handouts import KeptHandout
from app.views.style import awaited, button, hint, lead
from wegweiser.languages import LANGUAGE_NAMES


def handouts_view(
    kept: list[KeptHandout],
    message: str,
    failed: bool,
    refresh: Callable[[], Awaitable[None]],
    share: Callable[[KeptHandout], Awaitable[None]],
    save: Callable[[KeptHandout], Awaitable[None]],
) -> ft.Control:
    """Each kept file with its Kommune, language and date; share and save work offline."""
    controls: list[ft.Control] = [
        lead(t("handouts.help")),
        ft.Row(
            [
                # Loosely expanded: as wide as its words, wrapping them at a large text
                # size on a phone instead of running off the screen.
                button(
                    ft.Text(t("handouts.refresh")),
                    look="filled",
                    icon=ft.Icons.DOWNLOAD,
                    expand=True,
                    expand_loose=True,
                    on_click=awaited(refresh),
                )
            ]
        ),
    ]
    if message:
        controls.append(ft.Text(message, color=ft.Colors.ERROR if failed else ft.Colors.PRIMARY))
    if not kept:
        controls.append(hint(t("handouts.none")))
    for handout in sorted(kept, key=lambda h: (h.kommune_name, h.language != "de", h.language)):
        controls.append(
            ft.Card(
                ft.Container(
                    ft.Column(
                        [
                            ft.Text(
                                f"{handout.kommune_name} · "
                                f"{LANGUAGE_NAMES.get(handout.language, handout.language)}",
                                weight=ft.FontWeight.W_600,
                            ),
                            hint(t("handouts.fetched", when=handout.fetched_at[:10])),
                            ft.Row(
                                [
                                    button(
                                        t("handouts.share"),
                                        icon=ft.Icons.SHARE,
                                        on_click=awaited(partial(share, handout)),
                                    ),
                                    button(
                                        t("handouts.save"),
                                        icon=ft.Icons.SAVE_ALT,
                                        on_click=awaited(partial(save, handout)),
                                    ),
                                ],
                                wrap=True,
                            ),
                        ],
                        spacing=6,
                    ),
                    padding=12,
                )
            )
        )
    return ft.Column(controls, spacing=12, scroll=ft.ScrollMode.AUTO, expand=True)
