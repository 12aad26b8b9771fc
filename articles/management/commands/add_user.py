"""python manage.py add_user NAME --group uploaders: add a user (or change their groups) from the shell."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Add a user to the readers, uploaders or curators groups (created by setup_groups). The password is "
        "asked for, or read from CABLES_PASSWORD; curators also become staff so they can reach the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--group", action="append", default=[], choices=["readers", "uploaders", "curators"])
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, group: list[str], email: str, **options) -> None:
        groups = []
        for name in group or ["readers"]:
            try:
                groups.append(Group.objects.get(name=name))
            except Group.DoesNotExist:
                raise CommandError(f"group {name!r} does not exist: run `manage.py setup_groups` first") from None
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if created:
            password = os.environ.get("CABLES_PASSWORD") or getpass.getpass(f"Password for {username}: ")
            try:
                password_validation.validate_password(password, user)
            except ValidationError as exc:
                user.delete()
                raise CommandError(" ".join(exc.messages)) from None
            user.set_password(password)
        if "curators" in group:
            user.is_staff = True
        user.save()
        user.groups.add(*groups)
        names = ", ".join(g.name for g in user.groups.order_by("name"))
        self.stdout.write(f"{'added' if created else 'updated'} {username} ({names})")
