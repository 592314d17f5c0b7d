"""`POST /imports/region.json?repair_links=true`: the office brings content from another
system in without the command line; each link it changed is in the answer."""

import json

from sqlmodel import Session, select

from sync_server.changes import content_of
from tests.support.server import Server
from wegweiser.model import InfoSheet
from wegweiser.protocol import Role


def test_an_upload_with_http_links_is_refused_then_loaded_repaired(server: Server) -> None:
    admin = server.enrol(Role.ADMIN, "Administration")
    document = json.loads(admin.get("/exports/region.json").content)
    sheet = document["sheets"][0]
    sheet["body"] += "\n\nAnträge: [Formulare](http://www.kreis-hz.example/formulare)"
    document["contact_points"][0]["website"] = "www.tafel-harz.example"
    upload = json.dumps(document).encode()
    with Session(server.engine) as session:
        before = {r.id: content_of(r) for r in session.exec(select(InfoSheet))}

    with admin.client() as client:
        refused = client.post("/imports/region.json", content=upload)
        loaded = client.post("/imports/region.json?repair_links=true", content=upload)

    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"].endswith("Mit repair_links=true würden 2 Links repariert.")
    assert loaded.status_code == 200, loaded.text
    repaired = loaded.json()["repaired"]
    assert len(repaired) == 2
    assert repaired[0].startswith(f"sheets[0] id {sheet['id']}")
    assert repaired[0].endswith(
        "„http://www.kreis-hz.example/formulare“ → „https://www.kreis-hz.example/formulare“"
    )
    assert "„www.tafel-harz.example“ → „https://www.tafel-harz.example“" in repaired[1]
    with Session(server.engine) as session:
        after = {r.id: content_of(r) for r in session.exec(select(InfoSheet))}
    assert after[sheet["id"]]["body"].endswith("(https://www.kreis-hz.example/formulare)")
    assert {k: v for k, v in after.items() if k != sheet["id"]} == {
        k: v for k, v in before.items() if k != sheet["id"]
    }
