"""The route helpers and the kind → view table, checked in-process."""

import pytest

from app.views.frame import TABS, tab_of, up
from app.views.records import VIEWS
from wegweiser.kinds import KINDS
from wegweiser.search.results import KIND_ORDER


@pytest.mark.parametrize(
    ("path", "segments", "parent"),
    [
        ("/record/contact_point/a1", 3, "/"),
        ("/topic/notfall/record/info_sheet/s1", 3, "/topic/notfall"),
        ("/record/offer/o1/record/contact_point/c1", 3, "/record/offer/o1"),
        ("/record/offer/o1/report", 1, "/record/offer/o1"),
        ("/sync/conflicts", 1, "/sync"),
        ("/", 1, "/"),
    ],
)
def test_back_goes_one_level_up_the_route(path: str, segments: int, parent: str) -> None:
    assert up(path, segments) == parent


def test_every_screen_belongs_to_its_destination() -> None:
    assert [root for root, _, _ in TABS] == ["/", "/reports", "/settings"]
    assert tab_of("/") == tab_of("/topic/x/record/offer/o") == tab_of("/sync/conflicts") == 0
    assert tab_of("/reports") == 1
    assert tab_of("/settings/sign-out") == 2
    assert tab_of("/settingsx") == 0  # a prefix of a name is not the destination


def test_every_kind_search_can_find_has_a_screen() -> None:
    assert set(VIEWS) == set(KIND_ORDER)
    assert all(KINDS[entity].title_field for entity in VIEWS)  # each screen has a title
