"""Accounts, enrolment codes and device tokens."""

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from sync_server import changes
from sync_server.auth import hash_code, hash_token, new_enrolment_code, new_token
from sync_server.problems import ProblemError
from sync_server.tables import Account, Device, EnrolmentCode
from wegweiser.protocol import EnrolmentCodeResponse, EnrolResponse, Role


def create_code(
    session: Session,
    role: Role,
    account_name: str | None = None,
    account_id: str | None = None,
    valid_hours: int = 72,
    created_by: str | None = None,
) -> EnrolmentCodeResponse:
    """A one-time code for a new account (by name) or another device of an existing one."""
    if account_id is not None:
        account = session.get(Account, account_id)
        if account is None:
            raise ProblemError(
                404, "konto-unbekannt", "Unbekanntes Konto", "Dieses Konto gibt es nicht."
            )
        if account.role != role:
            raise ProblemError(
                409, "rolle-passt-nicht", "Rolle passt nicht", "Das Konto hat eine andere Rolle."
            )
    elif account_name:
        account = Account(name=account_name, role=role, created_at=changes.now())
        session.add(account)
    else:
        raise ProblemError(
            422, "eingabe-ungueltig", "Ungültige Eingabe", "account_name oder account_id angeben."
        )
    code = new_enrolment_code()
    expires = changes.now() + timedelta(hours=valid_hours)
    session.add(
        EnrolmentCode(
            code_hash=hash_code(code),
            account_id=account.id,
            expires_at=expires,
            created_by=created_by,
        )
    )
    session.commit()
    return EnrolmentCodeResponse(
        code=code, account_id=account.id, role=role, expires_at=expires.isoformat()
    )


def enrol(session: Session, code: str, device_name: str) -> EnrolResponse:
    """Exchange a valid, unused, unexpired code for a device token (once)."""
    now = changes.now()
    claimed = session.execute(
        update(EnrolmentCode)
        .where(
            col(EnrolmentCode.code_hash) == hash_code(code),
            col(EnrolmentCode.used_at).is_(None),
            col(EnrolmentCode.expires_at) > now,
        )
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise ProblemError(
            401,
            "code-ungueltig",
            "Anmeldecode ungültig",
            "Der Anmeldecode ist falsch, abgelaufen oder wurde schon benutzt.",
        )
    entry = session.get(EnrolmentCode, hash_code(code))
    assert entry is not None
    account = session.get(Account, entry.account_id)
    assert account is not None
    token = new_token()
    device = Device(
        account_id=account.id, name=device_name, token_hash=hash_token(token), created_at=now
    )
    session.add(device)
    session.commit()
    return EnrolResponse(
        device_id=device.id,
        token=token,
        account_id=account.id,
        account_name=account.name,
        role=Role(account.role),
    )


def revoke(session: Session, device_id: str | None = None, account_id: str | None = None) -> int:
    """Revoke one device, or every device of an account together with the account's
    unused enrolment codes; returns how many devices were revoked. The caller commits."""
    now = changes.now()
    statement = select(Device).where(col(Device.revoked_at).is_(None))
    if device_id is not None:
        statement = statement.where(Device.id == device_id)
    elif account_id is not None:
        statement = statement.where(Device.account_id == account_id)
        session.execute(
            update(EnrolmentCode)
            .where(
                col(EnrolmentCode.account_id) == account_id,
                col(EnrolmentCode.used_at).is_(None),
                col(EnrolmentCode.expires_at) > now,
            )
            .values(expires_at=now)
        )
    else:
        return 0
    devices = list(session.exec(statement))
    for device in devices:
        device.revoked_at = now
        session.add(device)
    return len(devices)
