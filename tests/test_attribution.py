"""Attribution analyzer (issue 4): hand-written copy for every capability, loud and silent cases."""
from __future__ import annotations


import pytest
from conftest import lint

from stylecheck.findings import Severity


def spans(text, code, **kw):
    return [text[f.start:f.end] for f in lint(text, select=(code,), **kw) if f.rule == code]


# ---------------------------------------------------------------- AT101 unattributed quote

Q = "\u201cWe will rebuild every school in the valley before the winter comes.\u201d"


def test_standalone_quote_paragraph_is_flagged_with_exact_span():
    text = f"The floods closed six schools last month.\n\n{Q}\n\nRepairs begin in March."
    found = lint(text, select=("AT101",))
    assert [(f.rule, text[f.start:f.end]) for f in found] == [("AT101", Q)]
    assert found[0].severity == Severity.warning
    assert (found[0].line, found[0].column) == (3, 1)


def test_quote_positions_survive_crlf_line_endings():
    text = f"The floods closed six schools.\r\n\r\n{Q}\r\n\r\nRepairs begin in March.\r\n"
    found = lint(text, select=("AT101",))
    assert [text[f.start:f.end] for f in found] == [Q]
    assert found[0].line == 3


def test_quote_with_speaker_in_same_sentence_is_silent():
    assert not spans(f"{Q[:-2]},\u201d the governor said.", "AT101")
    assert not spans(f"{Q[:-2]},\u201d said Governor Ana Ruiz.", "AT101")
    assert not spans(f"According to the governor, {Q}", "AT101")


def test_attribution_before_the_quote_is_silent():
    assert not spans(f"The governor said: {Q}", "AT101")
    assert not spans(f"The governor told reporters on Friday:\n\n{Q}", "AT101")
    assert not spans(f"Governor Ana Ruiz:\n\n{Q}", "AT101")


def test_attribution_in_the_following_sentence_is_silent():
    assert not spans(f"{Q} The governor told the crowd it was a promise.", "AT101")
    assert not spans(f"{Q} That is what the governor told the crowd.", "AT101")


def test_attribution_in_the_sentence_before_is_silent():
    assert not spans(f"The governor spoke for ten minutes and said little new. {Q}", "AT101")


def test_paragraph_after_an_unrelated_sentence_needs_its_own_speaker():
    text = f"The governor spoke at a rally.\n\nThe crowd was small. {Q}"
    assert spans(text, "AT101") == [Q]


def test_continuation_quote_across_paragraphs_is_silent():
    text = (
        "\u201cThe water came in at night,\u201d said Mara Velez, a teacher. \u201cWe lost the library, the gym and every"
        " computer on the ground floor.\n\n\u201cThe children have been studying in the church hall ever since.\u201d"
    )
    assert not spans(text, "AT101")


def test_speech_verb_after_quote_with_comma_is_silent():
    text = "\u201cThe children have been studying in the church hall ever since,\u201d smiles one parent."
    assert not spans(text, "AT101")


def test_several_paragraphs_run_together_on_one_line_share_their_speaker():
    text = (
        "\u201cWe lost the library,\u201d said Mara Velez. \u201cWe lost the gym.  \u201cThe children have been studying"
        " in the church hall ever since, and nobody knows for how long.\u201d"
    )
    assert not spans(text, "AT101")


def test_one_paragraph_per_line_without_blank_lines():
    text = f"The governor spoke at a rally on Friday.\nThe crowd was small and wet.\n{Q}\nRepairs begin in March."
    assert spans(text, "AT101") == [Q]
    attributed = f"The governor spoke at a rally on Friday, adding:\n{Q}\nRepairs begin in March."
    assert not spans(attributed, "AT101")


def test_partial_quote_inside_attributed_sentence_is_silent():
    text = "The governor said the repairs were \u201cthe most urgent job this state has had in a decade\u201d and left."
    assert not spans(text, "AT101")


def test_titles_nicknames_scare_quotes_and_short_terms_are_not_speech():
    assert not spans("She has read \u201cThe Long Road Home From Kabul\u201d twice.", "AT101")
    assert not spans("Fans call him \u201cThe Hammer\u201d.", "AT101")
    assert not spans("The so-called \u201cpeace dividend\u201d never arrived.", "AT101")
    assert not spans("The council's \u201cgreen plan\u201d was shelved.\n\n\u201cCrooked deal\u201d", "AT101")


def test_cue_inside_the_quote_does_not_attribute_it():
    text = "The floods closed six schools.\n\n\u201cAs my grandmother said, we will rebuild every school before winter.\u201d"
    assert spans(text, "AT101") == ["\u201cAs my grandmother said, we will rebuild every school before winter.\u201d"]


def test_a_desk_can_extend_the_cue_list_in_config():
    text = f"The floods closed six schools. The ministry murmured as much. {Q}"
    assert spans(text, "AT101") == [Q]  # "murmured" is not among the bundled cues
    desk = (("AT101", (("cues", ["said", "murmured"]),)),)
    assert not spans(text, "AT101", rule_options=desk)


# ---------------------------------------------------------------- AT102/AT103 claims with no source


def test_hedged_figure_without_source_is_info():
    text = "The club is reportedly ready to pay £40m for the striker."
    found = lint(text, select=("AT102",))
    assert [text[f.start:f.end] for f in found] == ["reportedly"]
    assert found[0].severity == Severity.info


def test_hedge_without_a_figure_is_the_wire_s_own_idiom():
    assert not spans("The minister is reportedly ready to resign.", "AT102")
    assert not spans("The deal is thought to have been agreed on Thursday night.", "AT102")


def test_hedged_figure_with_named_source_is_silent():
    assert not spans("The club is reportedly ready to pay £40m, the Valley Herald said.", "AT102")
    assert not spans("According to Reuters, the club is reportedly ready to pay £40m.", "AT102")


def test_hedge_inside_a_quotation_is_the_speaker_s_business():
    assert not spans("\u201cHe is reportedly ready to go, but I doubt it,\u201d Ms Ruiz said.", "AT102")


def test_weasel_source_behind_a_figure_flagged_unless_named_next():
    assert spans("Critics say the bridge will cost £90m.", "AT103") == ["Critics say"]
    assert not spans("Critics say the bridge is too expensive.", "AT103")
    named = "Critics say the bridge will cost £90m. \u201cIt is money thrown away,\u201d said Tomas Lind, a councillor."
    assert not spans(named, "AT103")


# ---------------------------------------------------------------- AT104/AT105 loose quote source (seed structure)

SEED_LIKE = (
    "Ukraine pushed deeper into Russia's Kursk region on Sunday as it warned \u201cRussia is paying for what it"
    " did\u201d. Andriy Yermak, the head of the presidential office, in a post on Telegram, shared, \u201cKursk region,"
    " good news, Moscow is paying for what it did.\u201d\n\n"
    "A statement from the Russian Defence Ministry confirms the attacks, CNN reports citing TASS. The Russian Defence"
    " Ministry claims that its jets struck Ukrainian units in several areas.\n"
)


def test_seed_structure_quote_given_to_country_and_mismatched_quote():
    lead = "\u201cRussia is paying for what it did\u201d"
    assert spans(SEED_LIKE, "AT104") == [lead]
    assert spans(SEED_LIKE, "AT105") == [lead]
    found = lint(SEED_LIKE, select=("AT",))
    assert all(f.severity == Severity.info for f in found)


def test_seed_structure_has_no_missing_attribution_warnings():
    found = lint(SEED_LIKE, select=("AT101", "AT102", "AT103"))
    assert not found, [(f.rule, f.text) for f in found]


def test_seed_structure_loaded_verbs_are_info_notes():
    found = [(f.text, f.suggestions) for f in lint(SEED_LIKE, select=("AT106",))]
    assert found == [("shared", ("said",))]  # "claims that …" is reported speech: the writer's call


def test_quote_from_a_person_or_office_is_not_given_to_a_country():
    assert not spans("Ukraine's defence minister said \u201cthe talks are over and will not resume\u201d.", "AT104")
    assert spans("Russia said \u201cthe talks are over and will not resume\u201d.", "AT104") == [
        "\u201cthe talks are over and will not resume\u201d"
    ]


def test_exact_reuse_of_part_of_a_quote_is_not_a_mismatch():
    text = (
        "The mayor promised \u201cevery family will have a home by winter\u201d.\n\n"
        "The mayor wrote: \u201cGood news: every family will have a home by winter.\u201d"
    )
    assert not spans(text, "AT105")


# ---------------------------------------------------------------- AT106/AT107 attribution verbs


def test_loaded_verbs_only_as_speech_verbs():
    assert spans("\u201cWe made mistakes,\u201d the coach admitted.", "AT106") == ["admitted"]
    assert not spans("The firm claimed that sales had doubled.", "AT106")
    assert not spans("The group claimed responsibility for the blast.", "AT106")
    assert not spans("The storm claimed three lives.", "AT106")
    assert not spans("She admitted two new patients.", "AT106")
    assert not spans("She shared the prize with two colleagues.", "AT106")


BODY = "Schools to reopen\n\nThe valley's schools reopen in March.\n\nRepairs cost less than feared.\n\n"


def test_says_said_mix_for_the_same_speaker():
    text = BODY + "Schools will reopen, Velez said. Classes start in March, Velez said. The roof is fixed, Velez says."
    found = lint(text, select=("AT107",))
    assert [(f.text, f.severity) for f in found] == [("says", Severity.info)]
    assert "Velez" in found[0].message
    assert not spans(BODY + "Schools will reopen, Velez says. Classes start in March, Lind said.", "AT107")


def test_signature_line_after_the_quote_names_the_speaker():
    text = f"The candidates were asked about schools.\n\n{Q}\n\n\u2014 Governor Ana Ruiz"
    assert not spans(text, "AT101")


def test_speaker_named_only_in_the_paragraph_before_does_not_attribute():
    # The shape an editor must catch: the quote's own speaker clause was cut.
    text = f"The rest of the schools will reopen in May, the governor said.\n\n{Q}\n\nRepairs begin in March."
    assert spans(text, "AT101") == [Q]


def test_markdown_and_html_spans_map_back_to_the_source():
    md = "The floods closed six schools.\n\n\"We will rebuild *every* school in the valley before winter.\"\n"
    found = lint(md, select=("AT101",), fmt="markdown")
    assert [md[f.start:f.end] for f in found] == ["\"We will rebuild *every* school in the valley before winter.\""]
    html = "<p>The floods closed six schools.</p><p>&ldquo;We will rebuild every school in the valley before winter.&rdquo;</p>"
    found = lint(html, select=("AT101",), fmt="html")
    assert [html[f.start:f.end] for f in found] == ["&ldquo;We will rebuild every school in the valley before winter.&rdquo;"]
    attributed = html.replace("winter.&rdquo;", "winter,&rdquo; she <em>said</em>.")
    assert not lint(attributed, select=("AT101",), fmt="html")


def test_source_tag_after_a_quote_attributes_it():
    text = f"Floods in the valley\n\n{Q} [Valley Herald]\n\nMore rain is due."
    assert not spans(text, "AT101")


def test_stray_opening_mark_is_not_reported_as_a_quote():
    text = "The floods closed six schools.\n\n\u201cThe water came in at night and nobody was ready for it.\n\nRepairs begin in March."
    assert not spans(text, "AT101")
    carried = "The floods closed six schools.\n\n\u201cThe water came in at night and nobody was ready.\n\n\u201cWe lost everything.\u201d"
    assert spans(carried, "AT101") == ["\u201cThe water came in at night and nobody was ready."]


@pytest.mark.parametrize("text", [
    "", "\u201c", "\"\"", "\u201c\u201d\u201c\u201d", "\"a\" \"b\" \"c\"", "said said said",
    "\u201cOne two three four five.\n\n\u201cSix seven eight nine ten.\n\n\u201c", ":\n\n\"x y z w v u.\"",
    "Ukraine said \u201c", "\u2014 \u201cA b c d e f.\u201d \u2014", "It is believed. Critics say. \"\"",
])
def test_odd_input_does_not_crash_and_spans_stay_in_bounds(text):
    for f in lint(text, select=("AT",)):
        assert 0 <= f.start < f.end <= len(text)


def test_plural_noun_claims_after_a_verb_or_preposition_is_not_a_speech_verb():
    assert not spans("The inquiry investigated claims: \u201cthe tender was rigged from the start\u201d.", "AT106")
    assert not spans("He dismissed claims that the tender was rigged.", "AT106")
    assert spans("The opposition claims: \u201cThe tender was rigged from the start.\u201d", "AT106") == ["claims"]


def test_headline_present_tense_is_not_a_says_said_mix():
    text = "Velez Says Schools Will Reopen\n\nSchools will reopen, Velez said. Classes start in March, Velez said."
    assert not spans(text, "AT107")


def test_country_short_forms_and_capitals_from_the_pack():
    for speaker in ("The US", "Britain", "Moscow", "The Kremlin"):
        text = f"{speaker} said \u201cthe talks are over and will not resume this year\u201d."
        assert spans(text, "AT104") == ["\u201cthe talks are over and will not resume this year\u201d"], speaker
    assert not spans("Michael Jordan said \u201cthe talks are over and will not resume this year\u201d.", "AT104")


# The linear-time check of many quotations in one paragraph is tests/test_speakers.py (a growth ratio, no wall time).
