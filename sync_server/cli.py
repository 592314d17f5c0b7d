"""`python -m sync_server …`: run the server and look after its database."""

import argparse
import sys
from pathlib import Path

from sync_server import db
from sync_server.settings import Settings
from wegweiser.dataset import DatasetError, load_dataset
from wegweiser.model import CONTENT_TYPES

DEMO_DATASET = Path(__file__).resolve().parents[1] / "assets" / "demo" / "landkreis-harz.json"


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m sync_server", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="den Server starten")
    commands.add_parser("init-db", help="Tabellen anlegen (wiederholbar)")
    load = commands.add_parser("load-demo", help="Datensatz (Standard: Beispieldaten) laden")
    load.add_argument("--file", type=Path, default=DEMO_DATASET, help="Datensatzdatei (JSON)")
    args = parser.parse_args(argv)

    settings = Settings.from_env()
    if args.command == "serve":
        import uvicorn

        from sync_server.app import create_app

        uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
        return 0
    engine = db.make_engine(settings.database_url)
    db.init_db(engine)
    if args.command == "init-db":
        print(f"Datenbank bereit: {_safe_url(settings.database_url)}")
        return 0
    try:
        dataset = load_dataset(args.file)
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:
        print(
            f"Datensatzdatei {args.file} kann nicht gelesen werden: {exc.strerror}", file=sys.stderr
        )
        return 2
    loaded = db.load_dataset(engine, dataset)
    counts = ", ".join(f"{cls.__tablename__}={db.count(engine, cls)}" for cls in CONTENT_TYPES)
    marker = " (Beispieldaten)" if dataset.meta.example_data else ""
    print(f"{loaded} Datensätze geladen aus {args.file}{marker}: {counts}")
    return 0


def _safe_url(url: str) -> str:
    # Never print a database password into a terminal or log.
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
