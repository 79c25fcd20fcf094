"""Học liệu mở và mô hình điển hình (issue 19).

- Resource (học liệu): a link or an uploaded file (image or PDF) of an office's shared library, by
  field (lĩnh vực), audience, level, with its source and licence. Any unit proposes one; the office
  curates it (publishes, hides, marks it featured). Centres pick published ones when they log an
  activity (centers.Activity.resources: the link lives in the domain app, never here).
- GoodModel (mô hình điển hình): a practice worth copying — a TTHTCĐ's way of working, a learning
  clan, a reading club — with its results and photos; draft → proposed → published by the office,
  then shown to every unit of the office. Seed letter 000: "xây dựng, đăng tải mô hình tốt để nhân
  rộng".

Both belong to an office (`office`: the nearest office above the unit that wrote them), whose
units read what it published. Files are judged by content and size (units/uploads.py) and served
only through views that check scope (views/files.py); images keep a thumbnail beside them.
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Unit
from units.text import fold


class Field(models.TextChoices):
    """Lĩnh vực of a resource (the fields of a TTHTCĐ's topics, QĐ 09/2008 Điều 4, and seed 000's)."""

    LIFE_SKILLS = "life_skills", _("Kỹ năng sống")
    AGRICULTURE = "agriculture", _("Nông nghiệp, khuyến nông")
    HEALTH = "health", _("Sức khỏe")
    LAW = "law", _("Pháp luật")
    DIGITAL = "digital", _("Chuyển đổi số, kỹ năng số")
    FOREIGN_LANGUAGE = "foreign_language", _("Ngoại ngữ")
    READING = "reading", _("Văn hóa đọc")
    LITERACY = "literacy", _("Xóa mù chữ, sau biết chữ")
    OTHER = "other", _("Lĩnh vực khác")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Mọi người dân")
    ADULTS = "adults", _("Người lớn")
    ELDERLY = "elderly", _("Người cao tuổi")
    YOUTH = "youth", _("Thanh thiếu niên")
    WOMEN = "women", _("Phụ nữ")
    FARMERS = "farmers", _("Nông dân")
    ETHNIC = "ethnic", _("Đồng bào dân tộc thiểu số")
    LITERACY_LEARNERS = "literacy_learners", _("Học viên xóa mù chữ")
    TEACHERS = "teachers", _("Giáo viên, báo cáo viên")


class Level(models.TextChoices):
    BASIC = "basic", _("Phổ cập, nhập môn")
    INTERMEDIATE = "intermediate", _("Cơ bản")
    ADVANCED = "advanced", _("Nâng cao")


class ResourceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Chờ phòng duyệt")
    PUBLISHED = "published", _("Đã đăng")
    HIDDEN = "hidden", _("Đã ẩn")


class Resource(models.Model):
    """Học liệu: a link or a file of the office's shared library."""

    office = models.ForeignKey(
        Unit, verbose_name=_("thư viện của"), on_delete=models.PROTECT, related_name="learning_resources"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị đề xuất"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên học liệu"), max_length=255)
    field = models.CharField(_("lĩnh vực"), max_length=30, choices=Field.choices)
    audience = models.CharField(_("đối tượng"), max_length=30, choices=Audience.choices, default=Audience.EVERYONE)
    level = models.CharField(_("trình độ"), max_length=20, choices=Level.choices, default=Level.BASIC)
    description = models.TextField(_("mô tả"), blank=True)
    url = models.URLField(
        _("đường dẫn"), max_length=500, blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    file = models.FileField(_("tệp"), upload_to="resources/files/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    thumbnail = models.FileField(upload_to="resources/thumbs/%Y/%m/", blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    licence = models.CharField(_("giấy phép sử dụng"), max_length=255, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=ResourceStatus.choices, default=ResourceStatus.PROPOSED
    )
    featured = models.BooleanField(_("nổi bật"), default=False)
    search_text = models.CharField(max_length=600, editable=False, default="", db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("học liệu")
        verbose_name_plural = _("học liệu")
        ordering = ["-featured", "title", "id"]
        indexes = [models.Index(fields=["office", "status"])]
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(file=""), name="resources_resource_link_or_file"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The search column is derived from the title and description beside it: no drift.
        self.search_text = fold(f"{self.title} {self.description} {self.source}")[:600]
        super().save(*args, **kwargs)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ModelKind(models.TextChoices):
    CENTRE_PRACTICE = "centre_practice", _("Cách làm hay của TTHTCĐ")
    LEARNING_CLAN = "learning_clan", _("Dòng họ học tập")
    LEARNING_FAMILY = "learning_family", _("Gia đình học tập")
    LEARNING_COMMUNITY = "learning_community", _("Cộng đồng học tập (thôn, tổ dân phố)")
    READING_CLUB = "reading_club", _("Câu lạc bộ đọc sách, tủ sách cộng đồng")
    LITERACY = "literacy", _("Lớp xóa mù chữ hiệu quả")
    SCHOOL = "school", _("Nhà trường gắn với cộng đồng")
    OTHER = "other", _("Mô hình khác")


class ModelStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PROPOSED = "proposed", _("Đã đề xuất, chờ phòng đăng")
    PUBLISHED = "published", _("Đã đăng")


class GoodModel(models.Model):
    """Mô hình điển hình: what a unit does well, with its results, for the other units to copy."""

    office = models.ForeignKey(Unit, verbose_name=_("phòng quản lý"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị có mô hình"), on_delete=models.PROTECT, related_name="good_models"
    )
    title = models.CharField(_("tên mô hình"), max_length=255)
    kind = models.CharField(_("loại mô hình"), max_length=30, choices=ModelKind.choices)
    description = models.TextField(_("cách làm"))
    results = models.TextField(_("kết quả đạt được"), blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=ModelStatus.choices, default=ModelStatus.DRAFT)
    review_note = models.CharField(_("ý kiến của phòng"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("mô hình điển hình")
        verbose_name_plural = _("mô hình điển hình")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["office", "status"])]

    def __str__(self) -> str:
        return self.title


class ModelPhoto(models.Model):
    """Ảnh of a good model (an image judged by its first bytes), with a thumbnail for the gallery."""

    good_model = models.ForeignKey(GoodModel, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("tệp"), upload_to="resources/photos/%Y/%m/")
    thumbnail = models.FileField(upload_to="resources/photos/thumbs/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField(_("dung lượng"))
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh mô hình")
        verbose_name_plural = _("ảnh mô hình")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.original_name
