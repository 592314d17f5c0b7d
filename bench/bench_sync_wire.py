"""Bytes on the wire of sync round trips, against the real server on 127.0.0.1 (SQLite).

Measures what a tablet receives (response bytes as sent, i.e. after gzip) for: the first
full pull of one Kommune, a pull that finds nothing new, and an incremental pull after
one record changed. Request bytes are given too. Both count headers (request line, status
line, each header), as they go over the wire; the device sends the app's headers.
Run: python3 scripts/dev.py bench   (or .venv/bin/python bench/bench_sync_wire.py)
"""

import gzip
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.sync.client import carry_app_headers, pull_body  # noqa: E402
from sync_server import changes, enrolment  # noqa: E402
from sync_server.db import init_db, make_engine  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.protocol import PullRequest, Role  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def round_trip(
    client: httpx.Client, path: str, body: dict[str, Any]
) -> tuple[dict[str, Any], int, int]:
    # As httpx encodes the app's `json=` body.
    content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    with client.stream(
        "POST", path, content=content, headers={"content-type": "application/json"}
    ) as response:
        raw = b"".join(response.iter_raw())
    answer = gzip.decompress(raw) if response.headers.get("content-encoding") == "gzip" else raw
    # Status or request line, each header "name: value\r\n", and the blank line.
    answer_head = sum(len(k) + len(v) + 4 for k, v in response.headers.raw) + 17 + 2
    request = response.request
    request_head = len(f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n") + 2
    request_head += sum(len(k) + len(v) + 4 for k, v in request.headers.raw)
    decoded: dict[str, Any] = json.loads(answer)
    return decoded, len(content) + request_head, len(raw) + answer_head


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/server.sqlite"
        engine = make_engine(url)
        init_db(engine)
        with Session(engine) as session:
            changes.load_dataset(session, load_dataset(ROOT / "assets/demo/landkreis-harz.json"))
            session.commit()
            lotse = enrolment.create_code(session, Role.LOTSE, "Bench").code
            staff = enrolment.create_code(session, Role.KOORDINATION, "Bench K").code
        port = free_port()
        env = dict(
            os.environ, WEGWEISER_DATABASE_URL=url, WEGWEISER_PORT=str(port), PYTHONPATH=str(ROOT)
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "sync_server", "serve"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(f"{base}/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            tokens = [
                httpx.post(f"{base}/enrol", json={"code": c, "device_name": "B"}).json()["token"]
                for c in (lotse, staff)
            ]
            # What the app's client sends (its headers replace httpx's own).
            device = httpx.Client(base_url=base)
            carry_app_headers(device, tokens[0])
            editor = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tokens[1]}"})

            cursor, total_sent, total_received, pages, records = "", 0, 0, 0, 0
            while True:
                page, sent, received = round_trip(
                    device,
                    "/sync/pull",
                    pull_body(PullRequest(cursor=cursor, kommunen=["halberstadt"], limit=500)),
                )
                pages += 1
                records += sum(len(block["columns"][0]) for block in page["records"])
                total_sent += sent
                total_received += received
                cursor = page["next_cursor"]
                if not page["has_more"]:
                    break
            print(
                f"first pull, Halberstadt: {records} records in {pages} page(s), "
                f"{total_received} bytes received, {total_sent} bytes sent"
            )

            now = pull_body(PullRequest(cursor=cursor, kommunen=["halberstadt"]))
            _, sent, received = round_trip(device, "/sync/pull", now)
            print(f"nothing new: 1 round trip, {received} bytes received, {sent} bytes sent")

            staff_page, _, _ = round_trip(
                editor, "/sync/pull", {"kommunen": ["halberstadt"], "limit": 500}
            )
            contact = next(c for c in staff_page["changes"] if c["entity"] == "contact_point")
            editor.post(
                "/sync/push",
                json={
                    "mutations": [
                        {
                            "id": str(uuid.uuid4()),
                            "entity": "contact_point",
                            "record_id": contact["id"],
                            "base_version": contact["version"],
                            "fields": {"costs": "kostenlos"},
                        }
                    ]
                },
            )
            page, sent, received = round_trip(device, "/sync/pull", now)
            print(
                f"one changed record: {len(page['records'][0]['columns'][0])} record, "
                f"{received} bytes received, {sent} bytes sent"
            )
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
