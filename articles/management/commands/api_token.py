"""Print a bearer token for the JSON API, for scripts and notebooks that cannot keep a session."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.api import issue_api_token


class Command(BaseCommand):
    help = (
        "Print an API token for USERNAME (send it as `Authorization: Bearer <token>`). Changing SECRET_KEY revokes all."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        self.stdout.write(issue_api_token(user))
