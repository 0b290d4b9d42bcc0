"""Kachinko's one settings module.

Every deployment difference comes from environment variables (see `.env.example`). The
defaults suit development: an SQLite database and an embedded Celery broker under `var/`,
so `make run` needs no other service. Production sets `DJANGO_DEBUG=0` and a real secret.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KACHINKO_VAR_DIR") or BASE_DIR / "var")


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; refuse anything that is not clearly one or the other."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


S3_ADDRESSING_STYLES = {"auto", "path", "virtual"}


def media_storage_settings(environ, *, default_root: Path) -> dict:
    """The `media` storage from the environment: files under KACHINKO_MEDIA_PRIVATE_ROOT, or,
    when KACHINKO_MEDIA_S3_BUCKET is set, that bucket of any S3-compatible store through
    django-storages. Either way private: the S3 objects get no ACL of their own (the bucket's
    stay private) and no signed URL is ever made; our view serves every file."""
    bucket = environ.get("KACHINKO_MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        root = environ.get("KACHINKO_MEDIA_PRIVATE_ROOT") or default_root
        return {"BACKEND": "projects.storage.PrivateStorage", "OPTIONS": {"location": str(root)}}
    endpoint = environ.get("KACHINKO_MEDIA_S3_ENDPOINT_URL", "").strip() or None
    if endpoint and not endpoint.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"KACHINKO_MEDIA_S3_ENDPOINT_URL must be an http(s):// URL, not {endpoint!r}"
        )
    access_key = environ.get("KACHINKO_MEDIA_S3_ACCESS_KEY") or None
    secret_key = environ.get("KACHINKO_MEDIA_S3_SECRET_KEY") or None
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "Set both KACHINKO_MEDIA_S3_ACCESS_KEY and KACHINKO_MEDIA_S3_SECRET_KEY, or neither "
            "(then boto3 finds credentials itself, such as an instance role)."
        )
    addressing = environ.get("KACHINKO_MEDIA_S3_ADDRESSING_STYLE", "").strip() or "auto"
    if addressing not in S3_ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"KACHINKO_MEDIA_S3_ADDRESSING_STYLE must be auto, path or virtual, not {addressing!r}"
        )
    return {
        "BACKEND": "projects.s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "access_key": access_key,
            "secret_key": secret_key,
            "region_name": environ.get("KACHINKO_MEDIA_S3_REGION") or None,
            "location": environ.get("KACHINKO_MEDIA_S3_PREFIX", "").strip("/"),
            "addressing_style": None if addressing == "auto" else addressing,
            "default_acl": None,
            "querystring_auth": False,
            # A new file never replaces another of the same name, as on disk.
            "file_overwrite": False,
            # A clip read back by the worker goes to a temporary file past 10 MB, not memory.
            "max_memory_size": 10 * 1024 * 1024,
        },
    }


# Development by default; but a deployment that sets its own secret key gets DEBUG off
# unless it asks for it, so that no traceback reaches a stranger by a forgotten variable.
DEBUG = env_bool("DJANGO_DEBUG", not os.environ.get("DJANGO_SECRET_KEY"))

DEVELOPMENT_SECRET_KEY = "django-insecure-kachinko-development-only"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY: the development key must not serve real data."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "workshop",
    "groups",
    "projects",
    "deliveries",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "workshop.page_cache.DataVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "workshop.middleware.UserLanguageMiddleware",
    "workshop.middleware.PrivatePagesMiddleware",
    "workshop.middleware.PermissionsPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "workshop.middleware.HtmxRedirectMiddleware",
]

ROOT_URLCONF = "workshop.urls"
WSGI_APPLICATION = "workshop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workshop.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kachinko.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Pages write as they read (the health records' read audit): with a write-ahead log,
    # readers never wait for a writer, and a commit does not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache holds the data version (workshop/page_cache.py), so every process that
# writes must see the same one: Redis when REDIS_URL is set, else files under var/. What is
# cached under a version (rendered page parts, each reader's roles) never changes once
# written, so each process keeps its own copy in memory: no network trip to serve a page.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    SHARED_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
else:
    SHARED_CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 2_000},
    }
CACHES = {
    "default": SHARED_CACHE,
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kachinko-page-parts",
        "OPTIONS": {"MAX_ENTRIES": env_int("KACHINKO_PAGE_PARTS_IN_MEMORY", 5_000)},
    },
}
KACHINKO_PAGE_CACHE_SECONDS = env_int("KACHINKO_PAGE_CACHE_SECONDS", 15 * 60)

AUTH_USER_MODEL = "workshop.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Families stay signed in on their phone for the week and beyond; staff, who read health
# records and contacts, sign in again each working day (workshop/sign_in.py sets it).
SESSION_COOKIE_AGE = env_int("KACHINKO_SESSION_AGE", 60 * 60 * 24 * 30)
KACHINKO_STAFF_SESSION_AGE = env_int("KACHINKO_STAFF_SESSION_AGE", 60 * 60 * 12)
# A sign-in link by e-mail works once, for this long.
KACHINKO_SIGN_IN_LINK_SECONDS = env_int("KACHINKO_SIGN_IN_LINK_SECONDS", 15 * 60)
# Limits, counted in the shared cache (workshop/limits.py): failed sign-ins per account and
# per client within KACHINKO_SIGN_IN_LOCKOUT_SECONDS, and sign-in or reset e-mails asked for
# per address and per client within an hour.
KACHINKO_SIGN_IN_FAILURES_PER_ACCOUNT = env_int("KACHINKO_SIGN_IN_FAILURES_PER_ACCOUNT", 5)
KACHINKO_SIGN_IN_FAILURES_PER_CLIENT = env_int("KACHINKO_SIGN_IN_FAILURES_PER_CLIENT", 20)
KACHINKO_SIGN_IN_LOCKOUT_SECONDS = env_int("KACHINKO_SIGN_IN_LOCKOUT_SECONDS", 15 * 60)
KACHINKO_SIGN_IN_MAILS_PER_ADDRESS = env_int("KACHINKO_SIGN_IN_MAILS_PER_ADDRESS", 3)
KACHINKO_SIGN_IN_MAILS_PER_CLIENT = env_int("KACHINKO_SIGN_IN_MAILS_PER_CLIENT", 10)
# Behind N reverse proxies that each append to X-Forwarded-For, the client is the Nth address
# from its end; with 0, the connection's own address (REMOTE_ADDR).
KACHINKO_PROXY_HOPS = env_int("KACHINKO_PROXY_HOPS", 0)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or VAR_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    # Photos, clips and sound of the children: private, with no public URL. Every file is
    # served by a view that checks who asks (projects/media_views.py): files on disk under
    # var/, or an S3-compatible bucket when KACHINKO_MEDIA_S3_BUCKET is set.
    "media": media_storage_settings(os.environ, default_root=VAR_DIR / "media-private"),
}
# Uploads larger than this are refused before anything is stored.
KACHINKO_MEDIA_MAX_MB = env_int("KACHINKO_MEDIA_MAX_MB", 200)
# Days after a workshop's last day when its health records, contacts, guardians' phone
# numbers and the media its children's consent does not let us keep are erased
# (workshop/retention.py). At least one: erasure also removes the deliveries' rows, which keep
# each message from going twice, so it waits until nothing about the workshop is sent.
KACHINKO_RETENTION_DAYS = env_int("KACHINKO_RETENTION_DAYS", 30)
if KACHINKO_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("KACHINKO_RETENTION_DAYS must be 1 or more days.")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND_PATH = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "workshop.console_mail.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("DJANGO_EMAIL_HOST") or "localhost",
        "port": env_int("DJANGO_EMAIL_PORT", 25),
        "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
        "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL") or "Kachinko <kachinko@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict by default outside development. A reverse proxy that terminates TLS
# sets DJANGO_SECURE_PROXY_SSL_HEADER=1.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", HTTPS)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent on every page (workshop/middleware.py). The camera and microphone are for this site's
# own pages (filming on set); nothing else a browser offers is used. Only features every
# current Chromium knows: an unknown one is an error in the console.
PERMISSIONS_POLICY = {
    "camera": "(self)",
    "microphone": "(self)",
    "geolocation": "()",
    "payment": "()",
    "usb": "()",
    "serial": "()",
    "bluetooth": "()",
    "midi": "()",
    "display-capture": "()",
}
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Celery: Redis when REDIS_URL is set; otherwise an embedded filesystem transport so
# the worker and beat run beside `runserver` with no other service.
CELERY_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60 * 2}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("KACHINKO_TASK_TIME_LIMIT", 5 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sign-ins": {
        "task": "workshop.tasks.clear_expired_sign_ins",
        "schedule": 60 * 60 * 6,
    },
    # Daily, at night in CELERY_TIMEZONE; each workshop's date is in its own time zone.
    "erase-expired-data": {
        "task": "workshop.tasks.erase_expired_data",
        "schedule": crontab(hour=3, minute=30),
    },
    # Plans what is due, claims it and sends it from the workers (deliveries/services.py).
    "dispatch-deliveries": {
        "task": "deliveries.tasks.dispatch_deliveries",
        "schedule": 60,
    },
}
# Deliveries: a claim older than this belongs to a worker that died (longer than a task may
# run); a failed send is tried again with backoff up to this many times, then shown to the
# organizers; each beat claims at most so many rows and sends them in chunks of so many.
DELIVERY_CLAIM_TIMEOUT = env_int("KACHINKO_DELIVERY_CLAIM_TIMEOUT", 2 * CELERY_TASK_TIME_LIMIT)
DELIVERY_MAX_ATTEMPTS = env_int("KACHINKO_DELIVERY_MAX_ATTEMPTS", 5)
DELIVERY_CLAIM_LIMIT = env_int("KACHINKO_DELIVERY_CLAIM_LIMIT", 10_000)
DELIVERY_CHUNK = env_int("KACHINKO_DELIVERY_CHUNK", 50)
# Change notices wait this many minutes after a release: the releases published meanwhile
# join the same message.
DELIVERY_NOTICE_DELAY = env_int("KACHINKO_DELIVERY_NOTICE_DELAY", 5)
# The site's address as recipients reach it, for links in messages sent from the workers.
SITE_URL = os.environ.get("KACHINKO_SITE_URL") or "http://localhost:8000"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL") or "INFO"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint tells each step of each PDF at INFO; a refused URL is a warning.
        "weasyprint": {"level": "WARNING"},
    },
}
