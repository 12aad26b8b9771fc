"""The language an article is written in (py3langid, a small model shipped with the package).

Names, speakers and dates are found by an English pipeline; on text in another language it reads
capitalised words as names and sentence openings as speakers. The pipeline asks here first.
"""

from __future__ import annotations

import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

ENGLISH = "en"
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_WORDS = frozenset("the and of to in a is that it for was on with as by he she said his her are were".split())
_SAMPLE_CHARS = 1500  # the opening of a long article says enough
_MIN_CHARS = 200  # shorter texts are too little to tell: taken as English
_CONFIDENCE = 0.75  # (an article quoting scripture or another script still reads clearly as its language)

NAMES = {
    "ar": "Arabic",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "zh": "Chinese",
}


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    _identifier()


def _plainly_english(sample: str) -> bool:
    """A fifth of the words English function words: no need to ask the model (most articles)."""
    words = _WORD.findall(sample.casefold())
    return bool(words) and sum(word in _ENGLISH_WORDS for word in words) >= 0.2 * len(words)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in; English unless another is clear."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS or _plainly_english(sample):
        return ENGLISH
    code, confidence = _identifier().classify(sample)
    return str(code) if confidence >= _CONFIDENCE else ENGLISH


def language_name(code: str) -> str:
    return NAMES.get(code, code)
