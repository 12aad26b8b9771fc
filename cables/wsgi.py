"""WSGI entry point (gunicorn cables.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cables.settings")
application = get_wsgi_application()
