"""Accounts: sign in and out, the three groups, adding users from the shell."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_setup_groups_creates_the_three_groups_and_is_repeatable():
    call_command("setup_groups", verbosity=0)
    call_command("setup_groups", verbosity=0)
    groups = {g.name: g for g in Group.objects.all()}
    assert set(groups) == {"readers", "uploaders", "curators"}
    perms = {name: set(g.permissions.values_list("codename", flat=True)) for name, g in groups.items()}
    assert perms["readers"] == {"view_article"}
    assert perms["uploaders"] == {"view_article", "add_article"}
    assert {"curate", "change_mention", "change_quote"} <= perms["curators"]
    assert "add_article" not in perms["curators"]


def test_add_user_puts_a_new_user_in_groups(monkeypatch):
    call_command("setup_groups", verbosity=0)
    monkeypatch.setenv("CABLES_PASSWORD", "a long pass phrase")
    call_command("add_user", "ana", "--group", "uploaders", "--group", "curators")
    user = User.objects.get(username="ana")
    assert user.check_password("a long pass phrase")
    assert user.has_perm("articles.add_article") and user.has_perm("articles.curate")
    assert user.is_staff, "curators reach the admin"


def test_add_user_refuses_a_weak_password(monkeypatch):
    call_command("setup_groups", verbosity=0)
    monkeypatch.setenv("CABLES_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("add_user", "bob")
    assert not User.objects.filter(username="bob").exists()


def test_sign_in_and_out(client):
    User.objects.create_user("reader", password="a long pass phrase")
    response = client.post(reverse("login"), {"username": "reader", "password": "a long pass phrase"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused(client):
    User.objects.create_user("reader", password="a long pass phrase")
    response = client.post(reverse("login"), {"username": "reader", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_upload_link_shows_only_to_uploaders(client):
    call_command("setup_groups", verbosity=0)
    user = User.objects.create_user("reader", password="a long pass phrase")
    client.force_login(user)
    assert reverse("articles:upload").encode() not in client.get("/").content
    user.groups.add(Group.objects.get(name="uploaders"))
    client.force_login(User.objects.get(pk=user.pk))
    assert reverse("articles:upload").encode() in client.get("/").content
