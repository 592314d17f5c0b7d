"""Rate limits every server process spends from together: token buckets in the database.

A limit kept in one process's memory allows N times the rate behind N processes (or
hosts). The limits that guard something scarce - enrolment codes against guessing, the
database against a pushing script, the office against a flood of reports, a contact
point's inbox - are kept here; what only sheds load (page views) stays per process in
`rate_limits.RateLimiter`.

On the request's own session (the pool has a connection per request, no more): spend in
a single conditional UPDATE (atomic on SQLite and PostgreSQL alike), else create a full
bucket, else read how long to wait; then commit, so that what is spent stays spent when
the request then fails (a wrong enrolment code must count). So it is asked first, before
the request writes anything of its own. The clock is the wall clock, shared by processes
on one host and kept in step by NTP across hosts.
"""

import math
import time
from collections.abc import Callable

from sqlalchemy import text
from sqlmodel import Session

from sync_server.rate_limits import Rate

# A request that read the clock before another one spent comes after it with an earlier
# `now`: time never runs back for a bucket (that request found its last token short by
# the microseconds between the two, and was refused with a token left).
_LATEST = "CASE WHEN :now > refreshed THEN :now ELSE refreshed END"
_AVAILABLE = (
    f"CASE WHEN tokens + ({_LATEST} - refreshed) * :refill > :full THEN :full "
    f"ELSE tokens + ({_LATEST} - refreshed) * :refill END"
)
_SPEND = text(
    f"UPDATE rate_bucket SET tokens = {_AVAILABLE} - :cost, refreshed = {_LATEST} "
    f"WHERE name = :name AND {_AVAILABLE} >= :cost RETURNING name"
)
_CREATE = text(
    "INSERT INTO rate_bucket (name, tokens, refreshed) VALUES (:name, :full - :cost, :now) "
    "ON CONFLICT (name) DO NOTHING RETURNING name"
)
_READ = text("SELECT tokens, refreshed FROM rate_bucket WHERE name = :name")
_FORGET = text("DELETE FROM rate_bucket WHERE refreshed < :before")


class SharedRateLimiter:
    """Token buckets by key in the `rate_bucket` table, spent through one request's
    session; same answers as `RateLimiter`."""

    def __init__(self, session: Session, clock: Callable[[], float] = time.time) -> None:
        self._session = session
        self._clock = clock

    def take(self, key: str, rate: Rate, cost: float = 1.0) -> int | None:
        """Spend `cost` from `key`'s bucket: None when allowed, else whole seconds to
        wait until it would be (nothing is spent then)."""
        cost = min(cost, float(rate.count))
        refill = rate.count / rate.seconds
        for _ in range(3):
            now = self._clock()
            values = {
                "name": key[:200],
                "now": now,
                "refill": refill,
                "full": float(rate.count),
                "cost": cost,
            }
            try:
                if self._session.execute(_SPEND, values).first() is not None:
                    return None
                if self._session.execute(_CREATE, values).first() is not None:
                    return None
                row = self._session.execute(_READ, values).first()
            finally:
                self._session.commit()
            if row is None:
                continue  # forgotten in between
            since = max(0.0, now - float(row.refreshed))
            tokens = min(float(rate.count), float(row.tokens) + since * refill)
            if tokens < cost:
                return max(1, math.ceil((cost - tokens) / refill))
            # Another process created or refilled it between our statements: again.
        return 1

    def forget(self, idle_seconds: float) -> int:
        """Drop buckets untouched this long (full again by then, for any rate up to it)."""
        result = self._session.execute(_FORGET, {"before": self._clock() - idle_seconds})
        self._session.commit()
        return int(getattr(result, "rowcount", 0) or 0)
