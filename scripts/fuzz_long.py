#!/usr/bin/env python3
"""Long-run fuzzer (not in CI): bytes -> decode -> parse -> every rule -> findings, per format.

Runs N generated inputs (default 1,000,000) through the whole pipeline for each of the text,
markdown and html parsers in turn and checks the invariants the CI suite (tests/test_fuzz.py)
checks on fewer inputs:

- no exception other than InputError (undecodable input is a reported error, not a crash);
- every finding lies inside the source, start <= end, and its line/column agree with the
  editor's line index; its `text` is the source slice;
- no input takes longer than --slow seconds (reported, not fatal).

Inputs mix a grammar of news-copy fragments, markup, hidden and combining characters, odd line
endings and entities with random byte mutations, so both plausible and hostile input appear.
Crashing inputs are written to --out (one file each) for minimising and adding to the corpus.

    python3 scripts/fuzz_long.py --count 1000000 --seed 1 --out /tmp/fuzz-crashes
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback

FRAGMENTS = [
    "The council said", " the the ", "utilise", "prior to", "organisation", "organization", "colour", "color",
    "\u201cWe will,\u201d she said.", "\"Quote", "\u2019s", "Mr Smith", "Dr. Jones", "U.S.", "e.g.", "NATO", "WHO",
    "according to", "a", "an", "hour", "\u2014", "\u2013", "...", "\u2026", "?", "!", ".", ",", ";", ":", " ", "  ",
    "\t", "\n", "\r\n", "\r", "\n\n", "\u2028", "\u2029", "\f", "\v", "\x85", "\u00a0", "\u2009",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u2069", "\u200f",
    "e\u0301", "\u0301", "\u0334" * 5, "\U0001F600", "\U0001F469\u200d\U0001F4BB", "\ud800"[:0],
    "# ", "## ", "> ", ">>>> ", "- ", "* ", "1. ", "```", "    code", "**", "*", "_", "`", "[link](http://x.y)",
    "![img](a.png)", "<b>", "</b>", "<p>", "</p>", "<div>", "</div>", "<script>x('utilise')</script>",
    "<style>p{}</style>", "<!-- stylecheck-disable CR101 -->", "<!-- stylecheck-enable -->",
    "<!-- stylecheck-disable-next-line -->", "&amp;", "<![", "<![CDATA[", "]]>", "<!", "<?xml ?>", "</", "<!DOCTYPE html>", "<![if x]>", "&lt;", "&#8217;", "&#x27;", "&nbsp;", "&bogus;", "&#99999999;",
    "---\ntitle: A\n---\n", "+++\ntitle = 'A'\n+++\n", "| a | b |\n|---|---|\n| c | d |\n", "<br/>", "<h1>", "</h1>",
    "http://example.com/path.", "someone@example.org", "Zelensky", "Zelenskyy", "Kyiv", "Kiev", "1,000", "3%", "10am",
]


def generate(rng: random.Random) -> bytes:
    """One input: grammar fragments, sometimes mutated at the byte level, in some encoding."""
    parts = [rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 40))]
    if rng.random() < 0.1:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(FRAGMENTS) * rng.randint(50, 400))
    text = "".join(parts)
    enc = rng.random()
    if enc < 0.8:
        data = text.encode("utf-8", "surrogatepass")
    elif enc < 0.85:
        data = b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    elif enc < 0.92:
        data = text.encode("utf-16", "surrogatepass")
    else:
        data = text.encode("cp1252", "replace")
    if data and rng.random() < 0.2:  # byte mutations
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            op = rng.random()
            i = rng.randrange(len(b) + 1)
            if op < 0.4 and i < len(b):
                b[i] = rng.randrange(256)
            elif op < 0.7:
                b[i:i] = bytes([rng.randrange(256)])
            elif i < len(b):
                del b[i]
        data = bytes(b)
    return data


def check(data: bytes, fmt: str, linter, encoding: str | None = None) -> int:
    """Run one input; raise AssertionError on a broken invariant; return the finding count."""
    from stylecheck.source import InputError, decode

    try:
        src = decode(data, "fuzz", encoding)
    except InputError:
        return 0
    findings = linter.run(src, fmt).findings_or_raise()
    n = len(src.text)
    for f in findings:
        assert 0 <= f.start <= f.end <= n, (f.rule, f.start, f.end, n)
        assert src.lines.position(f.start) == (f.line, f.column), (f.rule, f.start)
        assert src.lines.position(f.end) == (f.end_line, f.end_column), (f.rule, f.end)
        assert f.text == src.text[f.start:f.end], f.rule
    return len(findings)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1_000_000, help="inputs in total (spread over the formats)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="/tmp/stylecheck-fuzz", help="directory for crashing inputs")
    ap.add_argument("--slow", type=float, default=1.0, help="report inputs slower than this (seconds)")
    ap.add_argument("--report-every", type=int, default=50_000)
    args = ap.parse_args(argv)

    from stylecheck.config import Settings
    from stylecheck.engine import Linter

    linter = Linter(Settings())
    rng = random.Random(args.seed)
    formats = ("text", "markdown", "html")
    os.makedirs(args.out, exist_ok=True)
    crashes, slow, findings = 0, 0, 0
    seen_crash: set[str] = set()
    worst = (0.0, b"")
    start = time.time()
    for i in range(args.count):
        data = generate(rng)
        fmt = formats[i % 3]
        t = time.perf_counter()
        try:
            findings += check(data, fmt, linter, "cp1252" if i % 97 == 0 else None)
        except Exception as exc:  # noqa: BLE001 - a fuzzer records everything
            crashes += 1
            sig = f"{type(exc).__name__}:{traceback.extract_tb(exc.__traceback__)[-1][:3]}"
            if sig not in seen_crash:
                seen_crash.add(sig)
                path = os.path.join(args.out, f"crash-{len(seen_crash):03d}.{fmt}")
                with open(path, "wb") as fh:
                    fh.write(data)
                print(f"CRASH #{len(seen_crash)} {sig} {fmt} -> {path}\n{traceback.format_exc()}", flush=True)
        dt = time.perf_counter() - t
        if dt > worst[0]:
            worst = (dt, data)
        if dt > args.slow:
            slow += 1
            path = os.path.join(args.out, f"slow-{slow:03d}.{fmt}")
            with open(path, "wb") as fh:
                fh.write(data)
            print(f"SLOW {dt:.2f}s {fmt} {len(data)} bytes -> {path}", flush=True)
        if (i + 1) % args.report_every == 0:
            print(f"{i + 1} inputs, {crashes} crashes ({len(seen_crash)} distinct), {slow} slow, "
                  f"{findings} findings, worst {worst[0] * 1000:.0f} ms, {time.time() - start:.0f}s", flush=True)
    print(f"DONE {args.count} inputs, {crashes} crashes ({len(seen_crash)} distinct), {slow} over {args.slow}s, "
          f"{findings} findings, worst {worst[0] * 1000:.0f} ms, {time.time() - start:.0f}s", flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
