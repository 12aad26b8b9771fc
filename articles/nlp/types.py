"""Plain data passed between the pipeline stages and returned to callers.

Every `start`/`end` is a Python string index into the clean body (end exclusive).
No spaCy object and no Django object ever appears here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceDocument:
    """One document as received: raw text plus whatever the uploader told us."""

    id: str
    raw: str
    kind: str = "text"  # "text", "markdown" or "html"
    title: str = ""
    publication: str = ""
    byline: str = ""
    url: str = ""
    published: dt.date | None = None


@dataclass(frozen=True)
class Link:
    """A hyperlink kept from HTML: its anchor text's span in the clean body and its target."""

    start: int
    end: int
    href: str


@dataclass(frozen=True)
class CleanDocument:
    """The article body after boilerplate removal, with metadata found in the document."""

    text: str
    title: str = ""
    byline: str = ""
    publication: str = ""
    url: str = ""
    published: dt.date | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class EntityAnnotation:
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, NORP, LOC, ...
    canonical: str


@dataclass(frozen=True)
class QuoteAnnotation:
    text: str  # the quoted words without the marks; parts of a split quote joined by a space
    spans: tuple[tuple[int, int], ...]  # the quoted words of each part, marks excluded
    speaker: str | None  # canonical name, "the cable", or None
    speaker_text: str = ""  # the words naming the speaker, as written ("he", "Kayani")
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str = ""  # the cue verb or phrase ("said", "according to")
    kind: str = "person"  # "person" or "document"

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class DateAnnotation:
    start: int
    end: int
    text: str
    value: str | None  # ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY"; None when it cannot be anchored
    precision: str | None = None  # "day", "month", "year"


@dataclass(frozen=True)
class CableReferenceAnnotation:
    start: int
    end: int
    text: str
    reference_id: str | None = None
    origin: str | None = None
    date: str | None = None  # ISO, any precision


@dataclass(frozen=True)
class Annotation:
    """Everything the pipeline found in one document."""

    id: str
    text: str
    title: str = ""
    byline: str = ""
    publication: str = ""
    url: str = ""
    published: dt.date | None = None
    entities: tuple[EntityAnnotation, ...] = ()
    quotes: tuple[QuoteAnnotation, ...] = ()
    dates: tuple[DateAnnotation, ...] = ()
    cables: tuple[CableReferenceAnnotation, ...] = ()
    links: tuple[Link, ...] = field(default=())
    language: str = "en"  # ISO 639-1; in another language only quotations, dates and cables are annotated
    error: str = ""  # set when this document could not be annotated; everything else is then empty

    def to_json(self) -> dict:
        """The shape of ../shared/eval/FORMAT.md (extra keys allowed; `error` only when annotation failed)."""
        data = self._json()
        if self.error:
            data["error"] = self.error
        return data

    def _json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "byline": self.byline,
            "publication": self.publication,
            "url": self.url,
            "language": self.language,
            "text": self.text,
            "entities": [
                {"start": e.start, "end": e.end, "text": e.text, "label": e.label, "canonical": e.canonical}
                for e in self.entities
            ],
            "quotes": [
                {
                    "text": q.text,
                    "spans": [list(s) for s in q.spans],
                    "speaker": q.speaker,
                    "speaker_text": q.speaker_text,
                    "cue": q.cue,
                    "kind": q.kind,
                }
                for q in self.quotes
            ],
            "dates": [
                {"start": d.start, "end": d.end, "text": d.text, "value": d.value, "precision": d.precision}
                for d in self.dates
            ],
            "cables": [
                {
                    "start": c.start,
                    "end": c.end,
                    "text": c.text,
                    "reference_id": c.reference_id,
                    "origin": c.origin,
                    "date": c.date,
                }
                for c in self.cables
            ],
        }
