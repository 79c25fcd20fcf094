import time
from pathlib import Path

from django.apps import AppConfig
from django.db import transaction

SLOW_IMPORT = "tests.slow_import"
SLOW_EXPORT = "tests.slow_export"
ROW_ACTION = "tests.slow_row"


def slow_import(job, *, rows: int, step: float, halfway_marker: str):
    """Like the household import: progress while checking, then every row in one transaction.
    Touches `halfway_marker` once half the rows are written (not yet committed)."""
    from jobs.runner import job_progress
    from units.audit import record

    for done in range(1, rows + 1):
        job_progress(job, done, rows * 2, "Đang kiểm tra")
    with transaction.atomic():
        for number in range(1, rows + 1):
            record(actor=job.owner, action=ROW_ACTION, obj=job, changes={"row": ["", number]})
            if number == rows // 2:
                Path(halfway_marker).touch()
            time.sleep(step)
    job_progress(job, rows * 2, rows * 2, f"Đã nhập {rows} dòng")


def slow_export(job, *, rows: int, step: float, halfway_marker: str):
    """An export that only makes a file (safe to repeat). The first attempt is slow, so the test
    can kill it half-way; the automatic second attempt runs straight through."""
    from jobs.runner import job_progress

    slow = job.attempt == 1
    for done in range(1, rows + 1):
        job_progress(job, done, rows, "Đang tạo tệp")
        if slow and done == rows // 2:
            Path(halfway_marker).touch()
        if slow:
            time.sleep(step)
    return "Danh sach.csv", "".join(f"{n}\n" for n in range(rows)).encode()


class SlowJobsConfig(AppConfig):
    name = "tests.hardening.slow_jobs"
    label = "slow_jobs"

    def ready(self):
        from jobs.registry import register_job

        register_job(SLOW_IMPORT, slow_import)
        register_job(SLOW_EXPORT, slow_export, retry_on_interrupt=True)
