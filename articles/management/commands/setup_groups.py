"""python manage.py setup_groups: the readers, uploaders and curators groups with their permissions."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

# Group name -> "app_label.codename" permissions. Uploading is Django's own add_article permission.
GROUP_PERMISSIONS: dict[str, list[str]] = {
    "readers": ["articles.view_article"],
    "uploaders": ["articles.view_article", "articles.add_article"],
    "curators": [
        "articles.view_article",
        "articles.curate",
        *(
            f"articles.{action}_{model}"
            for model in ("mention", "quote", "cablereference", "datemention", "entity", "alias")
            for action in ("view", "add", "change", "delete")
        ),
        "articles.change_article",
    ],
}


class Command(BaseCommand):
    help = "Create (or bring up to date) the readers, uploaders and curators groups. Safe to run repeatedly."

    def handle(self, *args, **options) -> None:
        # Permissions are created after `migrate`; make sure they exist when run straight after it.
        create_permissions(apps.get_app_config("articles"), verbosity=0)
        for name, perms in GROUP_PERMISSIONS.items():
            group, _ = Group.objects.get_or_create(name=name)
            wanted = []
            for perm in perms:
                app_label, codename = perm.split(".")
                wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
            group.permissions.add(*wanted)
            if options["verbosity"]:
                self.stdout.write(f"{name}: {len(wanted)} permission(s)")
