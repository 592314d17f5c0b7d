"""Links and images a sheet's Markdown may hold."""

import pytest

from wegweiser.markdown_rules import link_problem, openable, tables_as_lists, without_images


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


HOSTILE = [
    # Brackets, escapes and code spans that hid a link from the regular expressions.
    "[a [b] c](javascript:alert(1))",
    "[a \\] b](javascript:alert(1))",
    "[a `]` b](javascript:alert(1))",
    "[a `]` b](http://www.kreis-hz.de)",
    "**[fett](file:///etc/passwd)**",
    "[![Bild](https://t.example/p.png)](https://www.kreis-hz.de)",
    # References: in a quote, as a shortcut, unused, in angle brackets.
    "> [x]: javascript:alert(1)\n>\n> [Klick][x]",
    "[x]\n\n[x]: sms:+491701234567",
    "[ref]: javascript:alert(1)",
    "[x][y]\n\n[y]: <data:text/html,x>",
    # Raw HTML, whatever it links to.
    '<a href="https://www.kreis-hz.de">x</a>',
    '<a href="javascript:alert(1)">x</a>',
    "<img src=x onerror=alert(1)>",
    '<iframe src="https://www.kreis-hz.de"></iframe>',
    "<!-- [x](javascript:alert(1)) -->",
    "Text <span onclick=alert(1)>hier</span>",
    # Schemes the rules do not allow, however written.
    "[x](sms:+491701234567)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](http://example.org)",
    "[x](file:///etc/passwd)",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) 'Titel')",
    "[x](vbscript:msgbox)",
    "[x](intent://scan/#Intent;scheme=zxing;end)",
    "[x](ms-settings:)",
    "<javascript:alert(1)>",
    "<file:///etc/passwd>",
    "Siehe http://www.kreis-hz.de",
    # Inside lists and tables.
    "- Liste\n  - [x](http://www.kreis-hz.de)",
    "| a | b |\n| - | - |\n| [x](http://www.kreis-hz.de) | c |",
    # Allowed schemes, bent.
    "[x](https:evil.example)",
    "[x](mailto:a@b.de?subject=x&bcc=c@d.de)",
    "[x](<tel:+49 3941; javascript:1>)",
    "[x](eintrag:contact_point/../../x)",
    "[gut](https://www.kreis-hz.de) [schlecht](ftp://files.example/a)",
    "![](https://tracker.example/p.gif)",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_refused_as_a_commonmark_reader_sees_it(text: str) -> None:
    assert len(HOSTILE) >= 30
    problem = link_problem(text)
    assert problem is not None, text
    assert "nicht erlaubt" in problem or "keine" in problem or "keinen" in problem


@pytest.mark.parametrize(
    "text",
    [
        "Preis: 3 < 5 und 5 > 3; [nicht verlinkt] bleibt Text.",
        "Als Code: `<a href=x>` und `[x](javascript:1)` zeigen nur Zeichen.",
        "[anrufen](<tel:+49 3941 5970>)",
        "> Zitat mit [Link](https://www.kreis-hz.de)\n>\n> [ref]: https://www.kreis-hz.de",
    ],
)
def test_what_only_looks_like_a_link_or_html_is_allowed(text: str) -> None:
    assert link_problem(text) is None


@pytest.mark.parametrize(
    ("url", "opens"),
    [
        ("https://www.kreis-hz.de", True),
        ("mailto:integration@kreis-hz.de", True),
        ("tel:+49 3941 5970", True),
        ("eintrag:contact_point/6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d41", False),  # in the app
        ("http://www.kreis-hz.de", False),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("sms:+491701234567", False),
    ],
)
def test_the_app_hands_the_device_only_https_mail_and_phone(url: str, opens: bool) -> None:
    assert openable(url) is opens
