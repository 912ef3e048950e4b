"""GitLab Code Quality report: a JSON array of issues, shown on merge requests and in the pipeline.

Each issue: `description`, `check_name` (the rule code), `fingerprint` (unique in the report: GitLab
drops duplicates), `severity` (info, minor, major, critical, blocker) and `location` with the
path relative to the project (`options["root"]`: the CLI passes $CI_PROJECT_DIR, else the working
directory) and begin/end positions. `options["fingerprint"]` (the CLI passes baseline.fingerprint:
rule, matched text, nearby words) keeps an issue's identity when lines move, so GitLab shows
what a merge request adds and fixes; a second copy of the same slip gets its own. Files that could
not be checked and rule failures are `critical` issues on line 1.
"""
from __future__ import annotations

import hashlib
import json
import os

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def project_path(path: str, root: str | None) -> str:
    """path relative to root (posix), when it lies inside root; as given otherwise."""
    if root and path != "-":
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
        if not rel.startswith(os.pardir):
            path = rel
    path = path.replace(os.sep, "/")
    return path[2:] if path.startswith("./") else path


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _issue(check: str, description: str, severity: str, path: str, begin: tuple[int, int],
           end: tuple[int, int], identity: str, seen: dict) -> dict:
    n = seen[identity] = seen.get(identity, 0) + 1
    return {
        "description": description, "check_name": check,
        "fingerprint": _digest(identity, str(n))[:32], "severity": severity,
        "location": {"path": path, "positions": {"begin": {"line": begin[0], "column": begin[1]},
                                                  "end": {"line": end[0], "column": end[1]}}},
    }


def format(results, options=None) -> str:
    options = options or {}
    root, fingerprint = options.get("root"), options.get("fingerprint")
    issues, seen = [], {}
    for r in results:
        path = project_path(r.path, root)
        if r.error is not None:
            code = r.error_code or "stylecheck"
            issues.append(_issue(code, f"{code}: {r.error}", "critical", path, (1, 1), (1, 1), f"{path}\x1f{code}", seen))
            continue
        for e in r.rule_errors:
            issues.append(_issue("stylecheck", e, "critical", path, (1, 1), (1, 1), f"{path}\x1f{e}", seen))
        for f in r.findings:
            if fingerprint is not None and r.source is not None:
                identity = fingerprint(path, f, r.source.text)
            else:
                identity = _digest(path, f.rule, str(f.line), str(f.column), f.text)
            description = f"{f.rule} {f.message}"
            if f.suggestions:
                description += f" (suggestion: {f.suggestions[0]!r})" if f.suggestions[0] else " (suggestion: delete)"
            issues.append(_issue(f.rule, description, _SEVERITY[str(f.severity)], path,
                                 (f.line, f.column), (f.end_line, f.end_column), identity, seen))
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
