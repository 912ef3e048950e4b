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
    "The harbour reopened on Friday after the the storm damaged two piers , officials said. "
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
    deadline = time.monotonic() + 120  # a hang guard, not a speed limit
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


def _marks(page, surface: str) -> list[str]:
    return page.eval_on_selector_all(f"{surface} .f", "ms => ms.map(m => m.textContent)")


def _text(page) -> str:
    return page.evaluate("window.stylecheckPage.text()")


def test_type_highlight_explain_fix(page, server_url, tmp_path):
    shots = _shots(tmp_path)
    page.goto(server_url + "/")
    page.wait_for_function("document.body.dataset.ready === '1'")
    # typing (a paste is one input event) is checked when it pauses: no button pressed
    page.fill("#input", ARTICLE.replace("\r\n", "\n"))
    page.wait_for_selector("#backdrop mark.f")
    assert {"the the", "commence", "organization"} <= set(_marks(page, "#backdrop"))
    assert page.is_hidden("#modes")  # plain text: one surface, the source

    # open the same article as a file with a CRLF line: it is checked byte for byte as stored
    page.set_input_files("#file", files=[{"name": "harbour.txt", "mimeType": "text/plain",
                                          "buffer": ARTICLE.encode("utf-8")}])
    page.wait_for_function("window.stylecheckPage.text().includes('\\r\\n')")
    page.wait_for_selector("#backdrop mark.f")
    page.screenshot(path=str(shots / "1-checked.png"), full_page=True)

    # the highlights lie exactly under the reported spans of the textarea's text
    marks = page.eval_on_selector_all("#backdrop mark.f", "ms => ms.map(m => [m.textContent, m.className])")
    classes = dict(marks)
    assert "phrasing" in classes["the the"] and "warning" in classes["the the"]
    assert "consistency" in classes["organization"]
    backdrop = page.evaluate("document.getElementById('backdrop').textContent")
    assert backdrop.rstrip("\n") == page.input_value("#input").rstrip("\n")
    assert page.inner_text("#summary").strip().split()[0].isdigit()
    groups = page.eval_on_selector_all(".group h2 .chip", "cs => cs.map(c => c.textContent)")
    assert "Phrasing" in groups and "Consistency" in groups

    # click into the highlighted words: its message, why and suggestion appear
    offset = page.input_value("#input").index("the the") + 2
    page.evaluate(f"(() => {{ const i = document.getElementById('input'); i.focus(); i.setSelectionRange({offset}, {offset}); }})()")
    page.click("#input", position=page.evaluate(
        "(() => { const m = Array.from(document.querySelectorAll('#backdrop mark.f')).find(m => m.textContent === 'the the');"
        " const r = m.getBoundingClientRect(), i = document.getElementById('input').getBoundingClientRect();"
        " return {x: r.left - i.left + 4, y: r.top - i.top + r.height / 2}; })()"))
    page.wait_for_selector("#detail:not([hidden])")
    assert "Doubled word" in page.inner_text("#detail-msg")
    assert page.inner_text("#detail-why").strip()
    assert page.inner_text("#detail-repl") == "the"
    page.screenshot(path=str(shots / "2-finding.png"))

    # apply that one fix; the article text changes only there (its CRLF kept)
    page.click("#apply")
    page.wait_for_function("!Array.from(document.querySelectorAll('#backdrop mark.f')).some(m => m.textContent === 'the the')")
    assert _text(page) == ARTICLE.replace("the the storm", "the storm")

    # keyboard, outside the text: J moves to the next finding and shows it
    page.click("#summary")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    first = page.inner_text("#detail-msg")
    page.keyboard.press("j")
    assert page.inner_text("#detail-msg") != first
    assert page.eval_on_selector_all("#backdrop mark.f.current", "ms => ms.length") >= 1

    # apply all safe fixes: the stray space goes; the rewording and the choice of spelling wait for an editor
    page.click("#fix-all")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Applied')")
    final = _text(page)
    assert "piers, officials" in final and "commence next week" in final and "organization" in final
    assert "need your eye" in page.inner_text("#status")
    assert final.startswith("Harbour \U0001F30A reopens after storm\r\n")
    page.screenshot(path=str(shots / "3-fixed.png"), full_page=True)

    # typing more is checked again once typing pauses, and the new slip is highlighted
    page.click("#input")
    page.keyboard.press("End")
    page.keyboard.type(" It was was late.")
    page.wait_for_function("Array.from(document.querySelectorAll('#backdrop mark.f')).some(m => m.textContent === 'was was')")
    assert page.errors == []


MARKDOWN = (
    "# Harbour reopens\n\n"
    "The harbour reopened on **Friday** after the the storm, [officials](https://example.org) said.\n\n"
    "- Ferries &amp; buses will commence later.\n"
)
HTML = (
    "<article><h1>Harbour reopens</h1>\n<p>The harbour reopened on <b>Friday</b> after the the storm, "
    "<a href=\"https://example.org\">officials</a> said.</p>\n<ul><li>Ferries &amp; buses will commence later.</li></ul>"
    "<script>document.title = 'x'</script></article>\n"
)


@pytest.mark.parametrize("name,article,markup", [("story.md", MARKDOWN, ["**", "](", "# "]),
                                                 ("story.html", HTML, ["<b>", "href", "<li>"])])
def test_markdown_and_html_are_shown_formatted_and_edited_in_place(page, server_url, tmp_path, name, article, markup):
    shots = _shots(tmp_path)
    page.goto(server_url + "/")
    page.wait_for_function("document.body.dataset.ready === '1'")
    page.set_input_files("#file", files=[{"name": name, "mimeType": "text/plain", "buffer": article.encode("utf-8")}])
    page.wait_for_selector("#view .f")
    assert page.evaluate("window.stylecheckPage.mode()") == "formatted" and page.is_visible("#modes")
    shown = page.inner_text("#view")
    assert "Harbour reopens" in shown and "Ferries & buses" in shown and "after the the storm" in shown
    assert not any(m in shown for m in markup), shown  # formatted text, never the raw source
    assert page.eval_on_selector_all("#view h2", "hs => hs.map(h => h.textContent)") == ["Harbour reopens"]
    assert page.eval_on_selector_all("#view li", "ls => ls.length") == 1
    assert {"the the", "commence"} <= set(_marks(page, "#view"))
    page.screenshot(path=str(shots / f"4-formatted-{name}.png"), full_page=True)

    # edit in place: delete one "the" in the formatted text; the source changes there only
    page.evaluate("""(() => {
      const m = Array.from(document.querySelectorAll('#view mark.f')).find(m => m.textContent === 'the the');
      const node = m.firstChild; const sel = window.getSelection();
      sel.collapse(node, 4); sel.extend(node, 7); document.getElementById('view').focus(); })()""")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")  # the space before it
    page.wait_for_function("!Array.from(document.querySelectorAll('#view .f')).some(m => m.textContent.startsWith('the the'))")
    assert _text(page) == article.replace("the the storm", "the storm")
    # typing markup characters into the formatted text escapes them for the format
    page.evaluate("""(() => {
      const run = Array.from(document.querySelectorAll('#view h2 span.run'))[0];
      const sel = window.getSelection(); sel.collapse(run.firstChild, run.firstChild.length);
      document.getElementById('view').focus(); })()""")
    page.keyboard.type(" <now>")
    page.wait_for_function("window.stylecheckPage.text().includes('now')")
    escaped = "\\<now>" if name.endswith(".md") else "&lt;now&gt;"
    assert escaped in _text(page) and "Harbour reopens <now>" in page.inner_text("#view")

    # the Source view shows the markup, with the same highlights
    page.click("#mode-source")
    assert page.is_visible("#source-pane") and page.is_hidden("#view")
    assert markup[0] in page.input_value("#input")
    assert "commence" in _marks(page, "#backdrop")
    page.click("#mode-formatted")
    assert page.is_visible("#view")
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
        page.click("#check")
        page.wait_for_function("document.getElementById('summary').textContent.includes('partly checked')")
        assert "✓" not in page.inner_text("#summary")
    finally:
        page.unroute("**/v1/check")
    assert page.errors == []
