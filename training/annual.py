"""Training blocks of the office's annual report (annual/blocks.py discovers this module), in its
"Bồi dưỡng đội ngũ" section: the people trained by commune and role (this app's providers,
training/providers.py) and the year's courses against the plan (one aggregate). `start`–`end` are
the report's school year (units.calendar.school_year_dates)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annual.blocks import AnnualBlock, provider_block
from documents import Cell, Column, Row, Table

from .models import Course, Status
from .providers import ROLE_KEYS


def courses_table(office, start, end) -> Table:
    courses = (
        Course.objects.filter(organiser__path__startswith=office.path, start_date__gte=start, start_date__lte=end)
        .exclude(status=Status.CANCELLED)
        .select_related("organiser")
        .annotate(
            trained=Count("participants", filter=Q(participants__attended=True)),
            passed=Count("participants", filter=Q(participants__result="passed")),
        )
        .order_by("start_date", "id")
    )
    columns = [
        Column(_("Nội dung"), width=34),
        Column(_("Đơn vị tổ chức"), width=20),
        Column(_("Ngày"), "date"),
        Column(_("Số giờ"), "int"),
        Column(_("Tình trạng"), width=12),
        Column(_("Dự kiến"), "int"),
        Column(_("Được tập huấn"), "int"),
        Column(_("Đạt"), "int"),
    ]
    rows, planned, held, trained, passed = [], 0, 0, 0, 0
    for course in courses:
        href = reverse("training:course", args=[course.pk])
        planned += 1
        held += course.status == Status.HELD
        trained += course.trained
        passed += course.passed
        rows.append(
            Row(
                [
                    Cell(course.topic, href=href),
                    course.organiser.name,
                    course.start_date,
                    course.hours,
                    course.get_status_display(),
                    course.planned_participants,
                    Cell(course.trained, href=href),
                    course.passed,
                ]
            )
        )
    if not rows:  # no "0/0 lớp" line when nothing is planned: the page says so (AnnualBlock.empty_text)
        return Table(title=_("Các lớp tập huấn, bồi dưỡng trong năm học"), columns=columns, number_rows=True)
    rows.append(
        Row.total(
            [
                _("Cộng: %(h)s/%(p)s lớp đã tổ chức") % {"h": held, "p": planned},
                "",
                "",
                "",
                "",
                sum(c.planned_participants for c in courses),
                trained,
                passed,
            ]
        )
    )
    return Table(
        title=_("Các lớp tập huấn, bồi dưỡng trong năm học"),
        columns=columns,
        rows=rows,
        number_rows=True,
        notes=[_("Số liệu lấy trực tiếp từ sổ tập huấn của các đơn vị.")],
    )


def blocks():
    return [
        AnnualBlock(
            "training.courses",
            "staff",
            gettext_lazy("Các lớp tập huấn, bồi dưỡng"),
            courses_table,
            empty_text=gettext_lazy("Chưa có lớp tập huấn nào trong năm học này, nên bảng này chưa có số liệu."),
            empty_url="training:course_add",
            empty_link=gettext_lazy("Thêm lớp tập huấn"),
        ),
        provider_block(
            "providers.training",
            "staff",
            gettext_lazy("Người được tập huấn, bồi dưỡng theo đối tượng"),
            ["training.participants", *ROLE_KEYS],
            unit_note=gettext_lazy("Đơn vị tính: lượt người"),
        ),
    ]
