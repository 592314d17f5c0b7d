"""Links and images a sheet's Markdown may hold."""

import pytest

from wegweiser.markdown_rules import link_problem, tables_as_lists, without_images


@pytest.mark.parametrize(
    "text",
    [
        "Nur Text, **fett**, eine Liste:\n\n- eins\n- zwei",
        "[Landkreis](https://www.kreis-hz.de) und <https://www.kreis-hz.de/x?a=1>",
        "[Schreiben](mailto:integration@kreis-hz.de) oder [anrufen](tel:+49-3941-5970-0)",
        "[ref]: https://www.kreis-hz.de\n\nSiehe [Seite][ref].",
        "Direkt: https://www.arbeitsagentur.de/ und Notruf 112.",
        "Schreiben Sie an integration@kreis-hz.de.",
        "Zum [Jobcenter](eintrag:contact_point/6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d41).",
    ],
)
def test_allowed(text: str) -> None:
    assert link_problem(text) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("![Karte](https://maps.example/x.png)", "Bilder"),
        ("![Karte][k]\n\n[k]: https://maps.example/x.png", "Bilder"),
        ('<img src="https://t.example/p.gif">', "Bilder"),
        ("[Seite](http://www.kreis-hz.de)", "http://www.kreis-hz.de"),
        ("[x](javascript:alert(1))", "javascript:alert"),
        ("[x](//cdn.example/a)", "//cdn.example/a"),
        ("<http://www.kreis-hz.de>", "http://"),
        ("Siehe www.kreis-hz.de für mehr", "www.kreis-hz.de"),
        ("Alt: http://www.kreis-hz.de", "http://"),
        ("[ref]: ftp://files.example/a\n\n[a][ref]", "ftp://"),
        ("[Mail](mailto:a@b.de?bcc=c@d.de)", "E-Mail-Adresse"),
        ("[Ruf](tel:bitte-anrufen)", "Telefonnummer"),
        ("[x](https:kreis-hz.de)", "vollständige Adresse"),
        ("[x](eintrag:kommune/halberstadt)", "nennt keinen Eintrag"),
    ],
)
def test_refused_with_a_german_reason(text: str, words: str) -> None:
    problem = link_problem(text)
    assert problem is not None
    assert words in problem


def test_the_app_draws_no_image_whatever_reached_it() -> None:
    text = (
        "Vorher ![Karte der Stadt](https://tracker.example/pixel.png) nachher\n"
        '<img src="https://tracker.example/p.gif"> und ![Logo][logo] Ende'
    )
    shown = without_images(text)
    assert "tracker" not in shown and "![" not in shown and "<img" not in shown
    assert shown.startswith("Vorher Karte der Stadt nachher")
    assert without_images("Ein [Link](https://www.kreis-hz.de) bleibt.") == (
        "Ein [Link](https://www.kreis-hz.de) bleibt."
    )


def test_a_table_reads_as_its_header_and_a_list_item_per_row() -> None:
    sheet = (
        "# Notfall\n\nVorher.\n| Nummer | Wofür |\n| --- | :-- |\n| **112** | Rettung |\n"
        "| 116117 | ärztlicher Bereitschaftsdienst |\nDanach."
    )
    assert tables_as_lists(sheet).splitlines() == [
        "# Notfall",
        "",
        "Vorher.",
        "",
        "**Nummer – Wofür**",
        "",
        "- **112** – Rettung",
        "- 116117 – ärztlicher Bereitschaftsdienst",
        "",
        "Danach.",
    ]
    assert tables_as_lists("Keine Tabelle.") == "Keine Tabelle."
