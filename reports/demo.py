"""Demo data of the reports core (called by `manage.py seed_demo`): the standard forms, periods of
the current school year and submissions in every state, so each page has something to show."""

import datetime

from django.utils import timezone

from units.calendar import current_school_year
from units.models import Membership, Role, Unit, UnitKind, today

from . import services
from .models import ReportForm, ReportingPeriod, Submission


def _officer(office: Unit):
    membership = (
        Membership.objects.active_on().filter(unit=office, role=Role.OFFICE_OFFICER).select_related("user").first()
    )
    return membership.user if membership else None


def _open(office, actor, code, label, *, start, end, open_date, due, lock, kinds, stdout):
    form = ReportForm.objects.filter(owner__isnull=True, code=code, status=ReportForm.Status.PUBLISHED).order_by(
        "-version"
    )[0]
    existing = ReportingPeriod.objects.filter(owner=office, form__code=code, label=label).first()
    if existing:
        return existing, False
    period = services.period_open(
        actor=actor,
        form=form,
        owner=office,
        label=label,
        start_date=start,
        end_date=end,
        open_date=open_date,
        due_date=due,
        lock_date=lock,
        kinds=kinds,
        allow_past_due=True,
    )
    stdout.write(f"  Kỳ báo cáo: {form.title} — {label} ({period.submissions.count()} đơn vị)")
    return period, True


def _fill(submission: Submission, values: dict) -> Submission:
    return services.submission_save(
        actor=None,
        submission=submission,
        raw_values=values,
        expected_version=submission.version,
        comment="Số liệu mẫu.",
    )


def _week_values(i: int) -> dict:
    return {
        "H01.SL": "1",
        "H01.TS": str(80 + 15 * i),
        "H01.NU": str(40 + 8 * i),
        "H03.SL": str(2 + i % 3),
        "H03.TS": str(60 + 10 * i),
        "H03.NU": str(30 + 5 * i),
        "H04.SL": "1",
        "H04.TS": str(25 + 3 * i),
        "H04.NU": str(12 + i),
        "H08.SL": str(1 + i % 4),
    }


def seed(*, office: Unit, stdout) -> None:
    created, _kept = services.standard_forms_load()
    if created:
        stdout.write(f"  Biểu mẫu chuẩn: nạp {len(created)} biểu mẫu.")
    actor = _officer(office)
    year = current_school_year()
    label = f"Năm học {year}-{year + 1}"
    tthtcd, _ = _open(
        office,
        actor,
        "TTHTCD-NAM",
        label,
        start=datetime.date(year, 9, 1),
        end=datetime.date(year + 1, 5, 20),
        open_date=today(),
        due=datetime.date(year + 1, 5, 20),
        lock=datetime.date(year + 1, 6, 30),
        kinds=[UnitKind.CENTRE],
        stdout=stdout,
    )
    _open(
        office,
        actor,
        "TRUONG-GDTX",
        label,
        start=datetime.date(year, 9, 1),
        end=datetime.date(year + 1, 5, 31),
        open_date=today(),
        due=datetime.date(year + 1, 5, 31),
        lock=datetime.date(year + 1, 6, 30),
        kinds=[UnitKind.SCHOOL],
        stdout=stdout,
    )
    week_due = datetime.date(year, 10, 15)
    week, week_new = _open(
        office,
        actor,
        "HTSD-TUAN",
        f"Tuần lễ học tập suốt đời {year}",
        start=datetime.date(year, 10, 1),
        end=datetime.date(year, 10, 7),
        open_date=datetime.date(year, 10, 1),
        due=week_due,
        lock=max(week_due, today()) + datetime.timedelta(days=30),
        kinds=[UnitKind.CENTRE, UnitKind.SCHOOL],
        stdout=stdout,
    )
    if week_new:
        _seed_week(week, actor, week_due)
    if tthtcd.submissions.filter(version__gt=0).exists():
        return
    subs = list(tthtcd.submissions.select_related("unit").order_by("unit__path")[:3])
    for i, sub in enumerate(subs):
        _fill(sub, {"A02.SL": str(2 + i), "A02.TS": str(90 + 20 * i), "A02.NU": str(45 + 9 * i), "E01.TS": "Khá"})


def _seed_week(period: ReportingPeriod, actor, due: datetime.date) -> None:
    """Past period: most approved on time, one late, one returned, the rest missing."""
    subs = list(period.submissions.select_related("unit").order_by("unit__path"))
    on_time = timezone.make_aware(datetime.datetime.combine(due - datetime.timedelta(days=3), datetime.time(9)))
    late = timezone.make_aware(datetime.datetime.combine(due + datetime.timedelta(days=4), datetime.time(15)))
    for i, sub in enumerate(subs[: max(1, len(subs) * 2 // 3)]):
        sub = _fill(sub, _week_values(i))
        sub = services.submission_submit(actor=None, submission=sub, expected_version=sub.version, stale_confirmed=True)
        when = late if i == 1 else on_time
        Submission.objects.filter(pk=sub.pk).update(submitted_at=when, first_submitted_at=when)
        if i == 2:
            services.submission_return(
                actor=actor, submission=sub, reason="Số lượt người tham gia chưa khớp với danh sách, đề nghị rà soát."
            )
        elif i % 2 == 0 or i == 1:
            services.submission_approve(actor=actor, submission=sub)
