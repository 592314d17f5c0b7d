"""The review queue: a page at a time, by Kommune or by entry, with who reported."""

from tests.sync_server.conftest import ON_BOTH_DATABASES, Device, Server
from tests.sync_server.helpers import mutation, new_id
from wegweiser.protocol import Role


def contact_in(device: Device, kommune: str) -> dict:
    device.pull_all([kommune])
    return next(
        r
        for k, r in device.records.items()
        if k[0] == "contact_point" and r["kommune_keys"] == [kommune]
    )


@ON_BOTH_DATABASES
def test_the_queue_pages_and_filters(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    anna = server.enrol(Role.LOTSE, "Lotsin Anna")
    ben = server.enrol(Role.LOTSE, "Lotse Ben")
    thale, halberstadt = contact_in(anna, "thale"), contact_in(ben, "halberstadt")
    made = []
    for i in range(3):
        edit = mutation("contact_point", thale["id"], thale["version"], {"costs": f"{i} Euro"})
        anna.push(edit)
        made.append(edit["id"])
    for i in range(2):
        edit = mutation("contact_point", halberstadt["id"], halberstadt["version"])
        ben.push(edit | {"comment": f"Hinweis {i}"})
        made.append(edit["id"])

    seen, after, pages = [], "", 0
    while True:
        page = coordinator.get(f"/reports?status=pending&limit=2&after={after}").json()
        seen += [report["id"] for report in page["reports"]]
        pages += 1
        if page["next_after"] is None:
            break
        after = page["next_after"]
    assert seen == made and pages == 3  # oldest first, each once

    in_thale = coordinator.get("/reports?kommune=thale").json()["reports"]
    assert [r["id"] for r in in_thale] == made[:3]
    assert {r["reporter_name"] for r in in_thale} == {"Lotsin Anna"}
    on_entry = coordinator.get(f"/reports?target_id={halberstadt['id']}").json()["reports"]
    assert [r["comment"] for r in on_entry] == ["Hinweis 0", "Hinweis 1"]
    assert coordinator.get(f"/reports?target_id={new_id()}").json()["reports"] == []

    broken = coordinator.get("/reports?after=gestern|x")
    assert broken.status_code == 400
    assert broken.headers["content-type"] == "application/problem+json"
    assert coordinator.get("/reports?limit=0").status_code == 422
