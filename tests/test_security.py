"""Security: CSP without inline script, production settings, permissions of every view that writes."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    call_command("setup_groups", verbosity=0)


def user_in(group: str | None, name: str) -> User:
    user = User.objects.create_user(name, password="a long pass phrase")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def test_pages_send_a_content_security_policy_without_inline_script(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_rendered_pages_hold_no_inline_script_or_style(client, groups):
    article = ArticleFactory(body="Jane Roe said hello.", raw="security-page")
    client.force_login(user_in("uploaders", "u"))
    for url in ["/", article.get_absolute_url(), reverse("articles:upload"), reverse("login")]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {url}: {tag}"
        assert not re.search(r"<style\b", html), f"inline <style> on {url}"
        assert not re.search(r"\son[a-z]+=", html), f"event handler attribute on {url}"


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "cables.example.org",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_cookies_are_secure_and_hsts_on_when_not_in_debug(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY_FILE": str(tmp_path / "key"),
        "DJANGO_SETTINGS_MODULE": "cables.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"], env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr


WRITING_VIEWS = [
    ("post", "articles:upload", False),
    ("get", "articles:upload", False),
    ("post", "articles:upload-retry", True),
    ("get", "articles:upload-status", True),
]


@pytest.mark.parametrize(("method", "name", "takes_pk"), WRITING_VIEWS)
def test_visitors_are_sent_to_sign_in_from_upload_views(client, method, name, takes_pk):
    article = ArticleFactory(status=Article.Status.FAILED)
    url = reverse(name, args=[article.pk] if takes_pk else [])
    response = getattr(client, method)(url, {"text": "A story."} if method == "post" else None)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert Article.objects.count() == 1


@pytest.mark.parametrize(("method", "name", "takes_pk"), WRITING_VIEWS)
def test_readers_and_curators_may_not_upload(client, groups, method, name, takes_pk):
    article = ArticleFactory(status=Article.Status.FAILED)
    for group in ("readers", "curators", None):
        client.force_login(user_in(group, f"user-{group}"))
        url = reverse(name, args=[article.pk] if takes_pk else [])
        response = getattr(client, method)(url, {"text": "A story."} if method == "post" else None)
        assert response.status_code == 403, group
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert Article.objects.count() == 1


def test_upload_and_retry_refuse_get_and_need_csrf(groups):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user_in("uploaders", "u"))
    article = ArticleFactory(status=Article.Status.FAILED)
    assert client.post(reverse("articles:upload"), {"text": "A story."}).status_code == 403
    assert client.post(reverse("articles:upload-retry", args=[article.pk])).status_code == 403
    assert client.get(reverse("articles:upload-retry", args=[article.pk])).status_code == 405
    assert Article.objects.count() == 1


def test_uploads_larger_than_the_request_limit_are_refused(client, groups, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(user_in("uploaders", "u"))
    response = client.post(reverse("articles:upload"), {"text": "word " * 1000})
    assert response.status_code == 400
    assert Article.objects.count() == 0
