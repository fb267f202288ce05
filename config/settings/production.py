"""Production settings: base with the strict security values forced on. Refuses to start
with the demo two-factor bypass, DEBUG, or the placeholder secret key."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import CADS_DEMO_SKIP_TWO_FACTOR, DEBUG, SECRET_KEY, env

if CADS_DEMO_SKIP_TWO_FACTOR:
    raise ImproperlyConfigured("CADS_DEMO_SKIP_TWO_FACTOR cannot be used in production")
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production")
if SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production")

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
