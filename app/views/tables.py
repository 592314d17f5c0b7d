"""Tabellen: download contact points and offers as a spreadsheet, upload one back (all
of it or nothing, every problem listed; its changes shown cell by cell, old → new,
before the office confirms them), and the whole region as a file."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

import flet as ft

from app.i18n import t
from app.services.tables import TABLES, Imported
from app.views.style import awaited, button, button_row, heading, hint, old_to_new
from wegweiser.import_preview import CellChange, ImportPreview
from wegweiser.languages import LANGUAGE_NAMES

Action = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class TablesActions:
    """What the screen's buttons do (each awaits a file dialog or the server)."""

    download: Callable[[str], Awaitable[None]]
    upload: Callable[[str], Awaitable[None]]
    """Pick a file of a kind: its preview (or its problems) comes back."""
    download_region: Action
    confirm: Action
    """Write the previewed file."""
    discard: Callable[[], None]
    print_all: Callable[[str], Awaitable[None]] | None = None


def tables_view(
    actions: TablesActions,
    result: Imported | None,
    message: str = "",
    failed: bool = False,
) -> ft.Control:
    """One section per kind; the last upload's preview, result or problems below."""
    download, upload, print_all = actions.download, actions.upload, actions.print_all
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
        button_row(
            button(
                t("tables.download_region"),
                icon=ft.Icons.DOWNLOAD,
                on_click=awaited(actions.download_region),
            )
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
    # What the last upload brought, first: the preview waits for a yes or no.
    answer: list[ft.Control] = []
    if message:
        answer.append(ft.Text(message, color=ft.Colors.ERROR if failed else ft.Colors.PRIMARY))
    if result is not None and result.preview is not None:
        answer.append(_preview(result.preview, actions))
    elif result is not None:
        answer.append(_result(result))
    return ft.Column([*answer, *controls], spacing=12, scroll=ft.ScrollMode.AUTO, expand=True)


SHOWN_ENTRIES = 100
"""A preview lists this many entries; the rest are counted (a phone stays usable)."""


def _preview(preview: ImportPreview, actions: TablesActions) -> ft.Control:
    """Each entry the file adds or changes, cell by cell old → new, then yes or no."""
    created = sum(1 for entry in preview.entries if entry.created)
    lines: list[ft.Control] = [
        ft.Text(
            t(
                "tables.preview",
                created=created,
                changed=len(preview.entries) - created,
                unchanged=preview.unchanged,
            ),
            weight=ft.FontWeight.W_600,
        )
    ]
    for entry in preview.entries[:SHOWN_ENTRIES]:
        title = f"{entry.title} ({t('tables.preview_new')})" if entry.created else entry.title
        lines.append(ft.Text(title, weight=ft.FontWeight.W_600))
        lines.extend(_cell(change) for change in entry.cells)
    if len(preview.entries) > SHOWN_ENTRIES:
        lines.append(hint(t("tables.preview_more", number=len(preview.entries) - SHOWN_ENTRIES)))
    lines.append(
        ft.Row(
            [
                button(
                    t("tables.confirm"),
                    look="filled",
                    icon=ft.Icons.CHECK,
                    on_click=awaited(actions.confirm),
                ),
                button(
                    t("tables.discard"), icon=ft.Icons.CLOSE, on_click=lambda _: actions.discard()
                ),
            ],
            wrap=True,
            spacing=12,
            run_spacing=12,
        )
    )
    return ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=12))


def _cell(change: CellChange) -> ft.Control:
    """A column's cell now and in the file; an emptied cell says "(leer)"."""
    empty = t("tables.preview_empty")
    return old_to_new(
        change.column,
        ft.Text(change.old or empty, color=ft.Colors.ON_SURFACE_VARIANT),
        ft.Text(change.new or empty, color=ft.Colors.PRIMARY),
    )


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
