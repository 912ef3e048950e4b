"""Two ASGI wrappers around the application: an access log, and errors always as JSON.

- AccessLog: one line per request on the `stylecheck.access` logger (stderr by default):
  client, method, path (no query string, never a body: articles are private), status, bytes sent
  and milliseconds, in a common-log-like shape an operator can grep.
- JSONErrors: any error response (status 400 and up) that is not already JSON, such as the host
  check's plain "Invalid host header", becomes `{"error": ..., "status": N}`, so a CMS always gets
  the API's shape.
"""
from __future__ import annotations

import json
import logging
import time

ACCESS = logging.getLogger("stylecheck.access")


class AccessLog:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        seen = {"status": 500, "bytes": 0}

        async def counting(message):
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting)
        finally:
            client = scope.get("client") or ("-", 0)
            ms = (time.perf_counter() - started) * 1000
            ACCESS.info('%s "%s %s" %d %d %.0fms', client[0], scope.get("method", "-"), scope.get("path", "-"),
                        seen["status"], seen["bytes"], ms)


class JSONErrors:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        held: dict = {}

        async def rewrite(message):
            if message["type"] == "http.response.start" and message["status"] >= 400:
                headers = dict((k.lower(), v) for k, v in message.get("headers", []))
                if not headers.get(b"content-type", b"").startswith(b"application/json"):
                    held["start"], held["body"] = message, b""
                    return
            if "start" in held and message["type"] == "http.response.body":
                held["body"] += message.get("body", b"")
                if message.get("more_body"):
                    return
                start = held.pop("start")
                text = held.pop("body").decode("utf-8", "replace").strip() or "error"
                body = json.dumps({"error": text, "status": start["status"]}).encode()
                keep = [(k, v) for k, v in start.get("headers", [])
                        if k.lower() not in (b"content-type", b"content-length")]
                await send({**start, "headers": keep + [(b"content-type", b"application/json"),
                                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, rewrite)


def configure_access_log(destination: str | None) -> None:
    """Send the access log to stderr ("-", the default), a file, or nowhere ("off")."""
    ACCESS.propagate = False
    for handler in list(ACCESS.handlers):
        ACCESS.removeHandler(handler)
    if destination == "off":
        ACCESS.disabled = True
        return
    ACCESS.disabled = False
    handler = logging.StreamHandler() if destination in (None, "-") else logging.FileHandler(destination, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S%z"))
    ACCESS.addHandler(handler)
    ACCESS.setLevel(logging.INFO)
