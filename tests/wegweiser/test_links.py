"""Links that hand over to the phone: maps, calls, e-mail."""

from wegweiser.links import (
    mail_url,
    map_url,
    maps_app,
    phone_numbers,
    phone_url,
    tappable_numbers,
)


def test_links() -> None:
    assert phone_url("+49 3941 0000-400") == "tel:+4939410000400"
    assert mail_url("a@b.example") == "mailto:a@b.example"
    # An address that slipped past the rules adds no hidden copy.
    assert mail_url("a@b.example?bcc=x@y.example") == "mailto:a@b.example%3Fbcc%3Dx@y.example"
    assert map_url(51.896, 11.047, "Jobcenter Halberstadt", "geo") == (
        "geo:51.896000,11.047000?q=51.896000,11.047000(Jobcenter%20Halberstadt)"
    )
    assert map_url(51.896, 11.047, "x", "web").startswith(
        "https://www.openstreetmap.org/?mlat=51.896000&mlon=11.047000"
    )
    # iOS has no geo: links; Apple Maps takes the place and its name.
    assert map_url(51.896, 11.047, "Jobcenter Halberstadt", "apple") == (
        "https://maps.apple.com/?ll=51.896000%2C11.047000&q=Jobcenter+Halberstadt"
    )
    assert [maps_app(p) for p in ("android", "ios", "linux", "")] == ["geo", "apple", "web", "web"]


def test_numbers_in_a_sheet_become_calls() -> None:
    text = (
        "Notruf **112**, Polizei 110, ärztlicher Bereitschaftsdienst 116 117.\n"
        "Beratung: 03941 5970-0 oder +49 3941 0000-400.\n"
        "Postleitzahl 38820, Vorwahl 03941, im Jahr 2026. "
        "[Schon ein Link](tel:112) und `0800 111 0 111` bleiben."
    )
    linked = tappable_numbers(text)
    assert "**[112](tel:112)**" in linked
    assert "Polizei [110](tel:110)" in linked
    assert "[116 117](tel:116117)" in linked
    assert "[03941 5970-0](tel:0394159700)" in linked
    assert "[+49 3941 0000-400](tel:+4939410000400)" in linked
    assert "Postleitzahl 38820, Vorwahl 03941, im Jahr 2026." in linked
    assert "[Schon ein Link](tel:112)" in linked and "`0800 111 0 111`" in linked


def test_a_sheets_numbers_are_listed_once_in_their_order_for_call_buttons() -> None:
    body = (
        "| **112** | Rettung |\n| **110** | Polizei |\n| 116 117 | Bereitschaft |\n"
        "Noch einmal: 112. [Beratung](tel:+4939410000) und `0800 111 0 111` bleiben, wie"
        " sie sind; 38820 Halberstadt und 2026 sind keine Nummern. Büro: 03941 0000-150."
    )
    assert phone_numbers(body) == ["112", "110", "116 117", "03941 0000-150"]
    assert phone_numbers("Kein Anruf nötig.") == []
