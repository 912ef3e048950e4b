#!/usr/bin/env python3
"""The speaker model against the PolNeAR gold attributions of the evaluation set (issue 14).

    python benchmarks/speakers_gold.py ../shared/eval/dev

For every gold relation that has a Source and whose Content holds a direct quotation, it asks the
text layer (`doc.layer.quotations()`) how that quotation's speaker is known, and prints: the share of
those relations with at least one quotation the model attributes, how the model knew, and how often
the model's speaker has the surname of a capitalised word of the gold Source. Reads the articles at
run time; prints only counts and file names.
"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path


def main(data: str) -> int:
    from stylecheck.parsers import parse
    from stylecheck.source import decode
    from stylecheck.text.names import speaker_key

    root = Path(data)
    gold = collections.defaultdict(list)
    for line in (root / "gold_attributions.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g["type"] == "Attribution" and g["roles"]["Source"]:
            gold[g["doc"]].append(g)
    relations = with_quote = attributed = 0
    how, agree = collections.Counter(), collections.Counter()
    for name, rels in sorted(gold.items()):
        path = root / "original" / name
        doc = parse(decode(path.read_bytes(), str(path)), "text")
        starts = [0] + [i + 1 for i, ch in enumerate(doc.source) if ch == "\n"]
        spans = []
        for q in doc.layer.quotations():
            if q.kind in ("speech", "partial"):
                s, e = doc.segments[q.seg].to_source(q.quote.start, q.quote.end)
                spans.append((s, e, q))
        for g in rels:
            relations += 1
            content = [(starts[c["line"] - 1] + c["start_col"] - 1, starts[c["end_line"] - 1] + c["end_col"] - 1)
                       for c in g["roles"]["Content"]]
            inside = [q for s, e, q in spans if any(s >= a - 2 and e <= b + 2 for a, b in content)]
            if not inside:
                continue
            with_quote += 1
            attributed += any(q.how for q in inside)
            source = " ".join(x["text"] for x in g["roles"]["Source"])
            keys = {speaker_key(w) for w in source.replace(",", " ").split() if w[:1].isupper()} - {None}
            for q in inside:
                how[q.how or "(none)"] += 1
                if q.how and q.speaker and keys:
                    agree["same" if speaker_key(q.speaker) in keys else "different"] += 1
    print(f"gold relations with a source: {relations}; with a direct quotation in their content: {with_quote}")
    print(f"  the model attributes a quotation of {attributed} ({attributed / max(with_quote, 1):.3f})")
    print(f"  quotations by how the model knows the speaker: {dict(how.most_common())}")
    named = agree["same"] + agree["different"]
    print(f"  model speaker = a name in the gold Source: {agree['same']} of {named} ({agree['same'] / max(named, 1):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/dev"))
