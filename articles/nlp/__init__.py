"""The annotation pipeline: plain Python over plain data, no Django.

`annotate_documents(docs)` is the entry point; each stage lives in its own module
(extract, entities, quotes, dates, cables) and returns frozen dataclasses from
`types` with character offsets into the clean body.
"""

from articles.nlp.entities import standard_name
from articles.nlp.pipeline import DEFAULT_MODEL, annotate_documents, load_pipeline
from articles.nlp.types import (
    Annotation,
    CableReferenceAnnotation,
    CleanDocument,
    DateAnnotation,
    EntityAnnotation,
    QuoteAnnotation,
    SourceDocument,
)

__all__ = [
    "DEFAULT_MODEL",
    "Annotation",
    "CableReferenceAnnotation",
    "CleanDocument",
    "DateAnnotation",
    "EntityAnnotation",
    "QuoteAnnotation",
    "SourceDocument",
    "annotate_documents",
    "load_pipeline",
    "standard_name",
]
