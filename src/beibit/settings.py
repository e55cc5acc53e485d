"""Django settings of the Beibit application shell.

Every environment variable is declared once, in `ENVIRONMENT`, with its default and help text; nothing else
reads `os.environ`. The embedded default is SQLite in the working directory (the demo and small
deployments); production points BEIBIT_DATABASE_URL at PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str


ENVIRONMENT: tuple[Variable, ...] = (
    Variable("BEIBIT_DEBUG", "false", "true only on a developer's machine: detailed errors, plain cookies"),
    Variable("BEIBIT_SECRET_KEY", "", "signing key for sessions and CSRF; set it in production"),
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
)


def _read(name: str) -> str:
    for variable in ENVIRONMENT:
        if variable.name == name:
            return os.environ.get(name, variable.default)
    raise KeyError(f"{name} is not declared in ENVIRONMENT")


def _flag(name: str) -> bool:
    return _read(name).strip().lower() in {"1", "true", "yes", "on"}


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
    "beibit.cases",
    "beibit.web",
    "beibit.web.public",
    "beibit.web.organizer",
    "beibit.web.akimat",
    "beibit.web.registry",
    "beibit.monitoring",
    "beibit.opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "beibit.api.language.ApiLanguageMiddleware",
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
            ]
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

SESSION_COOKIE_SECURE = _flag("BEIBIT_HTTPS") and not DEBUG
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:start"

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
