"""python manage.py requeue_stale: queue again the documents a killed worker left behind."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.tasks import requeue_stale


class Command(BaseCommand):
    help = (
        "Queue again articles whose worker stopped mid-document (expired lease) or whose task was lost. "
        "`make run` runs it before starting the worker; in production run it from cron or before each worker."
    )

    def handle(self, *args, **options) -> None:
        ids = requeue_stale()
        self.stdout.write(f"{len(ids)} article(s) queued again")
