"""A handout's paragraphs: broken at spaces within the margins, nothing dropped; Arabic
letters drawn in a handout of any language."""

import pypdfium2 as pdfium
import pytest

from sync_server.handouts.document import Handout

LONG = (
    "Die Anmeldung des Wohnsitzes erfolgt im Bürgerbüro der Stadt Halberstadt. Bitte einen "
    "Termin vereinbaren und Pass, Ankunftsnachweis und Wohnungsgeberbestätigung mitbringen. "
) * 6
URL = "https://www.kreis-hz.de/" + "wegweiser-" * 20 + "ende"
ARABIC = "يتم تسجيل محل الإقامة في مكتب المواطنين في مدينة هالبرشتات. " * 8


def _lines(pdf: Handout) -> list[tuple[str, float, float]]:
    """Each printed line of the first page: its text, leftmost and rightmost point (mm)."""
    document = pdfium.PdfDocument(bytes(pdf.output()))
    try:
        text = document[0].get_textpage()
        found = []
        for index in range(text.count_rects()):
            left, _, right, _ = text.get_rect(index)
            words = text.get_text_bounded(left, *text.get_rect(index)[1:])
            found.append((words.strip(), left * 25.4 / 72, right * 25.4 / 72))
        return found
    finally:
        document.close()


@pytest.mark.parametrize("language, text", [("de", LONG), ("ar", ARABIC)])
def test_a_long_paragraph_stays_within_the_margins_and_keeps_every_word(
    language: str, text: str
) -> None:
    pdf = Handout(language, "Test")
    pdf.add_page()
    pdf.paragraph(text)
    lines = _lines(pdf)
    assert len(lines) > 4  # broken into lines, not one running off the page
    for _, left, right in lines:
        assert left >= pdf.l_margin - 0.5
        assert right <= pdf.w - pdf.r_margin + 0.5
    printed = " ".join(words for words, _, _ in lines).split()
    if language == "de":  # then the footer
        assert printed[: len(text.split())] == text.split()


def test_a_word_longer_than_a_line_is_still_printed_whole() -> None:
    pdf = Handout("de", "Test")
    pdf.add_page()
    pdf.paragraph(f"Mehr unter {URL} im Netz.")
    printed = "".join(words for words, _, _ in _lines(pdf))
    assert URL in printed.replace(" ", "")


def _text(pdf: Handout) -> str:
    document = pdfium.PdfDocument(bytes(pdf.output()))
    try:
        return str(document[0].get_textpage().get_text_range())
    finally:
        document.close()


def test_an_arabic_name_in_a_german_handout_is_drawn_in_the_arabic_font() -> None:
    """In the Arabic font, its letters joined and in their order (without shaping they
    were printed apart and in reverse: the text read back as "دادح")."""
    pdf = Handout("de", "Test")
    pdf.add_page()
    pdf.paragraph("Ansprechpartnerin: Frau Haddad (حداد), Beratung auf Arabisch.")
    text = _text(pdf)
    assert "Frau Haddad (حداد" in text and text.index("Haddad") < text.index("Beratung")
    assert b"NotoSansArabic" in bytes(pdf.output())


def test_a_german_handout_without_arabic_letters_does_without_the_arabic_font() -> None:
    pdf = Handout("de", "Test")
    pdf.add_page()
    pdf.paragraph(LONG)
    assert b"NotoSansArabic" not in bytes(pdf.output())
