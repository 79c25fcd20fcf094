"""Load: 50 people at once through the principal's and the officer's journeys, for 60 seconds.

    .venv/bin/python bench/load.py [--users 50] [--duration 60] [--think 2,5] [--ramp 10]
                                   [--workers N] [--reuse] [--no-warmup]

Creates a throw-away PostgreSQL database gdtx_bench_load (--database; 127.0.0.1:5432, user postgres; override
with BENCH_PG=postgres://...), migrates and seeds it with `seed_demo`, collects static files, then
starts gunicorn with the PRODUCTION settings and the production gunicorn configuration
(gdtx_portal/gunicorn.conf.py; --workers overrides its worker count) on 127.0.0.1 (the client
sends X-Forwarded-Proto: https as the office's reverse proxy would, so secure cookies and HSTS
behave as in production).

Half the simulated users are principals (log in, home, inbox, open their report, save a draft),
half are officers (log in, home, the period board, the roll-up, the unit tree); each logs in once
and then loops through the journey's pages until the time is up.

Think time and ramp-up. A person in an office reads a page before the next click: the inbox, a
board, a grid of figures. Each simulated user therefore waits a random 2–5 s (--think MIN,MAX,
uniform; what locust calls `wait_time = between(2, 5)`) after every page, the login page included
(typing the password), and the users start spread evenly over the first 10 s (--ramp), not all in
the same millisecond. Without think time the test is a closed loop of 50 clients firing back to
back: by Little's law (users = throughput × (response time + think time)) the response time is
then users / throughput whatever the server does; 50 users on a server doing 25 requests/s wait
2 s per page, and a faster server only raises the throughput the clients eat. With think time the
offered load is about users / (think + response) ≈ 50 / 3.5 s ≈ 14 requests/s, which is what 50
real people produce, and the response time measures the server, not the queue the test builds.
`--think 0` restores the back-to-back stress test (a throughput ceiling, not a latency figure).
Before the clock starts, principals and officers click through every page from more concurrent
connections than the workers have threads, until every gunicorn worker has done a page's worth of
work itself (its CPU time in /proc grows: the per-worker marker; the line "warmed up (5 of 5
workers)" says how many), so the test meets a server that has been running (views imported,
templates compiled in each worker), not one booted a second ago; --no-warmup measures the cold
start instead.

One of the users is an editor (issue 20): every 10 s one literacy edit (a person's edit page,
opened and saved) and one learning-society edit (a subject's assessment, saved as a draft), each
of which clears the office's cached panels and refreshes kept counts that the other users meet.

Every request counts, logins included. The login POST hashes the password with the production
hasher, Argon2id with OWASP's parameters (gdtx_portal/hashers.py, ~30 ms of a core here). With
Django's default PBKDF2 (1,000,000 iterations, ~0.35 s of a core) the 50 logins were some 6% of all
requests and 16 CPU-seconds inside the 10 s ramp: they alone held the overall p95 above 300 ms and
queued the first pages behind them (measured 2026-11-23: p95 5.4 s with PBKDF2, 96 ms with Argon2id).
The "300 ms or more, by page" line shows what the tail is made of. Prints
requests/s, p50/p95/p99 per journey and overall and per page, and the error count (any status
>= 500, a connection error, or an unexpected status). A 409 on "save draft" is the portal
telling a principal that a colleague saved first (several threads share one school's report):
counted apart, not an error. Only 127.0.0.1 is ever contacted.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_forms import main_form  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
GUNICORN_CONF = str(ROOT / "gdtx_portal" / "gunicorn.conf.py")
DEMO_PASSWORD = "GDTX@demo2025"
PRINCIPALS = ["demo.hieutruong", "demo.hieutruong.tanphong", "demo.hieutruong.palung", "demo.hieutruong.hoasen"]
OFFICER = "demo.chuyenvien"

FIND_TARGETS = """
import json
from reports.models import Submission
from units.models import User
out = {"submissions": {}}
for username in %r:
    user = User.objects.get(username=username)
    from units.selectors import active_memberships
    units = [m.unit_id for m in active_memberships(user)]
    subs = Submission.objects.filter(unit_id__in=units).order_by("-period_id", "-pk")
    sub = subs.filter(status__in=["draft", "returned"]).first() or subs.first()
    if sub:
        out["submissions"][username] = sub.pk
        out["period"] = sub.period_id
# The editor's targets (issue 20): a person of an open round and a learning-society subject that
# a demo user may change, with that user's name.
from django.core.exceptions import PermissionDenied
from django.http import Http404
from learning_society import access as ls_access
from learning_society.models import Assessment, Subject
from learning_society.selectors import current_year
from literacy import access as literacy_access
from literacy.selectors import persons_visible_to
from rubrics.selectors import rubric_in_force
from units.selectors import units_visible_to


def first_allowed(candidates, check):
    for pk in candidates:
        try:
            check(pk)
            return pk
        except (PermissionDenied, Http404):
            continue
    return None


year = current_year()
for user in User.objects.filter(username__startswith="demo.", is_active=True).order_by("username"):
    if "person" not in out:
        people = persons_visible_to(user).filter(round__status="open").order_by("pk").values_list("pk", flat=True)
        pk = first_allowed(people[:40], lambda pk: literacy_access.get_person_for_user(user, pk, write=True))
        if pk:
            out["person"] = [user.username, pk]
    if "subject" not in out:
        recognised = Assessment.objects.filter(year=year, status=Assessment.Status.RECOGNISED).values("subject")
        subjects = [
            s
            for s in Subject.objects.filter(area__in=units_visible_to(user)).exclude(pk__in=recognised)
            .select_related("area").order_by("pk")[:40]
            if rubric_in_force(s.title, s.area, year)
        ]
        pk = first_allowed(
            [s.pk for s in subjects], lambda pk: ls_access.get_subject_for_user(user, pk, action=ls_access.ENTER)
        )
        if pk:
            out["subject"] = [user.username, pk]
    if "person" in out and "subject" in out:
        break
print("TARGETS" + json.dumps(out))
"""


def sh(cmd, env, **kw):
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, **kw)
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Client:
    """One browser: its own cookies and keep-alive connection to 127.0.0.1 only."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.user = None
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method, path, data=None):
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Referer": f"https://127.0.0.1{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.conn.close()  # gunicorn sync workers close idle connections: reconnect once
                if attempt:
                    raise
            except Exception:
                self.conn.close()  # a timed-out connection cannot be reused: start clean next time
                raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, response.getheader("Location", ""), content.decode("utf-8", "replace")

    def csrf(self, html):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.steps = defaultdict(list)
        self.errors = defaultdict(int)
        self.conflicts = 0
        self.samples = []

    def add(self, journey, step, seconds, ok, status):
        with self.lock:
            self.times[journey].append(seconds)
            self.steps[f"{journey}/{step}"].append(seconds)
            if not ok:
                self.errors[f"{journey}/{step} → {status}"] += 1


class Person:
    """What one simulated user shares between their clicks: the browser, the stop signal and the
    think time after each page."""

    def __init__(self, stats, port, journey, stop, think, seed):
        self.stats, self.journey, self.stop, self.think = stats, journey, stop, think
        self.client = Client(port)
        self.rng = random.Random(seed)

    def page(self, step, method, path, data=None, expect=(200,)):
        """One click: the request, timed, then the time the person spends reading (or typing)."""
        result = timed(self.stats, self.client, self.journey, step, method, path, data, expect)
        low, high = self.think
        if high > 0:
            self.stop.wait(self.rng.uniform(low, high))
        return result

    def login(self, username):
        status, html = self.page("login page", "GET", "/tai-khoan/dang-nhap/")
        if status != 200 or self.stop.is_set():
            return False  # no form, no CSRF cookie: a person would reload the page, not post blind
        data = {"csrfmiddlewaretoken": self.client.csrf(html), "username": username, "password": DEMO_PASSWORD}
        status, _ = self.page("login", "POST", "/tai-khoan/dang-nhap/", data, expect=(302,))
        return status == 302

    def logged_in(self, username):
        if "sessionid" in self.client.cookies:
            return True
        if self.login(username):
            return True
        self.stop.wait(1)
        return False


def timed(stats, client, journey, step, method, path, data=None, expect=(200,)):
    start = time.perf_counter()
    try:
        status, location, html = client.request(method, path, data)
    except Exception as exc:  # a refused or dropped connection is an error the user would see
        stats.add(journey, step, time.perf_counter() - start, False, type(exc).__name__)
        return None, ""
    elapsed = time.perf_counter() - start
    if status == 409 and step == "save draft":
        with stats.lock:
            stats.conflicts += 1
        stats.add(journey, step, elapsed, True, status)
    else:
        stats.add(journey, step, elapsed, status in expect, status)
    return status, html


def principal_journey(person, delay, username, submission):
    # A person logs in once and then works: the loop is the journey's pages, not the password hash.
    if person.stop.wait(delay):
        return
    while not person.stop.is_set():
        if not person.logged_in(username):
            continue
        person.page("home", "GET", "/")
        if not person.stop.is_set():
            person.page("inbox", "GET", "/bao-cao/can-nop/")
        if person.stop.is_set():
            break
        status, html = person.page("open report", "GET", f"/bao-cao/bao-cao/{submission}/")
        if status == 200 and 'id="grid-form"' in html and not person.stop.is_set():
            form = html.split('id="grid-form"', 1)[1].split("</form>", 1)[0]
            data = {"csrfmiddlewaretoken": person.client.csrf(html), "action": "save"}
            for tag in re.findall(r"<input[^>]+>", form):
                name = re.search(r'name="([^"]+)"', tag)
                if name and (name.group(1).startswith("v:") or name.group(1) == "version"):
                    value = re.search(r'value="([^"]*)"', tag)
                    data[name.group(1)] = unescape(value.group(1)) if value else ""
            person.page("save draft", "POST", f"/bao-cao/bao-cao/{submission}/", data, (302,))


def officer_journey(person, delay, period):
    if person.stop.wait(delay):
        return
    while not person.stop.is_set():
        if not person.logged_in(OFFICER):
            continue
        for step, path in [
            ("home", "/"),
            ("board", f"/bao-cao/ky/{period}/"),
            ("roll-up", f"/bao-cao/ky/{period}/tong-hop/"),
            ("unit tree", "/don-vi/"),
        ]:
            if person.stop.is_set():
                break
            person.page(step, "GET", path)


def editor_journey(person, delay, targets, every=10.0):
    """One literacy edit and one learning-society edit every `every` seconds, each as a person does
    it: open the edit page, change one thing, save (a redirect is success). The edits clear the
    office's cached panels and refresh the kept counts, which the other users then meet."""
    if person.stop.wait(delay):
        return
    username, person_pk = targets["person"]
    ls_username, subject_pk = targets["subject"]
    clients: dict = {}
    turn = 0
    while not person.stop.is_set():
        started = time.monotonic()
        turn += 1
        for user, step, path, change in (
            (username, "literacy edit", f"/xoa-mu-chu/nhan-khau/{person_pk}/sua/", {"relation": f"Con {turn % 2}"}),
            (ls_username, "society edit", f"/xa-hoi-hoc-tap/doi-tuong/{subject_pk}/danh-gia/", {"note": f"Lần {turn}"}),
        ):
            if person.stop.is_set():
                return
            # One browser per account (the two edits may be two people's): each logs in once.
            if user not in clients:
                clients[user] = person.client if person.client.user is None else Client(person.client.port)
                clients[user].user = user
            person.client = clients[user]
            if not person.logged_in(user):
                continue
            status, html = timed(person.stats, person.client, person.journey, f"{step} page", "GET", path)
            if status != 200:
                continue
            data = {**main_form(html), **change}
            if step == "society edit":
                data["draft"] = ""
            timed(person.stats, person.client, person.journey, step, "POST", path, data, (302,))
        person.stop.wait(max(0.0, every - (time.monotonic() - started)))


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: the master's child processes (Linux /proc)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                pids.append(int(entry))
    return sorted(pids)


def cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except OSError:
        return 0


def warm_up_every_worker(master: int, port, principal, submission, period, threads: int, extra=(), max_rounds=8):
    """Warm-up until every worker has served the journeys: concurrent clients (more than the
    workers × threads, so the kernel hands connections to every worker) click through every page;
    a worker counts as warm once its CPU time (/proc) has grown by a page's worth (0.3 s), the marker
    that it imported the views and compiled the templates itself. Returns (warm, workers)."""
    workers = worker_pids(master)
    # Each worker imports the portal when it boots: wait until they are idle, so that boot is not
    # taken for the warm-up's pages.
    start = {pid: cpu_ticks(pid) for pid in workers}
    for _ in range(60):
        time.sleep(0.5)
        now = {pid: cpu_ticks(pid) for pid in workers}
        if now == start:
            break
        start = now
    tick = os.sysconf("SC_CLK_TCK")
    warm: set[int] = set()
    for _round in range(max_rounds):
        clients = [
            threading.Thread(target=warm_up, args=(port, principal, submission, period, 1, extra), daemon=True)
            for _ in range(max(2, threads))
        ]
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=120)
        warm = {pid for pid in workers if cpu_ticks(pid) - start[pid] >= 0.3 * tick}
        if len(warm) == len(workers):
            break
    return len(warm), len(workers)


def warm_up(port, principal, submission, period, rounds, extra=()):
    """A server that has been running: every worker has imported its views and compiled the
    journeys' templates. One principal and one officer click through every page `rounds` times
    before the clock starts; none of this is in the statistics."""
    never = threading.Event()
    principal_side = Person(Stats(), port, "principal", never, (0, 0), seed=-1)
    officer_side = Person(Stats(), port, "officer", never, (0, 0), seed=-2)
    if not principal_side.login(principal) or not officer_side.login(OFFICER):
        sys.exit("Warm-up: the demo logins were refused; see /tmp/bench_load_gunicorn.log")
    for _ in range(rounds):
        principal_side.page("login page", "GET", "/tai-khoan/dang-nhap/")
        for path in ["/", "/bao-cao/can-nop/", f"/bao-cao/bao-cao/{submission}/"]:
            principal_side.page("", "GET", path)
        for path in ["/", f"/bao-cao/ky/{period}/", f"/bao-cao/ky/{period}/tong-hop/", "/don-vi/", *extra]:
            officer_side.page("", "GET", path)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] * 1000


def think_range(text):
    """ "2,5" → (2.0, 5.0); "0" → no think time."""
    parts = [float(p) for p in text.split(",")]
    low, high = (parts[0], parts[0]) if len(parts) == 1 else parts[:2]
    if low < 0 or high < low:
        raise argparse.ArgumentTypeError("--think MIN,MAX with 0 <= MIN <= MAX")
    return low, high


def run_users(port, targets, principals, users, duration, think, ramp):
    """`users` people at once on the server at `port` for `duration` seconds: principals and
    officers in turn, user 1 the editor. Returns the statistics and the seconds it took."""
    stats, stop = Stats(), threading.Event()
    threads = []
    for i in range(users):
        person = Person(stats, port, "principal" if i % 2 == 0 else "officer", stop, think, seed=i)
        delay = ramp * i / users
        if i == 1:
            person.journey = "editor"
            target = (editor_journey, (person, delay, targets))
        elif i % 2 == 0:
            username, submission = principals[(i // 2) % len(principals)]
            target = (principal_journey, (person, delay, username, submission))
        else:
            target = (officer_journey, (person, delay, targets["period"]))
        threads.append(threading.Thread(target=target[0], args=target[1], daemon=True))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(duration)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return stats, time.perf_counter() - started


def report(stats, elapsed) -> int:
    """Prints the figures; 1 when a request failed."""
    every = [t for values in stats.times.values() for t in values]
    print(f"\nrequests: {len(every)} in {elapsed:.1f} s = {len(every) / elapsed:.1f} req/s")
    for journey, values in sorted(stats.times.items()) + [("all", every)]:
        print(
            f"  {journey:10s} n={len(values):6d}  p50={pct(values, 50):7.1f} ms  p95={pct(values, 95):7.1f} ms  "
            f"p99={pct(values, 99):7.1f} ms  mean={statistics.mean(values) * 1000:7.1f} ms"
        )
    print("per page (p50 / p95 ms):")
    for step, values in sorted(stats.steps.items()):
        print(f"  {step:24s} n={len(values):6d}  {pct(values, 50):7.1f} / {pct(values, 95):7.1f}")
    slow = {step: sum(1 for t in values if t >= 0.3) for step, values in sorted(stats.steps.items())}
    print(
        "requests of 300 ms or more, by page: "
        + (", ".join(f"{step} {n}" for step, n in slow.items() if n) or "none")
        + f" (the slowest 5% are {len(every) // 20} requests)"
    )
    errors = sum(stats.errors.values())
    print(f"errors: {errors}" + "".join(f"\n  {k}: {v}" for k, v in sorted(stats.errors.items())))
    print(f"save-draft conflicts (409, the later saver is told): {stats.conflicts}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    p95 = pct(every, 95)
    print(f"target: 0 errors and p95 < 300 ms → {'MET' if errors == 0 and p95 < 300 else 'NOT MET'} (p95 {p95:.0f} ms)")
    return 1 if errors else 0


def find_targets(run_shell) -> tuple[dict, list]:
    """The period, the principals' submissions and the editor's targets, by FIND_TARGETS run in a
    Django shell (`run_shell(code) -> printed text`)."""
    out = run_shell(FIND_TARGETS % (PRINCIPALS,))
    targets = json.loads(out.split("TARGETS", 1)[1])
    principals = [(u, s) for u, s in targets["submissions"].items()]
    if not principals or "period" not in targets:
        sys.exit("The demo data has no report submission to open.")
    if "person" not in targets or "subject" not in targets:
        sys.exit(f"The demo data has no person or learning-society subject a demo user may edit: {targets}")
    return targets, principals


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds, ramp-up included")
    parser.add_argument("--think", type=think_range, default=(2.0, 5.0), help="MIN,MAX seconds after each page")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the users start")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="gdtx_bench_load", help="the throw-away database's name")
    parser.add_argument("--smoke", action="store_true", help="A short run (CI): 4 users for 12 s, 2 workers")
    parser.add_argument("--reuse", action="store_true", help="keep the database seeded by a previous run")
    parser.add_argument(
        "--no-warmup", dest="warmup", action="store_false", help="start measuring on freshly booted workers"
    )
    args = parser.parse_args()
    if args.smoke:
        args.users, args.duration, args.ramp, args.think, args.workers = 4, 12, 1.0, (0.5, 1.0), args.workers or 2
    if "bench" not in args.database:
        sys.exit("Refusing to drop a database whose name does not contain 'bench'.")

    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    db_url = f"{base}/{args.database}"
    env = dict(
        os.environ,
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="gdtx_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
    )
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    if not args.reuse:
        print(f"Preparing a throw-away database {args.database} (migrate + seed_demo)...", flush=True)
        sh(["psql", f"{base}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{args.database}"'], env)
        sh(["psql", f"{base}/postgres", "-qc", f'CREATE DATABASE "{args.database}"'], env)
        sh([PY, "manage.py", "migrate", "--no-input"], env)
        sh([PY, "manage.py", "seed_demo"], env)
        # Planner statistics, as autovacuum keeps them on a live database: right after a bulk seed
        # PostgreSQL still believes the tables empty and picks nested loops over 40,000 people.
        sh(["psql", db_url, "-qc", "VACUUM ANALYZE"], env)
    # Always: a static file added since the last run must be in the manifest (else every page is a 500).
    sh([PY, "manage.py", "collectstatic", "--no-input"], env)
    targets, principals = find_targets(lambda code: sh([PY, "manage.py", "shell", "-c", code], env))
    config = sh([GUNICORN, "--print-config", "-c", GUNICORN_CONF, "gdtx_portal.wsgi"], env)
    setting = dict(re.findall(r"^(\w+)\s*=\s*(.*)$", config, re.M))

    server = subprocess.Popen(
        [GUNICORN, "-c", GUNICORN_CONF, "gdtx_portal.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open("/tmp/bench_load_gunicorn.log", "w"),  # noqa: SIM115 (lives as long as the server)
    )
    try:
        for _ in range(100):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", args.port, timeout=1)
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            sys.exit("gunicorn did not answer /healthz; see /tmp/bench_load_gunicorn.log")
        status, _location, _html = Client(args.port).request("GET", "/tai-khoan/dang-nhap/")
        if status != 200:
            sys.exit(f"The login page answers {status}; see /tmp/bench_load_gunicorn.log")
        slots = int(setting.get("workers", 1)) * int(setting.get("threads", 1))
        warmed = ""
        if args.warmup:
            warm, workers = warm_up_every_worker(
                server.pid,
                args.port,
                principals[0][0],
                principals[0][1],
                targets["period"],
                threads=2 * slots,
                extra=[f"/xoa-mu-chu/nhan-khau/{targets['person'][1]}/sua/", "/xoa-mu-chu/", "/xa-hoi-hoc-tap/"],
            )
            warmed = f" ({warm} of {workers} workers)"
            if warm < workers:
                print(f"warning: the warm-up reached {warm} of {workers} workers", flush=True)
        think = f"{args.think[0]:g}–{args.think[1]:g} s" if args.think[1] else "none"
        print(
            f"{args.users} users ({len(principals)} principals' reports, period {targets['period']}, one editor), "
            f"think time {think} after each page, ramp-up {args.ramp:g} s, {args.duration} s in all "
            f"(logins counted)\ngunicorn: {setting.get('workers')} workers × {setting.get('threads')} threads "
            f"({setting.get('worker_class')}), {'warmed up' + warmed if args.warmup else 'cold'}, "
            f"{os.cpu_count()} cores, "
            f"load average before "
            f"{os.getloadavg()[0]:.2f}...",
            flush=True,
        )
        stats, elapsed = run_users(args.port, targets, principals, args.users, args.duration, args.think, args.ramp)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    return report(stats, elapsed)


if __name__ == "__main__":
    sys.exit(main())
