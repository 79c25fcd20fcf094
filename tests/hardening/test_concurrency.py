"""Two people save the same report at the same moment: one wins, the other is told, nothing is lost.

Two threads, each with its own database connection, call the real service at once with the
version number their page showed. The row lock (select_for_update on PostgreSQL, the IMMEDIATE
write lock on SQLite) serialises them; the second then sees a newer version and is refused with
a message instead of overwriting the first person's numbers.

The suite's SQLite database is in memory with a shared cache, where a lock is refused at once
("table is locked") instead of being waited for as the portal's file database does (timeout 20 s
in settings/base.py); `_as_the_file_database_would` waits the same way so the test means the same
on both engines. Run with DATABASE_URL=postgres://... for real row locks.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection

from reports import services
from reports.models import Submission
from tests.factories import World
from tests.reports.helpers import open_period, submission_of

pytestmark = pytest.mark.django_db(transaction=True)


def _value(submission, code):
    from tests.reports.test_services import _value as read

    return read(submission, code)


def _as_the_file_database_would(call):
    for _ in range(400):
        try:
            return call()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.05)
    raise AssertionError("the other save never released its lock")


def test_two_people_saving_the_same_report_at_once(settings):
    world = World()
    sub = submission_of(open_period(world), world.school)
    page_version = sub.version
    barrier = threading.Barrier(2)
    outcome = {}

    def save(user, number):
        try:
            barrier.wait(timeout=30)
            _as_the_file_database_would(
                lambda: services.submission_save(
                    actor=user,
                    submission=Submission.objects.get(pk=sub.pk),
                    raw_values={"R01.TS": number},
                    expected_version=page_version,
                )
            )
            outcome[user.username] = "saved"
        except services.VersionConflict as exc:
            outcome[user.username] = exc.messages[0]
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(world.principal, "10")),
        threading.Thread(target=save, args=(world.school_staff, "99")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcome) == ["principal", "teacher"]
    winners = [name for name, result in outcome.items() if result == "saved"]
    assert len(winners) == 1, outcome
    loser = next(name for name in outcome if name not in winners)
    assert "người khác lưu" in outcome[loser]
    expected = 10 if winners == ["principal"] else 99
    sub.refresh_from_db()
    assert sub.version == page_version + 1
    assert _value(sub, "R01.TS") == expected
