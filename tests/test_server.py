"""The HTTP API: every endpoint and every limit, through Starlette's test client (no socket)."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest

pytest.importorskip("starlette", reason="the serve extra (starlette) is not installed")
from starlette.testclient import TestClient  # noqa: E402

from stylecheck.config import Settings  # noqa: E402
from stylecheck.engine import CompiledRule, Linter  # noqa: E402
from stylecheck.server.app import Limits, create_app  # noqa: E402

TEXT = "The minister said the the plan would utilise new cranes.\n\nPrior to the vote, talks stalled.\n"


def client(limits: Limits | None = None, **kw) -> TestClient:
    kw.setdefault("allowed_hosts", None)
    return TestClient(create_app(limits, **kw))


def findings(body) -> list[dict]:
    return body["files"][0]["findings"]


def test_check_returns_the_cli_json(tmp_path):
    with client() as c:
        r = c.post("/v1/check", json={"text": TEXT, "format": "text"})
    assert r.status_code == 200
    body = r.json()
    assert body["incomplete"] is False and body["status"] == "complete"
    cli = subprocess.run([sys.executable, "-m", "stylecheck", "--output-format", "json", "--no-cache",
                          "--stdin-filename", "a.txt", "-"], input=TEXT, capture_output=True, text=True,
                         cwd=tmp_path)
    expected = json.loads(cli.stdout)
    assert findings(body) == expected["files"][0]["findings"]
    assert {k: v for k, v in body.items() if k not in ("incomplete", "status")}.keys() == expected.keys()
    rules = [f["rule"] for f in findings(body)]
    assert "CR101" in rules and rules.count("CR201") == 2


def test_check_formats_and_config():
    html = "<p>The mayor said <b>the the</b> plan works.</p>"
    with client() as c:
        (f,) = [f for f in findings(c.post("/v1/check", json={"text": html, "format": "html"}).json())
                if f["rule"] == "CR101"]
        assert (f["line"], f["column"]) == (1, 22)  # inside the <b>, in source columns
        body = c.post("/v1/check", json={"text": TEXT, "config": {"select": ["CR2"]}}).json()
        assert {f["rule"] for f in findings(body)} == {"CR201"}
        body = c.post("/v1/check", json={"text": TEXT, "config": {"ignore": ["plain-word"], "preset": "ap"}}).json()
        assert "CR201" not in {f["rule"] for f in findings(body)}


@pytest.mark.parametrize("payload, fragment", [
    ({"text": "x", "config": {"packs": ["/etc/passwd"]}}, "packs"),
    ({"text": "x", "config": "/etc/stylecheck.toml"}, "config must be an object"),
    ({"text": "x", "config": {"include": ["*"]}}, "unknown config key"),
    ({"text": "x", "config": {"select": [1]}}, "list of strings"),
    ({"text": "x", "config": {"preset": "nyt"}}, "preset"),
    ({"text": "x", "format": "docx"}, "format"),
    ({"format": "text"}, "text"),
    ({"text": 5}, "text"),
])
def test_bad_requests_are_400_with_a_reason(payload, fragment):
    with client() as c:
        r = c.post("/v1/check", json=payload)
    assert r.status_code == 400 and fragment in r.json()["error"]


def test_non_json_body_is_400():
    with client() as c:
        assert c.post("/v1/check", content=b"\xff not json").status_code == 400
        assert c.post("/v1/check", content=b"[1, 2]").status_code == 400


def test_body_over_the_limit_is_413_declared_or_streamed():
    limit = 10_000
    big = json.dumps({"text": "word " * (2 * limit // 5)}).encode()  # twice the limit
    assert len(big) > 2 * limit - 100
    with client(Limits(max_body=limit)) as c:
        r = c.post("/v1/check", content=big, headers={"content-type": "application/json"})
        assert r.status_code == 413 and "limit" in r.json()["error"]

        def chunks():  # no Content-Length: the limit is enforced while reading
            for i in range(0, len(big), 4096):
                yield big[i:i + 4096]
        r = c.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert c.post("/v1/check", json={"text": "fine"}).status_code == 200


class _Slow:
    """A rule kind that finds nothing and, with no `seconds`, waits until `release` is set.

    Tests that must know a rule is still running when the server answers hold it with the
    event rather than racing a sleep; the wait is capped so a regression fails instead of hangs.
    """

    def __init__(self, seconds: float | None = None):
        self.seconds = seconds
        self.release = threading.Event()

    def check(self, doc):
        if self.seconds is not None:
            time.sleep(self.seconds)
        else:
            self.release.wait(60)
        return []


def _linter_with_slow_rule(slow: _Slow, first: bool) -> Linter:
    linter = Linter(Settings(select=("CR101",)))
    base = linter.rules[0]
    rule = CompiledRule(base.rule._replace(code="ZZ901", slug="slow-rule"), slow, base.severity)
    linter.rules.insert(0 if first else len(linter.rules), rule)
    return linter


def test_time_budget_gives_a_partial_result_flagged_incomplete():
    # the slow rule runs after CR101 and is held until the answer is in: the server answered
    # without it (had it waited, ZZ901 would have run to the end and nothing would be skipped)
    slow = _Slow()
    linter = _linter_with_slow_rule(slow, first=False)
    try:
        with client(Limits(time_budget=0.2, grace=0.1), linter_for=lambda s: linter) as c:
            body = c.post("/v1/check", json={"text": TEXT}).json()
            slow.release.set()
    finally:
        slow.release.set()
    assert body["incomplete"] is True and body["skipped_rules"] == ["ZZ901"]
    assert [f["rule"] for f in findings(body)] == ["CR101"]

    # the slow rule runs first and uses up the budget: the rules after it are skipped, not run late
    linter = _linter_with_slow_rule(_Slow(0.3), first=True)
    with client(Limits(time_budget=0.1, grace=1.0), linter_for=lambda s: linter) as c:
        body = c.post("/v1/check", json={"text": TEXT}).json()
    assert body["incomplete"] is True and body["skipped_rules"] == ["CR101"] and findings(body) == []


def test_saturated_server_answers_503_then_recovers():
    slow = _Slow()  # holds the only worker until released
    linter = _linter_with_slow_rule(slow, first=True)
    try:
        with client(Limits(workers=1, queue=1, time_budget=30), linter_for=lambda s: linter) as c:
            statuses = []

            def hit():
                statuses.append(c.post("/v1/check", json={"text": TEXT}).status_code)
            threads = [threading.Thread(target=hit) for _ in range(2)]
            for t in threads:
                t.start()
            service = c.app.state.service
            for _ in range(6000):  # both admitted: one running, one queued (polled, not slept on)
                if service.pending >= 2:
                    break
                time.sleep(0.01)
            assert service.pending == 2
            r = c.post("/v1/check", json={"text": TEXT})
            assert r.status_code == 503 and r.headers["retry-after"] == "1"
            slow.release.set()
            for t in threads:
                t.join()
            assert sorted(statuses) == [200, 200]
            assert c.post("/v1/check", json={"text": TEXT}).status_code == 200
    finally:
        slow.release.set()


def test_rate_limit_is_429_with_retry_after():
    with client(Limits(rate=0.5, burst=2)) as c:
        codes = [c.post("/v1/check", json={"text": "ok"}).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        r = c.post("/v1/check", json={"text": "ok"})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1


def test_fix_all_safe_and_one_chosen_finding():
    with client() as c:
        body = c.post("/v1/fix", json={"text": TEXT}).json()  # safe only: the doubled word, not the rewordings
        assert body["text"] == TEXT.replace("the the", "the")
        assert body["applied"] == 1 and body["incomplete"] is False
        assert body["fixable"] == {"safe": 0, "unsafe": 2, "display-only": 0}
        assert [f["applicability"] for f in findings(body)] == ["unsafe", "unsafe"]
        body = c.post("/v1/fix", json={"text": TEXT, "unsafe": True}).json()
        assert body["text"] == "The minister said the plan would use new cranes.\n\nBefore the vote, talks stalled.\n"
        assert body["applied"] == 3 and findings(body) == [] and body["incomplete"] is False

        first = findings(c.post("/v1/check", json={"text": TEXT}).json())
        plain = [f for f in first if f["rule"] == "CR201"][0]
        only = [{"rule": plain["rule"], "line": plain["line"], "column": plain["column"]}]
        assert c.post("/v1/fix", json={"text": TEXT, "only": only}).json()["applied"] == 0  # unsafe: asked for
        body = c.post("/v1/fix", json={"text": TEXT, "only": only, "unsafe": True}).json()
        assert body["applied"] == 1
        assert body["text"] == TEXT.replace("utilise", "use")
        assert [f["rule"] for f in findings(body)] == ["CR101", "CR201"]  # what remains, re-checked

        assert c.post("/v1/fix", json={"text": TEXT, "only": [{"rule": "CR101"}]}).status_code == 400
        assert c.post("/v1/fix", json={"text": TEXT, "unsafe": "yes"}).status_code == 400


def test_lone_surrogates_and_odd_text_do_not_break_the_json():
    with client() as c:
        r = c.post("/v1/check", content=b'{"text": "the the \\ud800 end"}', headers={"content-type": "application/json"})
        assert r.status_code == 200 and findings(r.json())[0]["rule"] == "CR101"
        r = c.post("/v1/fix", content=b'{"text": "the the \\ud800 end"}', headers={"content-type": "application/json"})
        assert r.status_code == 200 and r.json()["text"] == "the \ud800 end"


def test_rules_endpoint_has_why_and_examples():
    with client() as c:
        body = c.get("/v1/rules").json()
        rule = {r["rule"]: r for r in body["rules"]}["CR101"]
        assert rule["why"] and rule["category"] == "phrasing" and rule["enabled"] is True
        assert any("bad" in e and "fixed" in e for e in rule["examples"])
        assert "ap" in body["presets"]
        assert c.get("/v1/rules?preset=nope").status_code == 400


def test_openapi_describes_every_api_route():
    with client() as c:
        spec = c.get("/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/v1/check", "/v1/fix", "/v1/rules", "/v1/openapi.json"}
    for code in ("413", "503", "429"):
        assert code in spec["paths"]["/v1/check"]["post"]["responses"]
    assert "packs" not in spec["components"]["schemas"]["Config"]["properties"]


def test_page_and_assets_are_served_locally_with_a_strict_policy():
    with client() as c:
        page = c.get("/")
        assert page.status_code == 200 and "Copy checker" in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        for asset in ("/static/app.js", "/static/style.css", "/static/icon.svg"):
            assert c.get(asset).status_code == 200
        assert "http://" not in page.text.replace("http://www.w3.org", "") and "https://" not in page.text


def test_loopback_server_refuses_foreign_host_headers():
    with TestClient(create_app(), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/v1/rules").status_code == 200
        assert c.get("/v1/rules", headers={"host": "attacker.example"}).status_code == 400


def test_serve_without_the_extra_prints_one_line_hint(monkeypatch, capsys):
    import stylecheck.server as server

    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert server.main([]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'starlette>=0.40' 'uvicorn>=0.30'" in err[0] and "[serve]" in err[0]


def test_stylecheck_serve_command_starts_on_loopback(tmp_path):
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "stylecheck", "serve", "--port", str(port), "--workers", "1"],
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120  # a hang guard, not a speed limit: start-up is seconds even on a busy box
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/rules", timeout=2) as r:
                    assert r.status == 200 and json.load(r)["rules"]
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/check", data=json.dumps({"text": TEXT}).encode(),
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert "CR101" in {f["rule"] for f in findings(json.load(r))}
    finally:
        proc.terminate()
        proc.wait(10)
    assert "http://localhost:%d/" % port in proc.stderr.read()


def test_an_internal_error_answers_json_500():
    def broken(settings):
        raise RuntimeError("boom")

    with TestClient(create_app(linter_for=broken, allowed_hosts=None), raise_server_exceptions=False) as c:
        r = c.post("/v1/check", json={"text": "x"})
    assert r.status_code == 500 and r.json()["status"] == 500 and "RuntimeError" in r.json()["error"]
