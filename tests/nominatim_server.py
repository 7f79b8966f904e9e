"""A real HTTP server on 127.0.0.1 that answers /search as Nominatim does, for the geocoder tests.

Tests never reach the internet: the online geocoder is pointed at this server
(``scheme="http"``, ``domain=server.domain``), which records every request.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class NominatimServer:
    """A threaded server on 127.0.0.1 (port 0) answering ``/search?q=…`` from *results*.

    ``requests`` holds ``(monotonic time, path, query parameters, headers)`` of
    each request and ``queries`` each ``q``; a ``status`` other than 200 makes
    every answer that HTTP error.
    """

    def __init__(self, results: dict[str, list[dict]], *, status: int = 200) -> None:
        self.results = results
        self.status = status
        self.requests: list[tuple[float, str, dict[str, list[str]], dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                url = urlsplit(self.path)
                params = parse_qs(url.query)
                outer.requests.append((time.monotonic(), url.path, params, dict(self.headers)))
                if url.path != "/search":
                    self.send_error(404)
                    return
                if outer.status != 200:
                    self.send_error(outer.status)
                    return
                body = json.dumps(outer.results.get(params.get("q", [""])[0], []),
                                  ensure_ascii=False).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.domain = f"127.0.0.1:{self.server.server_address[1]}"
        self.url = f"http://{self.domain}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)

    @property
    def queries(self) -> list[str]:
        return [params.get("q", [""])[0] for _, path, params, _ in self.requests if path == "/search"]

    def __enter__(self) -> "NominatimServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
