"""The language server under stress (issue 16): every request is answered, a hostile header does
not kill it, long lines are not quadratic, and it leaves when the editor goes. Raw JSON-RPC over
stdio; waits are bounded liveness limits, never timings."""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time

import pytest

pytest.importorskip("pygls", reason="the serve extra (pygls) is not installed")

from stylecheck.lsp import Positions  # noqa: E402

URI = "file:///tmp/stylecheck-lsp-stress/article.txt"


class Raw:
    """A language server process spoken to in raw JSON-RPC."""

    def __init__(self, tmp_path):
        env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / ".cache")}
        self.proc = subprocess.Popen([sys.executable, "-m", "stylecheck", "lsp", "--debounce", "0"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.buf = b""

    def send_bytes(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj) -> None:
        body = json.dumps(obj).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def wait_for(self, pred, timeout: float = 30.0):
        """The first message pred accepts (None when none came in time)."""
        end = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while time.monotonic() < end:
            while b"\r\n\r\n" in self.buf:
                head, rest = self.buf.split(b"\r\n\r\n", 1)
                n = int(next(h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")).split(b":")[1])
                if len(rest) < n:
                    break
                msg, self.buf = json.loads(rest[:n]), rest[n:]
                if pred(msg):
                    return msg
            if select.select([fd], [], [], 0.1)[0]:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return None
                self.buf += chunk
        return None

    def start(self, text: str = "It was the the end.\n") -> None:
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"capabilities": {}, "processId": None, "rootUri": None}})
        assert self.wait_for(lambda m: m.get("id") == 1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": URI, "languageId": "plaintext", "version": 1, "text": text}}})

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)


@pytest.fixture
def server(tmp_path):
    raw = Raw(tmp_path)
    yield raw
    raw.close()


def test_every_request_gets_an_answer_even_with_invalid_params(server):
    server.start()
    assert server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    bad = [{}, None, [], {"textDocument": {"uri": URI}}, {"textDocument": {"uri": URI}, "position": None},
           {"textDocument": {"uri": URI}, "position": {"line": 2**40, "character": 0}},
           {"textDocument": {"uri": URI}, "position": {"line": 0, "character": -1}}]
    for i, params in enumerate(bad, start=100):
        server.send({"jsonrpc": "2.0", "id": i, "method": "textDocument/hover", "params": params})
        answer = server.wait_for(lambda m, i=i: m.get("id") == i)
        assert answer is not None, f"no answer to hover with {params!r}"  # before: the client waited forever
        assert answer["error"]["code"] == -32602
    server.send({"jsonrpc": "2.0", "id": 200, "method": "textDocument/codeAction", "params": {"range": "x"}})
    assert server.wait_for(lambda m: m.get("id") == 200)["error"]["code"] == -32602
    # in range, a valid position is still answered normally
    server.send({"jsonrpc": "2.0", "id": 201, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": URI}, "position": {"line": 2**31 - 1, "character": 2**31 - 1}}})
    assert "result" in server.wait_for(lambda m: m.get("id") == 201)


def test_a_huge_content_length_does_not_kill_the_server(server):
    server.start()
    assert server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    # a Content-Length of 99,999,999,999 with a short body: before, MemoryError and the server died
    server.send_bytes(b"Content-Length: 99999999999\r\n\r\n{}")
    time.sleep(0.5)
    assert server.proc.poll() is None
    # a 100 KB header line without an end is bounded too
    server.send_bytes(b"X-Junk: " + b"y" * 100_000 + b"\r\n")
    time.sleep(0.2)
    assert server.proc.poll() is None


def test_over_limit_messages_are_dropped_and_the_next_one_is_answered(server, monkeypatch):
    from stylecheck import lsp

    class Pipe:
        def __init__(self, data):
            self.data, self.pos = data, 0

        def readline(self, limit=-1):
            end = self.data.find(b"\n", self.pos)
            end = len(self.data) if end < 0 else end + 1
            if limit >= 0:
                end = min(end, self.pos + limit)
            line, self.pos = self.data[self.pos:end], end
            return line

        def read(self, n):
            chunk, self.pos = self.data[self.pos:self.pos + n], self.pos + n
            return chunk

    monkeypatch.setattr(lsp, "MAX_MESSAGE", 1000)
    body = b'{"jsonrpc": "2.0", "method": "x", "params": "' + b"z" * 5000 + b'"}'
    ended = []
    stdin = lsp.BoundedStdin(Pipe(b"Content-Length: %d\r\n\r\n" % len(body) + body), lambda: ended.append(1))
    assert stdin.readline() == b"Content-Length: %d\r\n" % len(body) and stdin.readline() == b"\r\n"
    assert json.loads(stdin.read(len(body)))["method"] == "$/stylecheck/dropped"
    assert stdin.readline() == b"" and ended == [1]


def test_positions_on_one_long_line_are_linear():
    """UTF-16 columns of every finding on a 100k-character line: before, each was summed from
    the line start (1,000 findings x 100k characters); now the line is indexed once."""
    def cost(n: int) -> float:
        line = ("Zo\u00eb \U0001F30A caf\u00e9 " * n)[:n]
        offsets = range(0, n, 100)
        best = float("inf")
        for _ in range(3):
            t = time.process_time()
            pos = Positions(line)
            for o in offsets:
                back = pos.to_offset(*pos.to_lsp(o))
                assert back == o or line[o - 1:o + 1] == "\r\n"
            best = min(best, time.process_time() - t)
        return best

    small, large = cost(10_000), cost(100_000)
    assert large / max(small, 1e-4) < 30, f"10x the line cost {large / small:.0f}x"  # quadratic: ~100x


def test_it_leaves_when_the_editor_goes_even_mid_check(server, tmp_path):
    from stylecheck.config import Settings
    from stylecheck.engine import linter_for

    text = "The mayor said the the plan would utilise new cranes in the harbour. " * 12_000  # ~850 KB
    linter_for(Settings()).run("Warm up.", "text")
    t = time.perf_counter()
    linter_for(Settings()).run(text, "text")
    check = time.perf_counter() - t  # what the server is busy with when stdin closes
    server.start(text)
    time.sleep(0.3)  # the check has begun in a worker thread
    server.proc.stdin.close()
    t = time.perf_counter()
    server.proc.wait(check + 60)
    gone = time.perf_counter() - t
    assert server.proc.returncode == 1  # no shutdown request came first
    assert gone < check / 2, f"{gone:.1f} s to leave; the check takes {check:.1f} s"  # before: waited for it
