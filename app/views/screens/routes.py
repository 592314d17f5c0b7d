"""Every screen by its route. Each level is a view of the navigation stack, so that
back - the button, Android's back gesture, the browser's back - returns to the level
above:

    /                               search (start)
    /topic/:key                     a topic for the chosen Kommune
    .../record/:kind/:id            a record, from search, topic or another record
    .../record/:kind/:id/report     "Änderung melden" for it
    .../record/:kind/:id/show       a contact point for a newcomer, with its vCard as QR
    .../record/:kind/:id/edit       its editor (devices of the Koordinierungsstelle)
    .../record/:kind/:id/history    its audit trail (the same devices)
    /handouts                       the printed Wegweiser, kept for sharing offline
    /reports                        my change reports
    /reports/:report/correct        a report the server refused, to correct
    /review                         Meldungen prüfen (staff)
    /review/due                     Aktualität
    /review/people                  Geräte und Personen: enrolment codes, revoking
    /review/tables                  Tabellen: CSV out and in, the region's file out
    /review/edit, .../:kind/:id     Einträge bearbeiten, one entry's editor (id "neu": new)
    /settings, /settings/sign-out   settings, signing out
    /sync, /sync/conflicts          sync details, conflicts to decide
"""

from collections.abc import Callable
from importlib import import_module

import flet as ft

from app.views.screens.guide import RecordScreen, SearchScreen, TopicScreen

GUIDES_SCREENS = ("sharing", "reporting", "device")
OFFICE_SCREENS = ("reviewing", "office", "editing")


def load_screens(staff: bool) -> None:
    """Load the modules of the screens this device shows, in the thread that opens the
    store (`app.views.app`): a first tap on a tab then draws at once instead of importing
    on the session's event loop, beside the first sync. A guide's tablet never loads the
    office's screens."""
    for module in GUIDES_SCREENS + (OFFICE_SCREENS if staff else ()):
        import_module(f"app.views.screens.{module}")


def _later(module: str, name: str) -> Callable[[], ft.Control]:
    """The screen `name` of `app.views.screens.<module>`, whose module is loaded when it
    is first shown (`load_screens` has done so for the screens the device uses): the
    first frame needs none of them."""

    def screen() -> ft.Control:
        made: ft.Control = getattr(import_module(f"app.views.screens.{module}"), name)()
        return made

    screen.__name__ = name
    return screen


_RECORD = ft.Route(
    path="record/:kind/:id",
    component=RecordScreen,
    recursive=True,  # a record's links open further records on top
    children=[
        ft.Route(path="report", component=_later("reporting", "ReportScreen")),
        ft.Route(path="show", component=_later("sharing", "NewcomerScreen")),
        ft.Route(path="edit", component=_later("editing", "EditorScreen")),
        ft.Route(path="history", component=_later("office", "HistoryScreen")),
    ],
)

ROUTES = [
    ft.Route(
        path="/",
        component=SearchScreen,
        children=[
            ft.Route(path="topic/:key", component=TopicScreen, children=[_RECORD]),
            _RECORD,
            ft.Route(path="handouts", component=_later("sharing", "HandoutsScreen")),
            ft.Route(
                path="reports",
                component=_later("reporting", "ReportsScreen"),
                children=[
                    ft.Route(
                        path=":report/correct", component=_later("reporting", "CorrectReportScreen")
                    )
                ],
            ),
            ft.Route(
                path="review",
                component=_later("reviewing", "ReviewScreen"),
                children=[
                    ft.Route(path="due", component=_later("office", "DueScreen")),
                    ft.Route(path="people", component=_later("office", "PeopleScreen")),
                    ft.Route(path="tables", component=_later("office", "TablesScreen")),
                    ft.Route(
                        path="edit",
                        component=_later("editing", "EditorListScreen"),
                        children=[
                            ft.Route(path=":kind/:id", component=_later("editing", "EditorScreen"))
                        ],
                    ),
                ],
            ),
            ft.Route(
                path="settings",
                component=_later("device", "SettingsScreen"),
                children=[ft.Route(path="sign-out", component=_later("device", "SignOutScreen"))],
            ),
            ft.Route(
                path="sync",
                component=_later("device", "SyncScreen"),
                children=[
                    ft.Route(path="conflicts", component=_later("device", "ConflictsScreen"))
                ],
            ),
        ],
    )
]
"""Every screen by route; a child is drawn on top of its parent."""
