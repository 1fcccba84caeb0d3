"""The client-side rate limiter, on a fake clock (no real waiting)."""

import pytest

from crm_sync.ratelimit import GENERAL, Limit, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def limiter(limits, margin=0.0):
    clock = Clock()
    return RateLimiter(limits, margin=margin, clock=clock, sleep=clock.sleep), clock


def test_a_window_lets_a_burst_through_then_waits_for_the_oldest_request_to_leave_it():
    rl, clock = limiter({GENERAL: [Limit(3, 10.0)]})
    sent = []
    for _ in range(7):
        rl.acquire()
        sent.append(clock.now)
    assert sent == [0, 0, 0, 10, 10, 10, 20]
    assert rl.waited == 20


def test_a_bucket_counts_in_its_own_window_and_in_the_general_one():
    rl, clock = limiter({GENERAL: [Limit(4, 10.0)], "search": [Limit(2, 1.0)]})
    times = []
    for bucket in ["search", "search", "search", "list", "list"]:
        rl.acquire(bucket)
        times.append(clock.now)
    # Third search waits for the 1-second window; the fifth request for the 10-second one.
    assert times == [0, 0, 1.0, 1.0, 10.0]


def test_time_spent_elsewhere_is_not_waited_again():
    rl, clock = limiter({GENERAL: [Limit(2, 1.0)]})
    rl.acquire()
    rl.acquire()
    clock.now = 5.0  # the engine worked for 5 s
    assert rl.acquire() == 0.0


def test_the_margin_waits_a_little_longer_than_the_window():
    rl, clock = limiter({GENERAL: [Limit(1, 10.0)]}, margin=0.02)
    rl.acquire()
    rl.acquire()
    assert clock.now == pytest.approx(10.2)


def test_replacing_a_limit_keeps_the_requests_already_sent():
    rl, clock = limiter({GENERAL: [Limit(100, 10.0)]})
    for _ in range(3):
        rl.acquire()
    rl.replace(GENERAL, Limit(3, 10.0))  # the vendor says: only 3 per 10 s for this account
    rl.acquire()
    assert clock.now == 10.0


def test_waits_the_vendor_asked_for_are_counted():
    rl, _ = limiter({})
    assert rl.acquire() == 0.0
    rl.pause(2.5)
    assert rl.waited == 2.5


def test_a_limit_needs_a_request_and_a_window():
    with pytest.raises(ValueError):
        Limit(0, 1.0)
    with pytest.raises(ValueError):
        Limit(1, 0)


def test_a_request_counts_from_its_answer_so_slow_answers_never_make_it_early():
    rl, clock = limiter({GENERAL: [Limit(2, 1.0)]})
    rl.acquire()
    clock.now = 0.4  # the answer took 0.4 s: the vendor may have counted it as late as that
    rl.finished()
    rl.acquire()
    rl.finished()
    rl.acquire()
    assert clock.now == pytest.approx(1.4)


def run(rl, clock, trips):
    """Send one request per round trip in `trips` (seconds); return when each was sent."""
    sent = []
    for trip in trips:
        rl.acquire()
        sent.append(round(clock.now, 6))
        clock.now += trip
        rl.finished()
    return sent


def test_a_steady_connection_goes_at_the_limit_instead_of_losing_a_round_trip_per_window():
    # HubSpot's searches: 5 a second, each answered in 0.15 s. Counted from their
    # answers, every window lasted 1.15 s (15 % slower than the limit allows).
    rl, clock = limiter({"search": [Limit(5, 1.0)]})
    sent = []
    for trip in [0.15] * 16:
        rl.acquire("search")
        sent.append(round(clock.now, 6))
        clock.now += trip
        rl.finished()
    assert sent[5::5] == [1.0, 2.0, 3.0]
    # Each window still holds five requests, counted from their sending.
    gaps = [later - earlier for earlier, later in zip(sent[:-5], sent[5:], strict=True)]
    assert min(gaps) >= 1.0 - 1e-9


def test_a_request_slower_than_the_fastest_counts_its_excess_as_if_spent_on_the_way():
    rl, clock = limiter({GENERAL: [Limit(2, 1.0)]})
    # Two answers in 0.1 s; the third, sent at 1.0, takes 0.4 s: it may have
    # arrived as late as 1.3 (its answer minus the fastest round trip).
    assert run(rl, clock, [0.1, 0.1, 0.4, 0.1]) == [0.0, 0.1, 1.0, 1.4]
    rl.acquire()
    assert clock.now == pytest.approx(2.3)  # not 2.0, a second after its sending


def test_until_two_round_trips_are_known_requests_count_from_their_answers():
    # The first request also opened the connection (0.5 s): with nothing to
    # compare it with, it counts from its answer, as the next one must wait.
    rl, clock = limiter({GENERAL: [Limit(1, 1.0)]})
    assert run(rl, clock, [0.5, 0.1]) == [0.0, 1.5]
    rl.acquire()
    # Now the fastest round trip (0.1 s) is known: the second request counts from 1.5.
    assert clock.now == pytest.approx(2.5)


def test_a_faster_round_trip_moves_the_requests_already_logged_earlier():
    rl, clock = limiter({GENERAL: [Limit(2, 1.0)]})
    assert run(rl, clock, [0.5, 0.1]) == [0.0, 0.5]
    rl.acquire()
    # The first request's answer came 0.5 s after its sending, 0.4 s more than
    # the fastest: it counts from 0.4, so the third waits until 1.4 (from its answer: 1.5).
    assert clock.now == pytest.approx(1.4)
