"""Tabellen: download contact points and offers as a spreadsheet, upload one back (all
of it or nothing, every problem listed), and the whole region as a file."""

from collections.abc import Awaitable, Callable
from functools import partial

import flet as ft

from app.i18n import t
from app.services.tables import TABLES, Imported
from app.views.style import awaited, button, heading, hint
from wegweiser.languages import LANGUAGE_NAMES

Action = Callable[[], Awaitable[None]]


def tables_view(
    download: Callable[[str], Awaitable[None]],
    upload: Callable[[str], Awaitable[None]],
    download_region: Action,
    result: Imported | None,
    message: str = "",
    failed: bool = False,
    print_all: Callable[[str], Awaitable[None]] | None = None,
) -> ft.Control:
    """One section per kind; the last import's result (or its problems) below."""
    controls: list[ft.Control] = [hint(t("tables.help"))]
    for kind in TABLES:
        controls.append(heading(t(f"editor.kinds.{kind}")))
        controls.append(
            ft.Row(
                [
                    button(
                        t(f"tables.download.{kind}"),
                        icon=ft.Icons.DOWNLOAD,
                        on_click=awaited(partial(download, kind)),
                    ),
                    button(
                        t(f"tables.upload.{kind}"),
                        look="filled",
                        icon=ft.Icons.UPLOAD_FILE,
                        on_click=awaited(partial(upload, kind)),
                    ),
                ],
                wrap=True,
                spacing=12,
                run_spacing=12,
            )
        )
    controls.append(heading(t("tables.region")))
    controls.append(hint(t("tables.region_help")))
    controls.append(
        ft.Row(
            [
                button(
                    t("tables.download_region"),
                    icon=ft.Icons.DOWNLOAD,
                    on_click=awaited(download_region),
                )
            ]
        )
    )
    if print_all is not None:
        controls.append(heading(t("tables.print")))
        controls.append(hint(t("tables.print_help")))
        controls.append(
            ft.Row(
                [
                    button(
                        LANGUAGE_NAMES[code],
                        icon=ft.Icons.PICTURE_AS_PDF,
                        tooltip=t("tables.print_in", language=LANGUAGE_NAMES[code]),
                        on_click=awaited(partial(print_all, code)),
                    )
                    for code in LANGUAGE_NAMES
                ],
                wrap=True,
                spacing=12,
                run_spacing=12,
            )
        )
    if message:
        controls.append(ft.Text(message, color=ft.Colors.ERROR if failed else ft.Colors.PRIMARY))
    if result is not None:
        controls.append(_result(result))
    return ft.Column(controls, spacing=12, scroll=ft.ScrollMode.AUTO, expand=True)


def _result(result: Imported) -> ft.Control:
    if not result.problems:
        return ft.Text(
            t(
                "tables.imported",
                created=result.created,
                changed=result.changed,
                unchanged=result.unchanged,
            ),
            color=ft.Colors.PRIMARY,
        )
    lines: list[ft.Control] = [
        ft.Text(
            t("tables.refused", count=len(result.problems)),
            color=ft.Colors.ERROR,
            weight=ft.FontWeight.W_600,
        )
    ]
    lines.extend(ft.Text(problem) for problem in result.problems)
    return ft.Card(ft.Container(ft.Column(lines, spacing=4), padding=12))
