"""`python -m app.sync …`: enrol this device, sync once, or show the status.

Uses the local store in WEGWEISER_DATA_DIR (or the platform's data folder), exactly as
the app does. Exit codes: 0 done, 1 sync failed (message on stderr), 2 usage.
"""

import argparse
import sys

from app.store.database import StoreError, open_store
from app.store.paths import store_path
from app.sync import enrolment
from app.sync.engine import PAGE_SIZE, SyncEngine, failure_message
from app.sync.errors import SyncError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.sync", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    enrol = commands.add_parser("enrol")
    enrol.add_argument("--server", required=True)
    enrol.add_argument("--code", required=True)
    enrol.add_argument("--name", default="Tablet")
    enrol.add_argument("--kommune", action="append", default=[])
    sync = commands.add_parser("sync")
    sync.add_argument("--page-size", type=int, default=PAGE_SIZE)
    sync.add_argument("--push-batch", type=int, default=100)
    commands.add_parser("status")
    args = parser.parse_args(argv)

    try:
        store = open_store(store_path())
    except StoreError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    try:
        if args.command == "enrol":
            enrolment.enrol(store, args.server, args.code, args.name, args.kommune)
            print("Gerät angemeldet.")
        engine = SyncEngine(store)
        if args.command == "sync":
            engine = SyncEngine(store, page_size=args.page_size, push_batch=args.push_batch)
            try:
                engine.sync()
            finally:
                engine.close()
        print(engine.status())
    except SyncError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except Exception as exc:  # a full disk, a broken answer: said in German, no traceback
        print(failure_message(exc), file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
