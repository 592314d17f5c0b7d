"""What a guide hands over: a contact point for the newcomer with its vCard as a QR code,
and the printed Wegweiser kept for sharing offline. Loaded when first opened (QR
drawing, PDF sharing)."""

import asyncio
from datetime import datetime

import flet as ft

from app.i18n import t
from app.services.handouts import KeptHandout
from app.services.newcomer import newcomer_card
from app.sync.errors import SyncError
from app.views.frame import Frame, up
from app.views.handouts import handouts_view
from app.views.newcomer import newcomer_view
from app.views.platform import file_picker, page_service
from app.views.state import State, use_services, use_ui
from wegweiser.kinds import title_of
from wegweiser.model import ContactPoint


@ft.component
def NewcomerScreen() -> ft.Control:
    """A contact point for the newcomer to read, with its vCard as a QR code."""
    services = use_services()
    ui = use_ui()
    back = up(ft.use_view_path(), 1)
    params = ft.use_route_params()
    record = services.content.record(params.get("kind", ""), params.get("id", ""))
    if not isinstance(record, ContactPoint):
        return Frame(t("newcomer.open"), ft.Text(t("record.missing")), back_to=back)
    card = newcomer_card(record, datetime.now(), ui.visit_language, services.content.holidays())

    async def share() -> None:
        contact = ft.ShareFile.from_bytes(
            card.vcard.encode("utf-8"), mime_type="text/vcard", name="kontakt.vcf"
        )
        await page_service(ft.Share).share_files([contact], title=card.name)

    return Frame(
        title_of(record),
        newcomer_view(card, ui.preferences.text_scale, ui.wide, share),
        back_to=back,
    )


@ft.component
def HandoutsScreen() -> ft.Control:
    """Wegweiser zum Weitergeben: the kept PDFs, refreshed while online, shared or saved
    at any time."""
    services = use_services()
    ui = use_ui()
    listed: State[list[KeptHandout]] = ft.use_state(services.handouts.kept)
    kept, set_kept = listed
    said: State[tuple[str, bool]] = ft.use_state(("", False))
    (message, failed), set_said = said

    async def refresh() -> None:
        try:
            await asyncio.to_thread(services.handouts.refresh, ["de", ui.visit_language])
        except SyncError as exc:
            set_said((exc.message, True))
        else:
            set_said((t("handouts.refreshed"), False))
        set_kept(services.handouts.kept())

    async def share(handout: KeptHandout) -> None:
        data = services.handouts.path(handout).read_bytes()
        await page_service(ft.Share).share_files(
            [ft.ShareFile.from_bytes(data, mime_type="application/pdf", name=handout.file)],
            title=t("handouts.title"),
        )

    async def save(handout: KeptHandout) -> None:
        data = services.handouts.path(handout).read_bytes()
        await file_picker().save_file(file_name=handout.file, src_bytes=data)

    return Frame(
        t("handouts.title"),
        handouts_view(kept, message, failed, refresh, share, save),
        back_to="/",
    )
