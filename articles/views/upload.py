"""The upload page: pasted text and files validated at once, processed by the task workers, progress live."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles import services
from articles.documents import DocumentError, ReadResult, decode_bytes, kind_for, read_bytes
from articles.forms import UploadForm
from articles.models import Article
from articles.nlp import SourceDocument
from articles.tasks import enqueue_processing

UPLOAD_PERMISSION = "articles.add_article"


@dataclass(frozen=True)
class Outcome:
    """What became of one uploaded document: added, already present, or refused (with the reason)."""

    name: str
    article: Article | None = None
    created: bool = False
    error: str = ""


def uploaders_only(view):
    """Signed-in users with the upload permission (the uploaders group); others are refused with 403."""
    return login_required(permission_required(UPLOAD_PERMISSION, raise_exception=True)(view))


def _over_rate_limit(user_id: int) -> bool:
    """Count this upload against the user's hourly allowance (a fixed window in the cache)."""
    window = int(time.time() // 3600)
    key = f"upload-rate:{user_id}:{window}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > settings.UPLOAD_RATE_PER_HOUR


def _pasted_document(form: UploadForm) -> ReadResult | None:
    text = form.cleaned_data.get("text") or ""
    if not text.strip():
        return None
    name = "pasted text"
    size = len(text.encode("utf-8"))
    if size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES / 1e6
        return ReadResult(name, error=f"The pasted text is {size / 1e6:.1f} MB, over the {limit:.1f} MB limit")
    try:
        text = decode_bytes(text.encode("utf-8"), name="The pasted text")
    except DocumentError as exc:
        return ReadResult(name, error=str(exc))
    data = form.cleaned_data
    document = SourceDocument(
        id=name,
        raw=text,
        kind=kind_for("", text),
        title=data.get("title") or "",
        publication=data.get("publication") or "",
        url=data.get("url") or "",
        published=data.get("published"),
    )
    return ReadResult(name, document=document)


def _read_files(files: list) -> list[ReadResult]:
    results: list[ReadResult] = []
    for upload in files:
        name = upload.name or "unnamed file"
        if upload.size > settings.UPLOAD_MAX_BYTES:
            # Refused before reading it: the size Django counted while receiving it is enough.
            limit = settings.UPLOAD_MAX_BYTES / 1e6
            results.append(
                ReadResult(name, error=f"{name} is {upload.size / 1e6:.1f} MB, over the {limit:.1f} MB limit")
            )
            continue
        results.extend(read_bytes(upload.read(), name=name, max_bytes=settings.UPLOAD_MAX_BYTES))
    return results


def _recent_uploads(request: HttpRequest) -> list[Article]:
    return list(
        Article.objects.filter(uploaded_by=request.user)
        .only("title", "source_name", "status", "error", "lease_expires", "created")
        .order_by("-created")[:20]
    )


@require_http_methods(["GET", "POST"])
@uploaders_only
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form and your recent uploads. POST: validate every document, store and queue the good ones."""
    outcomes: list[Outcome] = []
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if _over_rate_limit(request.user.pk):
            form.add_error(None, f"You have uploaded {settings.UPLOAD_RATE_PER_HOUR} times this hour; try later.")
            status = 429
        elif form.is_valid():
            results = _read_files(form.cleaned_data["files"])
            if pasted := _pasted_document(form):
                results.append(pasted)
            for result in results:
                if result.error:
                    outcomes.append(Outcome(result.name, error=result.error))
                    continue
                assert result.document is not None
                article, created = services.add_article(
                    document=result.document, source_name=result.name, uploaded_by=request.user
                )
                if created:
                    enqueue_processing(article.pk)
                outcomes.append(Outcome(result.name, article=article, created=created))
            if outcomes and all(o.error for o in outcomes):
                status = 400
            if not any(o.error for o in outcomes):
                form = UploadForm()
        else:
            status = 400
    else:
        form = UploadForm()
    context = {
        "form": form,
        "outcomes": outcomes,
        "recent": _recent_uploads(request),
        "max_mb": settings.UPLOAD_MAX_BYTES / 1e6,
        "now": timezone.now(),
    }
    return render(request, "articles/upload.html", context, status=status)


@require_GET
@uploaders_only
def upload_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One document's progress row; HTMX polling stops (HTTP 286) once it is done or failed."""
    article = get_object_or_404(Article.objects.only("title", "source_name", "status", "error", "lease_expires"), pk=pk)
    response = render(request, "articles/upload.html#upload-row", {"article": article, "now": timezone.now()})
    if request.htmx and article.is_finished:
        response.status_code = 286
    return response


@require_POST
@uploaders_only
def upload_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed (or stalled) document again; its raw text was kept."""
    article = get_object_or_404(Article, pk=pk)
    if services.retry_article(article=article):
        enqueue_processing(article.pk)
    if request.htmx:
        return render(request, "articles/upload.html#upload-row", {"article": article, "now": timezone.now()})
    return redirect("articles:upload")
