"""`load --repair-links`: a district's links from other systems made to fit the rules,
each change named, nothing else touched."""

import copy
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import DEMO_DATASET
from wegweiser.addresses import website_problem
from wegweiser.dataset import check_document
from wegweiser.link_repair import repair_links, repaired_markdown, repaired_website
from wegweiser.markdown_rules import link_problem

MENDED = [
    # http becomes https, the words and a title stay
    (
        'Siehe [Jobcenter](http://www.jobcenter-harz.de/a?b=1 "Startseite").',
        'Siehe [Jobcenter](https://www.jobcenter-harz.de/a?b=1 "Startseite").',
    ),
    ("[Formular [PDF]](http://d.de/f.pdf)", "[Formular [PDF]](https://d.de/f.pdf)"),
    ("[Wiki](<http://de.wikipedia.org/wiki/A>)", "[Wiki](https://de.wikipedia.org/wiki/A)"),
    ("[W](http://de.wikipedia.org/wiki/A_(B))", "[W](https://de.wikipedia.org/wiki/A_(B))"),
    # bare addresses, with the sentence's full stop left outside
    ("Mehr unter www.kreis-hz.de.", "Mehr unter https://www.kreis-hz.de."),
    ("Mehr unter http://www.kreis-hz.de/x, bitte", "Mehr unter https://www.kreis-hz.de/x, bitte"),
    ("<http://c.de/y>", "<https://c.de/y>"),
    ("[Amt][a]\n\n[a]: http://b.de/x", "[Amt][a]\n\n[a]: https://b.de/x"),
    ('<a href="http://a.de">Amt</a> hilft', "[Amt](https://a.de) hilft"),
    # a link that cannot stay: its words alone
    ("[Klick](javascript:alert(1)) hier", "Klick hier"),
    ("[Schreiben](mailto:a@b.de?bcc=x@y.de)", "Schreiben"),
    ("[Datei](ftp://server.de/datei)", "Datei"),
    ('<a href="file:///etc">Liste</a>', "Liste"),
    # an image: its description
    ("![Stadtplan](http://x.de/plan.png) Text", "Stadtplan Text"),
    ('Vor <img src="https://x.de/a.png"> nach', "Vor  nach"),
]


@pytest.mark.parametrize(("before", "after"), MENDED)
def test_a_refused_link_is_mended_or_made_text(before: str, after: str) -> None:
    assert link_problem(before) is not None
    text, repairs = repaired_markdown(before)
    assert text == after
    assert link_problem(text) is None
    assert len(repairs) == 1


def test_each_change_is_named() -> None:
    _, repairs = repaired_markdown("[A](http://a.de) [B](javascript:x()) ![C](https://c.de/c.png)")
    assert [str(r) for r in repairs] == [
        "„http://a.de“ → „https://a.de“",
        "Link „B“ (javascript:x()) → nur der Text",
        "Bild „C“ (https://c.de/c.png) → nur die Beschreibung",
    ]


def test_a_website_is_encrypted_only_where_the_same_address_is_meant() -> None:
    assert repaired_website("http://www.kreis-hz.de")[0] == "https://www.kreis-hz.de"
    assert repaired_website("www.kreis-hz.de/amt")[0] == "https://www.kreis-hz.de/amt"
    assert repaired_website("https://www.kreis-hz.de") == ("https://www.kreis-hz.de", [])
    for hopeless in ("ftp://server.de", "http://", "Kreisverwaltung"):
        mended, repairs = repaired_website(hopeless)
        assert (mended, repairs) == (hopeless, [])
        assert website_problem(mended) is not None  # the check still refuses it


_PIECES = st.sampled_from(
    [
        "Text ",
        "[A](https://a.de)",
        "[B](mailto:b@c.de)",
        "[T](tel:+49 3941 1)",
        "https://x.de/y",
        "info@www.x.de",
        "(Klammer)",
        "[eckig]",
        "`Code`",
        "**fett**",
        "\n\n",
        "- Liste\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        ".",
    ]
)


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_text_the_rules_allow_is_left_as_it_is(text: str) -> None:
    if link_problem(text) is None:
        assert repaired_markdown(text) == (text, [])


def test_a_sheet_of_unclosed_tags_is_left_to_the_rules() -> None:
    """The longest body a sheet may have, all of it tags that never close: one pass over
    it (the patterns are bounded), nothing changed, the rules refuse it as before."""
    hostile = ('<a href="http://x.de">' * 5_000 + "<img src=x " * 3_000)[:100_000]
    assert repaired_markdown(hostile) == (hostile, [])
    assert link_problem(hostile) is not None


def test_the_example_data_needs_no_repair() -> None:
    document = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    untouched = copy.deepcopy(document)
    assert repair_links(document) == []
    assert document == untouched


def test_a_file_from_another_system_loads_after_repair() -> None:
    document = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    sheet, contact = document["sheets"][0], document["contact_points"][0]
    sheet["body"] += "\n\nMehr: [Amt](http://www.kreis-hz.de) und [X](javascript:void(0))"
    contact["website"] = "www.jobcenter-harz.de"
    with pytest.raises(ValueError, match="nicht erlaubt"):
        check_document(copy.deepcopy(document), "datei.json")

    lines = repair_links(document)

    assert len(lines) == 3
    assert lines[0].startswith(f"sheets[0] id {sheet['id']}")
    assert "Feld „body“: „http://www.kreis-hz.de“ → „https://www.kreis-hz.de“" in lines[0]
    assert lines[1].endswith("Feld „body“: Link „X“ (javascript:void(0)) → nur der Text")
    assert "Feld „website“: „www.jobcenter-harz.de“ → „https://www.jobcenter-harz.de“" in lines[2]
    dataset = check_document(document, "datei.json")
    assert dataset.sheets[0].body.endswith("[Amt](https://www.kreis-hz.de) und X")
    assert dataset.contact_points[0].website == "https://www.jobcenter-harz.de"
