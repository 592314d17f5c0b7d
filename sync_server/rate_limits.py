"""Rate limits and quotas: one device, one address or one account cannot wear out the
server or the Koordinierungsstelle.

Token buckets keyed by what they limit ("push:<device>", "enrol:<address>"). Each holds
up to a period's allowance and refills evenly, so a device back from a week offline sends
its backlog at once, while a script sending thousands a minute is told when to come back
(429 with Retry-After). `RateLimiter` keeps them in this process's memory, for what only
sheds load (page views); the limits that must hold across server processes are kept in
the database (`sync_server.shared_limits`), as is the quota of pending change reports.
"""

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func
from sqlmodel import Session, col, select

from sync_server.auth import Caller
from sync_server.problems import ProblemError
from sync_server.tables import AppliedMutation
from wegweiser.edits import becomes_report
from wegweiser.kinds import kind_of
from wegweiser.owned import ChangeReport, ReportStatus
from wegweiser.protocol import Mutation


@dataclass(frozen=True)
class Rate:
    """`count` per `seconds`, all of it usable at once."""

    count: int
    seconds: float


class Limiter(Protocol):
    """Token buckets by key, in this process (`RateLimiter`) or shared by all of them."""

    def take(self, key: str, rate: Rate, cost: float = 1.0) -> int | None: ...


class RateLimiter:
    """Token buckets by key in this process; thread-safe (routes run in a thread pool)."""

    MAX_KEYS = 100_000
    """Buckets kept at most; beyond, the longest untouched is forgotten (a full bucket
    again, if ever asked for: it errs towards letting a request through)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        # key -> (tokens, at), the longest untouched first: forgetting one is O(1). A
        # scan of all keys past the limit cost 13 ms a request under a global lock,
        # reachable by a script that brings a new address each time.
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str, rate: Rate, cost: float = 1.0) -> int | None:
        """Spend `cost` from `key`'s bucket: None when allowed, else whole seconds to
        wait until it would be (nothing is spent then). A cost beyond a full bucket takes
        a full bucket: a batch larger than the rate goes once the bucket is full."""
        cost = min(cost, float(rate.count))
        now = self._clock()
        refill = rate.count / rate.seconds
        with self._lock:
            tokens, at = self._buckets.pop(key, (float(rate.count), now))
            tokens = min(float(rate.count), tokens + (now - at) * refill)
            wait = None if tokens >= cost else max(1, math.ceil((cost - tokens) / refill))
            self._buckets[key] = (tokens if wait else tokens - cost, now)
            while len(self._buckets) > self.MAX_KEYS:
                self._buckets.popitem(last=False)
            return wait

    def __len__(self) -> int:
        return len(self._buckets)


def too_many(wait: int, detail: str) -> ProblemError:
    """The 429 answer: what was too much, and when to come back."""
    return ProblemError(
        429,
        "zu-viele-anfragen",
        "Zu viele Anfragen",
        detail,
        headers={"Retry-After": str(wait)},
    )


def check(limiter: Limiter, key: str, rate: Rate, detail: str, cost: float = 1.0) -> None:
    """Raise the 429 problem when `key` is over `rate`."""
    wait = limiter.take(key, rate, cost)
    if wait is not None:
        raise too_many(wait, detail)


def check_reports(
    session: Session,
    caller: Caller,
    mutations: list[Mutation],
    limiter: Limiter,
    rate: Rate,
    max_pending: int,
) -> None:
    """A guide's edits of shared content become change reports for a person to read: at
    most `rate` new ones an hour, and no new ones while `max_pending` wait, per account.
    Mutations answered before (a retry) cost nothing."""
    new = [
        m.id
        for m in mutations
        if (kind := kind_of(m.entity)) is not None and becomes_report(caller.role, kind)
    ]
    if not new:
        return
    answered = set(
        session.exec(select(AppliedMutation.id).where(col(AppliedMutation.id).in_(new))).all()
    )
    count = len(set(new) - answered)
    if count == 0:
        return
    pending = session.exec(
        select(func.count())
        .select_from(ChangeReport)
        .where(
            col(ChangeReport.account_id) == caller.account.id,
            col(ChangeReport.status) == ReportStatus.PENDING,
        )
    ).one()
    # Refused only once the quota is reached: a batch may overshoot it by its own size,
    # but a device whose batch is larger than what is left is never stuck.
    if pending >= max_pending:
        raise ProblemError(
            429,
            "zu-viele-offene-meldungen",
            "Zu viele offene Meldungen",
            f"Von diesem Konto warten schon {pending} Meldungen auf die Prüfung (höchstens "
            f"{max_pending}). Neue Meldungen werden gesendet, sobald die Koordinierungsstelle "
            "die bisherigen geprüft hat; sie bleiben auf dem Gerät gespeichert.",
            headers={"Retry-After": "3600"},
        )
    check(
        limiter,
        f"reports:{caller.account.id}",
        rate,
        f"Höchstens {rate.count} neue Meldungen pro Stunde und Konto; die übrigen bleiben "
        "auf dem Gerät gespeichert und werden später gesendet.",
        cost=count,
    )
