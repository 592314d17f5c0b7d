"""Printable handouts: one sheet in a newcomer's language, and the whole Wegweiser of a
Kommune, as PDF with embedded fonts.

Made on the server: Arabic and Farsi need text shaping (HarfBuzz, through fpdf2), which
has no build for the tablets; the app fetches the PDFs of its Kommunen and keeps them
for sharing offline. `document.py` lays out pages, `content.py` chooses what goes in.
"""
