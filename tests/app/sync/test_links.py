"""What an address or an enrolment link says: where it really goes, and whether it is
an enrolment link at all."""

import pytest

from app.sync.links import destination, read_enrolment_link, server_host


@pytest.mark.parametrize(
    ("address", "host"),
    [
        ("https://wegweiser.kreis-hz.de", "wegweiser.kreis-hz.de"),
        ("https://WEGWEISER.kreis-hz.de:8443/", "wegweiser.kreis-hz.de"),
        ("http://127.0.0.1:8765", "127.0.0.1"),
        ("http://[::1]:8765", "::1"),
    ],
)
def test_the_host_is_named_plainly(address: str, host: str) -> None:
    assert server_host(address) == destination(address) == host


def test_a_disguised_address_shows_where_it_really_goes() -> None:
    disguised = "https://wegweiser.kreis-hz.de@127.0.0.1"
    assert destination(disguised) == "127.0.0.1"
    assert server_host(disguised) is None  # and is not used


def test_a_link_with_a_disguised_address_is_no_enrolment_link() -> None:
    link = "wegweiser-harz://enrol?server=https://wegweiser.kreis-hz.de@10.0.0.9&code=ABCD"
    assert read_enrolment_link(link) is None
