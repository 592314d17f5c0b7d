"""Einträge bearbeiten: the list of entries of a kind (drafts and archived ones too) and the
editor of one entry, built from its fields (`app.services.editing.form_fields`).

The sheet's Markdown is shown beside its preview on a wide screen and under it on a
phone; opening hours are a week of fields, each checked as it is typed."""

from collections.abc import Callable
from typing import Any

import flet as ft

from app.i18n import t
from app.services.editing import EDITABLE, EditorEntry, form_fields
from app.views.fields import SetValue, field_control
from app.views.style import button, button_row, choice_row, hint, markdown_style
from wegweiser.markdown_rules import without_images
from wegweiser.model import InfoSheet, Kommune, Publication, Topic

EDITABLE_KINDS = tuple(model.entity for model in EDITABLE)


def editor_list_view(
    kind: str,
    status: Publication | None,
    entries: list[EditorEntry],
    on_kind: Callable[[str], None],
    on_status: Callable[[Publication | None], None],
    open_entry: Callable[[EditorEntry], None],
    create: Callable[[], None],
    publish: Callable[[EditorEntry], None],
    message: str = "",
) -> ft.Control:
    """Entries of one kind, filtered by state, with "Neuer Eintrag"."""
    kinds = [(k, t(f"editor.kinds.{k}")) for k in EDITABLE_KINDS]
    states = [("all", t("editor.state.all"))]
    states += [(s.value, t(f"editor.state.{s.value}")) for s in Publication]
    chosen_state = status.value if status else "all"
    controls: list[ft.Control] = [
        choice_row(t("editor.kind"), kinds, kind, on_kind),
        choice_row(
            t("editor.state"),
            states,
            chosen_state,
            lambda key: on_status(None if key == "all" else Publication(key)),
        ),
        button(t("editor.new"), look="filled", icon=ft.Icons.ADD, on_click=lambda _: create()),
        ft.Text(t("editor.count", count=len(entries))),
    ]
    if message:
        controls.append(ft.Text(message, color=ft.Colors.PRIMARY))
    for entry in entries:
        controls.append(_entry_card(entry, open_entry, publish))
    return ft.Column(controls, spacing=8, scroll=ft.ScrollMode.AUTO, expand=True)


def _entry_card(
    entry: EditorEntry,
    open_entry: Callable[[EditorEntry], None],
    publish: Callable[[EditorEntry], None],
) -> ft.Control:
    where = ", ".join(entry.kommunen) if entry.kommunen else t("editor.district_wide")
    parts: list[ft.Control] = [
        ft.TextButton(entry.title, on_click=lambda _: open_entry(entry)),
        hint(f"{t(f'editor.state.{entry.status.value}')} · {where}"),
    ]
    if entry.outdated:
        parts.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.WARNING_AMBER, color=ft.Colors.TERTIARY),
                    ft.Text(t("editor.translation_outdated"), color=ft.Colors.TERTIARY),
                ],
                wrap=True,
            )
        )
    if entry.status == Publication.DRAFT:
        parts.append(
            button(
                t("editor.publish"),
                icon=ft.Icons.PUBLISH,
                on_click=lambda _: publish(entry),
            )
        )
    return ft.Card(ft.Container(ft.Column(parts, spacing=4), padding=12))


def editor_form(
    kind: str,
    values: dict[str, Any],
    kommunen: list[Kommune],
    topics: list[Topic],
    on_value: SetValue,
    save: Callable[[], None],
    error: tuple[str, str] = ("", ""),
    text_scale: float = 1.0,
    original: InfoSheet | None = None,
) -> ft.Control:
    """Every field of the entry; `error` is (field, German message) of a refused save.
    For a translation, its German `original` stands above, to translate from."""
    failed_field, message = error
    controls: list[ft.Control] = []
    if original is not None:
        controls.append(
            ft.ExpansionTile(
                title=ft.Text(f"{t('editor.original')}: {original.title}"),
                expanded=True,
                controls=[
                    ft.Markdown(
                        without_images(original.body),
                        selectable=True,
                        extension_set=ft.MarkdownExtensionSet.GITHUB_FLAVORED,
                        md_style_sheet=markdown_style(text_scale),
                    )
                ],
            )
        )
    for spec in form_fields(kind):
        problem = message if spec.name == failed_field else ""
        controls.append(
            field_control(
                spec, values.get(spec.name), on_value, problem, kommunen, topics, text_scale
            )
        )
    if message and not failed_field:
        controls.append(ft.Text(message, color=ft.Colors.ERROR))
    controls.append(hint(t("editor.saving_checks")))
    controls.append(
        button_row(
            button(t("editor.save"), look="filled", icon=ft.Icons.SAVE, on_click=lambda _: save())
        )
    )
    # Text fields take the screen's width (long German labels, long values); the
    # controls of a fixed size sit in rows of their own.
    return ft.Column(
        controls,
        spacing=16,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
