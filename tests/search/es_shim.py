"""Loopback HTTP shim: Elasticsearch-8 client  ->  osmem-server.

The ES 8 Python client always sends
    Content-Type / Accept: application/vnd.elasticsearch+json; compatible-with=8
(and +x-ndjson for _bulk/_msearch). osmem answers 406 to that Content-Type.
This proxy rewrites those media types back to plain application/json|x-ndjson,
forwards everything else untouched, and guarantees the
``X-Elastic-Product: Elasticsearch`` response header that the client checks
on the first 2xx response (osmem 0.1.6 already sends it; kept as a safeguard).

Usage:
    shim = CompatShim("http://127.0.0.1:35029").start()
    es = Elasticsearch(shim.url)
    ...
    shim.stop()
or: python shim.py http://127.0.0.1:35029 [listen_port]
"""

from __future__ import annotations

import http.client
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_COMPAT = re.compile(
    r"application/vnd\.elasticsearch\+([\w.-]+)(\s*;\s*compatible-with=\d+)?", re.I
)
_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "host",
}


def decompat(value: str) -> str:
    return _COMPAT.sub(r"application/\1", value)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # lets the client keep its connection alive
    disable_nagle_algorithm = True  # TCP_NODELAY: avoids 40 ms Nagle/delayed-ACK stalls
    wbufsize = -1  # buffer headers+body; flushed after each request
    upstream: tuple[str, int]  # set on the subclass built by CompatShim

    def log_message(self, *args):  # silence stderr access log
        pass

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # discard trailers
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()  # CRLF after each chunk
            return b"".join(chunks)
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else None

    def _proxy(self) -> None:
        body = self._read_body()
        headers = {
            k: (decompat(v) if k.lower() in ("content-type", "accept") else v)
            for k, v in self.headers.items()
            if k.lower() not in _HOP
        }
        headers["Content-Length"] = str(len(body or b""))
        try:
            conn = http.client.HTTPConnection(*self.upstream, timeout=120)
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()  # http.client de-chunks for us
            conn.close()
        except OSError as exc:
            msg = f'{{"error":"osmem shim: upstream unreachable: {exc}","status":502}}'.encode()
            self.send_response(502)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(msg)))
            self.end_headers()
            self.wfile.write(msg)
            return
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in _HOP and k.lower() != "content-length":
                self.send_header(k, v)
        if resp.getheader("X-Elastic-Product") is None:
            self.send_header("X-Elastic-Product", "Elasticsearch")
        # HEAD: echo upstream length, send no body
        length = resp.getheader("Content-Length") if self.command == "HEAD" else str(len(data))
        self.send_header("Content-Length", length or "0")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _proxy


class CompatShim:
    def __init__(self, upstream_url: str, port: int = 0, host: str = "127.0.0.1"):
        u = urlsplit(upstream_url)
        handler = type("Handler", (_Handler,), {"upstream": (u.hostname, u.port or 80)})
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        self.url = f"http://{host}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> CompatShim:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
