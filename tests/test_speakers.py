"""The speaker model (issue 14): who said each quotation, read over the whole article as an editor reads it.

Every text here is written for these tests. Each case names the pattern of the issue it covers; the
"attributed" cases must stay silent in AT101, the "unattributed" ones must be reported.
"""
from __future__ import annotations


import pytest
from conftest import lint
from scaling import growth

from stylecheck.findings import Severity
from stylecheck.parsers import parse
from stylecheck.source import Source

Q1 = "\u201cWe will rebuild every school in the valley before the winter comes.\u201d"
Q2 = "\u201cThe money is there, and the builders are ready to start in March.\u201d"
Q3 = "\u201cNobody should spend another winter in a school with no roof.\u201d"


def quotations(text: str, fmt: str = "text"):
    doc = parse(Source("<test>", text), fmt)
    return doc, doc.layer.quotations()


def speech(text: str):
    """(quoted text, how, speaker) of every quotation that reads as speech."""
    doc, found = quotations(text)
    return [(doc.segments[q.seg].text[q.quote.start:q.quote.end], q.how, q.speaker) for q in found if q.kind == "speech"]


def at101(text: str, **kw):
    return [(f.text, f.severity) for f in lint(text, select=("AT101",), **kw)]


HEAD = "Valley schools to reopen\n\n"  # a headline, so the cases below are body paragraphs

# ------------------------------------------------------------------ attributed: AT101 stays silent

ATTRIBUTED = {
    # the quote paragraph continues the speaker of the paragraph before
    "continues a tagged quote": "\u201cWe regret the delay,\u201d the club said in a statement on Tuesday.\n\n" + Q2,
    "continues through two paragraphs": f"\u201cWe regret the delay,\u201d said Ines Varga.\n\n{Q2}\n\n{Q3}",
    "continues after a quote-first tag": f"Ines Varga said: \u201cWe regret the delay.\u201d\n\n{Q2}",
    "continues after a tag then more quote": f"\u201cWe regret it,\u201d Varga said. \u201cIt was our fault.\u201d\n\n{Q2}",
    "continues after tweeted": f"\u201cWhat a night for this club!\u201d the coach tweeted after the match.\n\n{Q2}",
    "continues after wrote": f"\u201cThe report is clear,\u201d Okafor wrote in a letter to staff.\n\n{Q2}",
    "continues after a closing tag sentence": f"\u201cWe regret the delay.\u201d That was how Varga put it.\n\n{Q2}",
    # a colon, or the sentence before
    "colon in the sentence": "The minister was blunt: \u201cWe will not pay for a bridge that nobody asked for.\u201d",
    "colon paragraph before": f"The mayor told reporters on Friday:\n\n{Q1}",
    "name and colon before": f"Councillor Ana Ruiz:\n\n{Q1}",
    "comma then quote": f"He replied, {Q1}",
    "full name in the sentence before": f"Ana Okafor expects delays. {Q2}",
    "known surname in the sentence before": f"Okafor said the bridge was unsafe. Okafor expects delays. {Q2}",
    "pronoun in the sentence before": f"Okafor spoke for ten minutes. She expects delays. {Q2}",
    "cue in the sentence after": f"{Q1} The governor told the crowd it was a promise.",
    # the speaker named earlier in the same paragraph, with narrative between
    "earlier in the paragraph": f"\u201cPrices must fall,\u201d Ms Grant said. The bank meets monthly. {Q3}",
    "earlier, a paraphrase between": f"Rates will stay put for now, Ms Grant said. The bank meets monthly. {Q3}",
    "earlier, apposed name": f"Her friend, Saxon Tull, blames the long winter. The roof fell in May. {Q3}",
    # pull quotes and repeated quotes
    "pull quote repeating the article's text": (
        "\u201cThe valley has waited long enough for its schools to open again.\u201d\n\n"
        "The floods closed six schools. The valley has waited long enough for its schools to open again, and"
        " the council knows it."),
    "pull quote before the tagged quote": (
        f"{Q3}\n\nThe council met on Monday.\n\n\u201cNobody should spend another winter in a school with no roof,\u201d"
        " Okafor said."),
    "pull quote with a credit line": "\u201cWe will not wait for another report.\nAna Ruiz, Citizens for Schools.\u201d\n\n"
                                     "The council met on Monday.",
    # epigraphs and sign-offs
    "signature paragraph": f"The candidates were asked about schools.\n\n{Q1}\n\n\u2014 Governor Ana Ruiz",
    "epigraph with a dash": "\u201cThe sea does not care about our plans, and it never did.\u201d \u2014 Ines Varga",
    # a name inside the sentence by another construction
    "in X's view": "\u201cNothing in this budget works for the valley\u201d as it stands, in Grant's view.",
    "according to": f"According to the governor, {Q1}",
    "source tag after the quote": f"{Q1} [Valley Herald]",
    "credit in brackets ending the item": f"SCHOOLS REOPEN {Q1} The council meets on Monday. [Ana Ruiz, Valley Herald]",
    "quote carried into the next paragraph": f"\u201cThe water came in at night,\u201d said Mara Velez. \u201cWe lost the library."
                                             f"\n\n{Q2}",
    "set off by a comma tag": "\u201cThe children have been studying in the church hall ever since,\u201d smiles one parent.",
}

NOT_SPEECH = {
    "quoted title": "She has read \u201cThe Long Road Home From Kabul\u201d twice.",
    "nickname": "Fans call him \u201cThe Hammer\u201d.",
    "scare quotes": "The so-called \u201cpeace dividend\u201d never arrived.",
    "slogan in a clause": "Her campaign refrain \u2014 \u201cBuses for everyone!\u201d \u2014 has lost its shine.",
    "partial quote": "The governor said the repairs were \u201cthe most urgent job this state has had\u201d and left.",
    "tagline": "The film's tagline, \u201cNo Road Home\u201d, was dropped.",
    "quoted headline": "\u201cValley Schools Reopen In March\u201d\n\nThe council met on Monday.",
    "stray opening mark": "The floods closed six schools.\n\n\u201cThe water came in at night and nobody was ready.\n\nRepairs begin.",
}


# The paragraph before names who is speaking but quotes nothing whole: the model attributes the quote to
# that speaker, and AT101 says so in an info (a tag deleted in editing reads the same way), never a warning.
NAMED_BEFORE = {
    "named speaker shook her head": "Asked whether the bridge would reopen, the engineer, Ines Varga, shook her head"
                                    " and said it would not.\n\n" + Q3,
    "named speaker paraphrased": f"Okafor said the repairs would cost less than feared.\n\n{Q2}",
    "named speaker with a partial quote": f"Okafor said the plan was \u201cthe best we could do\u201d in the time.\n\n{Q2}",
    "statement issued before": f"The club put out a statement of regret on Tuesday.\n\n{Q2}",
    "statement issued in reply": f"The council shot back in a statement on Friday.\n\n{Q2}",
}


@pytest.mark.parametrize("case", sorted(NAMED_BEFORE))
def test_a_speaker_named_in_the_paragraph_before_is_at_most_an_info_naming_them(case):
    text = HEAD + NAMED_BEFORE[case]
    assert all(how for _, how, _ in speech(text)), speech(text)
    found = lint(text, select=("AT101",))
    assert all(f.severity == Severity.info and "readers will take it as the words of" in f.message for f in found), found


@pytest.mark.parametrize("case", sorted(ATTRIBUTED))
def test_attributed_quotes_are_silent(case):
    text = HEAD + ATTRIBUTED[case]
    assert not at101(text), case
    assert all(how for _, how, _ in speech(text)), speech(text)


@pytest.mark.parametrize("case", sorted(NOT_SPEECH))
def test_titles_slogans_scare_quotes_and_partials_are_not_flagged(case):
    assert not at101(HEAD + NOT_SPEECH[case]), case


# ------------------------------------------------------------------ unattributed: AT101 reports them

UNATTRIBUTED = {
    "nobody before or after": "The council met late into the night.\n\n\u201cThis is a sad day for the town.\u201d\n\n"
                              "The vote is set for May.",
    "narrative paragraph breaks the chain": f"\u201cWe regret the delay,\u201d said Ines Varga.\n\nThe club was fined in"
                                            f" 2019 as well.\n\n{Q2}",
    "same paragraph, nobody named": f"Turnout was low. {Q3} Polls close at ten.",
    "cue only inside the quote": "The floods closed six schools.\n\n\u201cAs my grandmother said, we will rebuild every"
                                 " school before winter.\u201d",
    "repeat of an unattributed quote": f"The council met.\n\n{Q3}\n\nThe vote is in May.\n\n{Q3}",
    "capitalised cue inside a name": f"The United States sent aid. {Q3}",
    "after a headline": f"{Q1}\n\nThe council met on Monday.",
}


@pytest.mark.parametrize("case", sorted(UNATTRIBUTED))
def test_quotes_nobody_speaks_are_warnings(case):
    found = at101(HEAD + UNATTRIBUTED[case])
    assert found and all(sev == Severity.warning for _, sev in found), (case, found)


def test_exact_span_of_the_unattributed_quote():
    text = HEAD + "The council met late into the night.\n\n" + Q1 + "\n\nThe vote is set for May."
    found = lint(text, select=("AT101",))
    assert [(text[f.start:f.end], f.line, f.column) for f in found] == [(Q1, 5, 1)]


IMPLIED = {
    "reported speech, nobody named": f"The story also noted that only one member backs the plan.\n\n{Q2}",
    "two speakers trading quotes": (
        "\u201cWill you run again next year?\u201d Lindqvist asked. \u201cNo, not after this one,\u201d Okafor said.\n\n"
        "\u201cWe will see about that, I think, before the spring.\u201d\n\n"
        "\u201cThe money is there, and the builders are ready to start.\u201d"),
}


@pytest.mark.parametrize("case", sorted(IMPLIED))
def test_a_guessed_speaker_is_an_info_that_says_so(case):
    found = lint(HEAD + IMPLIED[case], select=("AT101",))
    assert found and all(f.severity == Severity.info for f in found), case
    assert all("do not settle whose it is" in f.message for f in found)


def test_a_strict_desk_wants_a_tag_on_every_quote_paragraph():
    text = HEAD + ATTRIBUTED["continues a tagged quote"]
    strict = (("AT101", (("after_quote_paragraph", "warning"),)),)
    assert [sev for _, sev in at101(text, rule_options=strict)] == [Severity.warning]
    named = HEAD + NAMED_BEFORE["named speaker paraphrased"]
    assert at101(named) and not at101(named, rule_options=(("AT101", (("after_named_speaker", "accept"),)),))
    assert not at101(HEAD + IMPLIED["reported speech, nobody named"],
                     rule_options=(("AT101", (("after_unnamed_speaker", "accept"),)),))


def test_an_unknown_grade_is_a_configuration_error():
    with pytest.raises(Exception):
        lint("x", select=("AT101",), rule_options=(("AT101", (("after_quote_paragraph", "maybe"),)),))


# ------------------------------------------------------------------ who said this?


def test_the_model_names_the_speaker_of_each_quotation():
    text = HEAD + (
        "\u201cWe regret the delay,\u201d said Ines Varga, the club secretary.\n\n"
        f"{Q2}\n\n"
        "Okafor said the council would pay.\n\n"
        f"{Q3}\n\n"
        f"\u201cIt is a fair deal for everyone here,\u201d she added. {Q1}"
    )
    found = speech(text)
    assert [(how, who) for _, how, who in found] == [
        ("clause", "Ines Varga"), ("continuation", "Ines Varga"), ("introduced", "Okafor"),
        ("clause", "Okafor"), ("clause", "Okafor"),
    ]


def test_a_pronoun_speaker_is_the_last_person_named_outside_quotes():
    text = HEAD + "Ines Varga, the secretary, spoke first. \u201cThe Mayor of Dunmore told me so,\u201d she said."
    assert speech(text)[0][1:] == ("clause", "Ines Varga")


def test_inverted_tag_after_a_description_names_the_person_not_the_description():
    text = HEAD + f"{Q1[:-2]},\u201d said former council adviser Ana Ruiz."
    assert speech(text)[0][2] == "Ana Ruiz"


def test_told_names_the_listener_not_the_speaker():
    text = HEAD + f"{Q1[:-2]},\u201d she told the Valley Herald."
    assert speech(text)[0][2] != "Valley Herald"


def test_credit_and_signature_name_their_speaker():
    text = HEAD + ATTRIBUTED["pull quote with a credit line"]
    assert speech(text)[0][1:] == ("credit", "Ana Ruiz, Citizens for Schools")
    assert speech(HEAD + ATTRIBUTED["signature paragraph"])[0][1:] == ("signature", "Governor Ana Ruiz")


def test_a_pull_quote_takes_the_speaker_of_the_quote_it_repeats():
    found = speech(HEAD + ATTRIBUTED["pull quote before the tagged quote"])
    assert found[0][1:] == ("repeat", "Okafor")


def test_the_model_is_built_once_and_shared():
    doc, first = quotations(HEAD + ATTRIBUTED["continues a tagged quote"])
    assert doc.layer.quotations() is first
    assert doc.layer.quotations(("murmured",)) is not first  # a desk's own cues make a model of their own


def test_markdown_and_html_quote_paragraphs_continue_their_speaker():
    md = "# Schools\n\n\"We regret the delay,\" said Ines Varga.\n\n\"The money is *there*, and the builders are ready.\"\n"
    assert not lint(md, select=("AT101",), fmt="markdown")
    html = ("<h1>Schools</h1><p>&ldquo;We regret the delay,&rdquo; said Ines Varga.</p>"
            "<p>&ldquo;The money is there, and the builders are ready to start.&rdquo;</p>")
    assert not lint(html, select=("AT101",), fmt="html")
    cut = html.replace(" said Ines Varga", "").replace("delay,&rdquo;", "delay.&rdquo;")
    assert lint(cut, select=("AT101",), fmt="html")


# ------------------------------------------------------------------ the other attribution rules


def spans(text, code, **kw):
    return [f.text for f in lint(text, select=(code,), **kw) if f.rule == code]


@pytest.mark.parametrize("text, found", [
    ("It is thought that nearly half a million children skip school each day.", ["It is thought"]),
    ("The club is reportedly ready to pay \u00a340m for him.", ["reportedly"]),
    ("More than 2,000 people are thought to have died, the rupee fell.", ["are thought to"]),
    ("The striker is reportedly close to a new deal.", []),  # no figure: the wire's idiom
    ("The deal is said to date from 1998.", []),  # a year is no figure
    ("The band 50 Cent is reportedly touring.", []),  # nor a name with digits
    ("An audience of 14 million, with many said to watch only the show.", []),  # the figure is not the hedge's
    ("The club is reportedly ready to pay \u00a340m. Its offer came on Friday. The fee is agreed, editor Ana Ruiz said.",
     []),  # a named source two sentences on
    ("As the Valley Herald reported, the club is reportedly ready to pay \u00a340m.", []),
])
def test_hedged_figures(text, found):
    assert spans(text, "AT102") == found


@pytest.mark.parametrize("text, found", [
    ("Aviation experts say it is now worth about $18m.", ["experts say"]),
    ("Critics say the new stadium will never pay for itself.", []),
    ("Experts say it is worth $18m.\n\n\u201cProbably less,\u201d said Ana Ruiz, a dealer.", []),  # named next paragraph
])
def test_weasel_sources_behind_a_figure(text, found):
    assert spans(text, "AT103") == found


@pytest.mark.parametrize("text, found", [
    ("Russia said \u201cthe talks are over and will not resume this year\u201d.", ["\u201cthe talks are over and will not resume this year\u201d"]),
    ("Ukraine's foreign minister Dmytro Lesko said \u201cthe talks are over and will not resume this year\u201d.", []),
    ("Russia's envoy, Anna Petrova, said \u201cthe talks are over and will not resume this year\u201d.", []),
    ("He pledged to \u201cturn these beliefs into reality\u201d and set out the choices he says are facing Britain.", []),
])
def test_quotes_given_to_a_country_not_when_a_person_speaks(text, found):
    assert spans(text, "AT104") == found


def test_quote_mismatch_only_for_one_speaker_and_not_for_a_new_figure():
    mis = ("The mayor promised \u201cevery family will have a home by winter\u201d.\n\n"
           "The mayor wrote: \u201cGood news for the city: every family will get a home by winter.\u201d")
    assert spans(mis, "AT105") == ["\u201cevery family will have a home by winter\u201d"]
    two_people = ("\u201cEvery family will have a home by winter,\u201d Okafor said.\n\n"
                  "\u201cEvery family will get a home by winter,\u201d Lindqvist said.")
    assert not spans(two_people, "AT105")
    new_figure = ("\u201cWe will build 5,000 homes in the valley this year,\u201d Okafor said in May.\n\n"
                  "\u201cWe will build 6,000 homes in the valley this year,\u201d Okafor said in June.")
    assert not spans(new_figure, "AT105")


@pytest.mark.parametrize("text, found", [
    ("\u201cFrance is no longer France,\u201d he claimed.", ["claimed"]),
    ("The minister claimed: \u201cNot one family has lost its home.\u201d", ["claimed"]),
    ("\u201cWe made mistakes,\u201d the coach admitted.", ["admitted"]),
    ("The firm claimed that sales had doubled.", []),  # reported speech: the writer's call
    ("In court on Tuesday, Okafor admitted two counts of fraud.", []),
    ("The rail link will be late, the opposition claimed.", []),
    ("The group claimed responsibility for the attack.", []),
    ("\u201cFor the minister to claim that nothing changed is spin,\u201d Ruiz said.", []),  # inside the quote
])
def test_loaded_verbs_only_as_a_quote_s_tag(text, found):
    assert spans(text, "AT106") == found


def test_says_in_the_intro_and_said_in_the_body_is_news_convention():
    intro = "Plant to close\n\nThe plant will close, Okafor says.\n\nIts 400 workers were told on Monday.\n\n"
    assert not spans(intro + "Workers will be paid in full, Okafor said.", "AT107")
    body = "Plant to close\n\nThe plant will close.\n\nIts 400 workers were told on Monday.\n\n"
    mixed = body + "It will close, Okafor said. Workers will be paid, Okafor said. Talks went well, Okafor says."
    assert spans(mixed, "AT107") == ["says"]


def test_says_before_a_reported_clause_does_not_make_its_subject_the_speaker():
    body = "Plant to close\n\nThe plant will close.\n\nIts 400 workers were told on Monday.\n\n"
    text = body + "The former manager says Okafor wrecked the plant. Okafor said it was never viable."
    assert not spans(text, "AT107")


# ------------------------------------------------------------------ speed


def test_many_quotes_in_one_paragraph_stay_linear():
    """Four times the quotations must not cost much more than four times the time (quadratic would be 16x)."""
    def quotations(n):
        text = " ".join(f"\u201cWe will build road number {i} here before the spring.\u201d Then more." for i in range(n))
        return parse(Source("<t>", text), "text").layer.quotations()

    found = quotations(2000)
    assert len(found) == 2000 and all(not q.how for q in found)
    # fastest of three runs on this thread's CPU clock (scaling.py): a single process-time reading
    # failed on a loaded CI machine
    assert growth(quotations, 500, 2000) < 8
