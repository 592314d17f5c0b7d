"""Einträge bearbeiten (devices of the Koordinierungsstelle): the entries of a kind in
every state, and one entry's editor, from that list or from the entry's own screen."""

from typing import Any

import flet as ft

from app.i18n import t
from app.services.editing import EditingService, EditorEntry, FormRefused, form_values
from app.views import editor
from app.views.frame import Frame, below, up, use_go
from app.views.state import State, Typed, use_services, use_sync, use_typed, use_ui
from wegweiser.edits import EditRefused
from wegweiser.kinds import title_of
from wegweiser.model import InfoSheet, Publication, SyncedRecord


@ft.component
def EditorListScreen() -> ft.Control:
    """Einträge bearbeiten: entries of a kind in every state, and "Neuer Eintrag"."""
    services = use_services()
    use_sync()  # a sync brings colleagues' entries
    go = use_go()
    path = ft.use_view_path()
    chosen_kind = use_typed(lambda: editor.EDITABLE_KINDS[0])
    state: State[Publication | None] = ft.use_state(None)
    status, set_status = state
    said, set_said = ft.use_state("")

    def publish(entry: EditorEntry) -> None:
        services.editing.set_status(entry.kind, entry.record_id, Publication.PUBLISHED)
        set_said(t("editor.published", title=entry.title))

    body = editor.editor_list_view(
        chosen_kind.value,
        status,
        services.editing.entries(chosen_kind.value, status),
        chosen_kind.set,
        set_status,
        lambda entry: go(below(path, f"{entry.kind}/{entry.record_id}")),
        lambda: go(below(path, f"{chosen_kind.value}/{NEW}")),
        publish,
        said,
    )
    return Frame(t("editor.title"), body, back_to=up(path, 1))


NEW = "neu"
"""The id in an editor's route for an entry not yet saved."""


@ft.component
def EditorScreen() -> ft.Control:
    """One entry's editor, from the list (or "neu") or from the entry's own screen."""
    services = use_services()
    ui = use_ui()
    go = use_go()
    path = ft.use_view_path()
    params = ft.use_route_params()
    kind, record_id = params.get("kind", ""), params.get("id", "")
    creating = record_id == NEW
    back = up(path, 1) if path.endswith("/edit") else up(path, 2)
    record = (
        None
        if creating or kind not in editor.EDITABLE_KINDS
        else (services.editing.record(kind, record_id))
    )
    values: Typed[dict[str, Any]] = use_typed(lambda: form_values(record, kind))
    refused: State[tuple[str, str]] = ft.use_state(("", ""))
    error, set_error = refused
    if kind not in editor.EDITABLE_KINDS or (record is None and not creating):
        return Frame("", ft.Text(t("record.missing")), back_to=back)
    if not services.sync.staff:
        return Frame(t("editor.title"), ft.Text(t("review.staff_only")), back_to=back)

    def save() -> None:
        try:
            services.editing.save(kind, None if creating else record_id, values.value)
        except FormRefused as exc:
            set_error((exc.field, str(exc)))
        except EditRefused as exc:
            set_error(("", str(exc)))
        else:
            go(back, t("editor.saved"))

    form = editor.editor_form(
        kind,
        values.value,
        services.content.kommunen(),
        services.content.topics(),
        lambda name, value: values.update(lambda old: {**old, name: value}),
        save,
        error,
        ui.preferences.text_scale,
        original=_original_of(services.editing, record),
    )
    title = t(f"editor.new_kind.{kind}") if creating else title_of(record) if record else ""
    return Frame(title, form, back_to=back)


def _original_of(editing: EditingService, record: SyncedRecord | None) -> InfoSheet | None:
    """The German original of a translated sheet (None for anything else)."""
    if not isinstance(record, InfoSheet) or not record.translation_of:
        return None
    original = editing.record(InfoSheet.entity, record.translation_of)
    return original if isinstance(original, InfoSheet) else None
