"""First syncs served from kept pages: a new device whose Kommunen another new device had
gets the same pages read, not queried, and never a page that is out of date or not its."""

import json
from typing import Any

from tests.support import local_http
from tests.sync_server.conftest import ON_BOTH_DATABASES, Server, start_server
from tests.sync_server.helpers import Statements, mutation, new_id
from wegweiser.columns import as_columns, checked, fields_tag
from wegweiser.model import SYNC_FIELDS
from wegweiser.protocol import PullPage, PullResponse, Role

THALE = ["thale"]
PAGE = 40


def _first_sync(
    server: Server, device: Any, columns: bool | str = False
) -> tuple[list[dict[str, Any]], list[str]]:
    """Every page of the device's first sync of Thale, and the statements it cost."""
    pages = []
    with Statements(server) as statements:
        while True:
            body = {"cursor": device.cursor, "kommunen": THALE, "limit": PAGE, "columns": columns}
            page = device.post("/sync/pull", body).json()
            pages.append(page)
            device.cursor = page["next_cursor"]
            if not page["has_more"]:
                break
    return pages, statements.texts


def _but_last_cursor(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [*pages[:-1], {**pages[-1], "next_cursor": None}]


def _read_the_log(texts: list[str]) -> bool:
    return any("sync_item" in text and "scope_mark" not in text for text in texts)


@ON_BOTH_DATABASES
def test_a_second_new_device_gets_the_pages_of_the_first_without_a_query(
    server: Server,
) -> None:
    first, second = server.enrol(Role.LOTSE, "Anna"), server.enrol(Role.LOTSE, "Berta")
    made, made_by = _first_sync(server, first)
    kept, kept_by = _first_sync(server, second)
    assert len(made) > 2 and sum(len(p["changes"]) for p in made) > 2 * PAGE
    assert kept == made
    assert _read_the_log(made_by)
    assert not _read_the_log(kept_by)
    # Per page: the caller's token and the state with the scope's marks (and once, the
    # device's first call noted as seen).
    assert len(kept_by) <= 2 * len(kept) + 1, kept_by


@ON_BOTH_DATABASES
def test_pages_as_columns_hold_what_pages_of_changes_hold_and_are_kept_apart(
    server: Server,
) -> None:
    # An app from before the columns and two of today, during an upgrade.
    old, new, newer = (server.enrol(Role.LOTSE, name) for name in ("Anna", "Berta", "Carla"))
    changes, _ = _first_sync(server, old)
    columns, made_by = _first_sync(server, new, columns=True)
    kept, kept_by = _first_sync(server, newer, columns=True)
    assert all("changes" in page for page in changes)
    as_made = [as_columns(PullResponse.model_validate(p)).model_dump() for p in changes]
    # The last cursor is the horizon when each was made: on PostgreSQL, the enrolments
    # in between moved it.
    assert _but_last_cursor(as_made) == _but_last_cursor(columns)
    assert sum(len(block["columns"][0]) for p in columns for block in p["records"]) > 2 * PAGE
    assert _read_the_log(made_by)  # not the pages of changes kept for the old app
    assert kept == columns and not _read_the_log(kept_by)
    assert len(json.dumps(columns)) < 0.75 * len(json.dumps(changes))


@ON_BOTH_DATABASES
def test_an_app_that_knows_the_fields_gets_the_columns_without_their_names(
    server: Server,
) -> None:
    named, _ = _first_sync(server, server.enrol(Role.LOTSE, "Anna"), columns=True)
    bare, made_by = _first_sync(server, server.enrol(Role.LOTSE, "Berta"), columns=fields_tag())
    # An app of another version names another tag: it gets the names.
    other, _ = _first_sync(server, server.enrol(Role.LOTSE, "Carla"), columns="0123abcd")
    assert other == named
    assert _read_the_log(made_by)  # not the pages kept for apps that need the names
    assert all("fields" in block for page in named for block in page["records"])
    assert all("fields" not in block for page in bare for block in page["records"])
    for with_names, without in zip(named, bare, strict=True):
        read = [checked(b) for b in PullPage.model_validate(with_names).records]
        assert read == [checked(b) for b in PullPage.model_validate(without).records]
    assert len(json.dumps(bare)) < len(json.dumps(named))


def test_a_change_in_the_kommune_is_in_the_next_new_devices_pages(server: Server) -> None:
    office = server.enrol(Role.KOORDINATION, "Büro")
    office.pull_all(THALE)
    _first_sync(server, server.enrol(Role.LOTSE, "Anna"))
    contact = next(r for (entity, _), r in office.records.items() if entity == "contact_point")
    [changed] = office.push(
        mutation("contact_point", contact["id"], contact["version"], {"costs": "neu: 5 €"})
    )
    assert changed["status"] == "applied"
    pages, _ = _first_sync(server, server.enrol(Role.LOTSE, "Berta"))
    seen = [c["data"] for p in pages for c in p["changes"] if c["id"] == contact["id"]]
    assert [data["costs"] for data in seen] == ["neu: 5 €"]


def test_a_device_whose_account_has_notes_gets_them_in_its_own_pages(server: Server) -> None:
    _first_sync(server, server.enrol(Role.LOTSE, "Anna"))
    berta = server.enrol(Role.LOTSE, "Berta")
    note = {"target_entity": "topic", "target_id": new_id(), "text": "Bertas Notiz"}
    berta.push(mutation("private_note", note_id := new_id(), 0, note))
    bertas_tablet = server.enrol(Role.LOTSE, account_id=berta.account_id)
    pages, texts = _first_sync(server, bertas_tablet)
    assert note_id in {c["id"] for p in pages for c in p["changes"]}
    assert _read_the_log(texts)


def test_the_office_and_a_guide_never_share_a_page(server: Server) -> None:
    office = server.enrol(Role.KOORDINATION, "Büro")
    office.pull_all(THALE)
    contact = next(r for (entity, _), r in office.records.items() if entity == "contact_point")
    draft_id = new_id()
    fields = {**contact, "name": "Entwurf: neue Stelle", "status": "draft"}
    fields = {k: v for k, v in fields.items() if k not in SYNC_FIELDS}
    [drafted] = office.push(mutation("contact_point", draft_id, 0, fields))
    assert drafted["status"] == "applied", drafted
    staff_pages, _ = _first_sync(server, server.enrol(Role.KOORDINATION, "Büro 2"))
    guide_pages, _ = _first_sync(server, server.enrol(Role.LOTSE, "Anna"))
    assert draft_id in {c["id"] for p in staff_pages for c in p["changes"]}
    assert draft_id not in {c["id"] for p in guide_pages for c in p["changes"]}


def test_a_kept_page_is_sent_compressed_or_plain_as_asked(server: Server) -> None:
    _first_sync(server, server.enrol(Role.LOTSE, "Anna"))
    berta = server.enrol(Role.LOTSE, "Berta")
    body = {"cursor": "", "kommunen": THALE, "limit": PAGE}
    headers = {"Authorization": f"Bearer {berta.token}"}
    with local_http.client(base_url=server.url) as client:
        packed = client.post("/sync/pull", json=body, headers=headers | {"Accept-Encoding": "gzip"})
        plain = client.post(
            "/sync/pull", json=body, headers=headers | {"Accept-Encoding": "identity"}
        )
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["cache-control"] == "no-store"
    assert "content-encoding" not in plain.headers
    assert packed.json() == plain.json()  # httpx unpacks it
    assert packed.num_bytes_downloaded < len(plain.content) / 3
    assert len(plain.json()["changes"]) == PAGE


def test_pages_kept_on_disk_serve_the_next_process(server: Server) -> None:
    _first_sync(server, server.enrol(Role.LOTSE, "Anna"))
    assert server.data_dir is not None
    assert list((server.data_dir / "first-syncs").glob("*.json.gz"))
    berta = server.enrol(Role.LOTSE, "Berta")
    server.stop()
    restarted = start_server(server.database_url, server.data_dir)
    try:
        berta.url = restarted.url
        _, texts = _first_sync(restarted, berta)
        assert not _read_the_log(texts)
    finally:
        restarted.stop()
        restarted.engine.dispose()
