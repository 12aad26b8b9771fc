from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ArticlesConfig(AppConfig):
    default = True
    name = "articles"
    verbose_name = "Articles"


class CurationAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with a site that only curators may enter."""

    default = False
    default_site = "articles.admin_site.CurationSite"
