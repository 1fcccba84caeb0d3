"""RetryingClient against a real loopback HTTP server.

The server answers from a script (a queue of responses, then a default one),
counts requests and records their headers and bodies. Sleeps are injected, so
no test really waits for a back-off.
"""

import contextlib
import email.utils
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from crm_sync.http import RetryingClient, SourceError, SourceUnavailable

# Longest a "hang" answer keeps its handler thread; teardown releases it at once.
MAX_HANG = 10.0


@dataclass
class Answer:
    status: int = 200
    body: bytes | str | dict | list = b"{}"
    headers: dict = field(default_factory=dict)
    hang: bool = False  # accept the request, never answer
    truncate: bool = False  # announce a longer body than is sent, then close

    def payload(self) -> bytes:
        if isinstance(self.body, dict | list):
            return json.dumps(self.body).encode()
        if isinstance(self.body, str):
            return self.body.encode()
        return self.body


def ok(body) -> Answer:
    return Answer(200, body, {"Content-Type": "application/json"})


class ScriptedServer:
    """A ThreadingHTTPServer on 127.0.0.1 that plays `script`, then `default` forever."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.script: list[Answer] = []
        self.default = Answer(500, b"default answer")
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.release = threading.Event()
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                scripted.answer(self)

            do_POST = do_GET

            def log_message(self, format, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://{host}:{self.port}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def count(self) -> int:
        with self.lock:
            return len(self.requests)

    def play(self, *answers: Answer, default: Answer | None = None) -> None:
        self.script = list(answers)
        if default is not None:
            self.default = default

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        with self.lock:
            self.requests.append(
                {
                    "method": handler.command,
                    "path": handler.path,
                    "headers": dict(handler.headers.items()),
                    "body": body,
                }
            )
            answer = self.script.pop(0) if self.script else self.default
        if answer.hang:
            self.release.wait(MAX_HANG)
            return
        payload = answer.payload()
        try:
            handler.send_response(answer.status)
            for name, value in answer.headers.items():
                handler.send_header(name, value)
            if answer.truncate:
                handler.send_header("Content-Length", str(len(payload) + 100))
            else:
                handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass  # the client gave up first

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()  # joins the handler threads, all bounded
        self.thread.join(timeout=5)


@pytest.fixture
def server():
    scripted = ScriptedServer()
    scripted.start()
    yield scripted
    scripted.stop()


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def client(sleeps):
    return RetryingClient(attempts=5, backoff=0.5, max_wait=60.0, timeout=5.0, sleep=sleeps.append)


def test_two_503_then_json_returns_the_json_after_two_retries(server, client, sleeps):
    server.play(Answer(503), Answer(503), ok({"result": [1, 2, 3]}))
    assert client.request_json("GET", server.url + "/rpc") == {"result": [1, 2, 3]}
    assert client.retries == 2
    assert server.count == 3
    assert len(sleeps) == 2


def test_retries_resend_the_same_body_and_headers(server, client):
    server.play(Answer(502), ok({"result": "done"}))
    result = client.request_json(
        "POST", server.url + "/rpc", json={"method": "x"}, headers={"X-Trace": "abc"}
    )
    assert result == {"result": "done"}
    first, second = server.requests
    assert first["method"] == second["method"] == "POST"
    assert json.loads(first["body"]) == json.loads(second["body"]) == {"method": "x"}
    assert first["headers"]["X-Trace"] == second["headers"]["X-Trace"] == "abc"
    assert first["headers"]["Content-Type"] == "application/json"


def test_429_with_retry_after_seconds_waits_that_long(server, client, sleeps):
    server.play(Answer(429, headers={"Retry-After": "3"}), ok([]))
    assert client.request_json("GET", server.url) == []
    assert sleeps == [3]
    assert client.retries == 1


def test_429_with_an_http_date_retry_after_waits_until_that_date(server, client, sleeps):
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    server.play(Answer(429, headers={"Retry-After": when}), ok({"ok": True}))
    assert client.request_json("GET", server.url) == {"ok": True}
    # HTTP dates have a one-second resolution; allow for it and for slowness.
    assert len(sleeps) == 1
    assert 25 <= sleeps[0] <= 30


def test_a_long_retry_after_is_capped_by_max_wait(server, sleeps):
    client = RetryingClient(attempts=3, max_wait=7.5, sleep=sleeps.append)
    server.play(Answer(503, headers={"Retry-After": "3600"}), ok({}))
    assert client.request_json("GET", server.url) == {}
    assert sleeps == [7.5]


def test_500_forever_gives_up_after_exactly_attempts_requests(server, sleeps):
    client = RetryingClient(attempts=5, backoff=1.0, max_wait=5.0, sleep=sleeps.append)
    server.play(default=Answer(500))
    with pytest.raises(SourceUnavailable, match="500") as raised:
        client.request_json("GET", server.url)
    assert raised.value.status is None
    assert server.count == 5
    assert client.retries == 4
    # One sleep between two attempts: 1, 2, 4 (each with up to 25 % jitter), then 8 capped at 5.
    assert len(sleeps) == 4
    for attempt, wait in enumerate(sleeps[:3]):
        assert 2**attempt <= wait < 2**attempt * 1.25
    assert sleeps[0] < sleeps[1] < sleeps[2] < 5.0
    assert sleeps[3] == 5.0
    assert all(wait <= client.max_wait for wait in sleeps)


def test_a_404_fails_at_once_and_is_not_unavailable(server, client, sleeps):
    server.play(Answer(404, b"not found"), default=ok({}))
    with pytest.raises(SourceError) as raised:
        client.request_json("GET", server.url + "/missing")
    assert not isinstance(raised.value, SourceUnavailable)
    assert raised.value.status == 404
    assert server.count == 1
    assert client.retries == 0
    assert sleeps == []


def test_a_200_that_is_not_json_is_an_error_not_an_empty_page(server, client, sleeps):
    server.play(Answer(200, "<html>garbage", {"Content-Type": "application/json"}), default=ok({}))
    with pytest.raises(SourceError) as raised:
        client.request_json("GET", server.url)
    assert not isinstance(raised.value, SourceUnavailable)
    assert server.count == 1
    assert sleeps == []


def test_a_server_that_never_answers_times_out_and_is_retried(server, sleeps):
    client = RetryingClient(attempts=3, timeout=0.3, sleep=sleeps.append)
    server.play(default=Answer(hang=True))
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match="Timeout"):
        client.request_json("GET", server.url)
    elapsed = time.monotonic() - started
    assert server.count == 3
    assert client.retries == 2
    assert len(sleeps) == 2
    assert 0.9 <= elapsed < MAX_HANG  # three 0.3 s timeouts, not a server-side release


def test_a_refused_connection_is_unavailable(sleeps):
    # A bound TCP socket that does not listen: connections to it are refused,
    # and no other process can take the port during the test.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        client = RetryingClient(attempts=3, timeout=2.0, sleep=sleeps.append)
        with pytest.raises(SourceUnavailable, match="ConnectionError"):
            client.request_json("GET", f"http://127.0.0.1:{port}/rpc")
    assert client.retries == 2
    assert len(sleeps) == 2


@pytest.mark.parametrize(
    "make_url",
    [
        lambda base, port: f"{base}/rpc?api_key=SECRET123&db=wbm",
        lambda base, port: f"http://user:SECRET123@127.0.0.1:{port}/rpc",
    ],
    ids=["query-string", "userinfo"],
)
def test_retry_warnings_never_show_credentials(server, client, caplog, make_url):
    server.play(default=Answer(503))
    url = make_url(server.url, server.port)
    caplog.set_level(logging.WARNING)
    with pytest.raises(SourceUnavailable) as raised:
        client.request_json("GET", url)
    retries = [r for r in caplog.records if r.name == "crm_sync.http"]
    assert len(retries) == client.attempts - 1
    assert all(f"127.0.0.1:{server.port}/rpc" in r.getMessage() for r in retries)
    for record in caplog.records:
        assert "SECRET123" not in record.getMessage()
    assert "SECRET123" not in caplog.text
    assert "SECRET123" not in str(raised.value)
    # The credentials were still sent, only kept out of the logs.
    sent = server.requests[0]
    assert "SECRET123" in sent["path"] or sent["headers"].get("Authorization", "").startswith(
        "Basic "
    )


def test_an_unparseable_retry_after_falls_back_to_the_backoff(server, client, sleeps):
    server.play(Answer(503, headers={"Retry-After": "soon"}), ok({"ok": True}))
    assert client.request_json("GET", server.url) == {"ok": True}
    assert len(sleeps) == 1


def test_a_connection_dropped_mid_body_is_retried(server, client):
    server.play(Answer(200, b'{"result": [1', truncate=True), ok({"result": [1, 2]}))
    assert client.request_json("GET", server.url) == {"result": [1, 2]}
    assert client.retries == 1


# Where the client may connect (SSRF): every address a name resolves to is
# checked, the connection goes to the address that was checked, and redirects
# never leave the host. All targets here are loopback listeners.

NO_INTERNAL = {"CRM_ALLOW_HTTP": True, "CRM_ALLOWED_NETWORKS": []}


@pytest.fixture
def second_server():
    scripted = ScriptedServer()
    scripted.start()
    yield scripted
    scripted.stop()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_an_internal_address_is_refused_before_anything_is_sent(server, sleeps, host):
    server.play(default=ok({"result": "private"}))
    with override_settings(**NO_INTERNAL):
        client = RetryingClient(attempts=3, sleep=sleeps.append)
        with pytest.raises(SourceError) as raised:
            client.request_json("POST", f"http://{host}:{server.port}/rpc", json={"pw": "x"})
    assert server.count == 0
    assert not isinstance(raised.value, SourceUnavailable)
    assert client.retries == 0  # a refusal is not retried
    assert "CRM_ALLOWED_NETWORKS" in str(raised.value)


def test_production_refuses_plain_http(server):
    server.play(default=ok({}))
    https_only = override_settings(CRM_ALLOW_HTTP=False, CRM_ALLOWED_NETWORKS=["127.0.0.0/8"])
    with https_only, pytest.raises(SourceError, match="https"):
        RetryingClient(attempts=1).request_json("GET", server.url)
    assert server.count == 0


def test_an_operator_listed_network_is_reachable(server):
    server.play(default=ok({"result": 1}))
    with override_settings(CRM_ALLOW_HTTP=True, CRM_ALLOWED_NETWORKS=["127.0.0.1/32"]):
        assert RetryingClient(attempts=1).request_json("GET", server.url) == {"result": 1}


def test_errors_do_not_tell_which_internal_ports_answer(server, sleeps):
    server.play(default=Answer(500, b"<html>admin console of the internal service</html>"))
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        closed_port = closed.getsockname()[1]
        messages = []
        with override_settings(**NO_INTERNAL):
            for port in (server.port, closed_port):
                client = RetryingClient(attempts=2, timeout=2.0, sleep=sleeps.append)
                with pytest.raises(SourceError) as raised:
                    client.request_json("GET", f"http://127.0.0.1:{port}/")
                messages.append(str(raised.value).replace(str(port), "PORT"))
    assert messages[0] == messages[1]
    assert server.count == 0


def test_a_name_that_resolves_to_an_allowed_and_a_refused_address_is_refused(server, monkeypatch):
    """Every address of the name is checked, not only the first one."""
    refused = ScriptedServer("127.0.0.2", server.port)
    refused.start()
    try:
        real = socket.getaddrinfo

        def resolve(host, port, *args, **kwargs):
            if host == "crm.rebind.example":
                return [
                    *real("127.0.0.1", port, *args, **kwargs),
                    *real("127.0.0.2", port, *args, **kwargs),
                ]
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", resolve)
        server.play(default=ok({}))
        refused.play(default=ok({"result": "reached the refused address"}))
        only_first = override_settings(CRM_ALLOW_HTTP=True, CRM_ALLOWED_NETWORKS=["127.0.0.1/32"])
        with only_first, pytest.raises(SourceError):
            RetryingClient(attempts=1).request_json(
                "GET", f"http://crm.rebind.example:{server.port}/"
            )
        assert server.count == refused.count == 0
    finally:
        refused.stop()


def test_dns_rebinding_cannot_move_the_connection_after_the_check(server, monkeypatch):
    """The name answers an allowed address once, then a refused one (a rebinding
    attack): the connection goes to the address that was checked, or nowhere."""
    refused = ScriptedServer("127.0.0.2", server.port)
    refused.start()
    try:
        real = socket.getaddrinfo
        answers = {"count": 0}

        def resolve(host, port, *args, **kwargs):
            if host == "crm.rebind.example":
                answers["count"] += 1
                target = "127.0.0.1" if answers["count"] == 1 else "127.0.0.2"
                return real(target, port, *args, **kwargs)
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", resolve)
        server.play(default=ok({"result": "checked address"}))
        refused.play(default=ok({"result": "rebound address"}))
        with override_settings(CRM_ALLOW_HTTP=True, CRM_ALLOWED_NETWORKS=["127.0.0.1/32"]):
            client = RetryingClient(attempts=1)
            for _ in range(3):
                with contextlib.suppress(SourceError):
                    client.request_json("GET", f"http://crm.rebind.example:{server.port}/")
        assert refused.count == 0
    finally:
        refused.stop()


def test_a_redirect_to_another_host_is_refused(server, second_server, client):
    second_server.play(default=ok({"result": "other host"}))
    server.play(default=Answer(302, b"", {"Location": second_server.url + "/latest/meta-data/"}))
    with pytest.raises(SourceError, match="redirect") as raised:
        client.request_json("GET", server.url + "/rpc")
    assert second_server.count == 0
    assert str(second_server.port) not in str(raised.value)
    assert client.retries == 0


def test_a_redirect_within_the_same_host_is_followed(server, client):
    server.play(
        Answer(307, b"", {"Location": "/db/rpc/"}),
        ok({"result": "moved"}),
    )
    assert client.request_json("POST", server.url + "/rpc", json={"m": 1}) == {"result": "moved"}
    assert [r["path"] for r in server.requests] == ["/rpc", "/db/rpc/"]
    assert json.loads(server.requests[1]["body"]) == {"m": 1}


def test_a_refused_answer_never_echoes_the_remote_body(server, client):
    server.play(default=Answer(403, b"internal-banner: postgres 16.2 on db-7"))
    with pytest.raises(SourceError) as raised:
        client.request_json("GET", server.url)
    assert "postgres" not in str(raised.value)
    assert "403" in str(raised.value)
