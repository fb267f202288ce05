"""Production settings: base with the strict security values forced on. Refuses to start
with the demo two-factor bypass, DEBUG, or a weak, demo or placeholder secret key."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import CADS_DEMO_SKIP_TWO_FACTOR, DEBUG, SECRET_KEY, env

if CADS_DEMO_SKIP_TWO_FACTOR:
    raise ImproperlyConfigured("CADS_DEMO_SKIP_TWO_FACTOR cannot be used in production")
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production")
# Django's own deployment check (security.W009): at least 50 characters and at least 5
# distinct ones. Sessions, CSRF tokens and the receipt links in letters are signed with it, so
# a demo or placeholder value would let anyone forge them.
_INSECURE_SECRET_MARKERS = ("insecure", "change-me", "changeme", "secret-key", "demo", "example")
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or any(marker in SECRET_KEY.lower() for marker in _INSECURE_SECRET_MARKERS)
):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value in production: at least 50 characters, "
        "not a demo or placeholder value (for example from "
        '`python -c "import secrets; print(secrets.token_urlsafe(50))"`)'
    )

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CADS_DEMO_TOOLS = False
