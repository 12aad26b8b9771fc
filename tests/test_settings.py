import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_is_the_expected_one():
    """CI sets CABLES_EXPECT_DATABASE for its PostgreSQL leg: the suite must really run there."""
    expected = os.environ.get("CABLES_EXPECT_DATABASE")
    if expected:
        assert connection.vendor == expected
    else:
        assert connection.vendor in {"sqlite", "postgresql"}


def test_settings_boot_with_no_environment(tmp_path):
    import subprocess
    import sys

    env = {"PATH": os.environ["PATH"], "SECRET_KEY_FILE": str(tmp_path / "key")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, cwd=os.getcwd()
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "key").read_text().strip(), "a secret key is generated and kept"


def test_malformed_setting_is_refused(tmp_path):
    import subprocess
    import sys

    env = {"PATH": os.environ["PATH"], "SECRET_KEY_FILE": str(tmp_path / "key"), "DEBUG": "maybe"}
    result = subprocess.run([sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr
