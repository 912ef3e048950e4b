"""A newsroom's whole archive: every article checked, plus consistency across articles (issue 18).

`stylecheck archive PATHS` (command.py) checks directory trees and JSON Lines or Parquet exports
(inputs.py) in two phases, on the local process pool (local.py) or a Dask cluster
(dask_backend.py): each article is linted while its names and terms are tallied (tasks.py,
families.py), the partitions' tallies merge into the archive's vocabulary (tally.py), and the
minority spellings it decides on are located in the articles that use them (pipeline.py). The
results go out as JSON, JSON Lines or Parquet (outputs.py) and as an HTML report (report.py).

For Python callers, `check_batch` checks a few texts in this process.
"""
from __future__ import annotations


def check_batch(texts: list[str], settings=None, fmt: str = "text") -> list[list]:
    """Each text's findings, cross-article ones included, as one archive (in this process)."""
    from .batch import check_batch as run

    return run(texts, settings, fmt)
