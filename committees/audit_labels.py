"""The Vietnamese names of the audit actions of the steering committees."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "committees.committee_create": _("Ghi quyết định thành lập ban chỉ đạo"),
    "committees.committee_update": _("Sửa quyết định thành lập ban chỉ đạo"),
    "committees.member_add": _("Thêm thành viên ban chỉ đạo"),
    "committees.member_replace": _("Thay thành viên ban chỉ đạo"),
    "committees.member_end": _("Thành viên thôi tham gia ban chỉ đạo"),
}
