"""Server time and queries of each page of the load journeys, in-process, no HTTP in between.

    .venv/bin/python bench/pages.py [--repeat 20] [--profile PAGE] [--sql PAGE]

Runs against the database bench/load.py seeded (gdtx_bench_load on 127.0.0.1:5432; override with
BENCH_PG=postgres://...) with the PRODUCTION settings (DEBUG off, cached template loader), through
Django's test client logged in as the demo principal and the demo officer. For each page prints the
mean and the best time over --repeat requests (after one warm-up request) and the number of SQL
queries; --profile PAGE prints the cProfile of that page (cumulative time, top 40), --sql PAGE
its queries. Load tells how the server copes with many users; this tells where a page's time goes.
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
sys.path.insert(0, str(ROOT))

base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
os.environ.update(
    DATABASE_URL=f"{base}/gdtx_bench_load",
    DJANGO_SETTINGS_MODULE="gdtx_portal.settings.production",
    SECRET_KEY=secrets.token_urlsafe(60),
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="false",
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from reports.models import Submission  # noqa: E402
from units.models import User  # noqa: E402
from units.selectors import active_memberships  # noqa: E402

PRINCIPAL, OFFICER = "demo.hieutruong", "demo.chuyenvien"


def journeys():
    principal = User.objects.get(username=PRINCIPAL)
    units = [m.unit_id for m in active_memberships(principal)]
    subs = Submission.objects.filter(unit_id__in=units).order_by("-period_id", "-pk")
    sub = subs.filter(status__in=["draft", "returned"]).first() or subs.first()
    officer = User.objects.get(username=OFFICER)
    return [
        ("principal", principal, "home", "/"),
        ("principal", principal, "inbox", "/bao-cao/can-nop/"),
        ("principal", principal, "open report", f"/bao-cao/bao-cao/{sub.pk}/"),
        ("officer", officer, "home", "/"),
        ("officer", officer, "board", f"/bao-cao/ky/{sub.period_id}/"),
        ("officer", officer, "roll-up", f"/bao-cao/ky/{sub.period_id}/tong-hop/"),
        ("officer", officer, "unit tree", "/don-vi/"),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", default="", help='a page name, e.g. "officer/home"')
    parser.add_argument("--sql", default="", help='a page name, e.g. "principal/inbox"')
    args = parser.parse_args()

    clients = {}
    print(f"{'page':24s} {'mean ms':>8s} {'best ms':>8s} {'queries':>8s} {'SQL ms':>8s}")
    for journey, user, name, path in journeys():
        if journey not in clients:
            clients[journey] = Client(secure=True)
            clients[journey].force_login(user)
        client = clients[journey]
        page = f"{journey}/{name}"
        assert client.get(path).status_code == 200, page  # warm-up: templates, form specs, connection
        queries = []  # an execute wrapper, not CaptureQueriesContext: each request resets queries_log

        def record(execute, sql, params, many, context, queries=queries):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append((time.perf_counter() - start, sql))

        with connection.execute_wrapper(record):
            client.get(path)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, page
        sql_ms = sum(t for t, _ in queries) * 1000
        mean_ms, best_ms = statistics.mean(times) * 1000, min(times) * 1000
        print(f"{page:24s} {mean_ms:8.1f} {best_ms:8.1f} {len(queries):8d} {sql_ms:8.1f}")
        if args.sql == page:
            for seconds, sql in queries:
                print(f"   {seconds * 1000:6.2f} ms  {sql[:400]}")
        if args.profile == page:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.repeat):
                client.get(path)
            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative"))  # SORT=tottime
            stats.print_stats(int(os.environ.get("TOP", 40)))


if __name__ == "__main__":
    main()
