"""Tests: fast hashing, in-memory mail, plain static storage (live_server cannot serve hashed names)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
# No cache between tests: a test's data must never be answered from another test's (SQLite reuses
# ids after a rollback). tests/test_panel_cache.py turns local memory on to test units.panel_cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# Uploads and generated files of a test run go to a throw-away folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="gdtx-media-"))

# Login lockout off for the suite (tests log in many times); tests/hardening turns it on.
AXES_ENABLED = False
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
# ...which axes' check would flag: the lockout is deliberately absent here.
SILENCED_SYSTEM_CHECKS = ["axes.W003"]
