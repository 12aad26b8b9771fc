"""The admin is the curation tool: only curators (and superusers) reach it."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

CURATE_PERMISSION = "articles.curate"


class CurationSite(admin.AdminSite):
    site_header = "cables curation"
    site_title = "cables curation"
    index_title = "Curate annotations"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and (user.is_superuser or user.has_perm(CURATE_PERMISSION)))
