"""Django settings of the Beibit application shell.

Every environment variable is declared once, in `ENVIRONMENT`, with its default and help text; nothing else
reads `os.environ`. The embedded default is SQLite in the working directory (the demo and small
deployments); production points BEIBIT_DATABASE_URL at PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str


ENVIRONMENT: tuple[Variable, ...] = (
    Variable("BEIBIT_DEBUG", "false", "true only on a developer's machine: detailed errors, plain cookies"),
    Variable(
        "BEIBIT_SECRET_KEY",
        "",
        "signing key for sessions and CSRF, the same for every worker and restart; `beibit serve` refuses "
        "to start without it (unless BEIBIT_DEBUG)",
    ),
    Variable(
        "BEIBIT_DATABASE_URL",
        "sqlite:///beibit.sqlite3",
        "database URL: sqlite:///path (embedded default) or postgres://user@host:port/name",
    ),
    Variable("BEIBIT_ALLOWED_HOSTS", "127.0.0.1,localhost", "comma-separated host names the app answers to"),
    Variable("BEIBIT_TIME_ZONE", "Asia/Almaty", "the local time zone of the akimats served"),
    Variable(
        "BEIBIT_HTTPS",
        "true",
        "false only when served over plain HTTP on the loopback (the demo): cookies lose the Secure flag",
    ),
    Variable(
        "BEIBIT_MAP_TILES",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "URL template of the map tiles; empty for maps without a background (the pages still work)",
    ),
    Variable(
        "BEIBIT_MAP_ATTRIBUTION",
        "© OpenStreetMap contributors",
        "the attribution the tile provider asks for",
    ),
    Variable(
        "BEIBIT_API_TOKEN_DAYS",
        "30",
        "days an API token stays valid after it is issued (POST /api/v1/auth/token/rotate renews it)",
    ),
    Variable(
        "BEIBIT_SITE_URL",
        "http://127.0.0.1:8000",
        "the address people open Beibit at: the links in e-mails and SMS start with it",
    ),
    Variable(
        "BEIBIT_EMAIL_HOST",
        "",
        "SMTP server for e-mail; empty: each e-mail is written to a file in BEIBIT_EMAIL_FILE_PATH",
    ),
    Variable(
        "BEIBIT_EMAIL_FILE_PATH", "sent-mail", "the folder e-mails go to when there is no SMTP server"
    ),
    Variable("BEIBIT_EMAIL_PORT", "25", "SMTP port (587 with STARTTLS, 465 with implicit TLS)"),
    Variable("BEIBIT_EMAIL_USER", "", "SMTP user name, if the server asks for one"),
    Variable("BEIBIT_EMAIL_PASSWORD", "", "SMTP password"),
    Variable("BEIBIT_EMAIL_SECURITY", "none", "none, starttls or tls (SMTP over TLS)"),
    Variable("BEIBIT_EMAIL_FROM", "Beibit <noreply@beibit.localhost>", "the sender of every e-mail"),
    Variable("BEIBIT_EMAIL_TIMEOUT", "20", "seconds an SMTP connection may take before the attempt fails"),
    Variable(
        "BEIBIT_SMS_BACKEND",
        "log",
        "log (SMS written to the log; the demo) or mobizon (Mobizon.kz HTTP API)",
    ),
    Variable("BEIBIT_SMS_API_KEY", "", "the SMS gateway's API key (mobizon)"),
    Variable(
        "BEIBIT_SMS_API_URL",
        "https://api.mobizon.kz",
        "the SMS gateway's API address (mobizon: https://api.mobizon.kz)",
    ),
    Variable("BEIBIT_SMS_SENDER", "", "the sender name registered with the gateway; empty: its default"),
    Variable(
        "BEIBIT_JOBS_POLL_SECONDS",
        "1",
        "how often the background worker looks for new jobs (a message is sent within about this time)",
    ),
    Variable(
        "BEIBIT_CLOCK_SECONDS",
        "60",
        "how often the worker runs the clock (silence, overdue, lapsed proposals), the reminders and "
        "a sweep of the outbox for messages due for another attempt",
    ),
    Variable(
        "BEIBIT_OUTBOX_CLAIM_SECONDS",
        "120",
        "how long a worker holds a message it is sending; a worker that died frees it after this time",
    ),
    Variable(
        "BEIBIT_EDS_TRUST_DIR",
        "",
        "directory of the EDS trust anchors (NCA RK's root certificates), intermediates and cached"
        " *.crl files; empty: signing with EDS is not offered",
    ),
    Variable(
        "BEIBIT_EDS_CRL_URLS", "", "comma-separated CRL URLs, downloaded and kept until their next update"
    ),
    Variable(
        "BEIBIT_EDS_FETCH_REVOCATION",
        "false",
        "true to ask the OCSP responders and CRL distribution points the certificates name (network access)",
    ),
    Variable(
        "BEIBIT_EDS_ACCEPT_UNCHECKED_REVOCATION",
        "false",
        "true to accept a signature whose revocation could not be checked (no CRL or OCSP answered)",
    ),
    Variable("BEIBIT_EDS_NCALAYER_URL", "wss://127.0.0.1:13579", "where the browser finds NCALayer"),
    Variable(
        "BEIBIT_SERVE_STATIC",
        "false",
        "true to let the app serve the collected static files itself (the demo; in production a proxy does)",
    ),
    Variable(
        "BEIBIT_TRUSTED_PROXIES",
        "0",
        "how many reverse proxies stand in front of the app; from 1 up the app believes the nearest one's "
        "X-Forwarded-Proto (HTTPS) and the address it appends to X-Forwarded-For (the client's, for the "
        "login lockout), and redirects plain HTTP to HTTPS. 0: neither header is believed",
    ),
    Variable(
        "BEIBIT_CSRF_TRUSTED_ORIGINS",
        "",
        "comma-separated origins (https://beibit.example.kz) whose forms are accepted when the proxy does "
        "not pass the browser's Host header on",
    ),
    Variable(
        "BEIBIT_HSTS_SECONDS",
        "31536000",
        "how long browsers must use HTTPS only (Strict-Transport-Security), when BEIBIT_HTTPS is on; 0: off",
    ),
    Variable(
        "BEIBIT_HSTS_INCLUDE_SUBDOMAINS",
        "true",
        "the HSTS header covers the subdomains of the app's host too",
    ),
    Variable("BEIBIT_HSTS_PRELOAD", "true", "the HSTS header allows browsers' preload lists"),
    Variable("BEIBIT_LOG_LEVEL", "INFO", "the least severe log level written (JSON lines on standard error)"),
    Variable(
        "BEIBIT_ADMINS",
        "",
        "comma-separated e-mail addresses that receive each server error (500) with its request id; "
        "empty: errors are only logged",
    ),
    Variable("BEIBIT_SERVER_EMAIL", "beibit@localhost", "the sender address of the error reports"),
    Variable(
        "BEIBIT_CLOCK_STALE_MINUTES",
        "60",
        "/readyz fails when `beibit tick` (the clock job) last finished longer ago than this",
    ),
    Variable(
        "BEIBIT_ANCHOR_KEY",
        "",
        "the Ed25519 private key file (PEM) `beibit audit anchor` signs with; keep it off the database host",
    ),
)


def read(name: str) -> str:
    """The value of a declared variable (the commands outside Django read them here too)."""
    for variable in ENVIRONMENT:
        if variable.name == name:
            return os.environ.get(name, variable.default)
    raise KeyError(f"{name} is not declared in ENVIRONMENT")


_read = read


def flag(name: str) -> bool:
    return _read(name).strip().lower() in {"1", "true", "yes", "on"}


_flag = flag


def _count(name: str) -> int:
    """A declared whole number ≥ 0; anything else stops the start with the variable's name."""
    text = _read(name).strip()
    if not re.fullmatch(r"[0-9]{1,12}", text):
        raise ImproperlyConfigured(f"{name} must be a whole number (0 or more), not {text!r}")
    return int(text)


def _list(name: str) -> list[str]:
    return [item.strip() for item in _read(name).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DEBUG = _flag("BEIBIT_DEBUG")
SECRET_KEY = _read("BEIBIT_SECRET_KEY") or ("insecure-development-key" if DEBUG else "")
if not SECRET_KEY:
    # Tests and the demo run with DEBUG off as production does; they get a per-process random key.
    SECRET_KEY = os.urandom(32).hex()
ALLOWED_HOSTS = [h.strip() for h in _read("BEIBIT_ALLOWED_HOSTS").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "beibit.registry",
    "beibit.cases",
    "beibit.web",
    "beibit.web.public",
    "beibit.web.organizer",
    "beibit.web.akimat",
    "beibit.web.registry",
    "beibit.monitoring",
    "beibit.opendata",
    "beibit.operations",
    "django_tasks",
    "django_tasks_db",
    "beibit.notifications",
]

MIDDLEWARE = [
    # First: every log line of a request, even of a redirect or a lockout, carries its id.
    "beibit.operations.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "beibit.api.language.ApiLanguageMiddleware",
    "beibit.api.http_errors.ApiBodyLimitMiddleware",
    "beibit.api.http_errors.NulQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "beibit.urls"
WSGI_APPLICATION = "beibit.wsgi.application"

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
                "django.template.context_processors.i18n",
                "beibit.web.context_processors.site",
            ],
            # One format per language for dates and numbers on every page (issue 15).
            "builtins": ["beibit.web.templatetags.formats"],
        },
    }
]

DATABASES = {"default": dj_database_url.parse(_read("BEIBIT_DATABASE_URL"), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins (not when they first write), so two services that
    # read a case and then append to it are serialised instead of failing with "database is locked"; WAL
    # lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the statement (PostgreSQL's extended protocol): psycopg then need not
    # quote a filing's evaluation, tens of kilobytes of JSON, into the SQL text in Python.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "kk"
# The API package is not a Django application; its catalog is found through LOCALE_PATHS.
LOCALE_PATHS = [BASE_DIR / "api" / "locale"]
LANGUAGE_COOKIE_SECURE = _flag("BEIBIT_HTTPS") and not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = _read("BEIBIT_TIME_ZONE")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR.parent.parent / "staticfiles"

SERVE_STATIC = _flag("BEIBIT_SERVE_STATIC")
API_TOKEN_DAYS = max(1, int(_read("BEIBIT_API_TOKEN_DAYS")))

SESSION_COOKIE_SECURE = _flag("BEIBIT_HTTPS") and not DEBUG
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True

# Behind a reverse proxy (docs/deploy.md). The app speaks plain HTTP to the proxy; it learns that the
# browser used HTTPS only from the proxy's X-Forwarded-Proto, which it believes only when told a proxy is
# there (a client talking to the app directly could send the header itself). The redirect to HTTPS needs
# that knowledge too: without it every request would look like plain HTTP and redirect forever.
TRUSTED_PROXIES = _count("BEIBIT_TRUSTED_PROXIES")
HTTPS = _flag("BEIBIT_HTTPS") and not DEBUG
if TRUSTED_PROXIES > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS and TRUSTED_PROXIES > 0
# Health probes come over plain HTTP from the host or the load balancer: they are not redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = _count("BEIBIT_HSTS_SECONDS") if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("BEIBIT_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _flag("BEIBIT_HSTS_PRELOAD")
CSRF_TRUSTED_ORIGINS = _list("BEIBIT_CSRF_TRUSTED_ORIGINS")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "public:start"

# Login throttling (django-axes): five wrong passwords for one account from one address lock that pair out
# for fifteen minutes; the API's token endpoint goes through the same check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
# The address a lockout is keyed on. Direct: the connection's (REMOTE_ADDR; an X-Forwarded-For the client
# sends is ignored). Behind N trusted proxies: the address the outermost of them appended to
# X-Forwarded-For, i.e. the N-th entry from the right; what a client wrote there itself lies further left
# and is skipped. (django-ipware counts the proxies listed in the header, the nearest one being
# REMOTE_ADDR, hence N - 1; not strict, so a client's own entries do not void the header.) The app must then
# be reachable only through the proxies (docs/deploy.md: bound to the loopback).
if TRUSTED_PROXIES > 0:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",)
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXIES - 1
    AXES_IPWARE_PROXY_ORDER = "left-most"
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# The API's lockout is the contract's error object (429); the pages render the template above.
AXES_LOCKOUT_CALLABLE = "beibit.api.http_errors.lockout"

MAP_TILES = _read("BEIBIT_MAP_TILES").strip()
MAP_ATTRIBUTION = _read("BEIBIT_MAP_ATTRIBUTION")


def _tile_origin(template: str) -> list[str]:
    """The scheme and host of the tile URL: the only outside origin the pages load anything from."""
    parts = urlsplit(template)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


EDS_TRUST_DIR = _read("BEIBIT_EDS_TRUST_DIR").strip()
EDS_CRL_URLS = [u.strip() for u in _read("BEIBIT_EDS_CRL_URLS").split(",") if u.strip()]
EDS_FETCH_REVOCATION = _flag("BEIBIT_EDS_FETCH_REVOCATION")
EDS_ACCEPT_UNCHECKED_REVOCATION = _flag("BEIBIT_EDS_ACCEPT_UNCHECKED_REVOCATION")
EDS_NCALAYER_URL = _read("BEIBIT_EDS_NCALAYER_URL").strip()


# No inline scripts or styles anywhere: every script and style sheet is a static file of the app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_origin(MAP_TILES)],
        # NCALayer on the signer's own computer (and KAZTOKEN's HTTP API, which ncalayer-js-client probes).
        "connect-src": ["'self'", EDS_NCALAYER_URL, "https://127.0.0.1:24680"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Logs: JSON lines on standard error (journald or a container runtime ships them), each with the request
# id (beibit.operations.logs) and, for an error, its traceback. With BEIBIT_ADMINS set, each server error is
# also mailed to them.
ADMINS = [(address, address) for address in _list("BEIBIT_ADMINS")]
SERVER_EMAIL = _read("BEIBIT_SERVER_EMAIL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "beibit.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "traceback"},
            "timestamp": "time",
        }
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
        "mail_admins": {
            "class": "beibit.operations.logs.ErrorMailHandler",
            "level": "ERROR",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stderr"], "level": _read("BEIBIT_LOG_LEVEL")},
    "loggers": {
        "django.request": {
            "handlers": ["stderr", *(["mail_admins"] if ADMINS else [])],
            "level": "ERROR",
            "propagate": False,
        },
    },
}

CLOCK_STALE_AFTER = dt.timedelta(minutes=_count("BEIBIT_CLOCK_STALE_MINUTES"))
ANCHOR_KEY = _read("BEIBIT_ANCHOR_KEY")

# --- e-mail, SMS and background jobs (issue 17; docs/architecture.md, "Notifications") ---

SITE_URL = _read("BEIBIT_SITE_URL").rstrip("/")
EMAIL_HOST = _read("BEIBIT_EMAIL_HOST").strip()
# Without a server each e-mail is written to a file (the demo, a developer's machine); the outbox still
# records it as sent.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = _read("BEIBIT_EMAIL_FILE_PATH")
EMAIL_PORT = int(_read("BEIBIT_EMAIL_PORT"))
EMAIL_HOST_USER = _read("BEIBIT_EMAIL_USER")
EMAIL_HOST_PASSWORD = _read("BEIBIT_EMAIL_PASSWORD")
EMAIL_USE_TLS = _read("BEIBIT_EMAIL_SECURITY").strip().lower() == "starttls"
EMAIL_USE_SSL = _read("BEIBIT_EMAIL_SECURITY").strip().lower() == "tls"
EMAIL_TIMEOUT = int(_read("BEIBIT_EMAIL_TIMEOUT"))
DEFAULT_FROM_EMAIL = _read("BEIBIT_EMAIL_FROM")
SMS_BACKEND = _read("BEIBIT_SMS_BACKEND").strip().lower()
SMS_API_KEY = _read("BEIBIT_SMS_API_KEY")
SMS_API_URL = _read("BEIBIT_SMS_API_URL").rstrip("/")
SMS_SENDER = _read("BEIBIT_SMS_SENDER")
JOBS_POLL_SECONDS = float(_read("BEIBIT_JOBS_POLL_SECONDS"))
CLOCK_SECONDS = float(_read("BEIBIT_CLOCK_SECONDS"))
OUTBOX_CLAIM_SECONDS = float(_read("BEIBIT_OUTBOX_CLAIM_SECONDS"))

# Background jobs in the application's own database (django-tasks with django-tasks-db): no extra server.
# A job row is written in the transaction that asks for it, so it exists exactly when that work committed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
