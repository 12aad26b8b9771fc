"""Property-based: schemathesis sends generated requests to every API operation; none may fail with a 5xx.

Driven through Hypothesis directly (schemathesis' pytest plugin does not support pytest 9 yet), against
the WSGI application in-process, so the test database and its transaction are the ones the test sees.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.worlds import build_world

pytestmark = pytest.mark.django_db
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: requests must not close the test's database connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def test_schema_lists_every_endpoint():
    labels = {op.label for op in operations()}
    assert "GET /api/articles" in labels and "GET /api/cables/{reference_id}" in labels
    assert len(labels) == 10


@pytest.mark.parametrize("label", sorted(op.label for op in operations()))
def test_api_answers_generated_requests_without_server_errors(label):
    build_world()
    operation = next(op for op in operations() if op.label == label)

    @given(case=operation.as_strategy())
    @hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    check()
