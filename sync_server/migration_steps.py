"""The steps of the server database's schema, one per version, oldest first; how they run
is `sync_server.migrations`. Never edit a step that has shipped: append one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    inspect,
    text,
)

from sync_server import change_order
from wegweiser import renamed


@dataclass(frozen=True)
class Step:
    version: int
    description: str
    run: Callable[[Connection], None]


def _synonyms(connection: Connection) -> None:
    # The table as version 2 defines it; a later step may change it, never this one.
    Table(
        "synonym",
        MetaData(),
        Column("id", String(36), primary_key=True),
        Column("version", Integer, nullable=False),
        Column("deleted", Boolean, nullable=False),
        Column("updated_at", DateTime),
        Column("term", String(100), nullable=False),
        Column("words", JSON, nullable=False),
    ).create(connection)


def _audit_and_public_once(connection: Connection) -> None:
    # As version 3 defines them; a later step may change them, never this one.
    Table(
        "audit_event",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("at", DateTime, nullable=False),
        Column("account_id", String(36)),
        Column("account_name", String(100), nullable=False),
        Column("action", String(32), nullable=False),
        Column("entity", String(40)),
        Column("record_id", String(36), index=True),
        Column("details", JSON, nullable=False),
    ).create(connection)
    # Items from before: as if public once, so that devices still get their tombstones.
    # (A database made from today's models at version 1, as a test does, has the column.)
    if "public_once" not in {c["name"] for c in inspect(connection).get_columns("sync_item")}:
        connection.execute(
            text("ALTER TABLE sync_item ADD COLUMN public_once BOOLEAN NOT NULL DEFAULT TRUE")
        )
    # What a guide found at a place (closed, moved, unreachable).
    if "flag" not in {c["name"] for c in inspect(connection).get_columns("change_report")}:
        connection.execute(text("ALTER TABLE change_report ADD COLUMN flag VARCHAR(16)"))


def _publication_of_every_entry(connection: Connection) -> None:
    # Contact points, offers and partners become drafts and archived entries like sheets.
    for table in ("contact_point", "offer", "network_partner"):
        if "status" not in {c["name"] for c in inspect(connection).get_columns(table)}:
            connection.execute(
                text(
                    f"ALTER TABLE {table} ADD COLUMN status VARCHAR(9) NOT NULL DEFAULT 'published'"
                )
            )


def _source_version_of_translations(connection: Connection) -> None:
    if "source_version" not in {c["name"] for c in inspect(connection).get_columns("info_sheet")}:
        connection.execute(text("ALTER TABLE info_sheet ADD COLUMN source_version INTEGER"))


def _corrected_reports(connection: Connection) -> None:
    if "published" not in {c["name"] for c in inspect(connection).get_columns("change_report")}:
        connection.execute(text("ALTER TABLE change_report ADD COLUMN published JSON"))


def _translated_topics(connection: Connection) -> None:
    if "translations" not in {c["name"] for c in inspect(connection).get_columns("topic")}:
        connection.execute(
            text("ALTER TABLE topic ADD COLUMN translations JSON NOT NULL DEFAULT '{}'")
        )


def _self_service(connection: Connection) -> None:
    # As version 8 defines them; a later step may change them, never this one.
    meta = MetaData()
    Table(
        "outgoing_mail",
        meta,
        Column("id", String(36), primary_key=True),
        Column("created_at", DateTime, nullable=False),
        Column("recipient", String(200), nullable=False),
        Column("purpose", String(32), nullable=False),
        Column("subject_id", String(36), nullable=False, index=True),
        Column("state", String(8), nullable=False, index=True),
        Column("attempts", Integer, nullable=False),
        Column("next_attempt_at", DateTime),
        Column("claimed_until", DateTime),
        Column("reason", String(300)),
        Column("done_at", DateTime),
        Column("filed_as", String(300)),
    )
    Table(
        "update_request",
        meta,
        Column("id", String(36), primary_key=True),
        Column("entity", String(40), nullable=False),
        Column("record_id", String(36), nullable=False, index=True),
        Column("recipient", String(200), nullable=False),
        Column("created_at", DateTime, nullable=False),
        Column("created_by", String(36)),
        Column("expires_at", DateTime, nullable=False),
        Column("withdrawn_at", DateTime),
        Column("reminded_at", DateTime),
        Column("answered_at", DateTime),
        Column("answer", String(9)),
        Column("report_id", String(36)),
    )
    Table(
        "personal_link",
        meta,
        Column("token_hash", String(64), primary_key=True),
        Column("purpose", String(16), nullable=False),
        Column("subject_id", String(36), nullable=False, index=True),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "form_ticket",
        meta,
        Column("ticket_hash", String(64), primary_key=True),
        Column("subject_id", String(64), nullable=False),
        Column("issued_at", DateTime, nullable=False),
        Column("used_at", DateTime),
    )
    meta.create_all(connection)


def _partners_register(connection: Connection) -> None:
    columns = {c["name"] for c in inspect(connection).get_columns("network_partner")}
    if "languages" not in columns:
        connection.execute(
            text("ALTER TABLE network_partner ADD COLUMN languages JSON NOT NULL DEFAULT '[]'")
        )
    if "contact_public" not in columns:
        connection.execute(
            text(
                "ALTER TABLE network_partner "
                "ADD COLUMN contact_public BOOLEAN NOT NULL DEFAULT false"
            )
        )
        # Until now one consent showed a contact everywhere: what was public stays so.
        connection.execute(text("UPDATE network_partner SET contact_public = contact_consent"))
    meta = MetaData()
    Table(
        "registration",
        meta,
        Column("id", String(36), primary_key=True),
        Column("created_at", DateTime, nullable=False),
        Column("email", String(200), nullable=False, index=True),
        Column("details", JSON, nullable=False),
        Column("confirmed_at", DateTime),
        Column("partner_id", String(36), index=True),
    )
    meta.create_all(connection)


def _partners_in_several_kommunen(connection: Connection) -> None:
    columns = {c["name"] for c in inspect(connection).get_columns("network_partner")}
    if "kommune_keys" not in columns:
        connection.execute(
            text("ALTER TABLE network_partner ADD COLUMN kommune_keys JSON NOT NULL DEFAULT '[]'")
        )
    # The tables as far as this step reads and writes them; their JSON type writes a list
    # as each database wants it.
    meta = MetaData()
    partner = Table("network_partner", meta, _id(), Column("kommune_keys", JSON))
    if "kommune_key" in columns:
        for row in connection.execute(text("SELECT id, kommune_key FROM network_partner")):
            if row.kommune_key:
                connection.execute(
                    partner.update()
                    .where(partner.c.id == row.id)
                    .values(kommune_keys=[row.kommune_key])
                )
        connection.execute(text("DROP INDEX IF EXISTS ix_network_partner_kommune_key"))
        connection.execute(text("ALTER TABLE network_partner DROP COLUMN kommune_key"))
    # Reports and registrations waiting for the office still name the old field.
    report = Table(
        "change_report",
        meta,
        _id(),
        Column("target_entity", String(40)),
        Column("changes", JSON),
        Column("published", JSON),
    )
    partners = report.c.target_entity == "network_partner"
    for row in connection.execute(report.select().where(partners)).all():
        upgraded = renamed.report_fields(dict(row._mapping))
        connection.execute(
            report.update()
            .where(report.c.id == row.id)
            .values(changes=upgraded["changes"], published=upgraded["published"])
        )
    registration = Table("registration", meta, _id(), Column("details", JSON))
    for row in connection.execute(registration.select()).all():
        connection.execute(
            registration.update()
            .where(registration.c.id == row.id)
            .values(details=renamed.partner_fields(row.details))
        )


def _scope_marks(connection: Connection) -> None:
    # As version 11 defines it. Where the marks begin, one "floor" mark stands for
    # everything before: a device behind it reads the change log once, as it did.
    meta = MetaData()
    Table(
        "scope_mark",
        meta,
        Column("kind", String(16), primary_key=True),
        Column("key", String(64), primary_key=True),
        Column("last_seq", BigInteger, nullable=False),
    )
    meta.create_all(connection)
    connection.execute(
        text(
            "INSERT INTO scope_mark (kind, key, last_seq) "
            "SELECT 'floor', '', last_seq FROM sync_state WHERE id = 1 "
            "AND NOT EXISTS (SELECT 1 FROM scope_mark WHERE kind = 'floor')"
        )
    )


def _shared_rate_limits(connection: Connection) -> None:
    # As version 12 defines it.
    meta = MetaData()
    Table(
        "rate_bucket",
        meta,
        Column("name", String(200), primary_key=True),
        Column("tokens", Float, nullable=False),
        Column("refreshed", Float, nullable=False),
    )
    meta.create_all(connection)


def _restore_spread(connection: Connection) -> None:
    if "resync_until" not in {c["name"] for c in inspect(connection).get_columns("sync_state")}:
        connection.execute(text("ALTER TABLE sync_state ADD COLUMN resync_until BIGINT"))


def _changes_side_by_side(connection: Connection) -> None:
    if "position_base" not in {c["name"] for c in inspect(connection).get_columns("sync_state")}:
        connection.execute(
            text("ALTER TABLE sync_state ADD COLUMN position_base BIGINT NOT NULL DEFAULT 0")
        )
    change_order.settle(connection)


def _id() -> Column[str]:
    return Column("id", String(36), primary_key=True)


STEPS: tuple[Step, ...] = (
    # Version 1 is the schema the models described when versions were introduced.
    Step(1, "Ausgangsschema", lambda connection: None),
    Step(2, "Synonyme für die Suche", _synonyms),
    Step(
        3, "Protokoll; nie veröffentlichte Entwürfe; Hinweise in Meldungen", _audit_and_public_once
    ),
    Step(4, "Entwurf und Archiv für jeden Eintrag", _publication_of_every_entry),
    Step(5, "Übersetzungen kennen die Fassung ihres Originals", _source_version_of_translations),
    Step(6, "Korrigiert übernommene Meldungen", _corrected_reports),
    Step(7, "Themen in anderen Sprachen", _translated_topics),
    Step(8, "Aktualisierungsanfragen an Anlaufstellen, ausgehende E-Mails", _self_service),
    Step(9, "Anmeldungen aus dem Netzwerk; Sprachen und öffentliche Kontakte", _partners_register),
    Step(10, "Partner in mehreren Kommunen", _partners_in_several_kommunen),
    Step(11, "Letzte Änderung je Bereich: „nichts Neues“ ohne Änderungsprotokoll", _scope_marks),
    Step(12, "Anfragegrenzen für alle Serverprozesse gemeinsam", _shared_rate_limits),
    Step(13, "Nach einer Wiederherstellung laden die Geräte verteilt neu", _restore_spread),
    Step(14, "Geräte verschiedener Konten schreiben nebeneinander", _changes_side_by_side),
)
