"""JUnit XML for CI dashboards: one testsuite, one testcase per file, one <failure> per finding.

A file that could not be checked (or whose rules failed) gets an <error> instead. Text is XML-escaped
by ElementTree; characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
are dropped first, because a dashboard rejects the whole report over one of them. Bidi and zero-width
characters are shown as <U+XXXX>, as in the text output.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import describe_suggestion, escape_controls

# Everything outside XML 1.0's Char production.
_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Text safe for an XML 1.0 document: forbidden characters dropped, hidden ones made visible."""
    return escape_controls(_FORBIDDEN.sub("", text))


def _finding_line(path: str, f) -> str:
    hint = f" [→ {describe_suggestion(f.suggestions[0])}]" if f.suggestions else ""
    return f"{path}:{f.line}:{f.column}: {f.rule} {f.severity}: {f.message}{hint}"


def format(results, options=None) -> str:
    suite = ET.Element("testsuite", name="stylecheck")
    props = ET.SubElement(ET.SubElement(suite, "properties"), "property", name="findings")
    tests = failures = errors = 0
    for r in results:
        tests += 1
        path = clean(r.path)
        case = ET.SubElement(suite, "testcase", classname="stylecheck", name=path, file=path)
        if r.error is not None:
            errors += 1
            err = ET.SubElement(case, "error", type=clean(r.error_code or "error"), message=clean(r.error))
            err.text = clean(f"{r.path}: {r.error_code} {r.error}")
            continue
        if r.rule_errors:
            errors += 1
            err = ET.SubElement(case, "error", type="rule-error", message=clean(r.rule_errors[0]))
            err.text = "\n".join(clean(f"{r.path}: {e}") for e in r.rule_errors)
        if r.findings:
            failures += 1
        for f in r.findings:
            fail = ET.SubElement(case, "failure", type=f.rule,
                                 message=clean(f"{f.line}:{f.column}: {f.rule} {f.slug}: {f.message}"))
            fail.text = clean(_finding_line(r.path, f))
    findings = sum(len(r.findings) for r in results)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    props.set("value", str(findings))
    root = ET.Element("testsuites", name="stylecheck", tests=str(tests), failures=str(failures), errors=str(errors))
    root.append(suite)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
