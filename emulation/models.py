"""Emulation and commendation (thi đua, khen thưởng, issue 19).

The office launches the year's movements (phong trào thi đua: "Cả nước trở thành một xã hội học
tập", "Phát triển văn hóa đọc", ...) with their criteria; the units of the kinds it names register
(đăng ký thi đua), report against each criterion with a text, a self-score and evidence files; the
office scores each registration per criterion, ranks them, proposes awards (giấy khen, danh hiệu for
a collective or a named person) and issues the award decision (quyết định khen thưởng) with its
annex. Luật Thi đua, khen thưởng số 06/2022/QH15 and Nghị định 98/2023/NĐ-CP are the legal basis
(units.legal); the office's authority for a giấy khen is Điều 80 of the law as the office reads it
(cần xác minh for a district office)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import Unit, UnitKind


class Stage(models.TextChoices):
    """The movement's stage; the office moves it on, one step at a time."""

    LAUNCHED = "launched", _("Đang phát động")
    REGISTRATION = "registration", _("Đăng ký")
    REPORTING = "reporting", _("Báo cáo")
    SCORING = "scoring", _("Chấm điểm")
    AWARDED = "awarded", _("Đã khen thưởng")


STAGE_ORDER = [s.value for s in Stage]

# The kinds of unit a movement may take (the office ticks some).
ELIGIBLE_KINDS = [
    (UnitKind.SCHOOL.value, UnitKind.SCHOOL.label),
    (UnitKind.CENTRE.value, UnitKind.CENTRE.label),
    (UnitKind.DISTRICT_CENTRE.value, UnitKind.DISTRICT_CENTRE.label),
    (UnitKind.ASSOCIATION.value, UnitKind.ASSOCIATION.label),
]


class Movement(models.Model):
    """Phong trào thi đua launched by an office for a school year."""

    office = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="emulation_movements")
    title = models.CharField(_("tên phong trào"), max_length=255)
    description = models.TextField(_("nội dung, mục đích"), blank=True)
    school_year = models.PositiveSmallIntegerField(_("năm học"), db_index=True)
    start_date = models.DateField(_("ngày phát động"))
    end_date = models.DateField(_("hạn báo cáo"))
    unit_kinds = models.JSONField(_("loại đơn vị được đăng ký"), default=list)
    stage = models.CharField(_("bước"), max_length=20, choices=Stage.choices, default=Stage.LAUNCHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-school_year", "-start_date", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_labels(self) -> list[str]:
        labels = dict(ELIGIBLE_KINDS)
        return [str(labels.get(k, k)) for k in self.unit_kinds]

    @property
    def next_stage(self) -> str | None:
        index = STAGE_ORDER.index(self.stage)
        return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


class Criterion(models.Model):
    """Tiêu chí thi đua: a line of the movement, with its maximum points."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("nội dung tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=1)
    evidence_required = models.BooleanField(_("bắt buộc có minh chứng"), default=False)

    class Meta:
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = _("tiêu chí thi đua")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class RegStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    REPORTED = "reported", _("Đã gửi báo cáo")
    SCORED = "scored", _("Đã chấm điểm")


class Registration(models.Model):
    """Đăng ký thi đua of one unit in one movement, then its report and the office's score."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    pledge = models.TextField(_("nội dung đăng ký, cam kết"), blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=RegStatus.choices, default=RegStatus.REGISTERED)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    office_note = models.TextField(_("nhận xét của phòng"), blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["unit__name", "id"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="emulation_register_once")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"


class Entry(models.Model):
    """What the unit reports against one criterion, its self-score, and the office's score."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="entries")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("kết quả thực hiện"), blank=True)
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=5, decimal_places=1, null=True, blank=True)
    score = models.DecimalField(_("điểm của phòng"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "criterion"], name="emulation_entry_once")]

    def __str__(self) -> str:
        return f"{self.registration_id}/{self.criterion_id}"


class Evidence(models.Model):
    """Minh chứng: an image or a PDF, judged by its first bytes (units.uploads)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("tệp"), upload_to="emulation/%Y/%m/")
    # A photo's small JPEG for the registration page (units.uploads.image_thumbnail): the list
    # does not send every phone photo whole. Empty for a PDF.
    thumbnail = models.FileField(upload_to="emulation/thumbs/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField(_("dung lượng"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class AwardForm(models.TextChoices):
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    DANH_HIEU = "danh_hieu", _("Danh hiệu thi đua")


class Recipient(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class Decision(models.Model):
    """Quyết định khen thưởng of a movement (kind QĐ, Nghị định 30/2020), issued once."""

    movement = models.OneToOneField(Movement, on_delete=models.CASCADE, related_name="decision")
    number = models.CharField(_("số quyết định"), max_length=30, blank=True)
    signed_on = models.DateField(_("ngày ký"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")

    def __str__(self) -> str:
        return f"{self.number or '…'} ({self.signed_on:%d/%m/%Y})"


class Award(models.Model):
    """One line of the proposal, then of the decision's annex: a giấy khen or a danh hiệu for a
    collective (the unit) or a named person (with their unit and position)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="awards")
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="awards")
    form = models.CharField(_("hình thức"), max_length=20, choices=AwardForm.choices, default=AwardForm.GIAY_KHEN)
    title = models.CharField(_("tên danh hiệu"), max_length=255, blank=True)
    recipient = models.CharField(_("khen cho"), max_length=20, choices=Recipient.choices, default=Recipient.COLLECTIVE)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    person_role = models.CharField(_("chức vụ"), max_length=150, blank=True)
    reason = models.CharField(_("thành tích"), max_length=500)
    school_year = models.PositiveSmallIntegerField(_("năm học"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["recipient", "unit__name", "person_name", "id"]

    def __str__(self) -> str:
        return self.holder

    @property
    def holder(self) -> str:
        if self.recipient == Recipient.INDIVIDUAL:
            return self.person_name
        return self.unit.name

    @property
    def form_label(self) -> str:
        if self.form == AwardForm.DANH_HIEU and self.title:
            return f"{self.get_form_display()} “{self.title}”"
        return str(self.get_form_display())
