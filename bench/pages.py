"""Server time and queries of each page of the journeys, in-process, no HTTP in between.

    .venv/bin/python bench/pages.py [--repeat 20] [--database gdtx_bench_load] [--profile PAGE] [--sql PAGE]

Runs against the database bench/load.py seeded (gdtx_bench_load on 127.0.0.1:5432; override the
server with BENCH_PG=postgres://..., the name with --database) with the PRODUCTION settings (DEBUG
off, cached template loader), through Django's test client logged in as the demo principal, the
demo officer and the demo centre director. For each page prints the mean, the best and the 95th
percentile time (and CPU time) over --repeat requests (after one warm-up request) and the number of SQL queries;
--profile PAGE prints the cProfile of that page (cumulative time, top 40), --sql PAGE its queries.
Load tells how the server copes with many users; this tells where a page's time goes.

bench/scale.py measures with the same functions (configure, journeys, measure) at demo size and at
province size.
"""

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PRINCIPAL, OFFICER, DIRECTOR = "demo.hieutruong", "demo.chuyenvien", "demo.giamdoc"


def configure(database: str) -> None:
    """Production settings on `database` (PostgreSQL at BENCH_PG), then django.setup()."""
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    os.environ.update(
        DATABASE_URL=f"{base}/{database}",
        DJANGO_SETTINGS_MODULE="gdtx_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()


def ensure_static() -> None:
    """The production storage names files by their hash from the manifest collectstatic writes."""
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", "--no-input", verbosity=0)


def journeys(*, extra: bool = False) -> list[tuple[str, str, str]]:
    """(journey, username, path) of every page of the principal's, the officer's and the centre
    director's journeys; with `extra`, the officer's whole-office pages too (the literacy standard,
    the learning-society index and statistics, the recognised list)."""
    from django.urls import reverse

    from annual.models import AnnualReport
    from annual.services import annual_report_create
    from centers.models import Activity
    from reports.models import Submission
    from units.calendar import current_school_year
    from units.models import User
    from units.selectors import active_memberships

    principal = User.objects.get(username=PRINCIPAL)
    units = [m.unit_id for m in active_memberships(principal)]
    subs = Submission.objects.filter(unit_id__in=units).order_by("-period_id", "-pk")
    sub = subs.filter(status__in=["draft", "returned"]).first() or subs.first()
    officer = User.objects.get(username=OFFICER)
    office = next(m.unit for m in active_memberships(officer))
    director = User.objects.get(username=DIRECTOR)
    centre = next(m.unit for m in active_memberships(director))
    activity = Activity.objects.filter(centre=centre).order_by("-start_date", "-pk").first()
    # A report a unit sent in that period, as the officer opens it to review.
    sent = Submission.objects.filter(status__in=["submitted", "approved"], unit__path__startswith=office.path)
    sent = sent.order_by("-period_id", "pk").first()
    annual = AnnualReport.objects.filter(office=office, draft__isnull=True).order_by("-school_year").first()
    if annual is None:  # the demo has none: the officer's draft for the year just finished, as the journey starts it
        annual = annual_report_create(actor=officer, office=office, school_year=current_school_year() - 1)
    pages = [
        ("principal", PRINCIPAL, "home", "/"),
        ("principal", PRINCIPAL, "inbox", "/bao-cao/can-nop/"),
        ("principal", PRINCIPAL, "open report", f"/bao-cao/bao-cao/{sub.pk}/"),
        ("officer", OFFICER, "home", "/"),
        ("officer", OFFICER, "periods", reverse("reports:period_list")),
        ("officer", OFFICER, "board", f"/bao-cao/ky/{sub.period_id}/"),
        ("officer", OFFICER, "period units", reverse("reports:period_units", args=[sub.period_id])),
        ("officer", OFFICER, "roll-up", f"/bao-cao/ky/{sub.period_id}/tong-hop/"),
        ("officer", OFFICER, "unit tree", "/don-vi/"),
        ("officer", OFFICER, "centres", reverse("centers:index")),
        ("director", DIRECTOR, "home", "/"),
        ("director", DIRECTOR, "inbox", "/bao-cao/can-nop/"),
        ("director", DIRECTOR, "centre", f"/trung-tam/{centre.pk}/"),
        ("director", DIRECTOR, "activities", f"/trung-tam/{centre.pk}/hoat-dong/"),
        ("director", DIRECTOR, "funding", reverse("centers:funding", args=[centre.pk])),
        ("director", DIRECTOR, "yearly report", reverse("centers:report", args=[centre.pk])),
    ]
    if sent is not None:
        pages.append(("officer", OFFICER, "sent report", reverse("reports:submission", args=[sent.pk])))
    if annual is not None:
        pages.append(("officer", OFFICER, "annual report", reverse("annual:detail", args=[annual.pk])))
    if activity is not None:
        pages.append(("director", DIRECTOR, "activity", f"/trung-tam/hoat-dong/{activity.pk}/"))
    if extra:
        pages += [
            ("officer", OFFICER, "literacy standard", f"/xoa-mu-chu/chuan/{office.pk}/"),
            ("officer", OFFICER, "LS index", "/xa-hoi-hoc-tap/"),
            ("officer", OFFICER, "LS statistics", "/xa-hoi-hoc-tap/thong-ke/"),
            ("officer", OFFICER, "recognised list", "/xa-hoi-hoc-tap/da-cong-nhan/"),
        ]
    return [(journey, username, name, path) for journey, username, name, path in pages]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def measure(pages, repeat: int, *, profile: str = "", sql: str = "", out=print) -> list[dict]:
    """Each page: one warm-up request (templates, form specs, connection), one counted request
    (its queries and their time), then `repeat` timed requests. Returns one dict per page."""
    from django.db import connection
    from django.test import Client

    from units.models import User

    clients, rows = {}, []
    for journey, username, name, path in pages:
        if journey not in clients:
            clients[journey] = Client(secure=True)
            clients[journey].force_login(User.objects.get(username=username))
        client = clients[journey]
        page = f"{journey}/{name}"
        response = client.get(path)
        assert response.status_code == 200, (page, response.status_code)
        queries = []  # an execute wrapper, not CaptureQueriesContext: each request resets queries_log

        def record(execute, sql_text, params, many, context, queries=queries):
            start = time.perf_counter()
            try:
                return execute(sql_text, params, many, context)
            finally:
                queries.append((time.perf_counter() - start, sql_text))

        with connection.execute_wrapper(record):
            client.get(path)
        times, cpu = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert response.status_code == 200, page
        row = {
            "page": page,
            "path": path,
            "mean": statistics.mean(times) * 1000,
            "best": min(times) * 1000,
            "p95": p95(times) * 1000,
            "cpu": p95(cpu) * 1000,
            "queries": len(queries),
            "sql": sum(t for t, _ in queries) * 1000,
        }
        rows.append(row)
        out(
            f"{page:28s} {row['mean']:8.1f} {row['best']:8.1f} {row['p95']:8.1f} {row['cpu']:8.1f} "
            f"{row['queries']:8d} {row['sql']:8.1f}"
        )
        if sql == page:
            for seconds, text in queries:
                out(f"   {seconds * 1000:6.2f} ms  {text[:400]}")
        if profile == page:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(repeat):
                client.get(path)
            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative"))  # SORT=tottime
            stats.print_stats(int(os.environ.get("TOP", 40)))
    return rows


# CPU ms: the p95 of this process's CPU time per request (Python: views, templates, the driver), which
# other work on a shared machine does not inflate as it does the wall-clock times; SQL ms: the
# counted request's time waiting on PostgreSQL.
HEADER = f"{'page':28s} {'mean ms':>8s} {'best ms':>8s} {'p95 ms':>8s} {'CPU ms':>8s} {'queries':>8s} {'SQL ms':>8s}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database", default="gdtx_bench_load")
    parser.add_argument("--extra", action="store_true", help="also the whole-office pages (standard, LS, recognised)")
    parser.add_argument("--profile", default="", help='a page name, e.g. "officer/home"')
    parser.add_argument("--sql", default="", help='a page name, e.g. "principal/inbox"')
    args = parser.parse_args()
    configure(args.database)
    ensure_static()
    print(HEADER)
    measure(journeys(extra=args.extra), args.repeat, profile=args.profile, sql=args.sql)


if __name__ == "__main__":
    main()
