"""First start: connect to a server with an enrolment code, choose Kommunen, first sync."""

import threading
from collections.abc import Callable

import flet as ft

from app.i18n import t
from app.services.content import ContentService
from app.services.guide import GuideService
from app.sync.client import SyncError
from app.views.style import heading, lead


class FirstStartView(ft.Column):
    """Step 1: server and code (or example data only). Step 2: Kommunen and first sync."""

    def __init__(
        self,
        guide: GuideService,
        content: ContentService,
        done: Callable[[], None],
        default_server: str = "",
        default_code: str = "",
    ) -> None:
        super().__init__(spacing=16, scroll=ft.ScrollMode.AUTO, expand=True)
        self.guide = guide
        self.content = content
        self.done = done
        self.server = ft.TextField(
            label=t("first.server"), value=default_server, keyboard_type=ft.KeyboardType.URL
        )
        self.code = ft.TextField(
            label=t("first.code"),
            value=default_code,
            capitalization=ft.TextCapitalization.CHARACTERS,
        )
        self.device = ft.TextField(label=t("first.device"), value=t("first.device_default"))
        self.error = ft.Text("", color=ft.Colors.ERROR)
        self.progress = ft.ProgressBar(value=None, visible=False)
        self.progress_text = ft.Text("")
        self.controls = [
            lead(t("first.welcome")),
            self.server,
            self.code,
            self.device,
            self.error,
            ft.FilledButton(
                t("first.connect"),
                icon=ft.Icons.LINK,
                height=48,
                on_click=lambda _: self._connect(),
            ),
            ft.Divider(),
            ft.Text(t("first.offline_hint")),
            ft.OutlinedButton(
                t("first.demo"), icon=ft.Icons.PREVIEW, height=48, on_click=lambda _: self._demo()
            ),
        ]

    def _connect(self) -> None:
        self.error.value = ""
        try:
            self.guide.connect(
                self.server.value or "", self.code.value or "", self.device.value or "Tablet"
            )
        except SyncError as exc:
            self.error.value = exc.message
            self.update()
            return
        self._sync(then=self._choose_kommunen)

    def _demo(self) -> None:
        self.content.ensure_content()
        self.done()

    def _sync(self, then: Callable[[], None]) -> None:
        """Run a sync off the UI thread, showing records and bytes as they arrive."""
        self.controls = [heading(t("first.syncing")), self.progress, self.progress_text]
        self.progress.visible = True
        self.update()

        def progress(records: int, received: int) -> None:
            self.progress_text.value = t(
                "first.progress", records=records, kilobytes=max(1, received // 1024)
            )
            self.progress_text.update()

        def work() -> None:
            status = self.guide.sync_now(progress)
            if status.last_error:
                self.controls = [
                    ft.Text(status.last_error, color=ft.Colors.ERROR),
                    ft.FilledButton(
                        t("first.retry"), height=48, on_click=lambda _: self._sync(then)
                    ),
                ]
                self.update()
                return
            then()

        threading.Thread(target=work, daemon=True).start()

    def _choose_kommunen(self) -> None:
        boxes = [ft.Checkbox(label=k.name, data=k.key) for k in self.content.kommunen()]
        hint = ft.Text("")

        def go(_: object) -> None:
            chosen = [str(box.data) for box in boxes if box.value]
            if not chosen:
                hint.value = t("first.choose_one")
                hint.update()
                return
            self.guide.choose_kommunen(chosen)
            self._sync(then=self.done)

        self.controls = [
            heading(t("first.kommunen")),
            ft.Column(list[ft.Control](boxes), spacing=0),
            hint,
            ft.FilledButton(
                t("first.continue"), icon=ft.Icons.ARROW_FORWARD, height=48, on_click=go
            ),
        ]
        self.update()
