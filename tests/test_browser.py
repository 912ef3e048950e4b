"""The editors' page end to end in a real headless Chromium (Debian's, driven by Playwright).

One page load: paste an article, see the expected highlights at the right places, read a
finding's explanation, apply one fix, move with the keyboard, apply all safe fixes, and check
the text. Screenshots go to a temp dir (or $STYLECHECK_SCREENSHOTS) to be looked at.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra (starlette, uvicorn) is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the browser driver) is not installed")

CHROMIUM = next((p for p in (os.environ.get("STYLECHECK_CHROMIUM"), shutil.which("chromium"),
                             "/usr/bin/chromium", shutil.which("chromium-browser")) if p and os.path.exists(p)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# An invented article with a doubled word after an astral character (UTF-16 positions matter),
# plain-word swaps, a US/UK spelling mix and a CRLF line ending.
ARTICLE = (
    "Harbour \U0001F30A reopens after storm\r\n"
    "\n"
    "The harbour reopened on Friday after the the storm damaged two piers, officials said. "
    "Repairs will commence next week.\n"
    "\n"
    "The organisation that runs the ferries said it had added extra sailings. Another organisation, "
    "which represents fishermen, welcomed the news, but a third organization said it was too early.\n"
)


@pytest.fixture(scope="module")
def server_url():
    import uvicorn

    from stylecheck.server.app import create_app

    app = create_app()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    app.state.service.warming.result(timeout=120)  # rule data loaded: the first check is not a cold start
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=FLAGS, viewport={"width": 1400, "height": 950},
            bypass_csp=True)  # lets the test poll with JS expressions; the page itself needs no eval
        pg = context.pages[0] if context.pages else context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.errors = errors
        yield pg
        context.close()


def _shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("STYLECHECK_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def test_paste_highlight_explain_fix(page, server_url, tmp_path):
    shots = _shots(tmp_path)
    page.goto(server_url + "/")
    page.wait_for_function("document.body.dataset.ready === '1'")
    # paste (a textarea keeps LF line breaks only)
    page.fill("#input", ARTICLE.replace("\r\n", "\n"))
    page.click("#check")
    page.wait_for_selector("mark.f")
    pasted = page.eval_on_selector_all("mark.f", "ms => ms.map(m => m.textContent)")
    assert {"the the", "commence", "organization"} <= set(pasted)

    # open the same article as a file with a CRLF line: it is checked byte for byte as stored
    page.set_input_files("#file", files=[{"name": "harbour.txt", "mimeType": "text/plain",
                                          "buffer": ARTICLE.encode("utf-8")}])
    page.wait_for_function("document.getElementById('view').textContent.includes('\\r\\n')")
    page.wait_for_selector("mark.f")
    page.screenshot(path=str(shots / "1-checked.png"), full_page=True)

    # the highlights cover exactly the reported spans, in spite of the emoji and the CRLF
    marks = page.eval_on_selector_all("mark.f", "ms => ms.map(m => [m.textContent, m.className])")
    texts = [t for t, _ in marks]
    for expected in ("the the", "commence", "organization"):
        assert expected in texts, texts
    classes = dict(marks)
    assert "phrasing" in classes["the the"] and "warning" in classes["the the"]
    assert "consistency" in classes["organization"]
    assert page.inner_text("#summary").strip().split()[0].isdigit()
    groups = page.eval_on_selector_all(".group h2 .chip", "cs => cs.map(c => c.textContent)")
    assert "Phrasing" in groups and "Consistency" in groups

    # click a highlight: its message, why and suggestion appear
    page.click("mark.f:text-is('the the')")
    assert page.is_visible("#detail")
    assert "Doubled word" in page.inner_text("#detail-msg")
    assert page.inner_text("#detail-why").strip()
    assert page.inner_text("#detail-repl") == "the"
    page.screenshot(path=str(shots / "2-finding.png"))

    # apply that one fix; the article text changes only there
    page.click("#apply")
    page.wait_for_function("!Array.from(document.querySelectorAll('mark.f')).some(m => m.textContent === 'the the')")
    text = page.evaluate("document.getElementById('view').textContent")
    assert text == ARTICLE.replace("the the storm", "the storm")

    # keyboard: J moves to the next finding and shows it
    page.click("#view")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    first = page.inner_text("#detail-msg")
    page.keyboard.press("j")
    assert page.inner_text("#detail-msg") != first
    assert page.eval_on_selector_all("mark.f.current", "ms => ms.length") >= 1

    # apply all safe fixes, then the text is what the API's fixer makes
    page.click("#fix-all")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Applied')")
    final = page.evaluate("document.getElementById('view').textContent")
    assert "commence" not in final and "organization" not in final and "begin next week" in final
    assert final.startswith("Harbour \U0001F30A reopens after storm\r\n")
    page.screenshot(path=str(shots / "3-fixed.png"), full_page=True)
    assert page.errors == []


def test_a_check_that_did_not_run_is_never_shown_as_clean(page, server_url):
    """A `not_checked` answer (a busy server) reads "Not checked", never "No problems found"."""
    body = {"version": 1, "files": [{"path": "<text>", "findings": []}], "errors": [], "incomplete": True,
            "status": "not_checked", "skipped_rules": ["CR101", "CR201"]}
    page.route("**/v1/check", lambda route: route.fulfill(status=200, content_type="application/json",
                                                          body=__import__("json").dumps(body)))
    try:
        page.goto(server_url + "/")
        page.wait_for_function("document.body.dataset.ready === '1'")
        page.fill("#input", "A short text the the checker never saw.")
        page.click("#check")
        page.wait_for_function("document.getElementById('summary').textContent.includes('Not checked')")
        summary = page.inner_text("#summary")
        assert "No problems" not in summary and "✓" not in summary
        body["status"] = "partial"
        page.click("#edit")
        page.click("#check")
        page.wait_for_function("document.getElementById('summary').textContent.includes('partly checked')")
        assert "✓" not in page.inner_text("#summary")
    finally:
        page.unroute("**/v1/check")
    assert page.errors == []
