"""Geräte und Personen: the accounts and devices the Koordinierungsstelle manages, online.

Enrolment codes are made here and shown as text and as a QR code that holds the server's
address too, so that a new tablet's first start needs nothing typed; revoking a device or
a whole account is a server call (the server enforces who may revoke whom). No Flet here.
"""

from dataclasses import dataclass
from datetime import datetime

from app.services.qr import qr_png
from app.sync import state as sync_state
from app.sync.engine import SyncEngine
from app.sync.links import enrolment_link
from wegweiser.protocol import DeviceInfo, EnrolmentCodeRequest, Role


@dataclass(frozen=True)
class Person:
    """An account with its devices, the most recently seen first."""

    account_id: str
    name: str
    role: Role
    devices: list[DeviceInfo]
    code_until: datetime | None = None
    """An enrolment code for the account waits to be used until then."""

    @property
    def active(self) -> bool:
        """Any device of the account still works, or its code still may."""
        return self.code_until is not None or any(not d.revoked for d in self.devices)


@dataclass(frozen=True)
class NewCode:
    """An enrolment code to hand over: typed, or scanned as `qr_png`."""

    code: str
    account_name: str
    role: Role
    link: str
    expires_at: datetime
    qr_png: bytes


class PeopleService:
    """Accounts and devices as the server knows them; raises `SyncError` (German)."""

    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine

    def people(self) -> list[Person]:
        """Every account with a device or a code not yet used, active accounts first,
        then by name."""
        client = self.engine.client()
        by_account: dict[str, Person] = {}
        for code in client.waiting_codes():
            by_account[code.account_id] = Person(
                code.account_id,
                code.account_name,
                code.role,
                [],
                datetime.fromisoformat(code.expires_at),
            )
        for device in client.devices():
            person = by_account.setdefault(
                device.account_id,
                Person(device.account_id, device.account_name, device.role, []),
            )
            person.devices.append(device)
        for person in by_account.values():
            person.devices.sort(key=lambda d: d.last_seen_at or "", reverse=True)
        return sorted(by_account.values(), key=lambda p: (not p.active, p.name.casefold()))

    def create_code(self, account_name: str, role: Role, valid_hours: int = 72) -> NewCode:
        """A one-time code for a new account; the QR code holds server and code."""
        request = EnrolmentCodeRequest(
            account_name=account_name.strip(), role=role, valid_hours=valid_hours
        )
        answer = self.engine.client().create_code(request)
        with self.engine.store.session() as session:
            server = sync_state.load(session).server_url or ""
        link = enrolment_link(server, answer.code)
        return NewCode(
            code=answer.code,
            account_name=request.account_name or "",
            role=answer.role,
            link=link,
            expires_at=datetime.fromisoformat(answer.expires_at),
            qr_png=qr_png(link),
        )

    def revoke_device(self, device_id: str) -> None:
        self.engine.client().revoke_device(device_id)

    def revoke_account(self, account_id: str) -> None:
        """Every device of the account, and its unused codes."""
        self.engine.client().revoke_account(account_id)
