from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class ApiClient(models.Model):
    """Ứng dụng khai thác API: a client (the province's system) holding one token that reads the
    figures of one unit's subtree. Only the token's SHA-256 is stored; its first characters are kept
    to tell tokens apart on the page. A revoked client stays listed (who revoked it is audited)."""

    name = models.CharField(_("tên ứng dụng"), max_length=120)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị được đọc số liệu"), on_delete=models.PROTECT, related_name="api_clients"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.PROTECT, related_name="+"
    )
    token_hash = models.CharField(_("mã băm của khóa"), max_length=64, unique=True)
    token_prefix = models.CharField(_("đầu khóa"), max_length=12)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)

    class Meta:
        verbose_name = _("ứng dụng khai thác API")
        verbose_name_plural = _("ứng dụng khai thác API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
