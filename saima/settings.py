"""Django settings for Saima.

Boots with zero configuration on SQLite (data under ./var). Every production setting is read
from an environment variable through the small typed helpers below, which reject bad values
loudly instead of guessing.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def envstr(name: str, default: str) -> str:
    return os.environ.get(name) or default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


DATA_DIR = Path(envstr("SAIMA_DATA_DIR", str(BASE_DIR / "var")))
DEBUG = envbool("DEBUG", False)
if DEBUG and envbool("SAIMA_PRODUCTION", False):
    raise ImproperlyConfigured("DEBUG must be off in production (SAIMA_PRODUCTION=1)")


def _secret_key() -> str:
    """SECRET_KEY from the environment; the embedded default keeps one in DATA_DIR."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    if envbool("SAIMA_PRODUCTION", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = envstr("SITE_NAME", "赛马 · 重点项目调度平台")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "django_q",
    "axes",
    "saima.core",
    "saima.regions",
    "saima.accounts",
    "saima.audit",
    "saima.projects",
    "saima.figures",
    "saima.demo",
    "saima.schedule",
    "saima.events",
    "saima.notifications",
    "saima.problems",
    "saima.letters",
    "saima.dispatch",
    "saima.ledger",
    "saima.ranking",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "saima.core.middleware.DatabaseUnavailableMiddleware",
    "saima.core.replica.PinMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a clear refusal.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "saima.urls"
WSGI_APPLICATION = "saima.wsgi.application"

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
                "saima.core.context_processors.site",
            ],
        },
    },
]

# Form widgets render through Jinja2: the same HTML as Django's templates, several times faster
# (the project list's filter form has some 90 options).
FORM_RENDERER = "django.forms.renderers.Jinja2"

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'saima.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers with one writer; wait for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A streaming read replica of the PostgreSQL primary (optional): dashboards and exports read
# from it (saima.core.replica); a browser that has just changed something reads the primary
# for REPLICA_PIN_SECONDS (more than the replica's usual lag).
if envstr("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        envstr("DATABASE_REPLICA_URL", ""), conn_max_age=envint("DB_CONN_MAX_AGE", 0)
    )
DATABASE_ROUTERS = ["saima.core.replica.Router"]
REPLICA_PIN_SECONDS = envint("REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cached dashboard figures (saima.figures.cache): keyed on data versions kept in the database,
# so a cache is never wrong, only cold. Files in DATA_DIR/cache are shared by the web workers
# of one machine; each machine of a larger deployment keeps its own. 0 turns the cache off.
FIGURES_CACHE = "figures"
FIGURES_CACHE_SECONDS = envint("FIGURES_CACHE_SECONDS", 600)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    FIGURES_CACHE: {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": envstr("FIGURES_CACHE_DIR", str(DATA_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": envint("FIGURES_CACHE_ENTRIES", 5000)},
    },
}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Front-end packages come from npm (package.json) and are served straight from node_modules.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("npm/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("npm/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("npm/echarts", NODE_MODULES / "echarts" / "dist"),
]
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after this many failures a username+address pair is
# locked out for the cool-off period.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = envint("PROXY_COUNT", 0)

# Behind the production reverse proxy everything is HTTPS; the embedded demo is plain HTTP on
# localhost, so these default on only when SAIMA_PRODUCTION is set.
PRODUCTION = envbool("SAIMA_PRODUCTION", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_HOURS", 12) * 3600
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", PRODUCTION)
if envbool("BEHIND_PROXY", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Uploads: requests larger than this are refused before they reach a view; each upload view
# also checks its own size and type.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("MAX_REQUEST_MB", 50) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "saima.accounts.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "saima.core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "saima.core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "saima.core.api.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Saima API",
    "DESCRIPTION": "Key-project ledger, figures and dispatch for city and county governments.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {
        "ConstructionNatureEnum": "saima.projects.choices.ConstructionNature",
        "YearNatureEnum": "saima.projects.choices.YearNature",
        "LetterKindEnum": "saima.letters.models.Kind",
        "MilestoneKindEnum": "saima.schedule.choices.MilestoneKind",
        "ProblemEventKindEnum": "saima.problems.choices.EventKind",
        "ProblemStateEnum": "saima.problems.choices.State",
        "PeriodStateEnum": "saima.dispatch.choices.PeriodState",
        "FilingStateEnum": "saima.dispatch.choices.FilingState",
    },
}

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "saima@localhost")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# Outgoing webhook for WeCom/DingTalk-style group robots (empty: none); links in notices.
SAIMA_WEBHOOK_URL = envstr("SAIMA_WEBHOOK_URL", "")
SAIMA_SITE_URL = envstr("SAIMA_SITE_URL", "http://127.0.0.1:8000")
# Reminder letters: the issuing office ({city} is the city's name) and the reply time limit.
LETTER_ISSUER_NAME = envstr("LETTER_ISSUER_NAME", "{city}重大项目建设服务中心")
LETTER_REPLY_WORKING_DAYS = envint("LETTER_REPLY_WORKING_DAYS", 5)
# A letter lists projects whose investment completion is more than this many percentage
# points behind time progress (序时进度).
LETTER_BEHIND_POINTS = envint("LETTER_BEHIND_POINTS", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

# Background work (django-q2): the database is the broker, so the embedded default needs no
# extra service; production may point it at Redis through Q_REDIS_URL.
Q_CLUSTER = {
    "name": "saima",
    "workers": envint("WORKERS", 2),
    "timeout": envint("JOB_TIMEOUT", 1800),
    "retry": envint("JOB_RETRY", 2000),
    "max_attempts": 3,
    "orm": "default",
    "catch_up": False,
    "sync": envbool("JOBS_SYNC", False),
    "label": "后台任务",
}
if envstr("Q_REDIS_URL", ""):
    Q_CLUSTER.pop("orm")
    Q_CLUSTER["redis"] = envstr("Q_REDIS_URL", "")
# How often the worker looks for imports and bulk letter runs whose task was lost (recover_jobs).
JOB_RECOVER_MINUTES = envint("JOB_RECOVER_MINUTES", 5)

# Dispatch cycle: a filing deadline is the N-th working day after the period ends (official
# holidays and make-up working days); the job closes a period this many days after its
# deadline (0: only by hand). Site photos: size limit, longest edge after resizing, count.
DISPATCH_DEADLINE_WORKDAYS = envint("DISPATCH_DEADLINE_WORKDAYS", 3)
DISPATCH_CLOSE_AFTER_DAYS = envint("DISPATCH_CLOSE_AFTER_DAYS", 7)
DISPATCH_PHOTO_MAX_MB = envint("DISPATCH_PHOTO_MAX_MB", 10)
DISPATCH_PHOTO_MAX_PX = envint("DISPATCH_PHOTO_MAX_PX", 1600)
DISPATCH_PHOTOS_PER_FILING = envint("DISPATCH_PHOTOS_PER_FILING", 9)
# Traffic lights (三色预警): points behind time progress still green, behind by more than the
# red margin → red (yellow between); months late to start → red; the month by which planned
# projects without their own date are due to start; the indicator that lights a region.
LIGHT_GREEN_MARGIN = envint("LIGHT_GREEN_MARGIN", 0)
LIGHT_RED_MARGIN = envint("LIGHT_RED_MARGIN", 30)
LIGHT_LATE_RED_MONTHS = envint("LIGHT_LATE_RED_MONTHS", 3)
LIGHT_START_DUE_MONTH = envint("LIGHT_START_DUE_MONTH", 3)
if not 1 <= LIGHT_START_DUE_MONTH <= 12:
    raise ImproperlyConfigured("LIGHT_START_DUE_MONTH must be a month 1-12")
# Briefing charts: the CJK font file (found through fontconfig when empty).
BRIEFING_FONT = envstr("BRIEFING_FONT", "")
