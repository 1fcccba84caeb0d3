"""Client-side rate limiting, one limiter per connection.

Vendors count requests in sliding windows ("100 requests per 10 seconds",
"5 searches per second", "6,000 requests per 5 minutes"). Waiting *before*
a request that would exceed a window costs exactly the time the vendor would
make us wait anyway, without the 429 and its penalty; six agencies synced in
one night then never set off a storm of 429s.

A limiter holds named limits; each request names the bucket it draws from
(HubSpot's search endpoint draws from its own 5/s bucket *and* from the
account's general 10-second bucket). The time spent waiting is added up so
the run can report it.
"""

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Every bucket also draws from the limits registered under this name.
GENERAL = "*"


@dataclass(frozen=True)
class Limit:
    """At most `requests` requests in any window of `seconds` seconds."""

    requests: int
    seconds: float

    def __post_init__(self) -> None:
        if self.requests < 1 or self.seconds <= 0:
            raise ValueError("a limit needs at least one request in a positive window")


class RateLimiter:
    """A sliding-window log per limit: a request waits until every window it counts in has room.

    The vendor counts a request when it arrives, somewhere between our
    sending and its answer. Counting each from its answer is never early, but
    it costs one round trip per window: with HubSpot's 5 searches a second
    and answers of 0.15 s, runs of searches went 10–17 % slower than the
    limit allows (against HubSpot, whose searches answer in 0.1–0.3 s, 10–30 %).

    So a request counts from its answer minus the connection's fastest round
    trip, i.e. from its sending plus its *excess* round trip (what its answer
    took beyond the fastest). The fastest round trip bounds what any request
    spends after it arrives; whatever a slower one took beyond it (a queue, a
    busy server, a new connection) may have been spent before it arrived, so
    it is counted as if it had been. A steady connection then loses no round
    trip per window, and a request held up on its way still counts late
    enough. Until two round trips are known, requests count from their
    answers. `margin`, a fraction of each window added to the wait, covers
    the clocks' granularity.
    """

    def __init__(
        self,
        limits: dict[str, Iterable[Limit]] | None = None,
        *,
        margin: float = 0.005,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.margin = margin
        self.clock = clock
        self.sleep = sleep
        self.waited = 0.0  # seconds spent waiting, for the run's report
        self._lock = threading.Lock()
        self._limits: dict[str, list[tuple[Limit, deque]]] = {}
        self._last: list[tuple[Limit, deque]] = []
        self._sent_at = 0.0  # when the request awaiting its answer was sent
        self._fastest = float("inf")  # the fastest round trip so far
        self._trips = 0  # round trips measured
        for bucket, bucket_limits in (limits or {}).items():
            for limit in bucket_limits:
                self.add(bucket, limit)

    def add(self, bucket: str, limit: Limit) -> None:
        """Add a limit to `bucket` (GENERAL: every request)."""
        self._limits.setdefault(bucket, []).append((limit, deque(maxlen=limit.requests)))

    def replace(self, bucket: str, limit: Limit) -> None:
        """Replace the limits of `bucket` by `limit` (a vendor told us its real limit)."""
        current = self._limits.get(bucket, [])
        if len(current) == 1 and current[0][0] == limit:
            return
        sent: deque = deque(maxlen=limit.requests)
        for _, times in current:
            sent.extend(times)
        self._limits[bucket] = [(limit, sent)]

    def limits(self, bucket: str = GENERAL) -> list[Limit]:
        return [limit for limit, _ in self._windows(bucket)]

    def _windows(self, bucket: str) -> list[tuple[Limit, deque]]:
        windows = list(self._limits.get(GENERAL, []))
        if bucket != GENERAL:
            windows += self._limits.get(bucket, [])
        return windows

    def acquire(self, bucket: str = GENERAL) -> float:
        """Wait until a request in `bucket` fits every window; return the seconds waited."""
        windows = self._windows(bucket)
        if not windows:
            return 0.0
        waited = 0.0
        with self._lock:
            while True:
                now = self.clock()
                wait = 0.0
                credit = self._credit()
                for limit, sent in windows:
                    if len(sent) == limit.requests:
                        free_at = sent[0] - credit + limit.seconds * (1 + self.margin)
                        wait = max(wait, free_at - now)
                if wait <= 0:
                    break
                self.sleep(wait)
                waited += wait
            for _, sent in windows:
                # The log holds answer times; until the answer, the sending
                # (plus the credit that `acquire` takes off again).
                sent.append(now + credit)
            self._last = windows
            self._sent_at = now
            self.waited += waited
        return waited

    def _credit(self) -> float:
        """What every logged answer time is counted before itself: the fastest round trip."""
        return self._fastest if self._trips >= 2 else 0.0

    def finished(self) -> None:
        """The last request got its answer: log its answer time and its round trip.

        It then counts from its answer minus the fastest round trip (see the
        class), never before its sending.
        """
        with self._lock:
            now = self.clock()
            self._fastest = min(self._fastest, max(0.0, now - self._sent_at))
            self._trips += 1
            for _, sent in self._last:
                if sent:
                    sent[-1] = max(sent[-1], now)

    def pause(self, seconds: float) -> None:
        """Count a wait the vendor asked for (Retry-After) as time spent on rate limits."""
        with self._lock:
            self.waited += max(0.0, seconds)
