"""The unit tree (office → commune → hamlet / school / centre) and who holds which role where.

The tree is data: level names are labels, any unit can be the managing office, and every unit
carries valid-from / valid-to dates so that past years keep the tree as it stood (the July 2025
commune mergers and the removal of districts, Nghị định 142/2025/NĐ-CP).
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import today
from .text import fold


class UnitKind(models.TextChoices):
    OFFICE = "office", _("Cơ quan quản lý giáo dục")
    COMMUNE = "commune", _("Xã / phường / thị trấn")
    HAMLET = "hamlet", _("Thôn / tổ dân phố")
    SCHOOL = "school", _("Trường học")
    CENTRE = "centre", _("Trung tâm học tập cộng đồng")
    DISTRICT_CENTRE = "district_centre", _("Trung tâm GDNN-GDTX")
    ASSOCIATION = "association", _("Hội Khuyến học")
    OTHER = "other", _("Đơn vị khác")


class SchoolLevel(models.TextChoices):
    PRESCHOOL = "MN", _("Mầm non")
    PRIMARY = "TH", _("Tiểu học")
    LOWER_SECONDARY = "THCS", _("Trung học cơ sở")


# Which kinds may sit under which. None means "may be a root". After July 2025 a commune can be
# the top of its own tree or sit under a provincial department, so communes may be roots.
ALLOWED_PARENT_KINDS: dict[str, set[str | None]] = {
    UnitKind.OFFICE: {None, UnitKind.OFFICE},
    UnitKind.COMMUNE: {None, UnitKind.OFFICE},
    UnitKind.HAMLET: {UnitKind.COMMUNE},
    UnitKind.SCHOOL: {UnitKind.COMMUNE, UnitKind.OFFICE},
    UnitKind.CENTRE: {UnitKind.COMMUNE},
    UnitKind.DISTRICT_CENTRE: {UnitKind.OFFICE},
    UnitKind.ASSOCIATION: {UnitKind.COMMUNE, UnitKind.OFFICE},
    UnitKind.OTHER: {None, UnitKind.OFFICE, UnitKind.COMMUNE},
}

# Level labels offered in forms; the field is free text because provinces name levels differently.
LEVEL_LABELS = {
    UnitKind.OFFICE: ["Phòng GD&ĐT", "Sở GD&ĐT", "Phòng Văn hóa - Xã hội"],
    UnitKind.COMMUNE: ["Xã", "Phường", "Thị trấn", "Đặc khu"],
    UnitKind.HAMLET: ["Thôn", "Tổ dân phố", "Khu", "Ấp", "Bản", "Xóm", "Buôn", "Làng"],
}


class UnitQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date | None = None):
        """Units that existed on `day` (today by default)."""
        day = day or today()
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def subtree_of(self, unit: "Unit"):
        return self.filter(path__startswith=unit.path)


code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Mã đơn vị chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới."),
)


# Mã đơn vị hành chính of Quyết định 19/2025/QĐ-TTg: 2 digits for a province, 5 for a commune.
official_code_validator = RegexValidator(
    r"^(\d{2}|\d{5})$",
    _("Mã đơn vị hành chính gồm 2 chữ số (tỉnh, thành phố) hoặc 5 chữ số (xã, phường, đặc khu)."),
)
province_code_validator = RegexValidator(r"^\d{2}$", _("Mã tỉnh, thành phố gồm 2 chữ số, ví dụ 22."))
# The Ministry's school code (mã trường, CSDL ngành giáo dục): its exact format is not documented
# where we could read it, so letters and digits, 1–20 characters (cần xác minh).
moet_code_validator = RegexValidator(
    r"^[A-Za-z0-9]{1,20}$", _("Mã trường của Bộ GD&ĐT chỉ gồm chữ cái không dấu và chữ số, tối đa 20 ký tự.")
)


class Unit(models.Model):
    """Đơn vị: a node of the tree — office, commune, hamlet, school, centre, association."""

    code = models.CharField(_("mã đơn vị"), max_length=30, unique=True, validators=[code_validator])
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    level_label = models.CharField(
        _("cấp / tên gọi"),
        max_length=40,
        blank=True,
        help_text=_("Ví dụ: Xã, Phường, Thị trấn, Đặc khu, Thôn, Tổ dân phố."),
    )
    school_level = models.CharField(_("cấp học"), max_length=4, choices=SchoolLevel.choices, blank=True)
    especially_difficult = models.BooleanField(
        _("xã đặc biệt khó khăn"),
        default=False,
        help_text=_(
            "Xã đặc biệt khó khăn dùng độ tuổi riêng khi tính chuẩn xóa mù chữ (Nghị định 20/2014/NĐ-CP, Điều 20–21)."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Materialised path of ids ("/1/7/42/"): a subtree is one indexed prefix filter on every database.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ ngày"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(
        _("hiệu lực đến ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống khi đơn vị còn hoạt động. Đơn vị đã giải thể vẫn giữ lịch sử."),
    )
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("hình thành từ (sáp nhập)"),
        symmetrical=False,
        related_name="successors",
        blank=True,
    )
    official_code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=5,
        blank=True,
        db_index=True,
        validators=[official_code_validator],
        help_text=_(
            "Mã theo Quyết định 19/2025/QĐ-TTg: xã, phường, đặc khu 5 chữ số; tỉnh 2 chữ số. "
            "Để trống với thôn, trường, trung tâm."
        ),
    )
    province_code = models.CharField(
        _("mã tỉnh, thành phố"),
        max_length=2,
        blank=True,
        validators=[province_code_validator],
        help_text=_("Tỉnh, thành phố nơi cơ quan quản lý đóng (mã 2 chữ số, Quyết định 19/2025/QĐ-TTg)."),
    )
    moet_code = models.CharField(
        _("mã trường (CSDL ngành)"),
        max_length=20,
        blank=True,
        validators=[moet_code_validator],
        help_text=_(
            "Mã trường trên Cơ sở dữ liệu ngành giáo dục của Bộ GD&ĐT: chữ cái không dấu và chữ số, "
            "1–20 ký tự (định dạng cần xác minh)."
        ),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)
    search_text = models.CharField(max_length=300, db_index=True, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # The search column is derived data; keeping it beside the name it folds avoids drift.
        self.search_text = fold(f"{self.code} {self.full_name}")[:300]
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        if self.kind in (UnitKind.COMMUNE, UnitKind.HAMLET) and self.level_label:
            return f"{self.level_label} {self.name}"
        return self.name

    def is_active_on(self, day: datetime.date | None = None) -> bool:
        day = day or today()
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    @property
    def is_active(self) -> bool:
        return self.is_active_on()

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class UnitIdentity(models.Model):
    """How a unit names itself on paper (thể thức văn bản, Nghị định 30/2020/NĐ-CP, Phụ lục I).

    Every managing unit (an office, or a commune after July 2025) sets it once; schools and centres
    may set theirs, otherwise documents.issuer derives it from the tree (parent line "UBND XÃ …",
    place from the commune). Everything printed above and below an official document comes from
    here: documents never print internal unit codes."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="identity", verbose_name=_("đơn vị"))
    official_name = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=200,
        help_text=_("Tên đầy đủ in trên văn bản, ví dụ: Phòng Giáo dục và Đào tạo (in hoa khi in)."),
    )
    parent_agency = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Dòng trên tên cơ quan, ví dụ: UBND huyện An Lạc Sơn; UBND xã Pá Lùng. Để trống nếu không có."),
    )
    abbreviation = models.CharField(
        _("chữ viết tắt tên cơ quan"),
        max_length=30,
        help_text=_("Dùng trong ký hiệu văn bản, ví dụ: PGDĐT → Số: 05/BC-PGDĐT (Nghị định 30/2020, Phụ lục III)."),
    )
    drafting_code = models.CharField(
        _("chữ viết tắt đơn vị soạn thảo"),
        max_length=30,
        blank=True,
        help_text=_("Cho công văn: Số: 12/PGDĐT-GDTX. Để trống nếu không dùng."),
    )
    place_name = models.CharField(
        _("địa danh"),
        max_length=100,
        help_text=_("Địa danh ghi trước ngày tháng, ví dụ: An Lạc Sơn, ngày 05 tháng 10 năm 2026."),
    )
    head_position = models.CharField(_("chức vụ người đứng đầu"), max_length=100, help_text=_("Ví dụ: Trưởng phòng."))
    head_name = models.CharField(_("họ tên người đứng đầu"), max_length=150, blank=True)
    deputy_position = models.CharField(_("chức vụ cấp phó"), max_length=100, blank=True)
    deputy_name = models.CharField(_("họ tên cấp phó"), max_length=150, blank=True)
    deputy_signs = models.BooleanField(
        _("cấp phó ký thay (KT.)"),
        default=False,
        help_text=_("Văn bản thường ngày do cấp phó ký thay người đứng đầu: KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG."),
    )
    recipients = models.TextField(
        _("nơi nhận thường dùng"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận, ví dụ: Sở GD&ĐT tỉnh (để b/c);. Dòng “Lưu: VT” được thêm tự động."),
    )
    archive = models.CharField(_("lưu"), max_length=60, default="VT.", help_text=_("Phần sau “Lưu:”, ví dụ: VT, GDTX."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thể thức văn bản của đơn vị")
        verbose_name_plural = _("thể thức văn bản của đơn vị")

    def __str__(self) -> str:
        return self.official_name

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class MilestoneSetting(models.Model):
    """An office's own date for a yearly milestone that no legal text fixes (units.milestones: the
    dates with a source follow their text and cannot be changed here). Issue 14: what has no found
    source is marked "cần xác minh" and is an office setting."""

    office = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="milestone_settings")
    key = models.SlugField(_("mốc"), max_length=40)
    month = models.PositiveSmallIntegerField(_("tháng"))
    day = models.PositiveSmallIntegerField(_("ngày"))
    enabled = models.BooleanField(_("hiện trên trang chủ"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mốc thời gian của đơn vị")
        verbose_name_plural = _("mốc thời gian của đơn vị")
        constraints = [models.UniqueConstraint(fields=["office", "key"], name="milestone_setting_unique")]

    def __str__(self) -> str:
        return f"{self.key} {self.day:02d}/{self.month:02d}"


class UnitFlag(models.TextChoices):
    ESPECIALLY_DIFFICULT = "especially_difficult", _("Xã đặc biệt khó khăn")


class UnitStatusPeriod(models.Model):
    """A dated status of a unit, e.g. xã đặc biệt khó khăn from–to as the Prime Minister's list of
    the period says (DOMAIN.md §3): a past year is computed with the status it had that year.
    Unit.especially_difficult is today's status, kept in step by units.status."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="status_periods")
    flag = models.CharField(_("tình trạng"), max_length=30, choices=UnitFlag.choices)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    source = models.CharField(
        _("căn cứ"), max_length=255, blank=True, help_text=_("Ví dụ: Quyết định số 861/QĐ-TTg ngày 04/6/2021.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tình trạng theo thời gian của đơn vị")
        verbose_name_plural = _("tình trạng theo thời gian của đơn vị")
        ordering = ["unit_id", "flag", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_status_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"
        return f"{self.unit}: {self.get_flag_display()} {self.valid_from:%d/%m/%Y}–{end}"


class UnitParentChange(models.Model):
    """A move of a unit under another parent, kept so the tree of any past date can be rebuilt."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="parent_changes")
    old_parent = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, related_name="+")
    new_parent = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, related_name="+")
    effective_date = models.DateField(_("từ ngày"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi đơn vị cấp trên")
        verbose_name_plural = _("thay đổi đơn vị cấp trên")
        ordering = ["effective_date", "id"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.old_parent} → {self.new_parent} ({self.effective_date:%d/%m/%Y})"


class User(AbstractUser):
    """Người dùng: one login per person; what they may do comes from their memberships."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("tài khoản mẫu"), default=False, editable=False)
    # An account made with a one-time password (setup_office, bulk onboarding) opens only the
    # password change page until its owner picks their own (units.first_login).
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)
    search_text = models.CharField(max_length=400, db_index=True, editable=False, default="")

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.full_name} {self.username} {self.email} {self.phone}")[:400]
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return (self.full_name or self.username).split(" ")[-1]


class Role(models.TextChoices):
    OFFICE_OFFICER = "office_officer", _("Chuyên viên phòng GD&ĐT")
    OFFICE_LEADER = "office_leader", _("Lãnh đạo phòng GD&ĐT")
    PRINCIPAL = "principal", _("Hiệu trưởng")
    SCHOOL_STAFF = "school_staff", _("Cán bộ, giáo viên trường")
    CENTRE_DIRECTOR = "centre_director", _("Giám đốc trung tâm")
    CENTRE_STAFF = "centre_staff", _("Cán bộ trung tâm")
    ASSOCIATION_OFFICER = "association_officer", _("Cán bộ Hội Khuyến học")
    VIEWER = "viewer", _("Người xem (chỉ đọc)")


OFFICE_ROLES = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER, Role.VIEWER}

# Which unit kinds a role may be held on. Office roles may sit on a commune too: since July 2025
# the commune's Phòng Văn hóa - Xã hội manages its schools (Thông tư 15/2025/TT-BGDĐT).
ROLE_UNIT_KINDS: dict[str, set[str]] = {
    Role.OFFICE_OFFICER: {UnitKind.OFFICE, UnitKind.COMMUNE},
    Role.OFFICE_LEADER: {UnitKind.OFFICE, UnitKind.COMMUNE},
    Role.VIEWER: {UnitKind.OFFICE, UnitKind.COMMUNE},
    Role.PRINCIPAL: {UnitKind.SCHOOL},
    Role.SCHOOL_STAFF: {UnitKind.SCHOOL},
    Role.CENTRE_DIRECTOR: {UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE},
    Role.CENTRE_STAFF: {UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE},
    Role.ASSOCIATION_OFFICER: {UnitKind.ASSOCIATION},
}

# When a person holds several roles, the home page is made for the first of these they hold.
ROLE_PRIORITY = [
    Role.OFFICE_OFFICER,
    Role.OFFICE_LEADER,
    Role.VIEWER,
    Role.ASSOCIATION_OFFICER,
    Role.CENTRE_DIRECTOR,
    Role.PRINCIPAL,
    Role.CENTRE_STAFF,
    Role.SCHOOL_STAFF,
]


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date | None = None):
        day = day or today()
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Membership(models.Model):
    """Vai trò: a person's role on a unit, with the dates it holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    valid_from = models.DateField(_("từ ngày"), default=today)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    # Staff prepare a unit's official report and its head sends it, unless the head hands the sending
    # to a named staff member here (units.duties.may_submit_for_unit is the one place this is read).
    submit_delegated = models.BooleanField(
        _("được giao gửi báo cáo"),
        default=False,
        help_text=_("Người đứng đầu đơn vị giao cho cán bộ này gửi báo cáo chính thức của đơn vị."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        ordering = ["-valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def is_active_on(self, day: datetime.date | None = None) -> bool:
        day = day or today()
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    @property
    def is_active(self) -> bool:
        return self.is_active_on()


class AuditEntry(models.Model):
    """Nhật ký: who did what, when, on which unit, from what to what. Written by services only."""

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=60, db_index=True)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.SET_NULL, null=True, related_name="+")
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor} {self.action} {self.object_repr}"


class TwoFactorDevice(models.Model):
    """Xác thực hai bước: a user's authenticator app (TOTP, RFC 6238), chosen by office roles (issue 8).

    The secret is stored encrypted (units/two_factor.py) and only shown while setting up;
    `last_used_step` is the 30-second step of the last accepted code, so no code works twice.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="two_factor_device",
    )
    secret = models.CharField(_("khóa bí mật (đã mã hóa)"), max_length=200, editable=False)
    confirmed = models.BooleanField(_("đã kích hoạt"), default=False)
    confirmed_at = models.DateTimeField(_("kích hoạt lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_step = models.BigIntegerField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    failures_in_a_row = models.PositiveSmallIntegerField(default=0, editable=False)
    last_failure_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("xác thực hai bước")
        verbose_name_plural = _("xác thực hai bước")

    def __str__(self) -> str:
        return f"{self.user} — {_('đã kích hoạt') if self.confirmed else _('đang thiết lập')}"


class TwoFactorRecoveryCode(models.Model):
    """Mã dự phòng: for a lost phone; stored as a password hash, each one works once."""

    device = models.ForeignKey(TwoFactorDevice, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã dự phòng")
        verbose_name_plural = _("mã dự phòng")

    def __str__(self) -> str:
        return f"{self.device.user} — {self.used_at or _('chưa dùng')}"


# Bulk onboarding from Excel (issue 16) keeps its model beside its code.
from .onboarding.models import OnboardingBatch, OnboardingStatus  # noqa: E402, F401


class PanelGeneration(models.Model):
    """The last audit entry of an area ("literacy", "unit", …) below a unit: the version of the
    office home's kept panels (units/panel_cache.py). Written after each commit by units.audit.record
    for every unit on the changed unit's path, so a change in one office never touches another's;
    scope 0 holds changes recorded without a unit, which every office's panels depend on."""

    scope = models.PositiveBigIntegerField()
    area = models.CharField(max_length=60)
    last_entry = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "area"], name="panel_generation_scope_area")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.area}={self.last_entry}"
