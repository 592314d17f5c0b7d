"""Asking contact points to confirm or correct their entries, from Aktualität: the server
mails each a personal link (devices of the Koordinierungsstelle; needs the connection).
No Flet here."""

from collections import Counter

from app.sync.engine import SyncEngine
from wegweiser.self_service import (
    RequestOutcome,
    UpdateRequestCreate,
    UpdateRequestResult,
    UpdateRequestView,
)


class AskingService:
    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine

    def standing(self) -> dict[str, UpdateRequestView]:
        """The latest request of each entry, by the entry's id. Raises `SyncError`."""
        return {view.record_id: view for view in self.engine.client().update_requests()}

    def ask(self, record_ids: list[str]) -> Counter[RequestOutcome]:
        """Ask these entries; how many had each outcome. Raises `SyncError`."""
        return _counted(self.engine.client().ask_for_updates(UpdateRequestCreate(ids=record_ids)))

    def letter(self, record_id: str) -> bytes:
        """The update request as a printed letter (PDF): for an entry without e-mail,
        or whose mail did not arrive."""
        return self.engine.client().update_letter(record_id)

    def ask_due(self, months: int) -> Counter[RequestOutcome]:
        """Ask every contact point not checked for `months` that has an e-mail address
        and no open request."""
        request = UpdateRequestCreate(due_months=months)
        return _counted(self.engine.client().ask_for_updates(request))


def _counted(results: list[UpdateRequestResult]) -> Counter[RequestOutcome]:
    return Counter(result.outcome for result in results)
