"""`stylecheck serve`: the editors' web page and the JSON API for a CMS, on 127.0.0.1 by default.

The web framework (Starlette, uvicorn) is an optional extra, imported only here, so the linter
itself stays light; without it the command prints a one-line hint.
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

HINT = ("stylecheck serve needs the web extra: pip install 'starlette>=0.40' 'uvicorn>=0.30' "
        "(or reinstall stylecheck with its [serve] extra; README, installing)")


def _parser() -> argparse.ArgumentParser:
    from .app import Limits

    d = Limits()
    p = argparse.ArgumentParser(prog="stylecheck serve", description="Serve the editors' page and the JSON API.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--config", help="server-side config file (select, preset, accept, packs ...) for every request")
    p.add_argument("--allowed-host", action="append", default=None,
                   help="Host header to accept (repeatable); default: loopback names when bound to loopback")
    p.add_argument("--max-body", type=int, default=d.max_body, help=f"bytes per request (default {d.max_body})")
    p.add_argument("--time-budget", type=float, default=d.time_budget, help=f"seconds per check (default {d.time_budget})")
    p.add_argument("--workers", type=int, default=d.workers, help=f"checks at once (default {d.workers})")
    p.add_argument("--queue", type=int, default=d.queue, help=f"checks waiting before 503 (default {d.queue})")
    p.add_argument("--body-timeout", type=float, default=d.body_timeout,
                   help=f"seconds to receive a request body before answering 408 (default {d.body_timeout:g})")
    p.add_argument("--rate", type=float, default=d.rate, help="requests per second per client; 0 = unlimited")
    p.add_argument("--burst", type=int, default=d.burst, help=f"requests a client may send at once (default {d.burst})")
    p.add_argument("--access-log", default="-", metavar="FILE",
                   help="one line per request: - for stderr (the default), a file, or off")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        print(HINT, file=sys.stderr)
        return 2
    from pathlib import Path

    from ..config import ConfigError, load_config
    from ..packs import PackError
    from .app import LOOPBACK_HOSTS, Limits, create_app

    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if min(args.max_body, args.workers, args.port) <= 0 or args.queue < 0 or min(args.time_budget, args.body_timeout) <= 0:
        print("stylecheck serve: limits must be positive", file=sys.stderr)
        return 2
    base = None
    if args.config:
        try:
            base = load_config(Path(args.config))
        except (ConfigError, PackError) as exc:
            print(f"stylecheck serve: {exc}", file=sys.stderr)
            return 2
    loopback = args.host in LOOPBACK_HOSTS
    hosts = tuple(args.allowed_host) if args.allowed_host else (LOOPBACK_HOSTS if loopback else None)
    if not loopback:
        print(f"stylecheck serve: listening on {args.host}, reachable from other machines", file=sys.stderr)
    limits = Limits(max_body=args.max_body, time_budget=args.time_budget, workers=args.workers, queue=args.queue,
                    rate=args.rate, burst=args.burst, body_timeout=args.body_timeout)
    from .middleware import configure_access_log

    try:
        configure_access_log(args.access_log)
    except OSError as exc:
        print(f"stylecheck serve: --access-log: {exc}", file=sys.stderr)
        return 2
    app = create_app(limits, base, allowed_hosts=hosts)
    print(f"stylecheck: open http://{'localhost' if loopback else args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0
