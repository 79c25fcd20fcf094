"""Communication (thông tin, tuyên truyền, issue 19): the news items, broadcasts and events a unit — a
school, a TTHTCĐ, a commune, the office — runs about lifelong learning and literacy. Each line is
dated, on one channel, about one topic, with a link or a file (a photo gets a thumbnail) and a count
(tin, bài, lượt phát, chiếc pa nô). The counts feed the report forms' news rows and the annual
report's "Công tác tuyên truyền" through providers (providers.py), so nobody types them twice.

Legal frame: Quyết định 1373/QĐ-TTg (xây dựng xã hội học tập 2021–2030) and Quyết định 281/QĐ-TTg
(Tuần lễ hưởng ứng học tập suốt đời) ask for communication on lifelong learning; no number is taken
from them here."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.calendar import school_year_of
from units.models import Unit


class Channel(models.TextChoices):
    WEBSITE = "website", _("Trang web, cổng thông tin điện tử")
    PRESS = "press", _("Báo chí")
    RADIO = "radio", _("Đài truyền thanh xã")
    SOCIAL = "social", _("Mạng xã hội (Zalo, Facebook)")
    POSTER = "poster", _("Pano, áp phích, băng rôn")
    EVENT = "event", _("Hội nghị, sự kiện")
    OTHER = "other", _("Khác")


# The channels whose count is "tin, bài" (news rows of the report forms); posters and events are
# counted apart (chiếc, buổi).
NEWS_CHANNELS = (Channel.WEBSITE, Channel.PRESS, Channel.RADIO, Channel.SOCIAL)


class Topic(models.TextChoices):
    LIFELONG = "lifelong", _("Học tập suốt đời")
    LITERACY = "literacy", _("Xóa mù chữ")
    LEARNING_SOCIETY = "learning_society", _("Xây dựng xã hội học tập")
    WEEK = "week", _("Tuần lễ hưởng ứng học tập suốt đời")
    READING = "reading", _("Ngày Sách và Văn hóa đọc Việt Nam")
    OTHER = "other", _("Khác")


class NewsItem(models.Model):
    """Một tin, bài, buổi phát thanh hay sự kiện tuyên truyền của đơn vị."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="news_items")
    date = models.DateField(_("ngày đăng, phát"))
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    topic = models.CharField(_("chủ đề"), max_length=30, choices=Topic.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    link = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    count = models.PositiveIntegerField(
        _("số lượng"), default=1, help_text=_("Số tin, bài; số lượt phát thanh; số pano, áp phích; số buổi.")
    )
    notes = models.CharField(_("ghi chú"), max_length=500, blank=True)
    file = models.FileField(_("tệp đính kèm"), upload_to="communication/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    thumbnail = models.FileField(upload_to="communication/thumbs/%Y/%m/", blank=True)
    school_year = models.PositiveSmallIntegerField(_("năm học"), editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tin, bài tuyên truyền")
        verbose_name_plural = _("tin, bài tuyên truyền")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["unit", "date"])]
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="communication_count_positive")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.school_year = school_year_of(self.date)
        super().save(*args, **kwargs)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
