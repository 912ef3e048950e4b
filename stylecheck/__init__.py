"""stylecheck: an editorial style and consistency linter for news copy.

The public API (what a CMS calls):

    lint_text(text, fmt="markdown", config=None) -> list[Finding]
    lint_paths(paths, config=None) -> list[FileResult]
"""
from __future__ import annotations

from .version import __version__
__all__ = ["lint_text", "lint_paths", "Finding", "Severity", "__version__"]


def __getattr__(name: str):
    # keep `import stylecheck` cheap: the model loads on first use
    if name in ("Finding", "Severity"):
        from . import findings

        return getattr(findings, name)
    raise AttributeError(name)


def lint_text(text: str, fmt: str = "markdown", config=None, path: str = "<text>"):
    """Lint a string; config is a Settings, a path to a config file, or None for defaults."""
    from .config import Settings, load_config
    from .engine import linter_for
    from .source import Source
    from pathlib import Path

    settings = config if isinstance(config, Settings) else (load_config(Path(config)) if config else Settings())
    return linter_for(settings).lint_source(Source(path, text), fmt)


def lint_paths(paths, config=None, **options):
    """Lint files and directories; returns one FileResult per file (errors included, never raised)."""
    from .runner import RunOptions, discover, lint_file

    opts = RunOptions(config=str(config) if config else None, **options)
    return [lint_file(p, opts) for p, _ in discover([str(p) for p in paths], opts)]
