"""Load rule packs (TOML data) into validated Rule records and compile them into kinds.

Rules are data: a new banned phrase or variant pair is a TOML edit. Loading validates every
key and names the file and line of any mistake, so a newsroom's own pack fails loudly.
"""
from __future__ import annotations

import bisect
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .findings import CATEGORIES, Severity
from .patterns import compile_regex
from .store import Codec

CODE = compile_regex(r"^[A-Z]{2}[0-9]{3}$")
SLUG = compile_regex(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧ mark the expected span in a bad example
PRESETS = ("ap", "bbc", "guardian")
_COMMON_KEYS = {
    "code", "slug", "kind", "category", "severity", "message", "why", "examples", "exclude_quotes",
    "scopes", "default", "presets", "applicability", "source",
}


class PackError(Exception):
    """A rule pack that cannot be used: the message names file, line and key."""


class Example(NamedTuple):
    bad: str | None = None
    good: str | None = None
    fixed: str | None = None

    def marked_span(self) -> tuple[str, int, int]:
        """The bad text without ⟦⟧ marks and the marked span's offsets."""
        assert self.bad is not None
        s = self.bad.index(MARK_OPEN)
        e = self.bad.index(MARK_CLOSE) - 1
        return self.bad.replace(MARK_OPEN, "").replace(MARK_CLOSE, ""), s, e


class Rule(NamedTuple):
    """One rule as declared in a pack; `options` holds the kind-specific keys."""

    code: str
    slug: str
    kind: str
    category: str
    severity: Severity
    message: str
    why: str
    examples: tuple[Example, ...]
    options: dict[str, Any] = {}  # never mutated: a rule with other options is a new Rule
    exclude_quotes: bool = False
    scopes: tuple[str, ...] = ()
    default: bool = True
    presets: tuple[str, ...] = ()
    applicability: str = "unsafe"  # "safe" only where the pack says so (fixes.py: the policy)
    source: str = ""  # citation for the convention or data source
    pack: str = ""  # path of the pack file, for error messages
    line: int = 0
    bundled: bool = False  # shipped with stylecheck (its patterns are tested for ReDoS), not a desk's own

    def describe(self) -> str:
        return f"{self.code} ({self.slug})"

    def __hash__(self) -> int:  # options is a dict: hash what identifies the rule (equal rules share it)
        return hash((self.code, self.slug, self.pack, self.line))


_PACK_FIELD = Rule._fields.index("pack")


class _PackText:
    """A pack's text and its line starts, for the line numbers in error messages.

    Rules are looked up in file order from a cursor, and lines by binary search, so a pack of
    10,000 rules loads in linear time (searching from the top for each rule was quadratic).
    """

    def __init__(self, text: str):
        from .source import line_starts

        self.text, self.starts, self.cursor = text, line_starts(text), 0

    def line_at(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) if pos >= 0 else 0

    def line_of(self, needle: str, after: int = 0) -> int:
        return self.line_at(self.text.find(needle, after))

    def next_rule(self, code: str) -> int:
        """Where the rule with this code starts: its first mention after the previous rule."""
        pos = self.text.find(code, self.cursor)
        if pos < 0:
            pos = self.text.find(code)
        self.cursor = max(self.cursor, pos)
        return pos


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; errors carry path:line:col and a hint for regex escapes."""
    from .inputs import read_text, reason

    try:
        text = read_text(path)  # a FIFO or /dev/zero named as a pack, vocabulary or config is refused
    except OSError as exc:
        raise PackError(f"{path}: cannot read: {reason(exc)}") from None
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: cannot read: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if sys.version_info >= (3, 11):  # imported here: most runs read no TOML at all (packs come cached)
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text), text
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise PackError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        hint = " (use single-quoted literal strings for regexes)" if "escape" in str(exc).lower() else ""
        raise PackError(f"{path}: invalid TOML: {exc}{hint}") from None


def _rule_from(data: dict[str, Any], path: Path, text: _PackText) -> Rule:
    code = data.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        where = f"{path}:{text.line_of(code)}" if isinstance(code, str) else str(path)
        raise PackError(f"{where}: rule code {code!r} must be two capitals and three digits (e.g. NM101)")
    start = text.next_rule(code)

    def fail(key: str, msg: str) -> PackError:
        return PackError(f"{path}:{text.line_of(key, start) or text.line_at(start)}: rule {code}: {key}: {msg}")

    def get(key: str, typ: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in data:
            if default is ...:
                raise fail(key, "missing")
            return default
        if not isinstance(data[key], typ):
            raise fail(key, f"expected {typ.__name__ if isinstance(typ, type) else ' or '.join(t.__name__ for t in typ)}, got {type(data[key]).__name__}")
        return data[key]

    slug = get("slug", str)
    if not SLUG.match(slug):
        raise fail("slug", f"{slug!r} must be lowercase words joined by hyphens")
    category = get("category", str)
    if category not in CATEGORIES:
        raise fail("category", f"{category!r} is not one of {', '.join(CATEGORIES)}")
    try:
        severity = Severity.parse(get("severity", str))
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    examples = []
    for ex in get("examples", list, []):
        if not isinstance(ex, dict) or not set(ex) <= {"bad", "good", "fixed"} or not ("bad" in ex or "good" in ex):
            raise fail("examples", "each example is a table with `bad` (and optional `fixed`) or `good`")
        if "bad" in ex and (ex["bad"].count(MARK_OPEN) != 1 or ex["bad"].count(MARK_CLOSE) != 1):
            raise fail("examples", f"bad example must mark its span once with {MARK_OPEN}…{MARK_CLOSE}: {ex['bad']!r}")
        examples.append(Example(ex.get("bad"), ex.get("good"), ex.get("fixed")))
    presets = tuple(get("presets", list, []))
    for p in presets:
        if p not in PRESETS:
            raise fail("presets", f"{p!r} is not one of {', '.join(PRESETS)}")
    # a fix is unsafe unless the pack says it is certain and cannot change meaning or a name (fixes.py)
    applicability = get("applicability", str, "unsafe")
    if applicability not in ("safe", "unsafe"):
        raise fail("applicability", "expected 'safe' or 'unsafe'")
    options = {k: v for k, v in data.items() if k not in _COMMON_KEYS}
    return Rule(
        code=code, slug=slug, kind=get("kind", str), category=category, severity=severity,
        message=get("message", str), why=get("why", str), examples=tuple(examples), options=options,
        exclude_quotes=get("exclude_quotes", bool, False), scopes=tuple(get("scopes", list, [])),
        default=get("default", bool, True), presets=presets, applicability=applicability,
        source=get("source", str, ""), pack=str(path), line=text.line_at(start),
    )


def load_pack(path: Path) -> list[Rule]:
    """All rules of one pack file, validated."""
    data, text = read_toml(path)
    unknown = set(data) - {"pack", "rule"}
    if unknown:
        raise PackError(f"{path}:{_PackText(text).line_of(sorted(unknown)[0])}: unknown top-level key {sorted(unknown)[0]!r}")
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise PackError(f"{path}: `rule` must be an array of tables ([[rule]])")
    located = _PackText(text)
    return [_rule_from(r, path, located) for r in rules]


@lru_cache(maxsize=1)
def builtin_pack_dir() -> Path:
    """The bundled packs: installed as stylecheck/rules, or rules/ beside a source checkout."""
    installed = Path(__file__).resolve().parent / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


@lru_cache(maxsize=None)
def builtin_rules() -> tuple[Rule, ...]:
    """The bundled rules, from the store (keyed by the packs' names and contents) when it holds them.

    Parsing the TOML packs costs ~40 ms (tomllib is pure Python); the stored rows load in well
    under one (RULES).
    """
    from .fastpath import blake2b
    from .store import get_or_build

    paths = sorted(builtin_pack_dir().glob("*.toml"))
    # keyed by content, not paths or mtimes: every install of one version shares the file (~0.2 ms to read)
    digest = blake2b(repr((Rule._fields, Example._fields)).encode(), digest_size=16)
    for p in paths:
        digest.update(p.name.encode() + b"\0" + p.read_bytes())
    return get_or_build("packs", digest.hexdigest(), lambda: tuple(load_rules(paths, bundled=True)), RULES)


def _rows_of(rules: tuple[Rule, ...]) -> bytes:
    """Rules as marshal rows; a rule's pack is stored as its file name, never the install's path."""
    import marshal

    return marshal.dumps([(*r[:4], int(r.severity), *r[5:7], tuple(tuple(e) for e in r.examples),
                           *r[8:_PACK_FIELD], Path(r.pack).name, *r[_PACK_FIELD + 1:]) for r in rules])


def _rules_of(view) -> tuple[Rule, ...]:
    """Rules from stored rows, their packs placed in this install's pack directory."""
    import marshal

    home = f"{builtin_pack_dir()}{os.sep}"
    rules = []
    for row in marshal.loads(view):
        if len(row) != len(Rule._fields):
            raise ValueError("a stored rule of another shape")
        rules.append(Rule(*row[:4], Severity(row[4]), *row[5:7], tuple(Example(*e) for e in row[7]),
                          *row[8:_PACK_FIELD], home + row[_PACK_FIELD], *row[_PACK_FIELD + 1:]))
    return tuple(rules)


RULES = Codec("marshal", _rows_of, _rules_of)


def available_rules(packs: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The bundled rules and the rules of these pack files: every rule a selector may name.

    Read again when a pack file changes (a language server runs for hours); the config's
    checks and the Linter share one read.
    """
    if not packs:
        return builtin_rules()
    stamps = []
    for p in packs:
        try:
            st = os.stat(p)
            stamps.append((st.st_mtime_ns, st.st_size))
        except OSError:
            stamps.append(None)  # load_pack reports it
    return _with_packs(tuple(packs), tuple(stamps))


@lru_cache(maxsize=32)
def _with_packs(packs: tuple[str, ...], stamps: tuple) -> tuple[Rule, ...]:
    rules = [*builtin_rules(), *load_rules([Path(p) for p in packs])]
    check_unique(rules)
    return tuple(rules)


def check_unique(rules: list[Rule]) -> None:
    """A code or slug used twice (a desk's pack reusing a bundled code) is an error naming both."""
    seen: dict[str, Rule] = {}
    for r in rules:
        for key in (r.code, r.slug):
            if key in seen:
                raise PackError(f"{r.pack}:{r.line}: duplicate rule {key!r} (also in {seen[key].pack}:{seen[key].line})")
            seen[key] = r


def load_rules(paths: list[Path], bundled: bool = False) -> list[Rule]:
    """Rules from several packs (bundled: stylecheck's own); duplicate codes or slugs are errors."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path in paths:
        for rule in load_pack(Path(path)):
            for key in (rule.code, rule.slug):
                if key in seen:
                    raise PackError(f"{rule.pack}:{rule.line}: duplicate rule {key!r} (also in {seen[key].pack}:{seen[key].line})")
                seen[key] = rule
            rules.append(rule._replace(bundled=bundled) if bundled else rule)
    return rules
