"""What the screens share: the services, and the observable state they are drawn from.

Three contexts, provided by the shell (`app.views.opened`) to every screen:
- `ServicesContext`: the device's services (plain, never changes while signed in);
- `UiContext`: the person's preferences, the layout width class and the chosen Kommune;
  a change re-renders the whole shell (every text in the new language or size);
- `SyncContext`: the sync status, the example-data flag and a one-line message; screens
  that show synced data subscribe to it and read their data again when it changes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

import flet as ft
from flet.components.hooks.use_ref import MutableRef

from app.services.content import ContentService
from app.services.personal import PersonalService
from app.services.preferences import Preferences
from app.services.sync import SyncService
from app.store.database import Store
from app.sync.status import SyncStatus
from wegweiser.links import MapsApp

if TYPE_CHECKING:  # loaded when first used (see `Services`)
    from app.services.asking import AskingService
    from app.services.due import DueService
    from app.services.editing import EditingService
    from app.services.handouts import HandoutService
    from app.services.people import PeopleService
    from app.services.review import ReviewService
    from app.services.tables import TablesService

T = TypeVar("T")
State: TypeAlias = tuple[T, Callable[[Any], None]]
"""What `ft.use_state` returns: the value and its setter (which also takes an updater);
annotating the target tells the type checker what a lazily computed state holds."""


class Typed(Generic[T]):
    """What a person entered on a screen, as they entered it last.

    A tap often reaches the app in the same message as the keys typed just before it, so
    its handler runs before the screen is drawn again; a value captured when the screen
    was drawn would miss those keys (a note saved as "Mittwochs ab 10 U"). Handlers read
    `value`; `set` keeps it and draws the screen again.
    """

    def __init__(self, value: T, redraw: Callable[[], None]) -> None:
        self._value = value
        self._redraw = redraw

    @property
    def value(self) -> T:
        return self._value

    def set(self, value: T) -> None:
        if value != self._value:
            self._value = value
            self._redraw()

    def update(self, change: Callable[[T], T]) -> None:
        """Set what `change` makes of the latest value (one field of several)."""
        self.set(change(self._value))


def use_typed(initial: Callable[[], T]) -> Typed[T]:
    """A screen's entered values, kept for the component's life (`initial` computed on
    the first drawing)."""
    _, set_version = ft.use_state(0)
    held: MutableRef[Typed[T]] = ft.use_ref(
        lambda: Typed(initial(), lambda: set_version(lambda version: version + 1))
    )
    typed = held.current
    assert typed is not None  # made on the first drawing
    return typed


TABLET_WIDTH = 840
"""From this width on the navigation is a rail beside the content, below it a bottom bar."""


@dataclass(frozen=True, eq=False)
class Services:
    """The opened store and everything a screen may call; built once per opened store.

    What a guide's first screen needs is made with it; the office's tools and the
    printed Wegweiser are made, and their modules loaded, when a screen first asks for
    them: a guide's tablet never spends a start (or memory) on the office's screens.
    """

    store: Store
    content: ContentService
    sync: SyncService
    personal: PersonalService
    maps: MapsApp = "web"
    """Maps links open the platform's maps app (Android, iOS) instead of a web map."""
    restart: Callable[[], None] = lambda: None
    """Open the store again and show what fits (first start after a sign-out); set by
    the shell, which knows the page."""

    @cached_property
    def review(self) -> "ReviewService":
        """The review queue (devices of the Koordinierungsstelle)."""
        from app.services.review import ReviewService

        return ReviewService(self.store, self.sync.engine, self.sync.request_sync)

    @cached_property
    def due(self) -> "DueService":
        """Aktualität: entries due for a check."""
        from app.services.due import DueService

        return DueService(self.store, self.sync.request_sync)

    @cached_property
    def editing(self) -> "EditingService":
        """Creating, changing, publishing and archiving entries (staff devices)."""
        from app.services.editing import EditingService

        return EditingService(self.store, self.sync.request_sync)

    @cached_property
    def people(self) -> "PeopleService":
        """Enrolment codes, devices, revoking (staff devices)."""
        from app.services.people import PeopleService

        return PeopleService(self.sync.engine)

    @cached_property
    def tables(self) -> "TablesService":
        """Spreadsheets and the region's file (staff devices)."""
        from app.services.tables import TablesService

        return TablesService(self.sync.engine)

    @cached_property
    def asking(self) -> "AskingService":
        """Update requests to contact points (staff devices)."""
        from app.services.asking import AskingService

        return AskingService(self.sync.engine)

    @cached_property
    def handouts(self) -> "HandoutService":
        """The printed Wegweiser of the device's Kommunen, kept for sharing offline."""
        from app.services.handouts import HandoutService

        return HandoutService(self.store, self.sync.engine)


@ft.observable
@dataclass
class Ui:
    """How the app looks for this person on this device."""

    preferences: Preferences = field(default_factory=Preferences)
    wide: bool = False
    kommune: str | None = None
    """The Kommune chosen on the search screen; topics open for it."""
    visit_language: str = "de"
    """The newcomer's language for this visit: sheets open in it where translated."""


@ft.observable
@dataclass
class Sync:
    """What the status chip says, and whether content is example data."""

    status: SyncStatus
    example_data: bool
    message: str = ""
    """One line for the person ("Meldung gespeichert ..."), shown on `message_at`."""
    message_at: str = ""


ServicesContext: Any = ft.create_context(None)
UiContext: Any = ft.create_context(Ui())
SyncContext: Any = ft.create_context(None)


def use_services() -> Services:
    """The services of the shell this component is drawn in."""
    services: Services = ft.use_context(ServicesContext)
    return services


def use_ui() -> Ui:
    """The preferences and layout; the component is drawn again when they change."""
    ui: Ui = ft.use_context(UiContext)
    return ui


def use_sync() -> Sync:
    """The sync status; the component is drawn again when it changes."""
    sync: Sync = ft.use_context(SyncContext)
    return sync
