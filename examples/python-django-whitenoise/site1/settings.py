"""dockgen's e2e example for Django + WhiteNoise's manifest storage: the
page only renders if collectstatic ran at build time."""
import os
from pathlib import Path

import django

BASE_DIR = Path(__file__).resolve().parent.parent
# A real deployment passes SECRET_KEY at run time (dockgen puts no secret in
# the image; it gives collectstatic a placeholder for that step only). The
# example falls back to a fixed, public value so the e2e check can start it.
SECRET_KEY = os.environ.get("SECRET_KEY", "e2e-example-public-not-a-secret")
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.staticfiles", "pages"]
MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]
ROOT_URLCONF = "site1.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
WSGI_APPLICATION = "site1.wsgi.application"
DATABASES = {}
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_storage = "whitenoise.storage.CompressedManifestStaticFilesStorage"
if django.VERSION >= (4, 2):
    STORAGES = {"staticfiles": {"BACKEND": _storage}}
else:
    STATICFILES_STORAGE = _storage
