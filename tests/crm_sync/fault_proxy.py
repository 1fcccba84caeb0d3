"""A fault-injecting HTTP proxy in front of a real CRM server (the tests' trytond).

It forwards each POST as it is (headers, status, body), after an optional
delay, unless the fault schedule names the request's number. The faults are
the simulators' (tests/crm_sync/simulators/base.py) as a proxy can play them
in front of a real server, plus the answers of the wrong shape a hostile
tester sends:

- ``429`` / ``429-bare``: rate limited, with and without ``Retry-After``;
- ``500`` / ``502`` / ``503``: server errors;
- ``hang``: accept the request and never answer (the client times out);
- ``cut``: announce a body, send half of it, close the connection;
- ``truncated``: the server's 200, with its JSON cut half-way;
- ``html``: a 200 with an HTML error page instead of JSON;
- ``401``: the session is refused (the connector logs in again);
- ``null``: valid JSON-RPC whose ``result`` is null;
- ``missing``: the server's answer with the first row's ``last_modified_at`` removed;
- ``surrogate``: the server's answer with a lone surrogate (``\\ud800``) in the
  first row's name: valid JSON, which a sync must clean, not choke on.

Faults are keyed by request number (1 for the first request the proxy
receives), so a seeded schedule replays exactly.
"""

import http.client
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Faults after which a run cannot succeed (it fails, and the next run goes on).
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
    "401",
    "null",
    "missing",
    "surrogate",
)
# How long a "hang" keeps its handler thread at most (close() releases it at once).
MAX_HANG = 5.0


class FaultProxy:
    """Forward HTTP POSTs to `upstream`, playing `faults` ({request number: fault})."""

    def __init__(self, upstream: str, delay: float = 0.0) -> None:
        target = urllib.parse.urlsplit(upstream)
        self.delay = delay
        self.faults: dict[int, str] = {}
        self.requests = 0
        self.played: list[tuple[int, str]] = []
        self.lock = threading.Lock()
        self.released = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with proxy.lock:
                    proxy.requests += 1
                    fault = proxy.faults.pop(proxy.requests, None)
                    if fault:
                        proxy.played.append((proxy.requests, fault))
                if proxy.delay:
                    time.sleep(proxy.delay)
                if fault in ("429", "429-bare", "500", "502", "503", "401"):
                    status = 429 if fault.startswith("429") else int(fault)
                    extra = {"Retry-After": "0"} if fault == "429" else {}
                    return self._answer(status, b'{"error": "injected"}', extra)
                if fault == "hang":
                    proxy.released.wait(MAX_HANG)
                    self.close_connection = True
                    return None
                if fault == "html":
                    return self._answer(
                        200, b"<html><body>502 Bad Gateway</body></html>", {}, "text/html"
                    )
                if fault == "null":
                    request_id = json.loads(body or b"{}").get("id")
                    return self._answer(
                        200, json.dumps({"id": request_id, "result": None}).encode()
                    )
                status, headers, payload = self._forward(body)
                if fault == "cut":
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload[: len(payload) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return None
                if fault == "truncated":
                    payload = payload[: len(payload) // 2]
                elif fault in ("missing", "surrogate"):
                    payload = _reshape(payload, fault)
                return self._answer(status, payload, headers)

            def _forward(self, body: bytes) -> tuple[int, dict, bytes]:
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")
                }
                upstream_connection = http.client.HTTPConnection(target.netloc, timeout=30)
                try:
                    upstream_connection.request("POST", self.path, body=body, headers=headers)
                    response = upstream_connection.getresponse()
                    payload = response.read()
                finally:
                    upstream_connection.close()
                kept = {
                    k: v
                    for k, v in response.getheaders()
                    if k.lower() not in ("content-length", "connection", "transfer-encoding")
                }
                return response.status, kept, payload

            def _answer(
                self,
                status: int,
                payload: bytes,
                headers: dict | None = None,
                content_type: str = "application/json",
            ) -> None:
                self.send_response(status)
                headers = headers or {}
                if not any(k.lower() == "content-type" for k in headers):
                    self.send_header("Content-Type", content_type)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def plan(self, faults: dict[int, str]) -> None:
        """Play `faults` ({n: fault}) on the n-th request from now; {} stops the faults."""
        with self.lock:
            self.faults = {self.requests + n: fault for n, fault in faults.items()}

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def _reshape(payload: bytes, fault: str) -> bytes:
    """The server's JSON-RPC answer, its first row damaged (unchanged when it has no rows)."""
    try:
        answer = json.loads(payload)
    except ValueError:
        return payload
    rows = answer.get("result") if isinstance(answer, dict) else None
    if not (isinstance(rows, list) and rows and isinstance(rows[0], dict)):
        return payload
    if fault == "missing":
        rows[0].pop("last_modified_at", None)
    elif isinstance(rows[0].get("name"), str):
        rows[0]["name"] += "\ud800"
    # ensure_ascii spells the surrogate \ud800: valid JSON that Python decodes as is.
    return json.dumps(answer).encode()


def random_faults(rng, requests: int, count: int) -> dict[int, str]:
    """Up to `count` faults at random among the next `requests` requests."""
    return {rng.randint(1, requests): rng.choice(FAULTS) for _ in range(count)}
