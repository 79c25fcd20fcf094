"""Staff training (tập huấn, bồi dưỡng, issue 18): the courses a unit organises (the office, a
TTHTCĐ, the district GDNN-GDTX centre), who took part — a portal user or a person typed with their
unit and role — their attendance, result and certificate, and the training-needs surveys the
office opens for its units."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.calendar import school_year_of
from units.models import Unit


class Field(models.TextChoices):
    LITERACY = "literacy", _("Xóa mù chữ, sau biết chữ")
    CENTRES = "centres", _("Quản lý, hoạt động TTHTCĐ")
    LEARNING_SOCIETY = "learning_society", _("Xây dựng xã hội học tập")
    CONTINUING = "continuing", _("Giáo dục thường xuyên")
    METHOD = "method", _("Phương pháp dạy người lớn")
    DIGITAL = "digital", _("Chuyển đổi số, ứng dụng CNTT")
    OTHER = "other", _("Khác")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    BLENDED = "blended", _("Kết hợp trực tiếp và trực tuyến")


class Status(models.TextChoices):
    PLANNED = "planned", _("Kế hoạch")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Hủy")


class ParticipantRole(models.TextChoices):
    LITERACY_TEACHER = "literacy_teacher", _("Giáo viên dạy xóa mù chữ")
    CENTRE_MANAGER = "centre_manager", _("Cán bộ quản lý TTHTCĐ")
    LECTURER = "lecturer", _("Báo cáo viên")
    COLLABORATOR = "collaborator", _("Cộng tác viên")
    SCHOOL_STAFF = "school_staff", _("Cán bộ, giáo viên phụ trách GDTX ở trường")
    OFFICE_STAFF = "office_staff", _("Cán bộ quản lý giáo dục")
    OTHER = "other", _("Khác")


class Result(models.TextChoices):
    PASSED = "passed", _("Đạt")
    FAILED = "failed", _("Chưa đạt")


class Course(models.Model):
    """Một lớp tập huấn, bồi dưỡng: planned, then held (or cancelled)."""

    organiser = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="training_courses"
    )
    topic = models.CharField(_("nội dung tập huấn"), max_length=255)
    field = models.CharField(_("lĩnh vực"), max_length=30, choices=Field.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    hours = models.PositiveSmallIntegerField(_("số giờ (tiết)"), default=0)
    mode = models.CharField(_("hình thức"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    planned_participants = models.PositiveIntegerField(_("số người dự kiến"), default=0)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    school_year = models.PositiveSmallIntegerField(_("năm học"), editable=False, db_index=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="training_course_dates"),
        ]

    def __str__(self) -> str:
        return self.topic

    def save(self, *args, **kwargs):
        self.school_year = school_year_of(self.start_date)
        super().save(*args, **kwargs)


class Participant(models.Model):
    """Người dự tập huấn: a portal user (`user`) or a person typed with their unit and role."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản trên cổng"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị công tác"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("đối tượng"), max_length=30, choices=ParticipantRole.choices)
    attended = models.BooleanField(_("có mặt"), default=False)
    result = models.CharField(_("kết quả"), max_length=10, choices=Result.choices, blank=True)
    certificate_no = models.CharField(_("số chứng nhận"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("người dự tập huấn")
        verbose_name_plural = _("người dự tập huấn")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="training_participant_once"),
        ]

    def __str__(self) -> str:
        return self.full_name


class NeedsSurvey(models.Model):
    """Khảo sát nhu cầu tập huấn: the office asks its units what training they need, by a deadline."""

    organiser = models.ForeignKey(Unit, verbose_name=_("đơn vị khảo sát"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=255)
    deadline = models.DateField(_("hạn trả lời"))
    notes = models.TextField(_("hướng dẫn"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khảo sát nhu cầu tập huấn")
        verbose_name_plural = _("khảo sát nhu cầu tập huấn")
        ordering = ["-deadline", "-id"]

    def __str__(self) -> str:
        return self.title


class NeedAnswer(models.Model):
    """One line of a unit's answer: a topic, how many of its people need it, a note."""

    survey = models.ForeignKey(NeedsSurvey, on_delete=models.CASCADE, related_name="answers")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("nội dung cần tập huấn"), max_length=255)
    people = models.PositiveIntegerField(_("số người cần tập huấn"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhu cầu tập huấn của đơn vị")
        verbose_name_plural = _("nhu cầu tập huấn của đơn vị")
        ordering = ["unit__path", "id"]

    def __str__(self) -> str:
        return self.topic
