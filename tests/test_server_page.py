"""What the editors' page needs from the server: the article's segments to draw it formatted, an
access log line per request (never the text), and every error as JSON, the host check's included."""
from __future__ import annotations

import logging

import pytest

pytest.importorskip("starlette", reason="the serve extra (starlette) is not installed")
from starlette.testclient import TestClient  # noqa: E402

from stylecheck.server.app import create_app  # noqa: E402
from stylecheck.server.middleware import ACCESS, configure_access_log  # noqa: E402

MD = "# Harbour plan\n\nThe council **approved** the the plan &amp; more.\n\n- one item\n"
HTML = "<h1>Harbour plan</h1>\n<p>The council approved <em>the</em> the plan &amp; more.</p>\n<script>x()</script>\n"


def client(**kw) -> TestClient:
    kw.setdefault("allowed_hosts", None)
    return TestClient(create_app(**kw))


@pytest.mark.parametrize("text,fmt", [(MD, "markdown"), (HTML, "html")])
def test_check_returns_the_segments_that_draw_the_article(text, fmt):
    with client() as c:
        body = c.post("/v1/check", json={"text": text, "format": fmt, "segments": True}).json()
    segs = body["segments"]
    assert [s["scope"] for s in segs][:2] == ["headline", "paragraph"]
    assert segs[0]["text"] == "Harbour plan"
    para = segs[1]
    assert "<" not in para["text"] and "**" not in para["text"] and "&amp;" not in para["text"]
    for t, s, tl, sl in para["runs"]:  # verbatim runs are the source itself; others stand for markup
        if tl == sl:
            assert para["text"][t:t + tl] == text[s:s + sl]
    assert any(tl != sl for _, _, tl, sl in para["runs"])  # the entity
    assert "x()" not in " ".join(s["text"] for s in segs)  # a script is not prose
    assert body["files"][0]["findings"]  # and the findings as always


def test_segments_only_when_asked():
    with client() as c:
        assert "segments" not in c.post("/v1/check", json={"text": MD, "format": "markdown"}).json()


def test_errors_are_always_json():
    with TestClient(create_app()) as c:  # a loopback server: foreign Host headers are refused
        r = c.get("/v1/rules", headers={"host": "attacker.example"})
        assert r.status_code == 400 and r.headers["content-type"].startswith("application/json")
        assert r.json() == {"error": "Invalid host header", "status": 400}
    with client() as c:
        for r in (c.get("/nowhere"), c.get("/static/nothing.js"), c.put("/v1/check"),
                  c.post("/v1/check", content=b"not json"), c.post("/v1/check", json={"text": 3})):
            assert r.status_code >= 400 and r.headers["content-type"].startswith("application/json"), r.text
            assert set(r.json()) >= {"error", "status"}


def test_access_log_has_one_line_per_request_and_no_text(caplog):
    configure_access_log("-")
    ACCESS.propagate = True  # for caplog
    try:
        with caplog.at_level(logging.INFO, logger="stylecheck.access"), client() as c:
            c.post("/v1/check?secret=1", json={"text": "A private draft said the the thing."})
            c.get("/nowhere")
        lines = [r.getMessage() for r in caplog.records if r.name == "stylecheck.access"]
        assert len(lines) == 2
        assert lines[0].startswith('testclient "POST /v1/check" 200 ') and lines[0].endswith("ms")
        assert lines[1].startswith('testclient "GET /nowhere" 404 ')
        assert "private" not in " ".join(lines) and "secret" not in " ".join(lines)
    finally:
        configure_access_log("off")


def test_access_log_to_a_file(tmp_path):
    log = tmp_path / "access.log"
    configure_access_log(str(log))
    try:
        with client() as c:
            c.get("/v1/rules")
    finally:
        configure_access_log("off")
    (line,) = log.read_text(encoding="utf-8").splitlines()
    assert '"GET /v1/rules" 200' in line
