"""Faults, for real: the task worker killed in the middle of a household import, and PostgreSQL
restarted while people are using the site (issue 8).

    .venv/bin/python bench/faults.py [--rows 20000] [--no-restart]

!! Part (b) RESTARTS THE WHOLE POSTGRESQL CLUSTER on this machine
   (`pg_ctlcluster --skip-systemctl-redirect <version> main restart`): every database and every
   client of it (other people's tests, other services) sees its connections dropped. Run it as
   root or postgres, on a development or staging machine, and not in a loop. --no-restart skips it.

Creates a throw-away PostgreSQL database gdtx_bench_faults (127.0.0.1:5432, user postgres; override
with BENCH_PG=postgres://...), migrates it, collects static files, then starts gunicorn and
`manage.py run_worker` with the PRODUCTION settings. The script talks to 127.0.0.1 only.

(a) The worker killed in the middle of an import (literacy's importer, a generated workbook of
    --rows people, made as bench/import_households.py does):
    a1  SIGKILL when the job's bar passes 50 % (checking the rows); worker left down; the owner's
        progress page (polled through gunicorn, as the browser does) shows "Lỗi … Hãy chạy lại"
        after how many seconds; people and households written: expect 0.
    a2  "Chạy lại" pressed through the web; SIGKILL while the rows are being written, inside the
        import's single transaction (the table's file has grown by the row versions written so
        far); rows visible: expect 0; the worker restarted; seconds until the job shows FAILED.
    a3  "Chạy lại" once more with the worker running: the import completes, all rows are there.
(b) PostgreSQL restarted while 4 logged-in users load pages in a loop: how many requests failed,
    with which status (503 is the portal's "Máy chủ dữ liệu đang khởi động lại" page), seconds
    from the restart until the first 200, whether the worker survived (it runs a job afterwards).
"""

import argparse
import http.client
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORT = 8766
USERNAME, PASSWORD = "bench.faults", "Bench@faults-2026"
BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "gdtx_bench_faults"
LOGS = Path("/tmp/bench_faults")

ENV = dict(
    os.environ,
    DATABASE_URL=f"{BASE}/{DB_NAME}",
    DJANGO_SETTINGS_MODULE="gdtx_portal.settings.production",
    SECRET_KEY=secrets.token_urlsafe(60),
    ALLOWED_HOSTS="127.0.0.1",
    SECURE_SSL_REDIRECT="false",
    LOG_LEVEL="WARNING",
    CONN_MAX_AGE="60",
    MEDIA_ROOT=str(LOGS / "media"),
    AXES_ENABLED="false",  # the bench logs in many times from one address
    DJANGO_ALLOW_ASYNC_UNSAFE="true",
)
os.environ.update(ENV)


def sh(cmd):
    result = subprocess.run(cmd, env=ENV, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Client:
    """A browser of one user: cookies, one keep-alive connection to 127.0.0.1, behind the 'proxy'."""

    def __init__(self):
        self.cookies = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)

    def request(self, method, path, data=None):
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Referer": f"https://127.0.0.1{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urlencode(data) if data is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            content = response.read().decode("utf-8", "replace")
        except Exception:
            self.conn.close()
            raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, response.getheader("Location", ""), content

    def csrf(self, html):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    def login(self):
        _, _, html = self.request("GET", "/tai-khoan/dang-nhap/")
        data = {"csrfmiddlewaretoken": self.csrf(html), "username": USERNAME, "password": PASSWORD}
        status, _, _ = self.request("POST", "/tai-khoan/dang-nhap/", data)
        if status != 302:
            sys.exit(f"could not log in through gunicorn (status {status})")
        return self

    def post_form(self, page, action):
        _, _, html = self.request("GET", page)
        return self.request("POST", action, {"csrfmiddlewaretoken": self.csrf(html)})


# Processes ----------------------------------------------------------------------------------------


def start_worker(n):
    log = open(LOGS / f"worker-{n}.log", "w")  # noqa: SIM115 (lives as long as the worker)
    return subprocess.Popen(
        [PY, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload"],
        env=ENV,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_gunicorn():
    log = open(LOGS / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [GUNICORN, "gdtx_portal.wsgi", "-w", "3", "-b", f"127.0.0.1:{PORT}", "--timeout", "60"],
        env=ENV,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start; see /tmp/bench_faults/gunicorn.log")


def stop(process):
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Database helpers (this process uses the ORM on the same database) --------------------------------


def fresh():
    sh(["psql", f"{BASE}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB_NAME}"])
    sh(["psql", f"{BASE}/postgres", "-qc", f"CREATE DATABASE {DB_NAME}"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


def job_row(pk):
    from django.db import connections

    from jobs.models import Job

    for _ in range(50):
        try:
            return Job.objects.get(pk=pk)
        except Exception:  # the database is restarting: reconnect
            connections.close_all()
            time.sleep(0.2)
    raise RuntimeError("database unreachable")


def imported_rows(survey_round):
    from literacy.models import Household, Person

    return Person.objects.filter(round=survey_round).count(), Household.objects.filter(round=survey_round).count()


def person_table_bytes():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size('literacy_person')")
        return cursor.fetchone()[0]


def wait_until(condition, seconds=600, every=0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError("gave up waiting")


# (a) ----------------------------------------------------------------------------------------------


def prepare():
    """The bench's user (owner of the jobs), an office with a commune of hamlets, an open survey round."""
    from bench.import_households import make_units, new_round
    from units.models import User

    User.objects.create_superuser(username=USERNAME, email="bench@example.vn", password=PASSWORD, full_name="Bench")
    office, commune, _hamlets = make_units()
    return User.objects.get(username=USERNAME), commune, new_round(office, 0)


def part_a(rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bench.import_households import make_workbook
    from literacy import import_batches

    admin, commune, survey_round = prepare()
    print(f"(a) generating a workbook of {rows:,} people...", flush=True)
    data = make_workbook(rows)
    upload = SimpleUploadedFile("ho-gia-dinh.xlsx", data)
    batch = import_batches.batch_create(actor=admin, survey_round=survey_round, commune=commune, upload=upload)
    print(f"    {len(data) / 1e6:.1f} MB; gunicorn and the worker start", flush=True)

    server = start_gunicorn()
    web = Client().login()
    results = {}
    worker = start_worker(1)
    try:
        # a1: kill at 50 % of the bar, leave the worker down, watch the owner's page.
        job = import_batches.start_job(batch, "commit")
        wait_until(lambda: job_row(job.pk).percent >= 50)
        worker.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        worker.wait()
        at = job_row(job.pk)
        people, households = imported_rows(survey_round)
        print(
            f"a1  worker SIGKILLed at {at.percent} % ({at.message!r}); rows written: {people} people, "
            f"{households} households",
            flush=True,
        )

        def page_shows_failure():
            status, _, html = web.request("GET", f"/viec/{job.pk}/tien-do/")
            return status == 200 and "bị gián đoạn" in html and "Chạy lại" in html

        wait_until(page_shows_failure, every=1.0)  # the page polls every second
        results["a1_page_seconds"] = time.monotonic() - killed_at
        results["a1_rows"] = people + households
        print(
            f"    the owner's progress page shows 'Lỗi … Hãy chạy lại' {results['a1_page_seconds']:.1f} s after "
            f"the kill (worker still down); job status {job_row(job.pk).status}",
            flush=True,
        )

        # a2: "Chạy lại" through the web; kill inside the write transaction; restart the worker.
        status, location, _ = web.post_form(f"/viec/{job.pk}/", f"/viec/{job.pk}/chay-lai/")
        retry_pk = location.rstrip("/").split("/")[-1]
        worker = start_worker(2)
        wait_until(lambda: "Đang ghi" in job_row(retry_pk).message)
        before = person_table_bytes()
        written_at = time.monotonic()
        wait_until(lambda: person_table_bytes() - before > 2_000_000 or time.monotonic() - written_at > 20, every=0.1)
        grown = person_table_bytes() - before
        worker.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        worker.wait()
        people, households = imported_rows(survey_round)
        results["a2_rows"] = people + households
        print(
            f"a2  retried via 'Chạy lại' ({status}); SIGKILL {killed_at - written_at:.1f} s into the import's "
            f"transaction, after {grown / 1e6:.1f} MB of uncommitted person rows; rows visible now: {people} "
            f"people, {households} households",
            flush=True,
        )
        restarted_at = time.monotonic()
        worker = start_worker(3)
        wait_until(lambda: job_row(retry_pk).status == "failed")
        results["a2_restart_seconds"] = time.monotonic() - restarted_at
        print(
            f"    worker restarted; the job shows FAILED {results['a2_restart_seconds']:.1f} s later "
            f"({job_row(retry_pk).message!r})",
            flush=True,
        )

        # a3: retry once more with the worker up: the whole file lands.
        status, location, _ = web.post_form(f"/viec/{retry_pk}/", f"/viec/{retry_pk}/chay-lai/")
        final_pk = location.rstrip("/").split("/")[-1]
        started = time.monotonic()
        wait_until(lambda: job_row(final_pk).is_finished)
        final = job_row(final_pk)
        people, households = imported_rows(survey_round)
        results["a3_status"], results["a3_people"] = final.status, people
        print(
            f"a3  'Chạy lại' with the worker up: {final.status} in {time.monotonic() - started:.1f} s "
            f"({final.message!r}); {people:,} people, {households:,} households",
            flush=True,
        )
    finally:
        stop(worker)
    return server, web, results


# (b) ----------------------------------------------------------------------------------------------


def part_b(server, users=4):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connections

    from bench.import_households import make_workbook
    from literacy import import_batches
    from literacy.models import SurveyRound
    from units.models import Unit, User

    version = sorted(os.listdir("/etc/postgresql"))[-1]
    worker = start_worker(4)
    # An import that is running when the database goes away.
    admin = User.objects.get(username=USERNAME)
    commune = Unit.objects.get(code="BX1")
    survey_round = SurveyRound.objects.first()
    rows_before = imported_rows(survey_round)
    big = import_batches.batch_create(
        actor=admin,
        survey_round=survey_round,
        commune=commune,
        upload=SimpleUploadedFile("giua-chung.xlsx", make_workbook(12000)),
    )
    caught = import_batches.start_job(big, "commit")
    wait_until(lambda: job_row(caught.pk).percent >= 10, seconds=120)
    clients = [Client().login() for _ in range(users)]
    log, stop_event = [], threading.Event()
    lock = threading.Lock()

    def loop(client):
        while not stop_event.is_set():
            began = time.monotonic()
            try:
                status = client.request("GET", "/")[0]
            except Exception as exc:
                status = type(exc).__name__
                time.sleep(0.2)
            with lock:
                log.append((began, time.monotonic(), status))

    threads = [threading.Thread(target=loop, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    time.sleep(3)
    print(f"(b) restarting PostgreSQL {version}/main while {users} users load the home page...", flush=True)
    restart_began = time.monotonic()
    sh(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"])
    restart_done = time.monotonic()

    def ok_since_restart_returned():
        with lock:
            return any(began >= restart_done and status == 200 for began, _, status in log)

    wait_until(ok_since_restart_returned, seconds=120)
    time.sleep(5)
    stop_event.set()
    for thread in threads:
        thread.join(timeout=40)

    # Times relative to the moment the restart command began.
    since = sorted((b - restart_began, e - restart_began, s) for b, e, s in log if e >= restart_began)
    fails = [(b, e, s) for b, e, s in since if s != 200]
    failed = Counter(str(s) for _, _, s in fails)
    command = restart_done - restart_began
    print(f"    restart command took {command:.1f} s; {len(log)} requests in all, {len(since)} from the restart on")
    print(f"    failed: {len(fails)} {dict(failed)}")
    if fails:
        first_fail, last_fail = fails[0][0], max(e for _, e, _ in fails)
        first_ok = min((e for b, e, s in since if s == 200 and b >= fails[0][1]), default=float("nan"))
        print(
            f"    first failure began {first_fail:.1f} s after the restart began; first 200 after it "
            f"at {first_ok:.1f} s; last failure ended at {last_fail:.1f} s ({last_fail - command:+.1f} s after the "
            f"command returned)"
        )
    else:
        first_ok = last_fail = 0.0
    after = [s for b, _, s in since if b > (last_fail if fails else 0)]
    print(f"    requests after the last failure: {len(after)}, {dict(Counter(str(s) for s in after))}")
    wait_until(lambda: job_row(caught.pk).is_finished, seconds=120)
    caught = job_row(caught.pk)
    connections.close_all()
    rows_after = imported_rows(survey_round)
    print(
        f"    the import running during the restart: {caught.status} ({caught.message!r}); "
        f"people/households before {rows_before}, after {rows_after}"
    )

    # The worker survived the restart: a small import check runs to the end.
    batch = import_batches.batch_create(
        actor=admin,
        survey_round=survey_round,
        commune=commune,
        upload=SimpleUploadedFile("nho.xlsx", make_workbook(200)),
    )
    alive = worker.poll() is None
    started = time.monotonic()
    job = import_batches.start_job(batch, "check")
    try:
        wait_until(lambda: job_row(job.pk).is_finished, seconds=60)
        outcome = f"{job_row(job.pk).status} in {time.monotonic() - started:.1f} s"
    except TimeoutError:
        outcome = "not run within 60 s"
    print(f"    worker alive after the restart: {alive}; a job queued afterwards: {outcome}")
    stop(worker)
    return {
        "b_restart_command_s": round(command, 1),
        "b_failed": len(fails),
        "b_statuses": dict(failed),
        "b_first_200_after_failure_s": round(first_ok, 1),
        "b_last_failure_s": round(last_fail, 1),
        "b_after": dict(Counter(str(s) for s in after)),
        "b_worker": outcome,
        "b_caught_job": caught.status,
        "b_caught_rows_added": [a - b for a, b in zip(rows_after, rows_before, strict=True)],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--no-restart", action="store_true", help="skip (b), which restarts PostgreSQL")
    parser.add_argument("--restart-only", action="store_true", help="skip (a)")
    args = parser.parse_args()
    LOGS.mkdir(parents=True, exist_ok=True)
    print(f"Preparing the throw-away database {DB_NAME}...", flush=True)
    fresh()
    server, results = None, {}
    try:
        if args.restart_only:
            prepare()
            server = start_gunicorn()
        else:
            server, _web, results = part_a(args.rows)
        if not args.no_restart:
            results.update(part_b(server))
    finally:
        stop(server)
    print("\nsummary:", results)
    nothing_partial = results.get("a1_rows", 0) == 0 and results.get("a2_rows", 0) == 0
    ok = nothing_partial and results.get("a3_status", "done") == "done"
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
