"""Settings every deployment shares, read from the environment with django-environ."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from portal.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment or in .env "
            "(DEBUG is off, so there is no development fallback)."
        )
    from django.core.management.utils import get_random_secret_key

    # Development only: a fresh key each start, so nothing real can depend on it.
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "djgeojson",
    "django_filters",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "csp",
    "portal",
    "sites",
    "applications",
    "mapping",
    "ogcapi",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in the address is refused before a view passes it to PostgreSQL (portal/request_checks.py).
    "portal.request_checks.NullCharacterMiddleware",
    # Before anything reads the body: an upload over its page's limit is refused unread.
    "portal.upload_limits.UploadSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Widget templates may be overridden in templates/ like any other.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

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
                "csp.context_processors.nonce",
                "portal.context_processors.portal",
                "applications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock rather than fail at once when the dev server and a command overlap;
    # IMMEDIATE transactions take the write lock up front, so a second writer waits
    # instead of failing mid-transaction when it tries to upgrade a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    # Map queries read thousands of rows by id: memory-mapped pages and a 64 MB page cache
    # (instead of 2 MB) take a fifth off the city-centre view at a million assets.
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "portal.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages from npm (package-lock.json), served as our own static files.
    ("vendor/govuk-frontend", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/leaflet-draw", NODE_MODULES / "leaflet-draw" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Uploads live outside the static tree and are served only through permission checks.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "uploads")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="telecoms-portal@example.gov.uk")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Maps: the base-map tiles are a setting; a map without tiles still shows wards and assets.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# The council whose register the portal opens on (a slug of portal.Council).
DEFAULT_COUNCIL_SLUG = env.str("DEFAULT_COUNCIL_SLUG", default="glasgow")

# Site finder (sites.search, sites.filters, mapping.finder.api): the limits of one search.
SITE_SEARCH = {
    "MAX_RESULTS": 2000,  # features in one map answer; more and it says "capped" (zoom in)
    "MAX_RADIUS_M": 20_000,
    "DEFAULT_RADIUS_M": 1000,  # when a point is given without a radius
    "MAX_SPAN_DEGREES": 10.0,  # widest bbox or drawn area, in degrees of either axis
    "MAX_POLYGON_VERTICES": 1000,
    "CLUSTER_BELOW_ZOOM": 15,  # the API clusters below this zoom (at most 15)
}

# Applications: each stage's target in working days (weekends and Scottish bank holidays
# skipped; the review clock pauses while information is requested), the batch limit,
# the upload limit, and the portal's address for the links in emails.
APPLICATION_STAGE_TARGET_DAYS = {
    "submitted": env.int("APPLICATION_TARGET_DAYS_SUBMITTED", default=5),
    "under_review": env.int("APPLICATION_TARGET_DAYS_UNDER_REVIEW", default=20),
    "approved": env.int("APPLICATION_TARGET_DAYS_APPROVED", default=10),
}
APPLICATION_MAX_SITES = env.int("APPLICATION_MAX_SITES", default=100)
# The admin's imports run beside the request, their progress on a page that refreshes (sites/io/runs.py).
ASSET_IMPORT_IN_BACKGROUND = env.bool("ASSET_IMPORT_IN_BACKGROUND", default=True)
APPLICATION_UPLOAD_MAX_BYTES = env.int("APPLICATION_UPLOAD_MAX_MB", default=20) * 1024 * 1024
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")

# Logs to stdout: JSON lines unless DEBUG (portal/logs.py); LOG_FORMAT=json|text chooses.
LOGGING = logging_config(
    json_lines=env.str("LOG_FORMAT", default="text" if DEBUG else "json") == "json",
    level=env.str("LOG_LEVEL", default="INFO"),
)
