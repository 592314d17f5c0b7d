"""A conflict shows both sides and the person chooses; a refusal shows its reason."""

import flet as ft
import pytest

from app.services.sync import Conflict, ConflictRow
from app.views.conflicts import conflicts_view, shown_value
from tests.support.controls import button, click, texts, walk

CONFLICT = Conflict(
    mutation_id="m-1",
    kind="conflict",
    entity="private_note",
    record_id="n-1",
    title="Jobcenter Halberstadt",
    rows=[ConflictRow("text", "Mittwochs ab 10 Uhr", "Mittwochs nur mit Termin")],
    reason=None,
)


def test_conflict_shows_mine_and_theirs_side_by_side_and_the_person_chooses() -> None:
    decided: list[tuple[str, bool]] = []
    view = conflicts_view([CONFLICT], lambda m, keep: decided.append((m, keep)))
    shown = texts(view)
    assert shown.index("Meine Fassung") < shown.index("Mittwochs ab 10 Uhr")
    assert shown.index("Fassung auf dem Server") < shown.index("Mittwochs nur mit Termin")
    assert "Notiz" in shown  # the field's German name, not "text"
    pair = next(c for c in walk(view) if isinstance(c, ft.ResponsiveRow))
    assert len(pair.controls) == 2  # side by side on a tablet, stacked on a phone

    click(view, "Meine Fassung behalten")
    click(view, "Fassung vom Server übernehmen")
    assert decided == [("m-1", True), ("m-1", False)]


def test_a_refusal_shows_the_reason_and_only_an_acknowledgement() -> None:
    refused = Conflict("m-2", "rejected", "favourite", "f", "Tafel", [], "Unbekannter Datensatz.")
    decided: list[tuple[str, bool]] = []
    view = conflicts_view([refused], lambda m, keep: decided.append((m, keep)))
    assert "Begründung: Unbekannter Datensatz." in texts(view)
    with pytest.raises(AssertionError):
        button(view, "Meine Fassung behalten")
    click(view, "Verstanden")
    assert decided == [("m-2", False)]
    assert texts(conflicts_view([], lambda *_: None)) == ["Keine offenen Konflikte."]


def test_values_read_like_text_not_json() -> None:
    phones = [{"label": "Zentrale", "number": "+49 3941 0000-1"}]
    assert shown_value(phones) == "Zentrale: +49 3941 0000-1"
    assert shown_value(None) == "(leer)"
    assert shown_value(True) == "ja"
