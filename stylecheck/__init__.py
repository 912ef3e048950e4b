"""stylecheck: an editorial style and consistency linter for news copy.

The public API (what a CMS calls):

    lint_text(text, fmt="markdown", config=None) -> list[Finding]   (RuleError when a rule fails)
    lint_paths(paths, config=None) -> list[FileResult]              (rule failures in .rule_errors)

Both run `engine.Linter.run`, which returns the findings together with per-rule errors and
whether every rule finished (see docs/architecture.md).
"""
from __future__ import annotations

from .version import __version__
__all__ = ["lint_text", "lint_paths", "Finding", "Severity", "RuleError", "__version__"]


def __getattr__(name: str):
    # keep `import stylecheck` cheap: the model loads on first use
    if name in ("Finding", "Severity"):
        from . import findings

        return getattr(findings, name)
    if name == "RuleError":
        from .engine import RuleError

        return RuleError
    raise AttributeError(name)


def lint_text(text: str, fmt: str = "markdown", config=None, path: str = "<text>"):
    """Lint a string; config is a Settings, a path to a config file, or None for defaults.

    Raises RuleError when a rule fails on the text; its `result` holds the other rules' findings.
    """
    from .config import Settings, load_config
    from .engine import linter_for
    from .source import Source
    from pathlib import Path

    settings = config if isinstance(config, Settings) else (load_config(Path(config)) if config else Settings())
    return linter_for(settings).run(Source(path, text), fmt).findings_or_raise()


def lint_paths(paths, config=None, **options):
    """Lint files and directories; returns one FileResult per file (errors included, never raised).

    options are RunOptions fields (overrides=config.Overrides(...), format_in, encoding, ...).
    """
    from .runner import RunOptions, discover, lint_file

    opts = RunOptions(config=str(config) if config else None, **options)
    return [lint_file(p, opts) for p, _ in discover([str(p) for p in paths], opts)]
