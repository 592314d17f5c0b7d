"""The Flet entry point: the page's fixed settings, then the app's component tree."""

import os

import flet as ft

from app.i18n import DEFAULT_LANGUAGE
from app.sync.links import read_enrolment_link
from app.views.app import App, locale_configuration
from app.views.fonts import ARABIC_FONT

DEFAULT_SERVER_ENV = "WEGWEISER_DEFAULT_SERVER"
DEMO_CODE_ENV = "WEGWEISER_DEMO_CODE"
"""Set by `scripts/dev.py run`: the local demo server and a fresh enrolment code."""


def main(page: ft.Page) -> None:
    """Build the app on `page`."""
    # Shipped with the app: offline, the web client cannot fetch fonts for Arabic script.
    page.fonts = {ARABIC_FONT: "fonts/NotoSansArabic-Regular.ttf"}
    # No cross-fade between themes: it would lay out every text again at each in-between
    # size for a text size change, which stalls slow tablets (and a software renderer).
    page.theme_animation_style = ft.AnimationStyle.no_animation()
    # German before the first frame: setting a locale later lays out every text again.
    page.locale_configuration = locale_configuration(DEFAULT_LANGUAGE)
    server = os.environ.get(DEFAULT_SERVER_ENV, "")
    code = os.environ.get(DEMO_CODE_ENV, "")
    # Opened from an enrolment link (the web app's address with ?server=…&code=…): the
    # first start has both filled in.
    linked = read_enrolment_link(page.route or "") or read_enrolment_link(page.url or "")
    if linked is not None:
        server, code = linked
    page.render_views(App, default_server=server, default_code=code)
