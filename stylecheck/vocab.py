"""`stylecheck vocab`: learn a desk's names from its archive, and read vocabulary files.

A vocabulary file tells the names checker which names the desk uses (so a rare name it knows
is never called a typo, and a near miss of it is caught) and which spelling the desk prefers
for a name written several ways. It is plain TOML:

    # written by `stylecheck vocab learn`; edit freely
    [vocab]
    names = ["Kovacs", "Szentendre", "Zelenskyy"]

    [vocab.prefer]
    "Zelensky" = "Zelenskyy"   # variant = "house form"

Use it from the config, as an option of the names rules (names silence NM101/SP101; `prefer`
makes NM102 flag every variant with its house form, whatever the article's majority):

    [tool.stylecheck.rules.NM101]
    vocab = "style/vocab.toml"      # relative to the config file
    [tool.stylecheck.rules.SP101]
    vocab = "style/vocab.toml"
    [tool.stylecheck.rules.NM102]
    vocab = "style/vocab.toml"

The config's own `accept` list and `[tool.stylecheck.prefer]` table work the same way, without a file.
`stylecheck archive PATHS --write-vocab FILE` writes the same format from a whole archive: its names,
and the house forms its cross-article pass settled on (the minority spelling = the kept one).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from .vocabulary import load_vocab

if TYPE_CHECKING:
    from .source import Source

FORMAT_HELP = __doc__.split("\n\n", 1)[1]

_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


def read_vocab(path: Path) -> frozenset[str]:
    """The names a vocabulary file lists (its preferred forms count as names too)."""
    return load_vocab(path)[0]


def learn(paths: list[Path], min_count: int = 3, min_docs: int = 2) -> tuple[list[str], dict[str, str]]:
    """Names the archive's files use consistently, and house forms for the names they spell two ways."""
    return learn_sources(_file_sources(paths), min_count, min_docs)


def _file_sources(paths: list[Path]) -> Iterator[tuple[Source, str]]:
    from .parsers import format_for
    from .source import decode

    for path in paths:
        try:
            yield decode(path.read_bytes(), str(path)), format_for(str(path))
        except Exception:  # an unreadable file in an archive is skipped, not fatal
            continue


def _export_sources(path: str) -> Iterator[tuple[Source, str]]:
    """The articles of a JSON Lines or Parquet export (stylecheck archive's inputs)."""
    from .archive import inputs
    from .runner import RunOptions

    for part in inputs.plan([path], RunOptions()):
        for art in inputs.read(part, RunOptions()):
            if not art.error:
                yield art.source, art.fmt


def learn_sources(sources: Iterable[tuple[Source, str]], min_count: int = 3, min_docs: int = 2
                  ) -> tuple[list[str], dict[str, str]]:
    """Names the articles use consistently, and house forms for the names they spell two ways.

    A name is a capitalised word not at the start of a sentence, not all capitals, that the
    lexicon does not already know as a common word. It must occur min_count times in min_docs
    articles. A spelling of a kept name (same transliteration key, or one edit away) that the
    archive uses at most a third as often, however rarely, becomes a `prefer` entry.
    """
    from .runtime import default_runtime
    from .parsers import parse
    from .text.words import WORD, starts_clause

    lex = default_runtime().lexicon
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for src, fmt in sources:
        seen = set()
        for seg in parse(src, fmt).segments:
            for m in WORD.finditer(seg.text):
                w = m.group()
                if w[-2:] in ("'s", "\u2019s"):
                    w = w[:-2]
                if not w[:1].isupper() or w.isupper() or len(w) < 3:
                    continue
                if starts_clause(seg.text, m.start()):
                    continue
                counts[w] += 1
                seen.add(w)
        docs.update(seen)
    keep = [w for w, n in counts.items() if n >= min_count and docs[w] >= min_docs and lex.common.get(w.casefold(), 0) < 40]
    return _house_forms(keep, counts)


def _house_forms(keep: list[str], counts: Counter) -> tuple[list[str], dict[str, str]]:
    """The kept names, and a house form for every rarer spelling of one (however rare: Zelensky once).

    Spellings of one name share a transliteration key or are one edit apart; the one used at least
    three times as often is the house form. Two kept spellings used about as often are both names.
    """
    from .kinds.names.edits import damerau1, translit_key

    groups: dict[str, list[str]] = {}
    for w in keep:
        groups.setdefault(translit_key(w), []).append(w)
    kept = set(keep)
    by_initial: dict[str, list[str]] = {}
    for w in counts:
        if w not in kept and len(w) >= 4:
            by_initial.setdefault(w[:1], []).append(w)
    names, prefer = [], {}
    for forms in groups.values():
        forms.sort(key=lambda f: (-counts[f], f))
        top = forms[0]
        names.append(top)
        for other in forms[1:]:
            if counts[top] >= 3 * counts[other]:
                prefer[other] = top
            else:
                names.append(other)
        if len(top) < 5:
            continue  # short names have too many real neighbours one edit away
        for other in by_initial.get(top[:1], ()):
            if counts[top] >= 3 * counts[other] and (translit_key(other) == translit_key(top) or damerau1(other, top)):
                prefer.setdefault(other, top)
    return sorted(names), dict(sorted(prefer.items()))


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(names: list[str], prefer: dict[str, str]) -> str:
    lines = ["# written by `stylecheck vocab learn`; edit freely", "[vocab]", "names = ["]
    lines += [f"  {_toml_str(n)}," for n in names]
    lines += ["]", "", "[vocab.prefer]"]
    lines += [f"{_toml_str(k)} = {_toml_str(v)}" for k, v in prefer.items()]
    return "\n".join(lines) + "\n"


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    out = []
    for d, _, files in os.walk(root):
        out += [Path(d) / f for f in files if Path(f).suffix.lower() in _SUFFIXES]
    return sorted(out)


def main(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(
        prog="stylecheck vocab", description="Learn a desk's names from its archive.",
        epilog="Vocabulary file format:\n\n" + FORMAT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="cmd")
    lp = sub.add_parser("learn", help="read an archive and write a vocabulary file")
    lp.add_argument("dir", nargs="+", help="directories or files of published articles, or JSON Lines / Parquet "
                    "exports (one article per row, as `stylecheck archive` reads them)")
    lp.add_argument("-o", "--output", default="-", help="vocabulary file to write (default: stdout)")
    lp.add_argument("--min-count", type=int, default=3, help="uses a name needs (default 3)")
    lp.add_argument("--min-docs", type=int, default=2, help="files a name must appear in (default 2)")
    sub.add_parser("format", help="describe the vocabulary file format")
    args = p.parse_args(argv)
    if args.cmd in (None, "format"):
        print(FORMAT_HELP, end="")
        return 0
    sources: list = []
    for arg in args.dir:
        root = Path(arg)
        if not root.exists():
            print(f"stylecheck vocab: {root}: no such file or directory", file=sys.stderr)
            return 2
        sources.append(_export_sources(arg) if root.suffix.lower() in (".jsonl", ".parquet") else _file_sources(_files(root)))
    names, prefer = learn_sources((s for group in sources for s in group), args.min_count, args.min_docs)
    text = render(names, prefer)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        from .atomic import write_atomic

        try:  # atomically, and never over a device, a FIFO or a directory
            write_atomic(args.output, text.encode("utf-8"), make_dirs=False, shared=True)
        except OSError as exc:
            print(f"stylecheck vocab: {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        print(f"wrote {len(names)} names and {len(prefer)} preferred forms to {args.output}", file=sys.stderr)
    return 0
