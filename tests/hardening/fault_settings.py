"""Settings of the worker subprocess in tests/hardening/test_faults.py: the test settings, but with
django-tasks' database backend (a real `run_worker`), the test-only slow job kinds, the database
given by DATABASE_URL (base.py) and a quick heartbeat."""

import os
from pathlib import Path

from gdtx_portal.settings.test import *  # noqa: F403
from gdtx_portal.settings.test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.hardening.slow_jobs"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MEDIA_ROOT = Path(os.environ["FAULT_MEDIA_ROOT"])
JOB_HEARTBEAT_INTERVAL = 0.5
LOGGING = {"version": 1, "disable_existing_loggers": False}
