"""The language server's exit code: 0 after shutdown and exit, 1 on exit without shutdown (LSP).

Editors (Neovim among them) report a language server that exits non-zero after a clean quit as an
error on every quit; this runs the real console script over stdio, as an editor does.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("pygls")


def _message(obj) -> bytes:
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _session(*, shutdown: bool, tmp_path) -> subprocess.CompletedProcess:
    exe = shutil.which("stylecheck", path=os.path.dirname(sys.executable)) or shutil.which("stylecheck")
    data = _message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    data += _message({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    if shutdown:
        data += _message({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    data += _message({"jsonrpc": "2.0", "method": "exit", "params": None})
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([exe, "lsp"], input=data, capture_output=True, env=env, timeout=120)


def test_exit_after_shutdown_is_0(tmp_path):
    done = _session(shutdown=True, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert b'"id": 2' in done.stdout or b'"id":2' in done.stdout  # the shutdown was answered
    assert b"cannot write" not in done.stderr


def test_exit_without_shutdown_is_1(tmp_path):
    assert _session(shutdown=False, tmp_path=tmp_path).returncode == 1
