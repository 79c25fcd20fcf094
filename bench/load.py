"""Load: 50 people at once through the principal's and the officer's journeys, for 60 seconds.

    .venv/bin/python bench/load.py [--users 50] [--duration 60] [--think 2,5] [--ramp 10]
                                   [--workers N] [--reuse] [--no-warmup]

Creates a throw-away PostgreSQL database gdtx_bench_load (127.0.0.1:5432, user postgres; override
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
Before the clock starts, one principal and one officer click through every page a few times per
worker thread, so the test meets a server that has been running (views imported, templates
compiled), not one booted a second ago; --no-warmup measures the cold start instead.

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


def warm_up(port, principal, submission, period, rounds):
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
        for path in ["/", f"/bao-cao/ky/{period}/", f"/bao-cao/ky/{period}/tong-hop/", "/don-vi/"]:
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds, ramp-up included")
    parser.add_argument("--think", type=think_range, default=(2.0, 5.0), help="MIN,MAX seconds after each page")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the users start")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reuse", action="store_true", help="keep the database seeded by a previous run")
    parser.add_argument(
        "--no-warmup", dest="warmup", action="store_false", help="start measuring on freshly booted workers"
    )
    args = parser.parse_args()

    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    db_url = f"{base}/gdtx_bench_load"
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
        print("Preparing a throw-away database gdtx_bench_load (migrate + seed_demo)...", flush=True)
        sh(["psql", f"{base}/postgres", "-qc", "DROP DATABASE IF EXISTS gdtx_bench_load"], env)
        sh(["psql", f"{base}/postgres", "-qc", "CREATE DATABASE gdtx_bench_load"], env)
        sh([PY, "manage.py", "migrate", "--no-input"], env)
        sh([PY, "manage.py", "seed_demo"], env)
        # Planner statistics, as autovacuum keeps them on a live database: right after a bulk seed
        # PostgreSQL still believes the tables empty and picks nested loops over 40,000 people.
        sh(["psql", db_url, "-qc", "VACUUM ANALYZE"], env)
        sh([PY, "manage.py", "collectstatic", "--no-input"], env)
    out = sh([PY, "manage.py", "shell", "-c", FIND_TARGETS % (PRINCIPALS,)], env)
    targets = json.loads(out.split("TARGETS", 1)[1])
    principals = [(u, s) for u, s in targets["submissions"].items()]
    if not principals or "period" not in targets:
        sys.exit("The demo data has no report submission to open.")
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
        workers = int(setting.get("workers", 1)) * int(setting.get("threads", 1))
        if args.warmup:
            warm_up(args.port, principals[0][0], principals[0][1], targets["period"], rounds=2 * workers)
        stats, stop = Stats(), threading.Event()
        threads = []
        for i in range(args.users):
            person = Person(stats, args.port, "principal" if i % 2 == 0 else "officer", stop, args.think, seed=i)
            delay = args.ramp * i / args.users
            if i % 2 == 0:
                username, submission = principals[(i // 2) % len(principals)]
                target = (principal_journey, (person, delay, username, submission))
            else:
                target = (officer_journey, (person, delay, targets["period"]))
            threads.append(threading.Thread(target=target[0], args=target[1], daemon=True))
        think = f"{args.think[0]:g}–{args.think[1]:g} s" if args.think[1] else "none"
        print(
            f"{args.users} users ({len(principals)} principals' reports, period {targets['period']}), "
            f"think time {think} after each page, ramp-up {args.ramp:g} s, {args.duration} s in all "
            f"(logins counted)\ngunicorn: {setting.get('workers')} workers × {setting.get('threads')} threads "
            f"({setting.get('worker_class')}), {'warmed up' if args.warmup else 'cold'}, {os.cpu_count()} cores, "
            f"load average before "
            f"{os.getloadavg()[0]:.2f}...",
            flush=True,
        )
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(args.duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

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


if __name__ == "__main__":
    sys.exit(main())
