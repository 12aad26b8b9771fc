"""Background work, run by `python manage.py db_worker`: thin wrappers around services."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from articles import services


@task()
def process_article_task(article_id: int) -> str:
    """Extract and store one article's annotations; returns its final status."""
    return services.process_article(article_id=article_id).status


def enqueue_processing(article_id: int) -> None:
    """Queue an article for the workers once the surrounding transaction commits."""
    transaction.on_commit(lambda: process_article_task.enqueue(article_id))
