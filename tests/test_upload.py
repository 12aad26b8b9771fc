"""The upload page: pasted text and files validated at once, queued for the workers, progress and retry."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

STORY = "Envoy meets general\n\nThe ambassador met Gen Maria Lopez in Madrid on 3 March 2009."


@pytest.fixture
def uploader(client) -> User:
    call_command("setup_groups", verbosity=0)
    user = User.objects.create_user("uploader", password="a long pass phrase")
    user.groups.add(Group.objects.get(name="uploaders"))
    client.force_login(user)
    return user


def upload(client, *files: SimpleUploadedFile, **fields):
    return client.post(reverse("articles:upload"), {"files": list(files), **fields})


def text_file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_upload_page_shows_the_form_to_uploaders(client, uploader):
    response = client.get(reverse("articles:upload"))
    assert response.status_code == 200
    assert b'type="file"' in response.content and b"multiple" in response.content
    assert b"csrfmiddlewaretoken" in response.content


def test_upload_of_files_and_pasted_text_stores_and_queues_each(client, uploader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            client,
            text_file("one.txt", STORY.encode()),
            text_file("two.md", b"# Second\n\nAnother story about Rome."),
            text="Pasted story about Lisbon and its port.",
            title="Lisbon",
            publication="The Paper",
            published="2011-02-03",
            url="https://example.com/lisbon",
        )
    assert response.status_code == 200
    assert Article.objects.count() == 3
    pasted = Article.objects.get(source_name="pasted text")
    assert (pasted.title, pasted.publication, str(pasted.published)) == ("Lisbon", "The Paper", "2011-02-03")
    assert pasted.uploaded_by == uploader
    assert set(Article.objects.values_list("status", flat=True)) == {"queued"}
    assert DBTaskResult.objects.count() == 3
    html = response.content.decode()
    assert html.count("added and queued") == 3
    for article in Article.objects.all():
        assert f'id="upload-row-{article.pk}"' in html


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt is empty"),
        ("blank.txt", b"  \n\t ", "blank.txt is empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary.txt is a binary file"),
        ("broken.json", b'{"raw": ', "broken.json"),
    ],
)
def test_bad_file_is_refused_by_name_and_nothing_is_stored(client, uploader, name, data, message):
    existing = ArticleFactory()
    before = list(Article.objects.values())
    response = upload(client, text_file(name, data))
    assert response.status_code == 400
    assert "Refused: " + message in response.content.decode()
    assert list(Article.objects.values()) == before
    assert existing.pk == Article.objects.get().pk
    assert DBTaskResult.objects.count() == 0


def test_file_over_the_size_limit_is_refused(client, uploader, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = upload(client, text_file("huge.txt", b"word " * 1000))
    assert response.status_code == 400
    assert "huge.txt is 0.0 MB, over the 0.0 MB limit" in response.content.decode()
    assert Article.objects.count() == 0


def test_legacy_encodings_are_read(client, uploader):
    upload(
        client,
        text_file("latin.txt", "Caf\xe9 story about Lisbon.".encode("cp1252")),
        text_file("utf16.txt", "Na\xefve story about Rome.".encode("utf-16")),
    )
    raws = set(Article.objects.values_list("raw", flat=True))
    assert raws == {"Café story about Lisbon.", "Naïve story about Rome."}


def test_one_bad_file_refuses_only_itself(client, uploader):
    response = upload(client, text_file("empty.txt", b""), text_file("good.txt", STORY.encode()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Refused: empty.txt is empty" in html
    assert "good.txt: added and queued" in html
    assert Article.objects.count() == 1


def test_duplicate_upload_says_so_and_links_to_the_article(client, uploader):
    upload(client, text_file("one.txt", STORY.encode()))
    article = Article.objects.get()
    before = list(Article.objects.values())
    response = upload(client, text_file("copy.txt", STORY.replace("\n", "\r\n").encode()))
    html = response.content.decode()
    assert "copy.txt is already here" in html
    assert f'href="{article.get_absolute_url()}"' in html
    assert list(Article.objects.values()) == before


def test_empty_form_asks_for_files_or_text(client, uploader):
    response = upload(client, title="A title with no text")
    assert response.status_code == 400
    assert "Paste the article" in response.content.decode()
    assert Article.objects.count() == 0


def test_uploads_are_rate_limited_per_user(client, uploader, settings):
    from django.core.cache import cache

    cache.clear()
    settings.UPLOAD_RATE_PER_HOUR = 2
    for n in range(2):
        assert upload(client, text=f"Story number {n} about Rome.").status_code == 200
    response = upload(client, text="One story too many.")
    assert response.status_code == 429
    assert "try later" in response.content.decode()
    assert Article.objects.count() == 2
    other = User.objects.create_user("other", password="a long pass phrase")
    other.groups.add(Group.objects.get(name="uploaders"))
    client.force_login(other)
    assert upload(client, text="Another uploader's story.").status_code == 200, "the limit is per user"


def test_progress_row_polls_until_done_then_stops_with_286(client, uploader):
    article = ArticleFactory(status=Article.Status.QUEUED, uploaded_by=uploader)
    url = reverse("articles:upload-status", args=[article.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"queued" in response.content and b"hx-get" in response.content
    article.status = Article.Status.PROCESSING
    article.save()
    assert b"extracting" in client.get(url, headers={"HX-Request": "true"}).content
    article.status = Article.Status.DONE
    article.save()
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 286
    assert b"hx-get" not in response.content
    assert article.get_absolute_url().encode() in response.content


def test_failed_document_shows_its_error_and_can_be_retried(client, uploader, django_capture_on_commit_callbacks):
    article = ArticleFactory(status=Article.Status.FAILED, error="ValueError: bad", uploaded_by=uploader, attempts=3)
    page = client.get(reverse("articles:upload")).content.decode()
    assert "failed: ValueError: bad" in page and "Retry" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("articles:upload-retry", args=[article.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.status, article.error, article.attempts) == ("queued", "", 0)
    assert article.raw, "the raw text is never lost"
    assert DBTaskResult.objects.count() == 1


def test_retry_of_a_finished_article_changes_nothing(client, uploader, django_capture_on_commit_callbacks):
    article = ArticleFactory(status=Article.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("articles:upload-retry", args=[article.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "done"
    assert DBTaskResult.objects.count() == 0


def test_upload_page_title_is_plain_text(client, django_user_model):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup_groups", verbosity=0)
    user = django_user_model.objects.create_user("titled", password="a long pass phrase")
    user.groups.add(Group.objects.get(name="uploaders"))
    client.force_login(user)
    html = client.get("/upload/").content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == "Upload · cables"
    assert html.count('class="form upload-form"') == 1
