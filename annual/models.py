"""The office's annual GDTX report (báo cáo tổng kết năm học): narrative written by the officer,
tables and charts filled live from the modules, and frozen versions whose figures never change.

A draft is edited freely; "chốt số liệu" copies it into a new frozen version that stores the
figures as JSON (the snapshot), so a later edit in any module leaves a signed report unchanged
(DOMAIN.md §6). Drafts and frozen versions are all kept.

The officer prepares, the office's leader signs (issue 17): a frozen version goes to the leader
("Trình lãnh đạo duyệt", PENDING), who approves it (it is issued, FROZEN, with the leader as signer)
or returns it with a reason (RETURNED). An office with no leader account in the portal issues
directly, and the audit says so (annual.services.annual_report_freeze).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class AnnualReport(models.Model):
    """Báo cáo tổng kết năm học về giáo dục thường xuyên."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PENDING = "pending", _("Chờ lãnh đạo duyệt")
        RETURNED = "returned", _("Lãnh đạo trả lại")
        # The value kept its name from before the leader's sign-off: a frozen version is the issued one.
        FROZEN = "frozen", _("Đã ban hành")

    office = models.ForeignKey(Unit, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("năm học (năm bắt đầu)"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=0)
    draft = models.ForeignKey(
        "self", verbose_name=_("bản nháp gốc"), on_delete=models.CASCADE, null=True, blank=True, related_name="versions"
    )
    narrative = models.JSONField(_("nội dung từng phần"), default=dict, blank=True)
    number = models.CharField(_("số văn bản"), max_length=20, blank=True)
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=80, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=80, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    frozen_on = models.DateField(_("số liệu tính đến ngày"), null=True, blank=True)
    snapshot = models.JSONField(_("số liệu đã chốt"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "reports_annualreport"  # moved from reports (issue 13): the table kept its name
        verbose_name = _("báo cáo tổng kết năm học")
        verbose_name_plural = _("báo cáo tổng kết năm học")
        ordering = ["-school_year", "office", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "school_year"], condition=Q(status="draft"), name="annual_report_one_draft"
            ),
            models.UniqueConstraint(fields=["draft", "version"], name="annual_report_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.school_year_label} — {self.office}"

    @property
    def school_year_label(self) -> str:
        return f"{self.school_year}-{self.school_year + 1}"

    @property
    def is_frozen(self) -> bool:
        """A version (sent, returned or issued): its figures are stored and it is never edited."""
        return self.status != self.Status.DRAFT

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.FROZEN

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class GuidanceArea(models.TextChoices):
    """The areas of the year's GDTX guidance (the seeds' hướng dẫn nhiệm vụ GDTX năm học)."""

    LEARNING_SOCIETY = "learning_society", _("Xây dựng xã hội học tập")
    LITERACY = "literacy", _("Xóa mù chữ")
    CENTRES = "centres", _("Trung tâm học tập cộng đồng")
    PROGRAMMES = "programmes", _("Chương trình GDTX")
    STAFF = "staff", _("Đội ngũ, bồi dưỡng")
    ICT = "ict", _("Ứng dụng CNTT, truyền thông")
    REPORTING = "reporting", _("Thông tin báo cáo, thi đua")


class Guidance(models.Model):
    """Hướng dẫn nhiệm vụ GDTX năm học: tasks by area with deadlines; schools and centres answer
    with their plan (kế hoạch) for the year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        PUBLISHED = "published", _("Đã ban hành")

    office = models.ForeignKey(Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("năm học (năm bắt đầu)"))
    title = models.CharField(_("tên văn bản"), max_length=255)
    number = models.CharField(_("số văn bản"), max_length=40, blank=True)
    plan_due = models.DateField(_("hạn nộp kế hoạch"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("ngày ban hành"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "reports_guidance"  # moved from reports (issue 13): the table kept its name
        verbose_name = _("hướng dẫn nhiệm vụ năm học")
        verbose_name_plural = _("hướng dẫn nhiệm vụ năm học")
        ordering = ["-school_year", "office"]
        constraints = [models.UniqueConstraint(fields=["office", "school_year"], name="guidance_one_per_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def school_year_label(self) -> str:
        return f"{self.school_year}-{self.school_year + 1}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class GuidanceTask(models.Model):
    """Nhiệm vụ: one task of the guidance, in an area, with its deadline."""

    guidance = models.ForeignKey(Guidance, on_delete=models.CASCADE, related_name="tasks")
    area = models.CharField(_("lĩnh vực"), max_length=20, choices=GuidanceArea.choices)
    text = models.TextField(_("nội dung nhiệm vụ"))
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    # Who carries the task out (issue 18): kinds of unit, and/or units named one by one; none → not followed.
    unit_kinds = models.JSONField(_("giao cho loại đơn vị"), default=list, blank=True)
    units = models.ManyToManyField(Unit, verbose_name=_("giao cho đơn vị"), blank=True, related_name="+")
    period = models.ForeignKey(
        "reports.ReportingPeriod",
        verbose_name=_("kỳ báo cáo kết quả"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        db_table = "reports_guidancetask"  # moved from reports (issue 13): the table kept its name
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["guidance", "area", "deadline", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class YearPlan(models.Model):
    """Kế hoạch năm học of a school or centre, submitted against the office's guidance."""

    guidance = models.ForeignKey(Guidance, on_delete=models.CASCADE, related_name="plans")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung kế hoạch"), blank=True)
    attachment = models.FileField(_("tệp kế hoạch"), upload_to="plans/%Y/", blank=True)
    attachment_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), auto_now=True)

    class Meta:
        db_table = "reports_yearplan"  # moved from reports (issue 13): the table kept its name
        verbose_name = _("kế hoạch năm học")
        verbose_name_plural = _("kế hoạch năm học")
        constraints = [models.UniqueConstraint(fields=["guidance", "unit"], name="year_plan_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.guidance}"


class TaskProgress(models.Model):
    """Tiến độ: where one unit stands on one task of the guidance, with a short report and evidence."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")

    task = models.ForeignKey(GuidanceTask, on_delete=models.CASCADE, related_name="progress")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("tiến độ"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    report = models.TextField(_("báo cáo ngắn"), max_length=2000, blank=True)
    evidence = models.FileField(_("minh chứng"), upload_to="task-evidence/%Y/", blank=True)
    evidence_name = models.CharField(_("tên tệp minh chứng"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="task_progress_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.task}"
