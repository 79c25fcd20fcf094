"""Background jobs with a progress bar: long exports, imports and documents.

A module registers what a kind of job does, once, in its AppConfig.ready():

    from jobs.registry import register_job
    from jobs.runner import job_progress

    def export_rollup(job, *, period_id):
        period = get_period_for_user(job.owner, period_id)       # re-check access as the owner
        rows = ...
        for done, row in enumerate(rows, 1):
            ...
            job_progress(job, done, len(rows), "Đang ghi bảng tổng hợp")
        return "Tong hop.xlsx", table_to_xlsx(table)             # (file name, bytes) or None

    register_job("reports.rollup_xlsx", export_rollup)

and a view starts it: `job = start_job(actor=request.user, kind=..., title=..., params={...})`
(jobs.runner), then redirects to `job_detail_url(job)` (jobs.access), whose page polls the progress
every second. Or the view lets `export_or_job()` (jobs.responses) choose: small exports answer at
once, large ones become jobs.

One module per concern, each importing only those above it in this list (no cycle):
- models.py      the Job row (table `reports_job`, kept when the model left reports/);
- registry.py    what each kind of job does (register_job), JobError, the job_interrupted signal;
- heartbeat.py   which process runs a job, whether it still lives, the heartbeat thread;
- runner.py      start_job / retry_job, the django-tasks task, progress, the job's outcome;
- supervision.py interrupted jobs (the sweep, retry of safe kinds) and purge_old_jobs;
- access.py      the user's own jobs (404 for anyone else's), the job's URL, "looks stuck";
- responses.py   HTTP answers: the download, export_or_job;
- views.py, urls.py (namespace "jobs", mounted at /viec/), templates/jobs/,
  management/commands/run_worker.py.

The work runs in a django-tasks task: the DatabaseBackend's worker (`manage.py run_worker`,
started by `make run`) in development and production, the ImmediateBackend (inline) in tests.
The Job row and the queued task are written in the same transaction, so the worker never picks a
task whose Job it cannot see. Nothing here is kept in module globals except the registry of
functions, which every process builds identically at start-up (DESIGN.md: several processes).

A worker can die in the middle of a job (killed, out of memory, the machine restarted). While a job
runs, a heartbeat thread stamps `Job.heartbeat_at` every JOB_HEARTBEAT_INTERVAL seconds, and the
job records which process runs it. `fail_orphaned_jobs()` finds running jobs whose process is gone
(same machine) or whose heartbeat is older than JOB_HEARTBEAT_TIMEOUT and marks them failed with
INTERRUPTED (the "Chạy lại" button starts them again) — or, for kinds registered with
`retry_on_interrupt=True` (exports that only make a file), queues them once more by themselves.
It runs when the worker starts (`manage.py run_worker`), every minute inside that worker, and for
one job whenever its page is looked at, so a progress bar never spins forever. Imports write in one
transaction, so a killed one has written nothing (tests/hardening/test_faults.py, bench/faults.py).

jobs imports only units (the audit trail) besides Django and django-tasks: the apps that define
kinds of jobs import jobs, never the other way round.
"""
