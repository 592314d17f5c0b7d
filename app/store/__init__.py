"""The app's local store: one SQLite file with the Wegweiser content, offline."""

from app.store.database import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
