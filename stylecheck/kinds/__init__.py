"""Rule kinds: the code behind rules. Each module here defines one or more kinds.

A rule's TOML names its kind as `module` or `module.name`; the module's `KINDS` dict maps
names to classes (the class for a bare `module` is `KINDS[module]`). Only modules in this
package and installed `stylecheck.kinds` entry points are ever imported: config never runs code.
"""
from __future__ import annotations

import importlib
from typing import Any, Iterable, Protocol

from ..document import Document
from ..findings import Hit
from ..patterns import compile_regex

_KIND_NAME = compile_regex(r"^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?$")


class Kind(Protocol):
    """A compiled rule: built once from its options, then run on many documents."""

    def __init__(self, rule: Any) -> None: ...

    def check(self, doc: Document) -> Iterable[Hit]: ...


def resolve(kind: str) -> type:
    """The class for a kind name; raise LookupError when there is none."""
    if not _KIND_NAME.match(kind):
        raise LookupError(f"malformed kind {kind!r}")
    module_name, _, name = kind.partition(".")
    name = name or module_name
    try:
        module = importlib.import_module(f"{__name__}.{module_name}")
    except ModuleNotFoundError:
        module = _entry_point(module_name)
    kinds = getattr(module, "KINDS", {})
    if name not in kinds:
        raise LookupError(f"unknown kind {kind!r}")
    return kinds[name]


def _entry_point(name: str):
    from importlib.metadata import entry_points

    for ep in entry_points(group="stylecheck.kinds"):
        if ep.name == name:
            return ep.load()
    raise LookupError(f"unknown kind {name!r}")
