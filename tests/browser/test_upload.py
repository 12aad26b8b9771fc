"""Uploading in a real browser: sign in, upload two files and a pasted text, watch them reach done, read one.

The task worker runs in this process: a thread runs django-tasks-db's Worker loop (the same code as
`manage.py db_worker`, without its signal handlers, which only the main thread may install) over the
live server's database, with the real spaCy model.
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture
def worker(transactional_db):
    from django_tasks_db.management.commands.db_worker import Worker

    loop = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )

    def run() -> None:
        try:
            loop.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield loop
    loop.running = False
    thread.join(timeout=60)


@pytest.fixture
def uploader(transactional_db, settings) -> User:
    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    call_command("setup_groups", verbosity=0)
    user = User.objects.create_user("journalist", password="a long pass phrase")
    user.groups.add(Group.objects.get(name="uploaders"))
    return user


def test_upload_two_files_and_pasted_text_then_read_the_article(
    page: Page, live_server, uploader, worker, tmp_path, screenshot
):
    csp_violations: list[str] = []
    page.on("console", lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.set_default_timeout(15_000)
    first = tmp_path / "embassy.txt"
    first.write_text(
        "Envoy meets the general\n\nThe US ambassador met Gen Maria Lopez in Madrid on 3 March 2009, "
        'a cable shows. "We will not move the troops," Lopez said.'
    )
    second = tmp_path / "briefing.md"
    second.write_text("# Delhi briefing\n\nOfficials in New Delhi said the talks with Pakistan would resume in May.")

    page.goto(f"{live_server.url}/accounts/login/?next=/upload/")
    page.get_by_label("Username").fill("journalist")
    page.get_by_label("Password").fill("a long pass phrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Upload articles")).to_be_visible()

    page.locator('input[name="files"]').set_input_files([str(first), str(second)])
    page.get_by_label("Text").fill(
        "Lisbon talks\n\nThe foreign minister of Portugal met envoys in Lisbon in June 2010."
    )
    page.get_by_label("Title").fill("Talks in Lisbon")
    page.get_by_label("Publication").fill("The Paper")
    page.get_by_role("button", name="Upload").click()

    expect(page.get_by_text("added and queued")).to_have_count(3)
    rows = page.locator("tr.upload-row")
    expect(rows).to_have_count(3)
    # The rows poll their status until the worker has processed every document.
    expect(page.locator('tr.upload-row[data-status="done"]')).to_have_count(3, timeout=90_000)
    screenshot(page, "upload-done")

    page.locator("tr.upload-row", has_text="Talks in Lisbon").get_by_role("link", name="read it").click()
    expect(page.get_by_role("heading", name="Talks in Lisbon")).to_be_visible()
    expect(page.locator("#article-body")).to_contain_text("foreign minister of Portugal")
    assert not csp_violations, csp_violations
