"""Demo data of the year's guidance followed to the end (issue 18): this school year's published
guidance of the demo district with three tasks given to schools, to centres and to two named
units, one past its deadline; the demo principal and director have reported on theirs. Everything
goes through annual.guidance and annual.tasks, so the rows and the audit trail are an officer's.
An office that already has this year's guidance is left alone."""

import datetime

from units.calendar import current_school_year, school_year_dates
from units.models import Membership, Unit, UnitKind, today

from . import guidance as gsvc
from . import tasks
from .models import Guidance, GuidanceTask


def _member(username: str):
    return Membership.objects.active_on().filter(user__username=username).select_related("user", "unit").first()


def seed(*, office: Unit, stdout=None) -> None:
    year = current_school_year()
    officer = _member("demo.chuyenvien")
    if officer is None or Guidance.objects.filter(office=office, school_year=year).exists():
        return
    start, _end = school_year_dates(year)
    passed = min(start + datetime.timedelta(days=45), today() - datetime.timedelta(days=1))
    actor = officer.user
    guidance = gsvc.guidance_create(
        actor=actor, office=office, school_year=year, title=f"Hướng dẫn nhiệm vụ GDTX năm học {year}-{year + 1}"
    )
    given = [
        ("ict", "Cập nhật thông tin GDTX của đơn vị lên cổng thông tin", passed, [UnitKind.SCHOOL]),
        (
            "centres",
            "Xây dựng kế hoạch hoạt động năm của TTHTCĐ",
            start + datetime.timedelta(days=120),
            [UnitKind.CENTRE],
        ),
        ("literacy", "Rà soát danh sách người chưa biết chữ trong độ tuổi", start + datetime.timedelta(days=200), []),
    ]
    added = [
        (gsvc.guidance_task_add(actor=actor, guidance=guidance, area=area, text=text, deadline=deadline), kinds)
        for area, text, deadline, kinds in given
    ]
    gsvc.guidance_publish(actor=actor, guidance=Guidance.objects.get(pk=guidance.pk))
    named = list(Unit.objects.subtree_of(office).filter(kind=UnitKind.SCHOOL).active_on().order_by("code")[:2])
    for task, kinds in added:
        tasks.task_assign(actor=actor, task=task, unit_kinds=kinds, units=[] if kinds else named)
    for username in ("demo.hieutruong", "demo.giamdoc"):
        member = _member(username)
        if member is None:
            continue
        for task in GuidanceTask.objects.filter(guidance=guidance).select_related("guidance__office").order_by("id"):
            if member.unit.pk in {u.pk for u in tasks.units_to_report(member.user, task)}:
                tasks.progress_update(
                    actor=member.user,
                    task=task,
                    unit=member.unit,
                    status="done" if task.area == "ict" else "in_progress",
                    report="Đơn vị đã triển khai; minh chứng lưu tại đơn vị.",
                )
    if stdout:
        stdout.write("  Hướng dẫn nhiệm vụ năm học mẫu: 3 nhiệm vụ đã giao, có đơn vị đã báo cáo tiến độ.")
