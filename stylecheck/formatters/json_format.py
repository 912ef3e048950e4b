"""JSON output, the shape our measurement tools and the HTTP API read (version 1)."""
from __future__ import annotations

import json


def format(results, options=None) -> str:
    files = [{"path": r.path, "findings": [f.to_dict() for f in r.findings]} for r in results if r.error is None]
    errors = [{"path": r.path, "message": r.error} for r in results if r.error is not None]
    errors += [{"path": r.path, "message": e} for r in results for e in r.rule_errors]
    return json.dumps({"version": 1, "files": files, "errors": errors}, ensure_ascii=False, indent=1) + "\n"
