"""Forms as data, periods, submissions and values: the DHIS2 separation of what is counted (form,
rows × columns → cells), where (unit), when (period) and which form version, done with Django models.

Background jobs live in the `jobs` app and scoring rubrics in the `rubrics` app (issue 13).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class ReportForm(models.Model):
    """Biểu mẫu báo cáo: one version of a form. A new version is a copy, so periods of past years
    keep pointing at the version their values were typed into."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        PUBLISHED = "published", _("Đã ban hành")

    code = models.CharField(_("mã biểu mẫu"), max_length=40)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    title = models.CharField(_("tên biểu mẫu"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The office that owns the form; None for the standard forms shipped with the portal.
    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị sở hữu"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("ngày ban hành"), null=True, blank=True)

    class Meta:
        verbose_name = _("biểu mẫu báo cáo")
        verbose_name_plural = _("biểu mẫu báo cáo")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "code", "version"], name="report_form_code_version_unique"),
            models.UniqueConstraint(
                fields=["code", "version"], condition=Q(owner__isnull=True), name="report_form_std_code_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class FormSection(models.Model):
    """Phần / mục of a form (e.g. "I. Lớp học, chuyên đề")."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã phần"), max_length=20)
    title = models.CharField(_("tên phần"), max_length=255)

    class Meta:
        verbose_name = _("phần biểu mẫu")
        verbose_name_plural = _("phần biểu mẫu")
        ordering = ["form", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="form_section_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class FormRow(models.Model):
    """Chỉ tiêu: an indicator line of a section."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rows")
    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã chỉ tiêu"), max_length=20)
    label = models.CharField(_("tên chỉ tiêu"), max_length=255)
    unit_label = models.CharField(_("đơn vị tính"), max_length=30, blank=True)
    # Marked by the form, never guessed from the label: a "Tổng số" row may be an indicator of its own.
    total = models.BooleanField(
        _("dòng cộng"),
        default=False,
        help_text=_("Dòng cộng của phần: in đậm, tô nền trong Excel và bản in."),
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["form", "section__order", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="form_row_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"

    @property
    def is_total(self) -> bool:
        """The row adds up its section, as the form says (reports/grid.py marks it in the row source)."""
        return self.total


class FormColumn(models.Model):
    """Cột phân tổ: a breakdown such as Tổng số / Nữ / Dân tộc thiểu số."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="columns")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã cột"), max_length=20)
    label = models.CharField(_("tên cột"), max_length=120)

    class Meta:
        verbose_name = _("cột")
        verbose_name_plural = _("cột")
        ordering = ["form", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="form_column_code_unique")]

    def __str__(self) -> str:
        return self.label


class CellType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    TEXT = "text", _("Văn bản")
    YES_NO = "yes_no", _("Có / Không")
    CHOICE = "choice", _("Chọn trong danh sách")
    COMPUTED = "computed", _("Tự tính (công thức)")
    NONE = "none", _("Không nhập (ô trống)")


NUMERIC_TYPES = {CellType.INTEGER, CellType.DECIMAL, CellType.COMPUTED}
TYPED_TYPES = {CellType.INTEGER, CellType.DECIMAL, CellType.TEXT, CellType.YES_NO, CellType.CHOICE}


class FormCell(models.Model):
    """Ô: one row × column of a form, with what may be typed in it (or how it is computed)."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="cells")
    row = models.ForeignKey(FormRow, on_delete=models.CASCADE, related_name="cells")
    column = models.ForeignKey(FormColumn, on_delete=models.CASCADE, related_name="cells")
    type = models.CharField(_("kiểu ô"), max_length=10, choices=CellType.choices, default=CellType.INTEGER)
    required = models.BooleanField(_("bắt buộc"), default=False)
    choices = models.JSONField(_("danh sách lựa chọn"), default=list, blank=True)
    formula = models.CharField(
        _("công thức"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: [R01.NU] + [R02.NU], SUMCOL(TS), [R03.TS] / [R01.TS] * 100."),
    )
    provider = models.CharField(_("nguồn số liệu"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("ô biểu mẫu")
        verbose_name_plural = _("ô biểu mẫu")
        constraints = [models.UniqueConstraint(fields=["row", "column"], name="form_cell_row_column_unique")]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        return f"{self.row.code}.{self.column.code}"

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def is_typed(self) -> bool:
        return self.type in TYPED_TYPES


class ValidationRule(models.Model):
    """Quy tắc kiểm tra giữa các ô, e.g. [R01.NU] <= [R01.TS] (women ≤ total)."""

    class Operator(models.TextChoices):
        LE = "<=", "≤"
        LT = "<", "<"
        EQ = "=", "="
        GE = ">=", "≥"
        GT = ">", ">"

    class Severity(models.TextChoices):
        ERROR = "error", _("Lỗi (chặn nộp)")
        WARNING = "warning", _("Cảnh báo (cần giải trình)")

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rules")
    left = models.CharField(_("vế trái"), max_length=500)
    operator = models.CharField(_("phép so sánh"), max_length=2, choices=Operator.choices, default=Operator.LE)
    right = models.CharField(_("vế phải"), max_length=500)
    severity = models.CharField(_("mức độ"), max_length=10, choices=Severity.choices, default=Severity.ERROR)
    message = models.CharField(_("thông báo"), max_length=255)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        ordering = ["form", "id"]

    def __str__(self) -> str:
        return f"{self.left} {self.get_operator_display()} {self.right}"


class ReportingPeriod(models.Model):
    """Kỳ báo cáo: which form version, which units, covering which dates, due when."""

    form = models.ForeignKey(ReportForm, verbose_name=_("biểu mẫu"), on_delete=models.PROTECT, related_name="periods")
    owner = models.ForeignKey(Unit, verbose_name=_("đơn vị mở kỳ"), on_delete=models.PROTECT, related_name="+")
    label = models.CharField(_("tên kỳ báo cáo"), max_length=150)
    start_date = models.DateField(_("số liệu từ ngày"))
    end_date = models.DateField(_("số liệu đến ngày"))
    open_date = models.DateField(_("ngày mở nhập"))
    due_date = models.DateField(_("hạn nộp"))
    lock_date = models.DateField(_("ngày khóa sổ"))
    expected_kinds = models.JSONField(_("loại đơn vị phải báo cáo"), default=list, blank=True)
    expected_school_levels = models.JSONField(_("cấp học"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người mở kỳ"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-due_date", "-id"]

    def __str__(self) -> str:
        return f"{self.form.title} — {self.label}"


class Submission(models.Model):
    """Báo cáo của một đơn vị trong một kỳ. Created for every expected unit when the period opens,
    so "missing" is simply a submission never sent."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang nhập")
        SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
        RETURNED = "returned", _("Bị trả lại")
        APPROVED = "approved", _("Đã duyệt")

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("kỳ báo cáo"), on_delete=models.CASCADE, related_name="submissions"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Optimistic locking: every save bumps it; a save from a page showing an older number is refused.
    version = models.PositiveIntegerField(_("lần lưu"), default=0)
    comment = models.TextField(_("giải trình"), blank=True)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("ngày nộp lần đầu"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ngày duyệt / trả"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # Set by the reviewer who returns the report: from then on the unit is late only past this day,
    # not past the period's due date (a report sent on time and returned is not "quá hạn").
    resubmit_due = models.DateField(_("hạn nộp lại"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["period", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="submission_period_unit_unique")]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period.label}"

    @property
    def is_locked(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)


class DataValue(models.Model):
    """Giá trị: one value of one cell of one submission. Numbers in `number` so that roll-ups are
    SQL SUM ... GROUP BY cell; text, yes/no and choices in `text`."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    cell = models.ForeignKey(FormCell, on_delete=models.CASCADE, related_name="values")
    number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text = models.TextField(blank=True)
    from_provider = models.BooleanField(_("lấy từ dữ liệu sẵn có"), default=False)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("giá trị")
        verbose_name_plural = _("giá trị")
        constraints = [models.UniqueConstraint(fields=["submission", "cell"], name="data_value_unique")]
        indexes = [models.Index(fields=["cell", "submission"])]

    def __str__(self) -> str:
        return f"{self.cell_id}: {self.number if self.number is not None else self.text}"


class ValueChange(models.Model):
    """Lịch sử sửa số liệu: who changed which value, when, from what to what."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="changes")
    cell = models.ForeignKey(FormCell, on_delete=models.CASCADE, related_name="+")
    old_value = models.CharField(_("giá trị cũ"), max_length=255, blank=True)
    new_value = models.CharField(_("giá trị mới"), max_length=255, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người sửa"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lịch sử sửa số liệu")
        verbose_name_plural = _("lịch sử sửa số liệu")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.cell_id}: {self.old_value} → {self.new_value}"


class Notification(models.Model):
    """Thông báo trong cổng (reminders, returns, approvals); also sent by email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("nội dung"), max_length=500)
    link = models.CharField(_("liên kết"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text
