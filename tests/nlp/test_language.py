"""The language of an article decides which annotations an English pipeline can give it."""

from __future__ import annotations

import pytest

from articles.nlp.language import detect_language, language_name

PORTUGUESE = (
    "O governo disse na segunda-feira que não comentaria os telegramas publicados pelo site. "
    "Segundo o ministro Celso Varr, a embaixada em Brasília escreveu em 2009 que o presidente era muito "
    'popular. "Não vamos comentar documentos roubados, nem agora nem depois das eleições", disse Varr '
    "aos jornalistas, antes de deixar o palácio sem responder a outras perguntas."
)
ENGLISH = (
    "The government said on Monday that it would not comment on the cables published by the site. "
    "According to minister Celso Varr, the embassy in Brasilia wrote in 2009 that the president was very "
    'popular. "We will not comment on stolen documents, not now and not after the elections," Varr told '
    "reporters, before leaving the palace without answering other questions."
)


def test_the_language_of_a_text_is_detected() -> None:
    assert detect_language(PORTUGUESE) == "pt"
    assert detect_language(ENGLISH) == "en"
    assert language_name("pt") == "Portuguese"


def test_a_short_text_is_taken_as_english() -> None:
    assert detect_language("Não.") == "en"
    assert detect_language("") == "en"


@pytest.mark.model
def test_text_in_another_language_gets_quotations_and_dates_but_no_names_or_speakers() -> None:
    from articles.nlp import SourceDocument, annotate_documents

    portuguese, english = annotate_documents(
        [
            SourceDocument(id="pt", raw="Manchete\n\n" + PORTUGUESE),
            SourceDocument(id="en", raw="Headline\n\n" + ENGLISH),
        ]
    )
    assert portuguese.language == "pt" and english.language == "en"
    assert portuguese.entities == ()
    assert [(q.speaker, q.speaker_text) for q in portuguese.quotes] == [(None, "")]
    assert "2009" in {d.value for d in portuguese.dates}
    assert ("PERSON", "Celso Varr") in {(e.label, e.canonical) for e in english.entities}
    assert [q.speaker for q in english.quotes] == ["Celso Varr"]


def test_plain_english_is_told_without_the_model(monkeypatch) -> None:
    from articles.nlp import language

    monkeypatch.setattr(language, "_identifier", lambda: pytest.fail("the model was asked"))
    assert detect_language(ENGLISH) == "en"
