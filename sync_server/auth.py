"""Device tokens and roles: who is calling, and may they call this route."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from sync_server.problems import ProblemError
from sync_server.tables import Account, Device
from wegweiser.protocol import Role
from wegweiser.roles import is_staff

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # nothing to confuse (0/O, 1/I)
_LAST_SEEN_EVERY = timedelta(hours=1)
"""How stale last seen may get: a write per periodic pull would queue behind the writers."""


def new_token() -> str:
    """A device token: 256 random bits. Only its hash is stored."""
    return secrets.token_urlsafe(32)


def new_enrolment_code() -> str:
    """A one-time code a person can type: 12 characters in groups of four."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def hash_token(token: str) -> str:
    """SHA-256 of a device token; 256 random bits need no slow password hash."""
    return hashlib.sha256(token.strip().encode()).hexdigest()


def hash_code(code: str) -> str:
    """SHA-256 of an enrolment code as typed: case, spaces and dashes do not matter."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(f"code:{normalised}".encode()).hexdigest()


@dataclass(frozen=True)
class Caller:
    """The enrolled device behind a request and its account."""

    device: Device
    account: Account

    @property
    def role(self) -> Role:
        return Role(self.account.role)

    @property
    def is_staff(self) -> bool:
        return is_staff(self.role)


def _unauthorised(detail: str) -> ProblemError:
    return ProblemError(401, "nicht-angemeldet", "Nicht angemeldet", detail)


def caller_for(session: Session, authorization: str) -> Caller:
    """The caller behind an `Authorization: Bearer …` header: a valid, unrevoked device.

    Raises a 401 problem for a missing or unknown token and a 403 with `wipe` for a
    revoked device. Notes when the device was last seen (at most every few minutes).
    """
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorised("Für diese Anfrage ist ein Geräte-Token nötig (Authorization: Bearer).")
    found = session.exec(
        select(Device, Account)
        .join(Account, col(Account.id) == col(Device.account_id))
        .where(Device.token_hash == hash_token(token))
    ).first()
    if found is None:
        raise _unauthorised("Das Geräte-Token ist ungültig.")
    device, account = found
    if device.revoked_at is not None:
        raise ProblemError(
            403,
            "geraet-gesperrt",
            "Gerät gesperrt",
            "Dieses Gerät wurde gesperrt. Private Daten auf dem Gerät werden gelöscht; "
            "bitte wenden Sie sich an die Koordinierungsstelle.",
            wipe=True,
        )
    now = datetime.now(UTC)
    if device.last_seen_at is None or now - device.last_seen_at > _LAST_SEEN_EVERY:
        device.last_seen_at = now
        session.add(device)
        session.commit()
    return Caller(device=device, account=account)


def check_role(caller: Caller, roles: tuple[Role, ...]) -> Caller:
    """The caller, if their role is one of `roles`; a 403 problem otherwise."""
    if caller.role not in roles:
        raise ProblemError(
            403,
            "keine-berechtigung",
            "Keine Berechtigung",
            f"Die Rolle „{caller.role.value}“ darf das nicht.",
        )
    return caller
