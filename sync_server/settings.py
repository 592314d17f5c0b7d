"""The server's settings: one typed object, read from the environment."""

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = Path("data")


@dataclass(frozen=True)
class Settings:
    """Everything an operator can set, with the defaults of the zero-set-up mode."""

    database_url: str
    host: str = "127.0.0.1"
    port: int = 8765

    @classmethod
    def from_env(cls) -> "Settings":
        """Read `WEGWEISER_DATABASE_URL`, `WEGWEISER_DATA_DIR`, `WEGWEISER_HOST/PORT`.

        Without a database URL the server uses an embedded SQLite file in the data folder.
        """
        data_dir = Path(os.environ.get("WEGWEISER_SERVER_DATA_DIR", DEFAULT_DATA_DIR))
        url = os.environ.get("WEGWEISER_DATABASE_URL") or f"sqlite:///{data_dir / 'server.sqlite'}"
        return cls(
            database_url=url,
            host=os.environ.get("WEGWEISER_HOST", cls.host),
            port=int(os.environ.get("WEGWEISER_PORT", cls.port)),
        )
