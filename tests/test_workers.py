"""Background processing under faults: racing workers, a killed worker, the database going away.

Tests that start real `db_worker` processes share the test database with them (a temporary SQLite file,
see tests/conftest.py, or PostgreSQL). Those workers run a fake pipeline that logs each document it
processes: what is tested is the queue and the claim, not the model (tests/test_commands.py runs that).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import services, tasks
from articles.models import Article
from articles.nlp.types import Annotation
from tests.factories import ArticleFactory

PROJECT_DIR = Path(__file__).resolve().parent.parent

WORKER = """
import os, sys, time
import django
django.setup()
from articles import services
from articles.nlp.types import Annotation

def fake_annotate(docs, **kwargs):
    for doc in docs:
        with open(os.environ["FAKE_LOG"], "a") as log:
            log.write(doc.id + "\\n")
        time.sleep(float(os.environ.get("FAKE_DELAY", "0")))
        yield Annotation(id=doc.id, text=doc.raw)

services.annotate_documents = fake_annotate
from django.core.management import call_command
call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", *sys.argv[1:])
"""


def queued(n: int, prefix: str = "doc") -> list[Article]:
    return [
        ArticleFactory(status=Article.Status.QUEUED, body="", raw=f"{prefix} {i}: a story about Rome.")
        for i in range(n)
    ]


def fake_annotate(docs, **kwargs):
    for doc in docs:
        yield Annotation(id=doc.id, text=doc.raw)


def database_url() -> str:
    """The URL of the test database, for worker processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        if "memory" in name:
            pytest.skip("worker processes need a file-backed SQLite test database")
        return f"sqlite:///{name}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(log: Path, *args: str, **env: str) -> subprocess.Popen:
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cables.settings",
        "DATABASE_URL": database_url(),
        "FAKE_LOG": str(log),
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, *args],
        cwd=PROJECT_DIR,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


# -- claims, leases and the sweep, in process ----------------------------------------------------------


@pytest.mark.django_db
def test_claim_is_granted_once_until_the_lease_expires():
    (article,) = queued(1)
    assert services.claim_article(article_id=article.pk) is not None
    assert services.claim_article(article_id=article.pk) is None
    Article.objects.filter(pk=article.pk).update(lease_expires=timezone.now() - dt.timedelta(seconds=1))
    again = services.claim_article(article_id=article.pk)
    assert again is not None
    assert again.attempts == 2


@pytest.mark.django_db
def test_finished_article_is_not_processed_again_by_a_late_task(monkeypatch):
    article = ArticleFactory(status=Article.Status.DONE)
    monkeypatch.setattr(services, "annotate_documents", lambda *a, **k: pytest.fail("processed twice"))
    assert tasks.process_article_task.call(article.pk) == "done"


@pytest.mark.django_db
def test_stalled_article_can_be_retried_from_the_page():
    article = ArticleFactory(status=Article.Status.PROCESSING, lease_expires=timezone.now() - dt.timedelta(seconds=1))
    assert services.retry_article(article=article)
    assert article.status == Article.Status.QUEUED
    busy = ArticleFactory(status=Article.Status.PROCESSING, lease_expires=timezone.now() + dt.timedelta(minutes=5))
    assert not services.retry_article(article=busy)
    assert busy.status == Article.Status.PROCESSING


@pytest.mark.django_db(transaction=True)
def test_sweep_requeues_expired_leases_and_lost_tasks_and_fails_exhausted_ones(settings):
    settings.PROCESSING_LEASE_SECONDS = 60
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    killed = ArticleFactory(status=Article.Status.PROCESSING, lease_expires=long_ago, attempts=1)
    exhausted = ArticleFactory(status=Article.Status.PROCESSING, lease_expires=long_ago, attempts=3)
    working = ArticleFactory(status=Article.Status.PROCESSING, lease_expires=timezone.now() + dt.timedelta(minutes=5))
    lost = ArticleFactory(status=Article.Status.QUEUED)
    waiting = ArticleFactory(status=Article.Status.QUEUED)
    Article.objects.filter(pk__in=[lost.pk, waiting.pk]).update(updated=long_ago)
    tasks.process_article_task.enqueue(waiting.pk)
    assert sorted(tasks.requeue_stale()) == sorted([killed.pk, lost.pk])
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses[killed.pk] == statuses[lost.pk] == Article.Status.QUEUED
    assert statuses[exhausted.pk] == Article.Status.FAILED
    assert statuses[working.pk] == Article.Status.PROCESSING
    assert tasks.pending_article_ids() == {killed.pk, lost.pk, waiting.pk}


# -- the database going away during a task -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_database_going_away_fails_the_task_cleanly_and_it_is_retried(monkeypatch, settings):
    from django.core.management import call_command

    settings.PROCESSING_RETRY_DELAY = 0
    (article,) = queued(1)
    monkeypatch.setattr(services, "annotate_documents", fake_annotate)
    real_save = services.save_annotations
    calls = []

    def save_while_the_database_goes_away(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # the server drops this very connection
                    cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
            raise OperationalError("the database went away")
        return real_save(**kwargs)

    monkeypatch.setattr(services, "save_annotations", save_while_the_database_goes_away)
    tasks.process_article_task.enqueue(article.pk)
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)

    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.attempts == 2
    results = list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", "exception_class_path"))
    assert results[0][0] == TaskResultStatus.FAILED
    assert "OperationalError" in results[0][1]
    assert results[1][0] == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_database_errors_out_of_attempts_fail_the_article_with_the_reason(monkeypatch, settings):
    settings.PROCESSING_MAX_ATTEMPTS = 1
    (article,) = queued(1)

    def broken(*args, **kwargs):
        raise OperationalError("the database went away")
        yield  # pragma: no cover

    monkeypatch.setattr(services, "annotate_documents", broken)
    with pytest.raises(OperationalError):
        tasks.process_article_task.call(article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "gave up after 1 attempts" in article.error
    assert article.raw


# -- real worker processes -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_workers_process_fifty_documents_once_each(tmp_path):
    articles = queued(50)
    for article in articles:
        # Every document is queued twice (a re-upload, a retry racing a sweep): the claim keeps it to one run.
        tasks.process_article_task.enqueue(article.pk)
        tasks.process_article_task.enqueue(article.pk)
    log = tmp_path / "processed.log"
    started = time.monotonic()
    workers = [start_worker(log, "--batch") for _ in range(2)]
    outputs = [w.communicate(timeout=60)[0] for w in workers]
    assert all(w.returncode == 0 for w in workers), outputs
    assert time.monotonic() - started < 60

    processed = log.read_text().split()
    assert sorted(processed) == sorted(str(a.pk) for a in articles), "each document processed exactly once"
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DONE}
    assert set(Article.objects.values_list("attempts", flat=True)) == {1}
    results = DBTaskResult.objects.all()
    assert results.count() == 100
    assert {r.status for r in results} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(r.worker_ids) == 1 for r in results), "no task run by two workers"


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_document_leaves_it_retryable(tmp_path, settings):
    (article,) = queued(1)
    tasks.process_article_task.enqueue(article.pk)
    log = tmp_path / "processed.log"
    worker = start_worker(log, FAKE_DELAY="60", PROCESSING_LEASE_SECONDS="1")
    try:
        deadline = time.monotonic() + 30
        while not (log.exists() and log.read_text()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert log.exists(), "the worker never started the document"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)

    article.refresh_from_db()
    assert article.status == Article.Status.PROCESSING, "killed mid-document"
    assert article.raw
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING

    # The lease (1 s here) expires; the sweep `make run` runs before starting a worker queues it again.
    settings.PROCESSING_LEASE_SECONDS = 1
    time.sleep(1.2)
    assert tasks.requeue_stale() == [article.pk]
    worker = start_worker(log, "--batch")
    output = worker.communicate(timeout=60)[0]
    assert worker.returncode == 0, output

    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.attempts == 2
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == [TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL], "the orphaned task is closed"
