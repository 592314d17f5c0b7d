"""The kinds of record, described once: the list of them, how each is titled, what a
guide may report on it, whether guides keep private notes on it, whether it is an entry
of the Wegweiser the office edits.

The app (record screens, report forms, favourites) and the server (which edits become
change reports) both read this registry, so that what one side offers the other accepts.
"""

from dataclasses import dataclass

from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    Kommune,
    NetworkPartner,
    Offer,
    Region,
    SyncedRecord,
    Synonym,
    Topic,
)
from wegweiser.owned import ChangeReport, Favourite, OwnedRecord, PrivateNote


@dataclass(frozen=True)
class Kind:
    """One kind of record and the rules that depend on it."""

    model: type[SyncedRecord]
    title_field: str | None = None
    """The field that names a record for people (None: it has no title of its own)."""
    reportable: tuple[str, ...] = ()
    """Fields a guide may propose changes to, in the order a visit notices them; empty
    means the Koordinierungsstelle alone keeps this kind."""
    notes: bool = False
    """Guides keep private notes on it: the places and offers they send people to."""
    editable: bool = False
    """An entry of the Wegweiser: opened by guides, linked to from sheets ("eintrag:"),
    edited and published by the office (regions, Kommunen, topics and synonyms come
    with the district's dataset)."""

    @property
    def entity(self) -> str:
        """The kind's name on the wire and in routes ("contact_point")."""
        return self.model.entity

    @property
    def owned(self) -> bool:
        """Records of one account (notes, favourites, reports), never shared."""
        return issubclass(self.model, OwnedRecord)

    def title(self, record: SyncedRecord) -> str:
        """What people call the record: its title or name ("" when it has none)."""
        if self.title_field is None:
            return ""
        return str(getattr(record, self.title_field, None) or "")


KINDS: dict[str, Kind] = {
    kind.entity: kind
    for kind in (
        Kind(Region, "name"),
        Kind(Kommune, "name"),
        Kind(Topic, "title"),
        Kind(Synonym, "term"),
        Kind(InfoSheet, "title", reportable=("title", "body"), editable=True),
        Kind(
            ContactPoint,
            "name",
            reportable=(
                "phones",
                "opening_hours",
                "street",
                "postal_code",
                "city",
                "email",
                "website",
                "costs",
                "accessibility",
            ),
            notes=True,
            editable=True,
        ),
        Kind(
            Offer,
            "title",
            reportable=("title", "schedule", "costs", "description"),
            notes=True,
            editable=True,
        ),
        # A partner's personal contact data is the coordination office's to keep (consent).
        Kind(NetworkPartner, "name", reportable=("name", "description"), editable=True),
        Kind(ChangeReport, "target_title"),
        Kind(PrivateNote),
        Kind(Favourite),
    )
}
"""Every kind of record, by its name on the wire, in an order that satisfies their
references (a region before its Kommunen, a contact point before its offers)."""

CONTENT_TYPES: tuple[type[SyncedRecord], ...] = tuple(
    kind.model for kind in KINDS.values() if not kind.owned
)
"""All synced content entities, shared by every device of the region."""

OWNED_TYPES: tuple[type[OwnedRecord], ...] = tuple(
    kind.model for kind in KINDS.values() if issubclass(kind.model, OwnedRecord)
)
"""Records of one account: pulled only by that account's devices."""

ENTITY_BY_NAME: dict[str, type[SyncedRecord]] = {
    entity: kind.model for entity, kind in KINDS.items()
}
"""Every record class by its name on the wire."""


def kind_of(entity: str) -> Kind | None:
    """The kind named `entity`, or None for a name this version does not know."""
    return KINDS.get(entity)


def title_of(record: SyncedRecord) -> str:
    """What people call a record, whatever its kind."""
    return KINDS[record.entity].title(record)


ENTRY_KINDS: tuple[Kind, ...] = tuple(kind for kind in KINDS.values() if kind.editable)
"""The entries of the Wegweiser (sheets, contact points, offers, partners)."""

REPORTABLE_KINDS: tuple[Kind, ...] = tuple(kind for kind in KINDS.values() if kind.reportable)
"""The kinds a guide can report changes to."""
