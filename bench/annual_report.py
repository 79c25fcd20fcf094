"""Bench: the office's full annual report PDF at 10× the demo district, against WeasyPrint alone.

    .venv/bin/python bench/annual_report.py [--scale 10] [--repeat 3] [--reuse]

Builds its own database (SQLite file in /tmp unless DATABASE_URL is set: use a throw-away
database whose name contains "bench"): `seed_demo`, then every record of the modules (people of
the household register, centre activities, learning-society subjects and their assessments)
copied until there are `--scale` times as many. Then it times
  portal   = gathering every block from the modules + rendering the template + WeasyPrint
             (what "Tải PDF" / the background job does for a draft)
  baseline = WeasyPrint rendering the same final HTML alone
(VACUUM ANALYZE after the copies on PostgreSQL; both PDFs' text checked equal) and prints portal ÷
baseline (target ≤ 1.5: gathering the figures costs little next to drawing the pages), the page
count and the absolute seconds.
"""

import argparse
import os
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gdtx_portal.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_annual_report.sqlite3")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BATCH = 5000


def scale_up(times: int) -> dict:
    from django.db import transaction

    from centers.models import Activity
    from learning_society.models import Assessment, Subject
    from literacy.models import Person

    with transaction.atomic():
        people = list(Person.objects.all())
        for _copy in range(times - 1):
            for row in people:
                row.pk = None
            Person.objects.bulk_create(people, batch_size=BATCH)
        activities = list(Activity.objects.all())
        for _copy in range(times - 1):
            for row in activities:
                row.pk = None
            Activity.objects.bulk_create(activities, batch_size=BATCH)
        subjects = list(Subject.objects.all())
        assessments = list(Assessment.objects.all())
        for _copy in range(times - 1):
            old_to_new = {}
            for row in subjects:
                old = row.pk
                row.pk = None
                row.source_ref = ""
                old_to_new[old] = row
            Subject.objects.bulk_create(subjects, batch_size=BATCH)
            for row in assessments:
                row.pk = None
                row.subject_id = old_to_new[row.subject_id].pk
                row.decision_id = None
            Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    return {
        "people": Person.objects.count(),
        "activities": Activity.objects.count(),
        "subjects": Subject.objects.count(),
        "assessments": Assessment.objects.count(),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="time again on the database the last run built")
    parser.add_argument("--smoke", action="store_true", help="A tiny run (CI): the demo as seeded, once")
    args = parser.parse_args()
    if args.smoke:
        args.scale, args.repeat = 1, 1

    started = time.perf_counter()
    if args.reuse:
        import django

        django.setup()
    else:
        from bench.database import analyze, fresh_database

        fresh_database(seed=True)
        sizes = scale_up(args.scale)
        analyze()
        print(f"data: {sizes} (built in {time.perf_counter() - started:.0f} s)")

    from django.template.loader import render_to_string
    from pypdf import PdfReader

    from annual.models import AnnualReport
    from annual.services import annual_report_create
    from annual.views.reports import DOCUMENT_TEMPLATE, document_context
    from documents.pdf import DOCUMENT_BASE_URL, render_official_pdf, render_pdf
    from units.models import Membership, Role

    officer = Membership.objects.filter(role=Role.OFFICE_OFFICER).select_related("user", "unit").first()
    report = AnnualReport.objects.filter(office=officer.unit, status="draft").first() or annual_report_create(
        actor=officer.user, office=officer.unit, school_year=2025
    )
    report.narrative = {
        "situation": "Huyện có các xã, thị trấn với các trung tâm học tập cộng đồng.\n" * 3,
        "assessment": "Ưu điểm, hạn chế, nhiệm vụ năm học tới và đề xuất.\n" * 3,
    }
    report.save()

    portal_times, baseline_times = [], []
    pdf = b""
    for _round in range(args.repeat):
        t0 = time.perf_counter()
        context = document_context(report)
        pdf = render_official_pdf(DOCUMENT_TEMPLATE, context)
        portal_times.append(time.perf_counter() - t0)
        html = render_to_string(DOCUMENT_TEMPLATE, {**context, "for_pdf": True, "preview": False})
        t0 = time.perf_counter()
        baseline_pdf = render_pdf(html, DOCUMENT_BASE_URL)
        baseline_times.append(time.perf_counter() - t0)
        # The two times are of the same document: every page's text (the figures) the same in both.
        texts = [[page.extract_text() for page in PdfReader(BytesIO(doc)).pages] for doc in (pdf, baseline_pdf)]
        assert texts[0] == texts[1], "the portal's PDF and WeasyPrint's of the same HTML differ"
    portal, baseline = min(portal_times), min(baseline_times)
    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(f"portal (gather + render + WeasyPrint): {portal:.2f} s")
    print(f"baseline (WeasyPrint on the same HTML): {baseline:.2f} s")
    print(f"pages: {pages}")
    print(f"ratio portal / baseline = {portal / baseline:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
