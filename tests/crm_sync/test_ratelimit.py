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
