"""Pages of a handout: fonts embedded, Arabic and Farsi shaped and right to left, the
sheets' Markdown set as headings, paragraphs, lists and tables.

fpdf2, with HarfBuzz text shaping (uharfbuzz) for Arabic and Farsi. DejaVu Sans carries
Latin and Cyrillic, Noto Sans Arabic the Arabic script (Farsi included); each falls back
to the other, so a German street name in an Arabic sheet is drawn as well.
"""

import re
from collections.abc import Iterator
from pathlib import Path

from fpdf import FPDF
from fpdf.outline import OutlineSection

from sync_server.handouts.budget import Budget
from sync_server.handouts.labels import label
from wegweiser.languages import RIGHT_TO_LEFT
from wegweiser.markdown_rules import tables_as_lists, without_images
from wegweiser.text import tamed

FONTS = Path(__file__).parent / "fonts"

ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
"""Letters of the Arabic script (Arabic, Farsi), which DejaVu Sans does not carry."""

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


def plain(markdown_line: str) -> str:
    """A line of Markdown as printed text: emphasis dropped, a link as its words (and its
    address, where one can use it on paper: a web address, a number, a mail address)."""

    def link(match: re.Match[str]) -> str:
        words, target = match.group(1), match.group(2)
        if target.startswith(("https://", "mailto:", "tel:")):
            shown = target.removeprefix("mailto:").removeprefix("tel:")
            return words if shown in words else f"{words} ({shown})"
        return words  # "eintrag:" links name an entry of the app

    return _EMPHASIS.sub("", _LINK.sub(link, markdown_line)).strip()


class Handout(FPDF):
    """An A4 document in one language, with its title in the footer of every page."""

    def __init__(self, language: str, title: str, budget: Budget | None = None) -> None:
        super().__init__(format="A4")
        self.budget = budget or Budget()
        self.language = language
        self.rtl = language in RIGHT_TO_LEFT
        self.doc_title = title
        self._word_widths: dict[tuple[str, str, float], dict[str, float]] = {}
        self.add_font("latin", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("latin", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self._arabic_script = False
        self.main_font = "arabic" if self.rtl else "latin"
        if self.rtl:
            self._add_arabic_script()
            # Shaping joins Arabic letters and orders the line; Latin and Cyrillic need
            # none, and it would cost most of the time a document takes.
            # Every paragraph right to left; a number kept in an isolate
            # (wegweiser.languages.left_to_right) reads left to right inside it.
            self.set_text_shaping(
                use_shaping_engine=True, direction="rtl", script="arab", language=language
            )
        self.set_title(title)
        self.set_creator("Wegweiser Harz")
        self.set_lang(language)
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 18, 18)

    def _add_arabic_script(self) -> None:
        """Noto Sans Arabic and the fallback between it and DejaVu Sans. In a
        left-to-right handout also shaping, with fpdf2's bidi ordering each line: an
        Arabic name there was printed with its letters apart and in reverse before."""
        self.add_font("arabic", "", str(FONTS / "NotoSansArabic-Regular.ttf"))
        self.add_font("arabic", "B", str(FONTS / "NotoSansArabic-Bold.ttf"))
        self.set_fallback_fonts(["latin" if self.rtl else "arabic"])
        if not self.rtl:
            self.set_text_shaping(use_shaping_engine=True)
            self._word_widths.clear()  # measured without shaping (and its kerning)
        self._arabic_script = True

    def normalize_text(self, text: str) -> str:
        # fpdf2 passes every text here before it measures or prints it. A handout in a
        # left-to-right language reads the Arabic fonts when a text first needs them (a
        # name in Arabic): without a fallback font fpdf2 sets a line in one piece instead
        # of letter by letter. The 21 Kommunen's German handouts took 4.4 s, not 5.9.
        if not self._arabic_script and ARABIC_SCRIPT.search(text):
            self._add_arabic_script()
        return super().normalize_text(text)

    @property
    def align(self) -> str:
        return "R" if self.rtl else "L"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.main_font, size=8)
        self.cell(
            0, 6, f"{self.doc_title} · {label(self.language, 'page')} {self.page_no()}", align="C"
        )

    def paragraph(self, text: str, size: float = 11, bold: bool = False, gap: float = 1.5) -> None:
        """A paragraph in the document's direction."""
        self.budget.check()
        text = tamed(text)  # what was stored before the rule may still hold thousands
        self.set_font(self.main_font, "B" if bold else "", size)
        lines = self._wrapped(text)
        if lines is None:
            self.multi_cell(0, size * 0.5, text, align=self.align, new_x="LMARGIN", new_y="NEXT")
        else:
            for line in lines:
                self.budget.check()
                self.cell(0, size * 0.5, line, align=self.align, new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def _wrapped(self, text: str) -> list[str] | None:
        """`text` broken into lines at spaces, or None when a word is wider than a line.

        fpdf2's multi_cell measures a line anew for every character it adds, which made
        every Kommune's Wegweiser take 16 s (50 s in Arabic, shaping each time); words
        measured once each take a fraction. A word is shaped on its own: Arabic letters
        join only within a word.
        """
        room = self.epw - 2 * self.c_margin
        key = (self.font_family, self.font_style, self.font_size_pt)
        widths = self._word_widths.setdefault(key, {})

        def width(word: str) -> float:
            if word not in widths:
                widths[word] = self.get_string_width(word)
            return widths[word]

        lines: list[str] = []
        for part in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for word in part.split():
                wide = width(word)
                if wide > room:
                    return None
                extra = wide + (width(" ") if line else 0.0)
                if line and used + extra > room:
                    lines.append(" ".join(line))
                    line, used = [word], wide
                else:
                    line.append(word)
                    used += extra
            lines.append(" ".join(line))
        return lines

    def heading(self, text: str, level: int = 1) -> None:
        self.ln(2)
        self.paragraph(text, size={1: 18, 2: 15, 3: 13}.get(level, 12), bold=True, gap=2)

    def note(self, text: str) -> None:
        """A framed remark: example data, an outdated translation."""
        self.budget.check()
        self.set_font(self.main_font, "", 9)
        self.set_fill_color(255, 243, 205)
        self.multi_cell(
            0, 5, tamed(text), align=self.align, fill=True, new_x="LMARGIN", new_y="NEXT", padding=2
        )
        self.ln(3)

    def markdown(self, body: str) -> None:
        """A sheet's text: headings, lists, tables (a row per item), paragraphs."""
        for kind, text in _blocks(tables_as_lists(without_images(body))):
            if kind.startswith("h"):
                self.heading(text, int(kind[1]) + 1)
            elif kind == "item":
                self.paragraph(text, gap=0.5)
            else:
                self.paragraph(text)


def _blocks(body: str) -> Iterator[tuple[str, str]]:
    paragraph: list[str] = []
    for raw in body.splitlines():
        stripped = raw.strip()
        heading = re.match(r"^(#{1,3})\s+(.*)$", stripped)
        item = re.match(r"^([-*+]|\d+[.)])\s+(.*)$", stripped)
        ends_paragraph = not stripped or heading or item
        if ends_paragraph and paragraph:
            yield "p", plain(" ".join(paragraph))
            paragraph = []
        if heading:
            yield f"h{len(heading.group(1))}", plain(heading.group(2))
        elif item:
            marker = item.group(1)
            yield "item", f"{marker if marker[0].isdigit() else '•'} {plain(item.group(2))}"
        elif stripped:
            paragraph.append(stripped)
    if paragraph:
        yield "p", plain(" ".join(paragraph))


def contents_page(pdf: FPDF, sections: list[OutlineSection]) -> None:
    """The table of contents fpdf2 fills in once every page is known."""
    assert isinstance(pdf, Handout)
    pdf.heading(label(pdf.language, "contents"))
    for section in sections:
        pdf.set_font(pdf.main_font, "B" if section.level == 0 else "", 11 if section.level else 12)
        # Indented by the margin, not by spaces: in a right-to-left line they go to its end.
        indent = 6.0 * section.level
        pdf.set_x(pdf.l_margin if pdf.rtl else pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent,
            6,
            f"{section.name} – {page_number(pdf.language, section.page_number)}",
            align=pdf.align,
            new_x="LMARGIN",
            new_y="NEXT",
        )


_DIGITS = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹"}


def page_number(language: str, number: int) -> str:
    """A page number as the language writes it (Arabic and Farsi have digits of their
    own, drawn by the Arabic font itself)."""
    digits = _DIGITS.get(language)
    return (
        str(number)
        if digits is None
        else str(number).translate(str.maketrans("0123456789", digits))
    )
