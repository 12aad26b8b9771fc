"""Entity post-processing: canonical names, rejoined names, linked surnames, one label per name."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from articles.nlp import entities
from articles.nlp.entities import canonical_name, entity_canonicalizer, extract_entities, strip_titles


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def tagged(blank, text: str, *marks: tuple[str, str]) -> Doc:
    """A doc whose `doc.ents` are the given (surface, label) pairs, found left to right: NER as a stub."""
    doc = blank(text)
    spans, search_from = [], 0
    for surface, label in marks:
        start = text.index(surface, search_from)
        search_from = start + len(surface)
        span = doc.char_span(start, search_from, label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def found(doc: Doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.label, e.canonical) for e in extract_entities(doc)]


def names(doc: Doc) -> set[tuple[str, str]]:
    return {(e.label, e.canonical) for e in extract_entities(doc)}


# ---------------------------------------------------------------- canonical names (no model)


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Gen Tariq Mahmood Qureshi", "Tariq Mahmood Qureshi"),
        ("Lt Gen Tariq Qureshi", "Tariq Qureshi"),
        ("President Maria Lindqvist", "Maria Lindqvist"),
        ("Prime Minister Olav Berg", "Olav Berg"),
        ("Secretary of State Ann Whitfield", "Ann Whitfield"),
        ("Ambassador Ken Ota", "Ken Ota"),
        ("Mr. Ota", "Ota"),
        ("Dr Helen Marsh", "Helen Marsh"),
        ("Berg's", "Berg"),
        ("Ota’s", "Ota"),
        ("Davis'", "Davis"),
        ("Rana (Imran Ali) Sheikh", "Rana Imran Ali Sheikh"),
        ("Swedish Ambassador Ken Ota", "Ken Ota"),
        ("Sir Alan Pryce", "Alan Pryce"),
        ("Prince Osric", "Prince Osric"),
        ("Queen Maren", "Queen Maren"),
    ],
)
def test_canonical_name_strips_titles_and_possessives(surface: str, expected: str) -> None:
    assert canonical_name(surface, "PERSON") == expected


def test_strip_titles_keeps_a_name_that_is_only_a_title_word() -> None:
    assert strip_titles("King") == "King"
    assert strip_titles("President") == "President"


def test_strip_titles_leaves_a_title_word_inside_a_name() -> None:
    assert strip_titles("Martin Luther King") == "Martin Luther King"


def test_titles_are_not_stripped_from_organisations() -> None:
    assert canonical_name("General Dynamics", "ORG") == "General Dynamics"


@pytest.mark.parametrize("surface", ["US", "U.S.", "USA", "America", "the United States", "The United States"])
def test_canonical_name_unifies_united_states_aliases(surface: str) -> None:
    assert canonical_name(surface, "GPE") == "United States"


@pytest.mark.parametrize("surface", ["UK", "U.K.", "United Kingdom"])
def test_canonical_name_unifies_united_kingdom_aliases(surface: str) -> None:
    assert canonical_name(surface, "GPE") == "United Kingdom"


def test_britain_keeps_its_written_name() -> None:
    # gold convention (tests/gold/cables): "Britain" and "United Kingdom" are named as written
    assert canonical_name("Britain", "GPE") == "Britain"


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Kenyans", "Kenyan"),
        ("Somalis", "Somali"),
        ("Israelis", "Israeli"),
        ("Muslims", "Muslim"),
        ("Swiss", "Swiss"),
        ("Chinese", "Chinese"),
        ("Kenyan", "Kenyan"),
    ],
)
def test_canonical_name_gives_demonyms_in_the_singular(surface: str, expected: str) -> None:
    assert canonical_name(surface, "NORP") == expected


# ---------------------------------------------------------------- document rules (NER stubbed)


def test_split_person_spans_are_rejoined_and_the_title_stripped(blank) -> None:
    doc = tagged(
        blank,
        "The army chief Gen Tariq Mahmood Qureshi spoke. Qureshi left.",
        ("Gen Tariq", "PERSON"),
        ("Mahmood Qureshi", "PERSON"),
        ("Qureshi", "PERSON"),
    )
    assert found(doc) == [
        ("Gen Tariq Mahmood Qureshi", "PERSON", "Tariq Mahmood Qureshi"),
        ("Qureshi", "PERSON", "Tariq Mahmood Qureshi"),
    ]


def test_team_and_role_abbreviation_before_a_name_are_not_the_name(blank) -> None:
    doc = tagged(
        blank,
        "Hawks DL Sam Okoro Reyes was fined. Reyes said sorry.",
        ("Hawks DL Sam Okoro Reyes", "PERSON"),
        ("Reyes", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Sam Okoro Reyes")}


def test_name_split_by_brackets_is_rejoined(blank) -> None:
    doc = tagged(
        blank, "He called President (Imran Ali) Sheikh at once.", ("Imran Ali", "PERSON"), ("Sheikh", "PERSON")
    )
    assert names(doc) == {("PERSON", "Imran Ali Sheikh")}


def test_persons_separated_by_punctuation_are_not_joined(blank) -> None:
    doc = tagged(blank, "They met Ken Ota, Helen Marsh and others.", ("Ken Ota", "PERSON"), ("Helen Marsh", "PERSON"))
    assert names(doc) == {("PERSON", "Ken Ota"), ("PERSON", "Helen Marsh")}


def test_persons_on_separate_lines_are_not_joined(blank) -> None:
    doc = tagged(blank, "Ken Ota\nHelen Marsh spoke.", ("Ken Ota", "PERSON"), ("Helen Marsh", "PERSON"))
    assert names(doc) == {("PERSON", "Ken Ota"), ("PERSON", "Helen Marsh")}


def test_surname_mislabelled_as_organisation_is_linked_to_the_full_name(blank) -> None:
    doc = tagged(
        blank,
        "Gen Dana Whitcombe visited. Later Whitcombe said more.",
        ("Dana Whitcombe", "PERSON"),
        ("Whitcombe", "ORG"),
    )
    assert found(doc)[-1] == ("Whitcombe", "PERSON", "Dana Whitcombe")


def test_surname_before_the_full_name_is_linked_too(blank) -> None:
    doc = tagged(
        blank,
        "Whitcombe spoke first; Dana Whitcombe is a general.",
        ("Whitcombe", "PERSON"),
        ("Dana Whitcombe", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Dana Whitcombe")}


def test_given_name_alone_is_linked_to_the_full_name(blank) -> None:
    doc = tagged(blank, "Leila Haddad won. Leila was pleased.", ("Leila Haddad", "PERSON"), ("Leila", "PERSON"))
    assert names(doc) == {("PERSON", "Leila Haddad")}


@pytest.mark.parametrize(
    ("text", "full", "styled"),
    [
        ("Sir Tobin Quillby opened it. Sir Tobin said so.", "Sir Tobin Quillby", "Sir Tobin"),
        ("Dame Elspeth Varr sang. Dame Elspeth bowed.", "Dame Elspeth Varr", "Dame Elspeth"),
        ("Margit Quillby spoke. Lady Quillby said no.", "Margit Quillby", "Lady Quillby"),
    ],
)
def test_a_knight_by_given_name_and_a_peer_by_surname_are_the_full_name(blank, text, full, styled) -> None:
    doc = tagged(blank, text, (full, "PERSON"), (styled, "PERSON"))
    assert names(doc) == {("PERSON", strip_titles(full))}


def test_a_knight_by_a_given_name_no_one_else_has_stays_apart(blank) -> None:
    doc = tagged(blank, "Tobin Quillby spoke. Sir Alun said no.", ("Tobin Quillby", "PERSON"), ("Sir Alun", "PERSON"))
    assert names(doc) == {("PERSON", "Tobin Quillby"), ("PERSON", "Sir Alun")}


def test_shared_surname_goes_to_the_nearest_preceding_full_name(blank) -> None:
    doc = tagged(
        blank,
        "Tom Reyes and Ana Reyes came. Ana Reyes spoke first. Then Reyes left.",
        ("Tom Reyes", "PERSON"),
        ("Ana Reyes", "PERSON"),
        ("Ana Reyes", "PERSON"),
        ("Reyes", "PERSON"),
    )
    assert found(doc)[-1][2] == "Ana Reyes"


def test_surname_after_a_place_preposition_stays_a_place(blank) -> None:
    doc = tagged(
        blank,
        "Maria Lindqvist flew to Lindqvist yesterday.",
        ("Maria Lindqvist", "PERSON"),
        ("Lindqvist", "GPE"),
    )
    assert ("GPE", "Lindqvist") in names(doc)


def test_one_label_per_name_follows_the_majority(blank) -> None:
    doc = tagged(
        blank,
        "Veltrix grew. Veltrix hired. Veltrix sold.",
        ("Veltrix", "ORG"),
        ("Veltrix", "GPE"),
        ("Veltrix", "ORG"),
    )
    assert {e.label for e in extract_entities(doc)} == {"ORG"}


def test_country_aliases_become_one_gpe(blank) -> None:
    doc = tagged(
        blank,
        "The US said so. America agreed, and the United States signed.",
        ("US", "ORG"),
        ("America", "GPE"),
        ("the United States", "GPE"),
    )
    assert names(doc) == {("GPE", "United States")}


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("The US said so. US troops left, the US government said.", "US", "US"),
        ("The U.S. said so, and the U.S. agreed.", "U.S.", "U.S."),
        ("America said so. America's envoy agreed.", "America", "America"),
        ("The UK said so. The UK agreed.", "UK", "UK"),
    ],
)
def test_a_country_named_one_way_keeps_the_name_the_text_gives(blank, text, country, expected) -> None:
    doc = tagged(blank, text, *[(country, "GPE")] * text.count(country))
    assert names(doc) == {("GPE", expected)}


def test_a_country_named_the_standard_way_once_is_named_so_throughout(blank) -> None:
    doc = tagged(blank, "The US said so. The United States agreed.", ("US", "GPE"), ("The United States", "GPE"))
    assert names(doc) == {("GPE", "United States")}


def test_demonym_and_country_are_kept_apart(blank) -> None:
    doc = tagged(
        blank,
        "Kenyan troops left Kenya. The Kenyans agreed.",
        ("Kenyan", "NORP"),
        ("Kenya", "GPE"),
        ("Kenyans", "NORP"),
    )
    assert names(doc) == {("NORP", "Kenyan"), ("GPE", "Kenya")}


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("Tensions rose post-9/11 in the region.", "post-9/11", "PERSON"),
        ("Subscribe now for full access.", "Subscribe", "ORG"),
        ("The room held 2010 people.", "2010", "ORG"),
        ("It was x here.", "x", "PERSON"),
        ("the regional office said.", "regional office", "ORG"),
        ("Write to tips@example.org today.", "example", "ORG"),
        ("Read www.example.com/Holloway today.", "Holloway", "PERSON"),
    ],
)
def test_obvious_non_entities_are_dropped(blank, text: str, surface: str, label: str) -> None:
    doc = blank(text)
    start = text.index(surface)
    doc.ents = [doc.char_span(start, start + len(surface), label=label, alignment_mode="expand")]
    assert extract_entities(doc) == []


def test_organisation_cut_out_of_a_job_title_is_dropped(blank) -> None:
    doc = tagged(
        blank,
        "The Freedonian Foreign Affairs Minister Olav Berg called. Freedonian officials agreed.",
        ("Freedonian Foreign", "ORG"),
        ("Olav Berg", "PERSON"),
        ("Freedonian", "NORP"),
    )
    assert names(doc) == {("NORP", "Freedonian"), ("PERSON", "Olav Berg")}


def test_organisation_before_a_title_is_kept(blank) -> None:
    doc = tagged(blank, "Veltrix President Ana Reyes spoke.", ("Veltrix", "ORG"), ("Ana Reyes", "PERSON"))
    assert names(doc) == {("ORG", "Veltrix"), ("PERSON", "Ana Reyes")}


def test_ministry_words_before_a_title_are_no_organisation(blank) -> None:
    doc = tagged(
        blank,
        "The Freedonian Home Affairs Minister Olav Berg called.",
        ("Freedonian Home Affairs", "ORG"),
        ("Olav Berg", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Olav Berg")}


def test_name_after_a_personal_title_is_a_person_whatever_the_model_said(blank) -> None:
    doc = tagged(
        blank,
        "Ambassador Amina Yusuf said so. Yusuf left.",
        ("Amina Yusuf", "ORG"),
        ("Yusuf", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Amina Yusuf")}


def test_full_name_mislabelled_everywhere_is_a_person_when_its_surname_is_one(blank) -> None:
    doc = tagged(
        blank,
        "Amina Yusuf heard of it. Amina Yusuf called. Yusuf said she was glad.",
        ("Amina Yusuf", "ORG"),
        ("Amina Yusuf", "ORG"),
        ("Yusuf", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Amina Yusuf")}


def test_demonym_is_not_taken_for_a_surname(blank) -> None:
    doc = tagged(
        blank,
        "Olav Freedonian met Ana Reyes. Freedonian troops left.",
        ("Olav Freedonian", "PERSON"),
        ("Ana Reyes", "PERSON"),
        ("Freedonian", "NORP"),
    )
    assert ("NORP", "Freedonian") in names(doc)


def test_lowercase_words_and_captions_are_trimmed_from_a_name(blank) -> None:
    doc = tagged(
        blank,
        "The independent candidate Ana Reyes won. Ana Reyes Image: file.",
        ("independent candidate Ana Reyes", "PERSON"),
        ("Ana Reyes Image", "PERSON"),
    )
    assert found(doc) == [("Ana Reyes", "PERSON", "Ana Reyes"), ("Ana Reyes", "PERSON", "Ana Reyes")]


def test_possessive_owner_is_cut_from_a_person(blank) -> None:
    doc = tagged(blank, "Labour's Ana Reyes spoke.", ("Labour's Ana Reyes", "PERSON"))
    assert names(doc) == {("PERSON", "Ana Reyes")}


def test_hyphenated_given_name_cut_by_the_model_is_completed(blank) -> None:
    doc = tagged(blank, "Lam Wai-kit won the seat.", ("Lam Wai", "PERSON"))
    assert found(doc) == [("Lam Wai-kit", "PERSON", "Lam Wai-kit")]


def test_post_nominal_letters_are_not_an_organisation(blank) -> None:
    doc = tagged(blank, "Counsel Ana Reyes, QC, objected.", ("Ana Reyes", "PERSON"), ("QC", "ORG"))
    assert names(doc) == {("PERSON", "Ana Reyes")}


def test_acronym_is_linked_to_the_organisation_it_abbreviates(blank) -> None:
    doc = tagged(
        blank,
        "The Northern Farmers Union met. The NFU said no.",
        ("Northern Farmers Union", "ORG"),
        ("NFU", "ORG"),
    )
    assert names(doc) == {("ORG", "Northern Farmers Union")}


def test_other_entity_labels_are_kept_untouched(blank) -> None:
    doc = tagged(blank, "Ken Ota arrived on Monday.", ("Ken Ota", "PERSON"), ("Monday", "DATE"))
    entity_canonicalizer(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ken Ota", "PERSON"), ("Monday", "DATE")]


def test_canonical_name_is_stored_as_the_span_id(blank) -> None:
    doc = tagged(blank, "Gen Ken Ota arrived.", ("Gen Ken Ota", "PERSON"))
    entity_canonicalizer(doc)
    assert [e.id_ for e in doc.ents] == ["Ken Ota"]


def test_curated_span_keeps_its_canonical_and_label(blank) -> None:
    doc = blank("The Chief spoke. Ken Ota listened.")
    doc.ents = [
        Span(doc, 1, 2, label="PERSON", span_id="Ana Reyes"),
        Span(doc, 4, 6, label="PERSON"),
    ]
    assert names(doc) == {("PERSON", "Ana Reyes"), ("PERSON", "Ken Ota")}


# ---------------------------------------------------------------- the real model


@pytest.mark.model
def test_components_are_registered_in_the_pipeline(nlp) -> None:
    assert entities.CANONICALIZER in nlp.pipe_names
    assert entities.CURATED_RULER in nlp.component_names


@pytest.mark.model
def test_curated_aliases_name_and_label_mentions(nlp) -> None:
    text = "The Old Fox arrived in Lisbon. Critics said the Old Fox had planned it."
    try:
        entities.set_curated_aliases(nlp, [("Old Fox", "Ana Reyes", "PERSON")])
        assert entities.CURATED_RULER in nlp.pipe_names
        doc = next(nlp.pipe([text]))
        curated = [e for e in extract_entities(doc) if e.text == "Old Fox"]
        assert [(e.label, e.canonical) for e in curated] == [("PERSON", "Ana Reyes")] * 2
    finally:
        entities.set_curated_aliases(nlp, [])
    assert entities.CURATED_RULER not in nlp.pipe_names
    doc = next(nlp.pipe([text]))
    assert all(e.canonical != "Ana Reyes" for e in extract_entities(doc))


@pytest.mark.model
def test_real_model_article_gets_one_entity_per_person_and_country(nlp) -> None:
    text = (
        "Embassy cables show that Gen Tariq Mahmood Qureshi told America his army would hold back. "
        "President Helen Marsh had met Qureshi in Kabul, where Gen David Holloway was also present. "
        "The United States declined to comment. Holloway said the Kenyans had been warned, "
        "and Qureshi agreed."
    )
    doc = next(nlp.pipe([text]))
    found_names = names(doc)
    assert ("PERSON", "Tariq Mahmood Qureshi") in found_names
    assert ("PERSON", "Helen Marsh") in found_names
    assert ("PERSON", "David Holloway") in found_names
    assert ("GPE", "United States") in found_names
    assert ("NORP", "Kenyans") in found_names  # named only in the plural, as the gold does
    persons = {c for label, c in found_names if label == "PERSON"}
    assert persons <= {"Tariq Mahmood Qureshi", "Helen Marsh", "David Holloway"}
    assert not any(c in {"US", "America", "Qureshi", "Holloway"} for _, c in found_names)


# ---------------------------------------------------------------- general tables (NER stubbed)


def test_country_tagged_as_a_person_is_a_place(blank) -> None:
    doc = tagged(blank, "Talks in Moldova went well.", ("Moldova", "PERSON"))
    assert names(doc) == {("GPE", "Moldova")}


def test_country_that_is_also_a_given_name_stays_a_person(blank) -> None:
    doc = tagged(blank, "Jordan scored twice.", ("Jordan", "PERSON"))
    assert names(doc) == {("PERSON", "Jordan")}


@pytest.mark.parametrize(
    ("surface", "label", "expected"),
    [("Poles", "NORP", "Poles"), ("Sri Lankan", "PERSON", "Sri Lankan"), ("Kazakhs", "ORG", "Kazakhs")],
)
def test_demonyms_become_norp_adjectives(blank, surface: str, label: str, expected: str) -> None:
    doc = tagged(blank, f"Many {surface} agreed.", (surface, label))
    assert names(doc) == {("NORP", expected)}


def test_group_named_only_in_the_plural_keeps_the_plural(blank) -> None:
    # gold convention: a group written only in the plural is named as written ("Poles", "Muslims")
    doc = tagged(blank, "The Maronites agreed.", ("Maronites", "NORP"))
    assert names(doc) == {("NORP", "Maronites")}


def test_group_with_singular_and_plural_takes_the_adjective(blank) -> None:
    doc = tagged(blank, "Polish troops left. The Poles agreed.", ("Polish", "NORP"), ("Poles", "NORP"))
    assert names(doc) == {("NORP", "Polish")}


def test_possessive_without_apostrophe_is_dropped_for_a_known_name(blank) -> None:
    doc = tagged(
        blank,
        "Freedonias ports closed, and Freedonia objected.",
        ("Freedonias", "GPE"),
        ("Freedonia", "GPE"),
    )
    assert names(doc) == {("GPE", "Freedonia")}


@pytest.mark.parametrize("suffix", ["based", "sized", "flagged"])
def test_hyphenated_adjective_keeps_only_the_place(blank, suffix: str) -> None:
    doc = tagged(blank, f"A Lisbon-{suffix} group said so.", (f"Lisbon-{suffix}", "GPE"))
    assert found(doc) == [("Lisbon", "GPE", "Lisbon")]


def test_codes_listed_one_per_line_are_not_entities(blank) -> None:
    doc = tagged(blank, "Browse by tag\nKPAL\nCIA\nKNNP\nEnd of list.", ("CIA", "ORG"))
    assert extract_entities(doc) == []


def test_acronym_on_its_own_heading_line_is_kept(blank) -> None:
    doc = tagged(blank, "The agency spoke.\nCIA\nThe agency said more.", ("CIA", "ORG"))
    assert names(doc) == {("ORG", "CIA")}


def test_name_label_wins_a_tie_against_a_facility(blank) -> None:
    doc = tagged(
        blank,
        "Lisbon Harbour Image. They sailed to Lisbon Harbour.",
        ("Lisbon Harbour Image", "FAC"),
        ("Lisbon Harbour", "GPE"),
    )
    assert {e.label for e in extract_entities(doc)} == {"GPE"}


def test_state_of_secretary_of_state_is_no_organisation(blank) -> None:
    doc = tagged(
        blank,
        "The Secretary of State Ann Whitfield flew in.",
        ("State", "ORG"),
        ("Ann Whitfield", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Ann Whitfield")}


def test_canonicalizing_twice_changes_nothing(blank) -> None:
    doc = tagged(
        blank,
        "Gen Tariq Mahmood Qureshi spoke. Qureshi left. The Chief stayed.",
        ("Gen Tariq", "PERSON"),
        ("Mahmood Qureshi", "PERSON"),
        ("Qureshi", "PERSON"),
    )
    first = found(doc)
    entity_canonicalizer(doc)
    assert found(doc) == first


def test_joined_pieces_of_a_long_text_are_linked_when_canonicalized_again(blank) -> None:
    head = tagged(blank, "Gen Dana Whitcombe arrived. ", ("Dana Whitcombe", "PERSON"))
    tail = tagged(blank, "Whitcombe left.", ("Whitcombe", "PERSON"))
    entity_canonicalizer(head)
    entity_canonicalizer(tail)
    joined = Doc.from_docs([head, tail], ensure_whitespace=False)
    entity_canonicalizer(joined)
    assert names(joined) == {("PERSON", "Dana Whitcombe")}


def test_curated_canonical_survives_a_second_pass(blank) -> None:
    doc = blank("The Chief spoke.")
    doc.ents = [Span(doc, 1, 2, label="PERSON", span_id="Ana Reyes")]
    entity_canonicalizer(doc)
    entity_canonicalizer(doc)
    assert names(doc) == {("PERSON", "Ana Reyes")}


def test_royal_style_before_a_lone_given_name_is_part_of_it(blank) -> None:
    doc = tagged(blank, "Reports named Prince Osric again.", ("Osric", "PERSON"))
    assert found(doc) == [("Prince Osric", "PERSON", "Prince Osric")]


def test_foreign_article_opens_a_publication_not_a_person(blank) -> None:
    doc = tagged(blank, "The weekly Der Kurier reported it.", ("Der Kurier", "PERSON"))
    assert names(doc) == {("ORG", "Der Kurier")}


def test_foreign_article_inside_a_surname_stays_a_person(blank) -> None:
    doc = tagged(
        blank,
        "Anne Marie Le Brun won. Le Brun thanked voters.",
        ("Anne Marie Le Brun", "PERSON"),
        ("Le Brun", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Anne Marie Le Brun")}


def test_name_cut_short_by_one_word_is_linked(blank) -> None:
    doc = tagged(blank, "Kim Jong Sun spoke. Kim Jong agreed.", ("Kim Jong Sun", "PERSON"), ("Kim Jong", "PERSON"))
    assert names(doc) == {("PERSON", "Kim Jong Sun")}


def test_photo_credit_is_split_into_its_parts(blank) -> None:
    doc = tagged(blank, "Photo: Reuters/File/Northern Farmers Union", ("Reuters/File/Northern Farmers Union", "ORG"))
    assert names(doc) == {("ORG", "Reuters"), ("ORG", "Northern Farmers Union")}


# ---------------------------------------------------------------- labels from context (NER stubbed)


def test_spellings_differing_in_case_are_one_entity(blank) -> None:
    doc = tagged(
        blank,
        "Zorbleaks said no. ZorbLeaks agreed. ZorbLeaks denied it.",
        ("Zorbleaks", "PERSON"),
        ("ZorbLeaks", "ORG"),
        ("ZorbLeaks", "ORG"),
    )
    assert names(doc) == {("ORG", "ZorbLeaks")}


def test_spellings_differing_in_spaces_are_one_entity(blank) -> None:
    doc = tagged(
        blank,
        "From NewLedger. The New Ledger said, and the New Ledger agreed.",
        ("NewLedger", "ORG"),
        ("New Ledger", "ORG"),
        ("New Ledger", "ORG"),
    )
    assert names(doc) == {("ORG", "New Ledger")}


@pytest.mark.parametrize(
    ("text", "surface", "mentions"),
    [
        ("Zorblat said so. The Zorblat website crashed.", "Zorblat", 2),
        ("Zorblat founder Ana Reyes spoke.", "Zorblat", 1),
        ("one user wrote on the popular portal Zorblat today.", "Zorblat", 1),
        ("Image: Zorblat.", "Zorblat", 1),
        ("He addressed the Zorblat's release of documents.", "Zorblat", 1),
        ("A photo by Pixel Images.", "Pixel Images", 1),
        ("the Quill Baxter corporation was hired.", "Quill Baxter", 1),
        ("Jaish-e-Zorb claimed it.", "Jaish-e-Zorb", 1),
        ("He is research chief at analysts Zorblat.", "Zorblat", 1),
        ("Shares in retailer Zorblat fell.", "Zorblat", 1),
        ("Her Zorblat account was closed.", "Zorblat", 1),
    ],
)
def test_person_label_in_an_organisation_context_becomes_organisation(
    blank, text: str, surface: str, mentions: int
) -> None:
    doc = tagged(blank, text, *[(surface, "PERSON")] * mentions)
    assert names(doc) == {("ORG", surface)}


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("They played at Quillon Field on Sunday.", "Quillon Field", "ORG"),
        ("The band closes the tour at the Varrow Arena.", "Varrow Arena", "GPE"),
        ("Guests left the Zemblan Hotel at noon.", "Zemblan Hotel", "ORG"),
        ("The tour reaches the Varrow Music Center in July.", "Varrow Music Center", "ORG"),
        ("They then play Quillon Bank Stage.", "Quillon Bank Stage", "ORG"),
        ("The fair fills the Zemblan Convention Centre.", "Zemblan Convention Centre", "ORG"),
    ],
)
def test_a_venue_taken_for_an_organisation_or_place_is_a_facility(blank, text: str, surface: str, label: str) -> None:
    doc = tagged(blank, text, (surface, label))
    assert names(doc) == {("FAC", surface)}


def test_a_research_center_stays_a_body(blank) -> None:
    doc = tagged(blank, "The Varrow Space Flight Center said so.", ("Varrow Space Flight Center", "ORG"))
    assert names(doc) == {("ORG", "Varrow Space Flight Center")}


def test_a_person_named_like_a_venue_stays_a_person(blank) -> None:
    doc = tagged(
        blank, "Sally Quillfield and Mara Field spoke.", ("Sally Quillfield", "PERSON"), ("Mara Field", "PERSON")
    )
    assert {label for label, _ in names(doc)} == {"PERSON"}


def test_a_city_with_a_player_or_manager_is_a_club_in_all_its_mentions(blank) -> None:
    doc = tagged(
        blank,
        "Quillby boss Jon Varr praised the team. Fans travelled to Quillby's ground from Quillby itself.",
        ("Quillby", "GPE"),
        ("Jon Varr", "PERSON"),
        ("Quillby", "GPE"),
        ("Quillby", "GPE"),
    )
    assert names(doc) == {("ORG", "Quillby"), ("PERSON", "Jon Varr")}


def test_a_country_with_its_captain_stays_a_country(blank) -> None:
    doc = tagged(blank, "The England captain and the France coach met.", ("England", "GPE"), ("France", "GPE"))
    assert names(doc) == {("GPE", "England"), ("GPE", "France")}


def test_organisation_context_does_not_touch_a_surname_of_a_full_name(blank) -> None:
    doc = tagged(blank, "Ana Reyes spoke. The Reyes website sold.", ("Ana Reyes", "PERSON"), ("Reyes", "PERSON"))
    assert names(doc) == {("PERSON", "Ana Reyes")}


def test_name_described_as_a_person_is_a_person(blank) -> None:
    doc = tagged(blank, "Ana Pereira, a retired teacher, said so.", ("Ana Pereira", "ORG"))
    assert names(doc) == {("PERSON", "Ana Pereira")}


def test_name_described_as_one_of_a_group_of_people_is_a_person(blank) -> None:
    doc = tagged(blank, "Tomas Vell, one of Prof Orr's graduate students, built it.", ("Tomas Vell", "ORG"))
    for token in doc:
        if token.text == "students":
            token.tag_, token.lemma_ = "NNS", "student"
    assert ("PERSON", "Tomas Vell") in names(doc)


def test_name_described_as_one_of_a_group_of_things_is_left_alone(blank) -> None:
    doc = tagged(blank, "Vell Systems, one of the largest firms, built it.", ("Vell Systems", "ORG"))
    for token in doc:
        if token.text == "firms":
            token.tag_, token.lemma_ = "NNS", "firm"
    assert names(doc) == {("ORG", "Vell Systems")}


def test_a_party_named_after_a_person_does_not_absorb_the_person(blank) -> None:
    doc = tagged(
        blank,
        "Jon Varrow launched a party. He wanted more for the Jon Varrow Party than for voters, Mr Varrow said.",
        ("Jon Varrow", "PERSON"),
        ("Jon Varrow Party", "PERSON"),
        ("Varrow", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Jon Varrow"), ("ORG", "Jon Varrow Party")}


def test_a_capitalised_ex_prefix_is_not_part_of_the_name(blank) -> None:
    doc = tagged(blank, "Ex-Globex host Jon Varrow spoke.", ("Ex-Globex", "ORG"), ("Jon Varrow", "PERSON"))
    assert names(doc) == {("ORG", "Globex"), ("PERSON", "Jon Varrow")}


@pytest.mark.parametrize(
    ("surface", "label", "expected"), [("New Zealander", "PERSON", "NORP"), ("Dutchman", "PERSON", "NORP")]
)
def test_one_person_of_a_nationality_is_the_nationality(blank, surface: str, label: str, expected: str) -> None:
    doc = tagged(blank, f"The winner, a {surface}, was cheered.", (surface, label))
    assert {lab for lab, _ in names(doc)} == {expected}


@pytest.mark.parametrize("surface", ["Harbour Police", "Quillon Studios", "Varrow Pharmaceuticals"])
def test_a_force_studio_or_drug_maker_taken_for_a_person_is_an_organisation(blank, surface: str) -> None:
    doc = tagged(blank, f"Officers from {surface} said so.", (surface, "PERSON"))
    assert names(doc) == {("ORG", surface)}


def test_a_bracket_left_open_in_a_name_ends_it(blank) -> None:
    doc = tagged(
        blank, "Both tutors, Ana Orr (Chemistry) and Jon Varr (Biology), are leaving.", ("Jon Varr (Biology", "PERSON")
    )
    assert names(doc) == {("PERSON", "Jon Varr")}


def test_the_first_bracket_left_open_ends_the_name_even_around_a_closed_pair(blank) -> None:
    doc = tagged(blank, "Tutor Jon Varr (Biology (Cell) Unit left.", ("Jon Varr (Biology (Cell) Unit", "PERSON"))
    assert names(doc) == {("PERSON", "Jon Varr")}


def test_a_name_split_by_brackets_is_rejoined(blank) -> None:
    doc = tagged(blank, "President (Asif Ali) Zardari spoke.", ("President (Asif Ali) Zardari", "PERSON"))
    assert names(doc) == {("PERSON", "Asif Ali Zardari")}


def test_a_greeting_before_a_name_is_not_part_of_it(blank) -> None:
    doc = tagged(blank, '"Hey Jon Varr, look at this," she wrote.', ("Hey Jon Varr", "PERSON"))
    assert names(doc) == {("PERSON", "Jon Varr")}


def test_a_lawmakers_party_and_state_and_an_idea_are_no_entities(blank) -> None:
    doc = tagged(
        blank,
        "Rep. Ana Orr (D-Minn.) warned that Globophobia was spreading.",
        ("Ana Orr", "PERSON"),
        ("D-Minn.", "ORG"),
        ("Globophobia", "ORG"),
    )
    assert names(doc) == {("PERSON", "Ana Orr")}


@pytest.mark.parametrize("surface", ["Zorbopathy", "Islam", "Christianity"])
def test_a_practice_or_a_faith_is_no_body(blank, surface: str) -> None:
    doc = tagged(blank, f"Critics of {surface} met.", (surface, "ORG"))
    assert names(doc) == set()


def test_a_possessive_inside_an_organisations_name_is_kept(blank) -> None:
    doc = tagged(
        blank,
        "Freedonia agreed. The Data Commissioner's Office and Freedonia's Foreign Office disagreed.",
        ("Freedonia", "GPE"),
        ("The Data Commissioner's Office", "ORG"),
        ("Freedonia's Foreign Office", "ORG"),
    )
    assert names(doc) == {("ORG", "The Data Commissioner's Office"), ("GPE", "Freedonia"), ("ORG", "Foreign Office")}


def test_a_stations_number_is_part_of_its_name(blank) -> None:
    doc = tagged(blank, "He told Globex Radio 4 that 2 of them agreed.", ("Globex Radio", "ORG"))
    assert names(doc) == {("ORG", "Globex Radio 4")}


def test_an_institutions_name_cut_short_goes_on_through_for_and_of(blank) -> None:
    doc = tagged(
        blank,
        "She attended the Varrow School for the Deaf and the Blind until a college for Jane Roe opened.",
        ("the Varrow School", "ORG"),
        ("Blind", "PERSON"),
        ("Jane Roe", "PERSON"),
    )
    for token in doc:
        if token.text in {"Jane", "Roe"}:
            token.ent_type_ = "PERSON"
    assert names(doc) == {("ORG", "Varrow School for the Deaf and the Blind"), ("PERSON", "Jane Roe")}


def test_a_body_named_without_its_parents_acronym_is_linked_to_its_full_name(blank) -> None:
    doc = tagged(
        blank,
        "The move was condemned at the UN Trusteeship Council. Trusteeship Council members left.",
        ("the UN Trusteeship Council", "ORG"),
        ("Trusteeship Council", "ORG"),
    )
    assert names(doc) == {("ORG", "UN Trusteeship Council")}


def test_a_nationality_before_a_papers_name_is_one_organisation(blank) -> None:
    doc = tagged(blank, "The editor of the Freedonian Gazette spoke.", ("Freedonian", "NORP"), ("Gazette", "GPE"))
    assert names(doc) == {("ORG", "Freedonian Gazette")}


def test_a_nationality_before_a_common_word_stays_apart(blank) -> None:
    doc = tagged(blank, "The Freedonian Varrow spoke.", ("Freedonian", "NORP"), ("Varrow", "PERSON"))
    assert names(doc) == {("NORP", "Freedonian"), ("PERSON", "Varrow")}


def test_name_with_who_is_a_person(blank) -> None:
    doc = tagged(blank, "Ana Pereira, who left in May, said so.", ("Ana Pereira", "GPE"))
    assert names(doc) == {("PERSON", "Ana Pereira")}


def test_organisation_listed_before_another_is_no_person(blank) -> None:
    doc = tagged(blank, "Groups included The Quill Club, Doctor Zed Society and more.", ("The Quill Club", "ORG"))
    assert names(doc) == {("ORG", "The Quill Club")}


def test_one_word_scandal_is_an_event(blank) -> None:
    doc = tagged(blank, "Zorbgate grew.", ("Zorbgate", "PERSON"))
    assert names(doc) == {("EVENT", "Zorbgate")}


@pytest.mark.parametrize(
    "surface",
    ["Zemblan Cup", "Varrow Cross Country Championships", "Quillon Film Festival", "Zemblan Summit", "Six Nations"],
)
def test_a_contest_or_gathering_taken_for_an_organisation_is_an_event(blank, surface: str) -> None:
    doc = tagged(blank, f"He won the {surface} last year.", (surface, "ORG"))
    assert names(doc) == {("EVENT", surface)}


def test_a_league_stays_a_body(blank) -> None:
    doc = tagged(blank, "The Zemblan Football League fined him.", ("Zemblan Football League", "ORG"))
    assert names(doc) == {("ORG", "Zemblan Football League")}


@pytest.mark.parametrize("surface", ["Greens", "Neo Democrats"])
def test_party_members_in_the_plural_name_the_party(blank, surface: str) -> None:
    doc = tagged(blank, f"The {surface} won.", (surface, "NORP"))
    assert names(doc) == {("ORG", surface)}


def test_party_members_taken_for_people_name_the_party_in_the_singular_too(blank) -> None:
    doc = tagged(
        blank,
        "Social Dem chief Tom Varr wrote. The Social Dems said so.",
        ("Social Dem", "PERSON"),
        ("Tom Varr", "PERSON"),
        ("The Social Dems", "PERSON"),
    )
    assert names(doc) == {("ORG", "Social Dems"), ("PERSON", "Tom Varr")}


def test_a_member_in_the_singular_names_the_party_named_in_the_text(blank) -> None:
    doc = tagged(
        blank,
        "The Conservatives won. A Conservative spokeswoman said so. A Conservative government would act.",
        ("Conservatives", "NORP"),
        ("Conservative", "NORP"),
        ("Conservative", "NORP"),
    )
    found_ = found(doc)
    assert found_[:2] == [("Conservatives", "ORG", "Conservatives"), ("Conservative", "ORG", "Conservatives")]
    assert found_[2] == ("Conservative", "NORP", "Conservative")  # a government of theirs is not the party


def test_a_party_word_cut_short_by_the_recogniser_is_completed(blank) -> None:
    doc = tagged(
        blank,
        "The Social Dems said so. Social Dem chairman Tom Varr agreed.",
        ("The Social Dems", "ORG"),
        ("Dem", "PERSON"),
    )
    assert found(doc) == [("The Social Dems", "ORG", "Social Dems"), ("Social Dem", "ORG", "Social Dems")]


def test_a_party_member_in_the_singular_alone_is_an_affiliation(blank) -> None:
    doc = tagged(blank, "Social Dem chief Tom Varr wrote.", ("Social Dem", "PERSON"), ("Tom Varr", "PERSON"))
    assert names(doc) == {("NORP", "Social Dem"), ("PERSON", "Tom Varr")}


def test_lowercase_party_after_an_adjective_stays_in_the_name(blank) -> None:
    doc = tagged(blank, "He leads the Liberal party, he said.", ("the Liberal party", "ORG"))
    assert names(doc) == {("ORG", "Liberal party")}


def test_party_after_an_acronym_is_left_out(blank) -> None:
    doc = tagged(blank, "He leads the ZPK party, he said.", ("the ZPK party", "ORG"))
    assert names(doc) == {("ORG", "ZPK")}


def test_place_after_in_is_no_group(blank) -> None:
    doc = tagged(blank, "Our envoy in Freetown, Ana Reyes, wrote.", ("Freetown", "NORP"))
    assert names(doc) == {("GPE", "Freetown")}


def test_group_adjective_after_in_stays_a_group(blank) -> None:
    doc = tagged(blank, "Unrest in Maronite villages grew.", ("Maronite", "NORP"))
    assert names(doc) == {("NORP", "Maronite")}


def test_government_of_a_country_is_the_country(blank) -> None:
    doc = tagged(blank, "Talks with the Peru Government failed.", ("the Peru Government", "ORG"))
    assert names(doc) == {("GPE", "Peru")}


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("The Party decided.", "Party", "ORG"),
        ("It cost NZ $ 26 million.", "NZ", "GPE"),
        ("Pro-Lisbon parties won.", "Pro-Lisbon", "NORP"),
        ("Intro text.\n\nCynical Games\n\nMore text.", "Cynical Games", "ORG"),
    ],
)
def test_more_non_entities_are_dropped(blank, text: str, surface: str, label: str) -> None:
    doc = tagged(blank, text, (surface, label))
    assert names(doc) == set()


# ---------------------------------------------------------------- span repair (NER stubbed)


def test_place_between_title_and_person_is_split_off(blank) -> None:
    doc = tagged(blank, "The Ambassador to Lisbon Ana Reyes wrote.", ("Lisbon Ana Reyes", "PERSON"))
    assert names(doc) == {("GPE", "Lisbon"), ("PERSON", "Ana Reyes")}


def test_given_name_left_out_after_a_title_is_added(blank) -> None:
    doc = tagged(blank, "President Zora El Amin Bey spoke.", ("El Amin Bey", "PERSON"))
    assert names(doc) == {("PERSON", "Zora El Amin Bey")}


def test_verb_after_a_name_is_cut(blank) -> None:
    doc = tagged(blank, "Ana Reyes Writing in a blog, Ana Reyes said.", ("Ana Reyes Writing", "PERSON"))
    doc[2].tag_ = "VBG"
    assert names(doc) == {("PERSON", "Ana Reyes")}


def test_role_after_an_organisation_is_cut(blank) -> None:
    doc = tagged(blank, "Acme Editor Ana Reyes said.", ("Acme Editor", "ORG"), ("Ana Reyes", "PERSON"))
    assert names(doc) == {("ORG", "Acme"), ("PERSON", "Ana Reyes")}


def test_classification_marking_is_cut_from_an_organisation(blank) -> None:
    doc = tagged(blank, "a Confidential Trade Bureau cable", ("Confidential Trade Bureau", "ORG"))
    assert names(doc) == {("ORG", "Trade Bureau")}


def test_person_run_into_an_organisation_is_split_off(blank) -> None:
    doc = tagged(
        blank,
        "A student at Quill University Ana Reyes heard. Reyes said so.",
        ("Quill University Ana Reyes", "ORG"),
        ("Reyes", "PERSON"),
    )
    assert names(doc) == {("ORG", "Quill University"), ("PERSON", "Ana Reyes")}


def test_photographer_in_a_credit_is_a_person(blank) -> None:
    doc = tagged(blank, "(ZPA/File/Ana Reyes)", ("ZPA/File/Ana Reyes", "ORG"))
    assert names(doc) == {("ORG", "ZPA"), ("PERSON", "Ana Reyes")}


def test_country_with_a_bare_possessive_before_a_title_is_kept(blank) -> None:
    doc = tagged(blank, "an aide to Canadas Prime Minister", ("Canadas", "ORG"))
    assert names(doc) == {("GPE", "Canada")}


# ---------------------------------------------------------------- places (NER stubbed)


def test_countries_the_model_missed_are_found(blank) -> None:
    doc = entity_canonicalizer(tagged(blank, "They flew to the UAE, then Germany and the U.S. again."))
    assert names(doc) == {("GPE", "UAE"), ("GPE", "Germany"), ("GPE", "U.S.")}


@pytest.mark.parametrize(
    "text", ["Bank of America paid.", "Latin America grew.", "A Germany-based firm.", "Questions? CONTACT US NOW."]
)
def test_country_inside_a_longer_name_is_not_found_alone(blank, text: str) -> None:
    assert names(entity_canonicalizer(tagged(blank, text))) == set()


def test_city_before_a_state_is_named_with_it(blank) -> None:
    doc = tagged(
        blank,
        "A boy from Lakeview, Texas, spoke. Lakeview schools closed.",
        ("Lakeview", "GPE"),
        ("Texas", "GPE"),
        ("Lakeview", "GPE"),
    )
    assert names(doc) == {("GPE", "Lakeview, Texas"), ("GPE", "Texas")}


def test_state_abbreviation_is_the_state(blank) -> None:
    doc = tagged(blank, "He lives in Fla. now.", ("Fla.", "GPE"))
    assert names(doc) == {("GPE", "Florida")}


def test_organisation_tail_and_head_are_linked_to_the_full_name(blank) -> None:
    doc = tagged(
        blank,
        "The Church of Zorbism sued. Zorbism grew, and the Church said so.",
        ("The Church of Zorbism", "ORG"),
        ("Zorbism", "ORG"),
        ("Church", "ORG"),
    )
    assert names(doc) == {("ORG", "Church of Zorbism")}


def test_hyphenated_surname_labelled_otherwise_is_linked(blank) -> None:
    doc = tagged(blank, "Khalid al-Zorb spoke. al-Zorb's case", ("Khalid al-Zorb", "PERSON"), ("al-Zorb", "ORG"))
    assert names(doc) == {("PERSON", "Khalid al-Zorb")}


def test_bracketed_short_name_takes_the_organisation_named_before_it(blank) -> None:
    doc = tagged(
        blank,
        "They used the Joint Zorb Network (Jzornet). Jzornet was widened.",
        ("Joint Zorb Network", "WORK_OF_ART"),
        ("Jzornet", "PERSON"),
    )
    assert names(doc) == {("ORG", "Joint Zorb Network")}


def test_bracketed_short_name_after_untagged_capitals_defines_them(blank) -> None:
    doc = tagged(blank, "They used the Joint Zorb Network (JZN) daily. JZN grew.", ("JZN", "ORG"), ("JZN", "ORG"))
    assert names(doc) == {("ORG", "Joint Zorb Network")}


def test_bracketed_note_after_a_person_defines_nothing(blank) -> None:
    doc = tagged(blank, "Ana Reyes (Ret.) spoke.", ("Ana Reyes", "PERSON"))
    assert names(doc) == {("PERSON", "Ana Reyes")}


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("the US State Department", "State Department"),
        ("The U.S. Department of Justice", "Department of Justice"),
        ("US Army", "US Army"),
    ],
)
def test_government_department_is_named_without_its_country(surface: str, expected: str) -> None:
    assert canonical_name(surface, "ORG") == expected


def test_organisation_cut_short_is_linked_to_its_full_name(blank) -> None:
    doc = tagged(
        blank,
        "Quill Baxter Holt won the bid. Quill Baxter said so.",
        ("Quill Baxter Holt", "ORG"),
        ("Quill Baxter", "ORG"),
    )
    assert names(doc) == {("ORG", "Quill Baxter Holt")}


def test_new_rules_change_nothing_on_a_second_pass(blank) -> None:
    doc = tagged(
        blank,
        "Talks with the Peru Government failed. Zorblat founder Ana Reyes left. He leads the ZPK party now.",
        ("the Peru Government", "ORG"),
        ("Zorblat", "PERSON"),
        ("Ana Reyes", "PERSON"),
        ("the ZPK party", "ORG"),
    )
    first = found(doc)
    entity_canonicalizer(doc)
    assert found(doc) == first


def test_bracketed_short_name_leaves_names_inside_the_capitals_alone(blank) -> None:
    doc = tagged(blank, "Reyes Joint Zorb Network (RJZ) grew.", ("Reyes", "PERSON"), ("RJZ", "ORG"))
    assert names(doc) == {("PERSON", "Reyes"), ("ORG", "RJZ")}


def test_overlapping_repairs_keep_one_mention_per_token() -> None:
    overlapping = [entities._Mention(0, 3, "ORG"), entities._Mention(2, 4, "PERSON"), entities._Mention(4, 5, "GPE")]
    kept = entities._without_overlaps(overlapping)
    assert [(m.start, m.end) for m in kept] == [(0, 3), (4, 5)]


@pytest.mark.model
def test_a_name_ending_in_s_keeps_it_when_a_one_off_spelling_lacks_it(nlp) -> None:
    text = (
        "Head of department Ian Roberts rebutted the accusations. Later, Ian Robert, the head, spoke to staff. "
        "Ian Roberts disputed this analysis. Ian Roberts admitted the plan was late."
    )
    people = {e.canonical for e in extract_entities(nlp(text)) if e.label == "PERSON"}
    assert "Ian Roberts" in people


@pytest.mark.model
def test_two_names_hyphenated_into_a_modifier_are_no_third_entity(nlp) -> None:
    text = (
        "The long-running Fergus-Wainwright row flared again when Alan Fergus said Peter Wainwright was "
        "a disgrace. Wainwright refused to comment and Fergus left."
    )
    canonicals = {e.canonical for e in extract_entities(nlp(text))}
    assert "Fergus-Wainwright" not in canonicals
    assert {"Alan Fergus", "Peter Wainwright"} <= canonicals


@pytest.mark.model
def test_a_party_qualifier_the_model_left_out_is_part_of_the_name(nlp) -> None:
    text = "The Liberal Democrats have warned both parties against pandering to prejudice."
    assert ("ORG", "Liberal Democrats") in names(nlp(text))


@pytest.mark.model
def test_two_names_run_together_by_the_model_are_cut_at_the_inner_article(nlp) -> None:
    text = "Mr Griffin told the Independent the Tories' plans were a definite move onto our turf."
    canonicals = {e.canonical for e in extract_entities(nlp(text))}
    assert "the Independent the Tories" not in canonicals
    assert "Tories" in canonicals


@pytest.mark.model
def test_a_party_word_before_a_name_is_not_part_of_it(nlp) -> None:
    text = "But Tory Martin Hale branded the plan a fraud. Mr Hale said so twice."
    assert {e.canonical for e in extract_entities(nlp(text)) if e.label == "PERSON"} == {"Martin Hale"}


def test_a_name_shifted_onto_the_party_word_before_it_is_moved_back(blank) -> None:
    doc = tagged(blank, "But Tory Dominic Hale branded the plan a fraud.", ("Tory Dominic", "PERSON"))
    for token in doc[1:4]:
        token.pos_ = "PROPN"
    assert found(doc) == [("Dominic Hale", "PERSON", "Dominic Hale")]


def test_honours_after_a_name_are_not_part_of_it(blank) -> None:
    doc = tagged(
        blank,
        "Judge Carla Penn QC sentenced him. Tom Reyes Jr spoke.",
        ("Carla Penn QC", "PERSON"),
        ("Tom Reyes Jr", "PERSON"),
    )
    assert [canonical for _, _, canonical in found(doc)] == ["Carla Penn", "Tom Reyes Jr"]


# ---------------------------------------------------------------- sports clubs


def _labels_of(nlp, text: str) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = {}
    for e in extract_entities(nlp(text)):
        labels.setdefault(e.canonical, set()).add(e.label)
    return labels


def test_towns_playing_a_match_are_clubs(nlp) -> None:
    labels = _labels_of(
        nlp,
        "Plymouth lost 3-1 to Bristol in the cup. The striker was injured.",
    )
    assert labels["Plymouth"] == {"ORG"} and labels["Bristol"] == {"ORG"}


def test_a_city_losing_a_vote_in_a_sports_text_stays_a_place(nlp) -> None:
    labels = _labels_of(
        nlp,
        "The stadium will hold the tournament and the league final. "
        "Madrid lost to Rio in the vote held in Copenhagen on Friday.",
    )
    assert labels["Madrid"] == {"GPE"}


def test_a_name_taking_a_plural_verb_is_a_side(blank) -> None:
    doc = tagged(blank, "Quillby have yet to confirm it. Quillby won.", ("Quillby", "PERSON"), ("Quillby", "PERSON"))
    doc[0].dep_, doc[0].head, doc[1].tag_ = "nsubj", doc[1], "VBP"
    assert names(doc) == {("ORG", "Quillby")}


def test_a_person_in_a_plural_subject_stays_a_person(blank) -> None:
    doc = tagged(blank, "Varr and Orr have met.", ("Varr", "PERSON"), ("Orr", "PERSON"))
    doc[0].dep_, doc[0].head, doc[3].tag_ = "nsubj", doc[3], "VBP"
    doc[2].dep_, doc[2].head = "conj", doc[0]
    assert names(doc) == {("PERSON", "Varr"), ("PERSON", "Orr")}


def test_a_person_beating_another_in_a_match_stays_a_person(nlp) -> None:
    labels = _labels_of(
        nlp, "Roger Federer beat Andy Roddick 6-4 in the tournament final. Federer beat Roddick again in the match."
    )
    assert labels["Roger Federer"] == {"PERSON"} and labels["Andy Roddick"] == {"PERSON"}


def test_a_side_named_in_the_plural_is_an_organisation(blank) -> None:
    doc = tagged(blank, "The Quillers spent Monday training.", ("Quillers", "PERSON"))
    doc[1].tag_ = "NNPS"
    assert names(doc) == {("ORG", "Quillers")}


def test_a_family_named_in_the_plural_stays_people(blank) -> None:
    doc = tagged(blank, "Jon Varr spoke. The Varrs left.", ("Jon Varr", "PERSON"), ("Varrs", "PERSON"))
    doc[5].tag_ = "NNPS"
    assert ("ORG", "Varrs") not in names(doc)


def test_a_titled_person_stays_a_person_whatever_a_typo_does_to_a_verb(nlp) -> None:
    labels = _labels_of(nlp, "Mr Harwood spoke on Monday. Harwood say the economy is strong and stable.")
    assert labels["Harwood"] == {"PERSON"}


def test_a_name_ending_in_a_club_word_is_a_club(blank) -> None:
    doc = tagged(blank, "Quillby Athletic signed him.", ("Quillby Athletic", "PERSON"))
    assert names(doc) == {("ORG", "Quillby Athletic")}


def test_a_persons_supporters_do_not_make_a_club(blank) -> None:
    doc = tagged(
        blank,
        "Jon Varr spoke. Varr's supporters cheered.",
        ("Jon Varr", "PERSON"),
        ("Varr", "PERSON"),
    )
    assert names(doc) == {("PERSON", "Jon Varr")}


def test_an_untagged_club_before_its_players_role_and_name_is_found(blank) -> None:
    doc = tagged(blank, "Quillby striker Jon Varr scored.", ("Jon Varr", "PERSON"))
    doc[0].pos_ = "PROPN"
    assert names(doc) == {("ORG", "Quillby"), ("PERSON", "Jon Varr")}


def test_the_player_after_a_clubs_role_is_a_person(blank) -> None:
    doc = tagged(
        blank,
        "Quillby star Varrinho scored in the league match and the cup final.",
        ("Quillby", "ORG"),
        ("Varrinho", "ORG"),
    )
    assert names(doc) == {("ORG", "Quillby"), ("PERSON", "Varrinho")}


# middle names left out; a second surname left out
@pytest.mark.parametrize("full", ["Ana Maria de Reyes", "Ana Maria Reyes Lopez"])
def test_a_name_without_its_middle_names_or_second_surname_is_the_same_person(blank, full: str) -> None:
    doc = tagged(blank, f"{full} spoke. Later Ana Reyes left.", (full, "PERSON"), ("Ana Reyes", "PERSON"))
    assert names(doc) == {("PERSON", full)}


def test_two_people_sharing_a_surname_are_not_merged_by_it(blank) -> None:
    doc = tagged(
        blank, "Ana Maria Reyes spoke. Later Jon Reyes left.", ("Ana Maria Reyes", "PERSON"), ("Jon Reyes", "PERSON")
    )
    assert names(doc) == {("PERSON", "Ana Maria Reyes"), ("PERSON", "Jon Reyes")}


def test_an_untagged_name_after_a_persons_title_is_a_person(blank) -> None:
    doc = tagged(blank, "Jon Varr met President Quillby and Mr Orrin today.", ("Jon Varr", "PERSON"))
    for token in doc[4:9]:
        token.pos_ = "PROPN" if token.is_title else "CCONJ"
    assert names(doc) == {("PERSON", "Jon Varr"), ("PERSON", "Quillby"), ("PERSON", "Orrin")}


def test_an_office_after_a_style_is_no_person(blank) -> None:
    doc = tagged(blank, "The Lord Chancellor spoke.")
    doc[2].pos_ = "PROPN"
    assert names(doc) == set()


def test_a_regnal_number_keeps_the_royal_style() -> None:
    assert canonical_name("Queen Maren II", "PERSON") == "Queen Maren II"


def test_a_name_listed_among_people_is_a_person(nlp) -> None:
    labels = _labels_of(
        nlp, "Media figures such as Katie Couric, George Stephanopoulos, and Chelsea Handler were grilled."
    )
    assert labels["Chelsea Handler"] == {"PERSON"}


def test_a_titled_name_the_model_called_an_organisation_loses_the_title(blank) -> None:
    doc = tagged(
        blank,
        "Jon Gates spoke. Gates smiled. Later Mr Gates left.",
        ("Jon Gates", "PERSON"),
        ("Gates", "PERSON"),
        ("Mr Gates", "ORG"),
    )
    assert names(doc) == {("PERSON", "Jon Gates")}


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("Resident Sandy Varr", "Sandy Varr"), ("Student Union President Jo Orr", "Student Union President Jo Orr")],
)
def test_a_description_written_like_a_title_is_dropped_from_a_name(surface: str, expected: str) -> None:
    assert canonical_name(surface, "PERSON") == expected


def test_a_rank_cut_off_by_its_full_stop_is_no_person(blank) -> None:
    doc = tagged(blank, "said Navy Capt. Terry Varr.", ("Navy Capt", "PERSON"), ("Terry Varr", "PERSON"))
    assert names(doc) == {("PERSON", "Terry Varr")}


@pytest.mark.parametrize("full", ["Quillco Systems Inc", "Quillco Networks", "Quillco Media"])
def test_a_company_without_its_corporate_words_is_the_company(blank, full) -> None:
    doc = tagged(blank, f"{full} said. Later Quillco fell.", (full, "ORG"), ("Quillco", "ORG"))
    assert names(doc) == {("ORG", full)}


def test_a_lowercase_fragment_before_a_name_is_cut_off(blank) -> None:
    doc = tagged(blank, "profit of $732m. Quillco shares fell.", ("m. Quillco", "PERSON"))
    assert [text for text, _, _ in found(doc)] == ["Quillco"]


def test_a_name_ending_in_a_title_word_stays_a_person(blank) -> None:
    doc = tagged(blank, "They met Claude King. Varr left.", ("Claude King", "PERSON"), ("Varr", "PERSON"))
    assert ("PERSON", "Claude King") in names(doc)


def test_a_royal_style_and_one_name_is_a_person(blank) -> None:
    doc = tagged(blank, "The tomb of King Quillos II was found.", ("King Quillos II", "ORG"))
    assert names(doc) == {("PERSON", "King Quillos II")}


@pytest.mark.parametrize(("surface", "expected"), [("QUILLTOWN", "Quilltown"), ("NATO", "NATO")])
def test_a_place_in_capitals_is_written_as_a_name(surface: str, expected: str) -> None:
    assert canonical_name(surface, "GPE" if expected != "NATO" else "ORG") == expected


def test_a_name_ending_in_s_before_a_verb_keeps_it_beside_a_possessive(blank) -> None:
    doc = tagged(
        blank,
        "Quillers Banking Group lent it. Quiller's staff knew. Quillers denied it.",
        ("Quillers Banking Group", "ORG"),
        ("Quiller's", "ORG"),
        ("Quillers", "ORG"),
    )
    doc[10].tag_ = "VBD"
    assert all(e.canonical != "Quiller" for e in extract_entities(doc) if e.text == "Quillers")


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("MPs voted on Monday.", "MPs", "PERSON"),
        ("The MEPs agreed.", "MEPs", "PERSON"),
        ("The Zorb-winning actor left.", "Zorb-winning", "PERSON"),
        ("A Quillon-nominated film won.", "Quillon-nominated", "ORG"),
    ],
)
def test_a_plural_of_people_or_a_describing_word_is_no_name(blank, text, surface, label) -> None:
    doc = tagged(blank, text, (surface, label))
    assert names(doc) == set()


@pytest.mark.parametrize(
    ("surface", "group"), [("Briton", "British"), ("Welshman", "Welsh"), ("Scotswoman", "Scottish")]
)
def test_one_of_a_people_named_by_a_word_of_its_own_is_the_group(blank, surface, group) -> None:
    doc = tagged(blank, f"A {surface} won the race.", (surface, "PERSON"))
    assert names(doc) == {("NORP", group)}


@pytest.mark.parametrize(
    ("surface", "name"),
    [("Spaniard Tomas Varr", "Tomas Varr"), ("Brazilian Tomas Varr", "Tomas Varr"), ("Dane Quillby", "Dane Quillby")],
)
def test_where_a_person_is_from_is_not_their_name(blank, surface, name) -> None:
    doc = tagged(blank, f"{surface} won the race.", (surface, "PERSON"))
    assert names(doc) == {("PERSON", name)}


@pytest.mark.parametrize(
    ("text", "surface", "label", "expected"),
    [
        ("She played at St Varr's Park on Sunday.", "St Varr's Park", "PERSON", "FAC"),
        ("He won the Zemblan Open last year.", "Zemblan Open", "ORG", "EVENT"),
        ("The General Election is near.", "General Election", "ORG", "EVENT"),
    ],
)
def test_a_place_named_after_someone_and_a_contest_are_no_person_or_body(blank, text, surface, label, expected):
    doc = tagged(blank, text, (surface, label))
    assert {lab for lab, _ in names(doc)} == {expected}


def test_an_organisation_is_named_without_a_lowercase_the(blank) -> None:
    doc = tagged(blank, "He joined the Zemblan Union in May.", ("the Zemblan Union", "ORG"))
    assert names(doc) == {("ORG", "Zemblan Union")}


@pytest.mark.parametrize(("surface", "label"), [("VAT", "ORG"), ("GP", "PERSON"), ("DVD", "ORG")])
def test_an_acronym_of_a_common_noun_is_no_name(blank, surface, label) -> None:
    doc = tagged(blank, f"The {surface} rose again.", (surface, label))
    assert names(doc) == set()


@pytest.mark.parametrize(
    ("surface", "label"), [("QuillcoSmithVarr", "ORG"), ("McDonald", "PERSON"), ("DiCaprio", "PERSON")]
)
def test_a_word_of_three_joined_names_is_a_company_not_a_person(blank, surface, label) -> None:
    doc = tagged(blank, f"{surface} said so.", (surface, "PERSON"))
    assert names(doc) == {(label, surface)}


def test_a_surname_the_model_took_for_a_people_is_the_person(blank) -> None:
    doc = tagged(blank, "Manager Ann Varres spoke. Varres added more.", ("Ann Varres", "PERSON"), ("Varres", "NORP"))
    assert names(doc) == {("PERSON", "Ann Varres")}


def test_mr_and_a_shared_surname_is_not_the_knight(blank) -> None:
    doc = tagged(
        blank,
        "Tom Varr spoke. Then Sir Ian Varr spoke. Later Mr Varr left.",
        ("Tom Varr", "PERSON"),
        ("Ian Varr", "PERSON"),
        ("Mr Varr", "PERSON"),
    )
    assert found(doc)[-1] == ("Mr Varr", "PERSON", "Tom Varr")


def test_mr_and_a_shared_surname_goes_to_the_nearest_when_no_one_is_knighted(blank) -> None:
    doc = tagged(
        blank,
        "Tom Varr spoke. Then Ian Varr spoke. Later Mr Varr left.",
        ("Tom Varr", "PERSON"),
        ("Ian Varr", "PERSON"),
        ("Mr Varr", "PERSON"),
    )
    assert found(doc)[-1] == ("Mr Varr", "PERSON", "Ian Varr")


def test_an_institution_cut_at_its_and_is_one_name(blank) -> None:
    doc = tagged(
        blank,
        "The Zemblan Council for Trade and Development met in Nairobi.",
        ("The Zemblan Council for Trade", "ORG"),
        ("Development", "ORG"),
        ("Nairobi", "GPE"),
    )
    assert names(doc) == {("ORG", "Zemblan Council for Trade and Development"), ("GPE", "Nairobi")}


def test_a_body_after_an_institution_and_its_and_stays_apart(blank) -> None:
    doc = tagged(
        blank,
        "The Ministry of Quills and Zorbco disagreed. Zorbco said no.",
        ("The Ministry of Quills", "ORG"),
        ("Zorbco", "ORG"),
        ("Zorbco", "ORG"),
    )
    assert names(doc) == {("ORG", "Ministry of Quills"), ("ORG", "Zorbco")}


def test_untagged_words_after_an_institutions_and_finish_its_name(blank) -> None:
    doc = tagged(
        blank, "The Department of Quills and Ink, a body of scribes, said so.", ("The Department of Quills", "ORG")
    )
    assert names(doc) == {("ORG", "Department of Quills and Ink")}
    doc = tagged(blank, "The Department of Quills and Ink officials said so.", ("The Department of Quills", "ORG"))
    assert names(doc) == {("ORG", "Department of Quills")}


def test_a_short_name_in_apposition_spelling_the_initials_is_the_body(blank) -> None:
    doc = tagged(
        blank,
        "Names are chosen by the Zemblan Office for Naming Kites, Zonk. Zonk said no. Later Zonk agreed.",
        ("the Zemblan Office for Naming Kites", "ORG"),
        ("Zonk", "NORP"),
        ("Zonk", "ORG"),
        ("Zonk", "NORP"),
    )
    assert names(doc) == {("ORG", "Zemblan Office for Naming Kites")}


def test_a_name_tagged_as_often_a_people_as_a_body_is_a_body(blank) -> None:
    doc = tagged(blank, "Zonk said no. Zonk agreed.", ("Zonk", "NORP"), ("Zonk", "ORG"))
    assert names(doc) == {("ORG", "Zonk")}


def test_a_town_taken_for_a_body_is_a_place_where_the_text_puts_something_in_it(blank) -> None:
    doc = tagged(
        blank,
        "The first hearing will be held in Nairobi in May. Nairobi was chosen last year.",
        ("Nairobi", "ORG"),
        ("Nairobi", "ORG"),
    )
    assert names(doc) == {("GPE", "Nairobi")}


def test_a_town_name_never_placed_stays_a_body(blank) -> None:
    # a company may share a big town's name; without 'in …' nothing says it is the town
    doc = tagged(blank, "Nairobi said profits rose.", ("Nairobi", "ORG"))
    assert names(doc) == {("ORG", "Nairobi")}


def test_a_town_in_a_match_report_stays_a_club(blank) -> None:
    doc = tagged(blank, "Nairobi won the match 2-0 in Nairobi on Sunday.", ("Nairobi", "ORG"), ("Nairobi", "ORG"))
    assert names(doc) == {("ORG", "Nairobi")}


def test_a_state_code_after_a_town_is_a_place(blank) -> None:
    doc = tagged(
        blank,
        "July 22 - Varrville, OH @ the Quill Arena\nJuly 24 - Zemton, IL @ the Hall",
        ("Varrville", "GPE"),
        ("Zemton", "GPE"),
        ("IL", "ORG"),
    )
    assert names(doc) == {("GPE", "Varrville"), ("GPE", "OH"), ("GPE", "Zemton"), ("GPE", "IL")}


def test_letters_after_a_persons_name_are_no_state(blank) -> None:
    doc = tagged(blank, "Jane Quill, MD, said so.", ("Jane Quill", "PERSON"))
    assert names(doc) == {("PERSON", "Jane Quill")}


@pytest.mark.parametrize(
    "surface",
    ["Zorbphone 7", "Quillbeats3", "Varrbook Pro"],
)
def test_a_products_model_name_is_no_organisation(blank, surface: str) -> None:
    doc = tagged(blank, f"Zorbco sells the {surface} in Nairobi.", ("Zorbco", "ORG"), (surface, "ORG"))
    assert names(doc) == {("ORG", "Zorbco")}


@pytest.mark.parametrize("surface", ["Channel 4", "BBC Radio 4", "S4C"])
def test_a_numbered_body_keeps_its_number(blank, surface: str) -> None:
    doc = tagged(blank, f"The {surface} said no.", (surface, "ORG"))
    assert names(doc) == {("ORG", surface)}


def test_acronyms_of_common_things_are_no_bodies(blank) -> None:
    doc = tagged(blank, "The IPO and the MRI scan were planned.", ("IPO", "ORG"), ("MRI", "ORG"))
    assert names(doc) == set()


@pytest.mark.model
def test_a_surname_read_as_a_word_is_the_persons(nlp) -> None:
    doc = nlp("Zorbco's Chris Early spoke at the launch in Leeds. The plan is bold, says Early, and the staff agree.")
    found = {(e.text, e.canonical) for e in extract_entities(doc) if e.label == "PERSON" and "Early" in e.text}
    assert found == {("Chris Early", "Chris Early"), ("Early", "Chris Early")}


@pytest.mark.model
def test_a_generational_suffix_or_half_a_double_name_is_no_surname_of_its_own(nlp) -> None:
    doc = nlp(
        "His lawyer, Tom M Quill Jr, spoke first. District Attorney Ann Varr Jr said later that Rob Kilroy-Silk, "
        "who met Jo Silk, had left."
    )
    found = {(e.text, e.canonical) for e in extract_entities(doc) if e.label == "PERSON"}
    assert ("Jr", "Tom M Quill Jr") not in found
    assert not any(text == "Silk" and canonical != "Jo Silk" for text, canonical in found)


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("Zembla Design Week", "EVENT"),
        ("Varrow Tennis Finals", "EVENT"),
        ("Quill Marathon", "EVENT"),
        ("Zemblan Data Protection Act", "LAW"),
        ("Group C", "EVENT"),
    ],
)
def test_events_laws_and_stages_of_a_contest_are_no_bodies(blank, surface: str, label: str) -> None:
    doc = entity_canonicalizer(tagged(blank, f"The {surface} came up at the meeting.", (surface, "ORG")))
    assert [span.label_ for span in doc.ents] == [label]


def test_a_body_of_law_stays_a_body(blank) -> None:
    doc = tagged(
        blank, "The Zemblan Society of International Law met.", ("Zemblan Society of International Law", "ORG")
    )
    assert names(doc) == {("ORG", "Zemblan Society of International Law")}


def test_a_newspaper_named_after_its_town_is_the_paper(blank) -> None:
    doc = tagged(blank, "The Varrton Mercury News said so.", ("Varrton", "GPE"))
    assert names(doc) == {("ORG", "Varrton Mercury News")}


def test_a_name_used_as_a_social_network_is_a_body(blank) -> None:
    doc = tagged(
        blank,
        "She shared it on Zorbogram. Her Zorbogram page was closed. Quillby said so.",
        ("Zorbogram", "PERSON"),
        ("Zorbogram", "PERSON"),
        ("Quillby", "PERSON"),
    )
    assert names(doc) == {("ORG", "Zorbogram"), ("PERSON", "Quillby")}


def test_the_name_before_administration_is_a_person_with_the_full_name(blank) -> None:
    doc = tagged(
        blank,
        "The Varr administration said so. Tom Varr agreed. The Zorbist regime fell.",
        ("Varr", "ORG"),
        ("Tom Varr", "ORG"),
        ("Zorbist", "ORG"),
    )
    assert names(doc) == {("PERSON", "Tom Varr"), ("ORG", "Zorbist")}


def test_a_short_name_spelling_the_initials_of_a_longer_one_is_that_body(blank) -> None:
    doc = tagged(
        blank,
        "Officers of the Border Quill Agency met. Later BQA said it would act.",
        ("the Border Quill Agency", "ORG"),
        ("BQA", "GPE"),
    )
    assert names(doc) == {("ORG", "Border Quill Agency")}


def test_a_name_written_with_a_capital_the_and_a_lowercase_one_has_no_the(blank) -> None:
    doc = tagged(
        blank,
        "The Zemblan Space Agency says it will fly. Later the Zemblan Space Agency agreed.",
        ("The Zemblan Space Agency", "ORG"),
        ("the Zemblan Space Agency", "ORG"),
    )
    assert names(doc) == {("ORG", "Zemblan Space Agency")}


def test_a_word_capitalised_only_to_open_its_sentences_is_no_name(blank) -> None:
    text = "Quince is easy to cook. The quince keeps for months. Tom Varr agreed. Varr said so. The varr is a fish."
    doc = blank(text)
    for token in doc[1:]:
        token.is_sent_start = doc[token.i - 1].text == "."
    doc.ents = [
        doc.char_span(start, start + len(surface), label="PERSON")
        for surface, start in (("Quince", 0), ("Tom Varr", text.index("Tom Varr")), ("Varr", text.index("Varr said")))
    ]
    assert names(doc) == {("PERSON", "Tom Varr")}


def test_a_dateline_town_before_its_country_is_a_place(blank) -> None:
    doc = tagged(
        blank, "QUILLTON, KENYA\n\nZorbco, Kenya's biggest firm, said so.", ("QUILLTON", "ORG"), ("Zorbco", "ORG")
    )
    assert ("GPE", "Quillton") in names(doc) and ("ORG", "Zorbco") in names(doc)
