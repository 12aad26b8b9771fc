"""The annotated body as HTML: escaped text segments with nested marks. A security boundary.

Every character of user text passes through `escape`; markup comes only from the
fixed tags built here, so no annotation or body text can inject HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Layer:
    """One mark to draw: [start, end) of the body, a layer name, and attributes for the element."""

    start: int
    end: int
    layer: str
    attrs: dict[str, str] = field(default_factory=dict)
    tag: str = "mark"


def render_annotated(text: str, marks: list[Layer]) -> SafeString:
    """HTML of `text` with every mark wrapped in its element; overlapping marks are split to nest properly."""
    valid = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.start, -m.end),
    )
    boundaries = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[str] = []
    open_stack: list[Layer] = []
    for left, right in zip(boundaries, boundaries[1:], strict=False):
        active = [m for m in valid if m.start <= left and right <= m.end]
        # Keep the longest-lived marks outermost so each segment nests the same way.
        active.sort(key=lambda m: (m.start, -m.end))
        common = 0
        while common < len(open_stack) and common < len(active) and open_stack[common] is active[common]:
            common += 1
        for mark in reversed(open_stack[common:]):
            out.append(f"</{mark.tag}>")
        for mark in active[common:]:
            out.append(_open_tag(mark))
        open_stack = active
        out.append(escape(text[left:right]))
    for mark in reversed(open_stack):
        out.append(f"</{mark.tag}>")
    return mark_safe("".join(out))  # noqa: S308 - every text segment above is escaped


def _open_tag(mark: Layer) -> str:
    attrs = {"class": f"ann ann-{mark.layer}", **mark.attrs}
    rendered = " ".join(f'{escape(k)}="{escape(v)}"' for k, v in attrs.items())
    return f"<{mark.tag} {rendered}>"
