"""Paragraph-level boilerplate removal shared by the HTML and the text paths.

The rules are patterns of what news sites put around a story (paywall and
subscription offers, newsletter prompts, share bars, "read more" teasers,
navigation), never strings taken from particular documents. A paragraph is
only ever dropped when it is short: body paragraphs that merely mention a
subscription or a newsletter are prose and stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Lines that open a paywall / subscription block. What follows such a line is
# dropped too as long as it is not prose (plan names, prices, feature lists).
_BLOCK_START = re.compile(
    r"you['’]?(ve| have) (reached|hit|used) (your|the|all)\b.*\b(limit|free|articles?|stories)|"
    r"\bfree (articles?|stories) (left|remaining|this month|per month)|"
    r"\bsubscribe (now|today|to (read|continue|get|unlock|keep|access|our))|"
    r"\balready (a )?(subscriber|subscribed|a member|have an account|registered)|"
    r"\b(log|sign) ?in to (continue|read|keep reading|access|unlock|view)|"
    r"\bto (continue|keep) reading\b|"
    r"\b(article|story|content) is (only )?(available|reserved|exclusive) (to|for) (paid )?(subscribers|members)|"
    r"\b(unlock|get|enjoy) (unlimited|full|complete|premium) (digital )?(access|reading)|"
    r"\bunlimited (digital )?access\b|"
    r"\b(start|begin|try) (your )?(free|\d+[- ]day) (trial|access)|"
    r"\bbecome a (member|subscriber)\b|"
    r"\b(choose|select|view) (a|your|all) (subscription|plan)s?\b|"
    r"\b(subscription|digital) (plans?|offers?|packages?)\b|"
    r"\bcancel (at )?any ?time\b|"
    r"\bpaywall\b",
    re.IGNORECASE,
)

# Short lines that are boilerplate on their own (removed one at a time).
_LINE = re.compile(
    r"^(advertisements?|advertising|sponsored( content)?|promoted( content)?|ad|adverti[sz]ement feature)$|"
    r"^(story )?continues? (below|after)( advertisement)?$|"
    r"^(share|tweet|email|e-mail|print|pin|save|comment)s?( (this|the) (article|story|page|post))?"
    r"( (on|via|with) \w+)?\s*[:|]?$|"
    r"^(read|see|watch|listen) (more|also|next|the full (story|article)|related)\b\s*([:»›→|-].{0,120}|…)?$|"
    r"^(more|also) (on|from|in|about) (this|the|our) (story|topic|subject|section|author|site|series)\b.{0,60}$|"
    r"^related( (articles?|stories|coverage|content|links?|topics|reading|news|videos?))?\s*(:.{0,100})?$|"
    r"^(recommended( for you)?|most (read|popular|viewed|shared)|trending( now)?|top stories|"
    r"you (may|might) also like)\s*(:.{0,60})?$|"
    r"\bsign(ed)? up (for|to) (our|the|a|his|her|their|\w+['’]s)\b.{0,40}"
    r"\b(newsletters?|briefings?|digest|alerts|emails)\b|"
    r"\b(newsletters?|alerts?) sign ?up\b|"
    r"\b(delivered|sent|straight) (to|into) your inbox\b|"
    r"\benter your (e-?mail|email address)\b|"
    r"^thanks?( you)? for (signing up|subscribing|registering)\b|\b(check|keep an eye on) your inbox\b|"
    r"\berror (processing|with) your (subscription|sign-?up|request)\b|"
    r"^(follow|like|join) (us|\w+( \w+)?) on (facebook|twitter|x|instagram|linkedin|youtube|telegram|whatsapp)\b|"
    r"^(click|tap) here\b|"
    r"^(download|get) (our|the) (free )?(app|apps|mobile app)\b|"
    r"^(copyright|©|\(c\))\s*(©\s*)?(\d{4}|[a-z])|\ball rights reserved\b|"
    r"^(return|back|go|skip) to (top|home|homepage|main content|content|navigation|menu|the top|"
    r"[\w'’&]+( [\w'’&-]+){0,6})$|"
    r"^(english|spanish|french|german|portuguese|italian|arabic|chinese|russian|print|mobile|desktop|text|pdf) "
    r"(version|edition)$|"
    r"^(previous|next|prev)( (article|story|page|post|slide|chapter))?(\s*[:»›→<←|].{0,80})?$|"
    r"^(comments?|\d+ comments?|leave a (comment|reply)|post a comment|show comments|view comments)$|"
    r"^(loading|please wait)( comments| more)?\W*$|"
    r"^(close|fullscreen|full screen|thumbnails|expand|collapse|menu|search|play|pause|mute|more|"
    r"show more|load more|view all|see all|\d+ of \d+)$|"
    r"^(we use|this (site|website) uses) cookies\b|"
    r"^(image|photo|video) (source|credit)s?\s*:",
    re.IGNORECASE,
)

# A line made only of social network / sharing words ("Share Facebook Twitter Email").
_SOCIAL_WORDS = re.compile(
    r"^(?:\s*(?:share|shares|tweet|facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|reddit|pinterest|"
    r"tumblr|telegram|messenger|copy link|copy|link|flipboard|pocket|sms|save|comments?|\d+|[|•·/,])\s*)+$",
    re.IGNORECASE,
)

# A heading over teasers for other stories; from it to the end of a page nothing is the article.
_TAIL_HEADING = re.compile(
    r"^(other|more|recent|latest|featured|popular|related|recommended|trending|top|editors['’]? picks?)\b"
    r"(\s+[\w'’&-]+){0,4}\s+(stories|articles|columns|posts|videos|slide ?shows|galleries|headlines|news|reads|"
    r"opinion|links|coverage)\s*:?$",
    re.IGNORECASE,
)
_PRICE = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?(usd|eur|gbp|inr)\b|/\s?(month|mo|week|wk|year|yr)\b|\bper (month|week|year)\b", re.I
)
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_WORD = re.compile(r"\w+")

# Word counts beyond which a paragraph is body text whatever it mentions.
_MAX_BLOCK_START_WORDS = 40
_MAX_LINE_WORDS = 25


def is_prose(text: str) -> bool:
    """A paragraph that reads as body text: a real sentence ending in sentence punctuation."""
    return len(_WORD.findall(text)) >= 8 and bool(_PROSE_END.search(text.strip()))


def is_boilerplate_line(text: str) -> bool:
    """A short paragraph that is boilerplate on its own (share bar, 'Advertisement', newsletter prompt...)."""
    stripped = text.strip().strip("|•·»›>→-–— ")
    if not stripped:
        return True
    words = len(_WORD.findall(stripped))
    if words > _MAX_LINE_WORDS:
        return False
    return bool(_LINE.search(stripped) or _SOCIAL_WORDS.match(stripped))


def starts_block(text: str) -> bool:
    """A short paragraph that opens a paywall / subscription block."""
    return len(_WORD.findall(text)) <= _MAX_BLOCK_START_WORDS and bool(_BLOCK_START.search(text))


def boilerplate_mask(paragraphs: Sequence[str]) -> list[bool]:
    """For each paragraph, whether it is boilerplate.

    A paywall block runs from its opening line over every following line that
    is not prose (plan names, prices, feature lists); it ends at the first
    prose paragraph, so a block in the middle of a story costs the story nothing.
    """
    mask = [False] * len(paragraphs)
    in_block = False
    for i, para in enumerate(paragraphs):
        if i >= len(paragraphs) // 2 and len(para) <= 80 and _TAIL_HEADING.match(para.strip()):
            mask[i:] = [True] * (len(paragraphs) - i)
            break
        if starts_block(para):
            mask[i] = True
            in_block = True
            continue
        if in_block:
            if is_prose(para) and not _PRICE.search(para) and not is_boilerplate_line(para):
                in_block = False
            else:
                mask[i] = True
                continue
        mask[i] = is_boilerplate_line(para)
    _mask_tail(paragraphs, mask)
    return mask


# A prompt to follow the author or the site, as the last paragraphs of a page put it.
_FOLLOW = re.compile(
    r"\bfollow (us|him|her|them|me|[A-Z][\w'’.-]*( [A-Z][\w'’.-]*)?) (on|at|via) "
    r"(twitter|facebook|instagram|linkedin|x|threads|bluesky)\b|\bon twitter,? @\w+",
    re.IGNORECASE,
)
_MAX_FOLLOW_WORDS = 60
_MAX_TEASER_WORDS = 20
# What a list item starts with or holds (`June 9 – Tampa`, `3) A gift`, `England (Group A): …`), so
# that a list ending a story is not taken for headlines of other stories; a table row has numbers.
_LIST_ITEM = re.compile(r"^\W*(\d+[).:]|[A-Z][a-z]{2,8}\.? \d)|\s(--|–|—|@|\|)\s|https?://|www\.|\(")
_NUMBER = re.compile(r"\b\d+\b")


def _is_headline(text: str) -> bool:
    """A headline of another story: a title-case line of a few words with no sentence punctuation."""
    if _PROSE_END.search(text) or text.endswith(":") or _LIST_ITEM.search(text):
        return False
    words = _WORD.findall(text)
    long_words = [word for word in words if len(word) > 3]
    capitals = sum(word[0].isupper() or word[0].isdigit() for word in long_words)
    return len(words) >= 3 and bool(long_words) and capitals >= 0.6 * len(long_words)


def _mask_tail(paragraphs: Sequence[str], mask: list[bool]) -> None:
    """The end of a page: an author's promotion with a prompt to follow them, then (reading
    upwards) a run of short paragraphs that are mostly headlines of other stories."""
    kept = [i for i, masked in enumerate(mask) if not masked]
    for i in kept[-3:]:
        if len(_WORD.findall(paragraphs[i])) <= _MAX_FOLLOW_WORDS and _FOLLOW.search(paragraphs[i]):
            mask[i] = True
    kept = [i for i, masked in enumerate(mask) if not masked]
    run: list[int] = []  # the short paragraphs at the end, last first
    for i in reversed(kept):
        if len(_WORD.findall(paragraphs[i])) > _MAX_TEASER_WORDS:
            break
        run.append(i)
    run.reverse()
    teasers = [i for i in run if _is_headline(paragraphs[i].strip())]
    if len(teasers) < 2:
        return
    # From the first headline on: mostly headlines of other stories, and the story before them keeps
    # three paragraphs at least.
    tail = run[run.index(teasers[0]) :]
    if any(_LIST_ITEM.search(paragraphs[i].strip()) or len(_NUMBER.findall(paragraphs[i])) >= 3 for i in tail):
        return  # a table or a list ends the story
    if 2 * len(teasers) >= len(tail) and kept.index(tail[0]) >= 3:
        for i in tail:
            mask[i] = True
