"""Configuration: pyproject [tool.stylecheck] or .stylecheck.toml/stylecheck.toml → Settings.

Settings are frozen and hashable so one compiled Linter serves every file that shares them.
Every key is validated; a mistake names the file, the key and its line.
"""
from __future__ import annotations

import fnmatch
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .findings import Severity
from .packs import PRESETS, PackError, read_toml

CONFIG_NAMES = (".stylecheck.toml", "stylecheck.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names file, line and key."""


class Settings(NamedTuple):
    """The effective configuration for one file."""

    select: tuple[str, ...] | None = None  # None: the default rule set
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (selector, level)
    fail_on: Severity = Severity.warning
    preset: str | None = None
    packs: tuple[str, ...] = ()  # extra pack files (absolute paths)
    accept: frozenset[str] = frozenset()  # words and names the desk knows
    prefer: tuple[tuple[str, str], ...] = ()  # (variant, preferred)
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    include: tuple[str, ...] = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
    exclude: tuple[str, ...] = ()
    per_file: tuple[tuple[str, "Settings"], ...] = ()  # (glob, block), parsed from per_file_raw
    per_file_raw: tuple[tuple[str, str], ...] = ()
    max_file_size: int = 10 * 1024 * 1024
    root: str = ""  # directory of the config file ("" when none)
    origin: str = ""  # path of the config file

    def options_for(self, code: str, slug: str) -> dict[str, Any]:
        for key, opts in self.rule_options:
            if key in (code, slug):
                return dict(opts)
        return {}

    def for_path(self, path: str) -> "Settings":
        """Apply the per-file blocks whose globs match path (relative to the config root)."""
        rel = path
        if self.root:
            try:
                rel = str(Path(path).resolve().relative_to(self.root))
            except ValueError:
                rel = path
        s = self
        for glob, block in self.per_file:
            if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(Path(rel).name, glob):
                s = s._replace(
                    ignore=s.ignore + block.ignore,
                    extend_select=s.extend_select + block.extend_select,
                    severity=s.severity + block.severity,
                    accept=s.accept | block.accept,
                )
        return s


class Overrides(NamedTuple):
    """Choices layered over each file's config (the command line's --select, --preset, ...): data, picklable."""

    select: tuple[str, ...] | None = None  # None: keep the config's selection
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    preset: str | None = None  # "none" turns the config's preset off

    def apply(self, s: Settings) -> Settings:
        kw: dict[str, Any] = {}
        if self.select is not None:
            kw["select"] = self.select
        if self.extend_select:
            kw["extend_select"] = s.extend_select + self.extend_select
        if self.ignore:
            kw["ignore"] = s.ignore + self.ignore
        if self.fail_on:
            kw["fail_on"] = Severity.parse(self.fail_on)
        if self.preset:
            kw["preset"] = None if self.preset == "none" else self.preset
        return s._replace(**kw) if kw else s


_TOP_KEYS = {
    "select": list, "extend-select": list, "ignore": list, "severity": dict, "fail-on": str,
    "preset": str, "packs": list, "accept": list, "prefer": dict, "rules": dict, "include": list,
    "exclude": list, "per-file": dict, "max-file-size": int,
}
_PER_FILE_KEYS = {"ignore", "extend-select", "severity", "accept"}


def _fail(path: Path, text: str, key: str, msg: str, *after: str) -> ConfigError:
    """An error at the line of key (found after the `after` needles, in order: a table, a glob)."""
    return ConfigError(f"{path}:{line_of(text, *after, key)}: {key}: {msg}")


def line_of(text: str, *needles: str) -> int:
    """The line of the last needle, each searched after the one before (0 when the first is missing)."""
    pos = -1
    for needle in needles:
        found = text.find(needle, max(pos, 0))
        if found < 0:
            if pos < 0:
                return 0
            break
        pos = found
    return text.count("\n", 0, pos) + 1


def _check_glob(path: Path, text: str, key: str, glob: str) -> None:
    """A glob fnmatch would read as something else than the user meant is an error, not a no-match."""
    problem = ""
    if not glob.strip():
        problem = "an empty glob matches no file"
    elif glob.startswith(("/", "\\")) or glob[1:3] in (":/", ":\\"):
        problem = "globs are relative to the config file's directory, not absolute"
    elif "{" in glob or "}" in glob:
        problem = "braces ({a,b}) are not glob syntax here; write one entry per pattern"
    else:
        i = 0
        while i < len(glob):
            if glob[i] == "[":  # fnmatch's class: `[!`, a leading `]`, then up to the closing `]`
                j = i + 1 + (glob[i + 1:i + 2] == "!")
                j += glob[j:j + 1] == "]"
                close = glob.find("]", j)
                if close < 0:
                    problem = "'[' opens a character class that is never closed"
                    break
                i = close
            i += 1
    if problem:
        raise ConfigError(f"{path}:{line_of(text, key, glob)}: {key}: {glob!r}: {problem}")


def _str_list(path: Path, text: str, key: str, value: list) -> tuple[str, ...]:
    if not all(isinstance(v, str) for v in value):
        raise _fail(path, text, key, "expected a list of strings")
    return tuple(value)


def parse_settings(table: dict[str, Any], path: Path, text: str, per_file: bool = False) -> Settings:
    """Validate one config table into Settings."""
    allowed = _PER_FILE_KEYS if per_file else set(_TOP_KEYS)
    kw: dict[str, Any] = {}
    for key, value in table.items():
        if key not in allowed:
            raise _fail(path, text, key, "unknown key" + (" in a per-file block" if per_file else ""))
        typ = _TOP_KEYS[key]
        if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
            raise _fail(path, text, key, f"expected {typ.__name__}, got {type(value).__name__}")
        if key in ("select", "extend-select", "ignore", "include", "exclude"):
            kw[key.replace("-", "_")] = _str_list(path, text, key, value)
            if key in ("include", "exclude"):
                for glob in value:
                    _check_glob(path, text, key, glob)
        elif key == "accept":
            kw["accept"] = frozenset(_str_list(path, text, key, value))
        elif key == "packs":
            base = path.parent.resolve()
            packs = []
            for p in _str_list(path, text, key, value):
                resolved = (base / p).resolve()
                if base not in resolved.parents:
                    raise _fail(path, text, key, f"pack {p!r} lies outside the project ({base})")
                packs.append(str(resolved))
            kw["packs"] = tuple(packs)
        elif key == "severity":
            for sel, level in value.items():
                if not isinstance(level, str) or level not in ("info", "warning", "error", "off"):
                    raise _fail(path, text, sel, "severity must be info, warning, error or off")
            kw["severity"] = tuple(value.items())
        elif key == "fail-on":
            try:
                kw["fail_on"] = Severity.parse(value)
            except ValueError as exc:
                raise _fail(path, text, key, str(exc)) from None
        elif key == "preset":
            if value not in PRESETS and value != "none":
                raise _fail(path, text, key, f"{value!r} is not one of {', '.join(PRESETS)} or none")
            kw["preset"] = None if value == "none" else value
        elif key == "prefer":
            if not all(isinstance(v, str) for v in value.values()):
                raise _fail(path, text, key, "expected variant = \"preferred\" pairs of strings")
            kw["prefer"] = tuple(value.items())
        elif key == "rules":
            opts = []
            for code, o in value.items():
                if not isinstance(o, dict):
                    raise _fail(path, text, code, "rule options must be a table")
                opts.append((code, tuple(sorted((k, _hashable(v)) for k, v in o.items()))))
            kw["rule_options"] = tuple(opts)
        elif key == "per-file":
            blocks, raw = [], []
            for glob, block in value.items():
                if not isinstance(block, dict):
                    raise _fail(path, text, glob, "a per-file block must be a table")
                _check_glob(path, text, "per-file", glob)
                blocks.append((glob, parse_settings(block, path, text, per_file=True)))
                raw.append((glob, repr(sorted(block.items()))))
            kw["per_file"], kw["per_file_raw"] = tuple(blocks), tuple(raw)
        elif key == "max-file-size":
            if value <= 0:
                raise _fail(path, text, key, "must be positive")
            kw["max_file_size"] = value
        else:
            kw[key.replace("-", "_")] = value
    if per_file:
        return Settings(**kw)
    return Settings(**kw, root=str(path.parent.resolve()), origin=str(path))


def load_config(path: Path) -> Settings:
    """Settings from one config file (pyproject.toml uses its [tool.stylecheck] table)."""
    try:
        data, text = read_toml(path)
    except PackError as exc:
        raise ConfigError(str(exc)) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("stylecheck", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.stylecheck] must be a table")
    settings = parse_settings(data, path, text)
    _check_selection(settings, path, text)
    return settings


def _check_selection(settings: Settings, path: Path, text: str) -> None:
    """Every selector, severity key and `[rules.X]` must name a rule (bundled or in the config's packs)."""
    blocks = [("", (), settings)] + [(f"per-file.{glob!r}.", (glob,), block) for glob, block in settings.per_file]
    if not any(s.select is not None or s.extend_select or s.ignore or s.severity or s.rule_options for _, _, s in blocks):
        return  # nothing to check: the bundled rules need not be loaded
    from .packs import available_rules
    from .selection import SelectionError, validate

    try:
        rules = available_rules(settings.packs)
    except PackError as exc:
        raise ConfigError(str(exc)) from None
    for prefix, after, block in blocks:
        try:
            validate(block, rules)
        except SelectionError as exc:
            needles = (*after, exc.key, exc.selector) if exc.selector else (*after, exc.key)
            raise ConfigError(f"{path}:{line_of(text, *needles)}: {prefix}{exc}") from None


class _List(list):
    """A rule option's list, hashable so Settings can key caches (nobody changes one after loading)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self))


class _Dict(dict):
    """A rule option's table, hashable like _List."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


def _hashable(value: Any) -> Any:
    """A config option's value with its lists and tables hashable (still a list and a dict to a kind):
    before, `[rules.CR501] exceptions = [...]` failed with "unhashable type: 'list'"."""
    if isinstance(value, list):
        return _List(_hashable(v) for v in value)
    if isinstance(value, dict):
        return _Dict((k, _hashable(v)) for k, v in value.items())
    return value


def option_error(settings: Settings, rule, exc: Exception) -> ConfigError:
    """A `[rules.X]` option the rule's kind refused, at its line in the user's config file."""
    key = next((k for k, _ in settings.rule_options if k in (rule.code, rule.slug)), rule.code)
    option = getattr(exc, "option", "")
    where = ""
    if settings.origin:
        from .inputs import read_text

        try:
            text = read_text(settings.origin)
        except (OSError, UnicodeDecodeError):
            text = ""
        where = f"{settings.origin}:{line_of(text, 'rules', key, option) if option else line_of(text, 'rules', key)}: "
    return ConfigError(f"{where}rules.{key}: {exc}")


def _has_config(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        from .inputs import read_bytes

        return b"[tool.stylecheck" in read_bytes(path)
    except OSError:
        return False


class ConfigFinder:
    """Finds the nearest config file from a directory upward, remembering answers per directory.

    Called like a function (`find_config(directory)`); `cache_clear()` forgets the answers, for
    a long-running process (the language server) in which config files come and go.
    """

    __slots__ = ("_nearest",)

    def __init__(self, maxsize: int = 1024):
        self._nearest = lru_cache(maxsize=maxsize)(_nearest_config)

    def __call__(self, directory: str) -> Path | None:
        """The nearest config file from directory upward."""
        # remembered by absolute directory: a relative one (".") means another place after a chdir
        return self._nearest(str(Path(directory).resolve()))

    def cache_clear(self) -> None:
        self._nearest.cache_clear()


def _nearest_config(directory: str) -> Path | None:
    d = Path(directory)
    for candidate in (d, *d.parents):
        for name in CONFIG_NAMES:
            p = candidate / name
            if p.is_file() and _has_config(p):
                return p
    return None


find_config = ConfigFinder()


def settings_for_config(path: str | None) -> Settings:
    """The Settings of a config file, read again when the file changes (a language server runs for hours)."""
    if not path:
        return Settings()
    try:
        st = os.stat(path)
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None  # load_config reports the problem
    return _settings_for_config(path, stamp)


@lru_cache(maxsize=256)
def _settings_for_config(path: str, stamp: tuple[int, int] | None) -> Settings:
    return load_config(Path(path))
