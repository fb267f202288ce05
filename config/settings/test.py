"""Test settings: base plus fast hashing. Same PostgreSQL code path as production."""

from config.settings.base import *  # noqa: F403
from config.settings.base import CADS_DATABASE_OWNER, DATABASES, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CADS_DEMO_SKIP_TWO_FACTOR = False
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The test runner creates and migrates its database as the owner role; conftest.py then
# carries on as the application role, so the suite runs with the service's privileges
# (ADR 0018).
CADS_DATABASE_APP = {key: str(DATABASES["default"].get(key) or "") for key in CADS_DATABASE_OWNER}
if not env.str("DATABASE_URL", default=""):
    # The embedded server's superuser owns the test database, as CI's `postgres` does, so the
    # few tests marked db_owner (benchmark loads in replica mode) run the same on both.
    CADS_DATABASE_OWNER = {**CADS_DATABASE_OWNER, "USER": "postgres"}
DATABASES["default"].update(CADS_DATABASE_OWNER)
