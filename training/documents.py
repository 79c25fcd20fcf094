"""A course's result as the organiser reports it (báo cáo kết quả lớp tập huấn, kind BC of Nghị
định 30/2020): the course, then who took part, from which unit and as what, present or not, their
result and certificate number. PDF and Word from the same document object (documents layer)."""

from django.utils.translation import gettext as _

from documents import Column, OfficialDocument, Row, Table
from documents.blocks import Paragraph, TableBlock
from documents.issuer import issuer_for
from units.calendar import today

from .models import Course, Status


def _dates(course: Course) -> str:
    if course.end_date == course.start_date:
        return _("ngày %(d)s") % {"d": course.start_date.strftime("%d/%m/%Y")}
    return _("từ ngày %(a)s đến ngày %(b)s") % {
        "a": course.start_date.strftime("%d/%m/%Y"),
        "b": course.end_date.strftime("%d/%m/%Y"),
    }


def participants_table(course: Course) -> Table:
    held = course.status == Status.HELD
    rows = []
    for p in course.participants.select_related("unit").order_by("full_name", "id"):
        present = (_("Có mặt") if p.attended else _("Vắng")) if held else ""
        rows.append(
            Row([p.full_name, p.unit.name, p.get_role_display(), present, p.get_result_display(), p.certificate_no])
        )
    return Table(
        title=_("Danh sách người dự tập huấn"),
        columns=[
            Column(_("Họ và tên"), width=24),
            Column(_("Đơn vị công tác"), width=26),
            Column(_("Đối tượng"), width=20),
            Column(_("Điểm danh"), width=10),
            Column(_("Kết quả"), width=10),
            Column(_("Số chứng nhận"), width=14),
        ],
        rows=rows,
        number_rows=True,
    )


def participants_document(course: Course) -> OfficialDocument:
    present = course.participants.filter(attended=True).count()
    total = course.participants.count()
    blocks = [
        Paragraph(
            _(
                "Lớp tập huấn “%(topic)s” do %(org)s tổ chức %(dates)s%(place)s, hình thức %(mode)s, "
                "thời lượng %(hours)s tiết."
            )
            % {
                "topic": course.topic,
                "org": course.organiser.full_name,
                "dates": _dates(course),
                "place": (_(" tại %(p)s") % {"p": course.place}) if course.place else "",
                "mode": course.get_mode_display().lower(),
                "hours": course.hours,
            }
        ),
        TableBlock(participants_table(course)),
    ]
    if course.status == Status.HELD:
        blocks.append(
            Paragraph(_("Danh sách có %(t)s người, có mặt %(p)s người.") % {"t": total, "p": present}, italic=True)
        )
    else:
        blocks.append(Paragraph(_("Danh sách có %(t)s người được triệu tập.") % {"t": total}, italic=True))
    return OfficialDocument.issued_by(
        issuer_for(course.organiser),
        kind="BC",
        date=today(),
        blank_day=True,
        excerpt=_("Kết quả lớp tập huấn %(topic)s") % {"topic": course.topic},
        blocks=blocks,
    )
