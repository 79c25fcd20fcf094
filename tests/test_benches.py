"""Every bench script runs, at a tiny size (issue 20: bench/literacy_standard.py had stopped running
and nobody saw it). Each bench's main() runs in this process with --smoke, inside the test database
(bench.database.IN_TEST: nothing wiped, no second migrate), and must print its cross-check and its
ratio. Which benches run is chosen when the tests are collected: bench/load.py only on PostgreSQL
(it is a PostgreSQL bench; here its users, with the editor, run against the live server of the test
database). Not here: bench/faults.py (it restarts the PostgreSQL cluster), bench/pages.py and
bench/scale.py (they measure the database load.py or scale.py builds)."""

import contextlib
import importlib
import io
import os
import sys

import pytest
from django.core.management import call_command

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")

# bench → what its smoke run must print (its cross-check, then its ratio).
BENCHES = {
    "literacy_standard": ["cross-check: 183 figures of 3 communes agree", "ratio portal / scan baseline"],
    "rollup": ["all 200 cells checked on each of 3 runs", "Roll-up ratio portal ÷ hand-written SQL"],
    "import_households": ["cross-check: 3,800 values, the same in both rounds", "ratio portal / baseline"],
}
ON_THE_DEMO = {
    "annual_report": ["ratio portal / baseline"],
    **({"load": ["errors: 0"]} if ON_POSTGRESQL else {}),
}


def run_main(name: str, monkeypatch) -> str:
    import bench.database

    monkeypatch.setattr(bench.database, "IN_TEST", True)
    environ = dict(os.environ)
    module = importlib.import_module(f"bench.{name}")
    os.environ.clear()  # a bench's defaults (DATABASE_URL of its own file) must not outlive it
    os.environ.update(environ)
    monkeypatch.setattr(sys, "argv", [f"bench/{name}.py", "--smoke"])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        module.main()
    return out.getvalue()


@pytest.mark.parametrize("name", BENCHES)
def test_the_bench_runs_checks_every_value_and_prints_its_ratio(name, db, monkeypatch):
    printed = run_main(name, monkeypatch)
    for line in BENCHES[name]:
        assert line in printed, printed


@pytest.fixture(scope="module")
def demo_district(django_db_setup, django_db_blocker):
    """seed_demo once for the benches that read the demo district, committed (the live server's
    threads read it); flushed at the end as a transactional test leaves its database. With every
    module's demo data: load.py's users open reports, people and subjects, and the pages bench opens
    every page of the journeys."""
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def run_load(live_server) -> str:
    """bench/load.py's users (principals, officers and the editor) for a few seconds against the
    live server: the targets found as the bench finds them, every request answered as expected."""
    from bench import load

    def shell(code: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(code, {"__name__": "bench_targets"})
        return out.getvalue()

    targets, principals = load.find_targets(shell)
    port = int(live_server.url.rsplit(":", 1)[1])
    stats, elapsed = load.run_users(port, targets, principals, 4, 6, (0.2, 0.4), 0.5)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        load.report(stats, elapsed)
    assert stats.steps["editor/literacy edit"] and stats.steps["editor/society edit"], dict(stats.steps)
    return out.getvalue()


@pytest.mark.parametrize("name", ON_THE_DEMO)
def test_the_bench_on_the_demo_district_runs(name, demo_district, db, monkeypatch, request):
    printed = run_load(request.getfixturevalue("live_server")) if name == "load" else run_main(name, monkeypatch)
    for line in ON_THE_DEMO[name]:
        assert line in printed, printed


def test_every_page_bench_pages_measures_answers_on_the_demo(demo_district, db):
    # bench/pages.py and bench/scale.py measure these pages on databases built apart; here each page
    # of the three journeys (and the whole-office pages) must answer on the demo, so neither bench
    # can silently lose a page.
    from bench import pages

    printed = io.StringIO()
    rows = pages.measure(pages.journeys(extra=True), 1, out=lambda line: printed.write(line + "\n"))
    measured = {row["page"] for row in rows}
    for page in ("principal/open report", "officer/period units", "officer/centres", "director/yearly report"):
        assert page in measured, measured
    assert all(row["queries"] > 0 for row in rows), printed.getvalue()
