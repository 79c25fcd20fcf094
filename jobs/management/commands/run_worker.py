"""`manage.py run_worker`: django-tasks' `db_worker`, plus the care of jobs a dead worker left behind.

Before it takes the first task it settles every job still "running" whose worker process is gone
(killed, out of memory, the machine restarted): failed with a message and a "Chạy lại" button, or
queued again once when the kind is safe to repeat (jobs.supervision.recover_orphaned_job). While it runs,
a thread repeats that sweep every minute for jobs of workers on other machines, which are known to
be dead only by their heartbeat (JOB_HEARTBEAT_TIMEOUT). Every option of db_worker is accepted.

db_worker exits on the first database error it meets while polling for tasks, which a PostgreSQL
restart produces; this command waits a moment and carries on instead, so the worker survives the
restart without a supervisor (a job caught by it ends "Lỗi" with its message, jobs.runner).
"""

import threading
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from jobs.supervision import fail_orphaned_jobs, run_sweeper

SWEEP_EVERY = 60.0  # seconds
RECONNECT_DELAY = 1.0  # seconds between attempts while the database is unavailable


class Command(DbWorkerCommand):
    help = "Settle jobs left running by a dead worker, then run the django-tasks database worker."

    def handle(self, *args, **options):
        try:
            settled = fail_orphaned_jobs()
        except DatabaseError as error:  # the database is still starting: the sweeper thread retries
            self.stderr.write(f"Could not check for interrupted jobs yet: {error}")
        else:
            if settled and options.get("verbosity", 1):
                self.stdout.write(f"Settled {settled} job(s) interrupted by a stopped worker.")
        stop = threading.Event()
        run_sweeper(stop, every=SWEEP_EVERY)
        try:
            while True:
                try:
                    return super().handle(*args, **options)
                except (OperationalError, InterfaceError) as error:
                    self.stderr.write(f"Database unavailable ({error}); trying again in {RECONNECT_DELAY:g} s.")
                    connections.close_all()
                    time.sleep(RECONNECT_DELAY)
        finally:
            stop.set()
