"""Where the local store lives on a device."""

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "WEGWEISER_DATA_DIR"
"""Our own override (tests, kiosk installations); it wins over everything else."""
FLET_STORAGE_ENV = "FLET_APP_STORAGE_DATA"
"""Set by Flet inside a packaged Android/iOS app: the app's private, writable folder."""
STORE_FILE_NAME = "wegweiser.sqlite"


def data_dir() -> Path:
    """The folder for the local store and other private app data."""
    for variable in (DATA_DIR_ENV, FLET_STORAGE_ENV):
        value = os.environ.get(variable)
        if value:
            return Path(value)
    return Path(platformdirs.user_data_dir("wegweiser-harz", "Landkreis Harz"))


def store_path() -> Path:
    """The local SQLite file."""
    return data_dir() / STORE_FILE_NAME
