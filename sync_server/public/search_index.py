"""The public pages' search index: published entries only, in a SQLite file of its own
that the same search as the app's reads (`wegweiser.search`).

It is made anew, once, by the first search after something was published, and replaced
whole: a visitor's search never sees half an index, and never a draft. Each server thread
reads it through a read-only connection of its own.
"""

import contextlib
import json
import os
import sqlite3
import threading
from pathlib import Path

from sqlmodel import Session

from sync_server import published
from wegweiser.model import InfoSheet, SyncedRecord, Synonym
from wegweiser.search import index, schema, vocabulary


class PublicIndex:
    """The search index of the published entries, kept in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self._lock = threading.Lock()
        self._current: Path | None = None
        self._readers = threading.local()

    def connection(self, session: Session) -> sqlite3.Connection:
        """A read-only connection to the index of the data's present state."""
        state = published.data_state(session)
        path = self.folder / f"index-{state}.sqlite"
        with self._lock:
            if self._current != path:
                self._build(session, path)
        reader: sqlite3.Connection | None = getattr(self._readers, "connection", None)
        if reader is None or getattr(self._readers, "path", None) != path:
            if reader is not None:
                reader.close()
            reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._readers.connection, self._readers.path = reader, path
        return reader

    def _build(self, session: Session, path: Path) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        draft = path.with_suffix(".part")
        draft.unlink(missing_ok=True)
        connection = sqlite3.connect(draft)
        try:
            schema.create(connection)
            connection.executemany(
                "INSERT INTO synonym (term, words, deleted) VALUES (?, ?, 0)",
                [(s.term, json.dumps(s.words)) for s in published.published(session, Synonym)],
            )
            index.index_records(connection, searchable(session))
            connection.commit()
        finally:
            connection.close()
        os.replace(draft, path)
        self._current = path
        for old in self.folder.glob("index-*.sqlite"):
            if old != path:
                vocabulary.forget(str(old))
                # A thread still reading the old file keeps it open: on POSIX it goes
                # when that thread reads the new one; elsewhere it is removed next time.
                with contextlib.suppress(OSError):
                    old.unlink()


def searchable(session: Session) -> list[SyncedRecord]:
    """Every published entry search finds; a translation only beside its published
    original (its page would not exist otherwise)."""
    records: list[SyncedRecord] = []
    for model in index.SEARCHABLE:
        records.extend(published.published(session, model))
    originals = {r.id for r in records if isinstance(r, InfoSheet) and not r.translation_of}
    return [
        r
        for r in records
        if not isinstance(r, InfoSheet) or not r.translation_of or r.translation_of in originals
    ]
