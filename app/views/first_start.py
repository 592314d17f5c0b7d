"""First start: connect to a server with an enrolment code, choose Kommunen, first sync;
or look at the example data without a server."""

import asyncio
from collections.abc import Callable
from functools import partial

import flet as ft

from app.i18n import is_rtl, t
from app.services.content import ContentService
from app.services.sync import SyncService
from app.sync.errors import PlainHttp, SyncError
from app.sync.links import destination, read_enrolment_link
from app.views.state import use_typed
from app.views.style import button, heading, lead, touch_row
from app.views.threads import poster

PHONE_WIDTH = 600
"""Narrower than this (logical pixels), the device is a phone."""


def default_device_name(width: float, platform: str) -> str:
    """What the device is called until the person names it: "Tablet" or "Smartphone"
    by its screen, "Computer" for a desktop or the web app on one."""
    if platform in ("android", "ios"):
        return t("first.device_phone") if 0 < width < PHONE_WIDTH else t("first.device_default")
    return t("first.device_computer") if width >= PHONE_WIDTH else t("first.device_phone")


@ft.component
def FirstStart(
    sync: SyncService,
    content: ContentService,
    done: Callable[[], None],
    default_server: str = "",
    default_code: str = "",
) -> ft.View:
    """Step "connect": server and code (or example data only); then "kommunen", with a
    first sync before and after that shows what arrives; "failed" offers to try again."""
    step, set_step = ft.use_state("connect")
    server = use_typed(lambda: default_server)
    code = use_typed(lambda: default_code)
    page = ft.context.page
    device = use_typed(
        lambda: default_device_name(page.width or 0, page.platform.value if page.platform else "")
    )
    error, set_error = ft.use_state("")
    ask_plain, set_ask_plain = ft.use_state(False)
    progress, set_progress = ft.use_state("")
    chosen = use_typed(frozenset[str])
    after_sync, set_after_sync = ft.use_state("kommunen")
    connecting, set_connecting = ft.use_state(False)
    # Read by the handler, not the render: a second tap sent before the button was
    # drawn disabled must not spend the one-time code again.
    asking = ft.use_ref(False)

    async def first_sync(then: str) -> None:
        """Sync off the loop, showing records and bytes as they arrive."""
        set_after_sync(then)
        set_step("syncing")
        set_progress("")
        post = poster()

        def arrived(records: int, received: int) -> None:
            kilobytes = max(1, received // 1024)
            post(lambda: set_progress(t("first.progress", records=records, kilobytes=kilobytes)))

        status = await asyncio.to_thread(sync.sync_now, arrived)
        if status.last_error:
            set_error(status.last_error)
            set_step("failed")
        elif then == "done":
            done()
        else:
            set_step(then)

    def take_code(typed: str) -> None:
        # The enrolment link (what the office's QR code holds), pasted or from a scanner
        # app, brings the server's address with it.
        linked = read_enrolment_link(typed)
        if linked is None:
            code.set(typed)
        else:
            server.set(linked[0])
            code.set(linked[1])

    async def connect() -> None:
        await try_connect(plain_http_ok=False)

    async def connect_plain() -> None:
        await try_connect(plain_http_ok=True)

    async def try_connect(plain_http_ok: bool) -> None:
        # Not the click handler itself: Flet would pass its event as `plain_http_ok`.
        if asking.current:
            return
        asking.current = True
        set_connecting(True)
        set_error("")
        set_ask_plain(False)
        try:
            # Off the loop: the enrolment waits for the server, and the screen must
            # show that it does (a frozen screen is tapped again).
            await asyncio.to_thread(
                sync.connect, server.value, code.value, device.value, plain_http_ok
            )
        except SyncError as exc:
            set_error(exc.message)
            set_ask_plain(isinstance(exc, PlainHttp))
            return
        finally:
            asking.current = False
            set_connecting(False)
        await first_sync("kommunen")

    async def retry() -> None:
        await first_sync(after_sync)

    def demo() -> None:
        content.ensure_content()
        done()

    def flip(key: str) -> None:
        chosen.update(lambda old: old - {key} if key in old else old | {key})

    async def go_on() -> None:
        if not chosen.value:
            set_error(t("first.choose_one"))
            return
        set_error("")
        sync.choose_kommunen(sorted(chosen.value))
        await first_sync("done")

    if step == "syncing":
        controls: list[ft.Control] = [
            heading(t("first.syncing")),
            ft.ProgressBar(value=None),
            ft.Text(progress),
        ]
    elif step == "failed":
        controls = [
            ft.Text(error, color=ft.Colors.ERROR),
            button(
                t("first.retry"),
                look="filled",
                on_click=retry,
            ),
        ]
    elif step == "kommunen":
        controls = [
            heading(t("first.kommunen")),
            ft.Column(
                [
                    touch_row(
                        ft.Checkbox(
                            label=k.name,
                            value=k.key in chosen.value,
                            on_change=lambda e, key=k.key: chosen.update(
                                lambda old: old | {key} if e.control.value else old - {key}
                            ),
                        ),
                        partial(flip, k.key),
                    )
                    for k in content.kommunen()
                ],
                spacing=0,
            ),
            ft.Text(error),
            button(
                t("first.continue"),
                look="filled",
                icon=ft.Icons.ARROW_FORWARD,
                on_click=go_on,
            ),
        ]
    else:
        host = destination(server.value)
        controls = [
            # The app's name first: a new guide sees at once where they are.
            ft.Row(
                [
                    ft.Icon(ft.Icons.SIGNPOST, size=40, color=ft.Colors.PRIMARY),
                    heading(t("app.title"), large=True),
                ],
                spacing=12,
            ),
            lead(t("first.welcome")),
            ft.TextField(
                label=t("first.server"),
                value=server.value,
                keyboard_type=ft.KeyboardType.URL,
                on_change=lambda e: server.set(e.control.value or ""),
            ),
            # Where the sign-in goes, plainly: a disguised address shows its real host.
            ft.Text(t("first.server_host", host=host) if host else ""),
            ft.TextField(
                label=t("first.code"),
                value=code.value,
                helper=t("first.code_help"),
                capitalization=ft.TextCapitalization.CHARACTERS,
                on_change=lambda e: take_code(e.control.value or ""),
            ),
            ft.TextField(
                label=t("first.device"),
                value=device.value,
                on_change=lambda e: device.set(e.control.value or ""),
            ),
            ft.Text(error, color=ft.Colors.ERROR),
            *([ft.Text(t("first.connecting"))] if connecting else []),
            button(
                t("first.connect"),
                look="filled",
                icon=ft.Icons.LINK,
                on_click=connect,
                disabled=connecting,
            ),
            *(
                [
                    button(
                        t("first.connect_plain"),
                        icon=ft.Icons.NO_ENCRYPTION,
                        on_click=connect_plain,
                    )
                ]
                if ask_plain
                else []
            ),
            ft.Divider(),
            ft.Text(t("first.offline_hint")),
            button(t("first.demo"), icon=ft.Icons.PREVIEW, on_click=lambda _: demo()),
        ]
    return ft.View(
        route="/",
        padding=12,
        controls=[ft.Column(controls, spacing=16, scroll=ft.ScrollMode.AUTO, expand=True)],
        rtl=is_rtl(),
    )
