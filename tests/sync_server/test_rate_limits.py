"""One guide's token, or one address, cannot exhaust the server: 429 with Retry-After
on push, enrolment and report creation, a cap on pending reports, and nothing lost on
the device meanwhile."""

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import select

from app.services.personal import PersonalService
from app.store.database import open_store
from app.sync import enrolment as device_enrolment
from app.sync import outbox
from app.sync.engine import SyncEngine
from app.sync.errors import Busy
from sync_server.rate_limits import Rate, RateLimiter
from tests.support import local_http
from tests.support.devices import enrolment_code
from tests.support.server import Server, prepare_database, start_server
from tests.sync_server.conftest import Device
from tests.sync_server.helpers import mutation, new_id
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role

DEFAULTS: dict[str, Any] = {
    "enrolments_per_address_minute": 10,
    "pushes_per_minute": 60,
    "pushes_per_address_minute": 600,
    "reports_per_hour": 200,
    "max_pending_reports": 300,
}


def _server(tmp_path: Path, dataset: Dataset, **limits: int) -> Server:
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, dataset).dispose()
    return start_server(url, tmp_path, **(DEFAULTS | limits))


def _assert_429(response: httpx.Response, words: str) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert words in response.json()["detail"]
    assert int(response.headers["retry-after"]) >= 1


def test_a_bucket_refills_evenly_and_says_how_long_to_wait() -> None:
    now = [0.0]
    limiter = RateLimiter(clock=lambda: now[0])
    rate = Rate(6, 60.0)  # one every ten seconds, six at once
    assert [limiter.take("a", rate) for _ in range(6)] == [None] * 6
    assert limiter.take("a", rate) == 10
    assert limiter.take("b", rate) is None  # another key, another bucket
    now[0] = 25.0
    assert [limiter.take("a", rate) for _ in range(3)] == [None, None, 5]
    assert limiter.take("a", rate, cost=100) == 55  # more than a bucket holds: a full one
    now[0] = 200.0
    assert limiter.take("a", rate, cost=100) is None
    assert limiter.take("a", rate) == 10


def test_buckets_are_bounded_and_the_longest_untouched_goes_first() -> None:
    # Past MAX_KEYS nothing was forgotten within the hour, and every request scanned
    # all keys under the lock.
    limiter = RateLimiter(clock=lambda: 0.0)
    limiter.MAX_KEYS = 1_000
    rate = Rate(2, 60.0)
    assert limiter.take("gerät", rate) is None
    assert limiter.take("gerät", rate) is None
    assert limiter.take("gerät", rate) is not None  # empty
    for n in range(998):
        limiter.take(f"adresse-{n}", rate)
    assert limiter.take("gerät", rate) is not None  # touched again: kept, still empty
    for n in range(5_000):
        limiter.take(f"noch-eine-{n}", rate)
    assert len(limiter) == 1_000


def test_forwarded_addresses_count_only_from_named_proxies(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()

    def attempts(server: Server, forwarded: list[str]) -> list[int]:
        return [
            local_http.post(
                f"{server.url}/enrol",
                json={"code": f"geraten-{i}", "device_name": "x"},
                headers={"X-Forwarded-For": address},
            ).status_code
            for i, address in enumerate(forwarded)
        ]

    fresh_each_time = [f"203.0.113.{n}" for n in range(11)]
    # No proxy named: a script on the machine (or behind it) cannot pick its address.
    plain = start_server(url, tmp_path, process=True, **DEFAULTS)
    try:
        assert attempts(plain, fresh_each_time)[-1] == 429
    finally:
        plain.stop()
    behind = start_server(url, tmp_path, process=True, **DEFAULTS, trusted_proxies="127.0.0.1")
    try:
        assert attempts(behind, fresh_each_time) == [401] * 11  # each its own address
        assert attempts(behind, ["198.51.100.7"] * 11)[-1] == 429
    finally:
        behind.stop()
        behind.engine.dispose()


def test_enrolment_attempts_per_address_are_limited(tmp_path: Path, demo_dataset: Dataset) -> None:
    server = _server(tmp_path, demo_dataset)
    try:
        answers = [
            local_http.post(
                f"{server.url}/enrol", json={"code": "geraten-" + str(i), "device_name": "x"}
            )
            for i in range(11)
        ]
        assert [a.status_code for a in answers[:10]] == [401] * 10
        _assert_429(answers[10], "Anmeldeversuche")
    finally:
        server.stop()
        server.engine.dispose()


def test_one_device_cannot_push_without_pause(tmp_path: Path, demo_dataset: Dataset) -> None:
    server = _server(tmp_path, demo_dataset, pushes_per_minute=5)
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        other = server.enrol(Role.LOTSE, "Ben")

        def favourite() -> dict:
            return mutation(
                "favourite", new_id(), 0, {"target_entity": "topic", "target_id": new_id()}
            )

        answers = [guide.post("/sync/push", {"mutations": [favourite()]}) for _ in range(6)]
        assert [a.status_code for a in answers[:5]] == [200] * 5
        _assert_429(answers[5], "pro Minute und Gerät")
        assert other.post("/sync/push", {"mutations": [favourite()]}).status_code == 200
    finally:
        server.stop()
        server.engine.dispose()


def test_a_guide_floods_reports_and_is_stopped_at_the_quota(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """The attack once seen: thousands of large reports from one token. Now the pending
    reports of an account are capped and new ones are rate-limited; a retry of answered
    ones costs nothing, and the coordinator's review frees the quota."""
    server = _server(tmp_path, demo_dataset, max_pending_reports=30, reports_per_hour=50)
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        guide.pull_all(["thale"])
        contact = next(r for k, r in guide.records.items() if k[0] == "contact_point")

        def report() -> dict:
            return mutation(
                "contact_point", contact["id"], contact["version"], {"costs": "Ä" * 200}
            )

        first = [report() for _ in range(30)]
        assert [r["status"] for r in guide.push(*first)] == ["reported"] * 30
        assert guide.push(*first[:5])  # answered before: a retry is not a new report
        refused = guide.post("/sync/push", {"mutations": [report()]})
        _assert_429(refused, "warten schon 30 Meldungen")

        coordinator: Device = server.enrol(Role.KOORDINATION, "K")
        for result in guide.push(*first[:10]):
            accepted = coordinator.post(
                f"/reports/{result['report_id']}/reject", {"reason": "erledigt"}
            )
            assert accepted.status_code == 200, accepted.text
        # Ten places free; the hourly rate (50, 30 spent) allows 20 more in all.
        assert [r["status"] for r in guide.push(*[report() for _ in range(10)])] == [
            "reported"
        ] * 10
        assert len(_reports(server)) == 40
    finally:
        server.stop()
        server.engine.dispose()


def test_the_app_keeps_its_reports_while_the_server_says_429(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """The device hears the server's reason in German; its reports stay queued and go
    once the quota allows."""
    server = _server(tmp_path, demo_dataset, max_pending_reports=1)
    store = open_store(tmp_path / "tablet.sqlite")
    try:
        code = enrolment_code(server, Role.LOTSE, "Anna")
        device_enrolment.enrol(store, server.url, code, "Tablet", ["thale"])
        engine = SyncEngine(store)
        engine.sync()
        with store.session() as session:
            contact = session.exec(select(ContactPoint)).first()
        assert contact is not None
        personal = PersonalService(store)
        personal.report_change(contact.entity, contact.id, {"costs": "eins"}, "")
        engine.sync()
        personal.report_change(contact.entity, contact.id, {"costs": "zwei"}, "")
        with pytest.raises(Busy) as refused:
            engine.sync()
        assert "warten schon 1 Meldungen" in refused.value.message
        with store.session() as session:
            assert len(outbox.pending(session)) == 1  # the first went; the second waits
        server_reports = _reports(server)
        coordinator = server.enrol(Role.KOORDINATION, "K")
        decided = coordinator.post(f"/reports/{server_reports[0]}/accept", {})
        assert decided.status_code == 200, decided.text
        engine.sync()
        with store.session() as session:
            assert outbox.pending(session) == []
        assert len(_reports(server)) == 2
        engine.close()
    finally:
        store.close()
        server.stop()
        server.engine.dispose()


def _reports(server: Server) -> list[str]:
    with server.engine.connect() as connection:
        return list(
            connection.execute(text("SELECT id FROM change_report ORDER BY created_at")).scalars()
        )
