"""A labelled set for names and spelling on copy like real copy (issue 13), written for these tests.

Each case is a sentence or two with the slip (or the correct rare name) in it: repeated
misspellings of well-known names, slips two edits away, words run together, shift-key slips,
and correct rare names of people, companies and places from many countries, which must never
draw a warning nor be "corrected" into a common word.
"""
from __future__ import annotations

import pytest
from conftest import lint

from stylecheck.findings import Severity
from stylecheck.kinds.names.lexical import slip

RULES = ("NM101", "NM102", "SP101")

# (misspelling, intended): each written three times in one short story, as a slip copied through it.
REPEATED = [
    ("Washngton", "Washington"), ("Berln", "Berlin"), ("Mlan", "Milan"), ("Londn", "London"),
    ("Pairs", None), ("Madird", "Madrid"), ("Brusels", "Brussels"), ("Warsw", "Warsaw"),
    ("Ukriane", "Ukraine"), ("Germnay", "Germany"), ("Frannce", "France"), ("Austrlia", "Australia"),
    ("Califronia", "California"), ("Tenessee", "Tennessee"), ("Pennsylvnia", "Pennsylvania"),
    ("Chicgo", "Chicago"), ("Mosow", "Moscow"), ("Beijng", "Beijing"), ("Tokoyo", "Tokyo"),
    ("Sandres", "Sanders"), ("Clintn", "Clinton"), ("Obmaa", "Obama"), ("Merkle", None),
    ("Republcan", "Republican"), ("Democratc", "Democratic"), ("Amazn", "Amazon"),
    ("Microsfot", "Microsoft"), ("Gogle", "Google"), ("Novembr", "November"), ("Wednsday", "Wednesday"),
    ("Scotand", "Scotland"), ("Irelnd", "Ireland"), ("Africca", "Africa"), ("Eurpoe", "Europe"),
    ("Cairp", None), ("Manchster", "Manchester"), ("Liverpol", "Liverpool"), ("Edinbrugh", "Edinburgh"),
    ("Kenedy", "Kennedy"), ("Hilary", None),
]
REPEATED = [(w, r) for w, r in REPEATED if r is not None]


@pytest.mark.parametrize("wrong,right", REPEATED)
def test_a_misspelling_copied_through_a_story_is_flagged_at_every_mention(wrong, right):
    text = (f"Officials in {wrong} met on Monday.\n\nThe talks in {wrong} went on late, aides said.\n\n"
            f"Reporters waited outside while {wrong} officials spoke.")
    hits = [f for f in lint(text, select=RULES) if f.text == wrong]
    assert len(hits) == 3, [(f.text, f.rule, f.suggestions) for f in lint(text, select=RULES)]
    assert all(f.suggestions[:1] == (right,) for f in hits)
    # a swapped, doubled or dropped letter is a sure slip; a letter more or another vowel may make another
    # name (Backley, Buckley), so those are infos with the suggestion
    sure = slip(wrong.casefold(), right.casefold()) in ("swap", "double", "drop")
    assert all(f.severity is (Severity.warning if sure else Severity.info) for f in hits)
    assert all(f.applicability == "unsafe" for f in hits), "a name suggestion is never applied by --fix"


TWO_EDITS = [
    ("embarasment", "embarrassment"), ("accomodaton", "accommodation"), ("goverrnmnt", "government"),
    ("parliment", "parliament"), ("comittee", "committee"), ("recomendation", "recommendation"),
    ("millenium", "millennium"), ("independant", "independent"), ("occurence", "occurrence"),
    ("definately", "definitely"), ("negotations", "negotiations"), ("internatinal", "international"),
    ("adminstraton", "administration"), ("investigaton", "investigation"), ("responsiblity", "responsibility"),
    ("enviroment", "environment"), ("infrastucture", "infrastructure"), ("unprecedentd", "unprecedented"),
    ("oppositon", "opposition"), ("consitution", "constitution"),
]


@pytest.mark.parametrize("wrong,right", TWO_EDITS)
def test_slips_one_or_two_edits_away_in_ordinary_words(wrong, right):
    text = f"The report on the {wrong} was published on Tuesday."
    hits = [f for f in lint(text, select=("SP101",)) if f.text == wrong]
    assert hits and hits[0].suggestions[:1] == (right,), [(f.text, f.suggestions) for f in lint(text, select=RULES)]


GLUED = [
    ("agencysaid", "agency said"), ("acrowd", "a crowd"), ("ofthe", "of the"), ("inthe", "in the"),
    ("tothe", "to the"), ("thepolice", "the police"), ("policesaid", "police said"), ("andthe", "and the"),
    ("wouldnot", "would not"), ("thegovernment", "the government"), ("fromthe", "from the"),
    ("thatthe", "that the"), ("onthe", "on the"), ("aboutthe", "about the"), ("saidthe", "said the"),
    ("whichwas", "which was"), ("hadbeen", "had been"), ("willbe", "will be"), ("thereport", "the report"),
    ("ministersaid", "minister said"),
]


@pytest.mark.parametrize("wrong,right", GLUED)
def test_two_words_run_together_are_split(wrong, right):
    text = f"Later {wrong} something else entirely."
    hits = [f for f in lint(text, select=("SP101",)) if f.text == wrong]
    assert hits and hits[0].suggestions[:1] == (right,), [(f.text, f.suggestions) for f in lint(text, select=RULES)]


CASE = [
    ("THe", "The", "{} council met on Monday."), ("WIldcats", "Wildcats", "The {} won again on Saturday."),
    ("THis", "This", "{} was the third vote."), ("GOvernment", "Government", "{} officials agreed."),
    ("POlice", "Police", "{} said the road was closed."), ("MInister", "Minister", "The {} spoke first."),
    ("LOndon", "London", "Rain fell in {} overnight."), ("PResident", "President", "The {} arrived late."),
    ("WHen", "When", "{} the vote came, few were there."), ("AFter", "After", "{} the match, fans left."),
    ("SChool", "School", "{} closures were announced."), ("EUrope", "Europe", "Leaders across {} agreed."),
    ("THey", "They", "{} said nothing more."), ("CHina", "China", "Exports from {} rose."),
    ("PArliament", "Parliament", "{} will sit on Monday."),
]


@pytest.mark.parametrize("wrong,right,template", CASE)
def test_a_slow_shift_key_is_a_slip(wrong, right, template):
    text = template.format(wrong)
    hits = [f for f in lint(text, select=RULES) if f.text == wrong]
    assert hits and hits[0].suggestions == (right,) and hits[0].severity is Severity.warning


@pytest.mark.parametrize("text", ["The CEOs and MPs met the BBC.", "McDonald bought an iPhone and a PhD.", "TVs and PCs sold well."])
def test_acronyms_and_mixed_case_names_are_not_case_slips(text):
    assert lint(text, select=RULES) == []


# Correct names, rare in English copy, from many countries; each must stay free of warnings, and
# never be corrected into a common lowercase word. (name, what it is)
RARE_NAMES = [
    # people
    "Orpo", "Kowalczyk", "Szydlo", "Babis", "Fico", "Zelenskyy", "Yermak", "Kuleba", "Shmyhal", "Rutte",
    "Sanchez", "Feijoo", "Meloni", "Tajani", "Mitsotakis", "Tsipras", "Orban", "Novak", "Plenkovic", "Vucic",
    "Kurti", "Rama", "Erdogan", "Kilicdaroglu", "Pashinyan", "Aliyev", "Tokayev", "Mirziyoyev", "Modi", "Gandhi",
    "Kejriwal", "Sharif", "Bhutto", "Hasina", "Yunus", "Widodo", "Prabowo", "Anwar", "Marcos", "Duterte",
    "Kishida", "Ishiba", "Xi", "Yoon", "Ruto", "Odinga", "Tinubu", "Ramaphosa", "Mnangagwa", "Museveni",
    "Kagame", "Tshisekedi", "Sisi", "Milei", "Lula", "Boric", "Petro", "Sheinbaum", "Trudeau", "Albanese",
    "Luxon", "Frederiksen", "Kristersson", "Store", "Stubb", "Niinisto", "Kallas", "Nauseda", "Rinkevics",
    "Sikorski", "Tusk", "Duda", "Iohannis", "Ciolacu", "Radev", "Zuzana", "Caputova", "Pellegrini", "Nehammer",
    "Babler", "Scholz", "Habeck", "Lindner", "Baerbock", "Macron", "Attal", "Barnier", "Bardella", "Sunak",
    # companies
    "Orsted", "Equinor", "Vestas", "Nokia", "Ericsson", "Inditex", "Iberdrola", "Novartis", "Roche", "Nestle",
    "Siemens", "Bosch", "Infosys", "Wipro", "Tata", "Reliance", "Petrobras", "Vale", "Embraer", "Sinopec",
    "Tencent", "Alibaba", "Huawei", "Xiaomi", "Samsung", "Hyundai", "Toyota", "Nissan", "Sony", "Rakuten",
    # places
    "Szentendre", "Makhnovka", "Kherson", "Zaporizhzhia", "Mykolaiv", "Bakhmut", "Avdiivka", "Vuhledar",
    "Gdansk", "Wroclaw", "Katowice", "Brno", "Ostrava", "Kosice", "Pecs", "Debrecen", "Cluj", "Iasi",
    "Plovdiv", "Varna", "Skopje", "Tirana", "Podgorica", "Sarajevo", "Mostar", "Tuzla", "Nis", "Split",
    "Tartu", "Kaunas", "Daugavpils", "Oulu", "Tampere", "Aarhus", "Odense", "Bergen", "Trondheim", "Malmo",
    "Uppsala", "Lodz", "Lublin", "Mombasa", "Kisumu", "Eldoret", "Arusha", "Dodoma", "Mwanza", "Kumasi",
]


@pytest.mark.parametrize("name", RARE_NAMES)
def test_correct_rare_names_draw_no_warning(name):
    text = f"On Monday {name} was in the news again, and by Tuesday {name} had said more."
    found = [f for f in lint(text, select=RULES) if f.text == name]
    assert not [f for f in found if f.severity is Severity.warning], [(f.text, f.suggestions) for f in found]
    assert not [s for f in found for s in f.suggestions if s[:1].islower() or s.casefold() == s], \
        "a capitalised name is never corrected into a common lowercase word"


def test_a_correct_rare_name_is_never_corrected_into_a_common_word():
    found = lint("The Danish firm Orsted said its new prime minister, Petteri Orpo, would visit.", select=RULES)
    assert all(f.severity is Severity.info and not f.suggestions for f in found), [(f.text, f.suggestions) for f in found]
