"""Demo data for inspections: the office's shipped contents, three visits of this school year —
two performed (the TTHTCĐ of demo.giamdoc and a school), with checklist results, notes and open
recommendations, one answered by the centre — and one still planned. Everything goes through
inspections.services, so the demo leaves the rows and audit trail an officer would. An office that
already has inspections is left alone."""

import datetime

from units.calendar import current_school_year, school_year_dates, today
from units.models import Membership, Unit

from . import services
from .models import Content, Inspection, Item, Result


def _member(username: str):
    return Membership.objects.active_on().filter(user__username=username).select_related("user", "unit").first()


def _perform(actor, inspection, day, notes, failing: set[int]):
    rows = []
    items = Item.objects.filter(content__in=inspection.contents.all()).order_by("content__order", "order", "id")
    for index, item in enumerate(items):
        failed = index in failing
        rows.append(
            {
                "item": item,
                "result": Result.FAILED if failed else Result.PASSED,
                "note": "Cần bổ sung" if failed else "",
            }
        )
    services.checklist_save(actor=actor, inspection=inspection, done_date=day, notes=notes, rows=rows)


def seed(*, office: Unit, stdout=None) -> None:
    if Inspection.objects.filter(office=office).exists():
        return
    officer, leader = _member("demo.chuyenvien"), _member("demo.truongphong")
    director, principal = _member("demo.giamdoc"), _member("demo.hieutruong")
    if officer is None or director is None:
        return
    actor = officer.user
    team = [officer.user] + ([leader.user] if leader else [])
    services.ensure_defaults(office)
    contents = {c.title: c for c in Content.objects.filter(office=office)}
    start, _end = school_year_dates(current_school_year())
    day = today()
    gap = max((day - start).days, 4)
    first = min(start + datetime.timedelta(days=gap // 2), day)
    second = min(start + datetime.timedelta(days=3 * gap // 4), day)

    centre_visit = services.inspection_plan(
        actor=actor,
        office=office,
        unit=director.unit,
        planned_date=first,
        contents=[contents["Hoạt động và tài chính của TTHTCĐ"], contents["Chất lượng báo cáo"]],
        team=team,
    )
    _perform(actor, centre_visit, first, "Trung tâm hoạt động đều; sổ sách tài chính chưa đầy đủ chứng từ.", {2, 5})
    rec = services.recommendation_add(
        actor=actor,
        inspection=centre_visit,
        finding="Một số khoản chi chưa có chứng từ kèm theo.",
        text="Bổ sung chứng từ các khoản chi và công khai thu chi tại trung tâm",
        deadline=first + datetime.timedelta(days=30),
    )
    services.recommendation_answer(
        actor=director.user, rec=rec, response="Trung tâm đã bổ sung chứng từ và niêm yết công khai thu chi."
    )
    services.recommendation_add(
        actor=actor,
        inspection=centre_visit,
        finding="Báo cáo học kỳ gửi chậm 5 ngày.",
        text="Gửi báo cáo định kỳ đúng hạn trên cổng",
        deadline=day + datetime.timedelta(days=30),
    )
    if principal is not None:
        school_visit = services.inspection_plan(
            actor=actor,
            office=office,
            unit=principal.unit,
            planned_date=second,
            contents=[contents["Hồ sơ phổ cập giáo dục, xóa mù chữ"]],
            team=team,
        )
        _perform(actor, school_visit, second, "Hồ sơ phổ cập cơ bản đầy đủ.", {1})
        services.recommendation_add(
            actor=actor,
            inspection=school_visit,
            finding="Danh sách người mù chữ chưa khớp phiếu điều tra ở 2 hộ.",
            text="Rà soát, cập nhật danh sách người mù chữ theo phiếu điều tra hộ gia đình",
            deadline=day + datetime.timedelta(days=20),
        )
    services.inspection_plan(
        actor=actor,
        office=office,
        unit=director.unit.parent or director.unit,
        planned_date=day + datetime.timedelta(days=40),
        contents=[contents["Công nhận danh hiệu học tập"]],
        team=team,
    )
    if stdout is not None:
        stdout.write("  Kiểm tra: 3 đợt (2 đã kiểm tra, có kiến nghị chưa đóng), nội dung kiểm tra mẫu.")
