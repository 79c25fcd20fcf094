"""gunicorn settings for the portal (docs/deployment.md; bench/load.py runs with the same file):

    gunicorn -c gdtx_portal/gunicorn.conf.py gdtx_portal.wsgi

Pages are mostly CPU (Python rendering) with short waits on PostgreSQL. Processes, not threads,
give that CPU work a core each (the GIL lets one thread run Python at a time): 2 × cores + 1
workers, the rule of gunicorn's documentation, so one worker computes while another waits for the
database. A few threads per worker (gthread) let a worker that waits on a slow query or a big
upload still answer the next small request, and keep-alive connections from the proxy cost an
idle socket instead of a whole worker. Environment variables override each value.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# Long exports and imports run in the task worker (manage.py db_worker), not in a request; a page
# that takes two minutes is a bug to see in the log, not to wait for.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# A worker restarts after this many requests (staggered by the jitter): memory that a library
# holds on to cannot grow without bound over weeks of uptime.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# Django is imported and the static files indexed (WhiteNoise reads ~9,000 files) once in the
# master; a worker that restarts forks ready. Nothing touches the database at import (no app's
# ready() queries), so no connection is shared across the fork. Code changes need a restart.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
