"""The loopback HTTP server every vendor simulator is built on.

A simulator is an in-memory CRM behind a real HTTP server on 127.0.0.1, with
the vendor's endpoints, pagination, limits and error bodies (each vendor
module says which public documentation it follows). On top of that, a
fault schedule plays the failures real APIs show, by request number:

- ``429`` / ``429-bare``: rate limited, with and without ``Retry-After``;
- ``500`` / ``502`` / ``503``: server errors;
- ``hang``: accept the request and never answer (the client times out);
- ``cut``: announce a body, send half of it, close the connection;
- ``truncated``: a 200 whose JSON stops half-way (a complete HTTP answer);
- ``html``: a 200 with an HTML error page instead of JSON;
- ``token``: every access token issued so far expires;
- ``cursor``: every cursor or delta token issued so far expires;
- ``mutate``: the test's mutation callback runs before the request is answered
  (records changed, merged or deleted during pagination).

The vendor's own rate limits are enforced on arrival (sliding windows), so a
client that paces itself badly gets the vendor's 429s, counted in
``throttled``.
"""

import datetime as dt
import json
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

FAULTS = (
    "429",
    "429-bare",
    "500",
    "502",
    "503",
    "hang",
    "cut",
    "truncated",
    "html",
    "token",
    "cursor",
    "mutate",
)
# How long a "hang" keeps its handler thread at most (teardown releases it at once).
MAX_HANG = 5.0


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name: str) -> str:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return ""


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode()


@dataclass
class Window:
    """A vendor limit enforced by the simulator: `requests` per `seconds` for matching requests."""

    name: str
    requests: int
    seconds: float
    applies: Callable[[Request], bool] = lambda request: True
    times: deque = field(default_factory=deque)


class VendorClock:
    """Modification times for the simulated records: in the past, strictly ordered by
    mutation, with frequent ties (several records changed in the same instant)."""

    def __init__(self, rng: random.Random, resolution: dt.timedelta) -> None:
        self.rng = rng
        self.resolution = resolution
        self.now = self._round(timezone.now() - dt.timedelta(days=10))
        # While a sync reads, changes come in real time: small steps.
        self.small = False

    def _round(self, value: dt.datetime) -> dt.datetime:
        """Down to the vendor's resolution (Salesforce: whole seconds; others: milliseconds)."""
        unit = self.resolution // dt.timedelta(microseconds=1)
        return value - dt.timedelta(microseconds=value.microsecond % unit)

    def tick(self) -> dt.datetime:
        if self.rng.random() > 0.35:  # else: the same instant as the last change
            if self.small:
                step = dt.timedelta(milliseconds=self.rng.randint(1, 2000))
            else:
                step = dt.timedelta(minutes=self.rng.randint(1, 40))
            self.now = self._round(self.now + max(step, self.resolution))
        return self.now


class Simulator:
    """Subclasses implement `route(request) -> Reply` and the vendor's error bodies."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.schedule: dict[int, str] = {}
        self.mutate: Callable[[], None] | None = None
        self.windows: list[Window] = []
        self.count = 0
        self.paths: list[str] = []  # every request's path, in order (benchmarks)
        self.throttled = 0
        # The clock of the vendor's limits: a test of pacing shares a virtual
        # one with the client's rate limiter, so waits do not depend on load.
        self.monotonic: Callable[[], float] = time.monotonic
        self.lock = threading.RLock()
        self.release = threading.Event()
        self.tokens: set[str] = set()
        self.fresh()
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                simulator._serve(self)

            do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

            def log_message(self, format, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # life cycle

    def start(self) -> "Simulator":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> "Simulator":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def plan(self, faults: dict[int, str]) -> None:
        """Play `faults` on the coming requests: {1: "503"} fails the next one."""
        with self.lock:
            self.schedule = {self.count + n: fault for n, fault in faults.items()}

    def reset(self, seed: int) -> None:
        """Start again with an empty CRM (one server, many property-test schedules)."""
        with self.lock:
            self.rng = random.Random(seed)
            self.schedule = {}
            self.mutate = None
            self.throttled = 0
            for window in self.windows:
                window.times.clear()
            self.fresh()

    # what subclasses provide

    def fresh(self) -> None:
        """Set up the empty store (called at creation and by reset)."""

    def route(self, request: Request) -> Reply:
        raise NotImplementedError

    def rate_limited(self, window: Window, retry_after: float | None) -> Reply:
        headers = {"Retry-After": str(max(1, round(retry_after)))} if retry_after else {}
        return Reply(429, {"error": "rate limited"}, headers)

    def server_error(self, status: int) -> Reply:
        return Reply(status, {"error": "server error"})

    def expire_cursors(self) -> None:
        """Make every cursor issued so far invalid (vendors that have such cursors)."""

    # tokens

    def issue_token(self) -> str:
        token = f"tok-{self.rng.getrandbits(64):016x}"
        self.tokens.add(token)
        return token

    def bearer_ok(self, request: Request) -> bool:
        value = request.header("Authorization")
        return value[:7].lower() == "bearer " and value[7:] in self.tokens

    # serving

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        parts = urlsplit(handler.path)
        request = Request(
            handler.command,
            parts.path,
            parse_qs(parts.query, keep_blank_values=True),
            dict(handler.headers.items()),
            body,
        )
        with self.lock:
            self.count += 1
            self.paths.append(request.path)
            fault = self.schedule.pop(self.count, None)
            reply = self._limit(request)
            if reply is None:
                reply = self._fault(fault, request)
        if fault == "hang":
            self.release.wait(MAX_HANG)
            handler.close_connection = True
            return
        if reply is None:
            with self.lock:
                reply = self.route(request)
        payload = reply.payload()
        try:
            handler.send_response(reply.status)
            content_type = reply.headers.pop("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Type", content_type)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            if fault == "cut":
                handler.send_header("Content-Length", str(len(payload) + 200))
                handler.end_headers()
                handler.wfile.write(payload[: len(payload) // 2])
                handler.wfile.flush()
                handler.close_connection = True
                return
            if fault == "truncated":
                payload = payload[: max(1, len(payload) // 2)]
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass  # the client gave up first

    def _limit(self, request: Request) -> Reply | None:
        now = self.monotonic()
        for window in self.windows:
            if not window.applies(request):
                continue
            while window.times and window.times[0] <= now - window.seconds:
                window.times.popleft()
            if len(window.times) >= window.requests:
                self.throttled += 1
                return self.rate_limited(window, window.times[0] + window.seconds - now)
        for window in self.windows:
            if window.applies(request):
                window.times.append(now)
        return None

    def _fault(self, fault: str | None, request: Request) -> Reply | None:
        if fault is None or fault in ("hang", "cut", "truncated"):
            return None
        if fault == "429":
            return self.rate_limited(self.windows[0] if self.windows else Window("x", 1, 1), 1)
        if fault == "429-bare":
            return self.rate_limited(self.windows[0] if self.windows else Window("x", 1, 1), None)
        if fault in ("500", "502", "503"):
            return self.server_error(int(fault))
        if fault == "html":
            page = b"<html><body><h1>Service unavailable</h1></body></html>"
            return Reply(200, page, {"Content-Type": "text/html"})
        if fault == "token":
            self.tokens.clear()
        elif fault == "cursor":
            self.expire_cursors()
        elif fault == "mutate" and self.mutate is not None:
            self.mutate()
        return None


def compare(have, op: str, want) -> bool:
    """A query language's comparison; an empty value (None, or Odoo's False) is never
    smaller or greater than anything."""
    if op in ("=", "=="):
        return have == want
    if op == "!=":
        return have != want
    if have is None or have is False or want is None:
        return False
    return {"<": have < want, "<=": have <= want, ">": have > want, ">=": have >= want}[op]


def random_schedule(rng: random.Random, requests: int, faults=FAULTS, most: int = 3) -> dict:
    """Up to `most` faults at random request numbers among the next `requests`."""
    return {rng.randint(1, requests): rng.choice(faults) for _ in range(rng.randint(0, most))}
