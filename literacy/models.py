"""The literacy register (sổ theo dõi phổ cập giáo dục – xóa mù chữ), its classes and settings.

Rules: ../shared/docs/DOMAIN.md §3 — Nghị định 20/2014/NĐ-CP Điều 19–21 (person and commune
standard), Thông tư 33/2021/TT-BGDĐT (programme stages), Thông tư 10/2022/TT-BGDĐT (term results).

A survey round holds its own copy of every household and person: literacy status is kept per
person per round (not one flag), so a relapse is a plain comparison between two rounds, and the
standard of a past year is computed from the round as it was surveyed.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units import ethnicity as ethnicity_list
from units.models import Unit

from .count_models import (  # noqa: F401  (models of this app)
    COUNTED_FIELDS,
    EVERY_AGE,
    PLACE_FIELDS,
    DuplicateGroup,
    LiteracyCount,
    LiteracyStandardSum,
    cells_written,
    field_names,
    people_written,
)

MIN_BIRTH_YEAR = 1900


class AgeMethod(models.TextChoices):
    BIRTH_YEAR = "birth_year", _("Tuổi = năm thống kê − năm sinh")
    EXACT = "exact", _("Tuổi tròn tính đến ngày 30/9 của năm thống kê")


class LiteracySettings(models.Model):
    """Cách tính chuẩn XMC of one office. Both rules are marked (verify) in DOMAIN.md §3, so they
    are visible switches with the documented defaults and are printed under every table."""

    office = models.OneToOneField(
        Unit, verbose_name=_("cơ quan quản lý"), on_delete=models.CASCADE, related_name="literacy_settings"
    )
    exempt_leave_denominator = models.BooleanField(
        _("người được miễn không tính vào mẫu số"),
        default=True,
        help_text=_(
            "Mặc định: người khuyết tật không có khả năng học tập được miễn, ghi ở cột riêng và không tính vào "
            "mẫu số khi tính tỉ lệ (quy định của địa phương / hướng dẫn điều tra; cần xác minh)."
        ),
    )
    age_method = models.CharField(
        _("cách tính tuổi"),
        max_length=12,
        choices=AgeMethod.choices,
        default=AgeMethod.BIRTH_YEAR,
        help_text=_(
            "Mặc định: tuổi tính theo năm sinh tại năm thống kê (tuổi = năm − năm sinh). "
            "Cần kiểm tra lại với hướng dẫn hiện hành."
        ),
    )
    # Issue 18: who signs the decision recognising a commune (NĐ 20/2014; the authority moved with the
    # two-tier local government of July 2025, so the office says which applies; blank: the default).
    recognition_decider = models.CharField(
        _("thẩm quyền ký quyết định công nhận xã đạt chuẩn XMC"),
        max_length=12,
        blank=True,
        choices=[
            ("district", _("Chủ tịch UBND huyện")),
            ("commune", _("Chủ tịch UBND xã")),
            ("office", _("Trưởng phòng GD&ĐT")),
        ],
        help_text=_(
            "Để trống: Chủ tịch UBND huyện (trước 01/7/2025); từ 01/7/2025 chưa có căn cứ, "
            "phòng chọn thẩm quyền áp dụng (cần xác minh)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cách tính chuẩn xóa mù chữ")
        verbose_name_plural = _("cách tính chuẩn xóa mù chữ")

    def __str__(self) -> str:
        return str(self.office)


class SurveyRound(models.Model):
    """Đợt điều tra, rà soát: twice a year (DOMAIN.md §2). `year` is the PCGD-XMC statistics year."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang điều tra")
        CLOSED = "closed", _("Đã khóa")

    office = models.ForeignKey(Unit, verbose_name=_("cơ quan quản lý"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(
        _("năm thống kê"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    number = models.PositiveSmallIntegerField(_("đợt"), choices=[(1, _("Đợt 1")), (2, _("Đợt 2"))])
    reference_date = models.DateField(_("ngày chốt số liệu"))
    previous = models.ForeignKey(
        "self", verbose_name=_("đợt trước"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt điều tra")
        verbose_name_plural = _("đợt điều tra")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["office", "year", "number"], name="literacy_round_unique")]

    def __str__(self) -> str:
        return f"Năm {self.year} – đợt {self.number}"


class SurveyAssignment(models.Model):
    """Which school or centre surveys which hamlet in a round."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="assignments")
    hamlet = models.ForeignKey(Unit, verbose_name=_("thôn / tổ dân phố"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị điều tra"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("phân công điều tra")
        verbose_name_plural = _("phân công điều tra")
        ordering = ["hamlet__path"]
        constraints = [models.UniqueConstraint(fields=["round", "hamlet"], name="literacy_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.hamlet} → {self.unit}"


class Residence(models.TextChoices):
    PERMANENT = "permanent", _("Thường trú")
    TEMPORARY = "temporary", _("Tạm trú")


class Household(models.Model):
    """Hộ gia đình in one round (phiếu điều tra PCGD-XMC)."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="households")
    commune = models.ForeignKey(Unit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    hamlet = models.ForeignKey(Unit, verbose_name=_("thôn / tổ dân phố"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("mã hộ"), max_length=30)
    house_number = models.CharField(_("số nhà"), max_length=60, blank=True)
    head_name = models.CharField(_("chủ hộ"), max_length=150)
    residence = models.CharField(_("cư trú"), max_length=10, choices=Residence.choices, default=Residence.PERMANENT)
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    # Bumped by every save; an edit page posts the number it showed (units.concurrency).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["hamlet__path", "code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "commune", "code"], name="literacy_household_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.head_name}"


class Sex(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class Stage(models.IntegerChoices):
    NONE = 0, _("Chưa học / chưa hoàn thành")
    STAGE1 = 1, _("Giai đoạn 1")
    STAGE2 = 2, _("Giai đoạn 2")


class PersonStatus(models.TextChoices):
    PRESENT = "present", _("Đang sinh sống")
    NEWLY_ARRIVED = "arrived", _("Mới chuyển đến")
    NEWLY_BORN = "born", _("Mới sinh")
    MOVED_AWAY = "moved", _("Đã chuyển đi")
    DECEASED = "deceased", _("Đã chết")


# People who live in the commune at the reference date; the others stay in the register for history.
COUNTED_STATUSES = [PersonStatus.PRESENT, PersonStatus.NEWLY_ARRIVED, PersonStatus.NEWLY_BORN]


class PersonQuerySet(models.QuerySet):
    """The bulk writes of people say which rounds × communes they touched (people_written), so the
    kept counts follow whoever writes: a service, the demo, a bench or a test."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            people_written.send(Person, pairs={(p.round_id, p.commune_id) for p in objs})
        return created

    def update(self, **kwargs):
        """Also bulk_update's write (it updates through this method, one statement per batch)."""
        names = field_names(kwargs)
        if not names & COUNTED_FIELDS:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            pairs = set(self.order_by().values_list("round_id", "commune_id").distinct())
            moved = list(self.values_list("pk", flat=True)) if names & PLACE_FIELDS else []
            updated = super().update(**kwargs)
            if moved:
                after = Person.objects.filter(pk__in=moved).order_by().values_list("round_id", "commune_id")
                pairs |= set(after.distinct())
            people_written.send(Person, pairs=pairs)
        return updated


class Person(models.Model):
    """Nhân khẩu in one round. `lineage` is the same for one human across rounds (carry-over)."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="persons")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    # Denormalised from the household so the standard is one GROUP BY commune over one table.
    commune = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    name_folded = models.CharField(max_length=150, editable=False, db_index=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    # Month*100+day of the birth date (0 when only the year is known), for exact ages in SQL.
    birth_mmdd = models.PositiveSmallIntegerField(default=0, editable=False)
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    # The group's 2-digit code (Quyết định 121-TCTK/PP, units.ethnicity); blank only for a value the
    # data migration could not map (kept in ethnicity_note until the office picks the group).
    ethnicity = models.CharField(
        _("dân tộc"), max_length=2, choices=ethnicity_list.CHOICES, default=ethnicity_list.KINH
    )
    ethnicity_note = models.CharField(_("dân tộc (ghi cũ, chưa xác định)"), max_length=40, blank=True, editable=False)
    ethnic_minority = models.BooleanField(_("dân tộc thiểu số"), default=False, editable=False)
    relation = models.CharField(_("quan hệ với chủ hộ"), max_length=40, blank=True)
    # Số định danh cá nhân (Luật Căn cước 2023; structure in literacy.rules.id_number_error): matches
    # one person across files, so it is unique in a round where given.
    id_number = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        blank=True,
        default="",
        help_text=_("12 chữ số (số căn cước công dân); để trống nếu chưa có."),
    )
    grade = models.PositiveSmallIntegerField(
        _("lớp đã hoàn thành"), default=0, validators=[MaxValueValidator(12)], help_text=_("0 đến 12.")
    )
    stage = models.PositiveSmallIntegerField(
        _("hoàn thành chương trình XMC"), choices=Stage.choices, default=Stage.NONE
    )
    found_illiterate = models.BooleanField(
        _("kiểm tra thực tế: không biết chữ"),
        default=False,
        help_text=_("Đánh dấu khi người đã từng biết chữ nay không còn đọc, viết được (tái mù chữ)."),
    )
    literacy_level = models.PositiveSmallIntegerField(_("mức độ biết chữ"), default=0, editable=False)
    disability = models.BooleanField(_("khuyết tật"), default=False)
    exempt = models.BooleanField(
        _("miễn (khuyết tật không có khả năng học)"),
        default=False,
        help_text=_(
            "Người khuyết tật không có khả năng học tập, ghi ở cột riêng "
            "(quy định của địa phương / hướng dẫn điều tra)."
        ),
    )
    residence = models.CharField(_("cư trú"), max_length=10, choices=Residence.choices, default=Residence.PERMANENT)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=PersonStatus.choices, default=PersonStatus.PRESENT
    )
    duplicate_cleared = models.BooleanField(default=False, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    # Bumped by every save; an edit page posts the number it showed (units.concurrency).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhân khẩu")
        verbose_name_plural = _("nhân khẩu")
        ordering = ["household_id", "id"]
        indexes = [
            models.Index(fields=["round", "commune", "birth_year"], name="literacy_person_std"),
            models.Index(fields=["round", "commune", "name_folded", "birth_year"], name="literacy_person_dup"),
            models.Index(fields=["lineage", "round"], name="literacy_person_lineage"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(grade__lte=12), name="literacy_person_grade_max"),
            models.CheckConstraint(condition=Q(birth_year__gte=MIN_BIRTH_YEAR), name="literacy_person_birth_year_min"),
            models.UniqueConstraint(
                fields=["round", "id_number"],
                condition=~Q(id_number=""),
                name="literacy_person_id_number_unique",
                violation_error_message=_("Số định danh này đã có ở một nhân khẩu khác trong đợt điều tra."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.birth_year})"

    @classmethod
    def from_db(cls, db, field_names, values):
        person = super().from_db(db, field_names, values)
        # The round × commune the person is counted in (literacy.counts), should a save move them.
        person._counted_in = (person.__dict__.get("round_id"), person.__dict__.get("commune_id"))
        return person

    @property
    def ethnicity_name(self) -> str:
        """The group's official name, or the old unmapped text until the office picks the group."""
        return ethnicity_list.name(self.ethnicity) or self.ethnicity_note


class ClassStage(models.TextChoices):
    STAGE1 = "1", _("Giai đoạn 1 (kỳ 1–3)")
    STAGE2 = "2", _("Giai đoạn 2 (kỳ 4–5)")
    POST = "post", _("Giáo dục tiếp tục sau khi biết chữ")


# Thông tư 33/2021/TT-BGDĐT: stage 1 is terms 1–3, stage 2 terms 4–5.
STAGE_TERMS = {ClassStage.STAGE1: [1, 2, 3], ClassStage.STAGE2: [4, 5], ClassStage.POST: [1]}
# Thông tư 10/2022/TT-BGDĐT: passing the last term of a stage completes it.
COMPLETING_TERM = {ClassStage.STAGE1: 3, ClassStage.STAGE2: 5}


class LiteracyClass(models.Model):
    """Lớp xóa mù chữ / GDTTSKBC run by a centre, a school or the district centre."""

    name = models.CharField(_("tên lớp"), max_length=150)
    run_by = models.ForeignKey(Unit, verbose_name=_("đơn vị mở lớp"), on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(Unit, verbose_name=_("xã nơi học"), on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("giai đoạn"), max_length=4, choices=ClassStage.choices)
    start_date = models.DateField(_("ngày khai giảng"))
    end_date = models.DateField(_("ngày kết thúc dự kiến"), null=True, blank=True)
    teacher = models.CharField(_("giáo viên"), max_length=150, blank=True)
    location = models.CharField(_("địa điểm học"), max_length=200, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lớp xóa mù chữ")
        verbose_name_plural = _("lớp xóa mù chữ")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def terms(self) -> list[int]:
        return STAGE_TERMS[ClassStage(self.stage)]


class Enrolment(models.Model):
    literacy_class = models.ForeignKey(LiteracyClass, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(Person, verbose_name=_("học viên"), on_delete=models.PROTECT, related_name="enrolments")
    lineage = models.UUIDField(db_index=True, editable=False)
    completed = models.BooleanField(_("hoàn thành giai đoạn"), default=False)
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        ordering = ["person__name_folded", "id"]
        constraints = [models.UniqueConstraint(fields=["literacy_class", "lineage"], name="literacy_enrolment_unique")]

    def __str__(self) -> str:
        return f"{self.person} – {self.literacy_class}"


class TermResult(models.Model):
    """Kết quả từng kỳ, Thông tư 10/2022/TT-BGDĐT."""

    class Result(models.TextChoices):
        EXCELLENT = "HTT", _("Hoàn thành tốt")
        COMPLETED = "HT", _("Hoàn thành")
        NOT_COMPLETED = "CHT", _("Chưa hoàn thành")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="results")
    term = models.PositiveSmallIntegerField(_("kỳ"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    result = models.CharField(_("kết quả"), max_length=3, choices=Result.choices)
    comment = models.CharField(_("nhận xét"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kết quả kỳ học")
        verbose_name_plural = _("kết quả kỳ học")
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "term"], name="literacy_result_unique")]

    def __str__(self) -> str:
        return f"{self.enrolment} – kỳ {self.term}: {self.get_result_display()}"


class ClassSession(models.Model):
    """Một buổi học của lớp (issue 19): the date of the session; its attendance marks below."""

    literacy_class = models.ForeignKey(LiteracyClass, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("ngày học"))
    topic = models.CharField(_("nội dung buổi học"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["literacy_class", "date"], name="literacy_session_unique")]

    def __str__(self) -> str:
        return f"{self.literacy_class} – {self.date:%d/%m/%Y}"


class Attendance(models.Model):
    """Có mặt / vắng của một học viên ở một buổi học."""

    session = models.ForeignKey(ClassSession, on_delete=models.CASCADE, related_name="marks")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("có mặt"), default=False)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="literacy_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.session} – {self.enrolment_id}: {'+' if self.present else '-'}"


class Dropout(models.Model):
    """Học viên bỏ học: the learner leaves the class on a date for a reason; the office can reverse it
    (the row is deleted and the learner is back in the class)."""

    class Reason(models.TextChoices):
        WORK = "work", _("Đi làm ăn xa, bận việc mưu sinh")
        FAMILY = "family", _("Hoàn cảnh gia đình")
        HEALTH = "health", _("Sức khỏe, tuổi cao")
        MOVED = "moved", _("Chuyển nơi ở")
        OTHER = "other", _("Lý do khác")

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="dropout")
    date = models.DateField(_("ngày bỏ học"))
    reason = models.CharField(_("lý do"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("học viên bỏ học")
        verbose_name_plural = _("học viên bỏ học")

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.date:%d/%m/%Y}"


class ImportBatch(models.Model):
    """One uploaded workbook: checked (dry run) first, imported all-or-nothing on confirmation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra, chờ nhập")
        INVALID = "invalid", _("Có lỗi, chưa nhập")
        IMPORTING = "importing", _("Đang nhập")
        IMPORTED = "imported", _("Đã nhập")
        MAPPING = "mapping", _("Chờ ghép cột")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="imports")
    commune = models.ForeignKey(Unit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("tệp Excel"), upload_to="literacy/imports/%Y/%m/")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    # The column mapping the file is read through (household_import.mapping); empty for the template.
    mapping = models.JSONField(default=dict, blank=True)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhập tệp")
        verbose_name_plural = _("lần nhập tệp")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class MappingProfile(models.Model):
    """Mẫu ghép cột: how one layout of household file maps onto the template's columns (an office's
    data; format in household_import.mapping). The national survey form's layout is built in."""

    office = models.ForeignKey(
        Unit, verbose_name=_("cơ quan quản lý"), on_delete=models.CASCADE, related_name="literacy_mapping_profiles"
    )
    name = models.CharField(_("tên mẫu ghép cột"), max_length=100)
    description = models.CharField(_("ghi chú"), max_length=255, blank=True)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mẫu ghép cột")
        verbose_name_plural = _("mẫu ghép cột")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"],
                name="literacy_mapping_profile_unique",
                violation_error_message=_("Đã có mẫu ghép cột cùng tên."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class RecognitionDossier(models.Model):
    """Hồ sơ đề nghị công nhận xã đạt chuẩn xóa mù chữ mức độ N (issue 18): the commune prepares it
    from the register (tờ trình, báo cáo tự kiểm tra, biểu chuẩn XMC, danh sách MC), the office checks
    it (biên bản kiểm tra with the figures it verified, kept as they were) and the decision is
    recorded. draft → submitted → checked (or returned with reasons) → recognised."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chuẩn bị")
        SUBMITTED = "submitted", _("Đã gửi phòng")
        RETURNED = "returned", _("Trả lại để bổ sung")
        CHECKED = "checked", _("Đã kiểm tra")
        RECOGNISED = "recognised", _("Đã công nhận")

    commune = models.ForeignKey(Unit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(Unit, verbose_name=_("phòng kiểm tra"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.PositiveSmallIntegerField(_("mức độ"), choices=[(1, _("Mức độ 1")), (2, _("Mức độ 2"))])
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    self_check = models.TextField(_("đánh giá của xã"), max_length=4000, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), max_length=2000, blank=True)
    check_notes = models.TextField(_("ý kiến của đoàn kiểm tra"), max_length=2000, blank=True)
    checked_figures = models.JSONField(_("số liệu đã kiểm tra"), default=dict, blank=True)
    checked_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=20, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký quyết định"), max_length=120, blank=True)
    decision_authority = models.CharField(_("thẩm quyền ký"), max_length=20, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ công nhận chuẩn XMC")
        verbose_name_plural = _("hồ sơ công nhận chuẩn XMC")
        ordering = ["-year", "-level", "id"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year", "level"], name="literacy_dossier_one_per_level_year")
        ]

    def __str__(self) -> str:
        return f"{self.commune} — mức độ {self.level} năm {self.year}"
