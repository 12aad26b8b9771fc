"""Background work, run by `python manage.py db_worker`: thin wrappers around services."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from articles import services

logger = logging.getLogger(__name__)


@task()
def process_article_task(article_id: int) -> str:
    """Extract and store one article's annotations; returns its final status.

    When the database goes away mid-task the article is given back to the queue and a retry is
    enqueued after PROCESSING_RETRY_DELAY seconds; the task itself fails (recorded by the worker).
    If the database is still gone for that, the article keeps its lease and `requeue_stale` recovers it.
    """
    try:
        return services.process_article(article_id=article_id).status
    except services.TRANSIENT_DATABASE_ERRORS as exc:
        logger.warning("database error while processing article %s; giving it back to the queue", article_id)
        # A dropped connection stays broken until closed; the next query then opens a new one.
        # (Not inside a transaction: run there, the caller owns the connection.)
        if not connection.in_atomic_block:
            close_old_connections()
        try:
            if services.release_article(article_id=article_id, error=f"{type(exc).__name__}: {exc}"):
                enqueue_processing(article_id, delay=settings.PROCESSING_RETRY_DELAY)
        except services.TRANSIENT_DATABASE_ERRORS:
            logger.warning("database still unavailable; article %s waits for its lease to expire", article_id)
        raise


def enqueue_processing(article_id: int, *, delay: float = 0) -> None:
    """Queue an article for the workers once the surrounding transaction commits (after `delay` seconds)."""
    if delay > 0:
        run_after = timezone.now() + dt.timedelta(seconds=delay)
        transaction.on_commit(lambda: process_article_task.using(run_after=run_after).enqueue(article_id))
    else:
        transaction.on_commit(lambda: process_article_task.enqueue(article_id))


def pending_article_ids() -> set[int]:
    """Articles with a processing task that is waiting or running."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING], task_path=process_article_task.module_path
    ).values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows if row.get("args")}


def requeue_stale() -> list[int]:
    """Recover documents whose worker was killed: queue them again and enqueue their tasks."""
    from django_tasks_db.models import DBTaskResult

    # A task left RUNNING by a killed worker never finishes; record it as failed so it is not counted pending.
    cutoff = timezone.now() - dt.timedelta(seconds=settings.PROCESSING_LEASE_SECONDS)
    DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path=process_article_task.module_path, started_at__lt=cutoff
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="articles.tasks.WorkerLost",
        traceback="The worker stopped while running this task; requeue_stale queued the article again.",
    )
    with transaction.atomic():
        ids = services.requeue_stale_articles(pending_ids=pending_article_ids())
        for article_id in ids:
            enqueue_processing(article_id)
    return ids
