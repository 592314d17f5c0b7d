"""The first start names the device by what it is."""

import pytest

from app.views.first_start import default_device_name


@pytest.mark.parametrize(
    ("width", "platform", "name"),
    [
        (1280, "android", "Tablet"),
        (800, "ios", "Tablet"),
        (360, "android", "Smartphone"),
        (390, "ios", "Smartphone"),
        (1280, "linux", "Computer"),
        (360, "linux", "Smartphone"),  # the web app in a phone's browser
    ],
)
def test_a_phone_is_not_called_tablet(width: float, platform: str, name: str) -> None:
    assert default_device_name(width, platform) == name
