"""The vCard of a contact point: every field, escaped, and read back the same."""

from hypothesis import given
from hypothesis import strategies as st

from wegweiser.model import ContactPoint
from wegweiser.vcard import parse, vcard


def test_a_contact_point_as_a_card() -> None:
    contact = ContactPoint(
        name="Migrationsberatung; Caritas, Halberstadt",
        organisation="Caritas",
        street="Domplatz 1",
        postal_code="38820",
        city="Halberstadt",
        phones=[{"label": "Zentrale", "number": "+49 3941 0000-400"}, {"label": "x", "number": ""}],
        email="beratung@caritas.example",
        website="https://www.caritas.example/halberstadt",
    )
    card = vcard(contact, "Montag: 08:00–12:00\nDienstag: geschlossen")
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and card.endswith("END:VCARD\r\n")
    fields = parse(card)
    assert fields["FN"] == ["Migrationsberatung; Caritas, Halberstadt"]
    assert fields["TEL"] == ["+49 3941 0000-400"]
    assert fields["EMAIL"] == ["beratung@caritas.example"]
    assert fields["ADR"] == [";;Domplatz 1;Halberstadt;;38820;Deutschland"]
    assert fields["NOTE"] == ["Montag: 08:00–12:00\nDienstag: geschlossen"]
    assert "FN:Migrationsberatung\\; Caritas\\, Halberstadt" in card


@given(st.text(min_size=1, max_size=80).filter(lambda s: s.strip() and "\r" not in s))
def test_any_name_comes_back_as_it_was(name: str) -> None:
    assert parse(vcard(ContactPoint(name=name)))["FN"] == [name]
