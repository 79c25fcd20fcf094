"""Models of `rubrics`: scoring rubrics (bộ tiêu chí) used by the learning society's titles and the
centres' self-assessment alike (issue 13). They moved here from `reports`; the tables keep their names
(`reports_rubric*`), the move was state-only (rubrics/migrations/0001, reports/migrations/0009)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rubric(models.Model):
    """Bộ tiêu chí: criteria and their points or levels for one title over a range of years.

    Two regimes exist in law (../shared/docs/DOMAIN.md §4): points with bands (Thông tư
    22/2020/TT-BGDĐT, Quyết định 448/QĐ-KHVN, Công văn 2553/BGDĐT-GDTX) and levels 1 / 2 with
    a waiting time and a validity (Thông tư 24/2023 and 25/2023/TT-BGDĐT). Both are data."""

    class Regime(models.TextChoices):
        POINTS = "points", _("Chấm điểm, xếp loại")
        LEVELS = "levels", _("Mức độ 1 / mức độ 2")

    code = models.CharField(_("mã bộ tiêu chí"), max_length=60)
    title = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    subject_kind = models.CharField(
        _("đối tượng"), max_length=40, help_text=_("Ví dụ: family, clan, hamlet_community, learning_unit, centre.")
    )
    regime = models.CharField(_("cách đánh giá"), max_length=10, choices=Regime.choices)
    year_from = models.PositiveSmallIntegerField(_("áp dụng từ năm"))
    year_to = models.PositiveSmallIntegerField(_("áp dụng đến năm"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    # Points regime: [{"label": "Tốt", "min": "85"}, {"label": "Khá", "min": "70"}, ...], highest first.
    bands = models.JSONField(_("xếp loại"), default=list, blank=True)
    # Levels regime: months before level 2 may be sought after level 1, and months a recognition lasts.
    level2_wait_months = models.PositiveSmallIntegerField(_("số tháng chờ trước mức độ 2"), null=True, blank=True)
    validity_months = models.PositiveSmallIntegerField(_("thời hạn công nhận (tháng)"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("có tiêu chí mẫu"), default=False, help_text=_("Một số tiêu chí là mẫu, đơn vị cần hoàn thiện theo văn bản.")
    )
    # Ownership (issue 12): no owner = a national default shipped with the portal, read-only in the
    # portal; an office (or a province above it) owns its copies, and a unit uses the copy of its
    # nearest ancestor (rubrics.selectors.rubric_in_force). A copy already used to score assessments is
    # never rewritten: a change retires it (is_active=False) and creates the next version, so every
    # assessment keeps the rubric it was scored with.
    owner = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị sở hữu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống: bộ tiêu chí mặc định toàn quốc."),
    )
    based_on = models.ForeignKey(
        "self", verbose_name=_("tạo từ"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "reports_rubric"  # moved from reports (issue 13): the table keeps its name
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["subject_kind", "-year_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "code"], condition=models.Q(is_active=True), name="rubric_owner_code_active_unique"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(owner__isnull=True, is_active=True),
                name="rubric_national_code_active_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RubricGroup(models.Model):
    """Nhóm tiêu chí (e.g. "Điều kiện học tập", 30 points)."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=20)
    title = models.CharField(_("tên nhóm"), max_length=255)

    class Meta:
        db_table = "reports_rubricgroup"  # moved from reports (issue 13): the table keeps its name
        verbose_name = _("nhóm tiêu chí")
        verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["rubric", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["rubric", "code"], name="rubric_group_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class RubricCriterion(models.Model):
    """Tiêu chí / chỉ báo: one line that is scored (points) or checked (levels)."""

    group = models.ForeignKey(RubricGroup, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=20)
    text = models.TextField(_("nội dung"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2, null=True, blank=True)
    # Levels regime: the lowest level that requires this criterion (1 → both levels, 2 → level 2 only).
    required_for_level = models.PositiveSmallIntegerField(_("yêu cầu từ mức độ"), null=True, blank=True)
    evidence_required = models.BooleanField(_("cần minh chứng"), default=False)
    is_sample = models.BooleanField(_("nội dung mẫu"), default=False)

    class Meta:
        db_table = "reports_rubriccriterion"  # moved from reports (issue 13): the table keeps its name
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["group__order", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="rubric_criterion_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"
