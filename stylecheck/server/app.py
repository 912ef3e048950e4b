"""The web application: the editors' page and the JSON API for a CMS, with hard limits.

Limits protect a shared checker from one heavy client: a maximum body size (413), an optional
per-client request rate (429), a bounded worker pool with a bounded queue (503 when full) and a
time budget per check (the answer then carries `incomplete: true` with what was found so far).
Clients send text and config data only; the server never reads a path a client names.
"""
from __future__ import annotations

import asyncio
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..version import __version__
from ..config import Settings
from ..engine import RunResult
from ..fixes import LEVELS, count
from . import checks
from .openapi import openapi

STATIC = Path(__file__).resolve().parent / "static"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
# The page loads only its own files; nothing inline, nothing from elsewhere.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                 b"base-uri 'none'; frame-ancestors 'none'; form-action 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


@dataclass(frozen=True)
class Limits:
    """What one server allows; the command line sets these."""

    max_body: int = 1_000_000  # bytes of request body
    time_budget: float = 5.0  # seconds per check, from arrival
    workers: int = 2  # checks running at once
    queue: int = 16  # checks waiting for a worker; more than workers + queue -> 503
    rate: float = 0.0  # requests per second per client address; 0 = no rate limit
    burst: int = 20  # requests a client may send at once before the rate applies
    grace: float = 0.25  # extra wait for a rule that overruns the budget before answering without it
    body_timeout: float = 15.0  # seconds to receive a request body; a stalled client gets 408


class _Buckets:
    """Token buckets per client address (bounded: the oldest are forgotten first)."""

    MAX_CLIENTS = 10_000

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self.tokens: dict[str, tuple[float, float]] = {}

    def take(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        now = time.monotonic()
        tokens, last = self.tokens.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if len(self.tokens) >= self.MAX_CLIENTS:
            self.tokens.pop(next(iter(self.tokens)))
        if tokens < 1.0:
            self.tokens[client] = (tokens, now)
            return (1.0 - tokens) / self.rate
        self.tokens[client] = (tokens - 1.0, now)
        return 0.0


class Service:
    """The per-application state: the worker pool, its queue count and the rate buckets."""

    def __init__(self, limits: Limits, base: Settings, linter_for: Callable | None):
        if linter_for is None:
            from ..engine import linter_for
        self.limits, self.base, self.linter_for = limits, base, linter_for
        self.pool = ThreadPoolExecutor(max_workers=limits.workers, thread_name_prefix="stylecheck-check")
        self._lock = threading.Lock()
        self.pending = 0
        self.buckets = _Buckets(limits.rate, limits.burst) if limits.rate > 0 else None
        self.warming = None  # the start-up warm-up (a Future), for tests and health checks

    def admit(self, request: Request) -> None:
        """Refuse a request over the client's rate (429) or when the queue is full (503)."""
        if self.buckets is not None:
            wait = self.buckets.take(request.client.host if request.client else "?")
            if wait > 0:
                raise HTTPException(429, "too many requests from this client; slow down",
                                    headers={"Retry-After": str(max(1, round(wait)))})
        with self._lock:
            if self.pending >= self.limits.workers + self.limits.queue:
                raise HTTPException(503, "the checker is busy; try again shortly", headers={"Retry-After": "1"})
            self.pending += 1

    def _release(self, _future) -> None:
        with self._lock:
            self.pending -= 1

    async def run(self, work: Callable[[], Any], snapshot: Callable[[], Any], deadline: float) -> Any:
        """Run work in the pool; past the deadline (plus grace) answer with snapshot() instead.

        The worker slot stays taken until the work really ends, so an overrunning rule still
        counts against the pool and the queue bound holds.
        """
        future = self.pool.submit(work)
        future.add_done_callback(self._release)
        timeout = max(0.0, deadline - time.monotonic()) + self.limits.grace
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), timeout)
        except asyncio.TimeoutError:
            return snapshot()

    def warm(self) -> None:
        """Compile the default rules and load their data (lexicons) before the first editor waits."""
        try:
            self.linter_for(self.base).run("Warm up the the checker.", "text")
        except Exception:  # a broken rule shows up in real checks, with its message
            pass

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


async def _body(request: Request, limits: Limits) -> dict[str, Any]:
    """The request's JSON object, refusing bodies over the limit before and while reading them.

    A body must arrive within `body_timeout` (408), so stalled clients cannot hold the server;
    a client that hangs up mid-body ends its request quietly (no traceback in the log).
    """
    _refuse_cross_origin(request)
    limit = limits.max_body
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise HTTPException(413, f"request body is {int(length)} bytes; the limit is {limit}")

    async def read() -> bytearray:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise HTTPException(413, f"request body is over the limit of {limit} bytes")
        return body

    try:
        body = await asyncio.wait_for(read(), limits.body_timeout)
    except asyncio.TimeoutError:
        raise HTTPException(408, f"request body not received within {limits.body_timeout:g} s",
                            headers={"Connection": "close"}) from None
    except ClientDisconnect:
        raise HTTPException(400, "the client disconnected before sending the whole body") from None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "request body must be a JSON object (UTF-8)") from None
    except RecursionError:
        raise HTTPException(400, "request body is nested too deeply") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "request body must be a JSON object")
    return data


def _refuse_cross_origin(request: Request) -> None:
    """Refuse writes another site's page makes (403): a browser sends a text/plain POST
    cross-origin without asking first, so only a same-origin Origin (or none: a CMS, curl) passes."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    host = request.headers.get("host", "")
    if not host or origin not in (f"http://{host}", f"https://{host}"):
        raise HTTPException(403, f"cross-origin requests are refused (Origin {origin!r}); call the API from "
                                 "this server's page or from a program")


def _text(data: dict[str, Any]) -> str:
    text = data.get("text")
    if not isinstance(text, str):
        raise HTTPException(400, "`text` (a string) is required")
    return text


def _request(data: dict[str, Any], base: Settings) -> tuple[str, str, Settings]:
    try:
        return _text(data), checks.parse_format(data.get("format", "text")), checks.settings_from(data.get("config"), base)
    except checks.ClientError as exc:
        raise HTTPException(400, str(exc)) from None


def _fix_options(data: dict[str, Any]) -> tuple[bool, list[dict[str, Any]] | None]:
    """/v1/fix's `unsafe` and `only`, validated."""
    unsafe = data.get("unsafe", False)
    if not isinstance(unsafe, bool):
        raise HTTPException(400, "`unsafe` must be true or false")
    try:
        return unsafe, checks.parse_only(data.get("only"))
    except checks.ClientError as exc:
        raise HTTPException(400, str(exc)) from None


async def _with_segments(body: dict[str, Any], data: dict[str, Any], text: str, fmt: str) -> dict[str, Any]:
    """body, plus the article's segments when the client asked (the page draws Markdown and HTML from them)."""
    if data.get("segments") is True:
        from .render import segments_json

        body["segments"] = await asyncio.get_running_loop().run_in_executor(None, segments_json, text, fmt)
    return body


async def _on_error(request: Request, exc: HTTPException) -> Response:
    return _JSON({"error": exc.detail, "status": exc.status_code}, exc.status_code, headers=exc.headers)


async def _on_crash(request: Request, exc: Exception) -> Response:
    # a bug must still answer in the API's shape; the traceback goes to the server's log
    return _JSON({"error": f"internal error ({type(exc).__name__}); the server log has details", "status": 500}, 500)


async def _fix_body(outcome, settings: Settings, data: dict, fmt: str) -> dict:
    """/v1/fix's answer: the fixed text, what was applied, and what is left to fix by applicability
    (the page says how many more need a reader's eye)."""
    planned = () if outcome.remaining.complete else checks.planned_rules(settings)
    body = checks.result_json(outcome.remaining, planned=planned)
    body["errors"] = body["errors"] + [{"path": "<text>", "message": e} for e in outcome.errors]
    body = await _with_segments(body, data, outcome.text, fmt)
    left = count(outcome.remaining.findings)
    fixable = {level: left.get(level, 0) for level in LEVELS}
    return {"text": outcome.text, "applied": outcome.applied, "fixable": fixable, **body}


def create_app(limits: Limits | None = None, base: Settings | None = None, linter_for: Callable | None = None,
               allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS) -> Starlette:
    """The ASGI application. `allowed_hosts` guards a loopback server against DNS rebinding."""
    limits = limits or Limits()
    service = Service(limits, base or Settings(), linter_for)

    def compile_linter(settings: Settings):
        from ..config import ConfigError
        from ..packs import PackError

        try:
            return service.linter_for(settings)
        except (ConfigError, PackError) as exc:  # e.g. a rule whose options the selection or severity made unusable
            raise HTTPException(400, f"configuration cannot be used: {exc}") from None

    async def check(request: Request) -> Response:
        data = await _body(request, limits)
        text, fmt, settings = _request(data, service.base)
        service.admit(request)
        deadline = time.monotonic() + limits.time_budget
        work, snapshot = checks.start_check(compile_linter, settings, text, fmt, deadline)
        result = await service.run(work, snapshot, deadline)
        planned = () if result.complete else checks.planned_rules(settings)
        return _JSON(await _with_segments(checks.result_json(result, planned=planned), data, text, fmt))

    async def fix(request: Request) -> Response:
        data = await _body(request, limits)
        text, fmt, settings = _request(data, service.base)
        unsafe, only = _fix_options(data)
        service.admit(request)
        deadline = time.monotonic() + limits.time_budget

        def work():
            return checks.fix(text, fmt, settings, unsafe, only, max(0.0, deadline - time.monotonic()),
                              linter_for=compile_linter)

        def overrun():
            return checks.FixOutcome(text, 0, RunResult([], complete=False), [checks.OVERRUN])

        outcome = await service.run(work, overrun, deadline)
        return _JSON(await _fix_body(outcome, settings, data, fmt))

    async def rules(request: Request) -> Response:
        preset = request.query_params.get("preset")
        try:
            settings = checks.settings_from({"preset": preset} if preset else None, service.base)
        except checks.ClientError as exc:
            raise HTTPException(400, str(exc)) from None
        return _JSON(checks.rules_json(settings))

    async def spec(request: Request) -> Response:
        return _JSON(openapi(limits, __version__))

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})

    from .middleware import AccessLog, JSONErrors

    middleware = [Middleware(AccessLog), Middleware(JSONErrors), Middleware(_SecurityHeaders)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/v1/check", check, methods=["POST"]),
            Route("/v1/fix", fix, methods=["POST"]),
            Route("/v1/rules", rules),
            Route("/v1/openapi.json", spec),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: _on_error, Exception: _on_crash},
        lifespan=_lifespan(service),
    )
    app.state.service = service
    return app


class _JSON(JSONResponse):
    """JSON that survives lone surrogates in client text (escaped as \\uXXXX rather than a 500)."""

    def render(self, content: Any) -> bytes:
        try:
            return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _lifespan(service: Service):
    """Shut the worker pool down with the application."""
    import contextlib

    @contextlib.asynccontextmanager
    async def lifespan(app):
        service.warming = service.pool.submit(service.warm)
        try:
            yield
        finally:
            service.close()

    return lifespan


class _SecurityHeaders:
    """Add the security headers to every response (a plain ASGI wrapper: cheap and streaming-safe)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)
