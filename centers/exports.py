"""The office's centre table as one row source (documents.Table): the same rows feed the
page and the Excel file, so the two cannot disagree."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from documents.tables import DATE, DECIMAL, INT, TEXT, Cell, Column, HeaderCell, Row, Table

from .models import school_year_label
from .selectors import INACTIVE_DAYS


def overview_table(rows: list[dict], year: int) -> Table:
    columns = [
        Column(_("Trung tâm"), TEXT, width=40),
        Column(_("Xã"), TEXT, width=22),
        Column(_("Hoạt động"), INT),
        Column(_("Lớp học"), INT),
        Column(_("Chuyên đề"), INT),
        Column(_("Tổng số"), INT),
        Column(_("Nữ"), INT),
        Column(pgettext("funding", "Thu"), DECIMAL, decimals=0, width=16),
        Column(pgettext("funding", "Chi"), DECIMAL, decimals=0, width=16),
        Column(_("Tự chấm"), DECIMAL, decimals=2),
        Column(_("Phòng chấm"), DECIMAL, decimals=2),
        Column(_("Xếp loại"), TEXT, width=14),
        Column(_("Hoạt động gần nhất"), DATE, width=14),
    ]
    header = [
        [
            HeaderCell(_("Trung tâm"), rowspan=2),
            HeaderCell(_("Xã"), rowspan=2),
            HeaderCell(_("Hoạt động"), colspan=3),
            HeaderCell(_("Người tham gia"), colspan=2),
            HeaderCell(_("Kinh phí (đồng)"), colspan=2),
            HeaderCell(_("Đánh giá"), colspan=3),
            HeaderCell(_("Hoạt động gần nhất"), rowspan=2),
        ],
        [
            HeaderCell(_("Tổng")),
            HeaderCell(_("Lớp học")),
            HeaderCell(_("Chuyên đề")),
            HeaderCell(_("Tổng số")),
            HeaderCell(_("Nữ")),
            HeaderCell(pgettext("funding", "Thu")),
            HeaderCell(pgettext("funding", "Chi")),
            HeaderCell(_("Tự chấm")),
            HeaderCell(_("Phòng chấm")),
            HeaderCell(_("Xếp loại")),
        ],
    ]
    table_rows = []
    for r in rows:
        a = r["assessment"]
        table_rows.append(
            Row(
                [
                    Cell(r["centre"].full_name, href=reverse("centers:centre", args=[r["centre"].pk])),
                    r["centre"].parent.full_name if r["centre"].parent_id else "",
                    r["activities"],
                    r["classes"],
                    r["topics"],
                    r["participants"],
                    r["women"],
                    r["receipts"],
                    r["spending"],
                    a.self_total if a else None,
                    a.office_total if a else None,
                    a.office_rating if a else "",
                    r["last_activity"],
                ]
            )
        )
    keys = ["activities", "classes", "topics", "participants", "women", "receipts", "spending"]
    totals = [sum(r[k] for r in rows) for k in keys]
    table_rows.append(Row.total([_("Cộng"), "", *totals, None, None, "", None]))
    return Table(
        title=_("Hoạt động của các trung tâm học tập cộng đồng"),
        subtitle=_("Năm học %(y)s") % {"y": school_year_label(year)},
        columns=columns,
        header_rows=header,
        rows=table_rows,
        number_rows=True,
        notes=[
            _("Số liệu tổng hợp từ sổ hoạt động và thu chi của từng trung tâm trên cổng."),
            _("Trung tâm không ghi hoạt động nào trong %(n)d ngày được Phòng theo dõi.") % {"n": INACTIVE_DAYS},
        ],
    )
