"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("CABLES_SHARED_DIR", PROJECT_DIR.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder with third-party corpora; tests that need it skip on a user's machine."""
    if not SHARED_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_DIR} is missing: corpus tests must run in CI")
        pytest.skip(f"{SHARED_DIR} is absent (third-party corpora are read from there, never shipped)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline with the project's components, loaded once for the session."""
    from django.conf import settings

    from articles.nlp import load_pipeline

    return load_pipeline(settings.SPACY_MODEL)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests render pages without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory) -> None:
    """On SQLite, a test database in a temporary file, so worker subprocesses (tests/test_workers.py) share it."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get("NAME"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
