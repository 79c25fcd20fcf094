"""Trung tâm học tập cộng đồng (TTHTCĐ): the centre's profile, people, activities, learning needs,
money, yearly plan and yearly self-assessment.

Regulation: Quyết định 09/2008/QĐ-BGDĐT as amended by Thông tư 40/2010/TT-BGDĐT (tasks and
people), Thông tư 96/2008/TT-BTC (funding), Công văn 2553/BGDĐT-GDTX (yearly self-assessment).
The centre itself is a `units.Unit` of kind "centre"; everything here hangs off that unit.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rubrics.models import Rubric, RubricCriterion
from units import ethnicity as ethnicity_list
from units.calendar import school_year_dates, school_year_of  # noqa: F401 (school_year_of: used by the app)
from units.calendar import school_year_label as school_year_label
from units.models import Unit

# Luật Người cao tuổi 2009, Điều 2: người cao tuổi is a citizen aged 60 or more.
ELDERLY_AGE = 60


# The school year (1 September – 31 August, named by its first year) is the calendar's rule.
school_year_range = school_year_dates


class Field(models.TextChoices):
    """Lĩnh vực: the fields of short courses and topics (QĐ 09/2008, Điều 4, as amended by TT 40/2010)."""

    LAW = "law", _("Pháp luật")
    AGRICULTURE = "agriculture", _("Nông nghiệp, chuyển giao KHKT")
    HEALTH = "health", _("Y tế, chăm sóc sức khỏe")
    LIFE_SKILLS = "life_skills", _("Kỹ năng sống")
    IT = "it", _("Tin học")
    FOREIGN_LANGUAGE = "foreign_language", _("Ngoại ngữ")
    CULTURE_SPORT = "culture_sport", _("Văn hóa, văn nghệ, thể thao")
    LITERACY = "literacy", _("Xóa mù chữ, biết chữ chức năng")
    OTHER = "other", _("Lĩnh vực khác")


class ActivityKind(models.TextChoices):
    CLASS = "class", _("Lớp học")
    TOPIC = "topic", _("Chuyên đề")
    CLUB_MEETING = "club_meeting", _("Sinh hoạt câu lạc bộ")
    READING = "reading", _("Hoạt động đọc (Tủ sách cùng học)")
    BOOK_DAY = "book_day", _("Ngày Sách và Văn hóa đọc (21/4)")
    LIFELONG_WEEK = "lifelong_week", _("Tuần lễ học tập suốt đời")
    OTHER = "other", _("Hoạt động khác")


class FundingRegion(models.TextChoices):
    """Thông tư 96/2008/TT-BTC funds TTHTCĐ only in ethnic-minority and mountainous communes, by region
    (Quyết định 301/2006/QĐ-UBDT); blank: not known, no minimum is checked."""

    NONE = "none", _("Không thuộc vùng dân tộc thiểu số và miền núi")
    REGION_1 = "1", _("Vùng I")
    REGION_2 = "2", _("Vùng II")
    REGION_3 = "3", _("Vùng III")


class CentreProfile(models.Model):
    """Hồ sơ trung tâm: establishment, seal and account, facilities. One row per centre."""

    centre = models.OneToOneField(
        Unit, verbose_name=_("trung tâm"), on_delete=models.CASCADE, primary_key=True, related_name="centre_profile"
    )
    decision_number = models.CharField(
        _("số quyết định thành lập"), max_length=60, blank=True, help_text=_("Ví dụ: 125/QĐ-UBND.")
    )
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_issuer = models.CharField(
        _("cơ quan ra quyết định"),
        max_length=200,
        blank=True,
        help_text=_("Từ 01/7/2025 Chủ tịch UBND xã quyết định thành lập TTHTCĐ (Nghị định 142/2025/NĐ-CP)."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    has_seal = models.BooleanField(
        _("có con dấu riêng"),
        default=False,
        help_text=_("TTHTCĐ có tư cách pháp nhân, có con dấu và tài khoản riêng (QĐ 09/2008/QĐ-BGDĐT, Điều 2)."),
    )
    bank_account = models.CharField(_("số tài khoản"), max_length=40, blank=True)
    bank_name = models.CharField(_("mở tại (Kho bạc / ngân hàng)"), max_length=200, blank=True)
    rooms = models.PositiveSmallIntegerField(_("số phòng học"), default=0)
    computers = models.PositiveSmallIntegerField(_("số máy tính"), default=0)
    books = models.PositiveIntegerField(_("số đầu sách (Tủ sách cùng học)"), default=0)
    facilities = models.TextField(_("cơ sở vật chất"), blank=True, help_text=_("Nơi sinh hoạt, phòng học, hội trường."))
    equipment = models.TextField(_("trang thiết bị"), blank=True, help_text=_("Loa, máy chiếu, ti vi, bàn ghế…"))
    funding_region = models.CharField(
        _("vùng (Thông tư 96/2008/TT-BTC)"),
        max_length=4,
        blank=True,
        choices=FundingRegion.choices,
        help_text=_(
            "Xã vùng dân tộc thiểu số và miền núi theo Quyết định 301/2006/QĐ-UBDT (cần xác minh). Chỉ ở các xã "
            "này mới nhắc mức hỗ trợ tối thiểu: 20 triệu đồng/năm vùng I, 25 triệu vùng II–III. Để trống nếu "
            "chưa rõ: không nhắc."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("hồ sơ trung tâm")
        verbose_name_plural = _("hồ sơ trung tâm")

    def __str__(self) -> str:
        return str(self.centre)


class PersonRole(models.TextChoices):
    DIRECTOR = "director", _("Giám đốc")
    DEPUTY = "deputy", _("Phó giám đốc")
    TEACHER = "teacher", _("Giáo viên")
    LECTURER = "lecturer", _("Báo cáo viên")
    COLLABORATOR = "collaborator", _("Cộng tác viên")


BOARD_ROLES = {PersonRole.DIRECTOR, PersonRole.DEPUTY}


class PersonOrigin(models.TextChoices):
    SCHOOL = "school", _("Trường học")
    COMMUNE = "commune", _("UBND xã, đoàn thể")
    ASSOCIATION = "association", _("Hội Khuyến học")
    OTHER = "other", _("Nơi khác")


class CentrePersonQuerySet(models.QuerySet):
    def current(self, day: datetime.date | None = None):
        from units.models import today

        day = day or today()
        return self.filter(since__lte=day).filter(Q(until__isnull=True) | Q(until__gte=day))


class CentrePerson(models.Model):
    """Người của trung tâm: a board member, teacher, lecturer (báo cáo viên) or collaborator, with
    where they come from and since when. A change is a new dated row; the old one gets an end date,
    so the history stays (QĐ 09/2008, Điều 7–8)."""

    centre = models.ForeignKey(Unit, verbose_name=_("trung tâm"), on_delete=models.CASCADE, related_name="+")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    role = models.CharField(_("vai trò"), max_length=20, choices=PersonRole.choices)
    origin = models.CharField(_("đến từ"), max_length=20, choices=PersonOrigin.choices, default=PersonOrigin.SCHOOL)
    origin_detail = models.CharField(
        _("đơn vị công tác"), max_length=200, blank=True, help_text=_("Ví dụ: Trường THCS Đống Đa, Hội Nông dân xã.")
    )
    position = models.CharField(_("chức vụ kiêm nhiệm"), max_length=120, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    end_reason = models.CharField(_("lý do thôi"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CentrePersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("cán bộ, giáo viên, báo cáo viên")
        verbose_name_plural = _("cán bộ, giáo viên, báo cáo viên")
        ordering = ["role", "full_name", "-since"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")), name="centre_person_until_after_since"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        from units.models import today

        return self.since <= today() and (self.until is None or self.until >= today())


class Club(models.Model):
    """Câu lạc bộ: a club run by the centre (reading club, farmers' club, culture club…)."""

    centre = models.ForeignKey(Unit, verbose_name=_("trung tâm"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên câu lạc bộ"), max_length=200)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field.choices, default=Field.CULTURE_SPORT)
    is_reading_club = models.BooleanField(_("câu lạc bộ đọc sách"), default=False)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    leader = models.CharField(_("chủ nhiệm"), max_length=150, blank=True)
    members = models.PositiveIntegerField(_("số thành viên"), default=0)
    closed_on = models.DateField(_("ngừng hoạt động từ"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("câu lạc bộ")
        verbose_name_plural = _("câu lạc bộ")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """Hoạt động: a class, a topic (chuyên đề), a club meeting, a reading activity, a Book Day or
    lifelong-learning-week event. Participants are counts, or derived from a learner list."""

    centre = models.ForeignKey(Unit, verbose_name=_("trung tâm"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại hoạt động"), max_length=20, choices=ActivityKind.choices)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field.choices)
    title = models.CharField(_("tên lớp / chuyên đề / hoạt động"), max_length=255)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    sessions = models.PositiveSmallIntegerField(_("số buổi"), default=1)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    lecturer = models.CharField(_("giáo viên / báo cáo viên"), max_length=150, blank=True)
    club = models.ForeignKey(
        Club, verbose_name=_("câu lạc bộ"), on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    participants = models.PositiveIntegerField(_("số người tham gia"), default=0)
    women = models.PositiveIntegerField(_("trong đó nữ"), default=0)
    ethnic_minority = models.PositiveIntegerField(_("người dân tộc thiểu số"), default=0)
    elderly = models.PositiveIntegerField(_("người cao tuổi"), default=0)
    has_learner_list = models.BooleanField(_("có danh sách người học"), default=False, editable=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    # Học liệu used (issue 19): published resources of the office's library (resources/, a shared app).
    resources = models.ManyToManyField(
        "resources.Resource", verbose_name=_("học liệu sử dụng"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["centre", "start_date"])]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="activity_end_after_start"),
            models.CheckConstraint(condition=Q(women__lte=F("participants")), name="activity_women_le_participants"),
            models.CheckConstraint(
                condition=Q(ethnic_minority__lte=F("participants")), name="activity_ethnic_le_participants"
            ),
            models.CheckConstraint(
                condition=Q(elderly__lte=F("participants")), name="activity_elderly_le_participants"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%d/%m/%Y})"


class Learner(models.Model):
    """Người học: one line of an activity's learner list (the centre's học viên register)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="learners")
    order = models.PositiveIntegerField(default=0)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    # None: the list gave no sex; such a learner counts neither as a woman nor as a man.
    is_woman = models.BooleanField(_("nữ"), null=True, blank=True, default=None)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    # The group's 2-digit code (Quyết định 121-TCTK/PP, units.ethnicity), blank when not given; an old
    # free-text value no group matched is kept in ethnicity_note (python manage.py ethnicity_unmapped).
    ethnicity = models.CharField(_("dân tộc"), max_length=2, choices=ethnicity_list.CHOICES, blank=True)
    ethnicity_note = models.CharField(_("dân tộc (ghi cũ, chưa xác định)"), max_length=40, blank=True)
    is_ethnic_minority = models.BooleanField(_("dân tộc thiểu số"), default=False)

    class Meta:
        verbose_name = _("người học")
        verbose_name_plural = _("người học")
        ordering = ["activity", "order"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def ethnicity_name(self) -> str:
        return ethnicity_list.name(self.ethnicity) or self.ethnicity_note


class NeedGroup(models.TextChoices):
    EVERYONE = "everyone", _("Mọi người dân")
    FARMERS = "farmers", _("Nông dân")
    WOMEN = "women", _("Phụ nữ")
    YOUTH = "youth", _("Thanh niên")
    ELDERLY = "elderly", _("Người cao tuổi")
    ETHNIC = "ethnic", _("Đồng bào dân tộc thiểu số")
    WORKERS = "workers", _("Công nhân, lao động tự do")
    CHILDREN = "children", _("Thiếu niên, nhi đồng")


class LearningNeed(models.Model):
    """Nhu cầu học tập: one line of the commune's learning-needs survey (QĐ 09/2008, Điều 4: the
    centre surveys what the community needs to learn); the results feed next year's plan."""

    centre = models.ForeignKey(Unit, verbose_name=_("trung tâm"), on_delete=models.CASCADE, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("năm học khảo sát"))
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field.choices)
    group = models.CharField(_("đối tượng"), max_length=20, choices=NeedGroup.choices, default=NeedGroup.EVERYONE)
    topic = models.CharField(_("muốn học gì"), max_length=255)
    people = models.PositiveIntegerField(_("số người có nhu cầu"))
    surveyed_on = models.DateField(_("ngày khảo sát"))
    notes = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhu cầu học tập")
        verbose_name_plural = _("nhu cầu học tập")
        ordering = ["-school_year", "-people", "id"]

    def __str__(self) -> str:
        return self.topic


class FundingKind(models.TextChoices):
    # With a context: Django's own Vietnamese catalogue translates the English "Thu" (Thursday) as "Thứ 5".
    RECEIPT = "receipt", pgettext_lazy("funding", "Thu")
    SPENDING = "spending", pgettext_lazy("funding", "Chi")


class FundingSource(models.TextChoices):
    """Nguồn thu (Thông tư 96/2008/TT-BTC, Điều 2–3)."""

    STATE_BUDGET = "state_budget", _("Ngân sách nhà nước (TT 96/2008/TT-BTC)")
    COMMUNE_BUDGET = "commune_budget", _("Ngân sách xã")
    PROGRAMME = "programme", _("Chương trình, dự án")
    SOCIALISED = "socialised", _("Xã hội hóa, đóng góp")
    OTHER = "other", _("Nguồn khác")


class SpendingPurpose(models.TextChoices):
    CLASSES = "classes", _("Mở lớp, chuyên đề")
    ALLOWANCES = "allowances", _("Phụ cấp kiêm nhiệm, thù lao")
    BOOKS = "books", _("Sách, tài liệu")
    EQUIPMENT = "equipment", _("Cơ sở vật chất, thiết bị")
    OPERATIONS = "operations", _("Hoạt động thường xuyên")
    OTHER = "other", _("Chi khác")


class FundingEntry(models.Model):
    """Thu, chi: one receipt (by source) or spending (by purpose), in đồng."""

    centre = models.ForeignKey(Unit, verbose_name=_("trung tâm"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("thu / chi"), max_length=10, choices=FundingKind.choices)
    date = models.DateField(_("ngày"))
    source = models.CharField(_("nguồn thu"), max_length=20, choices=FundingSource.choices, blank=True)
    purpose = models.CharField(_("nội dung chi"), max_length=20, choices=SpendingPurpose.choices, blank=True)
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=14, decimal_places=0)
    description = models.CharField(_("diễn giải"), max_length=255, blank=True)
    voucher = models.CharField(_("số chứng từ"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khoản thu, chi")
        verbose_name_plural = _("khoản thu, chi")
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="funding_amount_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.date:%d/%m/%Y})"


class YearPlan(models.Model):
    """Kế hoạch năm học: what the centre means to do this school year, built on the needs survey."""

    centre = models.ForeignKey(Unit, verbose_name=_("trung tâm"), on_delete=models.CASCADE, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("năm học"))
    goals = models.TextField(_("mục tiêu"), blank=True)
    content = models.TextField(_("nội dung, biện pháp"), blank=True)
    planned_classes = models.PositiveSmallIntegerField(_("số lớp dự kiến"), default=0)
    planned_topics = models.PositiveSmallIntegerField(_("số chuyên đề dự kiến"), default=0)
    planned_participants = models.PositiveIntegerField(_("số lượt người học dự kiến"), default=0)
    planned_budget = models.DecimalField(_("kinh phí dự kiến (đồng)"), max_digits=14, decimal_places=0, default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch năm học")
        verbose_name_plural = _("kế hoạch năm học")
        constraints = [models.UniqueConstraint(fields=["centre", "school_year"], name="year_plan_unique")]

    def __str__(self) -> str:
        return f"{self.centre} {school_year_label(self.school_year)}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự đánh giá")
    SUBMITTED = "submitted", _("Đã gửi Phòng")
    RATED = "rated", _("Phòng đã xếp loại")


class SelfAssessment(models.Model):
    """Tự đánh giá TTHTCĐ hằng năm (Công văn 2553/BGDĐT-GDTX) and the office's rating of it."""

    centre = models.ForeignKey(Unit, verbose_name=_("trung tâm"), on_delete=models.CASCADE, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("năm học"))
    rubric = models.ForeignKey(Rubric, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    # Sums of the scores below, kept by the services so the ranking is one ordered query.
    self_total = models.DecimalField(_("điểm tự đánh giá"), max_digits=6, decimal_places=2, default=0)
    self_rating = models.CharField(_("tự xếp loại"), max_length=40, blank=True)
    office_total = models.DecimalField(_("điểm Phòng chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    office_rating = models.CharField(_("Phòng xếp loại"), max_length=40, blank=True)
    office_comment = models.TextField(_("nhận xét của Phòng"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rated_at = models.DateTimeField(null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every save; the scoring and rating pages post the number they showed
    # (units.concurrency), so a save from a stale page is refused instead of overwriting.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("tự đánh giá TTHTCĐ")
        verbose_name_plural = _("tự đánh giá TTHTCĐ")
        ordering = ["-school_year", "centre__name"]
        constraints = [models.UniqueConstraint(fields=["centre", "school_year"], name="self_assessment_unique")]

    def __str__(self) -> str:
        return f"{self.centre} {school_year_label(self.school_year)}"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    self_points = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    office_points = models.DecimalField(_("điểm Phòng chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="assessment_score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.self_points}"


class Evidence(models.Model):
    """Minh chứng: an image or PDF attached to a self-assessment (optionally to one criterion)."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        RubricCriterion, verbose_name=_("tiêu chí"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(_("tệp"), upload_to="centers/evidence/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField(_("dung lượng"))
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
