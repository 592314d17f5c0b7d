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

import flet as ft

from app.views.screens.device import ConflictsScreen, SettingsScreen, SignOutScreen, SyncScreen
from app.views.screens.editing import EditorListScreen, EditorScreen
from app.views.screens.guide import (
    HandoutsScreen,
    NewcomerScreen,
    RecordScreen,
    SearchScreen,
    TopicScreen,
)
from app.views.screens.office import DueScreen, HistoryScreen, PeopleScreen, TablesScreen
from app.views.screens.reporting import CorrectReportScreen, ReportScreen, ReportsScreen
from app.views.screens.reviewing import ReviewScreen

_RECORD = ft.Route(
    path="record/:kind/:id",
    component=RecordScreen,
    recursive=True,  # a record's links open further records on top
    children=[
        ft.Route(path="report", component=ReportScreen),
        ft.Route(path="show", component=NewcomerScreen),
        ft.Route(path="edit", component=EditorScreen),
        ft.Route(path="history", component=HistoryScreen),
    ],
)

ROUTES = [
    ft.Route(
        path="/",
        component=SearchScreen,
        children=[
            ft.Route(path="topic/:key", component=TopicScreen, children=[_RECORD]),
            _RECORD,
            ft.Route(path="handouts", component=HandoutsScreen),
            ft.Route(
                path="reports",
                component=ReportsScreen,
                children=[ft.Route(path=":report/correct", component=CorrectReportScreen)],
            ),
            ft.Route(
                path="review",
                component=ReviewScreen,
                children=[
                    ft.Route(path="due", component=DueScreen),
                    ft.Route(path="people", component=PeopleScreen),
                    ft.Route(path="tables", component=TablesScreen),
                    ft.Route(
                        path="edit",
                        component=EditorListScreen,
                        children=[ft.Route(path=":kind/:id", component=EditorScreen)],
                    ),
                ],
            ),
            ft.Route(
                path="settings",
                component=SettingsScreen,
                children=[ft.Route(path="sign-out", component=SignOutScreen)],
            ),
            ft.Route(
                path="sync",
                component=SyncScreen,
                children=[ft.Route(path="conflicts", component=ConflictsScreen)],
            ),
        ],
    )
]
"""Every screen by route; a child is drawn on top of its parent."""
