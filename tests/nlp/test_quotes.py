"""Quotation scanning and speaker attribution, on small texts written for the test."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.nlp.quotes import extract_quotes
from articles.nlp.quotes_scan import scan
from articles.nlp.types import EntityAnnotation, QuoteAnnotation


def people(text: str, names: dict[str, str], label: str = "PERSON") -> list[EntityAnnotation]:
    """Entity mentions for every occurrence of each surface form, linked to its canonical name."""
    found = [
        EntityAnnotation(m.start(), m.end(), surface, label, canonical)
        for surface, canonical in names.items()
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text)
    ]
    # A longer surface form wins over a shorter one inside it ("Maria Lopez" over "Lopez").
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[EntityAnnotation] = []
    for entity in found:
        if not kept or entity.start >= kept[-1].end:
            kept.append(entity)
    return kept


def quotes(
    nlp,
    text: str,
    names: dict[str, str] | None = None,
    organisations: dict[str, str] | None = None,
    *,
    places: dict[str, str] | None = None,
    groups: dict[str, str] | None = None,
) -> list[QuoteAnnotation]:
    """Quotes of `text`, with `names` as people, `organisations` as ORG, `places` as GPE and `groups` as
    NORP mentions (NER stubbed)."""
    doc = next(iter(nlp.pipe([text])))
    entities = (
        people(text, names or {})
        + people(text, organisations or {}, label="ORG")
        + people(text, places or {}, label="GPE")
        + people(text, groups or {}, label="NORP")
    )
    return extract_quotes(doc, sorted(entities, key=lambda e: e.start))


def spans_text(text: str, quote: QuoteAnnotation) -> list[str]:
    return [text[start:end] for start, end in quote.spans]


# --- the scanner alone -----------------------------------------------------------------------------


def test_scan_straight_and_curly_marks_find_the_same_words():
    assert [r.start for r in scan('She said "go home now" twice.')] == [10]
    assert [r.start for r in scan("She said “go home now” twice.")] == [10]


def test_scan_keeps_nested_quotes_inside_the_outer_quote():
    text = "He said \"they called it 'a disaster' and left\" yesterday."
    (run,) = scan(text)
    assert text[run.start : run.end] == "they called it 'a disaster' and left"


def test_scan_keeps_nested_double_quotes_inside_the_outer_quote():
    text = 'He said "they told me "never again" and left" yesterday.'
    (run,) = scan(text)
    assert text[run.start : run.end] == 'they told me "never again" and left'


def test_scan_never_takes_apostrophes_for_quote_marks():
    text = "It’s the ministers’ view that the ‘new policy’ won’t last, he said."
    assert [text[r.start : r.end] for r in scan(text)] == ["new policy"]


def test_scan_unclosed_quote_stops_at_the_paragraph_end():
    text = 'The envoy said "we will not move an inch.\nThe talks resumed on Monday without him.'
    (run,) = scan(text)
    assert text[run.start : run.end] == "we will not move an inch."
    assert not run.closed


def test_scan_unclosed_quote_ends_where_the_next_quote_opens():
    text = 'The envoy said "we will not move. Later "nothing changed," she said.'
    runs = scan(text)
    assert [text[r.start : r.end] for r in runs] == ["we will not move. Later", "nothing changed,"]


def test_scan_unclosed_quote_in_one_long_paragraph_is_cut_at_a_sentence_end():
    text = 'He said "this never closes. ' + "Another plain sentence follows here. " * 100
    (run,) = scan(text)
    assert run.end - run.start < 1000


def test_scan_ignores_an_inch_sign():
    text = 'He is 5\'10" tall and said "that is plenty for me" later.'
    assert [text[r.start : r.end] for r in scan(text)] == ["that is plenty for me"]


def test_scan_handles_thousands_of_quotes_in_linear_time():
    text = "\n".join(f'"This is quote number {n} today," the clerk said.' for n in range(5000))
    started = time.perf_counter()
    runs = scan(text)
    assert len(runs) == 5000
    assert time.perf_counter() - started < 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”‘’'«»:-")), max_size=200))
def test_scan_never_crashes_and_spans_stay_inside_the_text(text: str):
    from articles.nlp.quotes_scan import unmarked_runs

    runs = scan(text)
    for run in runs + unmarked_runs(text, runs):
        assert 0 <= run.start < run.end <= len(text)


# --- quotes with the parser ------------------------------------------------------------------------


@pytest.mark.model
def test_quote_after_cue_gets_the_speaker_canonical_name(nlp):
    text = 'Maria Lopez arrived late. "The border will stay open," Lopez said.'
    (quote,) = quotes(nlp, text, {"Maria Lopez": "Maria Lopez", "Lopez": "Maria Lopez"})
    assert quote.text == "The border will stay open"
    assert quote.speaker == "Maria Lopez"
    assert quote.speaker_text == "Lopez"
    assert quote.cue == "said"
    assert text[quote.speaker_start : quote.speaker_end] == "Lopez"


@pytest.mark.model
def test_curly_quote_before_colon_cue(nlp):
    text = "The minister Tom Reed said: “We have no plans to withdraw our troops this year.”"
    (quote,) = quotes(nlp, text, {"Tom Reed": "Tom Reed"})
    assert quote.text == "We have no plans to withdraw our troops this year."
    assert quote.speaker == "Tom Reed"


@pytest.mark.model
def test_inverted_attribution_with_apposition(nlp):
    text = '"We are watching the situation closely," said Anne Berg, the deputy minister.'
    (quote,) = quotes(nlp, text, {"Anne Berg": "Anne Berg"})
    assert quote.speaker == "Anne Berg"


@pytest.mark.model
def test_split_quote_is_one_quote_with_two_spans(nlp):
    text = 'Omar Haddad spoke first. "If you hear anything about a new attack," he said, "please tell us at once."'
    (quote,) = quotes(nlp, text, {"Omar Haddad": "Omar Haddad"})
    assert spans_text(text, quote) == ["If you hear anything about a new attack", "please tell us at once."]
    assert quote.text == "If you hear anything about a new attack please tell us at once."
    assert quote.speaker == "Omar Haddad"
    assert quote.speaker_text == "he"


@pytest.mark.model
def test_partial_quote_inside_a_sentence_belongs_to_the_governing_speaker(nlp):
    text = 'The general Sami Karim told the visitors that his army "would answer any attack in kind," officials said.'
    found = quotes(nlp, text, {"Sami Karim": "Sami Karim"})
    assert [q.text for q in found] == ["would answer any attack in kind"]
    assert found[0].speaker == "Sami Karim"


@pytest.mark.model
def test_nested_quote_stays_inside_the_outer_quote(nlp):
    text = "\"They called the plan 'a total disaster' and walked out of the room,\" said Lena Fischer."
    (quote,) = quotes(nlp, text, {"Lena Fischer": "Lena Fischer"})
    assert quote.text == "They called the plan 'a total disaster' and walked out of the room"
    assert quote.speaker == "Lena Fischer"


@pytest.mark.model
def test_quote_over_two_paragraphs_is_one_quote(nlp):
    text = (
        'Paul Dunn said: "The first thing we did was call the embassy.\n'
        '"Then we waited for three days without any answer from anyone."\n'
        "The embassy did not comment."
    )
    (quote,) = quotes(nlp, text, {"Paul Dunn": "Paul Dunn"})
    assert len(quote.spans) == 2
    assert quote.text.startswith("The first thing") and quote.text.endswith("from anyone.")
    assert quote.speaker == "Paul Dunn"


@pytest.mark.model
def test_quote_whose_paragraph_breaks_were_lost_is_one_quote(nlp):
    # Wire copy flattened into one line keeps the reopening marks of each paragraph of a quotation.
    text = (
        'Rates rose again. Minister Carla Benz said: "We expected a rise in the spring. '
        '"Nobody expected it to last into the autumn. "We will look at the figures again next month." '
        "The opposition asked for a debate."
    )
    (quote,) = quotes(nlp, text, {"Carla Benz": "Carla Benz"})
    assert len(quote.spans) == 3
    assert quote.text.startswith("We expected") and quote.text.endswith("next month.")
    assert quote.speaker == "Carla Benz"


@pytest.mark.model
def test_cue_with_its_own_reported_clause_does_not_claim_the_quote_before(nlp):
    text = (
        'Union leader Tom Reyes said: "Members will not accept the offer." '
        '"It does not mean we will strike tomorrow." Mr Okafor agreed and said the talks would go on.'
    )
    found = quotes(nlp, text, {"Tom Reyes": "Tom Reyes", "Mr Okafor": "Sam Okafor"})
    assert [q.speaker for q in found if q.text.startswith("It does not")] != ["Sam Okafor"]


@pytest.mark.model
def test_person_of_a_firm_speaks_not_the_firm(nlp):
    text = (
        '"Customers want answers at any hour," says Nadia Kerr of software firm Bluegate Systems, which ran the poll.'
    )
    (quote,) = quotes(nlp, text, {"Nadia Kerr": "Nadia Kerr"}, {"Bluegate Systems": "Bluegate Systems"})
    assert quote.speaker == "Nadia Kerr"


@pytest.mark.model
def test_verb_used_with_a_thing_as_object_is_no_speech_cue(nlp):
    text = (
        'Oskar Lind designed the reader. "Each page is stored in three parts." '
        "The firm plans to add more content as the device improves and add new titles."
    )
    (quote,) = quotes(nlp, text, {"Oskar Lind": "Oskar Lind"})
    assert quote.cue != "add"


@pytest.mark.model
def test_verb_acting_on_a_pronoun_or_with_a_particle_is_no_speech_cue(nlp):
    text = (
        'Gadgets will vanish into clothing, says Mr Brandt. "So the gadgets in your bag can go into the '
        'fabric itself." Wearable kit could use body heat to charge it up, while smart fibres add up the steps.'
    )
    (quote,) = quotes(nlp, text, {"Brandt": "Tomas Brandt"})
    assert quote.speaker == "Tomas Brandt"


@pytest.mark.model
def test_who_leaves_a_body_saying_something_says_it_not_the_body(nlp):
    text = 'Mr Dunmore also left UKIP saying Mr Pell would "deliver better" as the leader.'
    (quote,) = quotes(nlp, text, {"Dunmore": "Tom Dunmore", "Pell": "Ana Pell"}, {"UKIP": "UKIP"})
    assert quote.speaker == "Tom Dunmore"


@pytest.mark.model
def test_who_is_heard_saying_something_says_it(nlp):
    text = 'Officials heard the minister saying the plan was "dead".'
    (quote,) = quotes(nlp, text)
    assert quote.speaker_text == "the minister"


@pytest.mark.model
def test_a_quotation_given_as_someones_assessment_is_theirs(nlp):
    text = (
        'Tom Hale has told supporters he is "back" and still hungry. "The voters are keener on the government '
        'than some members," is the dry assessment of Ana Pell, leader of the council group.'
    )
    first, second = quotes(nlp, text, {"Tom Hale": "Tom Hale", "Ana Pell": "Ana Pell"})
    assert (first.speaker, second.speaker) == ("Tom Hale", "Ana Pell")


@pytest.mark.model
def test_he_is_a_person_not_the_firm_named_before_him(nlp):
    text = (
        'Said Mr Fogg: "It is very much a computer." One dissenting opinion came from Brian Gammage, '
        'vice-president of research at analysts Gartner. He said: "I do not think it changes the world."'
    )
    _, second = quotes(nlp, text, {"Fogg": "Ian Fogg", "Brian Gammage": "Brian Gammage"}, {"Gartner": "Gartner"})
    assert second.speaker == "Brian Gammage"


@pytest.mark.model
def test_they_does_not_stand_for_a_country(nlp):
    text = 'Turnout was as strong as ever. Freedonia, they insisted, would not be a factor. "Polls are the problem."'
    doc = next(iter(nlp.pipe([text])))
    (quote,) = extract_quotes(doc, people(text, {"Freedonia": "Freedonia"}, label="GPE"))
    assert quote.speaker != "Freedonia"


@pytest.mark.model
def test_an_uncued_quotation_after_a_sentence_about_a_named_person_is_theirs(nlp):
    text = (
        '"I have a new slogan," according to Mr Lane. His friend, Sara Spence, leader of the county group, lays '
        'the blame on one issue above all others. "You cannot underestimate the impact of the war."'
    )
    _, second = quotes(nlp, text, {"Lane": "Tom Lane", "Sara Spence": "Sara Spence"})
    assert second.speaker == "Sara Spence"


@pytest.mark.model
def test_he_added_after_a_source_named_by_according_to_is_that_source(nlp):
    text = (
        'Drummer Jon Varr echoed those sentiments: "We are very competitive." The band have done '
        '"everything in their considerable powers" to stay on top, according to magazine editor Paul Rook. '
        '"This makes them hugely determined." He added: "They are equally determined to push themselves."'
    )
    found = quotes(nlp, text, {"Jon Varr": "Jon Varr", "Paul Rook": "Paul Rook"})
    assert found[-1].speaker == "Paul Rook"


@pytest.mark.model
def test_a_spokesperson_named_with_whom_they_speak_for_is_not_them(nlp):
    text = '"It is for the discerning buyer," said a Jane Orr spokesperson.'
    (quote,) = quotes(nlp, text, {"Jane Orr": "Jane Orr"})
    assert quote.speaker == "Jane Orr spokesperson"


@pytest.mark.model
def test_putting_up_an_appeal_is_no_speech_cue(nlp):
    text = (
        'The key was that they were highly organised, Mr Rook said. "They do everything in the right way." '
        "The group began when Varr put an appeal for bandmates on a notice board."
    )
    (quote,) = quotes(nlp, text, {"Rook": "Paul Rook", "Varr": "Jon Varr"})
    assert quote.speaker == "Paul Rook"


@pytest.mark.model
def test_people_in_general_after_a_preposition_do_not_speak_for_the_subject(nlp):
    text = (
        "Party leader Roger Knapp attacked the plans for pensioners saying they needed "
        '"more money and the dignity of being allowed to spend it how they want."'
    )
    (quote,) = quotes(nlp, text, {"Roger Knapp": "Roger Knapp"})
    assert quote.speaker == "Roger Knapp"


@pytest.mark.model
def test_the_title_of_a_work_is_no_quotation_even_with_a_cue_after_it(nlp):
    text = (
        'In her book "A Garden Made in Ruins: The Strange Kindness that Grows in Disaster," Ana Pell wrote of '
        'the purpose people find. In his memoir, he wrote: "The state has failed its people."'
    )
    found = quotes(nlp, text, {"Ana Pell": "Ana Pell"})
    assert [q.text for q in found] == ["The state has failed its people."]


@pytest.mark.model
def test_who_after_a_thing_refers_to_the_person_or_role_before_it(nlp):
    text = (
        "Claims against the findings were made by a spokesman for the Vintners Trade Association, who argues "
        'that "the professor risks switching people off from the real issues".'
    )
    (quote,) = quotes(nlp, text, organisations={"Vintners Trade Association": "Vintners Trade Association"})
    assert quote.speaker == "spokesman for the Vintners Trade Association"


@pytest.mark.model
def test_he_added_right_after_a_quotation_goes_on_with_its_speaker(nlp):
    text = (
        "The paper also spoke to Ali Karim, with less of an emphasis on the network than on the sites' lack of "
        'encryption, who said "if it worked regardless of the network, I would have to stop using them." '
        'He added that "other sites could offer a secure service."'
    )
    first, second = quotes(nlp, text, {"Ali Karim": "Ali Karim"})
    assert (first.speaker, second.speaker) == ("Ali Karim", "Ali Karim")


@pytest.mark.model
def test_he_added_after_someone_else_acts_is_not_the_last_speaker(nlp):
    text = '"We will win," said Tom Hale. Jon Orr disagreed with him. He added: "It is over."'
    first, second = quotes(nlp, text, {"Tom Hale": "Tom Hale", "Jon Orr": "Jon Orr"})
    assert (first.speaker, second.speaker) == ("Tom Hale", "Jon Orr")


@pytest.mark.model
def test_words_attributed_to_someone_are_theirs(nlp):
    text = 'I am reminded of a quote attributed to Tomas Vell. "A nation that trades freedom for safety keeps neither."'
    (quote,) = quotes(nlp, text, {"Tomas Vell": "Tomas Vell"})
    assert quote.speaker == "Tomas Vell"


@pytest.mark.model
def test_a_cue_set_off_by_commas_names_its_speaker_after_it(nlp):
    text = (
        "Consumers are the target. In the view of the campaigners, said Mr Dorrow, the systems were meant to "
        'control the buyers. "The studios perceive an opportunity to sell you your media again and again."'
    )
    (quote,) = quotes(nlp, text, {"Dorrow": "Cory Dorrow"})
    assert quote.speaker == "Cory Dorrow"


@pytest.mark.model
def test_a_quotation_split_by_whose_belief_it_is_is_one_quote(nlp):
    text = (
        'Other universities use a different test. "The test is a far better predictor of success than the '
        'grades", Steve Sillis of the admissions office believes, "the questions are less standard."'
    )
    (quote,) = quotes(nlp, text, {"Steve Sillis": "Steve Sillis"})
    assert quote.speaker == "Steve Sillis" and len(quote.spans) == 2


@pytest.mark.model
def test_a_share_of_a_group_speaks_for_the_group_not_as_a_number(nlp):
    text = (
        'The survey found that 56% of students believed that volunteering had increased their "sense of being '
        'part of my university", and the majority of residents said it had "benefited their learning".'
    )
    assert [q.speaker for q in quotes(nlp, text)] == ["students", "residents"]


@pytest.mark.model
def test_a_thing_that_claims_something_does_not_speak(nlp):
    text = (
        'People must learn "sensible behaviour", Mr Pell says, such as ignoring e-mails that claim you have won '
        'something. "I do not think it is going to get worse. People will remain concerned about security."'
    )
    found = quotes(nlp, text, {"Pell": "Tom Pell"})
    assert found[-1].speaker == "Tom Pell"


@pytest.mark.model
def test_someone_described_by_age_is_the_person_the_text_is_about(nlp):
    text = (
        "Yelena Orlova broke the record in Kiev and beat her rival Maria Fedko. It was her 11th world record. "
        '"I am so happy and I will do my best to go higher soon," the 22-year-old told reporters.'
    )
    (quote,) = quotes(nlp, text, {"Yelena Orlova": "Yelena Orlova", "Maria Fedko": "Maria Fedko"})
    assert quote.speaker == "Yelena Orlova"


@pytest.mark.model
def test_a_surname_that_is_a_speech_verb_names_the_speaker(nlp):
    text = (
        "Coach Liz Yelling said the runner was aware of the scrutiny in New York. \"She just thought, 'well, they "
        'cannot think any worse of me now,\'" Yelling told BBC Sport. "She is just doing what she wants to do."'
    )
    found = quotes(nlp, text, {"Liz Yelling": "Liz Yelling"}, {"BBC Sport": "BBC Sport"})
    assert [q.speaker for q in found] == ["Liz Yelling", "Liz Yelling"]


@pytest.mark.model
def test_a_ministry_of_a_country_speaks_as_the_ministry(nlp):
    text = 'Freedonia\'s foreign ministry called the decision "another measure contradicting international law".'
    doc = next(iter(nlp.pipe([text])))
    (quote,) = extract_quotes(doc, people(text, {"Freedonia": "Freedonia"}, label="GPE"))
    assert quote.speaker == "Freedonia's foreign ministry"


@pytest.mark.model
def test_a_country_concluding_something_in_what_a_person_says_is_their_quote(nlp):
    text = (
        "Varrow said that after legal consultation Freedonia had concluded the building of settlements was "
        '"not, per se, inconsistent with international law", saying he trusted the courts.'
    )
    doc = next(iter(nlp.pipe([text])))
    found = people(text, {"Varrow": "Tom Varrow"}) + people(text, {"Freedonia": "Freedonia"}, label="GPE")
    (quote,) = extract_quotes(doc, sorted(found, key=lambda e: e.start))
    assert quote.speaker == "Tom Varrow"


@pytest.mark.model
def test_a_cue_in_a_relative_clause_does_not_claim_the_next_sentences_quotation(nlp):
    text = (
        "Orlov barged linesman Andy Dace, who had advised the referee to award a penalty. "
        '"He was sent off for violent conduct in the 90th minute but we do not know what happened next. '
        '"We do not know how many red cards he was shown," said a league statement.'
    )
    found = quotes(nlp, text, {"Orlov": "Ivan Orlov", "Andy Dace": "Andy Dace"})
    assert all(q.speaker != "Andy Dace" for q in found)


@pytest.mark.model
def test_the_role_points_back_to_a_name_titled_with_its_post(nlp):
    text = (
        'Noting that the coalition is fraying, U.S. Ambassador to Oslo Philip Marlow, wrote that, "the chancellor is '
        'particularly irritated with her party." The ambassador claimed that "public reactions have come '
        'exclusively from detractors."'
    )
    found = quotes(nlp, text, {"Philip Marlow": "Philip Marlow"})
    assert [q.speaker for q in found] == ["Philip Marlow", "Philip Marlow"]


@pytest.mark.model
def test_consent_to_act_is_no_speech_cue_inside_a_reported_clause(nlp):
    text = (
        "On Monday Home Secretary Ruth Calder told MPs that the Freedonian government had agreed to free "
        'the three men after "long and careful talks" over their safety.'
    )
    (quote,) = quotes(nlp, text, {"Ruth Calder": "Ruth Calder"}, {"Freedonian government": "Freedonia"})
    assert quote.speaker == "Ruth Calder"


@pytest.mark.model
def test_unnamed_speaker_keeps_the_body_they_speak_for(nlp):
    text = (
        "A spokesman for the Northwind Rail Authority said the line would reopen. "
        '"We expect trains to run by Friday," he said. The spokesman said delays were "regrettable but brief".'
    )
    found = quotes(nlp, text, organisations={"Northwind Rail Authority": "Northwind Rail Authority"})
    assert [q.speaker for q in found] == ["spokesman for the Northwind Rail Authority"] * 2


@pytest.mark.model
def test_unnamed_speaker_without_a_named_body_stays_as_written(nlp):
    text = '"The figures are clear," said the head of the agency.'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "head of the agency"
    text = '"The figures are clear," said the head of the new unit.'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "head"


@pytest.mark.model
def test_a_description_with_a_nationality_is_the_person_with_that_title(nlp):
    text = (
        "Archbishop Tomas Vell has called for the camp to close. His comments follow the release of two men. "
        'The Freedonian archbishop said detention without trial was "unacceptable".'
    )
    doc = next(iter(nlp.pipe([text])))
    entities = people(text, {"Archbishop Tomas Vell": "Tomas Vell"}) + people(
        text, {"Freedonian": "Freedonian"}, label="NORP"
    )
    (quote,) = extract_quotes(doc, sorted(entities, key=lambda e: e.start))
    assert quote.speaker == "Tomas Vell"


@pytest.mark.model
def test_an_indefinite_role_named_with_its_title_in_the_next_sentence_is_that_person(nlp):
    text = (
        'This week a judge claimed cheap drink was breeding "urban savages" in town centres. '
        "Judge Carla Penn made her remarks as she sentenced three men."
    )
    (quote,) = quotes(nlp, text, {"Carla Penn": "Carla Penn"})
    assert quote.speaker == "Carla Penn"


@pytest.mark.model
def test_a_cue_with_quoted_words_of_its_own_does_not_claim_the_quotation_before(nlp):
    text = (
        "The singer cancelled the tour. "
        '"She took a wrong step and hurt her knee," a label spokeswoman said at the time. '
        '"It was an old injury." The court filing described the singer as "one of the best known performers".'
    )
    found = quotes(nlp, text, organisations={"label": "label"})
    assert [q.speaker for q in found if "injury" in q.text] == ["label spokeswoman"]


@pytest.mark.model
def test_a_role_the_text_gave_someone_unnamed_is_not_the_last_named_speaker(nlp):
    text = (
        "A 50-year-old woman fell ill after moving house. The patient went to her doctor after a month. "
        "After weeks of tests on the patient and her home, Dr Ivo Marsh found the cause in her new carpets. "
        'She is now fully recovered, Marsh said.\n\n"I feel like myself again," the patient wrote in the report.'
    )
    found = quotes(nlp, text, {"Dr Ivo Marsh": "Ivo Marsh", "Marsh": "Ivo Marsh"})
    assert [q.speaker for q in found] == ["patient"]


@pytest.mark.model
def test_a_word_mentioned_as_a_word_is_no_quotation(nlp):
    text = 'The publisher said the term "vlog" had been looked up more than any other this year.'
    assert quotes(nlp, text) == []
    text = 'The publisher said "vlog" headed its list of the words most looked up this year.'
    assert quotes(nlp, text) == []


@pytest.mark.model
def test_description_after_a_named_speaker_is_that_speaker(nlp):
    text = (
        "The coach must decide by Friday. Team member Anna Greer said the squad would understand if "
        'Lisa Hart stayed home. "It would be great to have Lisa with us," said the national champion.'
    )
    (quote,) = quotes(nlp, text, {"Anna Greer": "Anna Greer", "Lisa Hart": "Lisa Hart", "Lisa": "Lisa Hart"})
    assert quote.speaker == "Anna Greer"


@pytest.mark.model
def test_phrase_quoted_in_a_sentence_about_a_leaked_cable_is_the_cables(nlp):
    text = (
        "The leaked cables cover the whole region. "
        'The cables portray the minister as "distrusted" by his own party and his deputy as a "rising star".'
    )
    found = quotes(nlp, text)
    assert {q.text for q in found} == {"distrusted", "rising star"}
    assert {q.speaker for q in found} == {"the cable"}


@pytest.mark.model
def test_unattributed_quote_after_a_sentence_about_someone_is_theirs(nlp):
    text = (
        'Minister Ruth Ames said: "Carers must not be out of pocket." The bill passes next week.\n\n'
        'Charity director Omar Field criticised the system. "There is no logic to it." '
        "The charity recommends a weekly payment of 100 pounds."
    )
    first, second = quotes(nlp, text, {"Ruth Ames": "Ruth Ames", "Omar Field": "Omar Field"})
    assert first.speaker == "Ruth Ames"
    assert second.speaker == "Omar Field"


@pytest.mark.model
def test_cue_after_a_long_apposition_of_its_subject_still_attributes(nlp):
    text = (
        "A new study reports the find.\n\n"
        '"Water is common in the outer solar system, but liquid water is rare," lead author Ines Varga, '
        "a planetary scientist at the Northern Space Flight Center in Linden, Maryland, and Eastfield "
        "University in Dover, said in a statement."
    )
    (quote,) = quotes(nlp, text, {"Ines Varga": "Ines Varga"})
    assert quote.speaker == "Ines Varga"


@pytest.mark.model
def test_ministry_described_by_a_nationality_is_not_the_nationality(nlp):
    text = 'The French foreign ministry said it "regrets any decision likely to encourage building".'
    entities = people(text, {"French": "French"}, label="NORP")
    doc = next(iter(nlp.pipe([text])))
    (quote,) = extract_quotes(doc, entities)
    assert quote.speaker != "French"
    assert "ministry" in (quote.speaker or "")


@pytest.mark.model
def test_unrecognised_title_keeps_the_words_after_its_head(nlp):
    text = 'The Northern Commissioner for Human Rights said the ruling "does not change the law".'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "Northern Commissioner for Human Rights"


@pytest.mark.model
def test_title_with_its_full_stop_inside_the_marks_is_no_quote(nlp):
    text = (
        'Rita Vale joined the band in 1975 and sang on hit singles like 1978\'s "Lights Over the Harbour." '
        'She later toured with them. "It was the best year of my life," she said.'
    )
    found = quotes(nlp, text, {"Rita Vale": "Rita Vale"})
    assert [q.text for q in found] == ["It was the best year of my life"]


@pytest.mark.model
def test_unclosed_quote_ends_at_its_paragraph(nlp):
    text = (
        'At the meeting, Paul Dunn said "the main danger lies in the west. The rest is noise.\n'
        "The meeting ended early and nobody else spoke to the press afterwards."
    )
    (quote,) = quotes(nlp, text, {"Paul Dunn": "Paul Dunn"})
    assert quote.text == "the main danger lies in the west. The rest is noise."
    assert quote.speaker == "Paul Dunn"


@pytest.mark.model
def test_according_to_a_person(nlp):
    text = '"The talks have collapsed completely," according to Ruth Adler, a senior negotiator.'
    (quote,) = quotes(nlp, text, {"Ruth Adler": "Ruth Adler"})
    assert quote.speaker == "Ruth Adler"
    assert quote.cue == "according to"


@pytest.mark.model
def test_the_cable_said_is_a_document_source(nlp):
    text = '"Ortiz promised to keep the port open to American ships," the cable said.'
    (quote,) = quotes(nlp, text, {"Ortiz": "Carlos Ortiz"})
    assert quote.speaker == "the cable"
    assert quote.kind == "document"


@pytest.mark.model
def test_according_to_the_memo_is_a_document_source(nlp):
    text = '"The minister is unlikely to survive the coming vote," according to the memo.'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "the memo"
    assert quote.kind == "document"


@pytest.mark.model
def test_pronoun_resolves_to_the_subject_of_the_previous_sentence(nlp):
    text = (
        "Rosa Klein met Jonas Weber in Vienna. Klein rejected the offer on Tuesday. "
        '"We cannot accept these terms as they stand," she said.'
    )
    names = {"Rosa Klein": "Rosa Klein", "Klein": "Rosa Klein", "Jonas Weber": "Jonas Weber"}
    (quote,) = quotes(nlp, text, names)
    assert quote.speaker == "Rosa Klein"
    assert quote.speaker_text == "she"


@pytest.mark.model
def test_it_said_refers_back_to_the_cable(nlp):
    text = (
        "A cable from the embassy described the visit in detail. "
        '"The president appeared tired and distracted throughout the meeting," it said.'
    )
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "the cable"
    assert quote.kind == "document"


@pytest.mark.model
def test_scare_quotes_and_titles_are_not_quotes(nlp):
    text = (
        'The so-called "experts" were granted "parole" status. '
        'The team named its robot "Bright Future of Girls" and won a medal.'
    )
    assert quotes(nlp, text) == []


@pytest.mark.model
def test_short_quote_with_a_cue_is_kept(nlp):
    text = 'Asked about the deal, Mark Stone was brief. "Never," Stone said.'
    (quote,) = quotes(nlp, text, {"Mark Stone": "Mark Stone", "Stone": "Mark Stone"})
    assert quote.text == "Never"
    assert quote.speaker == "Mark Stone"


@pytest.mark.model
def test_quote_with_no_cue_continues_the_previous_speaker(nlp):
    text = '"We will not leave," said Anne Berg.\n"Nobody can force us to go anywhere against our will."'
    found = quotes(nlp, text, {"Anne Berg": "Anne Berg"})
    assert [q.speaker for q in found] == ["Anne Berg", "Anne Berg"]


@pytest.mark.model
def test_thousands_of_quotes(nlp):
    text = "\n".join(f'"We will meet again on day {n}," Ann said.' for n in range(1000))
    started = time.perf_counter()
    doc = next(iter(nlp.pipe([text])))
    parsed = time.perf_counter()
    found = extract_quotes(doc, people(text, {"Ann": "Ann"}))
    finished = time.perf_counter()
    assert len(found) == 1000
    assert all(q.speaker == "Ann" for q in found)
    assert finished - parsed < 0.5 * (parsed - started)  # a small fraction of parsing, not quadratic


@pytest.mark.model
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(['"', "“", "”", "‘", "’", "'", "\n", ", he said, ", " said Ann. ", ": "]),
            st.text(alphabet=st.sampled_from(list("abcde XYZ.,")), min_size=1, max_size=12),
        ),
        max_size=30,
    )
)
def test_random_text_with_random_marks_never_crashes(nlp, pieces: list[str]):
    text = "".join(pieces)
    for quote in quotes(nlp, text, {"Ann": "Ann"}):
        assert quote.spans
        for start, end in quote.spans:
            assert 0 <= start < end <= len(text)
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)


@pytest.mark.model
def test_quote_over_blank_line_paragraphs_with_curly_marks(nlp):
    text = (
        "Paul Dunn described the night in detail.\n\n"
        "“We heard the first shots at midnight and hid in the cellar.\n\n"
        "“By morning the town was quiet again,” he said."
    )
    (quote,) = quotes(nlp, text, {"Paul Dunn": "Paul Dunn"})
    assert len(quote.spans) == 2
    assert quote.speaker == "Paul Dunn"


@pytest.mark.model
def test_quote_in_hard_wrapped_text_spans_line_breaks(nlp):
    text = (
        "The embassy sent a long report home that week.\n"
        "Officials met twice and drafted a reply to the\n"
        'ministry. "The underground nightlife of the capital\n'
        'is thriving and throbbing," the memo said. Nobody\n'
        "in the ministry answered the letter for a month.\n"
    )
    (quote,) = quotes(nlp, text)
    assert quote.text == "The underground nightlife of the capital\nis thriving and throbbing"
    assert quote.speaker == "the memo"


@pytest.mark.model
def test_quote_signed_with_a_dash(nlp):
    text = '"So far it is one nil to the protesters, but it is a long game." - Maria Lopez'
    (quote,) = quotes(nlp, text, {"Maria Lopez": "Maria Lopez"})
    assert quote.speaker == "Maria Lopez"


@pytest.mark.model
def test_quote_after_a_sentence_with_a_cue_belongs_to_its_speaker(nlp):
    text = 'Anne Berg said the changes were necessary. "Passengers deserve proper protection of their rights."'
    (quote,) = quotes(nlp, text, {"Anne Berg": "Anne Berg"})
    assert quote.speaker == "Anne Berg"


@pytest.mark.model
def test_pronoun_skips_a_person_referred_to_with_the_other_pronoun(nlp):
    text = (
        "Omar Haddad treated his daughter Leila Haddad himself. Leila Haddad got worse, and she lost weight. "
        '"I will not take her to a doctor," he said.'
    )
    names = {"Omar Haddad": "Omar Haddad", "Leila Haddad": "Leila Haddad"}
    (quote,) = quotes(nlp, text, names)
    assert quote.speaker == "Omar Haddad"


@pytest.mark.model
def test_two_partial_quotes_joined_by_and_stay_apart(nlp):
    text = 'Ruth Adler said the man "walked into the station and gave himself up", and told the police "everything".'
    found = quotes(nlp, text, {"Ruth Adler": "Ruth Adler"})
    assert [q.text for q in found] == ["walked into the station and gave himself up"]


def test_quotes_without_a_parser_are_still_found():
    import spacy

    text = 'Ann Lee arrived. "We will stay here until the end," she said. "She" left.'
    found = extract_quotes(spacy.blank("en")(text), people(text, {"Ann Lee": "Ann Lee"}))
    assert [q.text for q in found] == ["We will stay here until the end"]


# --- gold conventions: short attributed phrases, split quotes, descriptions, documents -------------


@pytest.mark.model
def test_short_phrase_the_speaker_labels_something_with_is_a_quote(nlp):
    text = 'Karl Brenner described the accusations as "laughable" on Tuesday.'
    (quote,) = quotes(nlp, text, {"Karl Brenner": "Karl Brenner"})
    assert quote.text == "laughable"
    assert quote.speaker == "Karl Brenner"


@pytest.mark.model
def test_short_phrase_coordinated_with_a_quote_shares_its_speaker(nlp):
    text = 'Karl Brenner said the reports were "fairy tales" and "cheap gossip".'
    found = quotes(nlp, text, {"Karl Brenner": "Karl Brenner"})
    assert [q.text for q in found] == ["fairy tales", "cheap gossip"]
    assert {q.speaker for q in found} == {"Karl Brenner"}


@pytest.mark.model
def test_quote_resumed_after_an_attribution_sentence_is_one_quote(nlp):
    text = (
        'Lena Fischer spoke to the press. "We have a serious problem," she said. '
        '"It is a problem of trust between two old allies."'
    )
    (quote,) = quotes(nlp, text, {"Lena Fischer": "Lena Fischer"})
    assert len(quote.spans) == 2
    assert quote.speaker == "Lena Fischer"


@pytest.mark.model
def test_a_description_resolves_to_the_person_it_describes(nlp):
    text = (
        "The report came from Ambassador Tom Reed, who had served in the city for years. "
        '"The talks will fail without new money," the ambassador wrote.'
    )
    (quote,) = quotes(nlp, text, {"Tom Reed": "Tom Reed"})
    assert quote.speaker == "Tom Reed"


@pytest.mark.model
def test_an_unnamed_speaker_is_kept_without_its_quantifier(nlp):
    text = 'Students met to discuss "how the leaks have shaken the government", according to one local journalist.'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "local journalist"


@pytest.mark.model
def test_leaked_documents_are_the_cable_in_an_article_about_cables(nlp):
    text = (
        "The leaked cables caused a stir in the capital this week. "
        '"The minister is weak and indecisive," the dispatch said. Other cables were milder.'
    )
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "the cable"
    assert quote.kind == "document"


@pytest.mark.model
def test_an_organisations_statement_is_the_organisations(nlp):
    text = 'Norland\'s only public comment was to say "these matters do not concern us" on Monday.'
    names = {"Norland": "Norland"}
    found = extract_quotes(next(iter(nlp.pipe([text]))), people(text, names, label="GPE"))
    assert [q.speaker for q in found] == ["Norland"]


@pytest.mark.model
def test_unmarked_paragraph_after_a_colon_attribution_is_a_quote(nlp):
    text = (
        "The newspaper Daily Courier noted:\n\n"
        "The relationship between the two leaders is causing intense suspicion in the capital.\n\n"
        "Nobody else commented on the matter."
    )
    found = quotes(nlp, text)
    assert [q.text for q in found] == [
        "The relationship between the two leaders is causing intense suspicion in the capital."
    ]


def test_unmarked_runs_need_a_colon_before_and_no_marks_inside():
    from articles.nlp.quotes_scan import unmarked_runs

    text = "He wrote:\n\nThe first plain paragraph has enough words in it.\n\nAnother paragraph here."
    (run,) = unmarked_runs(text, scan(text))
    assert text[run.start : run.end] == "The first plain paragraph has enough words in it."
    assert unmarked_runs("He wrote.\n\nThe first plain paragraph has enough words.", []) == []


def test_a_list_of_points_after_a_colon_is_no_quotation():
    from articles.nlp.quotes_scan import unmarked_runs

    text = (
        "In a wide-ranging interview, the president also said:\n\n"
        "The country must stay in the union to have influence on the world stage\n\n"
        "He is confident the nuclear deal will be passed by the parliament\n\n"
        "Read the full transcript of his interview"
    )
    assert unmarked_runs(text, scan(text)) == []


@pytest.mark.model
def test_a_statement_owned_by_someone_is_theirs(nlp):
    text = 'Anne Berg\'s statement that "the border will stay closed for months" surprised everyone.'
    (quote,) = quotes(nlp, text, {"Anne Berg": "Anne Berg"})
    assert quote.speaker == "Anne Berg"


@pytest.mark.model
def test_a_place_glued_to_a_name_is_dropped_from_the_speaker(nlp):
    text = 'The envoy to Vienna Paul Dunn wrote that "the talks are going nowhere at all".'
    found = extract_quotes(
        next(iter(nlp.pipe([text]))),
        [
            EntityAnnotation(
                text.index("Vienna"), text.index(" wrote"), "Vienna Paul Dunn", "PERSON", "Vienna Paul Dunn"
            )
        ],
    )
    assert [q.speaker for q in found] == ["Paul Dunn"]


# --- speaker rules added for general constructions ---------------------------------------------------


@pytest.mark.model
def test_a_manner_verb_after_the_quote_is_a_cue(nlp):
    text = '"You cannot be serious about that plan," Ines Moro laughed.'
    (quote,) = quotes(nlp, text, {"Ines Moro": "Ines Moro"})
    assert quote.speaker == "Ines Moro"


@pytest.mark.model
def test_a_sentence_about_talking_introduces_the_quote_after_it(nlp):
    text = (
        "Ines Moro spoke to reporters outside the court.\n\n"
        '"The ruling is a victory for every tenant in this city. We expected nothing less."'
    )
    (quote,) = quotes(nlp, text, {"Ines Moro": "Ines Moro"})
    assert quote.speaker == "Ines Moro"


@pytest.mark.model
def test_a_persons_spokesman_is_not_that_person(nlp):
    text = (
        "Ines Moro stayed at home on Friday. Ines Moro was the focus of every paper. Moro did not comment. "
        'Ines Moro\'s spokesman said the report was "full of errors and wild guesses."'
    )
    (quote,) = quotes(nlp, text, {"Ines Moro": "Ines Moro", "Moro": "Ines Moro"})
    assert quote.speaker != "Ines Moro"
    assert quote.speaker is not None and "spokesman" in quote.speaker


@pytest.mark.model
def test_passive_description_in_a_document_is_the_documents(nlp):
    text = 'The governor was described as "vain, erratic and easily flattered" in the memo.'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "the memo"
    assert quote.kind == "document"


@pytest.mark.model
def test_a_name_before_a_colon_speaks(nlp):
    text = 'Ines Moro: "We will appeal the ruling as soon as the court reopens."'
    (quote,) = quotes(nlp, text, {"Ines Moro": "Ines Moro"})
    assert quote.speaker == "Ines Moro"
    assert quote.cue == ":"


@pytest.mark.model
def test_a_participle_after_a_reported_clause_belongs_to_the_reporter(nlp):
    text = (
        'Ines Moro said Paul Kern had acted "wisely and with real courage", '
        'adding that "he deserves the thanks of the whole town."'
    )
    found = quotes(nlp, text, {"Ines Moro": "Ines Moro", "Paul Kern": "Paul Kern"})
    assert [q.speaker for q in found] == ["Ines Moro", "Ines Moro"]


@pytest.mark.model
def test_a_name_in_apposition_to_a_role_is_the_speaker_when_unrecognised(nlp):
    text = 'The shadow secretary for transport, Ines Moro, said: "These trains are always late."'
    (quote,) = quotes(nlp, text)  # no entities: the recogniser missed the name
    assert quote.speaker == "Ines Moro"


@pytest.mark.model
def test_a_style_with_one_name_becomes_the_full_name(nlp):
    text = 'Sir Alwyn Garth opened the session. Later Sir Alwyn added: "The budget will be balanced next year."'
    names = {"Sir Alwyn Garth": "Alwyn Garth", "Sir Alwyn": "Sir Alwyn"}
    (quote,) = quotes(nlp, text, names)
    assert quote.speaker == "Alwyn Garth"


@pytest.mark.model
def test_a_cue_reporting_its_own_clause_does_not_take_the_quote_before(nlp):
    text = (
        'Ines Moro spoke on Monday. "We are still weighing a rise of ten percent." '
        "The radio reporter, Paul Kern, told listeners that a strong reaction was likely."
    )
    (quote,) = quotes(nlp, text, {"Ines Moro": "Ines Moro", "Paul Kern": "Paul Kern"})
    assert quote.speaker == "Ines Moro"


@pytest.mark.model
def test_an_unattributed_quote_in_an_article_about_cables_quotes_the_cable(nlp):
    text = (
        "The leaked cables were published on Sunday. Several cables dealt with the region.\n\n"
        'The governor is "vain, erratic and easily flattered by visitors."'
    )
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "the cable"
    assert quote.kind == "document"


@pytest.mark.model
def test_an_unattributed_quote_falls_back_on_the_last_speaker_nearby(nlp):
    text = (
        '"The dam will hold through the winter," Paul Kern said on Monday.\n\n'
        "Engineers inspected it again on Tuesday and found no new cracks in the wall.\n\n"
        'The repairs were "done properly and paid for twice over by the county."'
    )
    found = quotes(nlp, text, {"Paul Kern": "Paul Kern"})
    assert found[-1].speaker == "Paul Kern"


@pytest.mark.model
def test_what_a_study_found_is_the_studys(nlp):
    text = 'The agency had "far too much freedom to spend public money", the report found.'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "the report"


@pytest.mark.model
def test_what_documents_reveal_is_said_by_whoever_cites_them(nlp):
    text = 'The documents reveal "a pattern of deceit at the highest levels", campaigner Ines Moro declared.'
    (quote,) = quotes(nlp, text, {"Ines Moro": "Ines Moro"})
    assert quote.speaker == "Ines Moro"


@pytest.mark.model
def test_it_goes_on_with_the_publication_quoted_just_before(nlp):
    text = (
        "Norvik Radio built the first pocket receiver.\n\n"
        '"We only counted devices that fit in a coat pocket," said the magazine.\n\n'
        '"In the end, size mattered more than price," it concluded.'
    )
    found = quotes(nlp, text, organisations={"Norvik Radio": "Norvik Radio"})
    assert [q.speaker for q in found] == ["magazine", "magazine"]


@pytest.mark.model
def test_pronoun_resolves_to_a_spokeswoman_described_by_her_organisation(nlp):
    text = (
        "A Ministry of Transport spokeswoman confirmed Mr Olsen was still in post and that he would stay. "
        '"No date was ever set for his departure," she said.'
    )
    found = quotes(nlp, text, {"Mr Olsen": "Olsen"}, {"Ministry of Transport": "Ministry of Transport"})
    assert [q.speaker for q in found] == ["Ministry of Transport spokeswoman"]


@pytest.mark.model
def test_he_added_goes_back_past_a_person_his_own_sentence_only_mentions(nlp):
    text = (
        'Asked about Mr Brandt\'s post, Mr Keller told the radio it was a "non-story". '
        "He added that he had been open when he announced Mr Brandt's departure to the committee. "
        '"The real issue is whether we have a new chief executive," he added.'
    )
    names = {"Mr Brandt": "Brandt", "Mr Keller": "Keller"}
    assert [q.speaker for q in quotes(nlp, text, names)] == ["Keller", "Keller"]


@pytest.mark.model
def test_a_cue_ending_in_a_colon_speaks_the_words_after_it_not_before(nlp):
    text = (
        'Writer Tom Ridley, from Leeds, asked of the war: "Thousands died - how do you sleep at night?" '
        'On housing, teacher Ana Moreau said: "Where will everyone live?"'
    )
    names = {"Tom Ridley": "Tom Ridley", "Ana Moreau": "Ana Moreau"}
    assert [q.speaker for q in quotes(nlp, text, names)] == ["Tom Ridley", "Ana Moreau"]


@pytest.mark.model
def test_a_noun_with_scare_quoted_words_is_not_the_speaker_of_a_participle(nlp):
    text = (
        'The committee members published a critical report into the "failing" agency noting the chief '
        'executive "has now left".'
    )
    found = quotes(nlp, text)
    assert [q.text for q in found][-1] == "has now left"
    assert found[-1].speaker == "committee members"


@pytest.mark.model
def test_a_second_cue_joined_by_and_shares_the_subject_of_the_first(nlp):
    text = (
        "Also quoted was Karl Ostrow, director of the institute. He said, \u201cYou might have expected to learn "
        "about injustices\u201d and alleged that the week \u201cis only to do with hate\u201d."
    )
    found = quotes(nlp, text, {"Karl Ostrow": "Karl Ostrow"})
    assert [q.speaker for q in found] == ["Karl Ostrow", "Karl Ostrow"]


@pytest.mark.model
def test_with_a_noun_and_a_participle_the_noun_speaks(nlp):
    text = (
        "Students and staff have reacted angrily to the cuts with one unaffected lecturer privately telling "
        "the paper that academics are \u201clivid\u201d."
    )
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "unaffected lecturer"


@pytest.mark.model
def test_a_passive_clause_between_label_verb_and_quotation_is_not_the_cue(nlp):
    text = (
        "One lecturer, who is being made redundant, called the manner in which the staff were informed "
        "\u201cabsolutely shocking\u201d."
    )
    (quote,) = quotes(nlp, text)
    assert (quote.text, quote.cue, quote.kind) == ("absolutely shocking", "called", "person")
    assert quote.speaker == "lecturer"


@pytest.mark.model
def test_he_refers_to_a_name_after_its_title_as_the_previous_subject(nlp):
    text = (
        "Marta Quinn runs the department. Course Representative Tomas Varga said that the course is "
        "\u201cproving to be one of the worst decisions we could have made.\u201d He said there was anger: "
        "\u201cEverything we know is through word of mouth.\u201d"
    )
    names = {"Marta Quinn": "Marta Quinn", "Tomas Varga": "Tomas Varga"}
    assert [q.speaker for q in quotes(nlp, text, names)] == ["Tomas Varga", "Tomas Varga"]


@pytest.mark.model
def test_a_cue_tagged_as_a_plural_noun_after_an_apposition_still_attributes(nlp):
    text = (
        "Some students believe the system is unfair. \u201cEveryone always drops a few marks in exams,\u201d "
        "Navin Rao, a first year undergraduate mathematics student, states, \u201csome people will be ruled out.\u201d"
    )
    found = quotes(nlp, text, {"Navin Rao": "Navin Rao"})
    assert [(q.speaker, q.cue) for q in found] == [("Navin Rao", "states")]


@pytest.mark.model
def test_had_this_to_say_is_the_subjects_quotation(nlp):
    text = (
        "For those who think the site is a front, Morris had this to say:\n\n"
        '"Of course the documents reflect the official view - they are government communications."'
    )
    (quote,) = quotes(nlp, text, {"Morris": "Craig Morris"})
    assert quote.speaker == "Craig Morris"


@pytest.mark.model
def test_a_participle_used_as_an_adjective_is_not_a_cue(nlp):
    text = (
        "In the interview, Lena Ortiz explained to the inadequately informed editor that secretive groups "
        'need to be exposed: "If their behaviour is revealed, they have two choices."'
    )
    (quote,) = quotes(nlp, text, {"Lena Ortiz": "Lena Ortiz"})
    assert (quote.speaker, quote.cue) == ("Lena Ortiz", "explained")


@pytest.mark.model
def test_the_paper_is_the_newspaper_named_just_before(nlp):
    text = (
        "And the Madrid daily Diario Uno accuses English reporters of a witch-hunt against the coach. "
        '"Perhaps it was because their team had played so poorly," the paper says.'
    )
    (quote,) = quotes(nlp, text, organisations={"Diario Uno": "Diario Uno"})
    assert quote.speaker == "Diario Uno"


@pytest.mark.model
def test_a_sentence_opening_with_a_connective_is_not_the_attribution_of_the_quote_before(nlp):
    text = (
        '"He can go abroad one day and see how it is." But later on Saturday, according to the Daily Courier, '
        "Marc Olivier spoke to a smaller group of reporters."
    )
    (quote,) = quotes(nlp, text, {"Marc Olivier": "Marc Olivier"}, {"Daily Courier": "Daily Courier"})
    assert quote.speaker != "Daily Courier"


@pytest.mark.model
def test_one_quoted_as_saying_in_the_passive_speaks(nlp):
    text = '"I have no diplomatic relations with him," the club manager is quoted as saying.'
    (quote,) = quotes(nlp, text)
    assert (quote.speaker, quote.cue) == ("club manager", "quoted")


@pytest.mark.model
def test_a_phrase_quoted_mid_sentence_is_not_joined_to_the_quotation_a_colon_introduces(nlp):
    text = 'Reminded that Hale called him "a disgrace", Moreno added: "I don\'t respond to anything."'
    found = quotes(nlp, text, {"Hale": "Tom Hale", "Moreno": "Luis Moreno"})
    assert [(q.text, q.speaker) for q in found] == [
        ("a disgrace", "Tom Hale"),
        ("I don't respond to anything.", "Luis Moreno"),
    ]


@pytest.mark.model
def test_a_relative_clause_after_the_speaker_names_someone_else(nlp):
    text = (
        "Radio hired Joel Rossi and Jason Kingsley to present the show. Wes Butterfield is leaving.\n\n"
        '"So listeners will get both our music tastes," says Kingsley, 30, who describes outgoing host '
        'Butterfield as "an extremely professional broadcaster".'
    )
    names = {"Joel Rossi": "Joel Rossi", "Jason Kingsley": "Jason Kingsley", "Wes Butterfield": "Wes Butterfield"}
    names |= {"Butterfield": "Wes Butterfield"}
    found = quotes(nlp, text, names)
    assert [q.speaker for q in found] == ["Jason Kingsley", "Jason Kingsley"]


@pytest.mark.model
def test_he_as_the_previous_subject_goes_back_past_the_names_his_sentence_reports(nlp):
    text = (
        'Tony Wilmot stressed that the independent scene remained "as important" as in the 1980s. '
        "He pointed out that Franz Ferdinand and The White Stripes were signed to indies. "
        '"I think that is a reflection of how useful the indie philosophy is," he added.'
    )
    names = {"Tony Wilmot": "Tony Wilmot", "Franz Ferdinand": "Franz Ferdinand"}
    assert [q.speaker for q in quotes(nlp, text, names)] == ["Tony Wilmot", "Tony Wilmot"]


@pytest.mark.model
def test_a_cue_reporting_its_own_quoted_clause_after_a_full_stop_is_not_the_attribution_before(nlp):
    text = (
        '"We have a severe problem with piracy," said Peter Zombek. "We also have a problem of copying.\n\n'
        '"I don\'t agree that the industry lost control - the market is quite successful." He did, however, '
        'admit that copyright owners have "partly lost control of their copyright".'
    )
    found = quotes(nlp, text, {"Peter Zombek": "Peter Zombek"})
    assert [q.speaker for q in found] == ["Peter Zombek", "Peter Zombek"]
    assert found[-1].cue == "admit"


@pytest.mark.model
def test_the_firm_is_the_company_acting_just_before(nlp):
    text = (
        "Orvella said that it would merge a number of departments, adding that there may be job cuts.\n\n"
        '"The strong growth outlook for our generics arm will partially compensate," the firm said.'
    )
    found = quotes(nlp, text, organisations={"Orvella": "Orvella"})
    assert [q.speaker for q in found] == ["Orvella"]


@pytest.mark.model
def test_a_pronoun_anticipating_the_name_after_it_does_not_carry_the_antecedent_back(nlp):
    text = (
        'Mr Grover told a newspaper the plans were "a definite move onto our turf".\n\n'
        "Asked whether he was comfortable with the perception that both parties appeal to the same instincts, "
        'Mr Halden told the radio: "I reject that entirely". He said he found the policies "abhorrent".'
    )
    names = {"Mr Grover": "Grover", "Mr Halden": "Halden"}
    assert [q.speaker for q in quotes(nlp, text, names)] == ["Grover", "Halden", "Halden"]


@pytest.mark.model
def test_cables_detail_opening_a_sentence_makes_its_quoted_phrases_the_cables(nlp):
    text = (
        "The leaked cables, released by WikiLeaks, describe a close relationship between two prime ministers. "
        'Cables detail allegations of "lavish gifts," lucrative energy contracts and the use of a "shadowy" '
        "go-between."
    )
    found = quotes(nlp, text)
    assert [(q.text, q.speaker, q.kind) for q in found] == [
        ("lavish gifts", "the cable", "document"),
        ("shadowy", "the cable", "document"),
    ]


@pytest.mark.model
def test_a_cue_far_into_the_sentence_after_a_sentence_ending_quotation_is_not_its_attribution(nlp):
    text = (
        'One of the sayings of the teacher was "whoever believes should say good or stay quiet." The idea '
        "of free speech as something absolute is one that many would not agree with."
    )
    (quote,) = quotes(nlp, text)
    assert quote.cue != "agree"


@pytest.mark.model
def test_the_person_in_apposition_to_an_organisation_subject_speaks(nlp):
    text = (
        "Contoso's Technical Strategy & Innovation Chief of Operations, Michael Stepp, commented that "
        '"Imperial is a perfect fit for the programme and its global members."'
    )
    organisations = {"Contoso's Technical Strategy & Innovation": "Contoso"}
    (quote,) = quotes(nlp, text, {"Michael Stepp": "Michael Stepp"}, organisations)
    assert quote.speaker == "Michael Stepp"


@pytest.mark.model
def test_a_name_deep_inside_a_subject_phrase_is_no_antecedent(nlp):
    text = (
        "We are in a hotel in Tribeca, where Kirsten Waller lives.\n\n"
        "That the film had outstripped not only all of Jed Abelow's other films but every comedy in history "
        "puts Waller in the zone, although she chafes against this.\n\n"
        '"In most ways my life hasn\'t changed," she says.'
    )
    names = {"Kirsten Waller": "Kirsten Waller", "Waller": "Kirsten Waller", "Jed Abelow": "Jed Abelow"}
    (quote,) = quotes(nlp, text, names)
    assert quote.speaker == "Kirsten Waller"


@pytest.mark.model
def test_an_inverted_cue_takes_the_person_named_after_a_long_description(nlp):
    text = (
        'Wheelchair user Kevin Donal was asked about the plan. "Don\'t you care about the Inuit?", implored '
        "guitar-toting environmental campaigner Barry Linwood."
    )
    found = quotes(nlp, text, {"Kevin Donal": "Kevin Donal", "Barry Linwood": "Barry Linwood"})
    assert [(q.speaker, q.cue) for q in found] == [("Barry Linwood", "implored")]


@pytest.mark.model
def test_in_an_article_about_cables_an_anonymous_writer_is_not_the_cable(nlp):
    text = (
        "The leaked US embassy cables describe the censors at work. Some people still read about the cables "
        'abroad.\n\n"Reading about it, I want to say: the leaks rock!" one wrote on a microblog earlier this week.'
    )
    (quote,) = quotes(nlp, text)
    assert quote.speaker is None


@pytest.mark.model
def test_a_title_in_marks_is_not_the_first_half_of_a_split_quotation(nlp):
    text = (
        'A week after the release of the "Northern War Diaries", the payment firm Paybright suspended the '
        'account, stating that, "following recent publicity, we have terminated the business relationship".'
    )
    found = quotes(nlp, text, organisations={"Paybright": "Paybright"})
    assert [q.text for q in found] == ["following recent publicity, we have terminated the business relationship"]


@pytest.mark.model
def test_an_article_about_vince_cable_is_not_about_the_cables(nlp):
    text = (
        "Business Secretary Vince Cable spoke on science funding. Cable said research must be excellent.\n\n"
        'The minister backs "top class blue skies research, but not mediocre work paid for by taxpayers."'
    )
    (quote,) = quotes(nlp, text, {"Vince Cable": "Vince Cable", "Cable": "Vince Cable"})
    assert quote.speaker != "the cable"


@pytest.mark.model
def test_a_definite_description_as_antecedent_points_back_to_the_person_named(nlp):
    text = (
        "Piet Molenaar has been given a lifetime award. Mr Molenaar said the honour was a surprise. His new "
        "game puts players in charge of a movie studio. The veteran game maker says he has one problem still "
        "to solve. \"Being an absolute geek I've got no idea what I'm going to wear,\" he said."
    )
    (quote,) = quotes(nlp, text, {"Piet Molenaar": "Piet Molenaar", "Mr Molenaar": "Piet Molenaar"})
    assert quote.speaker == "Piet Molenaar"


@pytest.mark.model
def test_slogans_and_titles_shown_in_quotation_marks_are_not_quotations(nlp):
    text = (
        'The party has promised a cap with the slogan: "It\'s not unfair to impose limits on arrivals". '
        'A paper ran an article entitled "University hosts a week of lectures under a new guise". '
        'Mr Hollis said: "We will act."'
    )
    found = quotes(nlp, text, {"Mr Hollis": "Hollis"})
    assert [q.text for q in found] == ["We will act."]


@pytest.mark.model
def test_they_refers_to_the_group_acting_before_not_to_one_person(nlp):
    text = (
        "Sanjay Kumar met party leaders on Monday. Opposition members said the session would be stormy. "
        'They asserted that the "failure" of the government was plain to see.\n\n'
        'Police said a man had been arrested. "He was carrying a knife," they said.'
    )
    found = quotes(nlp, text, {"Sanjay Kumar": "Sanjay Kumar"})
    assert [q.speaker for q in found] == ["Opposition members", "Police"]


# --- bodies and the statements they issue ----------------------------------------------------------


def test_a_statement_from_a_named_body_is_the_bodys(nlp):
    text = 'A statement from Quillco Holdings said: "We are deeply saddened by the loss."'
    (quote,) = quotes(nlp, text, organisations={"Quillco Holdings": "Quillco Holdings"})
    assert quote.speaker == "Quillco Holdings"


def test_a_report_by_a_named_body_is_the_bodys(nlp):
    text = 'According to a report by the Varrow Trust, "detainees were routinely beaten".'
    (quote,) = quotes(nlp, text, organisations={"Varrow Trust": "Varrow Trust"})
    assert quote.speaker == "Varrow Trust"


def test_a_cable_from_an_embassy_stays_the_cable(nlp):
    text = (
        "WikiLeaks released the cables on Sunday. A cable from the Quillstan Embassy said the minister "
        'was "a weak and vain man".'
    )
    (quote,) = quotes(nlp, text, organisations={"Quillstan Embassy": "Quillstan Embassy"})
    assert quote.speaker == "the cable"


def test_the_agency_is_the_body_acting_just_before(nlp):
    text = 'The Varrow Space Agency announced the find on Thursday. "This is a major step," the agency said.'
    (quote,) = quotes(nlp, text, organisations={"Varrow Space Agency": "Varrow Space Agency"})
    assert quote.speaker == "Varrow Space Agency"


def test_the_ministry_is_only_a_body_named_as_a_ministry(nlp):
    text = 'Quillco Holdings said profits fell. "We expect a better year," the ministry said.'
    (quote,) = quotes(nlp, text, organisations={"Quillco Holdings": "Quillco Holdings"})
    assert quote.speaker != "Quillco Holdings"
    text = 'The Ministry of Varrow confirmed the deaths. "Our thoughts are with the families," the ministry said.'
    (quote,) = quotes(nlp, text, organisations={"Ministry of Varrow": "Ministry of Varrow"})
    assert quote.speaker == "Ministry of Varrow"


def test_he_never_stands_for_a_body(nlp):
    text = (
        "The Department of Quill Studies faces a gap of two million pounds. The department has already taken "
        "steps to cut costs. He questioned the Department's motives saying that the change sent the message to "
        'academics that "if you are an excellent teacher you have no reason to be here."'
    )
    found = quotes(nlp, text, organisations={"Department of Quill Studies": "Department of Quill Studies"})
    assert found[-1].speaker != "Department of Quill Studies"


def test_a_role_keeps_its_field(nlp):
    text = 'The head of news at the local station, who saw the quake, spoke to reporters, saying "the houses fell".'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "head of news"


def test_a_participle_hung_on_a_thing_is_the_acting_persons(nlp):
    text = (
        "Jon Varr spoke at the rally on Monday. The trouble started after a speech Varr gave at the rally, "
        'defending the new law, saying the protesters were "thugs and criminals".'
    )
    (quote,) = quotes(nlp, text, names={"Jon Varr": "Jon Varr", "Varr": "Jon Varr"})
    assert quote.speaker == "Jon Varr"


def test_a_statement_issued_by_a_body_is_the_bodys(nlp):
    text = (
        "The government of Varrow Island issued a statement agreeing with the court: "
        '"imposition by judicial fiat would fail to recognize our sovereignty." '
        'Their statement also read "imposition over our objections violates self-determination."'
    )
    found = quotes(nlp, text)
    assert [quote.speaker for quote in found] == ["government of Varrow Island"] * 2


def test_the_statement_said_is_the_one_issued_just_before(nlp):
    text = 'Quillco Holdings issued a statement on Tuesday. "We are deeply saddened by the loss," the statement said.'
    (quote,) = quotes(nlp, text, organisations={"Quillco Holdings": "Quillco Holdings"})
    assert quote.speaker == "Quillco Holdings"


def test_quoted_as_saying_after_a_first_verb_is_the_shared_subject(nlp):
    text = (
        'During his speech, Varr reaffirmed his position on fees and was quoted as saying he was the "silent majority."'
    )
    (quote,) = quotes(nlp, text, names={"Varr": "Jon Varr"})
    assert quote.speaker == "Jon Varr"


def test_the_one_met_in_a_participles_clause_is_not_he(nlp):
    text = (
        "Following speculation from the media, Quillstan premier Jon Varr has called an election for "
        "September. After meeting with Governor Ana Reyes to drop the writ, he made the announcement at the "
        'airport, stating the airport represents a "bridge to the north".'
    )
    (quote,) = quotes(nlp, text, names={"Jon Varr": "Jon Varr", "Ana Reyes": "Ana Reyes"})
    assert quote.speaker == "Jon Varr"


def test_it_said_after_a_quote_is_not_a_word_of_the_quote(nlp):
    text = (
        'WikiLeaks released the cables. The embassy titled the cable "Questioning the Work Ethic."\n\n'
        '"There are consistent reports that the minister resists the workload he carries," it said.'
    )
    found = quotes(nlp, text)
    assert found[-1].speaker == "the cable"


def test_according_to_after_a_quote_is_no_tag(nlp):
    text = 'General Jon Varr had told America that his force "would respond to an attack," according to leaked cables.'
    (quote,) = quotes(nlp, text, names={"Jon Varr": "Jon Varr"})
    assert quote.speaker == "Jon Varr"


def test_a_participle_after_a_quote_is_no_tag(nlp):
    text = 'Ana Reyes said she was "very excited", describing Jon Varr as "an artist I admire and respect".'
    found = quotes(nlp, text, names={"Ana Reyes": "Ana Reyes", "Jon Varr": "Jon Varr"})
    assert [quote.text for quote in found] == ["very excited", "an artist I admire and respect"]


def test_a_name_inside_the_quote_does_not_speak_it(nlp):
    text = (
        '"Varr undoubtedly believes that he has the ability to direct the foreign policy," '
        "the embassy observed in November."
    )
    (quote,) = quotes(nlp, text, names={"Varr": "Jon Varr"})
    assert quote.speaker != "Jon Varr"


def test_the_one_described_as_him_is_not_the_describer(nlp):
    text = (
        'Foreign Minister Jon Varr says he does not "give a damn" that the former US ambassador to '
        'Quillstan described him as a "control freak".'
    )
    found = quotes(nlp, text, names={"Jon Varr": "Jon Varr"})
    assert found[-1].speaker == "former US ambassador to Quillstan"


def test_a_name_described_as_something_does_not_say_it(nlp):
    text = (
        "WikiLeaks released the cables. The cable says he won't travel without his 38-year-old nurse, Ana Reyes, "
        'described as a "voluptuous blonde" with whom he may be having an affair.'
    )
    (quote,) = quotes(nlp, text, names={"Ana Reyes": "Ana Reyes"})
    assert quote.speaker == "the cable"


def test_portraying_or_referring_to_someone_as_a_phrase_quotes_it(nlp):
    text = 'The envoy Jon Varr portrayed the president as "paranoid and weak" in a cable sent in July.'
    (quote,) = quotes(nlp, text, names={"Jon Varr": "Jon Varr"})
    assert quote.speaker == "Jon Varr"
    text = 'Gulf leaders referred to Tehran as "evil" at the meeting.'
    assert [quote.text for quote in quotes(nlp, text)] == ["evil"]


def test_referring_to_a_phrase_only_mentions_it(nlp):
    text = 'To "route out" in the jargon of the group refers to a member who wishes to leave.'
    assert quotes(nlp, text) == []


def test_an_unattributed_phrase_in_a_cable_article_is_the_cables(nlp):
    text = (
        "WikiLeaks released the cables on Sunday. In the diplomats' account the relationship between the two "
        'leaders includes "lavish gifts" and lucrative energy contracts.'
    )
    (quote,) = quotes(nlp, text)
    assert (quote.text, quote.speaker) == ("lavish gifts", "the cable")


def test_irony_in_an_article_about_the_cables_is_no_quote(nlp):
    text = 'WikiLeaks released the cables on Sunday. Meanwhile the government went on with its "war on terror" at home.'
    assert quotes(nlp, text) == []


def test_an_unattributed_phrase_elsewhere_stays_a_scare_quote(nlp):
    text = 'The two leaders exchanged "lavish gifts" and lucrative energy contracts.'
    assert quotes(nlp, text) == []


def test_words_quoted_inside_the_subject_are_not_the_subjects(nlp):
    text = (
        "WikiLeaks released the cables on Sunday. One cable claims a "
        '"well-placed" contact said the action was political.'
    )
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "the cable"


def test_a_people_quoted_as_they_keep_their_plural(nlp):
    text = (
        "The cables show the complicated relationship the Americans have with the premier. "
        '"Scandals and family problems have taken a toll," they write.'
    )
    (quote,) = quotes(nlp, text, groups={"Americans": "American"})
    assert quote.speaker == "Americans"


def test_a_surname_without_its_particle_is_the_full_name(nlp):
    text = (
        "The Saudi ambassador, Adel al-Quraishi, recalled the meeting. "
        '"He told you to stop the programme," Quraishi was reported to have said.'
    )
    (quote,) = quotes(nlp, text, names={"Adel al-Quraishi": "Adel al-Quraishi", "Quraishi": "Quraishi"})
    assert quote.speaker == "Adel al-Quraishi"


def test_two_people_in_apposition_the_one_before_the_verb_asks(nlp):
    text = (
        "In a meeting Jan 22, 2008 with top US military official Admiral William J. Varr, General Qureshi asked "
        'Washington to provide "continuous drone coverage of the conflict area" in South Waziristan.'
    )
    (quote,) = quotes(nlp, text, names={"William J. Varr": "William J. Varr", "Qureshi": "Qureshi"})
    assert quote.speaker == "Qureshi"


def test_one_said_to_have_expressed_something_expressed_it(nlp):
    text = (
        "The army chief once talked about ousting President Jon Varr, who himself is said to have expressed "
        'concern the military might "take me out."'
    )
    (quote,) = quotes(nlp, text, names={"Jon Varr": "Jon Varr"})
    assert quote.speaker == "Jon Varr"


def test_a_headline_or_title_in_marks_is_no_quote(nlp):
    text = (
        'WikiLeaks released the cables. Headlined "a glimpse into the leader\'s eccentricities," the cable says '
        'he fears flying over water. "A foreign policy designed to deny the neighbours nothing" is the headline '
        "on one section of the cable."
    )
    assert quotes(nlp, text) == []


def test_a_statement_from_an_unrecognised_name_is_that_name(nlp):
    text = 'According to a statement from Varrowshire Constabulary: "Safety of the public was paramount."'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "Varrowshire Constabulary"


def test_a_spokeswoman_for_the_police_keeps_her_body(nlp):
    text = 'According to a spokeswoman for the police, "an explosive device of some kind was found."'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "spokeswoman for the police"


def test_the_statement_is_the_one_owned_just_before(nlp):
    text = (
        "Police alerted the agency, according to a Quillco statement. He was "
        '"immediately detained by officers and arrested without incident," according to the statement.'
    )
    found = quotes(nlp, text, organisations={"Quillco": "Quillco"})
    assert found[-1].speaker == "Quillco"


def test_a_news_release_speaks_for_its_owner(nlp):
    text = 'The Quillco news release said the patrols ended, "bringing to a close the four-year cleanup".'
    (quote,) = quotes(nlp, text, organisations={"Quillco": "Quillco"})
    assert quote.speaker == "Quillco"


def test_in_a_cable_article_the_report_and_the_embassy_speak_as_the_cable(nlp):
    text = (
        "WikiLeaks released the cables on Sunday. The report of the meeting sent to Washington said that the "
        'admiral "regretted that he did not have the assets". "The minister has the ability to lead," the '
        "embassy observed in November."
    )
    assert [quote.speaker for quote in quotes(nlp, text)] == ["the cable", "the cable"]


def test_elsewhere_a_report_stays_a_report(nlp):
    text = 'The report of the inquiry said that the council "failed the residents".'
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "the report"


def test_quoted_him_as_saying_is_his(nlp):
    text = 'Jon Varr spoke on Friday. "I have no knowledge of any such purchases," the agency quoted him as saying.'
    found = quotes(nlp, text, names={"Jon Varr": "Jon Varr"})
    assert found[-1].speaker == "Jon Varr"


def test_a_rank_abbreviated_before_the_name_does_not_end_the_speaker(nlp):
    text = '"They found the first box at the bottom," said Navy Capt. Terry Varr.'
    (quote,) = quotes(nlp, text, names={"Terry Varr": "Terry Varr"})
    assert quote.speaker == "Terry Varr"


def test_a_fear_told_in_a_clause_is_the_fearers(nlp):
    text = (
        "In the cable the vice president tells the prime minister that Jon Varr feared the army chief "
        'would "take him out."'
    )
    (quote,) = quotes(nlp, text, names={"Jon Varr": "Jon Varr"})
    assert quote.speaker == "Jon Varr"
    text = 'WikiLeaks released the cables. Varr fears heights and "must stay on the first floor of any building".'
    (quote,) = quotes(nlp, text, names={"Varr": "Jon Varr"})
    assert quote.speaker != "Jon Varr"


def test_a_foreign_governments_embassy_speaks_for_itself(nlp):
    text = (
        'WikiLeaks released the cables on Sunday. "It is unfortunate that the documents were published," '
        "Quillstan's Washington embassy said in a statement."
    )
    (quote,) = quotes(nlp, text)
    assert quote.speaker != "the cable"


def test_a_cue_capitalised_by_mistake_still_names_the_speaker(nlp):
    text = (
        'Some had left for safer ground. "It was spreading out really quickly and the planes came," Said '
        "Darren Varr as he evacuated his home."
    )
    (quote,) = quotes(nlp, text, names={"Darren Varr": "Darren Varr"})
    assert quote.speaker == "Darren Varr"


def test_it_may_be_a_country_speaking(nlp):
    text = (
        "The $2.7 billion-asset Quillridge did not provide details on the issue, though it said the "
        '"regulatory concerns could delay the merger" by a quarter.'
    )
    (quote,) = quotes(nlp, text, places={"Quillridge": "Quillstan"})
    assert quote.speaker == "Quillstan"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "Quillby said the agency is developing a new order that should be released "
            '"before long" for the companies to bid on.',
            "before long",
        ),
        ('Varr says evidence from branches around the country suggests there are "sizeable" gaps.', "sizeable"),
    ],
)
def test_a_few_words_in_the_clause_a_cue_reports_are_its_speakers(nlp, text, quoted):
    assert [q.text for q in quotes(nlp, text, {"Varr": "Ann Varr", "Quillby": "Tom Quillby"})] == [quoted]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'Dr Varr said groups dubbed "trailblazers" were most keen.',
        'Ms Varr said claims that "offshoring" was to blame were wrong.',
    ],
)
def test_a_lone_term_in_a_reported_clause_is_no_quotation(nlp, text):
    assert quotes(nlp, text, {"Varr": "Ann Varr"}) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Two neighbours also sharply criticised the rule change, with Foreign Minister Tariq Varr "
        'warning of "grave harm".',
        "The only two northern states to have signed trade pacts with Zembla - Varria and Quillonia - also "
        "sharply criticised the new tariff, with Varrian Trade Minister Tariq Varr warning of "
        '"grave harm".',
    ],
)
def test_a_participle_the_tagger_took_for_a_noun_is_still_the_cue_of_its_subject(nlp, text):
    (quote,) = quotes(nlp, text, {"Tariq Varr": "Tariq Varr"})
    assert quote.speaker == "Tariq Varr"


@pytest.mark.model
def test_words_a_thing_suggests_in_someones_report_are_the_reporters(nlp):
    text = 'Tom Varr wrote to the board. He says evidence from local branches suggests there are "sizeable" gaps.'
    (quote,) = quotes(nlp, text, {"Tom Varr": "Tom Varr"})
    assert quote.speaker == "Tom Varr"


@pytest.mark.model
def test_it_is_the_body_the_sentence_before_is_about_when_named_after_the_last_source(nlp):
    text = (
        'The Quill Party said the minister would have to fill a "funding gap" in the budget.\n\n'
        "In January the Varrow Institute said taxes would have to rise. "
        'It also said the government might miss its "fiscal target" this year.'
    )
    found = quotes(nlp, text, organisations={"Quill Party": "Quill Party", "Varrow Institute": "Varrow Institute"})
    assert [q.speaker for q in found] == ["Quill Party", "Varrow Institute"]


@pytest.mark.model
def test_a_capital_speaking_for_its_government_is_named_as_the_country(nlp):
    text = 'The talks stalled this week. Nairobi described the envoy as a "petulant youth" and left.'
    (quote,) = quotes(nlp, text, places={"Nairobi": "Nairobi"})
    assert quote.speaker == "Kenya"


@pytest.mark.model
def test_a_city_that_is_no_capital_speaks_as_itself(nlp):
    text = 'The talks stalled this week. Varrowtown described the envoy as a "petulant youth" and left.'
    (quote,) = quotes(nlp, text, places={"Varrowtown": "Varrowtown"})
    assert quote.speaker == "Varrowtown"


@pytest.mark.model
def test_they_after_members_named_by_an_acronym_are_those_members(nlp):
    text = (
        "The report accepted that many experts doubted the plan. The scheme risked the system, MPs said. "
        'Instead they called for "bolder outreach" to boost interest.'
    )
    (quote,) = quotes(nlp, text)
    assert quote.speaker == "MPs"


@pytest.mark.model
def test_words_labelled_in_the_passive_are_of_whoever_says_so_after_them(nlp):
    text = 'Cash incentives were likely to be seen as "stunts" and risked the system, Tom Varr said.'
    (quote,) = quotes(nlp, text, {"Tom Varr": "Tom Varr"})
    assert quote.speaker == "Tom Varr"


@pytest.mark.model
def test_words_labelled_by_someone_who_then_speaks_are_not_given_to_the_labelled_thing(nlp):
    text = 'The posters were labelled a "big misjudgement" by the Quill Party who said the shot had backfired.'
    (quote,) = quotes(nlp, text, organisations={"Quill Party": "Quill Party"})
    assert quote.speaker in (None, "Quill Party")


@pytest.mark.model
def test_a_role_with_a_nationality_is_someone_of_their_own_not_the_last_person_named(nlp):
    text = (
        "Ann Varr said the leaks were an attack on the country. And they do not amount to what the Zemblan "
        'foreign minister called the "Waterloo of world diplomacy."'
    )
    (quote,) = quotes(nlp, text, {"Ann Varr": "Ann Varr"}, groups={"Zemblan": "Zemblan"})
    assert quote.speaker == "Zemblan foreign minister"


@pytest.mark.model
def test_an_epithet_with_a_nationality_is_still_the_person_just_reported(nlp):
    text = (
        "Team member Ann Varr said the team would understand. "
        '"It would be great to have her back with us," said the Zemblan sprint champion.'
    )
    (quote,) = quotes(nlp, text, {"Ann Varr": "Ann Varr"}, groups={"Zemblan": "Zemblan"})
    assert quote.speaker == "Ann Varr"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            'Mr Varr accused his fellow members of "sitting on their hands" for months.',
            "sitting on their hands",
        ),
        ('Tom Varr has said sorry. He has apologised for "an honest slip" over the visa.', "an honest slip"),
    ],
)
def test_words_someone_accuses_others_of_or_apologises_for_are_theirs(nlp, text, quoted):
    (quote,) = quotes(nlp, text, {"Varr": "Tom Varr", "Tom Varr": "Tom Varr"})
    assert (quote.text, quote.speaker) == (quoted, "Tom Varr")


@pytest.mark.model
def test_the_national_epithet_of_a_person_just_named_is_that_person(nlp):
    text = (
        "Quillby manager David Varr was angry. The Scot defended his striker. But he has had a rethink. "
        'He said: "I was wrong."'
    )
    (quote,) = quotes(nlp, text, {"David Varr": "David Varr"})
    assert quote.speaker == "David Varr"


@pytest.mark.model
def test_a_persons_own_message_speaks_for_them(nlp):
    text = '"The tide took her," Varr\'s message read. "She held on to the rail."'
    (quote,) = quotes(nlp, text, {"Varr": "Tom Varr"})
    assert quote.speaker == "Tom Varr" and len(quote.spans) == 2


@pytest.mark.model
def test_a_boss_quoted_as_saying_after_speaking_to_reporters_is_the_one_who_spoke(nlp):
    text = (
        "Varr spoke to a smaller group of reporters on Friday. "
        '"I have no relations with him," the Quillby boss is quoted as saying. "What I dislike is the lying."'
    )
    (quote,) = quotes(nlp, text, {"Varr": "Tom Varr"})
    assert quote.speaker == "Tom Varr" and len(quote.spans) == 2


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Party leader Charles Varr says the plan is a mistake and attacks the Quill Party\'s "heavy-handed" '
            "response to the threat.",
            "Charles Varr",
        ),
        ('The Quill Party criticised "lavish" Tory pledges on tax.', "Quill Party"),
    ],
)
def test_a_quoted_word_judging_a_response_is_the_judges(nlp, text, speaker):
    (quote,) = quotes(nlp, text, {"Charles Varr": "Charles Varr"}, organisations={"Quill Party": "Quill Party"})
    assert quote.speaker == speaker


@pytest.mark.model
def test_a_programme_named_report_is_not_the_report_quoted(nlp):
    text = (
        "The Quill Institute report said growth would slow. The figures were given to Radio Quillby's Morning Money "
        'Report. However, the report warned: "Risks remain."'
    )
    (quote,) = quotes(nlp, text, organisations={"Quill Institute": "Quill Institute", "Radio Quillby": "Radio Quillby"})
    assert quote.speaker == "Quill Institute"


@pytest.mark.model
def test_words_someone_is_accused_of_with_no_accuser_are_no_quotation(nlp):
    text = "Scientists can no longer be accused of taking refuge in their \u2018gilded cages\u2019 and refusing debate."
    assert quotes(nlp, text) == []


@pytest.mark.model
def test_a_question_after_another_attribution_sentence_is_a_quotation_of_its_own(nlp):
    text = (
        'Tom Varr told reporters: "We want people to hum the tunes." The band had a question they asked '
        'themselves every time they wrote a song, Varr said. "Where\'s the fun in that?" they pondered.'
    )
    assert len(quotes(nlp, text, {"Tom Varr": "Tom Varr", "Varr": "Tom Varr"})) == 2


@pytest.mark.model
def test_he_after_a_national_epithet_is_the_person_the_epithet_stands_for(nlp):
    text = (
        "Quillby manager Tom Varr will discipline striker Ed Quill after his foul on defender Bo Zemm. "
        "The Scot initially defended Quill, saying Zemm overreacted. But he has had a rethink. "
        'He said: "I was wrong about the foul."'
    )
    people = {
        "Tom Varr": "Tom Varr",
        "Ed Quill": "Ed Quill",
        "Bo Zemm": "Bo Zemm",
        "Quill": "Ed Quill",
        "Zemm": "Bo Zemm",
    }
    (quote,) = quotes(nlp, text, people, groups={"Scot": "Scottish"})
    assert quote.speaker == "Tom Varr"


@pytest.mark.model
@pytest.mark.parametrize(
    ("introduced", "pronoun", "expected"),
    [
        ("Prime Minister Tom Varr", "She", "home secretary"),  # a title before the name
        ("Tom Varr, the prime minister,", "He", "home secretary"),  # an office in apposition
        ("Home Secretary Ann Quill", "She", "Ann Quill"),  # the same office: the same person
    ],
)
def test_a_description_by_office_is_not_someone_holding_another_office(nlp, introduced, pronoun, expected):
    text = (
        f"{introduced} said the plan would go ahead. The home secretary admitted the figures were wrong on "
        f'Tuesday. {pronoun} has apologised for "a genuine mistake" and said it would not happen again.'
    )
    (quote,) = quotes(nlp, text, {"Tom Varr": "Tom Varr", "Ann Quill": "Ann Quill"})
    assert quote.speaker == expected


@pytest.mark.model
def test_an_office_reported_after_someone_of_another_office_is_that_office(nlp):
    text = (
        "Prime Minister Tom Varr said the plan would go ahead. "
        'The home secretary said the figures were "a genuine mistake" on Tuesday.'
    )
    (quote,) = quotes(nlp, text, {"Tom Varr": "Tom Varr"})
    assert quote.speaker == "home secretary"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted", "expected"),
    [
        ('The ministry rejected these claims as "patently false" on Monday.', "patently false", "ministry"),
        ('Analyst Tom Varr sees the console\'s lineup as its "weakest link" for now.', "weakest link", "Tom Varr"),
    ],
)
def test_a_verb_that_labels_something_as_quoted_words_gives_them_to_its_subject(nlp, text, quoted, expected):
    (quote,) = quotes(nlp, text, {"Tom Varr": "Tom Varr"})
    assert (quote.text, quote.speaker) == (quoted, expected)


@pytest.mark.model
def test_a_name_given_in_the_passive_by_no_one_is_a_term_not_a_quotation(nlp):
    text = 'The condition is called "quill lung". On farms it is what\'s called "hay lung," a rarer form.'
    assert quotes(nlp, text) == []


@pytest.mark.model
def test_a_nationality_before_a_body_describes_it_and_does_not_speak(nlp):
    text = 'The Russian and Syrian defence ministries accused the rebels of controlling "bandit gangs" in the camp.'
    (quote,) = quotes(nlp, text, groups={"Russian": "Russian", "Syrian": "Syrian"})
    assert quote.speaker == "Russian and Syrian defence ministries"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "\"He could have had a bigger career,\" Tom Varr, Ann's husband and the firm's editor, said, "
        '"if he had written faster."',
        '"This is how outbreaks begin," Dr. Tom Varr, a member of the group, told Zembla News. '
        '"It is not just the camps that are at risk."',
    ],
)
def test_a_quotation_split_by_an_attribution_with_an_apposition_is_one_quotation(nlp, text):
    (quote,) = quotes(nlp, text, {"Tom Varr": "Tom Varr"})
    assert quote.speaker == "Tom Varr" and len(quote.spans) == 2


@pytest.mark.model
def test_a_name_in_a_clause_about_the_subjects_phrase_does_not_speak(nlp):
    text = 'One user on Zorbo, which is essentially the site Tom Varr built, posted: "I just want to know."'
    (quote,) = quotes(nlp, text, {"Tom Varr": "Tom Varr"})
    assert quote.speaker == "user"


@pytest.mark.model
def test_it_in_what_a_body_says_is_that_body(nlp):
    text = 'Zembla\'s foreign ministry said it viewed the move as "another step backwards" for the talks.'
    (quote,) = quotes(nlp, text, places={"Zembla": "Zembla"})
    assert quote.speaker == "Zembla's foreign ministry"


@pytest.mark.model
def test_words_seen_as_something_in_a_persons_report_are_that_persons(nlp):
    (quote,) = quotes(nlp, 'Jo Varr said the offer was seen as "a joke".', {"Jo Varr": "Jo Varr"})
    assert quote.speaker == "Jo Varr"


@pytest.mark.model
def test_a_description_after_paragraphs_of_someones_words_is_that_someone(nlp):
    text = (
        "On Tom Quill, the soldier accused of leaking the files, Jon Varr says:\n\n"
        '"I had never heard his name before it was published in the press."\n\n'
        "He argues that the state is trying to use Quill to build a case against the site's founder:\n\n"
        '"Breaking Tom Quill is the first step," says the Zemblan hacker. "The aim is to break him."'
    )
    found = quotes(
        nlp,
        text,
        {"Tom Quill": "Tom Quill", "Quill": "Tom Quill", "Jon Varr": "Jon Varr"},
        groups={"Zemblan": "Zemblan"},
    )
    assert [quote.speaker for quote in found] == ["Jon Varr", "Jon Varr"]


@pytest.mark.model
def test_someones_source_is_not_that_someone(nlp):
    text = (
        "A reporter, Tom Varr, spoke to a refugee in the camp. Varr's source inside the camp said the guards "
        'had left. "Nobody is coming to help us," the source said.'
    )
    (quote,) = quotes(nlp, text, {"Tom Varr": "Tom Varr", "Varr": "Tom Varr"})
    assert quote.speaker == "source"


@pytest.mark.model
def test_a_heading_repeating_attributed_words_is_theirs_not_the_last_speakers(nlp):
    text = (
        '"We have seen nothing like it," said Tom Varr, a doctor at the clinic.\n\n'
        '"Stop the evacuation of the civilians from the camp"\n\n'
        "The two ministries said in a joint statement that the rebels were trying to "
        '"stop the evacuation of the civilians from the camp".'
    )
    found = quotes(nlp, text, {"Tom Varr": "Tom Varr"})
    assert [quote.speaker for quote in found] == ["Tom Varr", "ministries", "ministries"]


@pytest.mark.model
def test_as_someone_put_it_attributes_the_quotation_not_the_next_sentences_cue(nlp):
    text = (
        "Tom Quill wrote many novels. As Jo Varr put it, "
        '"Had he taken the other road, he would be famous." Quill wrote about that once.'
    )
    (quote,) = quotes(nlp, text, {"Tom Quill": "Tom Quill", "Quill": "Tom Quill", "Jo Varr": "Jo Varr"})
    assert quote.speaker == "Jo Varr"


@pytest.mark.model
def test_a_sentence_after_a_reporting_verb_and_a_colon_is_quoted_when_the_marks_were_lost(nlp):
    text = (
        "Opening line.\n\nThe cables were published this week. The Zemblan Post noted: The close ties between the "
        "two leaders are causing intense suspicion in the capital. Cables detail the gifts.\n\n"
        "Varr Quill: The Making of a Star will feature prints, caricatures and paintings from the collection."
    )
    (quote,) = quotes(nlp, text, organisations={"Zemblan Post": "Zemblan Post"})
    assert quote.speaker == "Zemblan Post"
    assert quote.text.startswith("The close ties") and quote.text.endswith("capital.")
