"""The HTTP server under stress (issue 16): checks that did not run say so, the API refuses what
the CLI refuses, hostile bodies get 4xx (never 500), stalled bodies time out, disconnects log
nothing. Real sockets are on 127.0.0.1 only; counts and waits are bounded."""
from __future__ import annotations

import json
import logging
import socket
import threading
import time

import pytest

pytest.importorskip("starlette", reason="the serve extra (starlette, uvicorn) is not installed")
from starlette.testclient import TestClient  # noqa: E402

from stylecheck.config import Settings  # noqa: E402
from stylecheck.engine import CompiledRule, Linter  # noqa: E402
from stylecheck.server.app import Limits, create_app  # noqa: E402

TEXT = "The minister said the the plan would utilise new cranes.\n"


def client(limits: Limits | None = None, **kw) -> TestClient:
    kw.setdefault("allowed_hosts", None)
    return TestClient(create_app(limits, **kw))


class _Slow:
    def __init__(self, seconds: float):
        self.seconds = seconds

    def check(self, doc):
        time.sleep(self.seconds)
        return []


def _slow_linter(seconds: float) -> Linter:
    linter = Linter(Settings(select=("CR101",)))
    base = linter.rules[0]
    linter.rules.insert(0, CompiledRule(base.rule._replace(code="ZZ901", slug="slow-rule"), _Slow(seconds),
                                        base.severity))
    return linter


def test_a_check_that_never_ran_is_not_checked_never_clean():
    """Two heavy checks fill the one worker; the third waits past its budget in the queue."""
    linter = _slow_linter(1.0)
    limits = Limits(workers=1, queue=4, time_budget=0.3, grace=0.05)
    with client(limits, linter_for=lambda s: linter) as c:
        answers = []
        threads = [threading.Thread(target=lambda: answers.append(c.post("/v1/check", json={"text": TEXT}).json()))
                   for _ in range(3)]
        for t in threads:
            t.start()
            time.sleep(0.05)
        for t in threads:
            t.join(30)
    assert len(answers) == 3
    for body in answers:
        assert body["incomplete"] is True and body["status"] in ("partial", "not_checked")
        assert body["skipped_rules"], body  # before: [] with no findings, a clean-looking answer
    unchecked = [b for b in answers if b["status"] == "not_checked"]
    assert unchecked and all(not b["files"][0]["findings"] for b in unchecked)
    assert all("CR101" in b["skipped_rules"] for b in unchecked)


def test_a_partial_check_names_only_what_it_skipped():
    linter = _slow_linter(0.6)
    linter.rules.append(linter.rules.pop(0))  # the slow rule runs last: CR101 finishes first
    with client(Limits(time_budget=0.2, grace=0.05), linter_for=lambda s: linter) as c:
        body = c.post("/v1/check", json={"text": TEXT}).json()
    assert body["status"] == "partial" and body["skipped_rules"] == ["ZZ901"]
    assert [f["rule"] for f in body["files"][0]["findings"]] == ["CR101"]


@pytest.mark.parametrize("payload, fragment", [
    ({"text": "x", "config": {"select": ["ZZ"]}}, "config.select: 'ZZ' selects no rule"),
    ({"text": "x", "config": {"select": ["CR10l"]}}, "did you mean 'CR101'"),
    ({"text": "x", "config": {"ignore": ["doubled-wrd"]}}, "config.ignore: 'doubled-wrd'"),
    ({"text": "x", "config": {"severity": {"CR20l": "error"}}}, "config.severity: 'CR20l'"),
    ({"text": "x", "config": {"select": []}}, "config.select is empty"),
    ({"text": "x", "config": {"select": "CR101"}}, "list of strings"),
    ({"text": "x", "config": {"ignore": "CR101,CR201"}}, "list of strings"),
    ({"text": "x", "format": None}, "format"),
])
def test_the_api_refuses_what_the_cli_refuses(payload, fragment):
    with client() as c:
        for route in ("/v1/check", "/v1/fix"):
            r = c.post(route, json=payload)
            assert r.status_code == 400 and fragment in r.json()["error"], (route, r.json())


def test_hostile_bodies_are_4xx_not_500():
    deep = b'{"text": "x", "config": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with client(Limits(max_body=1_000_000)) as c:
        r = c.post("/v1/check", content=deep, headers={"content-type": "application/json"})
        assert r.status_code == 400 and "nested too deeply" in r.json()["error"]  # before: 500 RecursionError


def test_cross_origin_writes_are_refused():
    body = json.dumps({"text": TEXT})
    with client() as c:
        for route in ("/v1/check", "/v1/fix"):
            r = c.post(route, content=body, headers={"content-type": "text/plain", "origin": "http://evil.example"})
            assert r.status_code == 403 and "cross-origin" in r.json()["error"]  # before: checked (200)
            r = c.post(route, content=body, headers={"content-type": "text/plain", "origin": "null"})
            assert r.status_code == 403
        # the page itself (same origin) and programs (no Origin) are served
        assert c.post("/v1/check", content=body, headers={"origin": "http://testserver"}).status_code == 200
        assert c.post("/v1/check", content=body).status_code == 200


# ---- a real server on 127.0.0.1 ----------------------------------------------------------------

@pytest.fixture
def live(caplog):
    import uvicorn

    app = create_app(Limits(body_timeout=0.5, queue=64), allowed_hosts=None)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, log_level="info"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the test server did not start"
        time.sleep(0.05)
    caplog.set_level(logging.INFO)
    yield port
    server.should_exit = True
    thread.join(10)


def _post_head(port: int, length: int, body: bytes = b"") -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=20)
    s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              b"Content-Length: %d\r\n\r\n" % length + body)
    return s


def _status(s: socket.socket) -> int:
    data = b""
    while b"\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            return 0
        data += chunk
    return int(data.split(b" ", 2)[1])


def test_stalled_bodies_time_out_and_the_server_still_answers(live):
    stalled = [_post_head(live, 10_000, b'{"text": "The the') for _ in range(40)]  # then nothing more
    try:
        statuses = [_status(s) for s in stalled]  # before: held open for good
    finally:
        for s in stalled:
            s.close()
    assert statuses == [408] * len(stalled)
    ok = _post_head(live, len(json.dumps({"text": TEXT})), json.dumps({"text": TEXT}).encode())
    assert _status(ok) == 200
    ok.close()


def test_client_disconnects_log_no_traceback(live, caplog):
    body = json.dumps({"text": TEXT * 200}).encode()
    for _ in range(10):
        _post_head(live, len(body), body[:50]).close()  # gone mid-body
        _post_head(live, len(body), body).close()  # gone while the check runs
    time.sleep(1.0)  # let the server notice
    ok = _post_head(live, len(body), body)
    assert _status(ok) == 200
    ok.close()
    tracebacks = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not tracebacks, [r.getMessage() for r in tracebacks]
