"""The OpenAPI 3.1 description of the JSON API, written out by hand so it says exactly what we promise."""
from __future__ import annotations

from typing import Any


def _config() -> dict[str, Any]:
    strings = {"type": "array", "items": {"type": "string"}}
    return {
        "type": "object", "additionalProperties": False,
        "description": "Configuration as data: the same keys as [tool.stylecheck], except packs and paths.",
        "properties": {
            "select": strings, "extend-select": strings, "ignore": strings,
            "preset": {"type": "string", "enum": ["none", "ap", "bbc", "guardian"]},
            "accept": {**strings, "description": "words and names the desk knows"},
            "prefer": {"type": "object", "additionalProperties": {"type": "string"},
                       "description": "variant -> house form"},
            "severity": {"type": "object", "additionalProperties": {"enum": ["info", "warning", "error", "off"]}},
        },
    }


_FINDING = {
    "type": "object",
    "required": ["rule", "slug", "category", "severity", "line", "column", "end_line", "end_column", "message",
                 "suggestions", "applicability"],
    "properties": {
        "rule": {"type": "string", "example": "CR101"}, "slug": {"type": "string"},
        "category": {"type": "string"}, "severity": {"enum": ["info", "warning", "error"]},
        "line": {"type": "integer", "description": "1-based"},
        "column": {"type": "integer", "description": "1-based, in Unicode code points"},
        "end_line": {"type": "integer"}, "end_column": {"type": "integer", "description": "exclusive"},
        "message": {"type": "string"}, "suggestions": {"type": "array", "items": {"type": "string"}},
        "applicability": {"enum": ["safe", "unsafe", "display-only", None],
                          "description": "safe: fixed by a plain fix; unsafe: only when asked (`unsafe`); display-only: "
                                         "shown, never applied (it would change markup); null: no suggestion"},
    },
}
_RESULT = {
    "type": "object", "required": ["version", "files", "errors", "incomplete"],
    "properties": {
        "version": {"const": 1},
        "files": {"type": "array", "items": {"type": "object", "properties": {
            "path": {"type": "string"}, "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "path": {"type": "string"}, "message": {"type": "string"}}}},
        "incomplete": {"type": "boolean", "description": "true when the time budget ran out before every rule ran"},
        "status": {"enum": ["complete", "partial", "not_checked"],
                   "description": "complete; partial (skipped_rules did not check the whole text); not_checked "
                                  "(no rule did: no findings here does not mean clean)"},
        "skipped_rules": {"type": "array", "items": {"type": "string"},
                          "description": "present when incomplete, never empty then"},
    },
}
_ERROR = {"type": "object", "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}


def _errors(*codes: int) -> dict[str, Any]:
    why = {400: "malformed request or config", 403: "a cross-origin request (another site's page)",
           408: "the body did not arrive within the body timeout", 413: "body over the size limit",
           429: "client over its rate limit",
           503: "all workers and the queue are busy; retry after Retry-After seconds"}
    return {str(c): {"description": why[c], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for c in codes}


def openapi(limits, version: str) -> dict[str, Any]:
    """The description, with this server's limits filled in."""
    check_body = {
        "type": "object", "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "format": {"enum": ["text", "markdown", "html"], "default": "text"},
            "config": {"$ref": "#/components/schemas/Config"},
            "segments": {"type": "boolean", "default": False,
                         "description": "also answer the parsed article: its prose segments (scope, text, runs of "
                                        "[text_start, src_start, text_len, src_len] in code points)"},
        },
    }
    fix_body = {**check_body, "properties": {
        **check_body["properties"],
        "unsafe": {"type": "boolean", "default": False, "description": "also apply unsafe replacements"},
        "only": {"type": "array", "description": "fix only these findings (as reported by /v1/check)",
                 "items": {"type": "object", "required": ["rule", "line", "column"], "properties": {
                     "rule": {"type": "string"}, "line": {"type": "integer"}, "column": {"type": "integer"}}}},
    }}
    json_body = lambda schema: {"required": True, "content": {"application/json": {"schema": schema}}}  # noqa: E731
    ok = lambda schema, d: {"description": d, "content": {"application/json": {"schema": schema}}}  # noqa: E731
    return {
        "openapi": "3.1.0",
        "info": {"title": "stylecheck", "version": version,
                 "description": f"Editorial style checks for news copy. Limits: body {limits.max_body} bytes, "
                                f"{limits.time_budget} s per check, {limits.workers} workers, queue {limits.queue}."},
        "paths": {
            "/v1/check": {"post": {
                "summary": "Check text; the answer is the JSON of `stylecheck --output-format json`",
                "requestBody": json_body(check_body),
                "responses": {"200": ok({"$ref": "#/components/schemas/Result"}, "findings"),
                              **_errors(400, 403, 408, 413, 429, 503)}}},
            "/v1/fix": {"post": {
                "summary": "Apply safe replacements (all, or the `only` findings) and re-check",
                "requestBody": json_body(fix_body),
                "responses": {"200": ok({"allOf": [{"$ref": "#/components/schemas/Result"}, {
                    "type": "object", "properties": {"text": {"type": "string"}, "applied": {"type": "integer"},
                                   "fixable": {"type": "object", "description": "findings left with a suggestion, by applicability",
                                               "properties": {k: {"type": "integer"} for k in ("safe", "unsafe", "display-only")}}}}]},
                    "the fixed text and the findings that remain"), **_errors(400, 403, 408, 413, 429, 503)}}},
            "/v1/rules": {"get": {
                "summary": "Every rule with its category, why and examples",
                "parameters": [{"name": "preset", "in": "query", "schema": {"enum": ["none", "ap", "bbc", "guardian"]}}],
                "responses": {"200": {"description": "the rules"}, **_errors(400)}}},
            "/v1/openapi.json": {"get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI"}}}},
        },
        "components": {"schemas": {"Finding": _FINDING, "Result": _RESULT, "Error": _ERROR, "Config": _config()}},
    }
