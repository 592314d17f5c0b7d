"""The entities of the Wegweiser: one definition for the app's store and the server.

Every synced record carries the fields of `SyncedRecord`: a stable UUID that never
changes, the server-assigned `version` (the server alone orders changes; device
clocks decide nothing), a `deleted` tombstone and the server time of the last change.

References between records use stable keys for Kommunen and topics (`halberstadt`,
`gesundheit`) and UUIDs for everything else. List-valued fields are JSON columns, so
that a record is one unit for sync and field-level merge.
"""

import json
import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator
from sqlalchemy import JSON, Column, Enum
from sqlmodel import Field, SQLModel

from wegweiser.languages import LANGUAGE_NAMES

SORT_LIMIT = 1_000_000
"""Bounds of a sort position: far beyond any list, far inside every database's integers."""

DISTRICT_WIDE = None
"""A `kommune_key` of None means: valid in the whole district."""


def new_id() -> str:
    """A new random record id (UUID4, lower-case string)."""
    return str(uuid.uuid4())


def enum_column(enum: type[StrEnum], length: int) -> Any:
    # Stored as the plain value ('stadt'), as on the wire, not as the member's name,
    # and read back as the enum member.
    return Enum(
        enum, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


json_text = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
"""How JSON columns are written, by the app's store and the server alike: UTF-8 text ("Ä",
not "\\u00c4", so sizes are what a person typed), never NaN or Infinity; one encoder."""


def _uuid_text(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValueError("ist keine UUID") from None


RecordId = Annotated[str, AfterValidator(_uuid_text)]
"""Any spelling of a UUID, kept lower-case (checked in the type: pulled columns are too)."""


def _known_languages(value: dict[str, str]) -> dict[str, str]:
    for code, title in value.items():
        if code not in LANGUAGE_NAMES or code == "de":
            raise ValueError(f"„{code}“ ist keine Sprache des Wegweisers")
        if not title.strip() or len(title) > 200:
            raise ValueError(f"der Titel auf „{code}“ ist leer oder länger als 200 Zeichen")
    return value


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class KommuneKind(StrEnum):
    STADT = "stadt"
    GEMEINDE = "gemeinde"
    VERBANDSGEMEINDE = "verbandsgemeinde"


class Publication(StrEnum):
    """Where an entry stands: guides see only published entries."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"
    """Taken out of the Wegweiser, kept for the Koordinierungsstelle (and its audit trail)."""


def _publication() -> Any:
    return Field(default=Publication.PUBLISHED, sa_type=enum_column(Publication, 9))


class SyncedRecord(SQLModel):
    """Fields every synced record has."""

    entity: ClassVar[str]
    """The record type's name on the wire ("contact_point")."""

    id: RecordId = Field(default_factory=new_id, primary_key=True, max_length=36)
    version: int = Field(default=1, ge=1, le=2**62)
    deleted: bool = False
    updated_at: datetime | None = None


class Region(SyncedRecord, table=True):
    """The district (Landkreis) the data belongs to, with its coordination office."""

    __tablename__ = "region"
    entity: ClassVar[str] = "region"

    key: str = Field(index=True, unique=True, max_length=64)
    name: str = Field(max_length=200)
    state: str = Field(default="ST", max_length=2, description="Bundesland, for holidays")
    coordination_name: str = Field(max_length=300)
    coordination_email: str = Field(max_length=200)
    coordination_phone: str | None = Field(default=None, max_length=50)
    coordination_address: str = Field(max_length=500)
    website: str | None = Field(default=None, max_length=500)


class Kommune(SyncedRecord, table=True):
    """A municipality; members of a Verbandsgemeinde name it as `parent_key`."""

    __tablename__ = "kommune"
    entity: ClassVar[str] = "kommune"

    key: str = Field(index=True, unique=True, max_length=64)
    ags: str | None = Field(default=None, max_length=8, description="Amtlicher Gemeindeschlüssel")
    name: str = Field(max_length=200)
    kind: KommuneKind = Field(sa_type=enum_column(KommuneKind, 16))
    parent_key: str | None = Field(default=None, max_length=64)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class Topic(SyncedRecord, table=True):
    """A topic (Thema) of the Wegweiser, shown as a tile."""

    __tablename__ = "topic"
    entity: ClassVar[str] = "topic"

    key: str = Field(index=True, unique=True, max_length=64)
    title: str = Field(max_length=200)
    icon: str = Field(max_length=64, description="Material icon name")
    sort_order: int = Field(default=0, ge=-SORT_LIMIT, le=SORT_LIMIT)
    translations: Annotated[dict[str, str], AfterValidator(_known_languages)] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}")
    )
    """The title in other languages, by language code ("ar": "…"): an Arabic tile, an
    Arabic Wegweiser's headings."""

    def title_in(self, language: str) -> str:
        """The title in `language`, German where it has none."""
        return self.translations.get(language) or self.title


class Synonym(SyncedRecord, table=True):
    """Words people type for what the Wegweiser names otherwise: "Dolmetscher" or "طبيب"
    where the sheets say "Sprachmittlung" or "Arzt". Part of the region's data, kept by
    the Koordinierungsstelle and synced like other content; search reads them."""

    __tablename__ = "synonym"
    entity: ClassVar[str] = "synonym"

    term: str = Field(max_length=100, description="the Wegweiser's word or phrase")
    words: list[str] = _json_list()
    """What people type for it, in any language; each a word or a short phrase."""


class InfoSheet(SyncedRecord, table=True):
    """An Informationsblatt: one topic, for one Kommune or district-wide, in one language."""

    __tablename__ = "info_sheet"
    entity: ClassVar[str] = "info_sheet"

    topic_key: str = Field(index=True, max_length=64)
    kommune_key: str | None = Field(default=DISTRICT_WIDE, index=True, max_length=64)
    title: str = Field(max_length=300)
    body: str = Field(max_length=100_000, description="Markdown")
    language: str = Field(default="de", max_length=8)
    translation_of: str | None = Field(
        default=None, max_length=36, description="id of the German original sheet"
    )
    source_version: int | None = Field(default=None, ge=1, le=2**31)
    """The version of the German original this translation was made from (None: made
    before versions were recorded, counted as the first). See `wegweiser.translations`."""
    status: Publication = _publication()
    last_verified: date | None = None


class ContactPoint(SyncedRecord, table=True):
    """An Anlauf- oder Beratungsstelle: an office, service or association."""

    __tablename__ = "contact_point"
    entity: ClassVar[str] = "contact_point"

    name: str = Field(max_length=300)
    organisation: str | None = Field(default=None, max_length=300)
    description: str = Field(default="", max_length=20_000)
    kommune_keys: list[str] = _json_list()
    """Kommunen served; empty means district-wide."""
    street: str | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=100)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    phones: list[dict[str, str]] = _json_list()
    """[{"label": "Zentrale", "number": "+49 ..."}]"""
    email: str | None = Field(default=None, max_length=200)
    website: str | None = Field(default=None, max_length=500)
    opening_hours: str | None = Field(default=None, max_length=1000)
    """OpenStreetMap `opening_hours` subset, see `wegweiser.opening_hours`."""
    languages: list[str] = _json_list()
    """Languages spoken, ISO 639-1 codes."""
    topic_keys: list[str] = _json_list()
    target_groups: list[str] = _json_list()
    appointment_required: bool = False
    accessibility: str | None = Field(default=None, max_length=1000)
    costs: str | None = Field(default=None, max_length=1000)
    last_verified: date | None = None
    status: Publication = _publication()


class Offer(SyncedRecord, table=True):
    """An Angebot: a course, language café, clothes store, consultation hour."""

    __tablename__ = "offer"
    entity: ClassVar[str] = "offer"

    title: str = Field(max_length=300)
    description: str = Field(default="", max_length=20_000)
    contact_point_id: str | None = Field(default=None, max_length=36, index=True)
    kommune_key: str | None = Field(default=DISTRICT_WIDE, index=True, max_length=64)
    topic_keys: list[str] = _json_list()
    schedule: str | None = Field(default=None, max_length=1000)
    languages: list[str] = _json_list()
    costs: str | None = Field(default=None, max_length=1000)
    registration_required: bool = False
    last_verified: date | None = None
    status: Publication = _publication()


class NetworkPartner(SyncedRecord, table=True):
    """A volunteer group, initiative or individual in the Netzwerk Migration und Ehrenamt.

    Personal contact data reaches the guides' tablets only with `contact_consent`, and
    the public pages only with `contact_public` besides: two consents, as the partner
    gave them (and may withdraw them).
    """

    __tablename__ = "network_partner"
    entity: ClassVar[str] = "network_partner"

    name: str = Field(max_length=300)
    kommune_keys: list[str] = _json_list()
    """Kommunen the partner is active in; empty means district-wide."""
    description: str = Field(default="", max_length=20_000)
    topic_keys: list[str] = _json_list()
    languages: list[str] = _json_list()
    """Languages the partner offers help in, ISO 639-1 codes."""
    contact_name: str | None = Field(default=None, max_length=200)
    contact_phone: str | None = Field(default=None, max_length=50)
    contact_email: str | None = Field(default=None, max_length=200)
    contact_consent: bool = False
    """The contact details may be shown to the guides."""
    contact_public: bool = False
    """… and to everyone, on the public pages (only together with `contact_consent`)."""
    status: Publication = _publication()

    def contact_for_guides(self) -> dict[str, str]:
        """The contact details a guide's tablet shows: none without consent."""
        if not self.contact_consent:
            return {}
        fields = {
            "name": self.contact_name,
            "phone": self.contact_phone,
            "email": self.contact_email,
        }
        return {key: value for key, value in fields.items() if value}

    def contact_for_everyone(self) -> dict[str, str]:
        """The contact details the public pages show: none without both consents."""
        return self.contact_for_guides() if self.contact_public else {}


def scope_of(kommune: Kommune) -> list[str]:
    """The Kommune keys whose entries apply in `kommune`: itself and its
    Verbandsgemeinde (district-wide entries apply everywhere besides)."""
    return [kommune.key] if kommune.parent_key is None else [kommune.key, kommune.parent_key]


def kommunen_of(record: SyncedRecord) -> list[str]:
    """The Kommunen a content record belongs to; empty means district-wide (or global)."""
    if isinstance(record, ContactPoint | NetworkPartner):
        return list(record.kommune_keys)
    if isinstance(record, InfoSheet | Offer):
        return [record.kommune_key] if record.kommune_key else []
    return []


def topics_of(record: SyncedRecord) -> list[str]:
    """The topics a record is listed under (a sheet has one, other entries several)."""
    if isinstance(record, InfoSheet):
        return [record.topic_key]
    if isinstance(record, ContactPoint | Offer | NetworkPartner):
        return list(record.topic_keys)
    return []


def address_lines(contact: ContactPoint) -> list[str]:
    """A contact point's postal address as it is written on an envelope: street, then
    postal code and town; empty parts left out."""
    town = " ".join(part for part in (contact.postal_code, contact.city) if part)
    return [line for line in (contact.street, town) if line]


def publication_of(record: SyncedRecord) -> Publication:
    """Where an entry stands; kinds without a state (Kommunen, topics) are published."""
    status = getattr(record, "status", None)
    return status if isinstance(status, Publication) else Publication.PUBLISHED


def staff_only(record: SyncedRecord) -> bool:
    """Whether only the Koordinierungsstelle may see the record: an entry not yet (draft)
    or no longer (archived) published. Guides neither get it nor learn that it exists."""
    return publication_of(record) != Publication.PUBLISHED


SYNC_FIELDS = frozenset(SyncedRecord.model_fields) | {"account_id"}
"""Fields the server alone writes; a mutation that names one is refused."""
