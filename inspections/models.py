"""Inspection and supervision (kiểm tra, giám sát, issue 18): the office's contents of inspection
with a checklist of items each (shipped defaults marked "mẫu", editable), the year's visits (đợt
kiểm tra) planned and performed — team, date, unit, a result per checklist item, notes, photos —
and the recommendations (kiến nghị) with deadlines that the inspected unit answers and the office
closes or reopens."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.calendar import school_year_of
from units.models import Unit


class Content(models.Model):
    """Nội dung kiểm tra of an office (literacy records, TTHTCĐ activities and money, …)."""

    office = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="inspection_contents")
    title = models.CharField(_("nội dung kiểm tra"), max_length=255)
    order = models.PositiveSmallIntegerField(default=0)
    is_sample = models.BooleanField(_("mẫu"), default=False)

    class Meta:
        verbose_name = _("nội dung kiểm tra")
        verbose_name_plural = _("nội dung kiểm tra")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    """One line of a content's checklist."""

    content = models.ForeignKey(Content, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(_("nội dung cần kiểm tra"), max_length=500)
    order = models.PositiveSmallIntegerField(default=0)
    is_sample = models.BooleanField(_("mẫu"), default=False)

    class Meta:
        verbose_name = _("mục kiểm tra")
        verbose_name_plural = _("mục kiểm tra")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Status(models.TextChoices):
    PLANNED = "planned", _("Kế hoạch")
    DONE = "done", _("Đã kiểm tra")


class Inspection(models.Model):
    """Một đợt kiểm tra: planned (unit, date, contents, team), then performed (results, notes)."""

    office = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="inspections_made")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị được kiểm tra"), on_delete=models.PROTECT, related_name="inspections"
    )
    planned_date = models.DateField(_("ngày dự kiến"))
    done_date = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    contents = models.ManyToManyField(Content, verbose_name=_("nội dung kiểm tra"), related_name="+")
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("đoàn kiểm tra"), related_name="+")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trưởng đoàn"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    notes = models.TextField(_("nhận xét chung"), blank=True)
    school_year = models.PositiveSmallIntegerField(_("năm học"), editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt kiểm tra")
        verbose_name_plural = _("đợt kiểm tra")
        ordering = ["planned_date", "id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.planned_date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.school_year = school_year_of(self.planned_date)
        super().save(*args, **kwargs)


class Result(models.TextChoices):
    PASSED = "passed", _("Đạt")
    FAILED = "failed", _("Chưa đạt")


class Check(models.Model):
    """The result of one checklist item in one inspection."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("kết quả"), max_length=10, choices=Result.choices, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="inspections_check_once")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.result or '—'}"


class Photo(models.Model):
    """Ảnh minh chứng of a visit (an image, judged by its first bytes: files.py)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("tệp"), upload_to="inspections/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField(_("dung lượng"))
    caption = models.CharField(_("mô tả"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class RecStatus(models.TextChoices):
    OPEN = "open", _("Chưa trả lời")
    ANSWERED = "answered", _("Đơn vị đã trả lời")
    CLOSED = "closed", _("Đã đóng")


class Recommendation(models.Model):
    """Kết luận, kiến nghị: a finding and what the unit must do by `deadline`; the unit answers
    (text and an optional file), the office closes it or reopens it."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    finding = models.TextField(_("tồn tại, hạn chế"), blank=True)
    text = models.TextField(_("kiến nghị"))
    deadline = models.DateField(_("hạn thực hiện"))
    status = models.CharField(_("tình trạng"), max_length=20, choices=RecStatus.choices, default=RecStatus.OPEN)
    response = models.TextField(_("kết quả thực hiện"), blank=True)
    response_file = models.FileField(_("tệp kèm theo"), upload_to="inspections/responses/%Y/%m/", blank=True)
    response_name = models.CharField(max_length=255, blank=True)
    response_type = models.CharField(max_length=60, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.text[:80]
