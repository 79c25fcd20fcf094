"""The centre's yearly self-assessment (Công văn 2553/BGDĐT-GDTX) as the báo cáo it sends the
office: issued and signed by the centre (documents.issuer: "UBND XÃ …" above it, the director's
name), the criteria with their maximum, the centre's points and, once rated, the office's. PDF and
Word from the same document object (issue 15)."""

from django.utils.translation import gettext as _

from documents import Column, HeaderCell, OfficialDocument, Row, Table
from documents.blocks import Paragraph, TableBlock
from documents.issuer import issuer_for
from units import legal
from units.calendar import today

from .models import AssessmentStatus, SelfAssessment, school_year_label
from .report import report_sections


def assessment_table(assessment: SelfAssessment) -> Table:
    scores = list(
        assessment.scores.select_related("criterion", "criterion__group").order_by(
            "criterion__group__order", "criterion__order"
        )
    )
    rated = assessment.office_total is not None
    rows, group = [], None
    for score in scores:
        criterion = score.criterion
        if criterion.group_id != (group.pk if group else None):
            group = criterion.group
            rows.append(Row.section(group.title))
        rows.append(
            Row(
                [
                    f"{criterion.code}. {criterion.text}",
                    criterion.max_points,
                    score.self_points,
                    score.office_points if rated else None,
                ]
            )
        )
    rows.append(
        Row.total(
            [
                _("Tổng điểm"),
                sum((s.criterion.max_points or 0) for s in scores),
                assessment.self_total,
                assessment.office_total if rated else None,
            ]
        )
    )
    return Table(
        title=_("Kết quả tự đánh giá năm học %(y)s") % {"y": school_year_label(assessment.school_year)},
        columns=[
            Column(_("Tiêu chí"), width=50),
            Column(_("Điểm tối đa"), "decimal", width=10),
            Column(_("Điểm tự đánh giá"), "decimal", width=12),
            Column(_("Điểm Phòng chấm"), "decimal", width=12),
        ],
        header_rows=[
            [
                HeaderCell(_("Tiêu chí")),
                HeaderCell(_("Điểm tối đa")),
                HeaderCell(_("Điểm tự đánh giá")),
                HeaderCell(_("Điểm Phòng chấm")),
            ]
        ],
        rows=rows,
        number_rows=False,
    )


def assessment_document(assessment: SelfAssessment) -> OfficialDocument:
    centre = assessment.centre
    year = school_year_label(assessment.school_year)
    blocks = [
        Paragraph(
            _(
                "Thực hiện %(cv)s về việc đánh giá trung tâm học tập cộng đồng, %(centre)s tự đánh giá kết quả "
                "hoạt động năm học %(year)s như sau:"
            )
            % {"cv": legal.text("cv2553_2013").cite(), "centre": centre.full_name, "year": year}
        ),
        TableBlock(assessment_table(assessment)),
    ]
    if assessment.self_rating:
        blocks.append(Paragraph(_("Tự xếp loại: %(r)s.") % {"r": assessment.self_rating}, bold=True))
    else:
        blocks.append(Paragraph(_("Chưa chấm đủ các tiêu chí nên chưa tự xếp loại."), italic=True))
    if assessment.office_total is not None:
        blocks.append(
            Paragraph(
                _("Phòng GD&ĐT chấm %(t)s điểm, xếp loại: %(r)s.")
                % {"t": f"{assessment.office_total:g}".replace(".", ","), "r": assessment.office_rating or "—"},
                bold=True,
            )
        )
        if assessment.office_comment:
            blocks.append(Paragraph(_("Nhận xét của Phòng: %(c)s") % {"c": assessment.office_comment}))
    signed = assessment.submitted_at.date() if assessment.submitted_at else None
    return OfficialDocument.issued_by(
        issuer_for(centre),
        kind="BC",
        date=signed or today(),
        blank_day=signed is None,
        excerpt=_("Tự đánh giá hoạt động trung tâm học tập cộng đồng năm học %(y)s") % {"y": year},
        blocks=blocks,
        draft=assessment.status == AssessmentStatus.DRAFT,
    )


def yearly_report_document(centre, year: int) -> OfficialDocument:
    """The centre's yearly activity report (báo cáo hoạt động năm học) as it goes to the office:
    the figures of the records (the same providers as the page and the report form's pre-fill)."""
    label = school_year_label(year)
    rows = []
    for section, items in report_sections(centre, year):
        rows.append(Row.section(str(section)))
        rows += [Row([str(item["label"]), item["value"]]) for item in items]
    table = Table(
        title=_("Số liệu hoạt động năm học %(y)s") % {"y": label},
        columns=[Column(_("Nội dung"), width=60), Column(_("Số liệu"), "int", width=16)],
        rows=rows,
        number_rows=False,
    )
    blocks = [
        Paragraph(
            _("%(centre)s báo cáo kết quả hoạt động năm học %(y)s như sau:") % {"centre": centre.full_name, "y": label}
        ),
        TableBlock(table),
        Paragraph(_("Số liệu lấy từ sổ theo dõi hoạt động của trung tâm trên cổng thông tin."), italic=True),
    ]
    return OfficialDocument.issued_by(
        issuer_for(centre),
        kind="BC",
        date=today(),
        blank_day=True,
        excerpt=_("Kết quả hoạt động trung tâm học tập cộng đồng năm học %(y)s") % {"y": label},
        blocks=blocks,
    )
