"""Curating in a real browser: a curator merges two entities in the admin and the article shows one person."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from playwright.sync_api import Page, expect

from articles.models import Article, Entity, Mention

pytestmark = pytest.mark.browser

BODY = "Jane Roe arrived in Vienna on Monday. Later that week J. Roe met the minister, and Roe spoke to reporters."


@pytest.fixture
def curator(transactional_db, settings) -> User:
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False  # the live server speaks plain HTTP
    call_command("setup_groups", verbosity=0)
    user = User.objects.create_user("archivist", password="a long pass phrase", is_staff=True)
    user.groups.add(Group.objects.get(name="curators"))
    return user


@pytest.fixture
def split_person(transactional_db) -> Article:
    """An article whose one person was recognised as two entities."""
    article = Article.objects.create(title="Talks in Vienna", raw=BODY, body=BODY, status=Article.Status.DONE)
    full = Entity.objects.create(name="Jane Roe", kind="PERSON")
    initial = Entity.objects.create(name="J. Roe", kind="PERSON")
    for entity, surface in ((full, "Jane Roe"), (initial, "J. Roe"), (full, "Roe spoke")):
        name = surface.removesuffix(" spoke")
        start = BODY.index(surface)
        Mention.objects.create(
            article=article, entity=entity, start=start, end=start + len(name), text=name, label="PERSON"
        )
    return article


def _people_linked(page: Page) -> set[str]:
    """The entities the person marks of the article body point at."""
    ids = page.locator("#article-body .ann-person").evaluate_all("els => els.map(e => e.dataset.entity)")
    return set(ids)


def test_curator_merges_two_entities_and_the_article_shows_one_person(
    page: Page, live_server, curator, split_person, screenshot
):
    page.goto(f"{live_server.url}/articles/{split_person.pk}/")
    assert len(_people_linked(page)) == 2

    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/entity/")
    page.fill("#id_username", "archivist")
    page.fill("#id_password", "a long pass phrase")
    page.locator("input[type=submit]").click()
    expect(page.locator("#result_list")).to_be_visible()

    for name in ("Jane Roe", "J. Roe"):
        page.locator("#result_list tr", has_text=name).locator("input.action-select").check()
    page.select_option("select[name=action]", "merge")
    page.locator("button[name=index], input[name=index]").first.click()
    page.get_by_label("Jane Roe").check()
    screenshot(page, "admin-merge")
    page.locator("input[type=submit][value=Merge]").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged 1 entities into Jane Roe")

    page.goto(f"{live_server.url}/articles/{split_person.pk}/")
    people = _people_linked(page)
    assert people == {str(Entity.objects.get(name="Jane Roe").pk)}
    expect(page.locator("#article-body .ann-person")).to_have_count(3)
    expect(page.locator(".count-person")).to_contain_text("1 person")
    assert not Entity.objects.filter(name="J. Roe").exists()
