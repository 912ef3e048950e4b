"""The HTML report a desk head reads: how often each rule fires per 1,000 words, by desk and by
month (with plots), the names and terms spelled most inconsistently across the archive, and
links to examples. One self-contained file: inline SVG plots, no script, no external assets.
"""
from __future__ import annotations

import html
import os
from collections import Counter, defaultdict
from urllib.parse import quote

from .articles import month_of

TOP_FAMILIES = 30
EXAMPLES = 5
CSS = """body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:.5em 0}
th,td{padding:.2em .7em;border-bottom:1px solid #eee;text-align:left;vertical-align:top}td.n{text-align:right}
.muted{color:#666}code{background:#f4f4f4;padding:0 .2em}svg text{font:12px system-ui,sans-serif}"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _rate(n: int, words: int) -> str:
    return f"{1000 * n / words:.2f}" if words else "–"


def bars(items: list[tuple[str, float]], unit: str = "", width: int = 560) -> str:
    """A horizontal bar chart as inline SVG (label, value), longest bar = the largest value."""
    if not items:
        return ""
    top = max(v for _, v in items) or 1
    row, label_w = 20, 190
    out = [f'<svg role="img" width="{width}" height="{row * len(items) + 4}" aria-label="bar chart">']
    for i, (label, value) in enumerate(items):
        w = (width - label_w - 70) * value / top
        y = i * row + 2
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{_e(label)}</text>'
                   f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" fill="#4a7ab5"/>'
                   f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{value:.2f}{_e(unit)}</text>')
    out.append("</svg>")
    return "".join(out)


def columns(items: list[tuple[str, float]], width: int = 680, height: int = 180) -> str:
    """A column chart as inline SVG, in the order given (months, oldest first)."""
    if not items:
        return ""
    top = max(v for _, v in items) or 1
    step = max(8.0, (width - 40) / len(items))
    out = [f'<svg role="img" width="{int(step * len(items) + 40)}" height="{height + 40}" aria-label="column chart">']
    for i, (label, value) in enumerate(items):
        h = height * value / top
        x = 30 + i * step
        out.append(f'<rect x="{x:.1f}" y="{height - h + 10:.1f}" width="{step * 0.8:.1f}" height="{h:.1f}" fill="#4a7ab5">'
                   f'<title>{_e(label)}: {value:.2f}</title></rect>')
        if len(items) <= 24 or i % max(1, len(items) // 12) == 0:
            out.append(f'<text x="{x:.1f}" y="{height + 26}">{_e(label[2:] if len(label) == 7 else label)}</text>')
    out.append(f'<text x="0" y="14">{top:.2f}</text></svg>')
    return "".join(out)


def _link(article_id: str, line: int, roots: list[str], here: str) -> str:
    """A link to the article file when the id names one under an input directory, else the id as code."""
    for root in roots:
        path = os.path.join(root, article_id)
        if os.path.isdir(root) and os.path.isfile(path):
            rel = os.path.relpath(os.path.abspath(path), here)
            return f'<a href="{_e(quote(rel.replace(os.sep, "/")))}">{_e(article_id)}</a>:{line}'
    return f"<code>{_e(article_id)}</code>:{line}"


def render(result, here: str, roots: list[str] | None = None) -> str:
    """The report for an ArchiveResult; `here` is the report's directory (links are relative to it)."""
    roots = roots or []
    words = result.words
    findings = [(r, f) for r in result.records for f in r.findings]
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>stylecheck archive report</title><style>{CSS}</style>",
             "<h1>Archive report</h1>", _summary(result, findings, words)]
    parts += _by_rule(findings, words)
    parts += _by(result, findings, "desk", lambda r: r.desk or "(no desk)")
    parts += _by(result, findings, "month", lambda r: month_of(r.date) or "(no date)")
    parts += _families(result, findings)
    parts += _examples(findings, result.cross_rule, roots, here)
    return "\n".join(parts) + "\n"


def _summary(result, findings, words: int) -> str:
    cross = sum(1 for _, f in findings if f.rule == result.cross_rule)
    failed = sum(1 for r in result.records if r.error)
    months = sorted(m for _, m in result.tally.articles if m)
    span = f", {months[0]} to {months[-1]}" if months else ""
    return (f"<p>{len(result.records):,} articles ({failed:,} could not be checked), {words:,} words{span}. "
            f"{len(findings):,} findings, {_rate(len(findings), words)} per 1,000 words; {cross:,} of them across "
            f"articles (<code>{_e(result.cross_rule or 'off')}</code>).</p>")


def _by_rule(findings, words: int) -> list[str]:
    counts = Counter((f.rule, f.slug, f.category) for _, f in findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    table = ["<table><tr><th>rule</th><th>category</th><th>findings</th><th>per 1,000 words</th><th></th></tr>"]
    for (code, slug, cat), n in rows:
        table.append(f"<tr><td><code>{_e(code)}</code> {_e(slug)}</td><td>{_e(cat)}</td><td class=n>{n:,}</td>"
                     f'<td class=n>{_rate(n, words)}</td><td><a href="#rule-{_e(code)}">examples</a></td></tr>')
    table.append("</table>")
    plot = bars([(code, 1000 * n / words) for (code, _, _), n in rows[:20]] if words else [])
    return ["<h2>Findings per 1,000 words, by rule</h2>", plot, "".join(table)]


def _by(result, findings, what: str, key) -> list[str]:
    articles, words = Counter(), Counter()
    for (desk, month), n in result.tally.articles.items():
        k = (desk or "(no desk)") if what == "desk" else (month or "(no date)")
        articles[k] += n
        words[k] += result.tally.words[(desk, month)]
    found = Counter(key(r) for r, _ in findings)
    keys = sorted(articles) if what == "month" else sorted(articles, key=lambda k: (-articles[k], k))
    table = [f"<table><tr><th>{what}</th><th>articles</th><th>words</th><th>findings</th><th>per 1,000 words</th></tr>"]
    for k in keys:
        table.append(f"<tr><td>{_e(k)}</td><td class=n>{articles[k]:,}</td><td class=n>{words[k]:,}</td>"
                     f"<td class=n>{found[k]:,}</td><td class=n>{_rate(found[k], words[k])}</td></tr>")
    table.append("</table>")
    series = [(k, 1000 * found[k] / words[k]) for k in keys if words[k]]
    plot = columns(series) if what == "month" else bars(series)
    return [f"<h2>Findings per 1,000 words, by {what}</h2>", plot, "".join(table)]


def _families(result, findings) -> list[str]:
    """The families with flagged forms, most articles off the kept form first."""
    flagged: dict[tuple, dict] = defaultdict(dict)
    for (desk, fam, form), v in result.verdicts.items():
        flagged[(desk, fam)][form] = v
    if not flagged:
        return ["<h2>Names and terms spelled differently across articles</h2><p>None: every name and term "
                "is spelled one way (or no form clearly dominates).</p>"]
    cells: dict[tuple, Counter] = defaultdict(Counter)
    months: dict[tuple, set] = defaultdict(set)
    for (fam, form, desk, month), n in result.tally.cells.items():
        if any((d, fam) in flagged for d in (None, desk)):
            cells[(fam, form)][desk or "(no desk)"] += n
            if month:
                months[fam, form].add(month)
    rows = []
    for (desk, fam), forms in flagged.items():
        kept = next(iter(forms.values())).kept
        off = sum(sum(cells[(fam, f)].values()) for f in forms)
        rows.append((-off, desk or "", fam, kept, forms))
    out = ["<h2>Names and terms spelled differently across articles</h2>",
           "<table><tr><th>kept form</th><th>articles</th><th>other spellings (articles, by desk)</th><th>when</th>"
           "<th></th></tr>"]
    for neg, desk, fam, kept, forms in sorted(rows)[:TOP_FAMILIES]:
        v = next(iter(forms.values()))
        others = "; ".join(f"<b>{_e(f)}</b> {sum(cells[(fam, f)].values())} ("
                           + ", ".join(f"{_e(d)} {n}" for d, n in cells[(fam, f)].most_common()) + ")" for f in sorted(forms))
        scope = f" <span class=muted>desk {_e(desk)}</span>" if desk else ""
        seen = sorted(set().union(*(months[fam, f] for f in forms)))
        when = f"{seen[0]} to {seen[-1]}" if len(seen) > 1 else (seen[0] if seen else "")
        basis = f"{v.basis} since {v.since}" if v.since else v.basis
        out.append(f"<tr><td><b>{_e(kept)}</b>{scope} <span class=muted>{_e(basis)}</span></td><td class=n>{v.count:,} of "
                   f"{v.total:,}</td><td>{others}</td><td>{_e(when)}</td><td><a href=\"#form-{_e(quote(kept))}\">examples</a></td></tr>")
    out.append("</table>")
    return out


def _examples(findings, cross_rule, roots: list[str], here: str) -> list[str]:
    by_rule: dict[str, list] = defaultdict(list)
    by_kept: dict[str, list] = defaultdict(list)
    for r, f in findings:
        if len(by_rule[f.rule]) < EXAMPLES:
            by_rule[f.rule].append((r, f))
        if f.rule == cross_rule and f.suggestions and len(by_kept[f.suggestions[0]]) < EXAMPLES:
            by_kept[f.suggestions[0]].append((r, f))
    out = ["<h2>Examples</h2>"]
    for anchor, groups in (("form", by_kept), ("rule", by_rule)):
        for key in sorted(groups):
            out.append(f'<h3 id="{anchor}-{_e(quote(key))}">{_e(key)}</h3><ul>')
            for r, f in groups[key]:
                out.append(f"<li>{_link(r.id, f.line, roots, here)} <code>{_e(f.rule)}</code> "
                           f"<q>{_e(f.text)}</q>: {_e(f.message)}</li>")
            out.append("</ul>")
    return out
