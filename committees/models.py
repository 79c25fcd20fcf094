"""Steering committees of a commune (ban chỉ đạo, issue 19): the Ban chỉ đạo phổ cập giáo dục, xóa
mù chữ (Nghị định 20/2014/NĐ-CP lists the commune's steering committee among the recognition
dossier's papers) and the Ban chỉ đạo xây dựng xã hội học tập (Quyết định 1373/QĐ-TTg). Each has
its establishing decision (number, date, signer, the scanned file) and its members with their
position in the committee and their own job. A change is dated: a member replaced from a day keeps
their row with the day they left, the newcomer starts that day (history kept, never overwritten).

A shared app (it imports only units): literacy shows the committee in the recognition dossier,
the commune's page and home page show it through the plug-in modules, nobody imports them back."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class Kind(models.TextChoices):
    PCGD_XMC = "pcgd_xmc", _("Ban chỉ đạo phổ cập giáo dục, xóa mù chữ")
    LEARNING_SOCIETY = "learning_society", _("Ban chỉ đạo xây dựng xã hội học tập")


class Position(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó Trưởng ban")
    MEMBER = "member", _("Thành viên")
    SECRETARY = "secretary", _("Thư ký")


RANK = {Position.HEAD: 0, Position.DEPUTY: 1, Position.MEMBER: 2, Position.SECRETARY: 3}


class Committee(models.Model):
    """Ban chỉ đạo của xã, thành lập theo một quyết định."""

    commune = models.ForeignKey(Unit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="committees")
    kind = models.CharField(_("ban chỉ đạo"), max_length=30, choices=Kind.choices)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    decision_signer = models.CharField(
        _("người ký"), max_length=150, help_text=_("Họ tên và chức vụ, ví dụ: Nguyễn Văn A, Chủ tịch UBND xã.")
    )
    notes = models.CharField(_("ghi chú"), max_length=500, blank=True)
    file = models.FileField(_("bản quyết định (ảnh, PDF)"), upload_to="committees/%Y/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ban chỉ đạo")
        verbose_name_plural = _("ban chỉ đạo")
        ordering = ["commune__path", "kind"]
        constraints = [models.UniqueConstraint(fields=["commune", "kind"], name="committees_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} xã {self.commune.name}"


class Member(models.Model):
    """Thành viên ban chỉ đạo, từ một ngày; `until`: the day they left (replaced or ended), blank
    while they serve. `replaces`: the member whose place they took."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức danh trong ban"), max_length=20, choices=Position.choices)
    job = models.CharField(
        _("chức vụ, đơn vị công tác"),
        max_length=255,
        help_text=_("Ví dụ: Phó Chủ tịch UBND xã; Hiệu trưởng trường TH."),
    )
    rank = models.PositiveSmallIntegerField(editable=False, default=2)
    from_date = models.DateField(_("từ ngày"))
    until = models.DateField(_("thôi từ ngày"), null=True, blank=True)
    change_note = models.CharField(_("lý do, quyết định thay đổi"), max_length=255, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("thay cho"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thành viên ban chỉ đạo")
        verbose_name_plural = _("thành viên ban chỉ đạo")
        ordering = ["rank", "from_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gt=F("from_date")), name="committees_member_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_position_display()})"

    def save(self, *args, **kwargs):
        self.rank = RANK.get(self.position, 2)
        super().save(*args, **kwargs)

    def serves_on(self, day) -> bool:
        return self.from_date <= day and (self.until is None or day < self.until)
