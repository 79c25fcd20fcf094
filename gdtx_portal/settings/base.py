"""Settings shared by every environment. See local.py, test.py and production.py."""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "bootstrap",  # Bootstrap 5.3 static files (django-bootstrap-static)
    "fontawesome",  # Font Awesome Free static files (django-bootstrap-static)
    "django_tasks",
    "django_tasks_db",
    "axes",  # login lockout (issue 8)
    "csp",  # Content-Security-Policy with per-request nonces (issue 8)
    "rest_framework",  # the read-only API a province pulls figures from (issue 16)
    "drf_spectacular",  # its OpenAPI schema
    "drf_spectacular_sidecar",  # Swagger UI's files from the wheel: no CDN
]
LOCAL_APPS = [
    "units",
    "documents",
    "jobs",
    "reports",
    "rubrics",
    "annual",
    "centers",
    "literacy",
    "learning_society",
    "training",
    "inspections",
    "emulation",
    "communication",
    "committees",
    "resources",
    "api",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "units.clean_input.StripNulMiddleware",  # NUL out of query strings and posted text (PostgreSQL refuses it)
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The database went away (PostgreSQL restarted): a 503 "thử lại sau ít giây" page, not a 500.
    "gdtx_portal.middleware.DatabaseUnavailableMiddleware",
    "gdtx_portal.middleware.NoStoreMiddleware",  # Cache-Control: no-store, private for logged-in users and downloads
    # Every page needs a login unless its view opts out with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "units.two_factor_required.TwoFactorRequiredMiddleware",  # TWO_FACTOR_REQUIRED_FOR_OFFICE: setup first
    "units.first_login.PasswordChangeRequiredMiddleware",  # a one-time password: change it first
    # CSP header with a fresh nonce per request (request.csp_nonce); production enforces it.
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gdtx_portal.urls"
WSGI_APPLICATION = "gdtx_portal.wsgi.application"

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
                "units.context_processors.portal",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker write while pages read; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "units.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Axes first: it refuses a locked-out username+IP before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id with OWASP's parameters first (gdtx_portal/hashers.py: ~30 ms a login instead of PBKDF2's
# ~350 ms on a 2-core server); the others check older hashes, which are upgraded at the next login.
PASSWORD_HASHERS = [
    "gdtx_portal.hashers.OwaspArgon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    # Not the username, the full name (with or without accents) nor the e-mail address.
    {
        "NAME": "gdtx_portal.password_validation.NameSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese UI, Vietnamese time, dd/mm/yyyy and "1.234,5" numbers (formats/vi/formats.py).
LANGUAGE_CODE = "vi"
# One language for now; an English catalogue in locale/en would add ("en", "English") and LocaleMiddleware.
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Grouping is applied where a figure is shown (|intcomma, |vn_number, documents), not to every
# integer a template prints: automatic grouping turned ids and years into "1.693" and "2.025" inside
# form values and links.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["gdtx_portal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# An uploaded spreadsheet is measured before it is read (units.spreadsheets.guard): a 2 KB .xlsx
# with cells A1 and XFD150000 would make the reader allocate ~78 GB. The household import's real
# files: ~100,000 rows × 15 columns, 10 MB packed / 118 MB unpacked for 150,000 rows.
SPREADSHEET_MAX_ROWS = env_int("SPREADSHEET_MAX_ROWS", 200_000)
SPREADSHEET_MAX_COLUMNS = env_int("SPREADSHEET_MAX_COLUMNS", 200)
SPREADSHEET_MAX_CELLS = env_int("SPREADSHEET_MAX_CELLS", 6_000_000)  # rows × columns of the sheet
SPREADSHEET_MAX_UNCOMPRESSED_BYTES = env_int("SPREADSHEET_MAX_UNCOMPRESSED_BYTES", 1_000_000_000)
SPREADSHEET_MAX_COMPRESSION_RATIO = env_int("SPREADSHEET_MAX_COMPRESSION_RATIO", 100)  # parts over 1 MB
SPREADSHEET_MAX_ZIP_MEMBERS = env_int("SPREADSHEET_MAX_ZIP_MEMBERS", 1000)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Background work: django-tasks with its database backend, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job's worker stamps it every JOB_HEARTBEAT_INTERVAL seconds; a job silent for
# JOB_HEARTBEAT_TIMEOUT seconds lost its worker and is failed or re-queued (jobs.supervision).
JOB_HEARTBEAT_INTERVAL = env_int("JOB_HEARTBEAT_INTERVAL", 10)
JOB_HEARTBEAT_TIMEOUT = env_int("JOB_HEARTBEAT_TIMEOUT", 180)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "GDTX Portal <no-reply@localhost>")

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login lockout (django-axes): 5 wrong passwords for one username from one address lock that
# pair for 15 minutes; another user at the same office (same NAT address) can still log in.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "units.lockout.locked_out"
AXES_VERBOSE = False
# The address a lockout keys on (units.lockout.client_ip): the socket's peer, unless that peer is
# one of TRUSTED_PROXIES (comma-separated addresses or networks of the reverse proxies in front);
# only then is X-Forwarded-For read, taking its right-most address that is not a trusted proxy.
# Empty here (no proxy: the header is ignored, so a client cannot dodge or frame others with it);
# production.py trusts the local nginx.
AXES_CLIENT_IP_CALLABLE = "units.lockout.client_ip"
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

# Content-Security-Policy (django-csp 4). Scripts only from our own origin or inline blocks that
# carry this request's nonce; no eval (htmx is told so by the htmx-config meta tag). Bootstrap
# components set style attributes, so inline STYLES stay allowed; inline scripts never are.
# Development and tests send it report-only (the browser console lists violations, nothing
# breaks); production.py enforces it.
_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}
CONTENT_SECURITY_POLICY = None
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}

# One cache every gunicorn worker and thread shares, with no extra service to run: Django's database
# cache, its table created by units migration 0010 (no `createcachetable` step). It keeps the office
# home's panels (units/panel_cache.py) and the API throttle's counts. tests run without a cache
# (settings/test.py) except where a test turns one on.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gdtx_cache",
        "TIMEOUT": 600,
        # Panels are kept per office, role and viewer: room for a province's offices; a quarter is
        # culled when full.
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
    }
}

# The API (api/): token auth only (no session, so no CSRF question), GET only, paginated, and a
# request budget per token. The throttle counts in the shared default cache above.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsApiClient"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_token": env_str("API_RATE", "1200/hour")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API số liệu Cổng thông tin GDTX",
    "DESCRIPTION": "Chỉ đọc. Mỗi khóa đọc số liệu của một đơn vị và các đơn vị trực thuộc.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A 403 is one line (method, path, user id), not a traceback (gdtx_portal/log_filters.py).
    "filters": {"one_line_forbidden": {"()": "gdtx_portal.log_filters.OneLineForbidden"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["one_line_forbidden"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Project settings
PORTAL_NAME = env_str("PORTAL_NAME", "Cổng thông tin GDTX")
# Two-factor login (TOTP) is each office user's choice; True makes it compulsory for office roles
# (and superusers): until their device is confirmed they reach only the setup page, logout and the
# password change (units/two_factor_required.py).
TWO_FACTOR_REQUIRED_FOR_OFFICE = env_bool("TWO_FACTOR_REQUIRED_FOR_OFFICE", False)
