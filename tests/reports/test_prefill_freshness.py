"""Pre-filled cells that went stale (issue 14, item 2): the centre logs activities after the period
opened; the grid marks the cell with both figures, the unit takes the new one with one click (an
ordinary, audited save), submitting asks to confirm, the office sees the marker too, a figure typed
by hand is never "stale", a locked report is only marked."""

import pytest
from django.urls import reverse

from reports import services
from reports.models import DataValue, Submission, ValueChange
from tests.centers.helpers import make_activity

from .helpers import open_period, save, small_form_data, submission_of

SOURCE = "Sổ hoạt động, thu chi của TTHTCĐ"


@pytest.fixture
def centre_report(world):
    """A form whose R02.TS ("Số người tham gia") is pre-filled from the centre's activity book; the
    period opens when the book counts 591 participants."""
    data = small_form_data()
    row = data["sections"][0]["rows"][1]
    row["label"] = "Số người tham gia"
    row["cells"]["TS"]["provider"] = "centers.participants"
    form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
    services.form_publish(actor=world.officer, form=form)
    make_activity(world.centre, participants=591)
    sub = submission_of(open_period(world, form=form), world.centre)
    assert _value(sub, "R02.TS") == 591
    return sub


def _value(sub, key):
    row, col = key.split(".")
    return DataValue.objects.get(submission=sub, cell__row__code=row, cell__column__code=col).number


def _log_more_activities(world):
    for participants in (200, 100, 79):
        make_activity(world.centre, participants=participants)


def _page(client, sub):
    return client.get(reverse("reports:submission", args=[sub.pk])).content.decode()


def test_an_activity_logged_after_the_period_opened_marks_the_cell_with_both_figures(world, login, centre_report):
    sub = centre_report
    html = _page(login(world.director), sub)
    assert 'data-stale="R02.TS"' not in html
    _log_more_activities(world)
    html = _page(login(world.director), sub)
    assert 'data-stale="R02.TS"' in html
    assert "Nguồn đã đổi: 591 → <strong>970</strong>" in html
    assert "Số người tham gia: 591 → 970 (theo " + SOURCE in html
    assert 'name="key" value="R02.TS"' in html  # the one-click button of the cell
    assert _value(sub, "R02.TS") == 591  # looking changes nothing


def test_one_click_takes_the_new_figure_through_the_audited_save(world, login, centre_report):
    sub = centre_report
    _log_more_activities(world)
    client = login(world.director)
    response = client.post(
        reverse("reports:submission_refresh", args=[sub.pk]), {"version": sub.version, "key": "R02.TS"}
    )
    assert response.status_code == 302
    assert _value(sub, "R02.TS") == 970 and _value(sub, "R03.TS") == 970  # the total follows
    dv = DataValue.objects.get(submission=sub, cell__row__code="R02", cell__column__code="TS")
    assert dv.from_provider  # still the portal's figure: it can go stale again
    change = ValueChange.objects.get(submission=sub, cell=dv.cell)
    assert (change.old_value, change.new_value) == ("591", "970")
    assert change.note.startswith("Cập nhật từ: " + SOURCE) and change.changed_by == world.director
    assert 'data-stale="R02.TS"' not in _page(client, sub)


def test_update_all_takes_every_stale_figure(world, login, centre_report):
    sub = centre_report
    _log_more_activities(world)
    login(world.director).post(reverse("reports:submission_refresh", args=[sub.pk]), {"version": sub.version})
    assert _value(sub, "R02.TS") == 970


def test_submitting_with_a_stale_cell_warns_with_the_list_then_a_confirmation_submits(world, login, centre_report):
    sub = centre_report
    _log_more_activities(world)
    client = login(world.director)
    data = {"version": sub.version, "comment": "", "v:R01.TS": "5", "v:R02.TS": "591"}
    response = client.post(reverse("reports:submission", args=[sub.pk]), {**data, "action": "submit"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-stale-warning" in html and "Số người tham gia: 591 → 970 (theo " + SOURCE in html
    assert 'value="submit_confirmed"' in html
    sub.refresh_from_db()
    assert sub.status == Submission.Status.DRAFT and _value(sub, "R01.TS") == 5  # saved, not submitted
    data["version"] = sub.version
    response = client.post(reverse("reports:submission", args=[sub.pk]), {**data, "action": "submit_confirmed"})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == Submission.Status.SUBMITTED and _value(sub, "R02.TS") == 591
    # Locked: only marked, never changed; the office reviewer sees the marker too.
    html = _page(login(world.officer), sub)
    assert 'data-stale="R02.TS"' in html and "Nguồn đã đổi: 591 → 970" in html
    assert _value(sub, "R02.TS") == 591


def test_the_submit_service_refuses_until_confirmed(world, centre_report):
    sub = centre_report
    sub = save(sub, world.director, {"R01.TS": "5"})
    _log_more_activities(world)
    with pytest.raises(services.StaleFigures) as exc:
        services.submission_submit(actor=world.director, submission=sub, expected_version=sub.version)
    [figure] = exc.value.figures
    assert (figure.label, figure.stored, figure.current) == ("Số người tham gia", 591, 970)
    services.submission_submit(actor=world.director, submission=sub, expected_version=sub.version, stale_confirmed=True)
    sub.refresh_from_db()
    assert sub.status == Submission.Status.SUBMITTED


def test_a_hand_typed_cell_is_not_stale_but_shows_the_portal_figure(world, login, centre_report):
    sub = centre_report
    save(sub, world.director, {"R01.TS": "5", "R02.TS": "600"})
    _log_more_activities(world)
    html = _page(login(world.director), sub)
    assert 'data-stale="R02.TS"' not in html and "data-stale-list" not in html
    assert 'data-portal-figure="R02.TS"' in html and "Số của cổng: 970" in html
    assert services.stale_figures(sub) == []
    sub.refresh_from_db()
    services.submission_submit(actor=world.director, submission=sub, expected_version=sub.version)  # no warning
    login(world.director).post(reverse("reports:submission_refresh", args=[sub.pk]), {"version": sub.version})
    assert _value(sub, "R02.TS") == 600


def test_the_page_runs_the_same_queries_whatever_the_number_of_activities(
    world, login, centre_report, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sub = centre_report
    client = login(world.director)
    _page(client, sub)
    with CaptureQueriesContext(connection) as few:
        _page(client, sub)
    for _ in range(4):
        _log_more_activities(world)
    with django_assert_num_queries(len(few)):
        assert 'data-stale="R02.TS"' in _page(client, sub)
