"""Who is who: the staff roles, and whose devices each role manages.

The app shows only what a role may do; the server enforces the same rules, because it
trusts no device (`sync_server.deps`, `sync_server.routes.admin`)."""

from wegweiser.protocol import Role

STAFF: tuple[Role, ...] = (Role.KOORDINATION, Role.ADMIN)
"""The Koordinierungsstelle: reviews reports, edits entries, enrols devices."""


def is_staff(role: str | None) -> bool:
    """Whether `role` works for the Koordinierungsstelle."""
    return role in STAFF


def roles_managed_by(role: str | None) -> tuple[Role, ...]:
    """The roles whose enrolment codes and devices `role` manages: an administrator
    everybody's, the coordination office the guides', a guide nobody's."""
    if role == Role.ADMIN:
        return (Role.LOTSE, Role.KOORDINATION, Role.ADMIN)
    if role == Role.KOORDINATION:
        return (Role.LOTSE,)
    return ()
