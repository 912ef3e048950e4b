"""What a directory walk leaves out because of `.gitignore` and `.ignore` files, as git does.

The patterns are git's (through `pathspec`, imported only when an ignore file exists): each
directory's `.gitignore`, then its `.ignore` (which wins over it, as in ripgrep and ruff), and at the
repository root `.git/info/exclude` below both. A deeper directory's files win over a shallower
one's; a path is ignored when the deepest file with a pattern matching it says so. Ignore files of
directories above the walked one count up to the repository root (the nearest directory holding
`.git`); outside a repository only those inside the walked directory do. Files named on the
command line are always checked (`--force-exclude` applies only the config's `exclude`).
"""
from __future__ import annotations

import os

IGNORE_FILES = (".gitignore", ".ignore")


class IgnoreRules:
    """The ignore files that apply to one directory walk, read once per directory."""

    def __init__(self, top: str):
        self.top = os.path.abspath(top)
        self.root = _repository_root(self.top)
        self._specs: dict[str, object] = {}

    def ignored(self, path: str, is_dir: bool) -> bool:
        """True when the ignore files say path (a file or directory inside the walk) is ignored."""
        path = os.path.abspath(path)
        d = os.path.dirname(path)
        stop = self.root or self.top
        while True:
            spec = self._spec(d)
            if spec is not None:
                rel = os.path.relpath(path, d).replace(os.sep, "/") + ("/" if is_dir else "")
                verdict = spec.check_file(rel).include
                if verdict is not None:
                    return verdict
            if d == stop or os.path.dirname(d) == d or not _inside(d, stop):
                return False
            d = os.path.dirname(d)

    def _spec(self, directory: str):
        if directory not in self._specs:
            lines: list[str] = []
            if directory == self.root:
                lines += _read_lines(os.path.join(directory, ".git", "info", "exclude"))
            for name in IGNORE_FILES:
                lines += _read_lines(os.path.join(directory, name))
            spec = None
            if any(line.strip() and not line.lstrip().startswith("#") for line in lines):
                import pathspec

                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            self._specs[directory] = spec
        return self._specs[directory]


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _repository_root(directory: str) -> str | None:
    d = directory
    while True:
        if os.path.exists(os.path.join(d, ".git")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read().splitlines()
    except OSError:
        return []
