"""Learning society (xây dựng xã hội học tập): subjects, yearly registration, assessment and recognition.

Cycle (../shared/docs/DOMAIN.md §4): registration (đăng ký) → self-assessment with evidence → check by
the commune, the Hội Khuyến học or the office → recognition decision (quyết định công nhận) → list and
certificate. Criteria, points, bands and levels are rubric data (rubrics.Rubric), scored by
rubrics.engine.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rubrics.models import Rubric, RubricCriterion
from units import legal
from units.models import Unit


class Title(models.TextChoices):
    """The titles recognised yearly; the value is the rubric's `subject_kind`."""

    FAMILY = "family", _("Gia đình học tập")
    CLAN = "clan", _("Dòng họ học tập")
    HAMLET_COMMUNITY = "hamlet_community", _("Cộng đồng học tập cấp thôn")
    LEARNING_UNIT = "learning_unit", _("Đơn vị học tập")
    COMMUNE_COMMUNITY = "commune_community", _("Cộng đồng học tập cấp xã")
    CITIZEN = "citizen", _("Công dân học tập")


class Checker(models.TextChoices):
    COMMUNE = "commune", _("UBND / cán bộ xã")
    ASSOCIATION = "association", _("Hội Khuyến học")
    OFFICE = "office", _("Phòng GD&ĐT")


class UnitType(models.TextChoices):
    AGENCY = "agency", _("Cơ quan")
    SCHOOL = "school", _("Trường học")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Khác")


class TitleSetting(models.Model):
    """Who checks and who enters the recognition of a title in an office's area, and its target.

    Defaults follow the usual practice (Hội Khuyến học checks families, clans and hamlets; the office
    checks units and communes) and Quyết định 281/QĐ-TTg's targets; each office may change them."""

    office = models.ForeignKey(Unit, verbose_name=_("đơn vị quản lý"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("danh hiệu"), max_length=30, choices=Title.choices)
    checker = models.CharField(_("đơn vị kiểm tra"), max_length=20, choices=Checker.choices)
    recogniser = models.CharField(_("đơn vị nhập quyết định công nhận"), max_length=20, choices=Checker.choices)
    target_percent = models.PositiveSmallIntegerField(_("chỉ tiêu (%)"))
    target_percent_difficult = models.PositiveSmallIntegerField(_("chỉ tiêu vùng khó khăn (%)"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cấu hình danh hiệu")
        verbose_name_plural = _("cấu hình danh hiệu")
        constraints = [models.UniqueConstraint(fields=["office", "title"], name="ls_title_setting_unique")]

    def __str__(self) -> str:
        return f"{self.get_title_display()} — {self.office}"


class IssuingLevel(models.TextChoices):
    """Whose identity issues a recognition decision (Nghị định 30/2020: the header of the decision)."""

    COMMUNE = "commune", _("UBND xã (phường, thị trấn) nơi có đối tượng")
    OFFICE = "office", _("Chính đơn vị quản lý (phòng)")
    PARENT = "parent", _("Cơ quan chủ quản của đơn vị quản lý (UBND huyện)")


class SignerForm(models.TextChoices):
    """How the decider signs (Nghị định 30/2020, Phụ lục I, mục II.8): in their own name, a deputy
    "KT.", or "TM." for a decision of a collective body (an Ủy ban nhân dân deciding as a body)."""

    HEAD = "head", _("Người đứng đầu ký (CHỦ TỊCH / TRƯỞNG PHÒNG)")
    DEPUTY = "deputy", _("Cấp phó ký thay (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)")
    COLLECTIVE = "collective", _("Thay mặt tập thể (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH)")


class RecognitionAuthority(models.Model):
    """Who recognises a title (and level) in an office's area, and how the decision is issued.

    DOMAIN.md §4: families, clans and hamlet communities — the commune People's Committee chairman;
    the commune learning community — the head of the district office (Thông tư 25/2023/TT-BGDĐT);
    learning units — the district People's Committee (Thông tư 24/2023/TT-BGDĐT). Since July 2025
    authorities moved (Nghị định 142/2025/NĐ-CP), so every office sets its own; without a row the
    defaults of learning_society.authority apply."""

    office = models.ForeignKey(Unit, verbose_name=_("đơn vị quản lý"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("danh hiệu"), max_length=30, choices=Title.choices)
    # 0: any level (and the points regime of older years); 1, 2: Thông tư 24/2023, 25/2023 levels.
    level = models.PositiveSmallIntegerField(
        _("mức độ"),
        default=0,
        choices=[(0, _("Mọi mức độ")), (1, _("Mức độ 1")), (2, _("Mức độ 2"))],
    )
    decider = models.CharField(
        _("người có thẩm quyền công nhận"), max_length=150, help_text=_("Ví dụ: Chủ tịch UBND xã; Trưởng phòng GD&ĐT.")
    )
    issuing_level = models.CharField(_("cơ quan ban hành"), max_length=20, choices=IssuingLevel.choices)
    parent_agency = models.CharField(
        _("dòng cơ quan chủ quản (ghi đè)"), max_length=200, blank=True, help_text=_("Để trống: theo thể thức văn bản.")
    )
    agency = models.CharField(
        _("tên cơ quan ban hành (ghi đè)"), max_length=200, blank=True, help_text=_("Để trống: theo thể thức văn bản.")
    )
    head_position = models.CharField(
        _("chức vụ người đứng đầu"), max_length=100, help_text=_("Ví dụ: Chủ tịch; Trưởng phòng.")
    )
    signer_form = models.CharField(_("hình thức ký"), max_length=20, choices=SignerForm.choices)
    legal_source = models.CharField(_("văn bản quy định thẩm quyền"), max_length=40, blank=True)
    legal_article = models.CharField(_("điều, khoản"), max_length=100, blank=True)
    extra_bases = models.TextField(
        _("căn cứ khác"),
        blank=True,
        help_text=_("Mỗi dòng một căn cứ, ví dụ quyết định quy định chức năng, nhiệm vụ của cơ quan."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thẩm quyền công nhận")
        verbose_name_plural = _("thẩm quyền công nhận")
        constraints = [models.UniqueConstraint(fields=["office", "title", "level"], name="ls_authority_unique")]

    def __str__(self) -> str:
        return f"{self.get_title_display()} — {self.decider}"

    def clean(self):
        # Nghị định 30/2020, Phụ lục I, II.8: "TM." is the signature of a collective body; an office
        # (Phòng) is headed by a Trưởng phòng, so "CHỦ TỊCH PHÒNG …" must never be printed.
        errors = {}
        if self.signer_form == SignerForm.COLLECTIVE and self.issuing_level == IssuingLevel.OFFICE:
            errors["signer_form"] = _(
                "Chỉ Ủy ban nhân dân mới ký “TM.” (quyết định của tập thể); phòng ký “TRƯỞNG PHÒNG” hoặc "
                "“KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG”."
            )
        if self.issuing_level == IssuingLevel.OFFICE and "chủ tịch" in (self.head_position or "").lower():
            errors["head_position"] = _("Phòng không có chức danh Chủ tịch: người đứng đầu phòng là Trưởng phòng.")
        if self.legal_source and self.legal_source not in legal.TEXTS:
            errors["legal_source"] = _("Hãy chọn một văn bản trong danh mục văn bản pháp luật.")
        if errors:
            raise ValidationError(errors)


class Subject(models.Model):
    """Đối tượng được đánh giá: a family, clan, hamlet community, learning unit, commune or citizen.

    `area` is the unit it belongs to for scope: the hamlet of a family, clan or hamlet community; the
    commune for a commune community; the school (or its commune) for a learning unit."""

    title = models.CharField(_("danh hiệu"), max_length=30, choices=Title.choices)
    name = models.CharField(_("tên"), max_length=200)
    area = models.ForeignKey(Unit, verbose_name=_("thuộc đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trong hệ thống"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Thôn, xã hoặc trường tương ứng, nếu có trong cây đơn vị."),
    )
    unit_type = models.CharField(_("loại đơn vị học tập"), max_length=20, choices=UnitType.choices, blank=True)
    head_name = models.CharField(_("chủ hộ / trưởng họ / người đứng đầu"), max_length=150, blank=True)
    members = models.PositiveIntegerField(_("số thành viên"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    source_ref = models.CharField(
        _("mã hộ trong sổ điều tra"), max_length=60, blank=True, help_text=_("Lấy từ sổ điều tra hộ gia đình (XMC).")
    )
    is_active = models.BooleanField(_("còn theo dõi"), default=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đối tượng đánh giá")
        verbose_name_plural = _("đối tượng đánh giá")
        ordering = ["title", "name", "id"]
        indexes = [
            models.Index(fields=["area", "title"]),
            # The area page's list (selectors.subject_list), read a page at a time in this order.
            models.Index(
                fields=["title", "area", "name", "id"], condition=models.Q(is_active=True), name="ls_subject_list_order"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "title", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="ls_subject_source_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def plain_name(self) -> str:
        """The name as people read it. Families taken from the survey register before issue 17 carry
        the register's household code at its end ("Hộ Lò Văn Páo (X02-0125)"); pages leave it out."""
        return REGISTER_CODE.sub("", self.name).strip() or self.name


# A code in brackets at the end of a name, holding a digit: "(X02-0125)", never "(ông)".
REGISTER_CODE = re.compile(r"\s*\((?=[^()]*\d)[^\s()]+\)\s*$")


class Registration(models.Model):
    """Đăng ký danh hiệu của năm."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="registrations")
    year = models.PositiveSmallIntegerField(_("năm"))
    requested_level = models.PositiveSmallIntegerField(_("mức độ đề nghị"), null=True, blank=True)
    registered_on = models.DateField(_("ngày đăng ký"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đăng ký")
        verbose_name_plural = _("đăng ký")
        constraints = [models.UniqueConstraint(fields=["subject", "year"], name="ls_registration_unique")]

    def __str__(self) -> str:
        return f"{self.subject} — {self.year}"


class Decision(models.Model):
    """Quyết định công nhận: number, date and signer; its annex lists the recognised subjects."""

    issuer = models.ForeignKey(Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="+")
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("danh hiệu"), max_length=30, choices=Title.choices)
    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    # The recognition authority as it stood when the decision was issued (learning_society.authority):
    # a later change of the office's setting does not rewrite a signed decision.
    authority = models.JSONField(_("thẩm quyền khi ban hành"), default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        ordering = ["-signed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["issuer", "number"], name="ls_decision_number_unique")]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class Assessment(models.Model):
    """Đánh giá của một đối tượng trong một năm, theo bộ tiêu chí của năm đó."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chấm")
        SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
        CHECKED = "checked", _("Đã kiểm tra")
        RETURNED = "returned", _("Trả lại")
        RECOGNISED = "recognised", _("Đã công nhận")

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("năm"))
    rubric = models.ForeignKey(Rubric, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    total = models.DecimalField(_("tổng điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    band = models.CharField(_("xếp loại"), max_length=40, blank=True)
    level = models.PositiveSmallIntegerField(_("mức độ đạt"), null=True, blank=True)
    requested_level = models.PositiveSmallIntegerField(_("mức độ đề nghị"), null=True, blank=True)
    passed = models.BooleanField(_("đạt"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    # Who last entered the self-assessment or handed it over for checking; the separation of duties
    # keeps that person from checking or recognising it (learning_society.permissions, issue 12.5).
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập tự đánh giá"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments")
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    expires_on = models.DateField(_("hết hiệu lực ngày"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped by every save; the assessment page and the grid post the numbers they showed
    # (units.concurrency), so a save from a stale page is refused instead of overwriting.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        ordering = ["-year", "subject__name"]
        constraints = [models.UniqueConstraint(fields=["subject", "year"], name="ls_assessment_unique")]
        indexes = [
            models.Index(fields=["year", "status"]),
            # The recognised list's order and the expiring recognitions (issue 20): read in index
            # order a page at a time, never a sort of every recognition.
            models.Index(fields=["-year", "-id"], condition=models.Q(status="recognised"), name="ls_recognised_order"),
            models.Index(
                fields=["expires_on", "id"], condition=models.Q(status="recognised"), name="ls_recognised_expires"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.year}"

    @property
    def result_label(self) -> str:
        if self.rubric.regime == Rubric.Regime.LEVELS:
            return _("Mức độ %(n)s") % {"n": self.level} if self.level else _("Chưa đạt")
        return self.band or "—"


class Score(models.Model):
    """Điểm hoặc kết quả một tiêu chí, kèm minh chứng."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    met = models.BooleanField(_("đạt"), default=False)
    evidence = models.TextField(_("minh chứng"), blank=True)

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="ls_score_unique")]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.criterion_id}"


class KeptCount(models.Model):
    """Số liệu giữ sẵn: the learning society's figures per area (the unit a subject belongs to), title
    and year, kept up to date by the services in the same transaction (learning_society.counts), so
    the statistics, the index, the home panel, the annual report and the providers read a few
    thousand cells instead of scanning every family (issue 20).

    A cell counts subjects: `active` (followed subjects, year 0), `registered` and `assessed` (not a
    draft) in `year`, `held` (the recognitions that count in `year`, counts.held_in, by `level`
    and `band`), and `decided` (every recognition, by the `day` it was decided, `level` and the
    last day it counts, `until`: the providers' date ranges and the lists' counts). Keyed by the
    area, not the commune: moving a hamlet changes no cell."""

    class Measure(models.TextChoices):
        ACTIVE = "active", _("Đang theo dõi")
        REGISTERED = "registered", _("Đăng ký")
        ASSESSED = "assessed", _("Đã đánh giá")
        HELD = "held", _("Giữ danh hiệu trong năm")
        DECIDED = "decided", _("Được công nhận trong ngày")

    area = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=30, choices=Title.choices)
    measure = models.CharField(max_length=12, choices=Measure.choices)
    year = models.PositiveSmallIntegerField(default=0)
    level = models.PositiveSmallIntegerField(default=0)
    band = models.CharField(max_length=40, blank=True)
    day = models.DateField(null=True, blank=True)  # decided: the day of recognition
    until = models.DateField(null=True, blank=True)  # decided: the last day it counts (expires_on)
    n = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("số liệu giữ sẵn")
        verbose_name_plural = _("số liệu giữ sẵn")
        indexes = [
            models.Index(fields=["year", "measure"], name="ls_kept_year_measure"),
            models.Index(fields=["area", "measure"], name="ls_kept_area_measure"),
        ]

    def __str__(self) -> str:
        return f"{self.area_id}/{self.title}/{self.measure}/{self.year}: {self.n}"
