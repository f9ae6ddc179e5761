"""Settings for the API governance portal.

Everything that differs between machines comes from the environment through the
typed readers in `portal.env`; `docker/.env.example` lists every variable. The
defaults are the production ones: secure cookies, HTTPS, sign-in required.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from portal.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "mozilla_django_oidc",
    "accounts",
    "operations",
    "catalog",
    "governance",
    "usage",
    "notifications",
]

MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

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
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database: PostgreSQL only, through psycopg 3 and Django's connection pool.
_database_url = env_str("DATABASE_URL")
if not _database_url.startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured(
        "DATABASE_URL must be a postgresql:// URL: PostgreSQL is the only database."
    )
DATABASES = {"default": dj_database_url.parse(_database_url)}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must not.
DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
    "min_size": env_int("DATABASE_POOL_MIN", 1),
    "max_size": env_int("DATABASE_POOL_MAX", 10, minimum=1),
    "timeout": env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) in production, so rate limits hold across web processes.
_cache_url = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "catalog:api-list"
LOGOUT_REDIRECT_URL = "catalog:api-list"

# --- Single sign-on (OpenID Connect), on when a client id is configured.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.insert(0, "accounts.oidc.PortalOIDCBackend")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
if WHITENOISE_USE_FINDERS:
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

# --- Security. HTTPS is assumed unless PORTAL_HTTPS=false (local demo and tests).
PORTAL_HTTPS = env_bool("PORTAL_HTTPS", True)
SECURE_SSL_REDIRECT = PORTAL_HTTPS
SESSION_COOKIE_SECURE = PORTAL_HTTPS
CSRF_COOKIE_SECURE = PORTAL_HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PORTAL_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PORTAL_HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PORTAL_HTTPS)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("PORTAL_BEHIND_PROXY", False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- The portal's own settings.
PORTAL_ANONYMOUS_READ = env_bool("PORTAL_ANONYMOUS_READ", False)
PORTAL_SPEC_MAX_BYTES = env_int("PORTAL_SPEC_MAX_BYTES", 25 * 1024 * 1024, minimum=1024)
PORTAL_SITE_NAME = env_str("PORTAL_SITE_NAME", "API portal")
PORTAL_WORKER_HEARTBEAT_MAX_AGE = env_int("PORTAL_WORKER_HEARTBEAT_MAX_AGE", 120, minimum=10)

# --- Celery: a real broker always (Redis or RabbitMQ in production, an embedded
# Valkey server for the demo and the tests). Never eager mode.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
# The queue of every task without a route of its own; a name per deployment lets several
# (staging and production, say) share one broker or RabbitMQ virtual host.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600, minimum=10)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 5
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "operations.tasks.worker_heartbeat", "schedule": 30.0},
}

# --- Spec linting (the governance app). Lint tasks go to PORTAL_LINT_QUEUE: the default
# queue unless a deployment runs dedicated lint workers (`celery worker -Q lint`).
PORTAL_LINT_TIME_LIMIT = env_int("PORTAL_LINT_TIME_LIMIT", 300, minimum=10)
PORTAL_LINT_QUEUE = env_str("PORTAL_LINT_QUEUE", CELERY_TASK_DEFAULT_QUEUE)
PORTAL_LINT_SYNC_MAX_BYTES = env_int("PORTAL_LINT_SYNC_MAX_BYTES", 1024 * 1024)
PORTAL_LINT_JOB_TTL = env_int("PORTAL_LINT_JOB_TTL", 3600, minimum=60)
CELERY_TASK_ROUTES = {"governance.tasks.*": {"queue": PORTAL_LINT_QUEUE}}
_lint_limits = {
    "soft_time_limit": PORTAL_LINT_TIME_LIMIT,
    "time_limit": PORTAL_LINT_TIME_LIMIT + 30,
}
CELERY_TASK_ANNOTATIONS = {
    "governance.tasks.lint_execute": _lint_limits,
    "governance.tasks.lint_job": _lint_limits,
}
# A worker child that has grown past this (KiB) is replaced after its task: linting a
# 20 MB spec takes memory that Python does not give back. 0 turns the limit off.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = (
    env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 1024 * 1024) or None
)
CELERY_BEAT_SCHEDULE["lint-sweep"] = {"task": "governance.tasks.lint_sweep", "schedule": 300.0}

# --- Release approval (the governance app): per audience, whether a release with no breaking
# change, no lint error and a fitting version number is released without review, how many
# governance reviewers approve otherwise (and when it breaks consumers), and the level of the
# semver findings (error holds a release for review; warning and info only inform).
_semver_levels = {"error", "warning", "info"}
PORTAL_RELEASE_POLICY = {
    "internal": {
        "auto_approve": env_bool("PORTAL_RELEASE_AUTO_APPROVE_INTERNAL", True),
        "reviewers": env_int("PORTAL_RELEASE_REVIEWERS_INTERNAL", 1, minimum=1),
        "reviewers_breaking": env_int("PORTAL_RELEASE_REVIEWERS_BREAKING_INTERNAL", 1, minimum=1),
        "semver_level": env_choice(
            "PORTAL_RELEASE_SEMVER_LEVEL_INTERNAL", "warning", _semver_levels
        ),
    },
    "partner": {
        "auto_approve": env_bool("PORTAL_RELEASE_AUTO_APPROVE_PARTNER", False),
        "reviewers": env_int("PORTAL_RELEASE_REVIEWERS_PARTNER", 1, minimum=1),
        "reviewers_breaking": env_int("PORTAL_RELEASE_REVIEWERS_BREAKING_PARTNER", 1, minimum=1),
        "semver_level": env_choice("PORTAL_RELEASE_SEMVER_LEVEL_PARTNER", "error", _semver_levels),
    },
    "public": {
        "auto_approve": env_bool("PORTAL_RELEASE_AUTO_APPROVE_PUBLIC", False),
        "reviewers": env_int("PORTAL_RELEASE_REVIEWERS_PUBLIC", 1, minimum=1),
        "reviewers_breaking": env_int("PORTAL_RELEASE_REVIEWERS_BREAKING_PUBLIC", 2, minimum=1),
        "semver_level": env_choice("PORTAL_RELEASE_SEMVER_LEVEL_PUBLIC", "error", _semver_levels),
    },
}
# Seconds a release's checks wait for its spec's lint before counting it as failed.
PORTAL_RELEASE_LINT_WAIT = env_int("PORTAL_RELEASE_LINT_WAIT", 600, minimum=0)
CELERY_BEAT_SCHEDULE["release-sweep"] = {
    "task": "governance.tasks.release_sweep",
    "schedule": 300.0,
}

# --- Consumers and usage (the usage app). Raw events are kept PORTAL_USAGE_RAW_RETENTION_DAYS
# (day partitions, dropped hourly by beat); events older than PORTAL_USAGE_MAX_PAST_DAYS or
# more than PORTAL_USAGE_MAX_FUTURE_SECONDS ahead are refused, so a replay is always
# recognised. Daily rollups are kept PORTAL_USAGE_ROLLUP_RETENTION_DAYS.
PORTAL_USAGE_RAW_RETENTION_DAYS = env_int("PORTAL_USAGE_RAW_RETENTION_DAYS", 35, minimum=2)
PORTAL_USAGE_MAX_PAST_DAYS = env_int("PORTAL_USAGE_MAX_PAST_DAYS", 30, minimum=1)
if PORTAL_USAGE_MAX_PAST_DAYS >= PORTAL_USAGE_RAW_RETENTION_DAYS:
    raise ImproperlyConfigured(
        "PORTAL_USAGE_MAX_PAST_DAYS must be less than PORTAL_USAGE_RAW_RETENTION_DAYS."
    )
PORTAL_USAGE_MAX_FUTURE_SECONDS = env_int("PORTAL_USAGE_MAX_FUTURE_SECONDS", 300)
PORTAL_USAGE_ROLLUP_RETENTION_DAYS = env_int("PORTAL_USAGE_ROLLUP_RETENTION_DAYS", 730, minimum=31)
PORTAL_USAGE_BATCH_MAX_EVENTS = env_int("PORTAL_USAGE_BATCH_MAX_EVENTS", 10_000, minimum=1)
PORTAL_USAGE_BATCH_MAX_BYTES = env_int("PORTAL_USAGE_BATCH_MAX_BYTES", 10 * 1024 * 1024)
PORTAL_USAGE_IMPORT_CHUNK = env_int("PORTAL_USAGE_IMPORT_CHUNK", 50_000, minimum=100)
CELERY_BEAT_SCHEDULE["usage-maintain"] = {"task": "usage.tasks.usage_maintain", "schedule": 3600.0}

# --- Email (sunset and review notices use it later), through Django's MAILERS.
_email_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
_email_options = {}
if _email_backend == "django.core.mail.backends.smtp.EmailBackend":
    _email_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Sunset notices (the notifications app): the deprecation policy's default notice per
# audience (admins change it in the portal), channels, webhook safety and the schedule.
PORTAL_NOTICE_DAYS_INTERNAL = env_int("PORTAL_NOTICE_DAYS_INTERNAL", 30)
PORTAL_NOTICE_DAYS_PARTNER = env_int("PORTAL_NOTICE_DAYS_PARTNER", 90)
PORTAL_NOTICE_DAYS_PUBLIC = env_int("PORTAL_NOTICE_DAYS_PUBLIC", 180)
PORTAL_NOTIFY_CHANNELS = env_list("PORTAL_NOTIFY_CHANNELS", ["email", "webhook", "slack"])
# Consumers seen calling a version within this many days are told about its sunset.
PORTAL_NOTIFY_SEEN_WITHIN_DAYS = env_int("PORTAL_NOTIFY_SEEN_WITHIN_DAYS", 30, minimum=1)
PORTAL_WEBHOOK_TIMEOUT = env_int("PORTAL_WEBHOOK_TIMEOUT", 10, minimum=1)
PORTAL_WEBHOOK_MAX_ATTEMPTS = env_int("PORTAL_WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)
# Webhooks to loopback, private or link-local addresses are refused, except to these
# networks (CIDRs, for example 10.1.0.0/16 for an internal receiver).
PORTAL_WEBHOOK_PRIVATE_NETWORKS = env_list("PORTAL_WEBHOOK_PRIVATE_NETWORKS", [])
# A deprecated version without calls for this many days is suggested for retirement.
PORTAL_RETIRE_QUIET_DAYS = env_int("PORTAL_RETIRE_QUIET_DAYS", 14, minimum=1)
# The portal's address as readers reach it, for links in notices and the Link header.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE["notifications-plan"] = {
    "task": "notifications.tasks.notices_plan",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["notifications-dispatch"] = {
    "task": "notifications.tasks.notices_dispatch",
    "schedule": 120.0,
}

# --- REST API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.CatalogReadAccess"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON only: the interactive docs live at /api/docs/, and the browsable API's
    # inline styles would need 'unsafe-inline' in the CSP.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "portal.api.problems.problem_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "write": env_str("PORTAL_RATE_WRITE", "120/min"),
        "ingest": env_str("PORTAL_RATE_INGEST", "600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API portal",
    "DESCRIPTION": (
        "The API governance portal: the catalog of APIs, teams, versions and specs; lint "
        "results and rulesets; release approvals; consumers and their usage; deprecations "
        "and sunsets. Send a token as `Authorization: Bearer <token>` (create one under API "
        "tokens in the portal); errors are RFC 9457 problem details."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Lint runs and lint jobs share one set of statuses; spec documents have their own.
    "ENUM_NAME_OVERRIDES": {"LintRunStatusEnum": "governance.models.runs.LintRun.Status"},
}

# --- Logs: JSON lines with the request id.
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.middleware.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
SPECTACULAR_SETTINGS.update(
    SWAGGER_UI_DIST="SIDECAR", SWAGGER_UI_FAVICON_HREF="SIDECAR", REDOC_DIST="SIDECAR"
)
