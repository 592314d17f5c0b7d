"""`python -m sync_server …`: run the server and look after its database."""

import argparse
import gc
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session

from sync_server import audit, changes, db, enrolment, restore, retention
from sync_server.handouts.content import every_kommune
from sync_server.handouts.labels import LANGUAGES
from sync_server.problems import ProblemError
from sync_server.self_service import mails, requests
from sync_server.settings import Settings, SettingsError
from sync_server.shared_limits import SharedRateLimiter
from sync_server.shelf import Shelf
from wegweiser.dataset import DatasetError, check_document, read_document
from wegweiser.kinds import CONTENT_TYPES
from wegweiser.link_repair import repair_links
from wegweiser.protocol import Role
from wegweiser.self_service import REMIND_AFTER_DAYS

DEMO_DATASET = Path(__file__).resolve().parents[1] / "assets" / "demo" / "landkreis-harz.json"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sync_server", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="den Server starten")
    serve.add_argument(
        "--check", action="store_true", help="nur die Einstellungen prüfen, nicht starten"
    )
    commands.add_parser("init-db", help="Tabellen anlegen (wiederholbar)")
    load = commands.add_parser("load", help="die Daten eines Landkreises laden (geprüft)")
    load.add_argument("file", type=Path, help="Datensatzdatei (JSON, docs/data-format.md)")
    load.add_argument(
        "--repair-links",
        action="store_true",
        help="http:// und www. als https:// laden, nicht erlaubte Links als ihren Text",
    )
    commands.add_parser("load-demo", help="die Beispieldaten des Landkreises Harz laden")
    enrol = commands.add_parser("enrol", help="einmaligen Anmeldecode für ein Gerät erzeugen")
    enrol.add_argument("--name", help="Name eines neuen Kontos")
    enrol.add_argument("--account", help="id eines bestehenden Kontos (weiteres Gerät)")
    enrol.add_argument("--role", choices=[r.value for r in Role], default=Role.LOTSE.value)
    enrol.add_argument("--hours", type=int, default=72, help="gültig für so viele Stunden")
    revoke = commands.add_parser("revoke", help="Gerät oder alle Geräte eines Kontos sperren")
    target = revoke.add_mutually_exclusive_group(required=True)
    target.add_argument("--device")
    target.add_argument("--account")
    restore_command = commands.add_parser(
        "restore", help="Sicherung zurückspielen (nur bei gestopptem Server)"
    )
    restore_command.add_argument("--from", dest="source", type=Path, required=True)
    printing = commands.add_parser("print-all", help="den Wegweiser jeder Kommune als PDF")
    printing.add_argument("--to", type=Path, required=True, help="Zielordner")
    printing.add_argument(
        "--language", action="append", choices=list(LANGUAGES), help="Sprache (mehrfach)"
    )
    backup = commands.add_parser("backup", help="Sicherung der Datenbank in eine Datei")
    backup.add_argument("--to", type=Path, help="Zieldatei (Standard: im Datenordner)")
    commands.add_parser("purge-tombstones", help="alte Löschungen vergessen (Aufbewahrungsfrist)")
    asking = commands.add_parser(
        "request-updates",
        help="fällige Anlaufstellen um Bestätigung bitten, unbeantwortete einmal erinnern",
    )
    asking.add_argument("--months", type=int, default=12, help="nicht geprüft seit Monaten")
    asking.add_argument(
        "--remind-after", type=int, default=REMIND_AFTER_DAYS, help="Erinnerung nach Tagen"
    )
    asking.add_argument("--dry-run", action="store_true", help="nur zählen, nichts senden")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.command == "serve":
        for warning in settings.warnings():
            print(f"Achtung: {warning}", file=sys.stderr)
        if args.check:
            print(
                f"Einstellungen in Ordnung: {settings.host}:{settings.port}, "
                f"Datenbank {_safe_url(settings.database_url)}"
            )
            return 0
        import uvicorn

        from sync_server.app import create_app

        try:
            app = create_app(settings)
        except restore.RestoreRunning as exc:
            print(exc, file=sys.stderr)
            return 2
        # What start made (modules, models, the app) is left out of the garbage
        # collector's full rounds, which otherwise walk all of it under load.
        gc.freeze()
        # A request still running after SIGTERM gets 5 s; the process ends within 10 s.
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            timeout_graceful_shutdown=5,
            # X-Forwarded-For only from the proxies the settings name (uvicorn trusts
            # 127.0.0.1 by default: anything on the machine could pick its address).
            proxy_headers=bool(settings.trusted_proxies),
            forwarded_allow_ips=settings.trusted_proxies or "",
            # No access log: it would write every client's address (docs/deployment.md).
            access_log=False,
            # Nothing a client needs, on every answer of every tablet's periodic pull.
            server_header=False,
        )
        return 0
    if args.command == "restore":
        # Before any engine touches the database it replaces.
        return _restore(args, settings)
    try:
        lock = restore.serving_lock(settings)  # not while a restore replaces it
    except restore.RestoreRunning as exc:
        print(exc, file=sys.stderr)
        return 2
    engine = db.make_engine(settings.database_url, pooled=settings.database_pooled)
    try:
        db.init_db(engine)
        with Session(engine, expire_on_commit=False) as session:
            return _COMMANDS[args.command](args, settings, session)
    except ProblemError as exc:
        print(exc.problem.detail, file=sys.stderr)
        return 2
    finally:
        engine.dispose()
        if lock is not None:
            lock.close()


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    try:
        restored = restore.restore(settings, args.source)
    except restore.RestoreRefused as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(
        f"Sicherung {args.source} zurückgespielt. Neue Epoche {restored.epoch}: alle Geräte "
        "laden beim nächsten Synchronisieren alles neu und senden ihre eigenen Einträge, "
        "die dem Server fehlen, erneut."
    )
    if restored.revocations_read:
        print(
            f"Sperren erneut angewendet: {restored.devices_revoked_again} Geräte, "
            f"{restored.codes_closed_again} Anmeldecodes."
        )
    else:
        print(
            "Achtung: die ersetzte Datenbank war nicht lesbar. Geräte und Konten, die nach "
            "der Sicherung gesperrt wurden, bitte erneut sperren (revoke).",
            file=sys.stderr,
        )
    return 0


def _init_db(_args: argparse.Namespace, settings: Settings, _session: Session) -> int:
    print(f"Datenbank bereit: {_safe_url(settings.database_url)}")
    return 0


def _load(args: argparse.Namespace, settings: Settings, session: Session) -> int:
    """A dataset file, checked whole first; `load-demo` is the same with the example data."""
    args.file = getattr(args, "file", None) or DEMO_DATASET
    repair = getattr(args, "repair_links", False)
    document = None
    try:
        document = read_document(args.file, settings.max_dataset_bytes)
        _say_repairs(repair_links(document) if repair else [])
        dataset = check_document(document, str(args.file))
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        mendable = 0 if repair or document is None else len(repair_links(document))
        if mendable:
            print(
                f"Hinweis: mit --repair-links würden {mendable} Links repariert "
                "(http:// und www. → https://, nicht erlaubte Links → nur ihr Text).",
                file=sys.stderr,
            )
        return 2
    except OSError as exc:
        print(
            f"Datensatzdatei {args.file} kann nicht gelesen werden: {exc.strerror}",
            file=sys.stderr,
        )
        return 2
    try:
        written, unchanged = changes.load_dataset(session, dataset)
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 2
    engine = session.get_bind()
    counts = ", ".join(
        f"{cls.__tablename__}={db.count(engine, cls)}"  # type: ignore[arg-type]
        for cls in CONTENT_TYPES
    )
    marker = " (Beispieldaten)" if dataset.meta.example_data else ""
    print(
        f"{written} Datensätze geschrieben, {unchanged} unverändert, aus {args.file}{marker}: "
        f"{counts}"
    )
    return 0


def _say_repairs(lines: list[str]) -> None:
    if lines:
        print(f"{len(lines)} Links repariert (die Datei selbst bleibt, wie sie ist):")
        print("\n".join(f"- {line}" for line in lines))


def _enrol(args: argparse.Namespace, _settings: Settings, session: Session) -> int:
    if not args.name and not args.account:
        print(
            "Bitte --name (neues Konto) oder --account (bestehendes Konto) angeben.",
            file=sys.stderr,
        )
        return 2
    code = enrolment.create_code(
        session, Role(args.role), args.name, args.account, valid_hours=args.hours
    )
    print(f"Anmeldecode: {code.code}")
    print(f"Konto: {code.account_id} ({code.role.value}), gültig bis {code.expires_at}")
    return 0


def _revoke(args: argparse.Namespace, _settings: Settings, session: Session) -> int:
    count = enrolment.revoke(session, device_id=args.device, account_id=args.account)
    action = audit.DEVICE_REVOKED if args.device else audit.ACCOUNT_REVOKED
    audit.record(session, None, action, None, args.device or args.account, {"devices": count})
    session.commit()
    print(f"{count} Gerät(e) gesperrt.")
    return 0 if count else 1


def _backup(args: argparse.Namespace, settings: Settings, _session: Session) -> int:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    url = settings.database_url
    if url.startswith("sqlite:///"):
        target = args.to or settings.data_dir / f"backup-{stamp}.sqlite"
        source = sqlite3.connect(url.removeprefix("sqlite:///"))
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)  # consistent even while the server writes
        source.close()
        destination.close()
    else:
        if shutil.which("pg_dump") is None:
            print("pg_dump ist nicht installiert (Paket postgresql-client).", file=sys.stderr)
            return 2
        target = args.to or settings.data_dir / f"backup-{stamp}.dump"
        plain_url = url.replace("postgresql+psycopg://", "postgresql://")
        subprocess.run(["pg_dump", "--format=custom", f"--file={target}", plain_url], check=True)
    print(f"Sicherung geschrieben: {target}")
    return 0


def _print_all(args: argparse.Namespace, settings: Settings, session: Session) -> int:
    args.to.mkdir(parents=True, exist_ok=True)
    shelf = Shelf.of_handouts(settings)  # what the running server made is not made again
    written = 0
    for language in args.language or ["de"]:
        for name, data in every_kommune(session, language, date.today(), shelf).items():
            (args.to / name).write_bytes(data)
            written += 1
    print(f"{written} PDF-Dateien geschrieben nach {args.to}")
    return 0


def _purge(_args: argparse.Namespace, settings: Settings, session: Session) -> int:
    purged = retention.purge_tombstones(session, settings.retention_days)
    print(f"{purged} Löschungen älter als {settings.retention_days} Tage vergessen.")
    buckets = SharedRateLimiter(session).forget(idle_seconds=86_400)
    print(f"{buckets} Anfragegrenzen ohne Anfrage seit einem Tag vergessen.")
    return 0


def _request_updates(args: argparse.Namespace, settings: Settings, session: Session) -> int:
    """What a timer runs (docs/deployment.md): a request to every due contact point with
    an e-mail address and none open, one reminder to the unanswered; then the mail."""
    due = requests.due_contacts(session, args.months, date.today())
    asked = [record_id for record_id in due if requests.open_request(session, record_id) is None]
    if args.dry_run:
        print(f"{len(asked)} Anlaufstellen würden angefragt (nichts gesendet).")
        return 0
    for record_id in asked:
        requests.ask(session, None, record_id)
    reminded = requests.remind(session, args.remind_after)
    session.commit()
    handled = mails.deliver(session.get_bind(), settings)  # type: ignore[arg-type]
    print(
        f"{len(asked)} Anlaufstellen angefragt, {len(reminded)} erinnert; "
        f"{handled} E-Mails bearbeitet (Stand je Anfrage in der App unter Aktualität)."
    )
    return 0


_COMMANDS = {
    "init-db": _init_db,
    "load": _load,
    "load-demo": _load,
    "enrol": _enrol,
    "revoke": _revoke,
    "backup": _backup,
    "purge-tombstones": _purge,
    "print-all": _print_all,
    "request-updates": _request_updates,
}


def _safe_url(url: str) -> str:
    # Never print a database password into a terminal or log.
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
