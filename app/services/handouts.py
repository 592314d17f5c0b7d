"""The printed Wegweiser on the tablet: the PDFs of the device's Kommunen, fetched from
the server while online and kept beside the store, to share or save during a visit with
no connection. (Arabic and Farsi need text shaping, which the tablet cannot do: the
server makes the PDFs.) No Flet here.

Kept files live in `handouts/` next to the store file, with `index.json` naming each
file's Kommune, language, ETag and when it was fetched; a refresh downloads only what
changed on the server (304 otherwise).
"""

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import select

from app.store.database import Store
from app.sync import state as sync_state
from app.sync.engine import SyncEngine
from wegweiser.model import Kommune


@dataclass(frozen=True)
class KeptHandout:
    """One kept PDF: the Wegweiser of a Kommune in one language."""

    kommune: str
    kommune_name: str
    language: str
    file: str
    """The file's name in the handouts folder."""
    tag: str | None
    fetched_at: str


class HandoutService:
    """Fetch and keep the Kommunen's handouts; list what is kept."""

    def __init__(self, store: Store, engine: SyncEngine) -> None:
        self.store = store
        self.engine = engine
        self.folder = store.path.parent / "handouts"

    def kept(self) -> list[KeptHandout]:
        """What this device holds, by Kommune and language (files that went missing are
        left out)."""
        return [h for h in self._index().values() if (self.folder / h.file).exists()]

    def path(self, handout: KeptHandout) -> Path:
        return self.folder / handout.file

    def refresh(self, languages: list[str]) -> int:
        """Fetch the Wegweiser of every Kommune of the device in `languages`; returns how
        many files changed. Raises `SyncError` (German) when the server cannot be
        reached; what was kept stays."""
        with self.store.session() as session:
            keys = sync_state.load(session).followed
            names = {k.key: k.name for k in session.exec(select(Kommune))}
        index = self._index()
        client = self.engine.client()
        self.folder.mkdir(parents=True, exist_ok=True)
        changed = 0
        for key in keys:
            for language in dict.fromkeys(languages):
                file = f"wegweiser-{key}-{language}.pdf"
                known = index.get(file)
                held = known.tag if known and (self.folder / file).exists() else None
                data, tag = client.download_if_changed(
                    f"/handouts/kommunen/{key}.pdf?language={language}", held
                )
                if data is not None:
                    partial = self.folder / f"{file}.part"
                    partial.write_bytes(data)
                    partial.replace(self.folder / file)  # never half a file under its name
                    changed += 1
                index[file] = KeptHandout(
                    key, names.get(key, key), language, file, tag, datetime.now(UTC).isoformat()
                )
                self._save(index)
        return changed

    def _index(self) -> dict[str, KeptHandout]:
        try:
            rows = json.loads((self.folder / "index.json").read_text(encoding="utf-8"))
            return {row["file"]: KeptHandout(**row) for row in rows}
        except (OSError, ValueError, TypeError, KeyError):
            return {}  # nothing kept yet, or an index to rebuild at the next refresh

    def _save(self, index: dict[str, KeptHandout]) -> None:
        partial = self.folder / "index.json.part"
        rows = [asdict(h) for h in sorted(index.values(), key=lambda h: h.file)]
        partial.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(self.folder / "index.json")
