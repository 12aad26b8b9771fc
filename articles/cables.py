"""Linking cable references in articles to the Cable rows the collection holds."""

from __future__ import annotations

from collections.abc import Sequence

from articles.models import Cable, CableReference


def link_cable_references(references: Sequence[CableReference]) -> None:
    """Point each reference that carries a reference id at its Cable, when the collection holds it (no save)."""
    ids = {r.reference_id for r in references if r.reference_id}
    if not ids:
        return
    cables = {c.reference_id: c for c in Cable.objects.filter(reference_id__in=ids)}
    for reference in references:
        if reference.reference_id in cables:
            reference.cable = cables[reference.reference_id]
