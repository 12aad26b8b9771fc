"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CABLES_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_DIR = Path(__file__).resolve().parents[2] / "articles" / "demo"

# The live server runs in a thread while Playwright's sync API keeps an event loop in this one;
# Django's ORM refuses to run beside an event loop unless told it is safe (it is: nothing else runs).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, never a downloaded one; missing, the tests skip (or fail where CI requires them)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CABLES_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CABLES_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot():
    """Save a screenshot under tests/browser/screenshots/; `docs=True` also copies it for the README."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str, *, docs: bool = False, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        if docs:
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS_SCREENSHOTS / f"{name}.png")
        return path

    return take


def ingest(*paths: Path) -> list:
    """Add and process files the way `manage.py ingest` does (the real spaCy model), returning their articles."""
    from django.conf import settings

    from articles import services
    from articles.documents import read_path

    articles = []
    for path in paths:
        (result,) = list(read_path(path, max_bytes=settings.INGEST_MAX_BYTES))
        assert result.document is not None, result.error
        articles.append(services.add_article(document=result.document, source_name=path.name)[0])
    services.process_articles(articles)
    for article in articles:
        article.refresh_from_db()
        assert article.status == article.Status.DONE, article.error
    return articles


@pytest.fixture
def demo_article(transactional_db):
    """The Business Standard demo article, beside the other demo articles so entities have a history."""
    others = sorted(p for p in DEMO_DIR.iterdir() if p.name != "business-standard-kayani.txt")
    return ingest(DEMO_DIR / "business-standard-kayani.txt", *others)[0]
