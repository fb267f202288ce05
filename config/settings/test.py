"""Test settings: base plus fast hashing. Same PostgreSQL code path as production."""

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CADS_DEMO_SKIP_TWO_FACTOR = False
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The test runner creates and migrates its database as the owner role; conftest.py then
# carries on as the application role, so the suite runs with the service's privileges
# (ADR 0017).
CADS_DATABASE_APP = {key: str(DATABASES["default"].get(key) or "") for key in CADS_DATABASE_OWNER}
DATABASES["default"].update(CADS_DATABASE_OWNER)
