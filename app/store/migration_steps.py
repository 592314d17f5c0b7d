"""Steps of `migrations` that rewrite what is stored rather than only add to it; frozen
once released, like every step."""

import json
import sqlite3

from wegweiser import renamed

# The partner table as version 13 left it, its one Kommune become a list (SQLite drops a
# column only from 3.35 on, and not an indexed one: the table is built anew). Keys are
# [a-z0-9-], so quoting one makes a JSON list.
_V14_PARTNERS = """
CREATE TABLE network_partner_v14 (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, name VARCHAR(300) NOT NULL, kommune_keys JSON NOT NULL,
    description VARCHAR(20000) NOT NULL, topic_keys JSON NOT NULL,
    contact_name VARCHAR(200), contact_phone VARCHAR(50), contact_email VARCHAR(200),
    contact_consent BOOLEAN NOT NULL, status VARCHAR(9) NOT NULL DEFAULT 'published',
    languages JSON NOT NULL DEFAULT '[]', contact_public BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (id)
);
INSERT INTO network_partner_v14
SELECT id, version, deleted, updated_at, name,
       CASE WHEN kommune_key IS NULL OR kommune_key = '' THEN '[]'
            ELSE '["' || kommune_key || '"]' END,
       description, topic_keys, contact_name, contact_phone, contact_email,
       contact_consent, status, languages, contact_public
FROM network_partner;
DROP TABLE network_partner;
ALTER TABLE network_partner_v14 RENAME TO network_partner
"""


def partners_in_several_kommunen(connection: sqlite3.Connection) -> None:
    for statement in _V14_PARTNERS.split(";\n"):
        connection.execute(statement)
    # What waits to be sent or decided may still name the old field.
    for table in ("outbox", "sync_problem"):
        rows = connection.execute(
            f"SELECT rowid, entity, fields FROM {table} "
            "WHERE entity IN ('network_partner', 'change_report')"
        ).fetchall()
        for rowid, entity, fields in rows:
            upgraded = renamed.fields_of(entity, json.loads(fields))
            connection.execute(
                f"UPDATE {table} SET fields = ? WHERE rowid = ?",
                (json.dumps(upgraded), rowid),
            )
    reports = connection.execute(
        "SELECT id, target_entity, changes, published FROM change_report "
        "WHERE target_entity = 'network_partner'"
    ).fetchall()
    for report_id, entity, changes, published in reports:
        upgraded = renamed.report_fields(
            {
                "target_entity": entity,
                "changes": json.loads(changes),
                "published": json.loads(published) if published else None,
            }
        )
        connection.execute(
            "UPDATE change_report SET changes = ?, published = ? WHERE id = ?",
            (
                json.dumps(upgraded["changes"]),
                json.dumps(upgraded["published"]) if published else None,
                report_id,
            ),
        )
