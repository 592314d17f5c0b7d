"""The update request on paper, for a contact point without an e-mail address (or one
whose mail did not arrive): a German letter with the personal link as text and as a QR
code, set with the printed handouts' document."""

import io
from datetime import date, datetime

import segno

from wegweiser.model import ContactPoint, Region, address_lines

TITLE = "Bitte prüfen Sie Ihren Eintrag im Wegweiser"


def letter_pdf(
    region: Region | None, contact: ContactPoint, link: str, expires: datetime, today: date
) -> bytes:
    # fpdf2 comes with the first letter, not with every server start.
    from sync_server.handouts.document import Handout

    pdf = Handout("de", TITLE)
    pdf.add_page()
    if region is not None:
        pdf.paragraph(f"{region.coordination_name} · {region.coordination_address}", size=8)
    pdf.ln(4)
    for line in [contact.name, *address_lines(contact)]:
        pdf.paragraph(line, gap=0)
    pdf.ln(8)
    pdf.paragraph(today.strftime("%d.%m.%Y"), gap=6)
    pdf.heading(TITLE)
    district = f"im Wegweiser für den {region.name}" if region else "im Wegweiser"
    pdf.paragraph(
        f"Guten Tag,\n{district} steht Ihre Anlaufstelle „{contact.name}“. Damit Ratsuchende "
        "und Integrationslotsen sich darauf verlassen können, bitten wir Sie, Ihren Eintrag "
        "kurz anzusehen: Ist alles aktuell, genügt ein Klick; stimmt etwas nicht mehr, "
        "korrigieren Sie es direkt im Formular. Scannen Sie dazu den Code mit dem Handy "
        "oder geben Sie die Adresse darunter ein.",
        gap=4,
    )
    image = io.BytesIO()
    segno.make(link, error="m").save(image, kind="png", scale=8, border=2)
    pdf.image(image, x=pdf.l_margin, w=45)
    pdf.ln(2)
    # On one line, smaller if need be: a link broken in two is typed wrong.
    pdf.set_font(pdf.main_font, "", 9)
    size = 9 * min(1.0, (pdf.epw - 2 * pdf.c_margin) / pdf.get_string_width(link))
    pdf.set_font(pdf.main_font, "", size)
    pdf.cell(0, 6, link, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.paragraph(
        f"Der Link gilt bis zum {expires:%d.%m.%Y} und nur für Ihren Eintrag. Bitte geben "
        "Sie ihn nicht weiter.",
        gap=4,
    )
    pdf.paragraph(
        "Was mit Ihren Angaben geschieht: Der Landkreis veröffentlicht die Angaben Ihrer "
        "Anlaufstelle im Wegweiser. Was Sie ändern, prüft die Koordinierungsstelle, bevor "
        "es erscheint. Möchten Sie nicht mehr gefragt werden, sagen Sie uns Bescheid.",
        size=9,
    )
    if region is not None:
        contact_line = region.coordination_email
        if region.coordination_phone:
            contact_line = f"Telefon {region.coordination_phone} · {contact_line}"
        pdf.paragraph(f"{region.coordination_name}\n{contact_line}", size=9)
    return bytes(pdf.output())
