"""Báo cáo kết thúc lớp (issue 19): the class's unit reports the class at its end — its learners,
their attendance, their result in each term, who completed the stage and who left the class. One
OfficialDocument (kind BC, Nghị định 30/2020/NĐ-CP form) for the PDF and the Word file."""

from django.utils.translation import gettext as _

from documents import Column, OfficialDocument, Row, Table
from documents.blocks import Paragraph, TableBlock
from documents.issuer import issuer_for
from units import legal
from units.calendar import today

from . import class_ops, selectors
from .models import Dropout, LiteracyClass, TermResult

SHORT = {TermResult.Result.EXCELLENT: "HTT", TermResult.Result.COMPLETED: "HT", TermResult.Result.NOT_COMPLETED: "CHT"}


def _d(date) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


def learners_table(literacy_class: LiteracyClass, enrolments, rates, dropouts) -> Table:
    terms = literacy_class.terms
    rows = []
    for e in enrolments:
        by_term = {r.term: r.result for r in e.results.all()}
        rate = rates.get(e.pk)
        left = dropouts.get(e.pk)
        rows.append(
            Row(
                [
                    e.person.full_name,
                    str(e.person.birth_year or ""),
                    f"{rate.percent:.1f}%".replace(".", ",") if rate and rate.marked else "",
                    *[SHORT.get(by_term.get(t), "") for t in terms],
                    _("Có") if e.completed else "",
                    f"{_d(left.date)} – {left.get_reason_display()}" if left else "",
                ]
            )
        )
    return Table(
        title=_("Danh sách học viên"),
        columns=[
            Column(_("Họ và tên"), width=26),
            Column(_("Năm sinh"), width=8),
            Column(_("Chuyên cần"), width=10),
            *[Column(_("Kỳ %(t)d") % {"t": t}, width=7) for t in terms],
            Column(_("Hoàn thành giai đoạn"), width=11),
            Column(_("Bỏ học (ngày, lý do)"), width=22),
        ],
        rows=rows,
        number_rows=True,
    )


def closing_document(literacy_class: LiteracyClass) -> OfficialDocument:
    enrolments = list(selectors.grid_enrolments_of(literacy_class).select_related("person"))
    rates = class_ops.learner_rates(literacy_class)
    dropouts = {d.enrolment_id: d for d in Dropout.objects.filter(enrolment__literacy_class=literacy_class)}
    sessions = literacy_class.sessions.count()
    class_rate = class_ops.class_rate(literacy_class)
    completed = sum(1 for e in enrolments if e.completed)
    blocks = [
        Paragraph(
            _(
                "Lớp %(name)s (%(stage)s) do %(unit)s mở tại %(commune)s, "
                "khai giảng ngày %(start)s%(end)s%(teacher)s%(place)s."
            )
            % {
                "name": literacy_class.name,
                "stage": literacy_class.get_stage_display().lower(),
                "unit": literacy_class.run_by.name,
                "commune": literacy_class.commune.full_name,
                "start": _d(literacy_class.start_date),
                "end": (_(", kết thúc ngày %(d)s") % {"d": _d(literacy_class.end_date)})
                if literacy_class.end_date
                else "",
                "teacher": (_(", giáo viên %(t)s") % {"t": literacy_class.teacher}) if literacy_class.teacher else "",
                "place": (_(", địa điểm %(p)s") % {"p": literacy_class.location}) if literacy_class.location else "",
            }
        ),
        Paragraph(
            _(
                "Lớp có %(n)d học viên ghi danh, %(d)d học viên bỏ học, %(c)d học viên hoàn thành giai đoạn. "
                "Số buổi học đã điểm danh: %(s)d; tỷ lệ chuyên cần chung: %(r)s."
            )
            % {
                "n": len(enrolments),
                "d": len(dropouts),
                "c": completed,
                "s": sessions,
                "r": (f"{class_rate.percent:.1f}%".replace(".", ",")) if class_rate.marked else _("chưa điểm danh"),
            }
        ),
        TableBlock(learners_table(literacy_class, enrolments, rates, dropouts)),
        Paragraph(
            _(
                "Kết quả từng kỳ theo %(tt10)s: HTT – Hoàn thành tốt, HT – Hoàn thành, "
                "CHT – Chưa hoàn thành; ô trống là chưa đánh giá. Đạt ở kỳ 3 (giai đoạn 1) hoặc kỳ 5 "
                "(giai đoạn 2) là hoàn thành giai đoạn (%(tt33)s)."
            )
            % {"tt10": legal.cite("tt10_2022"), "tt33": legal.cite("tt33_2021")},
            italic=True,
        ),
    ]
    return OfficialDocument.issued_by(
        issuer_for(literacy_class.run_by),
        kind="BC",
        date=today(),
        blank_day=True,
        excerpt=_("Kết quả lớp xóa mù chữ %(c)s") % {"c": literacy_class.name},
        blocks=blocks,
    )
