"""The Job row: one background job, its progress and its result file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class Job(models.Model):
    """Việc chạy nền: a long export or import run by the task worker, with progress for the bar."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("loại việc"), max_length=80)
    title = models.CharField(_("tên việc"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="jobs"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveIntegerField(_("đã xong"), default=0)
    total = models.PositiveIntegerField(_("tổng"), default=0)
    message = models.TextField(_("thông báo"), blank=True)
    params = models.JSONField(default=dict, blank=True)
    result_file = models.FileField(_("tệp kết quả"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written every few seconds by the worker running the job (jobs.heartbeat.Heartbeat); a running job
    # whose heartbeat has stopped belongs to a worker that was killed (fail_orphaned_jobs).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # "host:pid:start" of the worker process that claimed it, so a dead process on this machine is
    # noticed at once rather than after JOB_HEARTBEAT_TIMEOUT.
    worker = models.CharField(max_length=120, blank=True)
    # 1 for the first run; an interrupted job whose kind is safe to repeat is queued once more.
    attempt = models.PositiveSmallIntegerField(default=1)

    class Meta:
        db_table = "reports_job"  # the table it had in reports/ (issue 13 moved the model, not the rows)
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, round(100 * self.progress / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
