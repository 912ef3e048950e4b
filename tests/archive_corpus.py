"""A test archive written for this project: 240 short articles on five desks, with planted variants.

Every sentence comes from the templates below (our own text, about invented people and places
apart from a few real capitals). Each name and term is written one way across the archive except
the planted variants, which `build()` returns with the form the rest of the archive uses:

- "Zelensky" and "Zelenskiy" against "Zelenskyy" (transliteration key, NM102's);
- "Kiev" against "Kyiv" on the sport desk, which never took up the house form;
- "Podoliak" against "Podolyak", "Brekestad" against "Brekkestad", "Sofrany" against "Sophrany";
- "percent" against "per cent" (NM104's term group), "organization" against "organisation" (CR301's table);
- one article that also spells "Zelensky" once beside "Zelenskyy" three times: NM102's finding, not a second one.

Run as a script to write the archive: `python tests/archive_corpus.py DIR` (a tree of .txt files
by desk and date, and DIR/archive.jsonl with the same articles).
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import NamedTuple

DESKS = ("world", "politics", "business", "sport", "science")
PEOPLE = {
    "world": ["Zelenskyy", "Podolyak", "Ilse Vandermeer", "Tomas Hradecky"],
    "politics": ["Amara Okonkwo-Reyes", "Podolyak", "Lionel Marchetti", "Greta Lindqvist"],
    "business": ["Lionel Marchetti", "Halvard Brekkestad", "Noor Al-Rashidi", "Ines Sophrany"],
    "sport": ["Kasimir Wojtaszek", "Oduya Mensah", "Ines Sophrany", "Halvard Brekkestad"],
    "science": ["Greta Lindqvist", "Tomas Hradecky", "Priyanka Venkataraman", "Oduya Mensah"],
}
PLACES = ["Kyiv", "Lisbon", "Nairobi", "Oslo", "Valdoria", "Port Vellamo"]
SENTENCES = {
    "world": [
        "{who} arrived in {where} on {day} for talks with regional leaders.",
        "Officials said the meeting with {who} lasted more than two hours.",
        "{who} told reporters that aid deliveries would continue through the winter.",
        "The organisation that runs the shelters said demand had risen by {n} per cent.",
    ],
    "politics": [
        "{who} said the committee would publish its findings next month.",
        "Members of the assembly questioned {who} about the budget for {where}.",
        "The vote was postponed after {who} asked for more time to consult colleagues.",
        "Turnout in the district rose by {n} per cent compared with the last election.",
    ],
    "business": [
        "Shares in the harbour operator rose {n} per cent after {who} announced new routes.",
        "{who} said the company would open an office in {where} next spring.",
        "Analysts expect profits to grow as freight volumes recover.",
        "The organisation representing small traders welcomed the decision.",
    ],
    "sport": [
        "{who} scored twice as the visitors won in {where} on {day}.",
        "The coach said {who} had trained well all week.",
        "A crowd of {n} thousand watched the final at the new stadium.",
        "{who} will miss the next match with a knee injury.",
    ],
    "science": [
        "Researchers led by {who} published the results on {day}.",
        "{who} said the samples from {where} were unusually well preserved.",
        "The team measured a rise of {n} per cent in the number of nesting birds.",
        "The findings will be presented at a conference in {where}.",
    ],
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
HEADLINES = ["Talks resume", "Budget questions", "Harbour plans", "Late winner", "New survey", "Aid continues"]


class Article(NamedTuple):
    id: str
    desk: str
    date: str
    headline: str
    body: str


class Plant(NamedTuple):
    id: str
    found: str
    expected: str
    rule: str = "CA101"


def _article(rng: random.Random, i: int, desk: str) -> Article:
    month = 1 + i % 12
    date = f"2024-{month:02d}-{1 + i % 28:02d}"
    people = PEOPLE[desk]
    lines = []
    for template in SENTENCES[desk]:
        lines.append(template.format(who=rng.choice(people), where=rng.choice(PLACES), day=rng.choice(DAYS),
                                     n=rng.randint(2, 40)))
    body = " ".join(lines[:2]) + "\n\n" + " ".join(lines[2:])
    return Article(f"{desk}/{date}-{i:03d}.txt", desk, date, rng.choice(HEADLINES), body)


def _plant(art: Article, sentence: str, found: str, expected: str, rule: str = "CA101") -> tuple[Article, Plant]:
    return art._replace(body=art.body + "\n\n" + sentence), Plant(art.id, found, expected, rule)


PLANTED = [  # (desk, the sentence added, the variant, the archive's form)
    ("world", "Aides to Zelensky said the convoy had left.", "Zelensky", "Zelenskyy"),
    ("politics", "A letter from Zelenskiy was read out in the chamber.", "Zelenskiy", "Zelenskyy"),
    ("sport", "The team flew home from Kiev on Sunday.", "Kiev", "Kyiv"),
    ("sport", "Fans gathered outside the stadium in Kiev.", "Kiev", "Kyiv"),
    ("world", "Podoliak later confirmed the schedule.", "Podoliak", "Podolyak"),
    ("business", "A spokesman for Brekestad declined to comment.", "Brekestad", "Brekkestad"),
    ("sport", "Sofrany finished third in the relay.", "Sofrany", "Sophrany"),
    ("sport", "Ticket sales fell by 4 percent this season.", "percent", "per cent"),
    ("science", "The study was funded by a charitable organization in the city.", "organization", "organisation"),
]


def build(seed: int = 18) -> tuple[list[Article], list[Plant]]:
    """The archive's articles (in id order) and the variants planted in them."""
    rng = random.Random(seed)
    arts = [_article(rng, i, DESKS[i % len(DESKS)]) for i in range(240)]
    for i, desk in enumerate(DESKS):  # every desk writes about Zelenskyy and Kyiv, so the house form is the majority
        for k in range(i, 240, 12):
            if arts[k].desk == desk and desk != "sport":
                arts[k] = arts[k]._replace(body=arts[k].body + "\n\nZelenskyy later spoke to parliament in Kyiv.")
    plants = []
    used: set[int] = set()
    for desk, sentence, found, expected in PLANTED:
        # an article that does not already write the archive's form: the variant is its only spelling
        k = next(k for k in range(len(arts) - 1, -1, -1)
                 if arts[k].desk == desk and k not in used and expected not in arts[k].body)
        used.add(k)
        arts[k], plant = _plant(arts[k], sentence, found, expected)
        plants.append(plant)
    k = next(k for k in range(len(arts)) if arts[k].desk == "world" and k not in used)  # in-article: NM102 speaks
    arts[k], plant = _plant(arts[k], "Zelenskyy met Zelenskyy's aides. Zelenskyy and Zelensky both appear.",
                            "Zelensky", "Zelenskyy", "NM102")
    plants.append(plant)
    return sorted(arts), plants


def write_tree(root: Path, articles: list[Article]) -> None:
    for a in articles:
        path = root / a.id
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{a.headline}\n\n{a.body}\n", encoding="utf-8")


def write_jsonl(path: Path, articles: list[Article]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            row = {"id": a.id, "headline": a.headline, "body": a.body + "\n", "format": "text", "date": a.date, "desk": a.desk}
            fh.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "archive")
    articles, plants = build()
    write_tree(out / "tree", articles)
    write_jsonl(out / "archive.jsonl", articles)
    for p in plants:
        print(f"{p.id}\t{p.rule}\t{p.found} -> {p.expected}")
