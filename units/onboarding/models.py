"""OnboardingBatch: one uploaded onboarding workbook, its dry run and, once committed, the sealed
list of one-time passwords the office prints once (units.onboarding)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OnboardingStatus(models.TextChoices):
    CHECKED = "checked", _("Đã kiểm tra, chưa nhập")
    FAILED = "failed", _("Có lỗi, chưa nhập")
    COMMITTED = "committed", _("Đã nhập")


class OnboardingBatch(models.Model):
    """Nhập đơn vị và người dùng từ Excel: the file is kept until it is committed (the commit checks
    it again, row by row, with the same services); the one-time passwords are kept encrypted only
    until the office first takes the list of logins."""

    root = models.ForeignKey("units.Unit", verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    content = models.BinaryField(_("nội dung tệp"), default=b"", editable=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=OnboardingStatus.choices)
    summary = models.JSONField(_("tóm tắt"), default=dict, blank=True)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    committed_at = models.DateTimeField(_("nhập lúc"), null=True, blank=True)
    logins_sealed = models.TextField(_("danh sách đăng nhập (đã mã hóa)"), blank=True, editable=False)
    logins_count = models.PositiveIntegerField(_("số tài khoản mới"), default=0)
    logins_taken_at = models.DateTimeField(_("lấy danh sách đăng nhập lúc"), null=True, blank=True)
    logins_taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lấy danh sách đăng nhập"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        app_label = "units"
        verbose_name = _("lần nhập đơn vị và người dùng")
        verbose_name_plural = _("lần nhập đơn vị và người dùng")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name
